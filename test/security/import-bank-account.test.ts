import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { repoRoot } from '../imports/support.ts';
import { systemCtx } from '../support/factories.ts';
import { publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';

const statement = readFileSync(join(repoRoot, 'packages/plugins/src/connectors/camt053/fixtures/version-13.xml'));

async function upload(t: TestApp, token: string) {
  const form = new FormData();
  form.set('connector', 'camt053');
  form.set('configKey', 'bank');
  form.set('file', new Blob([statement]), 'statement.xml');
  const res = await t.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('an import registers an unknown company bank account only for whom may add one (issue 11, item 10)', () => {
  it('refuses the statement of a clerk without bank-account.write, naming the account; registers it for a finance manager', async () => {
    const t = await createTestApp();
    // the connector's default for an unknown account is to register it
    await saveDraft(t.deps, systemCtx(t.tenant), {
      kind: 'connector-config',
      key: 'bank',
      document: { connector: 'camt053', config: {} },
    });
    await publishDraft(t.deps, systemCtx(t.tenant), 'connector-config', 'bank');
    const clerk = await upload(t, await t.userToken(['clerk']));
    expect(clerk.status, JSON.stringify(clerk.body)).toBe(201);
    expect(clerk.body.created).toBe(0);
    expect(clerk.body.statements[0]).toMatchObject({
      created: false,
      warnings: [
        expect.stringMatching(/company bank account .+ is unknown \(registering it needs bank-account\.write/),
      ],
    });
    expect(clerk.body.rejections[0].reason).toMatch(/registering it needs bank-account\.write/);
    expect((await t.call('GET', '/api/v1/company-bank-accounts')).body.items).toEqual([]);

    const manager = await upload(t, await t.userToken(['finance-manager']));
    expect(manager.body.created).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/company-bank-accounts')).body.items).toHaveLength(1);
  });
});
