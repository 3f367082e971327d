import type { Executor } from '../deps.ts';
import { listDefinitions, type ObjectTypeDocument } from '../definitions/index.ts';
import { t0Columns, type T0 } from './t0.ts';

/** A start date a report may age from: a document column (the screens name it) or a custom date field (its title). */
export interface T0Choice {
  value: T0;
  /** The custom field's title; null for the document columns, which screens name in their own words. */
  title: string | null;
}

/**
 * What aging can start from in this tenant: the document dates every receivable has, then each date field the
 * published `receivable` object types keep (order, shipment, revenue recognition, estimate, manual dates, …).
 */
export async function t0Choices(db: Executor, tenantId: string): Promise<T0Choice[]> {
  const custom = new Map<string, string>();
  for (const v of await listDefinitions(db, tenantId, 'object-type')) {
    const doc = v.document as ObjectTypeDocument;
    if (v.status !== 'published' || doc.appliesTo !== 'receivable') continue;
    for (const [name, field] of Object.entries(doc.fields.properties)) {
      const f = field as { format?: string; title?: string };
      if (f.format === 'date' && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) custom.set(name, f.title ?? name);
    }
  }
  return [
    ...t0Columns.map((value) => ({ value, title: null })),
    // by title: the stored document keeps no field order (jsonb orders keys by length)
    ...[...custom]
      .sort(([, a], [, b]) => a.localeCompare(b))
      .map(([name, title]) => ({ value: `custom.${name}` as T0, title })),
  ];
}
