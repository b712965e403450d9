import { defineControl } from '../define-control';
import { inventoryRef, resolveClassification, resolveEnvironment } from '../support/inventory';
import { combine, failed, passed, undecided } from '../support/verdict';

export default defineControl('RED-INV-001', {
  expected: (t) =>
    `environment and data classification both set (override, or tags ${[...t.environmentTagKeys, ...t.classificationTagKeys].join(', ')})`,
  self(_facts, ctx) {
    if (!ctx.instance) {
      return combine([undecided('inventory', 'not_assessable', 'no inventory record supplied for this instance', [inventoryRef('')])]);
    }
    const environment = resolveEnvironment(ctx.instance, ctx);
    const classification = resolveClassification(ctx.instance, ctx);
    const description = ctx.instance.description?.trim();
    const advisory = !description || description === ctx.instance.id ? 'description missing or equal to the id' : null;
    const resolved = (name: string, r: typeof environment, field: string) =>
      r.value
        ? passed(name, { value: r.value, from: r.from }, [inventoryRef(field)])
        : failed(name, null, `${name} not set (no override, no matching tag)`, [inventoryRef(field)]);
    const verdict = combine([
      resolved('environment', environment, 'environment'),
      resolved('classification', classification, 'classification'),
    ]);
    return advisory ? { ...verdict, observed: { ...(verdict.observed as object), advisory } } : verdict;
  },
});
