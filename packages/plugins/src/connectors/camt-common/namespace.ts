/** camt message kinds this package reads, with the element names that differ between them. */
export const camtMessages = {
  '053': { message: 'BkToCstmrStmt', report: 'Stmt', title: 'camt.053 bank-to-customer statement' },
  '054': { message: 'BkToCstmrDbtCdtNtfctn', report: 'Ntfctn', title: 'camt.054 debit/credit notification' },
} as const;
export type CamtMessage = keyof typeof camtMessages;

/** Versions read (the entry structure is compatible across them); .02, .04 and .08 have sample files. */
export const supportedVersions = ['02', '03', '04', '05', '06', '07', '08'] as const;

export type NamespaceCheck = { ok: true; version: string } | { ok: false; reason: string };

/** Checks the document's namespace: `urn:iso:std:iso:20022:tech:xsd:camt.053.001.04` → version '04'. */
export function checkNamespace(message: CamtMessage, rootName: string, namespace: string | undefined): NamespaceCheck {
  const expected = `urn:iso:std:iso:20022:tech:xsd:camt.${message}.001.NN`;
  if (rootName !== 'Document')
    return { ok: false, reason: `the root element is <${rootName}>, not an ISO 20022 <Document> (${expected})` };
  const m = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4})\.(\d{3})\.001\.(\d{2})$/.exec(namespace ?? '');
  if (!m)
    return {
      ok: false,
      reason: `namespace "${namespace ?? '(none)'}" is not an ISO 20022 camt namespace (expected ${expected})`,
    };
  const [, area, number, version] = m;
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
  return { ok: true, version: version! };
}
