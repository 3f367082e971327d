import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { demoDocument, pdfBytes } from './setup.ts';
import { approvers } from './api-setup.ts';

let t: TestApp;
let clerk: string;
let customers: string[];

const as = (token: string) => ({ authorization: `Bearer ${token}` });

async function invoice(customerId: string, amount: string) {
  const r = await t.call(
    'POST',
    '/api/v1/receivables',
    { type: 'invoice', customerId, currency: 'CNY', amount, documentDate: '2025-01-01', dueDate: '2025-01-31' },
    { 'idempotency-key': `inv-${Math.random()}` },
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.document.id as string;
}

async function upload(path: string, label: string | undefined, bytes: Uint8Array, type: string, token = clerk) {
  const form = new FormData();
  if (label !== undefined) form.set('label', label);
  form.set('file', new Blob([bytes], { type }), 'evidence.pdf');
  const res = await t.app.request(path, { method: 'POST', headers: as(token), body: form });
  return { status: res.status, body: (await res.json()) as any, type: res.headers.get('content-type') };
}

beforeAll(async () => {
  t = await createTestApp({
    config: {
      dataDir: mkdtempSync(join(tmpdir(), 'hexiao-test-data-')),
      maxAttachmentBytes: 4096,
      attachmentTypes: ['application/pdf', 'image/png'],
    },
  });
  for (const folder of ['flows', 'forms'] as const)
    for (const f of readdirSync(new URL(`../../examples/demo-tenant/${folder}/`, import.meta.url))) {
      const key = f.split('.')[0]!;
      const kind = folder.slice(0, -1);
      const d = await t.call('PUT', `/api/v1/definitions/${kind}/${key}/draft`, {
        document: demoDocument(folder, key),
      });
      expect(d.status, JSON.stringify(d.body)).toBe(200);
      expect((await t.call('POST', `/api/v1/definitions/${kind}/${key}/publish`)).status).toBe(200);
    }
  clerk = await t.userToken(['clerk']);
  // the people the demo flows assign, so a filed request's approval can start
  await approvers(t);
  customers = [];
  for (const code of ['A', 'B']) {
    const r = await t.call('POST', '/api/v1/customers', {
      code: `C-${code}-${Math.random()}`.slice(0, 30),
      name: `Customer ${code}`,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    customers.push(r.body.id ?? r.body.items?.[0]?.id);
  }
}, 300_000);

describe('requests through the API', () => {
  it('start a form for a selection, check it while filling, file it with evidence, read it back', async () => {
    const inv = await invoice(customers[0]!, '80000.00');
    const started = await t.call('POST', '/api/v1/forms/bad-debt-write-off/start', { receivableIds: [inv] }, as(clerk));
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({
      form: { ref: 'bad-debt-write-off@1', action: 'bad-debt-write-off', flow: 'bad-debt-write-off' },
      data: { receivableIds: [inv], amount: '80000', openAmount: '80000', customerName: 'Customer A' },
      subject: { openAmount: '80000' },
      states: { hidden: ['courtCase'], required: [] },
    });
    const data = { ...started.body.data, reason: 'bankruptcy', courtCase: '(2026)沪01破12号' };
    const check = await t.call('POST', '/api/v1/requests/check', { form: started.body.form.ref, data }, as(clerk));
    expect(check.body).toEqual({
      valid: false,
      errors: [{ pointer: '/attachments', reason: 'needs an attachment labelled bankruptcy-notice' }],
      states: { hidden: [], required: [] },
      requiredAttachments: ['bankruptcy-notice'],
    });
    const notice = await upload('/api/v1/attachments', 'bankruptcy-notice', pdfBytes, 'application/pdf');
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    expect(notice.body).toMatchObject({
      label: 'bankruptcy-notice',
      contentType: 'application/pdf',
      size: pdfBytes.length,
    });
    expect(notice.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const body = { form: started.body.form.ref, data, attachments: [notice.body.id] };
    const filed = await t.call('POST', '/api/v1/requests', body, { ...as(clerk), 'idempotency-key': 'req-1' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({
      number: expect.stringMatching(/^RQ-\d{8}-[0-9A-F]{8}$/),
      attachments: [{ id: notice.body.id }],
    });
    const replay = await t.call('POST', '/api/v1/requests', body, { ...as(clerk), 'idempotency-key': 'req-1' });
    expect([replay.status, replay.body.id, replay.headers.get('idempotency-replayed')]).toEqual([
      201,
      filed.body.id,
      'true',
    ]);
    const opinion = await upload(
      `/api/v1/requests/${filed.body.id}/attachments`,
      'legal-opinion',
      pdfBytes,
      'application/pdf',
      t.token,
    );
    expect(opinion.status).toBe(201);
    const read = await t.call('GET', `/api/v1/requests/${filed.body.id}`, undefined, as(clerk));
    expect(read.body.attachments.map((a: { label: string }) => a.label)).toEqual([
      'bankruptcy-notice',
      'legal-opinion',
    ]);
    const content = await t.app.request(`/api/v1/attachments/${notice.body.id}/content`, { headers: as(clerk) });
    expect([content.status, content.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await content.arrayBuffer()).equals(pdfBytes)).toBe(true);
    const mine = await t.call('GET', '/api/v1/requests?mine=true', undefined, as(clerk));
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([filed.body.id]);
    // someone who is neither the requester nor an approver is told it does not exist
    const rep = await t.userToken(['sales-rep']);
    expect((await t.call('GET', `/api/v1/requests/${filed.body.id}`, undefined, as(rep))).status).toBe(404);
    expect((await t.app.request(`/api/v1/attachments/${notice.body.id}/content`, { headers: as(rep) })).status).toBe(
      404,
    );
  });

  it('previews a draft form for the designer: prefill, the fields its conditions hide and require, its errors', async () => {
    const inv = await invoice(customers[0]!, '5000.00');
    const document = demoDocument('forms', 'bad-debt-write-off');
    const p = await t.call('POST', '/api/v1/forms/preview', {
      document,
      receivableIds: [inv],
      data: { reason: 'litigation' },
    });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({
      definitionErrors: [],
      data: { amount: '5000', reason: 'litigation', receivableIds: [inv] },
      states: { hidden: [], required: ['courtCase'] },
      errors: [{ pointer: '/data/courtCase', reason: 'is required (by the form’s condition)' }],
      subject: { openAmount: '5000' },
    });
    const broken = await t.call('POST', '/api/v1/forms/preview', { document: { ...document, action: 'nope' } });
    expect(broken.body.definitionErrors[0].pointer).toBe('/action');
    expect((await t.call('POST', '/api/v1/forms/preview', { document }, as(clerk))).status).toBe(403);
  });

  it('bad input is a problem naming the field, and files nothing', async () => {
    const inv = await invoice(customers[1]!, '100.00');
    const problems: [number, string | undefined][] = [];
    const post = async (body: unknown, token = clerk) => {
      const r = await t.call('POST', '/api/v1/requests', body, as(token));
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      problems.push([r.status, r.body.errors?.[0]?.pointer]);
    };
    await post({
      form: 'bad-debt-write-off@1',
      data: { receivableIds: [inv], amount: '100.01', reason: 'other', explanation: 'x' },
    });
    await post({ form: 'bad-debt-write-off@1', data: { receivableIds: [inv], amount: '10', reason: 'moon' } });
    await post({ form: 'bad-debt-write-off@1', data: [] });
    await post({ form: 'bad-debt-write-off@1' });
    await post({ form: 'bad-debt-write-off@9', data: {} });
    await post({ form: 'no-such-form', data: {} });
    await post('{"form": ', clerk);
    await post(
      { form: 'bad-debt-write-off@1', data: { receivableIds: [inv], amount: '1', reason: 'other', explanation: 'x' } },
      await t.userToken(['auditor']),
    );
    expect(problems).toEqual([
      [422, '/data/amount'],
      [422, '/data/reason'],
      [422, '/data'],
      [422, '/data'],
      [404, undefined],
      [404, undefined],
      [422, '/'],
      [403, undefined],
    ]);
    const listed = await t.call('GET', '/api/v1/requests?customerId=' + customers[1], undefined, as(t.token));
    expect(listed.body.items).toEqual([]);
  });

  it('an attachment over the cap or of a refused type is refused', async () => {
    const big = await upload('/api/v1/attachments', 'court-ruling', new Uint8Array(5000).fill(65), 'application/pdf');
    expect([big.status, big.type, big.body.detail]).toEqual([
      413,
      'application/problem+json',
      'the upload exceeds the 4096 byte cap (HEXIAO_MAX_ATTACHMENT)',
    ]);
    const exe = await upload(
      '/api/v1/attachments',
      'court-ruling',
      Buffer.from('MZ\x90\x00binary'),
      'application/x-msdownload',
    );
    expect([exe.status, exe.body.errors[0]]).toEqual([
      422,
      { pointer: '/file', reason: expect.stringMatching(/^content type "application\/x-msdownload" is not accepted/) },
    ]);
    const fake = await upload(
      '/api/v1/attachments',
      'court-ruling',
      Buffer.from('not really a pdf'),
      'application/pdf',
    );
    expect([fake.status, fake.body.errors[0].reason]).toEqual([
      422,
      expect.stringMatching(/is declared application\/pdf but its content is/),
    ]);
    const noLabel = await upload('/api/v1/attachments', undefined, pdfBytes, 'application/pdf');
    expect([noLabel.status, noLabel.body.errors[0].pointer]).toEqual([422, '/label']);
    const badLabel = await upload('/api/v1/attachments', '../etc/passwd', pdfBytes, 'application/pdf');
    expect([badLabel.status, badLabel.body.errors[0].pointer]).toEqual([422, '/label']);
    const json = await t.call('POST', '/api/v1/attachments', { file: 'x' }, as(clerk));
    expect(json.status).toBe(422);
    const stranger = await upload(
      `/api/v1/requests/${crypto.randomUUID()}/attachments`,
      'court-ruling',
      pdfBytes,
      'application/pdf',
    );
    expect(stranger.status).toBe(404);
  });
});
