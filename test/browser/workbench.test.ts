import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeListed } from '../support/skip.ts';
import { testAuditKey, testKinds } from '../support/factories.ts';
import {
  apiAs,
  choose,
  ensureDesignerBuilt,
  launch,
  login,
  logout,
  newPage,
  shot,
  startStack,
  type Stack,
} from './support.ts';
import { demoPassword, seedTenantData } from '../../packages/server/src/demo/seed-demo.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import { withTenant } from '../../packages/server/src/domain/unit-of-work/index.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';
import { en } from '../../packages/designer/src/i18n/en.ts';
import { zh } from '../../packages/designer/src/i18n/zh.ts';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 100 });

/** A text of the designer's dictionary in a language, with its {{placeholders}} filled. */
function uiText(lang: 'en' | 'zh', key: string, vars: Record<string, string> = {}): string {
  let v: unknown = lang === 'en' ? en : zh;
  for (const k of key.split('.')) v = (v as Record<string, unknown>)[k];
  if (typeof v !== 'string') throw new Error(`no text ${key} in ${lang}`);
  return v.replace(/{{(\w+)}}/g, (_, name: string) => vars[name] ?? `{{${name}}}`);
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A dictionary text as a pattern: its words literally, each {{placeholder}} a number. */
const template = (text: string, number = '\\d+') =>
  text
    .split(/{{\w+}}/)
    .map(escapeRe)
    .join(number);

const semiconductorLadder = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../examples/demo-tenant/aging/semiconductor.aging-buckets.json'), 'utf8'),
) as { title: { en: string; zh: string } };

interface BucketReport {
  asOf: string;
  columns: { id: string; label: { en: string; zh: string } }[];
  totals: { buckets: string[] };
  rows: { key: string; label: string; buckets: string[] }[];
}
interface QueueEntry {
  receipt: { id: string; amount: string; text: string | null; customer: { id: string } | null };
  status: string;
  decision: { id: string; detail: { evidence: { detail: string }[] } } | null;
}

/** Clicks a bar where the chart drew it (a real mouse click on the canvas). */
async function clickBar(p: Page, chart: string, seriesIndex: number, dataIndex: number) {
  await p.getByTestId(chart).scrollIntoViewIfNeeded();
  const at = await p.evaluate(
    ([c, s, d]) =>
      (
        globalThis as unknown as {
          __hexiao: { chartPoint(c: string, s: number, d: number): { x: number; y: number } };
        }
      ).__hexiao.chartPoint(c, s, d),
    [chart, seriesIndex, dataIndex] as const,
  );
  await p.mouse.click(at.x, at.y);
}

/** The open amounts the receivables list shows (exact, from the data attribute), summed. */
async function listedOpenTotal(p: Page) {
  const amounts = await p
    .locator('[data-testid=receivables] tbody tr td:last-child .money')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-amount') ?? '0'));
  return amounts.reduce((a, x) => a.plus(x), dec('0')).toFixed(2);
}

/** A receivable of the demo by its number, as the API shows it (its open amount). */
async function openOf(api: Awaited<ReturnType<typeof apiAs>>, number: string) {
  const page = await api.get<{ items: { id: string; number: string | null }[] }>(`/receivables?limit=500&type=invoice`);
  const hit = page.items.find((d) => d.number === number);
  if (!hit) throw new Error(`no receivable ${number} on the first page`);
  return api.get<{ openAmount: string }>(`/receivables/${hit.id}`);
}

const statement = join(import.meta.dirname, '../../examples/demo-tenant/statements/icbc-20261015.camt053.xml');

/**
 * Clicks a dialog's confirming button until the dialog closes: on a loaded machine a click landing while the dialog
 * is still opening was seen lost (the dialog stayed open with its text, no request sent); a click on a button that
 * is already busy does nothing, so nothing is sent twice.
 */
async function confirmDialog(p: Page, name: string) {
  const dialog = p.getByRole('dialog');
  for (let tries = 1; ; tries++) {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name }).click({ timeout: 5000 });
    const closed = await dialog.waitFor({ state: 'hidden', timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    if (tries === 5) throw new Error(`the dialog stayed open after ${tries} clicks on ${name}`);
  }
}

const ready = (p: Page, testId: string) => p.locator(`[data-testid=${testId}][data-ready=true]`).waitFor();

const titles = {
  en: 'workbench in Chromium: dashboard drill-down, matching queue, inbox',
  zh: 'workbench in Chromium, in Chinese: dashboard drill-down, matching queue, inbox',
} as const;

