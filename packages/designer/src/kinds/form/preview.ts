import type { FormDoc } from './doc.ts';

/**
 * The schema and UI schema a requester's form renders with for the server's field states: fields the
 * conditions hide are not shown, fields they require are required.
 */
export function effectiveForm(doc: FormDoc, states: { hidden: readonly string[]; required: readonly string[] }) {
  const properties = Object.fromEntries(
    Object.entries(doc.schema?.properties ?? {}).filter(([name]) => !states.hidden.includes(name)),
  );
  const required = [...new Set([...(doc.schema?.required ?? []), ...states.required])].filter((n) => n in properties);
  return { schema: { ...doc.schema, properties, required }, uiSchema: doc.uiSchema ?? {} };
}

/** `/data/amount` → `/amount`: the server's pointers into a submission, as the form's own. */
export const dataErrors = (errors: readonly { pointer: string; reason: string }[]) =>
  errors
    .filter((e) => e.pointer === '/data' || e.pointer.startsWith('/data/'))
    .map((e) => ({ pointer: e.pointer.slice('/data'.length) || '/', reason: e.reason }));

/** A JSON-Logic member as the editor shows it: empty when absent. */
export const ruleText = (rule: unknown) => (rule === undefined ? '' : JSON.stringify(rule));

/** Sets or (with empty text) removes one rule of a field; throws on text that is not JSON. */
export function withRule(doc: FormDoc, where: 'prefill' | 'show' | 'require', field: string, text: string): FormDoc {
  const rule = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  if (where === 'prefill') {
    const prefill = { ...(doc.prefill ?? {}) };
    if (rule === undefined) delete prefill[field];
    else prefill[field] = rule;
    return { ...doc, prefill };
  }
  const conditions = { ...(doc.conditions ?? {}) };
  const c = { ...(conditions[field] ?? {}) };
  if (rule === undefined) delete c[where];
  else c[where] = rule;
  if (Object.keys(c).length) conditions[field] = c;
  else delete conditions[field];
  return { ...doc, conditions };
}
