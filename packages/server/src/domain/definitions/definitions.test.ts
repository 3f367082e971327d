import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../../test/support/test-db.ts';
import { createTestTenant, systemCtx, testAuditKey, testKinds } from '../../../../../test/support/factories.ts';
import { sql } from '../../store/db.ts';
import { verifyAudit } from '../audit/index.ts';
import { HexiaoError } from '../errors.ts';
import * as defs from './index.ts';

const objectType = (extra: Record<string, object> = {}) => ({
  appliesTo: 'customer' as const,
  title: 'Manufacturing customer',
  fields: { type: 'object' as const, properties: { industry: { type: 'string' }, ...extra }, required: ['industry'] },
});

async function setup() {
  const database = await testDatabase();
  const tenant = await createTestTenant(database);
  return { database, ctx: systemCtx(tenant), deps: { db: database.db, auditKey: testAuditKey, kinds: testKinds } };
}

describe('definitions store', () => {
  it('drafts, publishes with a content hash, versions, diffs and rolls back', async () => {
    const { deps, ctx } = await setup();
    const d1 = await defs.saveDraft(deps, ctx, { kind: 'object-type', key: 'customer', document: objectType() });
    expect(d1).toMatchObject({ version: 1, status: 'draft' });
    const p1 = await defs.publishDraft(deps, ctx, 'object-type', 'customer');
    expect(p1.status).toBe('published');
    expect(p1.contentHash).toBe(defs.contentHash(objectType()));
    expect(p1.contentHash).toMatch(/^[0-9a-f]{64}$/);

    await defs.saveDraft(deps, ctx, {
      kind: 'object-type',
      key: 'customer',
      document: objectType({ tier: { enum: ['A', 'B'] } }),
    });
    const p2 = await defs.publishDraft(deps, ctx, 'object-type', 'customer');
    expect(p2.version).toBe(2);
    expect((await defs.getDefinition(deps.db, ctx.tenant.id, 'object-type', 'customer')).version).toBe(2);

    const diff = await defs.diffVersions(deps.db, ctx.tenant.id, 'object-type', 'customer', 1, 2);
    expect(diff.changes).toEqual([{ op: 'add', pointer: '/fields/properties/tier', to: { enum: ['A', 'B'] } }]);

    const p3 = await defs.rollbackTo(deps, ctx, 'object-type', 'customer', 1);
    expect(p3).toMatchObject({
      version: 3,
      status: 'published',
      basedOn: 1,
      contentHash: p1.contentHash,
      note: 'rollback to v1',
    });
    const history = await defs.definitionHistory(deps.db, ctx.tenant.id, 'object-type', 'customer');
    expect(history.map((h) => [h.version, h.status])).toEqual([
      [3, 'published'],
      [2, 'published'],
      [1, 'published'],
    ]);

    const archived = await defs.archiveVersion(deps, ctx, 'object-type', 'customer', 2);
    expect(archived.status).toBe('archived');
    expect((await verifyAudit(deps, ctx.tenant.id)).ok).toBe(true);
  });

  it('refuses an invalid document with the JSON pointer of each error, writing nothing', async () => {
    const { deps, ctx } = await setup();
    const bad = {
      appliesTo: 'invoice',
      fields: { type: 'object', properties: { name: { type: 'string' } }, required: ['missing'] },
      extra: 1,
    };
    const err = await defs.saveDraft(deps, ctx, { kind: 'object-type', key: 'bad', document: bad }).catch((e) => e);
    expect(err).toBeInstanceOf(HexiaoError);
    expect(err.type).toBe('invalid_data');
    const pointers = (err as HexiaoError).errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/document/appliesTo', '/document/extra']));
    await expect(defs.definitionHistory(deps.db, ctx.tenant.id, 'object-type', 'bad')).rejects.toMatchObject({
      type: 'not_found',
    });

    const shadow = await defs
      .saveDraft(deps, ctx, {
        kind: 'object-type',
        key: 'bad',
        document: {
          appliesTo: 'customer',
          fields: { type: 'object', properties: { name: { type: 'string' } }, required: ['nope'] },
        },
      })
      .catch((e: unknown) => e as HexiaoError);
    if (!(shadow instanceof HexiaoError)) throw new Error('expected a refusal');
    expect(shadow.errors).toEqual([
      { pointer: '/document/fields/properties/name', reason: 'shadows the core field name of customer' },
      { pointer: '/document/fields/required', reason: 'names nope, which is not among the properties' },
    ]);
    const mapping = defs.validateDefinition(testKinds, 'account-mapping', {
      accounts: [{ code: '1122', name: 'AR' }],
      rules: [{ documentType: 'invoice', debit: '1122', credit: '6001' }],
    });
    expect(mapping).toEqual([{ pointer: '/rules/0/credit', reason: 'names account 6001, which is not in /accounts' }]);
  });

  it('keeps published versions immutable in the database itself', async () => {
    const { deps, ctx, database } = await setup();
    await defs.saveDraft(deps, ctx, { kind: 'object-type', key: 'locked', document: objectType() });
    await defs.publishDraft(deps, ctx, 'object-type', 'locked');
    await expect(
      database.db.execute(
        sql`UPDATE definitions SET document = '{}'::jsonb WHERE tenant_id = ${ctx.tenant.id} AND key = 'locked'`,
      ),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`DELETE FROM definitions WHERE tenant_id = ${ctx.tenant.id} AND key = 'locked'`),
    ).rejects.toThrow();
  });

  it('allows one open draft, edited in place, and refuses rollback while it is open', async () => {
    const { deps, ctx } = await setup();
    await defs.saveDraft(deps, ctx, { kind: 'object-type', key: 'c', document: objectType() });
    await defs.publishDraft(deps, ctx, 'object-type', 'c');
    const a = await defs.saveDraft(deps, ctx, {
      kind: 'object-type',
      key: 'c',
      document: objectType({ x: { type: 'number' } }),
    });
    const b = await defs.saveDraft(deps, ctx, {
      kind: 'object-type',
      key: 'c',
      document: objectType({ y: { type: 'number' } }),
    });
    expect(b.id).toBe(a.id);
    expect(b.version).toBe(2);
    await expect(defs.rollbackTo(deps, ctx, 'object-type', 'c', 1)).rejects.toMatchObject({ type: 'conflict' });
    await defs.discardDraft(deps, ctx, 'object-type', 'c');
    await expect(defs.publishDraft(deps, ctx, 'object-type', 'c')).rejects.toMatchObject({ type: 'unexpected_state' });
  });
});
