// Every page and route handler under app/, as "page /path" or "METHOD /path" (dynamic segments kept
// as [name]), so tests cover routes nobody remembered to list.
import fs from 'node:fs';
import path from 'node:path';

export function discoverRoutes(): string[] {
  const root = path.join(process.cwd(), 'app');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^(page|route)\.tsx?$/.test(entry.name)) {
        const url = '/' + path.relative(root, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join('/');
        if (entry.name.startsWith('page')) found.push(`page ${url}`);
        else {
          const source = fs.readFileSync(full, 'utf8');
          for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
            if (new RegExp(`export (const|async function|\\{[^}]*\\b)${method}\\b`).test(source) || source.includes(`as ${method}`)) found.push(`${method} ${url}`);
          }
        }
      }
    }
  };
  walk(root);
  return found.sort();
}
