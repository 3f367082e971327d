import fc from 'fast-check';
import { asc } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/support/test-db.ts';
import { rows as query, sql } from './db.ts';
import { insertRows } from './insert-rows.ts';
import { businessDate, money } from './schema/types.ts';

const shape = (name: string) =>
  pgTable(name, {
    id: integer('id').notNull(),
    amount: money('amount'),
    day: businessDate('day'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }),
    doc: jsonb('doc'),
    tags: text('tags').array(),
    note: text('note').default('none'),
    created: timestamp('created', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  });
const viaDrizzle = shape('insert_rows_drizzle');
const viaJson = shape('insert_rows_json');
type Row = typeof viaJson.$inferInsert;

// text as a browser or a file delivers it (PostgreSQL stores neither NUL nor a lone surrogate, by either path)
const textArb = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\u0000'));
const rowArb = (id: number) =>
  fc.record(
    {
      id: fc.constant(id),
      amount: fc.option(
        fc
          .tuple(fc.bigInt({ min: -(10n ** 19n) + 1n, max: 10n ** 19n - 1n }), fc.boolean())
          .map(([n, neg]) =>
            `${neg && n > 0n ? '-' : ''}${n / 10000n}.${(n < 0n ? -n : n) % 10000n}`.replace('--', '-'),
          ),
      ),
      day: fc.option(
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      ),
      at: fc.option(
        fc
          .date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      ),
      doc: fc.option(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown)),
      tags: fc.option(fc.array(textArb, { maxLength: 3 })),
      note: fc.option(textArb),
    },
    { requiredKeys: ['id'] },
  );

async function both(rows: Row[]) {
  const { db } = await testDatabase();
  return db.transaction(async (tx) => {
    for (const t of ['insert_rows_drizzle', 'insert_rows_json'])
      await tx.execute(
        sql.raw(`CREATE TEMP TABLE ${t} (id integer NOT NULL, amount numeric(20, 4), day date, at timestamptz,
          doc jsonb, tags text[], note text DEFAULT 'none', created timestamptz NOT NULL DEFAULT now()) ON COMMIT DROP`),
      );
    if (rows.length) await tx.insert(viaDrizzle).values(rows);
    await insertRows(tx, viaJson, rows, 7);
    const read = async (t: typeof viaJson) =>
      (await tx.select().from(t).orderBy(asc(t.id))).map(({ created, ...r }) => ({ ...r, created: typeof created }));
    // what the database holds, as it holds it: a JSON document must not arrive as a JSON string
    const stored = async (t: string) =>
      (await query<{ r: unknown }>(tx, sql.raw(`SELECT to_jsonb(t) - 'created' AS r FROM ${t} t ORDER BY id`))).map(
        (x) => (typeof x.r === 'string' ? JSON.parse(x.r) : x.r),
      );
    return {
      drizzle: await read(viaDrizzle),
      json: await read(viaJson),
      storedDrizzle: await stored('insert_rows_drizzle'),
      storedJson: await stored('insert_rows_json'),
    };
  });
}

describe('insertRows', () => {
  it('stores what drizzle stores, cell for cell: numerics, dates, times, JSON, arrays, nulls and defaults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 20 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowArb(i)))),
        async (rows) => {
          const { drizzle, json, storedDrizzle, storedJson } = await both(rows as Row[]);
          expect(json).toEqual(drizzle);
          expect(storedJson).toEqual(storedDrizzle);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a worked example: a JSON document stays a document, a decimal keeps its digits, an absent column its default', async () => {
    const { json, storedJson } = await both([
      { id: 1, amount: '-9999999999999999.9999', day: '2026-02-28', doc: { a: [1, '二'], b: null }, tags: ['x', 'ä'] },
      { id: 2, amount: '0.0001' },
    ]);
    const first = {
      id: 1,
      amount: '-9999999999999999.9999',
      day: '2026-02-28',
      at: null,
      tags: ['x', 'ä'],
      note: 'none',
    };
    const second = { id: 2, amount: '0.0001', day: null, at: null, doc: null, tags: null, note: 'none' };
    expect(json).toEqual([
      { ...first, doc: { a: [1, '二'], b: null }, created: 'string' },
      { ...second, created: 'string' },
    ]);
    expect(storedJson).toEqual([
      { ...first, amount: -9999999999999999.9999, doc: { a: [1, '二'], b: null } },
      { ...second, amount: 0.0001 },
    ]);
  });

  it('gives a column left out of some rows its default through drizzle', async () => {
    const { json } = await both([{ id: 1, note: 'given' }, { id: 2, note: null }, { id: 3 }]);
    expect(json.map((r) => r.note)).toEqual(['given', null, 'none']);
  });
});
