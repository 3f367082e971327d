import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';
import { systemCtx } from '../support/factories.ts';
import { sample } from './support.ts';

const camt = sample('camt053', 'iso20022-business-sample-camt053-v04.xml');

async function upload(
  t: TestApp,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array | string } | undefined,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([file.bytes]), file.name);
  const res = await t.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${t.token}`, ...headers },
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

async function publishConfig(t: TestApp, key: string, document: unknown) {
  const ctx = systemCtx(t.tenant);
  await saveDraft(t.deps, ctx, { kind: 'connector-config', key, document });
  return publishDraft(t.deps, ctx, 'connector-config', key);
}

describe('POST /api/v1/imports', () => {
  it('imports an upload through a published connector-config, stores the report, and a replay creates nothing', async () => {
    const t = await createTestApp();
    const def = await publishConfig(t, 'camt-main', {
      connector: 'camt053',
      config: {},
      options: { unknownBankAccount: 'register', receipts: 'none' },
    });
    const bytes = readFileSync(camt);
    const first = await upload(t, { connector: 'camt053', configKey: 'camt-main' }, { name: 'statement.xml', bytes });
    expect(first.status).toBe(201);
    expect(first.body.created).toBeGreaterThan(0);
    expect(first.body.definitions).toEqual([{ kind: 'connector-config', key: 'camt-main', version: def.version }]);
    expect(first.body.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await upload(
      t,
      { connector: 'camt053', configKey: 'camt-main' },
      { name: 'statement.xml.gz', bytes: gzipSync(bytes) },
    );
    expect([again.status, again.body.created, again.body.duplicates]).toEqual([201, 0, first.body.read]);
    const list = await t.call('GET', '/api/v1/imports');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([again.body.importId, first.body.importId]);
    const one = await t.call('GET', `/api/v1/imports/${first.body.importId}`);
    expect(one.body.report.totals).toEqual(first.body.totals);
    expect((await t.call('GET', '/api/v1/imports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('works inside the tenant-bound request transaction (row-level security mode)', async () => {
    const t = await createTestApp({ tenantTransactions: true });
    await publishConfig(t, 'camt', { connector: 'camt053', config: {}, options: { receipts: 'none' } });
    const r = await upload(
      t,
      { connector: 'camt053', configKey: 'camt' },
      { name: 's.xml', bytes: readFileSync(camt) },
    );
    expect([r.status, r.body.created > 0]).toEqual([201, true]);
    expect((await t.call('GET', `/api/v1/imports/${r.body.importId}`)).status).toBe(200);
  });

  it('honours Idempotency-Key: a replay returns the same report', async () => {
    const t = await createTestApp();
    await publishConfig(t, 'camt', { connector: 'camt053', config: {} });
    const bytes = readFileSync(camt);
    const a = await upload(
      t,
      { connector: 'camt053', configKey: 'camt' },
      { name: 's.xml', bytes },
      { 'idempotency-key': 'k-1' },
    );
    const b = await upload(
      t,
      { connector: 'camt053', configKey: 'camt' },
      { name: 's.xml', bytes },
      { 'idempotency-key': 'k-1' },
    );
    expect(b.headers.get('idempotency-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
  });

  it('refuses an inline config unless it is a dry run, and a dry run writes nothing', async () => {
    const t = await createTestApp();
    const bytes = readFileSync(camt);
    const inline = JSON.stringify({ connector: 'camt053', config: {} });
    const refused = await upload(t, { connector: 'camt053', config: inline }, { name: 's.xml', bytes });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const dry = await upload(t, { connector: 'camt053', config: inline, dryRun: 'true' }, { name: 's.xml', bytes });
    expect([dry.status, dry.body.dryRun, dry.body.importId]).toEqual([200, true, null]);
    expect(dry.body.created).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/imports')).body.items).toEqual([]);
  });

  it('refuses an upload over the cap with 413 (a generated stream, no content-length)', async () => {
    const t = await createTestApp({ config: { maxUploadBytes: 100_000 } });
    const boundary = 'xx-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="connector"\r\n\r\ncamt053\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xml"\r\n\r\n`;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent === 0) ctrl.enqueue(new TextEncoder().encode(head));
        if (sent > 50_000_000) return ctrl.close();
        ctrl.enqueue(new Uint8Array(16_384).fill(65));
        sent += 16_384;
      },
    });
    const res = await t.app.request('/api/v1/imports', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    // the server stopped reading soon after the cap instead of consuming the 50 MB stream
    expect(sent).toBeLessThan(5_000_000);
  });

  it('refuses a .gz whose expansion exceeds its cap (a compression bomb) with 413', async () => {
    const t = await createTestApp({ config: { maxExpandedBytes: 5_000_000 } });
    const bomb = gzipSync(Buffer.alloc(50_000_000, 32));
    expect(bomb.length).toBeLessThan(100_000);
    const res = await upload(
      t,
      { connector: 'camt053', config: JSON.stringify({ connector: 'camt053', config: {} }), dryRun: 'true' },
      { name: 'bomb.xml.gz', bytes: bomb },
    );
    expect(res.status).toBe(413);
  });

  it('refuses any DOCTYPE (no entity expansion): a clear rejection, nothing created', async () => {
    const t = await createTestApp();
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n${readFileSync(camt, 'utf8').replace(/^<\?xml[^>]*>/, '')}`;
    const res = await upload(
      t,
      { connector: 'camt053', config: JSON.stringify({ connector: 'camt053', config: {} }), dryRun: 'true' },
      { name: 'evil.xml', bytes: xml },
    );
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(0);
    expect(res.body.rejections[0].reason).toMatch(/DOCTYPE/i);
  });
});
