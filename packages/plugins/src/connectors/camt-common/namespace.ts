/** camt message kinds this package reads, with the element names that differ between them. */
export const camtMessages = {
  '053': { message: 'BkToCstmrStmt', report: 'Stmt', title: 'camt.053 bank-to-customer statement' },
  '054': { message: 'BkToCstmrDbtCdtNtfctn', report: 'Ntfctn', title: 'camt.054 debit/credit notification' },
} as const;
export type CamtMessage = keyof typeof camtMessages;

/**
 * Versions read: the elements this reader uses (account, balances, entries, their transaction details and
 * parties) keep their names and places from .02 to .13; .02, .04 and .08 have sample files, .10 and .13 fixtures.
 */
export const supportedVersions = ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13'] as const;

export type NamespaceCheck = { ok: true; version: string; variant?: string } | { ok: false; reason: string };

const iso = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4})\.(\d{3})\.001\.(\d{2})$/;
/**
 * A national wrapper names the ISO message inside its own namespace, e.g. the Austrian
 * `ISO:camt.053.001.02:APC:STUZZA:payments:003` or the Swiss `http://www.six-interbank-clearing.com/de/camt.053.001.04.xsd`.
 */
const national = /(?:^|[:/])([a-z]{4})\.(\d{3})\.001\.(\d{2})(?=$|[:.])/;

const intradayRefused =
  'camt.052 intraday reports are not imported: their entries are not final and may change before the day ends; import the end-of-day camt.053 statement, which carries them booked';

/** Checks the document's namespace: `urn:iso:std:iso:20022:tech:xsd:camt.053.001.04` → version '04'. */
export function checkNamespace(message: CamtMessage, rootName: string, namespace: string | undefined): NamespaceCheck {
  const expected = `urn:iso:std:iso:20022:tech:xsd:camt.${message}.001.NN`;
  if (rootName !== 'Document')
    return { ok: false, reason: `the root element is <${rootName}>, not an ISO 20022 <Document> (${expected})` };
  const standard = iso.exec(namespace ?? '');
  const m = standard ?? national.exec(namespace ?? '');
  if (!m)
    return {
      ok: false,
      reason: `namespace "${namespace ?? '(none)'}" is not an ISO 20022 camt namespace (expected ${expected})`,
    };
  const [, area, number, version] = m;
  if (area === 'camt' && number === '052') return { ok: false, reason: intradayRefused };
  if (area !== 'camt' || number !== message)
    return {
      ok: false,
      reason: `this is a ${area}.${number} message (namespace ${namespace}); the connector reads camt.${message} only`,
    };
  if (!(supportedVersions as readonly string[]).includes(version!))
    return {
      ok: false,
      reason: `camt.${message}.001.${version} is not supported (supported: ${supportedVersions.map((v) => `.001.${v}`).join(', ')})`,
    };
  return standard ? { ok: true, version: version! } : { ok: true, version: version!, variant: namespace! };
}
