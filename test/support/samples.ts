import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedSamplesRoot } from './skip.ts';

/** The real sample files whose licences allow them in the repository (see its README.md). */
export const fixturesRoot = resolve(fileURLToPath(new URL('../fixtures/samples', import.meta.url)));
export { sharedSamplesRoot };

/**
 * A real sample file: the repository's copy when there is one, else the file in ../shared/samples (a test
 * that reads one of those is in the skip list, skipped when ../shared/samples is not beside the repository).
 */
export function sample(folder: string, file: string): string {
  const copy = join(fixturesRoot, folder, file);
  return existsSync(copy) ? copy : join(sharedSamplesRoot, folder, file);
}

/** The repository's copies of one format's samples. */
export const fixtureFolder = (folder: string) => join(fixturesRoot, folder);
/** Every sample of one format, in ../shared/samples. */
export const sharedFolder = (folder: string) => join(sharedSamplesRoot, folder);

/** The files of ../shared/samples that are not in the repository, by folder (their licences keep them out). */
export const sharedOnlySamples: Record<string, string[]> = {
  camt053: ['oca-test-camt053-v02.xml'],
  camt054: ['oca-test-camt054-v04.xml'],
  mt940: ['oca-test-ing.940', 'oca-test-rabo.swi', 'oca-test-sns.940'],
  bai2: [],
  cii: [],
  ubl: [
    'peppol-Allowance-example.xml',
    'peppol-Norwegian-example-1.xml',
    'peppol-Snippet-cn.xml',
    'peppol-base-creditnote-correction.xml',
    'peppol-base-example.xml',
    'peppol-base-negative-inv-correction.xml',
    'peppol-vat-category-O.xml',
  ],
  csv: [
    'hledger-csb43.csv',
    'hledger-sample.fr.cp1252.csv',
    'hledger-stripe.csv',
    'oca-adyen-settlement_detail_report_batch_380.csv',
    'oca-meta_data_separated_credit_debit.csv',
    'oca-paypal-activity_en.csv',
    'oca-sample_statement_en.csv',
  ],
  orders: [
    'northwind-order-details.csv',
    'northwind-orders.csv',
    'oasis-UBL-Order-2.1-Example.xml',
    'peppol-ordering-Order_Example.xml',
    'peppol-ordering-UC1_Order.xml',
    'peppol-ordering-UC5_Order.xml',
  ],
};

const dataFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => !f.endsWith('.md'))
        .sort()
    : [];

/** Paths of the repository's copies of one format's samples. */
export const fixtureFiles = (folder: string) =>
  dataFiles(fixtureFolder(folder)).map((f) => join(fixturesRoot, folder, f));
/** Paths of the samples of one format that only ../shared/samples has (named whether or not it is there). */
export const sharedOnlyFiles = (folder: string) => (sharedOnlySamples[folder] ?? []).map((f) => sample(folder, f));
/** The data files of one folder of ../shared/samples, as they are on disk (empty when it is absent). */
export const sharedFiles = (folder: string) => dataFiles(sharedFolder(folder));