// The same walk in each language: the words the screens show come from the designer's own dictionaries, the
// amounts in the language's number format, so a screen left untranslated or formatted for the wrong locale fails.
for (const lang of ['en', 'zh'] as const) {
  const spec = lang === 'en' ? 'workbench' : 'workbench-zh';
  const t = (key: string, vars?: Record<string, string>) => uiText(lang, key, vars);
  const cny = (amount: string) =>
    new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency: 'CNY' }).format(
      amount as unknown as number,
    );
  const exactly = (text: string) => new RegExp(escapeRe(text));
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let requestNumber = '';
  let openBefore = '0';

  describeListed(
    titles[lang],
    () => {
      beforeAll(async () => {
        ensureDesignerBuilt();
        stack = await startStack({ timeZone: 'Asia/Shanghai' });
        await withTenant(stack.database.db, stack.tenant.id, (db) =>
          seedTenantData(
            { db, auditKey: testAuditKey, kinds: testKinds },
            { tenant: stack.tenant, actor: systemActor('seed') },
          ),
        );
        browser = await launch();
        page = (await newPage(browser, problems, lang)).page;
      }, 600_000);

      afterEach(async (ctx) => {
        if (ctx.task.result?.state === 'fail' && page) await shot(page, spec, `failed-${ctx.task.name.slice(0, 2)}`);
      });

      afterAll(async () => {
        await browser?.close();
        await stack?.close();
      });

      it('01 the finance manager opens on the dashboard: KPIs from the ledger and aging charts', async () => {
        const api = await apiAs(stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        const kpis = await api.get<{ totals: { open: string; overdue: string } }>('/reports/kpis?limit=1');
        expect(dec(kpis.totals.open).gt(0)).toBe(true);
        await login(page, stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        await ready(page, 'dashboard');
        await poll(() => page.getByTestId('kpi-open').locator('.money').getAttribute('data-amount')).toBe(
          kpis.totals.open,
        );
        await poll(() => page.getByTestId('kpi-overdue').textContent()).toContain(cny(kpis.totals.overdue));
        await page.getByTestId('chart-aging').locator('canvas').waitFor();
        await page.getByTestId('risky-customers').getByRole('link').first().waitFor();
        await shot(page, spec, 'dashboard');
        // the KPIs as a spreadsheet, from the export menu
        await page.getByTestId('export').click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: `${t('dash.export.kpis')} (Excel)` }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^kpis-\d{4}-\d{2}-\d{2}\.xlsx$/);
      });

      it('02 clicking the "Over a year" bar lists exactly the receivables behind it', async () => {
        const api = await apiAs(stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        const aging = await api.get<BucketReport>('/reports/aging?limit=12');
        const over = aging.columns.findIndex((c) => c.id === 'over-1y');
        expect(dec(aging.totals.buckets[over]!).gt(0)).toBe(true);
        await clickBar(page, 'chart-aging-totals', 0, over);
        await ready(page, 'receivables');
        await poll(() => page.getByTestId('filter-bucket').textContent()).toContain(aging.columns[over]!.label[lang]);
        await poll(() => listedOpenTotal(page)).toBe(dec(aging.totals.buckets[over]!).toFixed(2));
        const days = await page.locator('[data-testid=receivables] tbody tr td:nth-child(5)').allTextContents();
        expect(days.length).toBeGreaterThan(0);
        expect(days.every((d) => Number(d) >= 366)).toBe(true);
        await shot(page, spec, 'drill-down-bucket');
      });

      it("03 a customer's segment of the stacked chart lists that customer's items of that bucket", async () => {
        const api = await apiAs(stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        const aging = await api.get<BucketReport>('/reports/aging?limit=12');
        const over = aging.columns.findIndex((c) => c.id === 'over-1y');
        const row = aging.rows.findIndex((r) => dec(r.buckets[over]!).gt(0));
        await page.getByRole('link', { name: t('nav.home') }).click();
        await ready(page, 'dashboard');
        await page.getByTestId('chart-aging').locator('canvas').waitFor();
        await clickBar(page, 'chart-aging', over, row);
        await ready(page, 'receivables');
        const code = aging.rows[row]!.label.split(' ')[0]!;
        await poll(() => page.getByTestId('filter-customerId').textContent()).toContain(code);
        await poll(() => listedOpenTotal(page)).toBe(dec(aging.rows[row]!.buckets[over]!).toFixed(2));
        const customers = await page.locator('[data-testid=receivables] tbody tr td:nth-child(2)').allTextContents();
        expect(customers.every((c) => c.startsWith(code))).toBe(true);
      });

      it('03b filtered to one region, the KPIs, the trend and the drill-down cover only its customers', async () => {
        const api = await apiAs(stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        const east = await api.get<{ totals: { open: string } }>('/reports/kpis?limit=1&region=East');
        const aging = await api.get<BucketReport>('/reports/aging?limit=12&region=East');
        await page.getByRole('link', { name: t('nav.home') }).click();
        await ready(page, 'dashboard');
        await choose(page, 'filter-region', 'East');
        await poll(() => page.getByTestId('kpi-open').locator('.money').getAttribute('data-amount')).toBe(
          east.totals.open,
        );
        await page.getByTestId('chart-trend').locator('canvas').waitFor();
        await shot(page, spec, 'dashboard-east');
        // the tallest bar (a bar of a few yuan is too thin to click)
        const bucket = aging.totals.buckets.reduce(
          (best, b, i) => (dec(b).gt(aging.totals.buckets[best]!) ? i : best),
          0,
        );
        await clickBar(page, 'chart-aging-totals', 0, bucket);
        await ready(page, 'receivables');
        await poll(() => page.getByTestId('filter-region').textContent()).toContain('East');
        await poll(() => listedOpenTotal(page)).toBe(dec(aging.totals.buckets[bucket]!).toFixed(2));
      });

      it("03c the semiconductor case's ladder (one week / 30 / 60 / 90 days) drills down the same way", async () => {
        const api = await apiAs(stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        const aging = await api.get<BucketReport>('/reports/aging?limit=12&buckets=semiconductor');
        const tallest = aging.totals.buckets.reduce(
          (best, b, i) => (dec(b).gt(aging.totals.buckets[best]!) ? i : best),
          0,
        );
        await page.getByRole('link', { name: t('nav.home') }).click();
        await ready(page, 'dashboard');
        await choose(page, 'pick-ladder', semiconductorLadder.title[lang]);
        await ready(page, 'dashboard');
        await page.getByTestId('chart-aging-totals').locator('canvas').waitFor();
        await shot(page, spec, 'dashboard-semiconductor');
        await clickBar(page, 'chart-aging-totals', 0, tallest);
        await ready(page, 'receivables');
        await poll(() => page.getByTestId('filter-bucket').textContent()).toContain(
          aging.columns[tallest]!.label[lang],
        );
        await poll(() => listedOpenTotal(page)).toBe(dec(aging.totals.buckets[tallest]!).toFixed(2));
      });

      it('03d the same ladder from the shipment date the invoices keep (a custom date of the receivable object type)', async () => {
        await page.getByRole('link', { name: t('nav.home') }).click();
        await ready(page, 'dashboard');
        await choose(page, 'pick-ladder', semiconductorLadder.title[lang]);
        const asked = page.waitForResponse(
          (r) => r.url().includes('/reports/aging?') && r.url().includes('t0=custom.shipmentDate') && r.ok(),
        );
        await choose(page, 'pick-t0', 'Shipment date 发货日期');
        await asked;
        await ready(page, 'dashboard');
        await poll(() => page.getByTestId('pick-t0').textContent()).toContain('Shipment date');
        await page.getByTestId('chart-aging-totals').locator('canvas').waitFor();
        await shot(page, spec, 'dashboard-shipment-date');
      });

      it("04 the clerk imports the demo's own camt.053 statement and reads the report", async () => {
        await logout(page);
        await login(page, stack.url, 'clerk@demo.hexiao.dev', demoPassword);
        await page.goto(`${stack.url}/imports/new`);
        await choose(page, 'pick-config', 'icbc-camt053');
        await page.locator('input[type=file]').setInputFiles(statement);
        await page.getByTestId('start-import').click();
        await poll(() => page.getByTestId('progress').getAttribute('data-phase')).toBe('done');
        await poll(() => page.getByTestId('totals').textContent()).toContain(cny('157945.67'));
        await shot(page, spec, 'statement-imported');
      });

      it('05 runs matching: references settle, and the clerk accepts a suggestion after reading its evidence', async () => {
        await page.getByRole('link', { name: t('nav.matching') }).click();
        await ready(page, 'matching-queue');
        await page.getByTestId('run-matching').click();
        await poll(() => page.getByTestId('run-result').textContent()).toMatch(
          lang === 'en' ? /[1-9]\d* suggested/ : /建议 [1-9]\d*/,
        );
        const api = await apiAs(stack.url, 'clerk@demo.hexiao.dev', demoPassword);
        // the page ran it as a job and followed it to its end
        const runs = await api.get<{ jobs: { state: string; result: { runId: string } }[] }>('/jobs?kind=matching.run');
        expect(runs.jobs[0]).toMatchObject({ state: 'succeeded', result: { runId: expect.any(String) } });
        // the statement's two referenced payments settled S01, S02 and S03 in full
        for (const n of ['INV-DEMO-S01', 'INV-DEMO-S02', 'INV-DEMO-S03'])
          expect((await openOf(api, n)).openAmount).toBe('0.00');
        const suggested = (await api.get<{ items: QueueEntry[] }>('/matching/queue?status=suggested')).items;
        const entry = suggested.find((e) => e.receipt.amount === '12345.67')!;
        expect(entry.decision!.detail.evidence.length).toBeGreaterThan(0);
        await page.getByTestId('queue-status').getByText(t('match.status.suggested'), { exact: true }).click();
        await page
          .getByRole('cell', { name: exactly(cny('12345.67')) })
          .first()
          .click();
        await poll(() => page.getByTestId('suggestion').textContent()).toContain(
          entry.decision!.detail.evidence[0]!.detail,
        );
        await shot(page, spec, 'suggestion');
        await page.getByTestId('accept').click();
        await page.getByText(t('match.posted')).first().waitFor();
        await poll(
          async () => (await api.get<{ openAmount: string }>(`/receipts/${entry.receipt.id}`)).openAmount,
        ).toBe('0.00');
      });

      it('05a allocates a payment for two invoices by hand: 40,000.00 to S05 and the rest to S06', async () => {
        const api = await apiAs(stack.url, 'clerk@demo.hexiao.dev', demoPassword);
        const suggested = (await api.get<{ items: QueueEntry[] }>('/matching/queue?status=suggested')).items;
        const entry = suggested.find((e) => e.receipt.amount === '52500.00')!;
        await page
          .getByRole('cell', { name: exactly(cny('52500.00')) })
          .first()
          .click();
        const allocate = page.getByTestId('allocate');
        await allocate.getByLabel(t('match.allocateTo', { number: 'INV-DEMO-S05' })).fill('40000.00');
        await poll(() => page.getByTestId('remaining').textContent()).toContain(cny('12500.00'));
        await allocate.getByLabel(t('match.allocateTo', { number: 'INV-DEMO-S06' })).fill('12500.00');
        await poll(() => page.getByTestId('remaining').textContent()).toContain(cny('0.00'));
        await shot(page, spec, 'two-invoices-by-hand');
        await allocate.getByTestId('post-allocation').click();
        await page.getByText(t('match.posted')).first().waitFor();
        await poll(
          async () => (await api.get<{ openAmount: string }>(`/receipts/${entry.receipt.id}`)).openAmount,
        ).toBe('0.00');
        expect((await openOf(api, 'INV-DEMO-S05')).openAmount).toBe('0.00');
        expect((await openOf(api, 'INV-DEMO-S06')).openAmount).toBe('12500.00');
      });

      it('05a2 a payment 3.00 short: the clerk requests a settlement override from the queue; finance approves and the invoice is settled', async () => {
        const api = await apiAs(stack.url, 'clerk@demo.hexiao.dev', demoPassword);
        const queue = (await api.get<{ items: QueueEntry[] }>('/matching/queue?limit=100')).items;
        const short = queue.find((e) => e.receipt.text === 'payment' && e.receipt.customer)!.receipt;
        const items = (
          await api.get<{ items: { id: string; number: string; open: string }[] }>(
            `/matching/queue/receivables?customerId=${short.customer!.id}&currency=CNY&group=true`,
          )
        ).items;
        const invoice = items.find((i) => dec(i.open).minus(short.amount).eq(3))!;
        expect(invoice).toBeDefined();
        await page.getByTestId('queue-status').getByText(t('match.status.all'), { exact: true }).click();
        await page
          .getByRole('cell', { name: exactly(cny(short.amount)) })
          .first()
          .click();
        const allocate = page.getByTestId('allocate');
        await allocate.getByLabel(t('match.allocateTo', { number: invoice.number })).fill(invoice.open);
        await poll(() => page.getByTestId('remaining').textContent()).toContain(cny('-3.00'));
        await page.getByTestId('request-override').click();
        const form = page.getByTestId('request-form');
        await form.waitFor();
        await poll(() => form.locator('#req_amount').inputValue()).toBe('3.00');
        await shot(page, spec, 'override-request');
        await form.getByTestId('submit-request').click();
        const filed = page.getByTestId('request-filed');
        await filed.waitFor();
        const number = /RQ-[0-9A-Z-]+/.exec((await filed.textContent()) ?? '')![0];
        await page.keyboard.press('Escape');
        const fm = await apiAs(stack.url, 'manager@demo.hexiao.dev', demoPassword);
        const task = (
          await fm.get<{ items: { task: { id: string }; request: { number: string } | null }[] }>('/inbox')
        ).items.find((i) => i.request?.number === number)!;
        expect(task).toBeDefined();
        await fm.post(`/tasks/${task.task.id}/approve`, { comment: 'customer took an early-payment discount' });
        expect((await openOf(api, invoice.number)).openAmount).toBe('0.00');
        expect((await api.get<{ openAmount: string }>(`/receipts/${short.id}`)).openAmount).toBe('0.00');
      });

      it('05b gives the unidentified receipt a customer and allocates it by hand with a running total', async () => {
        const api = await apiAs(stack.url, 'clerk@demo.hexiao.dev', demoPassword);
        const queue = (await api.get<{ items: QueueEntry[] }>('/matching/queue?q=consulting')).items;
        const receipt = queue.find((e) => e.receipt.text === 'consulting fee')!.receipt;
        // a customer whose open CNY items cover the receipt
        const aging = await api.get<BucketReport>('/reports/aging?limit=100');
        let customer: { id: string; code: string } | undefined;
        for (const r of aging.rows.slice(10)) {
          const items = (
            await api.get<{ items: { open: string }[] }>(
              `/matching/queue/receivables?customerId=${r.key}&currency=CNY&group=true`,
            )
          ).items;
          if (items.length >= 2 && items.reduce((a, i) => a.plus(i.open), dec('0')).gte(receipt.amount)) {
            customer = { id: r.key, code: r.label.split(' ')[0]! };
            break;
          }
        }
        expect(customer).toBeDefined();
        await page.getByTestId('queue-status').getByText(t('match.status.all'), { exact: true }).click();
        await page.getByLabel(t('match.search')).fill('consulting');
        await page.keyboard.press('Enter');
        await page
          .getByRole('cell', { name: /consulting fee/ })
          .first()
          .click();
        const assign = page.getByTestId('assign-customer');
        await assign.getByRole('combobox').click();
        await page.keyboard.type(customer!.code);
        await choose(page, assign.getByRole('combobox'), customer!.code);
        await assign.getByLabel(t('match.reason')).fill('confirmed by phone with their accounts payable');
        await assign.getByRole('button', { name: t('match.assign') }).click();
        const allocate = page.getByTestId('allocate');
        await allocate.locator('tbody input').first().waitFor();
        await allocate.locator('tbody input').first().fill('1000.00');
        await poll(() => page.getByTestId('allocated').textContent()).toContain(cny('1000.00'));
        await poll(() => page.getByTestId('remaining').textContent()).toContain(
          cny(dec(receipt.amount).minus('1000').toFixed(2)),
        );
        await allocate.locator('tbody input').first().fill('1000.005');
        await poll(() => allocate.getByTestId('post-allocation').isDisabled()).toBe(true);
        await allocate.getByRole('button', { name: t('match.fillOldest') }).click();
        await poll(() => page.getByTestId('remaining').textContent()).toContain(cny('0.00'));
        await shot(page, spec, 'manual-allocation');
        await allocate.getByTestId('post-allocation').click();
        await page.getByText(t('match.posted')).first().waitFor();
        await poll(async () => (await api.get<{ openAmount: string }>(`/receipts/${receipt.id}`)).openAmount).toBe(
          '0.00',
        );
        const check = await apiAs(stack.url, 'admin@demo.hexiao.dev', demoPassword);
        expect((await check.get<{ violations: unknown[] }>('/ledger/check')).violations).toEqual([]);
      });

      it("05b2 the clerk's jobs page lists the matching run and the import, each with what it did", async () => {
        await page.getByRole('link', { name: t('nav.jobs') }).click();
        await ready(page, 'jobs-page');
        const rows = page.getByTestId('jobs-page').locator('tbody tr');
        await poll(() => rows.allTextContents()).toEqual(
          expect.arrayContaining([
            // each job's own title in the screen's language too
            expect.stringMatching(
              new RegExp(
                `^${lang === 'zh' ? '核销运行' : 'Matching run'}.*${t('jobs.states.succeeded')}.*${template(t('match.ran'))}`,
              ),
            ),
            expect.stringMatching(
              new RegExp(
                `^${lang === 'zh' ? '导入' : 'Import of'} .*camt053.*${t('jobs.states.succeeded')}.*${t('jobs.imported', { created: '4', rejected: '0' })}`,
              ),
            ),
          ]),
        );
        await shot(page, spec, 'jobs');
      });

      it("05c the finance manager undoes the hand allocation to S06 from that receivable's timeline, with a reason", async () => {
        const api = await apiAs(stack.url, 'manager@demo.hexiao.dev', demoPassword);
        await logout(page);
        await login(page, stack.url, 'manager@demo.hexiao.dev', demoPassword);
        const invoices = await api.get<{ items: { id: string; number: string | null }[] }>(
          '/receivables?limit=500&type=invoice',
        );
        const s06 = invoices.items.find((d) => d.number === 'INV-DEMO-S06')!;
        await page.goto(`${stack.url}/receivables/${s06.id}`);
        await ready(page, 'receivable');
        await page
          .locator('[data-kind=settled]')
          .getByRole('button', { name: t('rcv.undo') })
          .click();
        await page.getByRole('dialog').getByLabel(t('match.reason')).fill('allocated to the wrong invoice');
        await confirmDialog(page, t('rcv.undo'));
        await poll(() => page.getByTestId('open-amount').textContent()).toContain(cny('25000.00'));
        await page.locator('[data-kind=settlement-reversed]').waitFor();
        await poll(() => page.locator('[data-kind=settled]').textContent()).toContain(t('rcv.wasUndone'));
        expect((await openOf(api, 'INV-DEMO-S06')).openAmount).toBe('25000.00');
        await shot(page, spec, 'settlement-undone');
        await logout(page);
        await login(page, stack.url, 'clerk@demo.hexiao.dev', demoPassword);
      });

      it("05d the clerk records a promise to pay and a dispute on an overdue invoice; the customer's page lists them and resolves the dispute", async () => {
        const api = await apiAs(stack.url, 'clerk@demo.hexiao.dev', demoPassword);
        const invoices = await api.get<{ items: { id: string; number: string | null; customerId: string }[] }>(
          '/receivables?limit=500&type=invoice',
        );
        const inv = invoices.items.find((d) => d.number === 'DEMO-PTP-1')!;
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
        const promised = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
        await page.goto(`${stack.url}/receivables/${inv.id}`);
        await ready(page, 'receivable');
        await page.getByTestId('record-promise').click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(t('coll.promisedDate')).fill(promised);
        await dialog.getByLabel(t('coll.promisedDate')).press('Enter');
        await dialog.getByLabel(t('coll.amountOptional', { currency: 'CNY' })).fill('5000.00');
        await dialog.getByLabel(t('coll.note')).fill('half now, the rest after the audit');
        await confirmDialog(page, t('coll.save'));
        await poll(() => page.locator('[data-kind=promise]').count()).toBe(2);
        await page.getByTestId('open-dispute').click();
        await page.getByRole('dialog').getByLabel(t('coll.reason')).fill('one pallet arrived damaged');
        await confirmDialog(page, t('coll.save'));
        await page.locator('[data-kind=dispute]').waitFor();
        const made = await api.get<{ items: { amount: string; promisedDate: string; status: string }[] }>(
          `/promises?documentId=${inv.id}&status=open`,
        );
        expect(made.items).toContainEqual(expect.objectContaining({ amount: '5000.00', promisedDate: promised }));
        await shot(page, spec, 'promise-and-dispute');
        // the daily credit sweep stores today's scores: the customer page lists them
        expect((await api.post<{ stored: number }>('/credit-scores/sweep', {})).stored).toBeGreaterThan(0);
        await page.goto(`${stack.url}/customers/${inv.customerId}`);
        await ready(page, 'customer');
        await page.getByTestId('score-history').locator('.ant-tag').first().waitFor();
        const card = page.getByTestId('collections');
        await card.getByText('one pallet arrived damaged').waitFor();
        await card.getByText('half now, the rest after the audit').waitFor();
        await card.getByRole('button', { name: t('coll.resolve') }).click();
        await page.getByRole('dialog').getByLabel(t('match.reason')).fill('replacement pallet shipped');
        await confirmDialog(page, t('coll.resolve'));
        await card.getByText('replacement pallet shipped').waitFor();
        const disputes = await api.get<{ items: { status: string }[] }>(`/disputes?documentId=${inv.id}`);
        expect(disputes.items.map((d) => d.status)).toEqual(['resolved']);
        await shot(page, spec, 'customer-collections');
        const href = await page.getByTestId('statement-pdf').getAttribute('href');
        const pdf = await page.request.get(`${stack.url}${href}`);
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()['content-type']).toBe('application/pdf');
        expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      });

      it('06 the clerk files a bad-debt write-off through the generated form, with the liquidation notice attached', async () => {
        const cfo = await apiAs(stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        openBefore = (await cfo.get<{ totals: { open: string } }>('/reports/kpis?limit=1')).totals.open;
        await page.getByRole('link', { name: t('nav.requests') }).click();
        await ready(page, 'screen-picker');
        const row = page.locator('[data-testid=screen-picker] tbody tr', { hasText: cny('80000.00') }).first();
        await row.locator('input[type=checkbox]').check();
        await page.getByTestId('start-request').click();
        await page.getByTestId('request-form').waitFor();
        await choose(page, page.locator('#req_reason'), 'liquidation');
        // liquidation makes the notice required: the form says so before the file is there
        await poll(() => page.getByTestId('evidence-bankruptcy-notice').textContent()).toContain(t('req.required'));
        await page
          .getByTestId('evidence-bankruptcy-notice')
          .locator('input[type=file]')
          .setInputFiles({
            name: 'liquidation-notice.pdf',
            mimeType: 'application/pdf',
            buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
          });
        await poll(() => page.getByTestId('evidence-bankruptcy-notice').textContent()).toContain(
          'liquidation-notice.pdf',
        );
        await page.locator('#req_explanation').fill('creditor meeting closed, nothing left to distribute');
        await shot(page, spec, 'request-form');
        await page.getByTestId('submit-request').click();
        await page.getByTestId('request-filed').waitFor();
        const filed = (await page.getByTestId('request-filed').textContent()) ?? '';
        requestNumber = /RQ-[0-9A-Z-]+/.exec(filed)![0];
        await shot(page, spec, 'request-filed');
      });

      it('07 the first approver delegates the task, the approvers approve it from their inboxes in turn; the receivable shows the write-off on its timeline', async () => {
        const clerk = await apiAs(stack.url, 'clerk@demo.hexiao.dev', demoPassword);
        const mine = await clerk.get<{ items: { id: string; number: string; data: { receivableIds: string[] } }[] }>(
          '/requests?mine=true',
        );
        const request = mine.items.find((r) => r.number === requestNumber)!;
        expect(request).toBeDefined();
        const approvalOf = () =>
          clerk.get<{ status: string; tasks: { status: string; step: string; assignee: { email: string | null } }[] }>(
            `/requests/${request.id}/approval`,
          );
        const approvers: string[] = [];
        const delegate = 'sales.director@demo.hexiao.dev';
        for (let round = 0; round < 7; round++) {
          const a = await approvalOf();
          if (a.status !== 'running') break;
          const next = a.tasks.find((t) => t.status === 'open')!.assignee.email!;
          approvers.push(next);
          await logout(page);
          await login(page, stack.url, next, demoPassword);
          await page.getByRole('link', { name: t('nav.inbox') }).click();
          await ready(page, 'inbox');
          await page.getByRole('cell', { name: new RegExp(requestNumber) }).click();
          await poll(() => page.getByTestId('request-data').textContent()).toContain('liquidation');
          // labelled by the filed form version's titles, not the data's keys
          expect(await page.getByTestId('request-data').textContent()).toContain('Reason 核销原因');
          if (round === 0) {
            // the flow as a diagram, the step waiting for this approver highlighted
            const step = a.tasks.find((t) => t.status === 'open')!.step;
            await page.getByTestId('flow-progress').locator('[data-state=current]').first().waitFor();
            expect(
              await page.getByTestId('flow-progress').locator('[data-state=current]').getAttribute('data-step'),
            ).toBe(step);
            // the new task is also a notification: the bell counts it and lists it
            await poll(() => page.getByTestId('bell').getAttribute('aria-label')).toMatch(
              new RegExp(template(t('notes.title'), '[1-9]\\d*')),
            );
            await page.getByTestId('bell').click();
            await page.getByTestId('notifications').locator('.ant-list-item').first().waitFor();
            // the task's notification in the screen's language
            expect(await page.getByTestId('notifications').textContent()).toContain(
              lang === 'zh' ? `待审批：${requestNumber}` : `Approval needed: ${requestNumber}`,
            );
            await page.keyboard.press('Escape');
            await shot(page, spec, 'inbox-task');
            // away this week: the sales manager hands the task to the sales director, who decides in their place
            await page.getByLabel(t('inbox.comment')).fill('away this week');
            await page.getByTestId('delegate-to').fill(delegate);
            await page.getByTestId('delegate').click();
            await page.getByText(t('inbox.decided')).first().waitFor();
            approvers.pop();
            await poll(async () => (await approvalOf()).tasks.find((x) => x.status === 'open')?.assignee.email).toBe(
              delegate,
            );
            continue;
          }
          await page.getByLabel(t('inbox.comment')).fill(`approved by ${next}`);
          await page.getByTestId('approve').click();
          await page.getByText(t('inbox.decided')).first().waitFor();
        }
        expect(approvers.length).toBeGreaterThanOrEqual(2);
        expect(approvers[0]).toBe(delegate);
        expect((await approvalOf()).status).toBe('approved');
        // the last approver reads the receivable's history: the request, each decision and the write-off
        const receivableId = request.data.receivableIds[0]!;
        await page.goto(`${stack.url}/receivables/${receivableId}`);
        await ready(page, 'receivable');
        await poll(() => page.getByTestId('open-amount').textContent()).toContain(cny('0.00'));
        const kinds = await page
          .locator('[data-testid=timeline] [data-kind]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
        expect(kinds).toEqual(expect.arrayContaining(['posted', 'request', 'approval', 'settled']));
        const text = (await page.getByTestId('timeline').textContent()) ?? '';
        for (const a of approvers) expect(text).toContain(`approved by ${a}`);
        await shot(page, spec, 'receivable-timeline');
        // the dashboard moves by exactly the amount written off
        await page.getByRole('link', { name: t('nav.home') }).click();
        await ready(page, 'dashboard');
        await poll(() => page.getByTestId('kpi-open').locator('.money').getAttribute('data-amount')).toBe(
          dec(openBefore).minus('80000').toFixed(2),
        );
      });

      it('08 a sales rep sees only their own customers: on the dashboard, in the lists, and no matching queue', async () => {
        const rep = 'sales.north@demo.hexiao.dev';
        const api = await apiAs(stack.url, rep, demoPassword);
        const cfo = await apiAs(stack.url, 'cfo@demo.hexiao.dev', demoPassword);
        const mine = (await api.get<{ totals: { open: string } }>('/reports/kpis?limit=1')).totals.open;
        const all = (await cfo.get<{ totals: { open: string } }>('/reports/kpis?limit=1')).totals.open;
        expect(dec(mine).lt(all)).toBe(true);
        await logout(page);
        await login(page, stack.url, rep, demoPassword);
        await ready(page, 'dashboard');
        await poll(() => page.getByTestId('kpi-open').locator('.money').getAttribute('data-amount')).toBe(mine);
        const nav = (await page.getByTestId('nav').textContent()) ?? '';
        expect(nav).toContain(t('nav.receivables'));
        expect(nav).not.toContain(t('nav.matching'));
        await page.getByRole('link', { name: t('nav.receivables') }).click();
        await ready(page, 'receivables');
        const ids = await page
          .locator('[data-testid=receivables] tbody tr td:nth-child(2) a')
          .evaluateAll((els) => els.map((e) => e.getAttribute('href')!.split('/').pop()!));
        expect(ids.length).toBeGreaterThan(0);
        for (const id of new Set(ids))
          expect((await api.get<{ salesOwner: string | null }>(`/customers/${id}`)).salesOwner).toBe(rep);
        await page.goto(`${stack.url}/matching`);
        await page.getByText(t('common.forbidden')).waitFor();
        await shot(page, spec, 'sales-rep');
        await page.getByRole('link', { name: t('nav.home') }).click();
      });

      it('09 the language switch turns the dashboard into the other language', async () => {
        const other = lang === 'en' ? 'zh' : 'en';
        await page.getByRole('link', { name: t('nav.home') }).click();
        await page
          .getByTestId('lang')
          .getByText(other === 'zh' ? '中文' : 'English')
          .click();
        await ready(page, 'dashboard');
        await page.getByText(uiText(other, 'dash.title')).first().waitFor();
        await shot(page, spec, `dashboard-${other}`);
      });

      it('10 no console errors or page errors during any of it', () => {
        expect(problems).toEqual([]);
      });
    },
    { timeout: 120_000 },
  );
}
