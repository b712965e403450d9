// Renders SQL DDL for SQLite and PostgreSQL from the Prisma DMMF. Prisma's schema engine is a
// native binary downloaded at first use, which machines without internet access cannot fetch, so
// migrations are produced here from the same schema and applied by lib/db/migrate.ts.
import type { DatabaseEngine } from './target';

export interface DmmfField {
  name: string;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  name?: string;
  dbName?: string;
  fields: { name: string }[];
}
export interface Datamodel {
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

const TYPES: Record<DatabaseEngine, Record<string, string>> = {
  sqlite: { String: 'TEXT', Int: 'INTEGER', BigInt: 'BIGINT', Float: 'REAL', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Json: 'JSONB' },
  postgresql: { String: 'TEXT', Int: 'INTEGER', BigInt: 'BIGINT', Float: 'DOUBLE PRECISION', Boolean: 'BOOLEAN', DateTime: 'TIMESTAMP(3)', Json: 'JSONB' },
};

const q = (name: string) => `"${name}"`;

function defaultClause(field: DmmfField): string {
  const d = field.default as { name?: string } | string | number | boolean | undefined;
  if (d === undefined) return '';
  if (typeof d === 'object' && d !== null) return d.name === 'now' ? ' DEFAULT CURRENT_TIMESTAMP' : '';
  if (typeof d === 'string') return ` DEFAULT '${d.replace(/'/g, "''")}'`;
  return ` DEFAULT ${String(d)}`;
}

export function columnSql(field: DmmfField, engine: DatabaseEngine): string {
  const type = TYPES[engine][field.type];
  if (!type) throw new Error(`no ${engine} column type for Prisma type ${field.type} (field ${field.name})`);
  return `${q(field.name)} ${type}${field.isRequired ? ' NOT NULL' : ''}${defaultClause(field)}${field.isId && engine === 'sqlite' ? ' PRIMARY KEY' : ''}`;
}

function onDelete(field: DmmfField): string {
  const action = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
  return { Cascade: 'CASCADE', SetNull: 'SET NULL', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetDefault: 'SET DEFAULT' }[action] ?? 'RESTRICT';
}

function foreignKeys(model: DmmfModel, all: DmmfModel[]) {
  return model.fields
    .filter((f) => f.kind === 'object' && f.relationFromFields && f.relationFromFields.length > 0)
    .map((f) => {
      const target = all.find((m) => m.name === f.type)!;
      const from = f.relationFromFields!;
      return {
        name: `${model.name}_${from.join('_')}_fkey`,
        sql: `FOREIGN KEY (${from.map(q).join(', ')}) REFERENCES ${q(target.dbName ?? target.name)} (${f.relationToFields!.map(q).join(', ')}) ON DELETE ${onDelete(f)} ON UPDATE CASCADE`,
      };
    });
}

export function indexName(index: DmmfIndex): string {
  return index.dbName ?? `${index.model}_${index.fields.map((f) => f.name).join('_')}_${index.type === 'unique' ? 'key' : 'idx'}`;
}

export function createIndexSql(index: DmmfIndex, table: string): string {
  return `CREATE ${index.type === 'unique' ? 'UNIQUE ' : ''}INDEX ${q(indexName(index))} ON ${q(table)}(${index.fields.map((f) => q(f.name)).join(', ')});`;
}

export function createTableSql(model: DmmfModel, dm: Datamodel, engine: DatabaseEngine): string {
  const table = model.dbName ?? model.name;
  const lines = model.fields.filter((f) => f.kind !== 'object').map((f) => `    ${columnSql(f, engine)}`);
  if (engine === 'postgresql') {
    const id = model.fields.find((f) => f.isId)!;
    lines.push(`    CONSTRAINT ${q(`${model.name}_pkey`)} PRIMARY KEY (${q(id.name)})`);
  } else {
    for (const fk of foreignKeys(model, dm.models)) lines.push(`    CONSTRAINT ${q(fk.name)} ${fk.sql}`);
  }
  return `CREATE TABLE ${q(table)} (\n${lines.join(',\n')}\n);`;
}

/** The whole schema from empty: tables, indexes, and (PostgreSQL) foreign keys. */
export function renderCreateSchema(dm: Datamodel, engine: DatabaseEngine): string {
  const out: string[] = [];
  for (const model of dm.models) {
    out.push(`-- ${model.name}`, createTableSql(model, dm, engine), '');
  }
  for (const index of dm.indexes.filter((i) => i.type === 'unique' || i.type === 'normal')) {
    const model = dm.models.find((m) => m.name === index.model)!;
    out.push(createIndexSql(index, model.dbName ?? model.name));
  }
  if (engine === 'postgresql') {
    out.push('');
    for (const model of dm.models) {
      for (const fk of foreignKeys(model, dm.models)) {
        out.push(`ALTER TABLE ${q(model.dbName ?? model.name)} ADD CONSTRAINT ${q(fk.name)} ${fk.sql};`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Additive changes from one datamodel to the next: new tables, new columns, new indexes.
 * Anything else (drops, type changes) is refused so a person writes that migration deliberately.
 */
export function renderAdditiveChanges(before: Datamodel, after: Datamodel, engine: DatabaseEngine): string {
  const out: string[] = [];
  const problems: string[] = [];
  for (const model of after.models) {
    const old = before.models.find((m) => m.name === model.name);
    const table = model.dbName ?? model.name;
    if (!old) {
      out.push(createTableSql(model, after, engine));
      if (engine === 'postgresql') for (const fk of foreignKeys(model, after.models)) out.push(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(fk.name)} ${fk.sql};`);
      continue;
    }
    for (const field of model.fields.filter((f) => f.kind !== 'object')) {
      const was = old.fields.find((f) => f.name === field.name);
      if (!was) {
        if (field.isRequired && !field.hasDefaultValue) problems.push(`${model.name}.${field.name} is required without a default: write this migration by hand`);
        out.push(`ALTER TABLE ${q(table)} ADD COLUMN ${columnSql(field, engine)};`);
      } else if (was.type !== field.type || was.isRequired !== field.isRequired) {
        problems.push(`${model.name}.${field.name} changed type or optionality: write this migration by hand`);
      }
    }
    for (const was of old.fields.filter((f) => f.kind !== 'object')) {
      if (!model.fields.some((f) => f.name === was.name)) problems.push(`${model.name}.${was.name} was removed: write this migration by hand`);
    }
  }
  for (const old of before.models) if (!after.models.some((m) => m.name === old.name)) problems.push(`model ${old.name} was removed: write this migration by hand`);
  const known = new Set(before.indexes.map(indexName));
  for (const index of after.indexes.filter((i) => (i.type === 'unique' || i.type === 'normal') && !known.has(indexName(i)))) {
    const model = after.models.find((m) => m.name === index.model)!;
    out.push(createIndexSql(index, model.dbName ?? model.name));
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return out.length ? `${out.join('\n')}\n` : '';
}
