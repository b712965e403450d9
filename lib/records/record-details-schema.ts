// Validation of a process record's kind-specific fields, built from the field table (record-kinds.ts).
// Input is form text (checkboxes send "on"); output is the typed claims stored in ProcessRecord.details.
// Every message names the field and what to enter.
import { z } from 'zod';
import { RECORD_KINDS, type FieldSpec, type RecordKind } from './record-kinds';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** `2026-03-01` or `2026-03-01T14:30` (UTC) → ISO string. */
export const utcDate = () =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/, 'enter a date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM, UTC)')
    .transform((v, ctx) => {
      const date = new Date(/T/.test(v) ? (v.endsWith('Z') ? v : `${v}Z`) : `${v}T00:00:00Z`);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: 'custom', message: `${v} is not a real date` });
        return z.NEVER;
      }
      return date.toISOString();
    });

function listOf(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function fieldSchema(field: FieldSpec): z.ZodType {
  switch (field.type) {
    case 'text': {
      const text = z.string().trim().max(2000, 'keep it under 2000 characters');
      return field.required
        ? z.preprocess(blankToUndefined, text.min(1).optional()).refine((v) => v !== undefined, 'required')
        : z.preprocess(blankToUndefined, text.optional()).transform((v) => v ?? null);
    }
    case 'number': {
      let n = z.coerce.number({ message: 'enter a number' }).int('enter a whole number');
      if (field.min !== undefined) n = n.min(field.min, `at least ${field.min}`);
      if (field.max !== undefined) n = n.max(field.max, `at most ${field.max}`);
      return field.required
        ? z.preprocess(blankToUndefined, n.optional()).refine((v) => v !== undefined, 'required')
        : z.preprocess(blankToUndefined, n.optional()).transform((v) => v ?? null);
    }
    case 'boolean':
      return z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === 'yes', z.boolean());
    case 'list': {
      const list = z.preprocess((v) => (typeof v === 'string' ? listOf(v) : v ?? []), z.array(z.string().max(300)).max(500));
      return field.required ? list.refine((v) => v.length > 0, 'give at least one entry') : list;
    }
    case 'date': {
      const date = utcDate();
      return field.required
        ? z.preprocess(blankToUndefined, date.optional()).refine((v) => v !== undefined, 'required')
        : z.preprocess(blankToUndefined, date.optional()).transform((v) => v ?? null);
    }
    case 'select':
      return z.enum(field.options as unknown as [string, ...string[]], { message: `choose one of ${field.options.join(', ')}` });
    case 'decisions':
      return z.preprocess(
        (v) => (typeof v === 'string' ? v.split('\n').map((l) => l.trim()).filter(Boolean) : v ?? []),
        z
          .array(
            z.string().transform((line, ctx) => {
              const match = /^(.+?)\s*:\s*(keep|remove)$/i.exec(line);
              if (!match) {
                ctx.addIssue({ code: 'custom', message: `write "${line}" as "user: keep" or "user: remove"` });
                return z.NEVER;
              }
              return { name: match[1].trim(), decision: match[2].toLowerCase() as 'keep' | 'remove' };
            }),
          )
          .min(1, 'give a decision for at least one user'),
      );
  }
}

export function detailsSchema(kind: RecordKind) {
  const fields: readonly FieldSpec[] = RECORD_KINDS[kind].fields;
  return z.object(Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)]))).strip();
}

/** Every problem as "<form label>: <what to enter>", the way the form shows the field. */
export function describeDetailsError(kind: RecordKind, error: z.ZodError): string {
  const labels = new Map<string, string>(RECORD_KINDS[kind].fields.map((f: FieldSpec) => [f.name, f.label]));
  return error.issues.map((i) => `${labels.get(String(i.path[0])) ?? i.path.join('.')}: ${i.message}`).join('; ');
}
