// Reads the Prisma schema into the DMMF datamodel with Prisma's own schema parser (WebAssembly).
import fs from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type { Datamodel } from './ddl';

export const SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'prisma', 'schema.prisma');

export function loadDatamodel(schemaText = fs.readFileSync(SCHEMA_PATH, 'utf8')): Datamodel {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schemaText]] })));
  return dmmf.datamodel as Datamodel;
}
