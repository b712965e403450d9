// Every server action must pass the guard. Server actions are POST endpoints anyone can call with
// an action id, so this checks each 'use server' module: every exported function reaches
// requireAction() with a permission from the table (the HTTP matrix in e2e covers pages and APIs).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/auth/roles';

function serverActionModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return serverActionModules(full);
    return /\.tsx?$/.test(e.name) && /^['"]use server['"]/m.test(fs.readFileSync(full, 'utf8')) ? [full] : [];
  });
}

const modules = serverActionModules(path.join(process.cwd(), 'app'));

describe('server actions', () => {
  it('exist (the admin users page has some)', () => {
    expect(modules.length).toBeGreaterThan(0);
  });

  for (const file of modules) {
    it(`${path.relative(process.cwd(), file)}: every exported action is guarded`, () => {
      const source = fs.readFileSync(file, 'utf8');
      const permissions = [...source.matchAll(/requireAction\('([^']+)'/g)].map((m) => m[1]);
      expect(permissions.length).toBeGreaterThan(0);
      for (const p of permissions) expect(Object.keys(PERMISSIONS)).toContain(p);
      const exported = [...source.matchAll(/export async function (\w+)/g)].map((m) => m[1]);
      expect(exported.length).toBeGreaterThan(0);
      for (const name of exported) {
        const body = source.slice(source.indexOf(`export async function ${name}`)).split(/\nexport /)[0];
        expect(body, name).toMatch(/requireAction\(|guarded\(/);
      }
    });
  }
});
