import type { Executor } from '../deps.ts';
import { getDefinition } from '../definitions/index.ts';
import type { FormDocument } from '../forms/index.ts';

/** A form field as a reader of a filed request sees it: its name and its title in the form version it was filed on. */
export interface FormField {
  name: string;
  title: string | null;
}

/**
 * The fields of the exact form version a request was filed on, in the form's order, without the hidden ones:
 * what an approver reads beside the data (approvers need not read definitions).
 */
export async function formFields(db: Executor, tenantId: string, key: string, version: number): Promise<FormField[]> {
  const form = await getDefinition<FormDocument>(db, tenantId, 'form', key, version);
  const props = (form.document.schema as { properties?: Record<string, { title?: unknown }> }).properties ?? {};
  const ui = (form.document.uiSchema ?? {}) as Record<string, { 'ui:widget'?: unknown } | string[] | undefined>;
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]).filter((n) => n in props) : [];
  const names = [...order, ...Object.keys(props).filter((n) => !order.includes(n))];
  return names
    .filter((n) => (ui[n] as { 'ui:widget'?: unknown } | undefined)?.['ui:widget'] !== 'hidden')
    .map((name) => ({ name, title: typeof props[name]?.title === 'string' ? (props[name]!.title as string) : null }));
}
