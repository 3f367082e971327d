import { describe, expect, it } from 'vitest';
import { apply } from '../../packages/dsl/src/index.ts';
import { ledgerSetup } from '../ledger/setup.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { runReminderSweep } from '../../packages/server/src/domain/reminders/index.ts';
import { listReminders } from '../../packages/server/src/store/repos/reminders.ts';
import { publish } from './setup.ts';

const dpd = { var: 'item.daysPastDue' };
const subject = { en: { subject: 'reminder', body: 'pay' } };

/** Levels of every shape the sweep narrows (a window, a window and more, one-sided) and two it cannot (read all). */
const levels = [
  { id: 'friendly', when: { '<=': [-2, dpd, -1] }, templates: subject },
  { id: 'firm-large', when: { and: [{ '>=': [dpd, 7] }, { 'dec>': [{ var: 'item.openAmount' }, '500'] }] } },
  { id: 'tenth-day', when: { and: [{ '>': [dpd, 0] }, { '==': [{ '%': [dpd, 10] }, 0] }] } },
  { id: 'undated', when: { '==': [{ var: 'item.dueDate' }, null] } },
  { id: 'late-or-large', when: { or: [{ '>=': [dpd, 40] }, { 'dec>': [{ var: 'item.openAmount' }, '2500'] }] } },
];

const day = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('the reminder sweep reads only what might be due', () => {
  it('records exactly what evaluating every level on every open item each day would', async () => {
    const s = await ledgerSetup(2);
    const items: { number: string; amount: string; due: string | null }[] = [];
    for (let i = 0; i < 24; i++)
      items.push({
        number: `PF-${i}`,
        amount: `${(i * 137) % 3000}.50`,
        due: i % 7 === 6 ? null : day('2026-03-01', (i * 5) % 60),
      });
    const ids = new Map<string, string>();
    for (const [i, it] of items.entries()) {
      const r = await postDocument(s.deps, s.ctx, {
        type: 'invoice',
        number: it.number,
        customerId: s.customers[i % 2]!,
        currency: 'CNY',
        amount: it.amount,
        documentDate: '2026-02-01',
        postingDate: '2026-02-01',
        ...(it.due ? { dueDate: it.due } : {}),
      });
      ids.set(r.document.id, it.number);
    }
    // 'every' has levels the sweep cannot narrow (it reads every item for them); 'windows' only narrowable ones
    const plans = { every: levels, windows: [...levels.slice(0, 2), { id: 'early', when: { '<': [dpd, -20] } }] };
    for (const [key, list] of Object.entries(plans))
      await publish(s, 'reminder-plan', key, {
        language: 'en',
        levels: list.map((l) => ({ templates: subject, ...l })),
      });
    const expected = { every: new Map<string, string>(), windows: new Map<string, string>() };
    let evaluatedOnLastDay = 0;
    for (let n = 0; n < 90; n++) {
      const asOf = day('2026-02-20', n);
      for (const [key, list] of Object.entries(plans) as [keyof typeof plans, typeof levels][]) {
        const r = await runReminderSweep(s.database.db, s.ctx, { asOf, plan: key });
        expect(r.failures.count).toBe(0);
        expect(r.scanned).toBe(items.length);
        if (key === 'every') evaluatedOnLastDay = r.evaluated;
        for (const it of items) {
          const daysPastDue = it.due ? (Date.parse(asOf) - Date.parse(it.due)) / 86_400_000 : null;
          const facts = { item: { daysPastDue, openAmount: it.amount, dueDate: it.due }, asOf };
          for (const l of list)
            if (apply(l.when, facts) && !expected[key].has(`${it.number}|${l.id}`))
              expected[key].set(`${it.number}|${l.id}`, asOf);
        }
        const recorded = await listReminders(s.database.db, s.tenant.id, { limit: 1000 });
        // each (item, level) recorded once, on the first day its condition held
        const got = recorded
          .filter((x) => x.planKey === key)
          .map((x) => [`${ids.get(x.documentId)}|${x.level}`, x.asOf] as const);
        expect(new Map(got), `${key} ${asOf}`).toEqual(expected[key]);
        expect(got).toHaveLength(expected[key].size);
      }
    }
    // levels that read every item (undated, tenth-day, late-or-large) keep the sweep from narrowing; a plan of
    // windows reads the undated items, and per level those in its window that it has not recorded at that level
    expect(evaluatedOnLastDay).toBe(items.length);
    expect(expected.every.size).toBeGreaterThan(20);
    expect(expected.windows.size).toBeGreaterThan(10);
    await publish(s, 'reminder-plan', 'pair', {
      language: 'en',
      levels: levels.slice(0, 2).map((l) => ({ templates: subject, ...l })),
    });
    const asOf = '2026-03-20';
    const first = await runReminderSweep(s.database.db, s.ctx, { asOf, plan: 'pair' });
    const pastDue = (it: (typeof items)[number]) => (Date.parse(asOf) - Date.parse(it.due!)) / 86_400_000;
    const undated = items.filter((it) => !it.due).length;
    const friendly = items.filter((it) => it.due && pastDue(it) >= -2 && pastDue(it) <= -1);
    const firm = items.filter((it) => it.due && pastDue(it) >= 7);
    expect(first.evaluated).toBe(undated + new Set([...friendly, ...firm]).size);
    // the next sweep that day reads again only what a level could not send (firm items of 500 or less)
    const again = await runReminderSweep(s.database.db, s.ctx, { asOf, plan: 'pair' });
    expect(again.sent).toBe(0);
    expect(again.evaluated).toBe(undated + firm.filter((it) => Number(it.amount) <= 500).length);
    expect(again.evaluated).toBeLessThan(first.evaluated);
  });
});
