/** The form's UI schema with the fields its conditions hide (pointers like /courtCase) set to the hidden widget. */
export function hideFields(uiSchema: Record<string, unknown>, hidden: readonly string[]): Record<string, unknown> {
  if (!hidden.length) return uiSchema;
  const out: Record<string, unknown> = { ...uiSchema };
  for (const pointer of hidden) {
    const name = pointer.replace(/^\//, '').replace(/^data\//, '');
    if (!name || name.includes('/')) continue;
    out[name] = { ...((out[name] as Record<string, unknown> | undefined) ?? {}), 'ui:widget': 'hidden' };
  }
  return out;
}
