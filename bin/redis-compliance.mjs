#!/usr/bin/env -S node --max-semi-space-size=4
// A small young generation keeps the keyspace audit's peak RSS flat (measured: 5M keys 164 → 141 MB,
// same speed): it allocates short-lived key strings fast, and V8 grows the semi-spaces with the rate.
// Entry point of `npx redis-compliance`: runs the TypeScript CLI through tsx, with the project's
// tsconfig (for the `@/` alias) whatever the caller's working directory is.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');
// Commands that read the app database (evidence, audit-log) find it where the app keeps it.
process.env.APP_ROOT ??= root;

const { register: registerCjs } = await import('tsx/cjs/api');
const { register: registerEsm } = await import('tsx/esm/api');
registerCjs();
registerEsm({ tsconfig: process.env.TSX_TSCONFIG_PATH });

const cli = await import(pathToFileURL(path.join(root, 'lib/cli/main.ts')).href);
// The TypeScript module is CommonJS (package.json has no "type"): its exports sit on `default`.
const main = cli.main ?? cli.default.main;
const code = await main(process.argv.slice(2));
// Exit now rather than wait for sockets of a target that timed out to close by themselves, but only
// once stdout and stderr are flushed: a pipe takes at most 64 KB at once, and a larger JSON document
// would otherwise be cut off (an empty write's callback runs after the writes queued before it).
const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
