import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeListed } from '../support/skip.ts';
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

const spec = 'designer';
/** Waits for the UI (saves and validation go through the server; a loaded CI machine is slow). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
let stack: Stack;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** The seeded records the playground reads: one customer and its 12,000.00 receipt. */
async function seed(s: Stack) {
  const { post } = await apiAs(s.url, s.users.admin);
  const customer = await post<{ id: string }>('/customers', {
    code: 'C-001',
    name: '上海远航贸易有限公司',
    region: 'East',
  });
  await post('/receipts', {
    customerId: customer.id,
    currency: 'CNY',
    amount: '12000.00',
    documentDate: '2026-11-02',
    reference: 'E2E-REF-1',
  });
}

const setEditor = (p: Page, path: string, text: string, cursorAt?: string) =>
  p.evaluate(
    ([path, text, cursorAt]) =>
      (
        globalThis as unknown as { __hexiao: { setEditorValue(p: string, t: string, c?: string): void } }
      ).__hexiao.setEditorValue(path!, text!, cursorAt),
    [path, text, cursorAt] as const,
  );

describeListed(
  'designer in Chromium: analyst designs, clerk imports, zh and en',
  () => {
    beforeAll(async () => {
      ensureDesignerBuilt();
      // imports answer 202 at once and run as jobs: the page follows the job to its report
      stack = await startStack({ importWaitMs: 0 });
      await seed(stack);
      browser = await launch();
      page = (await newPage(browser, problems)).page;
    }, 600_000);

    afterEach(async (ctx) => {
      if (ctx.task.result?.state === 'fail' && page) await shot(page, spec, `failed-${ctx.task.name.slice(0, 2)}`);
    });

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('01 the analyst logs in and sees the designer', async () => {
      await login(page, stack.url, stack.users.analyst);
      await poll(() => page.getByTestId('nav').textContent()).toContain('Rules');
      await shot(page, spec, 'analyst-home');
    });

    it('02 creates an object type with a custom field and publishes it', async () => {
      await page.getByRole('link', { name: 'Object types' }).first().click();
      await page.getByTestId('empty-state').waitFor();
      await page.getByTestId('new-definition').first().click();
      await page.getByTestId('new-key').fill('customer');
      await page.getByTestId('new-title').fill('Customer fields');
      await page.keyboard.press('Enter');
      await page.getByTestId('add-field').click();
      await page.getByLabel('Label 1').fill('Tier');
      await page.getByLabel('Name 1').fill('tier');
      await page.getByLabel('Required 1').check();
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
      await page.locator('#preview_tier').waitFor(); // the live form preview renders the new field
      await shot(page, spec, 'object-type');
      await page.getByTestId('publish').click();
      await poll(() => page.getByTestId('current-version').textContent()).toContain('v1');
    });

    it('03 writes a rule with completion of var paths', async () => {
      await page.goto(`${stack.url}/designer/rule`);
      await page.getByTestId('new-definition').first().click();
      await page.getByTestId('new-key').fill('big-receipts');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=rule-editor] .monaco-editor').waitFor({ timeout: 60_000 });
      const path = 'hexiao://rules/big-receipts.json';
      await page.waitForFunction(() => !!(globalThis as unknown as { __hexiao?: object }).__hexiao);
      await setEditor(page, path, '{"dec>=": [{"var": "receipt.am"}, "10000"]}', '"}, "10000"');
      // Monaco may drop the first trigger while its language worker is still starting, so ask again until it answers.
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'receipt.amount' }).first();
      await expect
        .poll(
          async () => {
            if (await suggestion.isVisible()) return true;
            // the first save may remount the editor with the stored text: put the cursor back inside the path
            await page.evaluate(
              ([p, at]) => {
                const e = (globalThis as any).__hexiao.editor(p);
                const model = e.getModel();
                e.setPosition(model.getPositionAt(model.getValue().indexOf(at)));
                e.focus();
              },
              [path, '"}, "10000"'] as const,
            );
            await page.keyboard.press('Control+Space');
            return suggestion.waitFor({ timeout: 2_000 }).then(
              () => true,
              () => false,
            );
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
      await shot(page, spec, 'rule-completion');
      await page.keyboard.press('Enter');
      await expect
        .poll(() =>
          page.evaluate(() => (globalThis as any).__hexiao.editor('hexiao://rules/big-receipts.json').getValue()),
        )
        .toBe('{"dec>=": [{"var": "receipt.amount"}, "10000"]}');
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
      // hover docs of an operation come from ruleDocumentSchema(): summary and example
      await page.locator('[data-testid=rule-editor] .view-line span', { hasText: 'dec>=' }).first().hover();
      await poll(() => page.locator('.monaco-hover').first().textContent()).toContain('Example');
    });

    it('04 sees a diagnostic appear at its pointer and disappear when fixed', async () => {
      const path = 'hexiao://rules/big-receipts.json';
      await setEditor(page, path, '{"dec>=": [{"var": "receipt.amout"}, "10000"]}');
      await poll(() => page.getByTestId('diagnostics').getAttribute('data-count')).toBe('1');
      await poll(() => page.getByTestId('diagnostics').textContent()).toContain('/dec>=/0');
      await page.locator('[data-testid=rule-editor] .squiggly-error').first().waitFor();
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('invalid');
      await poll(() => page.getByTestId('publish').isDisabled()).toBe(true);
      await shot(page, spec, 'rule-diagnostic');
      await setEditor(page, path, '{"dec>=": [{"var": "receipt.amount"}, "10000"]}');
      await poll(() => page.getByTestId('diagnostics').getAttribute('data-count')).toBe('0');
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    });

    it('05 runs the rule in the playground over a real receipt and reads the explanation tree', async () => {
      await choose(page, 'pick-receipt', '12000.00');
      // Ctrl+Enter in the editor runs the playground (keyboard all the way)
      await page.locator('[data-testid=rule-editor] .view-line').first().click();
      await page.keyboard.press('Control+Enter');
      await poll(() => page.getByTestId('result').textContent()).toBe('true');
      const tree = page.getByTestId('explain-tree');
      await poll(() => tree.textContent()).toContain('dec>=');
      await poll(() => tree.textContent()).toContain('"12000.00"');
      await shot(page, spec, 'rule-playground');
    });

    it('06 publishes the rule, publishes a change, compares versions and rolls back', async () => {
      await page.getByTestId('publish').click();
      await poll(() => page.getByTestId('current-version').textContent()).toContain('v1');
      await setEditor(page, 'hexiao://rules/big-receipts.json', '{"dec>=": [{"var": "receipt.amount"}, "50000"]}');
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
      await page.getByTestId('publish').click();
      await poll(() => page.getByTestId('current-version').textContent()).toContain('v2');
      await page.getByRole('button', { name: 'History' }).click();
      await poll(() => page.getByTestId('diff-changes').textContent()).toContain('/logic/dec>=/1');
      await page.getByTestId('diff-editor').locator('.monaco-diff-editor').waitFor();
      await shot(page, spec, 'rule-history-diff');
      await page.getByTestId('rollback-1').click();
      await poll(() => page.getByTestId('versions').textContent()).toContain('v3');
      await page.keyboard.press('Escape');
      await poll(() => page.getByTestId('current-version').textContent()).toContain('v3');
      await expect
        .poll(() =>
          page.evaluate(() => (globalThis as any).__hexiao.editor('hexiao://rules/big-receipts.json')?.getValue()),
        )
        .toContain('"10000"');
      await shot(page, spec, 'rule-rolled-back');
    });

    it('07 publishes a CSV connector configuration filled in the generated form', async () => {
      await page.goto(`${stack.url}/designer/connector-config`);
      await page.getByTestId('new-definition').first().click();
      await page.getByTestId('new-key').fill('bank-csv');
      await page.getByTestId('new-title').fill('Bank CSV export');
      await page.keyboard.press('Enter');
      await page.locator('#config_account_iban').fill('CN1234567890123456');
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
      await shot(page, spec, 'connector-config');
      await page.getByTestId('publish').click();
      await poll(() => page.getByTestId('current-version').textContent()).toContain('v1');
    });

    it('07b draws a new approval flow as an auto-laid-out diagram and edits a step', async () => {
      await page.goto(`${stack.url}/designer/flow`);
      await page.getByTestId('new-definition').first().click();
      await page.getByTestId('new-key').fill('write-off');
      await page.keyboard.press('Enter');
      await page.locator('.flow-node[data-step=finance]').waitFor();
      await page.locator('.flow-node[data-step="$approved"]').waitFor();
      await page.locator('.flow-node[data-step=finance]').click();
      await page.getByTestId('step-pane').locator('.monaco-editor').waitFor({ timeout: 60_000 });
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toMatch(/saved|clean/);
      await shot(page, spec, 'flow-diagram');
    });

    it("07b2 simulates the draft flow: nobody holds its step's role, then a finance manager is named", async () => {
      await page.getByRole('tab', { name: 'Simulate' }).click();
      const sim = page.getByTestId('flow-simulator');
      await sim.getByTestId('sim-form').fill('{"amount": "5000.00", "reason": "bankruptcy"}');
      await sim.getByTestId('sim-customer').fill('{"inLegalDispute": false}');
      await sim.getByTestId('sim-run').click();
      // the tenant has no finance manager yet: the simulation stops at the step and says why
      await poll(() => sim.getByTestId('sim-outcome').getAttribute('data-outcome')).toBe('failed');
      expect(await sim.getByTestId('sim-problem').textContent()).toContain('finance');
      const admin = await apiAs(stack.url, stack.users.admin);
      await admin.post('/users', {
        email: `fm@${stack.tenant.slug}.test`,
        name: 'Wang Fang',
        roles: ['finance-manager'],
      });
      await sim.getByTestId('sim-run').click();
      await poll(() => sim.getByTestId('sim-outcome').getAttribute('data-outcome')).toBe('approved');
      expect(await sim.getByTestId('sim-steps').textContent()).toMatch(/Finance.*Wang Fang/);
      expect(await sim.getByTestId('sim-result').textContent()).toContain('finance → $approved');
      await shot(page, spec, 'flow-simulation');
      // the diagram marks the steps the run went through
      await page.getByRole('tab', { name: 'Diagram' }).click();
      await poll(() => page.locator('.flow-node[data-step=finance]').getAttribute('data-state')).toBe('done');
      expect(await page.locator('.flow-node[data-step="$approved"]').getAttribute('data-state')).toBe('done');
      expect(await page.locator('.flow-node[data-step="$start"]').getAttribute('data-state')).toBe('done');
    });

    it("07b3 sets a provision plan's aging matrix in a table: a rate as a percent, a gap the server finds, a bucket added", async () => {
      await page.goto(`${stack.url}/designer/provision-plan`);
      await page.getByTestId('new-definition').first().click();
      await page.getByTestId('new-key').fill('doubtful');
      await page.keyboard.press('Enter');
      const buckets = page.getByTestId('plan-buckets');
      await buckets.getByLabel('Rate 1-90').fill('5');
      // a gap: 91-180 now starts at 95, and the server's check names the days at the field
      await buckets.getByLabel('From day 91-180').fill('95');
      await poll(() => page.getByTestId('problems').textContent()).toContain('days 91–94 fall in no bucket');
      await buckets.getByLabel('From day 91-180').fill('91');
      await poll(() => page.getByText('No problems').count()).toBeGreaterThan(0);
      // the open-ended last bucket closes after a year and the new one takes over at its rate
      await page.getByTestId('add-bucket').click();
      expect(await buckets.getByLabel('Rate bucket-6').inputValue()).toBe('100');
      await buckets.getByLabel('Rate over-1y').fill('50');
      await poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
      const api = await apiAs(stack.url, stack.users.analyst);
      const draft = await api.get<{ document: { stages: { buckets: unknown[] }[] } }>(
        '/definitions/provision-plan/doubtful/draft',
      );
      expect(draft.document.stages[0]!.buckets).toEqual([
        { id: 'not-due', to: 0, rate: '0.005' },
        { id: '1-90', from: 1, to: 90, rate: '0.05' },
        { id: '91-180', from: 91, to: 180, rate: '0.1' },
        { id: '181-365', from: 181, to: 365, rate: '0.3' },
        { id: 'over-1y', from: 366, to: 730, rate: '0.5' },
        { id: 'bucket-6', from: 731, rate: '1' },
      ]);
      await shot(page, spec, 'provision-plan-matrix');
    });

    it('07c opens the default matching rule set: its rules in order, a backtest against history, learning from clerks', async () => {
      await page.goto(`${stack.url}/designer/rule-set/default`);
      await poll(() => page.getByTestId('rule-set-rules').textContent()).toMatch(
        /Rules, in the order they run.*document-reference/,
      );
      const lab = page.getByTestId('matching-lab');
      await lab.getByRole('button', { name: 'Backtest' }).click();
      // the seeded receipt of the period, tried by the version in force (no draft yet) beside the published one
      await poll(() => lab.getByTestId('backtest-result').textContent()).toMatch(
        /1 receipts from .* to .*This version \(v1\).*Published \(v1\).*Settled automatically/,
      );
      await poll(() => lab.getByTestId('backtest-changes').textContent()).toContain(
        'Receipts whose outcome changes: 0',
      );
      await lab.getByRole('button', { name: 'Learn from clerks' }).click();
      await poll(() => lab.getByTestId('learn-result').textContent()).toContain('Nothing to propose');
      await shot(page, spec, 'rule-set-lab');
    });

    it('08 a clerk logs in and sees no designer', async () => {
      await logout(page);
      await login(page, stack.url, stack.users.clerk);
      const nav = (await page.getByTestId('nav').textContent()) ?? '';
      expect(nav).toContain('Imports');
      expect(nav).not.toMatch(/Designer|Rules|Object types/);
      await shot(page, spec, 'clerk-home');
      await page.goto(`${stack.url}/designer/rule`);
      await page.getByText('Your roles do not allow this page.').waitFor();
    });

    it('09 the clerk imports the committed CSV and watches the progress bar finish', async () => {
      await page.goto(`${stack.url}/imports/new`);
      await choose(page, 'pick-config', 'Bank CSV export');
      await page.locator('input[type=file]').setInputFiles(join(import.meta.dirname, 'fixtures', 'bank-statement.csv'));
      await page.getByTestId('start-import').click();
      await page.getByTestId('progress').waitFor();
      await poll(() => page.getByTestId('progress').getAttribute('data-phase')).toBe('done');
      await expect
        .poll(() => page.getByTestId('progress').getByRole('progressbar').getAttribute('aria-valuenow'))
        .toBe('100');
      const report = page.getByTestId('import-report');
      await poll(() => page.getByTestId('totals').textContent()).toContain('CN¥15,580.50');
      await poll(() => page.getByTestId('rejections').textContent()).toContain('line 5');
      await poll(() => report.textContent()).toContain('Rejected');
      await shot(page, spec, 'import-report-en');
    });

    it('10 switches to Chinese and sees Chinese labels and amounts', async () => {
      await page.getByTestId('lang').getByText('中文').click();
      await poll(() => page.getByTestId('import-report').textContent()).toContain('按币种汇总');
      await poll(() => page.getByTestId('totals').textContent()).toContain('¥15,580.50');
      await poll(() => page.getByTestId('nav').textContent()).toContain('导入');
      await shot(page, spec, 'import-report-zh');
    });

    it('10b an administrator previews how many customers a user would see under a draft data scope', async () => {
      await logout(page);
      await login(page, stack.url, stack.users.admin);
      await page.goto(`${stack.url}/admin/roles`);
      await page.getByRole('button', { name: 'AR clerk' }).click();
      await choose(page, 'preview-user', stack.users.clerk);
      await poll(() => page.getByTestId('scope-preview').textContent()).toMatch(/1 .*1|1 of 1/);
      await page.getByTestId('scope-mode').locator('input[type=radio]').nth(1).check();
      await poll(() => page.getByTestId('scope-preview').textContent()).toMatch(/ 0 /);
      await shot(page, spec, 'roles-scope-preview');
    });

    it('10c writes a screen and lists what its draft finds now, before saving anything', async () => {
      const admin = await apiAs(stack.url, stack.users.admin);
      const customers = await admin.get<{ items: { id: string; code: string }[] }>('/customers?q=C-001');
      const customerId = customers.items.find((c) => c.code === 'C-001')!.id;
      const inMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      for (const [number, dueDate, amount] of [
        ['INV-SCR-OLD', '2024-01-31', '18000.00'],
        ['INV-SCR-NEW', inMonth, '500.00'],
      ] as const)
        await admin.post('/receivables', {
          type: 'invoice',
          customerId,
          number,
          amount,
          currency: 'CNY',
          documentDate: '2023-12-31',
          dueDate,
        });
      await page.goto(`${stack.url}/designer/screen`);
      await page.getByTestId('new-definition').first().click();
      await page.getByTestId('new-key').fill('stale');
      await page.keyboard.press('Enter');
      await page.getByTestId('screen-logic').locator('.monaco-editor').waitFor({ timeout: 60_000 });
      const preview = page.getByTestId('screen-preview');
      // the new screen's rule: more than 365 days overdue
      await preview.getByTestId('screen-run').click();
      await poll(() => preview.getByTestId('screen-rows').textContent()).toContain('INV-SCR-OLD');
      expect(await preview.getByTestId('screen-rows').textContent()).not.toContain('INV-SCR-NEW');
      await setEditor(page, 'hexiao://rules/screen-stale.json', '{"<": [{"var": "item.daysOverdue"}, 365]}');
      await preview.getByTestId('screen-run').click();
      await poll(() => preview.getByTestId('screen-rows').textContent()).toContain('INV-SCR-NEW');
      expect(await preview.getByTestId('screen-rows').textContent()).not.toContain('INV-SCR-OLD');
      await shot(page, spec, 'screen-preview');
      // a rule reading a field no receivable has: the server's check, and no rows
      await setEditor(page, 'hexiao://rules/screen-stale.json', '{">": [{"var": "item.noSuchField"}, 1]}');
      await preview.getByTestId('screen-run').click();
      await poll(() => preview.getByTestId('problems').textContent()).toContain('noSuchField');
      expect(await preview.getByTestId('screen-rows').count()).toBe(0);
    });

    it('11 no console errors or page errors during any of it', () => {
      expect(problems.map((p) => p.slice(0, 400))).toEqual([]);
    });
  },
  { timeout: 60_000 },
);
