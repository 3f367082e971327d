/** Small generated camt files for idempotency cases the shared samples do not contain. */
export interface GenEntry {
  ref: string;
  e2e: string;
  amount: string;
  credit: boolean;
  date: string;
  reversal?: boolean;
  payerIban?: string;
}

const entry = (e: GenEntry) => `
      <Ntry>
        <Amt Ccy="EUR">${e.amount}</Amt>
        <CdtDbtInd>${e.credit ? 'CRDT' : 'DBIT'}</CdtDbtInd>${e.reversal ? '\n        <RvslInd>true</RvslInd>' : ''}
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${e.date}</Dt></BookgDt>
        <ValDt><Dt>${e.date}</Dt></ValDt>
        <AcctSvcrRef>${e.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>${e.e2e}</EndToEndId></Refs>
          <Amt Ccy="EUR">${e.amount}</Amt>${e.payerIban ? `\n          <RltdPties><Dbtr><Pty><Nm>Payer</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${e.payerIban}</IBAN></Id></DbtrAcct></RltdPties>` : ''}
          <RmtInf><Ustrd>invoice ${e.e2e}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`;

const acct = (iban: string) => `<Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>`;
const bal = (code: string, amount: string, date: string) =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount.replace('-', '')}</Amt><CdtDbtInd>${amount.startsWith('-') ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

export function camt053(o: {
  iban: string;
  id: string;
  opening: string;
  closing: string;
  from: string;
  to: string;
  entries: GenEntry[];
}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-${o.id}</MsgId><CreDtTm>${o.to}T18:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${o.id}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>${o.to}T18:00:00</CreDtTm>
      <FrToDt><FrDtTm>${o.from}T00:00:00</FrDtTm><ToDtTm>${o.to}T23:59:59</ToDtTm></FrToDt>
      ${acct(o.iban)}
      ${bal('OPBD', o.opening, o.from)}
      ${bal('CLBD', o.closing, o.to)}${o.entries.map(entry).join('')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

export function camt054(o: { iban: string; id: string; entries: GenEntry[] }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>NTF-${o.id}</MsgId><CreDtTm>2026-01-05T10:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>${o.id}</Id>
      <CreDtTm>2026-01-05T10:00:00</CreDtTm>
      ${acct(o.iban)}${o.entries.map(entry).join('')}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}
