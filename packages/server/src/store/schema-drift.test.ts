import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/support/test-db.ts';
import { rows, sql } from './db.ts';
import * as schema from './schema/index.ts';

/** A column as both sides describe it: name, SQL type (normalised), nullability. */
type Shape = Record<string, Record<string, string>>;

/** information_schema spells types long and sizes apart; drizzle writes them as in DDL. */
function normalise(type: string): string {
  return type
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^character varying/, 'varchar')
    .replace(/^character\b/, 'char')
    .replace(/^timestamp(\(\d+\))? with time zone$/, 'timestamptz')
    .replace(/^timestamp(\(\d+\))? without time zone$/, 'timestamp')
    .replace(/^numeric\((\d+), ?(\d+)\)$/, 'numeric($1,$2)')
    .replace(/^double precision$/, 'float8')
    .replace(/^(\w+)\[\]$/, '_$1');
}

function drizzleShape(): Shape {
  const out: Shape = {};
  for (const t of Object.values(schema)) {
    if (!is(t, PgTable)) continue;
    const cfg = getTableConfig(t);
    out[cfg.name] = Object.fromEntries(
      cfg.columns.map((c) => [c.name, `${normalise(c.getSQLType())}${c.notNull ? ' not null' : ''}`]),
    );
  }
  return out;
}

async function databaseShape(): Promise<Shape> {
  const { db } = await testDatabase();
  const cols = await rows<{ table_name: string; column_name: string; type: string; is_nullable: string }>(
    db,
    sql`SELECT c.table_name, c.column_name, c.is_nullable,
               CASE WHEN c.data_type = 'ARRAY' THEN c.udt_name
                    ELSE format_type(a.atttypid, a.atttypmod) END AS type
          FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                             AND a.attname = c.column_name
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
  );
  const out: Shape = {};
  for (const c of cols)
    (out[c.table_name] ??= {})[c.column_name] = `${normalise(c.type)}${c.is_nullable === 'NO' ? ' not null' : ''}`;
  return out;
}

describe('the drizzle schema and the migrated database agree', () => {
  it('on every table, column, type and nullability', async () => {
    const declared = drizzleShape();
    const migrated = await databaseShape();
    expect(Object.keys(declared).length).toBeGreaterThan(20);
    expect(Object.keys(declared).sort()).toEqual(Object.keys(migrated).sort());
    const differences: string[] = [];
    for (const [table, columns] of Object.entries(declared))
      for (const name of new Set([...Object.keys(columns), ...Object.keys(migrated[table] ?? {})]))
        if (columns[name] !== migrated[table]?.[name])
          differences.push(
            `${table}.${name}: drizzle ${columns[name] ?? '(none)'}, database ${migrated[table]?.[name] ?? '(none)'}`,
          );
    expect(differences).toEqual([]);
  });
});
