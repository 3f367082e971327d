import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtInConnectors,
  defineConnector,
  InputError,
  type Connector,
  type ConnectorInput,
  type ParseContext,
} from '../../packages/plugins/src/index.ts';
import { listImportReports } from '../../packages/server/src/domain/imports/index.ts';
import { HexiaoError } from '../../packages/server/src/domain/errors.ts';
import { createTestApp } from '../support/test-app.ts';
import { camt053, type GenEntry } from './generated.ts';
import { importDeps, importFiles, importTenant } from './support.ts';

const camt = builtInConnectors.find((c) => c.id === 'camt053')! as Connector<unknown>;

/** camt053, except that after `after` outputs it throws `error`. */
const failingAfter = (id: string, after: number, error: () => unknown) =>
  defineConnector({
    ...camt,
    id,
    version: '9.9.9',
    async *parse(input: ConnectorInput, ctx: ParseContext<unknown>) {
      let n = 0;
      for await (const out of camt.parse!(input, ctx)) {
        if (n++ === after) throw error();
        yield out;
      }
    },
  });

const bug = () => new TypeError("Cannot read properties of undefined (reading 'amount')");
const broken = failingAfter('broken-bank', 2, bug);
const truncating = failingAfter('truncating-bank', 2, () => new InputError('the file ends inside an entry'));

const entries: GenEntry[] = [1, 2, 3, 4].map((i) => ({
  ref: `CF-${i}`,
  e2e: `CF-E2E-${i}`,
  amount: `${i}0.00`,
  credit: true,
  date: '2026-02-02',
}));
const dir = mkdtempSync(join(tmpdir(), 'hexiao-connector-failure-'));
const statement = join(dir, 'statement.xml');
writeFileSync(
  statement,
  camt053({
    iban: 'DE02120300000000202051',
    id: 'CF-1',
    opening: '0',
    closing: '100',
    from: '2026-02-02',
    to: '2026-02-02',
    entries,
  }),
);
const connectors = new Map([...(await importDeps()).connectors, [broken.id, broken], [truncating.id, truncating]]);

describe('a connector that throws', () => {
  it('with a bug: the import stops as an internal error naming the connector and its version, and writes nothing', async () => {
    const ctx = await importTenant();
    const failure = await importFiles(ctx, 'broken-bank', [statement], {}, { connectors }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HexiaoError);
    expect(failure).toMatchObject({ type: 'connector_failed' });
    expect((failure as Error).message).toMatch(/connector broken-bank 9\.9\.9 failed reading statement\.xml/);
    expect((failure as Error).message).toMatch(/TypeError: Cannot read properties of undefined/);
    expect((failure as Error).message).toMatch(/not a problem with the file/);
    const { db } = await importDeps();
    expect(await listImportReports(db, ctx.tenant.id, { limit: 10 })).toEqual({ items: [], next: null });
  });

  it('with bad input (an InputError): what was complete is kept and the rest is one "file unreadable" rejection', async () => {
    const ctx = await importTenant();
    const report = await importFiles(ctx, 'truncating-bank', [statement], {}, { connectors });
    expect(report.connector).toEqual({ id: 'truncating-bank', version: '9.9.9' });
    expect(report.rejected).toBe(1);
    expect(report.rejections[0]!.reason).toMatch(/^file unreadable from here: the file ends inside an entry/);
    expect(report.created).toBeGreaterThan(0);
  });

  it('over HTTP: 500 problem+json of type connector_failed, distinct from a bad file', async () => {
    const t = await createTestApp({ connectors: [broken] });
    const post = (connector: string, bytes: Uint8Array | string) => {
      const form = new FormData();
      form.set('connector', connector);
      form.set('dryRun', 'true');
      form.set('config', JSON.stringify({ connector, config: {}, options: { unknownBankAccount: 'register' } }));
      form.set('file', new Blob([bytes]), 'statement.xml');
      return t.app.request('/api/v1/imports', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${t.token}` },
      });
    };
    const res = await post('broken-bank', readFileSync(statement));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { type: string; detail: string };
    expect(problem.type).toMatch(/\/connector-failed$/);
    expect(problem.detail).toMatch(/connector broken-bank 9\.9\.9 failed/);
    const whole = readFileSync(statement, 'utf8');
    const bad = await post('camt053', whole.slice(0, whole.indexOf('CF-3'))); // truncated inside an entry
    expect(bad.status).toBe(200);
    expect(((await bad.json()) as { rejections: { reason: string }[] }).rejections[0]!.reason).toMatch(
      /truncated|unreadable/,
    );
  });
});
