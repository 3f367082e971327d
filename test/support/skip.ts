import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestOptions } from 'vitest';

/**
 * The one place a test is skipped. A test that does not apply to one database, or needs something that a
 * fresh clone does not have, is named here with the reason; the suite prints every skipped test with its
 * reason at the end (scripts/run-tests.mjs), and a skip that is not in this list fails the run.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The real sample files whose licences keep them out of the repository (test/fixtures/samples has the rest). */
export const sharedSamplesRoot = resolve(repoRoot, '../shared/samples');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
const onPostgres = Boolean(process.env.DATABASE_URL);

/** When a listed test is skipped: each condition is true in the setup where the test cannot run. */
const conditions = {
  'on PGlite': !onPostgres,
  'on PostgreSQL': onPostgres,
  'without ../shared/samples': !existsSync(sharedSamplesRoot),
  'without Chromium': !isFile(chromiumPath),
} satisfies Record<string, boolean>;
type Condition = keyof typeof conditions;

interface Entry {
  skipped: Condition;
  reason: string;
}

const sharedOnly = (what: string): Entry => ({
  skipped: 'without ../shared/samples',
  reason: `reads ${what} from ../shared/samples, real files whose licences keep them out of the repository`,
});

/** Test or describe title → when it is skipped and why. */
export const skipList = {
  'statistics refresh beside a long import on PostgreSQL': {
    skipped: 'on PGlite',
    reason: 'PGlite serves one connection, so no second transaction can hold the lock',
  },
  'ledger concurrency on PostgreSQL': {
    skipped: 'on PGlite',
    reason: 'PGlite serves one connection, so two transactions never run at the same time',
  },
  'bulk runs and clerks at once on PostgreSQL': {
    skipped: 'on PGlite',
    reason: 'PGlite serves one connection, so a bulk run and a clerk never write at the same time',
  },
  'matching run and clerks at once on PostgreSQL': {
    skipped: 'on PGlite',
    reason: 'PGlite serves one connection, so a run and a clerk never write at the same time',
  },
  'approval concurrency on PostgreSQL': {
    skipped: 'on PGlite',
    reason: 'PGlite serves one connection, so two approvers never decide at the same time',
  },
  'scale-out on PostgreSQL: two servers, two workers, one queue': {
    skipped: 'on PGlite',
    reason: 'an embedded data folder is opened by one process; servers and workers share a queue only on PostgreSQL',
  },
  'PostgreSQL roles on migrate': {
    skipped: 'on PGlite',
    reason: 'PGlite has one built-in role: owner and server roles, grants and role attributes are PostgreSQL matters',
  },
  'designer in Chromium: analyst designs, clerk imports, zh and en': {
    skipped: 'without Chromium',
    reason: `no Chromium at ${chromiumPath} (apt-get install chromium fonts-noto-cjk; CI installs it)`,
  },
  'workbench in Chromium: dashboard drill-down, matching queue, inbox': {
    skipped: 'without Chromium',
    reason: `no Chromium at ${chromiumPath} (apt-get install chromium fonts-noto-cjk; CI installs it)`,
  },
  'workbench in Chromium, in Chinese: dashboard drill-down, matching queue, inbox': {
    skipped: 'without Chromium',
    reason: `no Chromium at ${chromiumPath} (apt-get install chromium fonts-noto-cjk; CI installs it)`,
  },
  'csv-bank on the shared samples': sharedOnly('the PayPal, Adyen, Stripe, CSB43 and bank CSV exports (AGPL, GPL)'),
  'camt053 on the shared samples that are not in the repository': sharedOnly('the OCA camt.053 fixture (AGPL)'),
  'camt054 on the shared samples that are not in the repository': sharedOnly('the OCA camt.054 fixture (AGPL)'),
  'mt940 on the shared samples that are not in the repository': sharedOnly(
    'the OCA ING, SNS and Rabobank files (AGPL)',
  ),
  'ubl connector on the shared samples': sharedOnly('the OpenPeppol invoices and credit notes (no licence file)'),
  'ubl conformance kit on the shared samples': sharedOnly('the OpenPeppol invoices and credit notes (no licence file)'),
  'orders-ubl on the shared samples': sharedOnly('the OASIS and OpenPeppol orders (OASIS IPR, no licence file)'),
  'ordersUbl conformance kit on the shared samples': sharedOnly(
    'the OASIS and OpenPeppol orders (OASIS IPR, no licence file)',
  ),
  'orders-csv on the Northwind export (orders joined with order details)': sharedOnly(
    'the Northwind order export (no licence file)',
  ),
  'orders-csv conformance kit on the Northwind export': sharedOnly('the Northwind order export (no licence file)'),
  'every bank sample in ../shared/samples only imports with matching control totals, once': sharedOnly(
    'the OCA camt.053, camt.054 and MT940 files (AGPL)',
  ),
  'every e-invoice sample in ../shared/samples only is read with its payable amount': sharedOnly(
    'the OpenPeppol invoices and credit notes (no licence file)',
  ),
  'every CSV bank export imports with its sample config, and again creates nothing': sharedOnly(
    'the bank and payment-service CSV exports (AGPL, GPL)',
  ),
  'e-invoices in ../shared/samples only become receivables or credit documents, once': sharedOnly(
    'the OpenPeppol invoices and credit notes (no licence file)',
  ),
  'orders in ../shared/samples only become estimated receivables': sharedOnly(
    'the Northwind export, OASIS and OpenPeppol orders (no licence file, OASIS IPR)',
  ),
  'the repository samples are byte-for-byte copies, and the shared-only list is complete': sharedOnly(
    'the whole corpus, to compare it with the copies in test/fixtures/samples',
  ),
} satisfies Record<string, Entry>;
export type ListedTitle = keyof typeof skipList;

/** Whether the listed test is skipped in this setup, and why. */
export function skipOf(title: ListedTitle): { skip: boolean; reason: string } {
  const entry: Entry = skipList[title];
  return { skip: conditions[entry.skipped], reason: `${entry.skipped}: ${entry.reason}` };
}

const options = (title: ListedTitle, extra: TestOptions = {}): TestOptions => {
  const { skip, reason } = skipOf(title);
  return skip ? { ...extra, skip, meta: { skipReason: reason } } : extra;
};

/** `describe` for a suite named in the skip list: skipped, with its reason, where the list says so. */
export function describeListed(title: ListedTitle, fn: () => void | Promise<void>, extra?: TestOptions): void {
  describe(title, options(title, extra), fn);
}

/** `it` for a test named in the skip list. */
export function itListed(title: ListedTitle, fn: () => unknown, extra?: TestOptions): void {
  it(title, options(title, extra), fn as () => void);
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on tests skipped through the skip list; scripts/run-tests.mjs prints it. */
    skipReason?: string;
  }
}
