import type { ConfigOf } from '@hexiao/plugins/sdk';
import { createBankLineKeys, streamXml, XmlStreamError } from '@hexiao/plugins/sdk';
import type { BankLineRecord, ConnectorInput, ParseContext, ParseOutput, Rejection } from '@hexiao/plugins/sdk';
import { mapEntry, type LineDraft } from './entry.ts';
import { FieldError } from './fields.ts';
import { camtMessages, checkNamespace, type CamtMessage } from './namespace.ts';
import { StatementBuilder } from './statement.ts';

export const camtConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    splitBatches: {
      type: 'boolean',
      default: true,
      title: 'Split batched entries',
      description:
        'One bank line per transaction (TxDtls) of a batch entry when the transactions add up to the entry amount.',
    },
    bookedStatuses: {
      type: 'array',
      items: { type: 'string' },
      default: ['BOOK'],
      title: 'Booked statuses',
      description:
        'Entry statuses that count when checking opening + entries = closing balance (others are still read).',
    },
  },
} as const;

export type CamtConfig = ConfigOf<typeof camtConfigSchema>;

const reject = (index: number, reason: string, at: { line?: number; xpath?: string }, field?: string): Rejection => ({
  rejected: {
    position: { index, ...(at.line !== undefined ? { line: at.line } : {}), ...(at.xpath ? { xpath: at.xpath } : {}) },
    reason,
    ...(field ? { field } : {}),
  },
});

/**
 * Streams a camt.053 statement or camt.054 notification: yields each entry's bank lines as soon as it is
 * read, and each statement record after its entries (with balance warnings). Entries that cannot be read
 * and a refused or broken document are yielded as rejections; good entries before them are kept.
 */
export async function* parseCamt(
  message: CamtMessage,
  input: ConnectorInput,
  ctx: ParseContext<CamtConfig>,
): AsyncGenerator<ParseOutput> {
  const names = camtMessages[message];
  const base = `Document/${names.message}`;
  const reportPath = `${base}/${names.report}`;
  const entryPath = `${reportPath}/Ntry`;
  const splitBatches = ctx.config?.splitBatches ?? true;
  const booked = new Set(ctx.config?.bookedStatuses ?? ['BOOK']);
  const keyOf = createBankLineKeys();
  let statement: StatementBuilder | undefined;
  let statements = 0;
  let nextEntry = 0;
  let lineInStatement = 0;

  const finish = (extra: string[] = []) => {
    const record = statement!.build(extra);
    for (const w of record.warnings ?? []) ctx.warn(`${input.name}: statement ${record.statementId}: ${w}`);
    statement = undefined;
    return record;
  };

  try {
    for await (const ev of streamXml(input.stream(), {
      capture: [entryPath, `${reportPath}/*`],
      closes: [reportPath],
    })) {
      if (ctx.signal?.aborted) throw new Error('parse aborted');
      if (ev.kind === 'root') {
        const check = checkNamespace(message, ev.name, ev.namespace);
        if (!check.ok) {
          yield reject(0, check.reason, { line: ev.line, xpath: `/${ev.name}` }, 'xmlns');
          return;
        }
        if (check.variant)
          ctx.warn(
            `${input.name}: namespace "${check.variant}" is a national variant, read as ISO 20022 camt.${message}.001.${check.version}`,
          );
        continue;
      }
      if (ev.kind === 'close') {
        if (statement) yield finish();
        continue;
      }
      // A captured element inside a statement: a header element or an entry.
      const stmtXpath = ev.xpath.slice(0, ev.xpath.lastIndexOf('/'));
      if (!statement) {
        statement = new StatementBuilder(statements++, stmtXpath, ev.line);
        lineInStatement = 0;
      }
      if (ev.path !== entryPath) {
        statement.add(ev.node);
        continue;
      }
      nextEntry = ev.index + 1;
      const account = statement.account;
      if (!account) {
        yield reject(
          ev.index,
          `the ${names.report} has no readable account (Acct/Id/IBAN or Acct/Id/Othr/Id)`,
          ev,
          `${names.report}/Acct`,
        );
        continue;
      }
      let drafts;
      try {
        drafts = mapEntry(ev.node, { splitBatches, statementDate: statement.date?.date });
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
        yield reject(ev.index, `entry ${ev.index + 1}: ${e.message}`, ev, `Ntry/${e.field}`);
        continue;
      }
      const first = drafts[0]!;
      if (first.undated) statement.undated++;
      const entryAmount = drafts.length > 1 ? undefined : first.amount;
      statement.countEntry(
        entryAmount ?? sumOf(drafts),
        first.currency,
        first.direction,
        booked.has(first.status ?? 'BOOK'),
      );
      for (const draft of drafts) {
        const suffix = draft.xpathSuffix;
        const line: BankLineRecord = {
          type: 'bank-line',
          sourceKey: (statement.keys ??= keyOf.statement(statement.key!))({
            account,
            bankReference: draft.bankReference,
            endToEndId: draft.endToEndId,
            bookingDate: draft.bookingDate,
            amount: draft.amount,
            currency: draft.currency,
            direction: draft.direction,
          }),
          statementKey: statement.key!,
          account,
          bookingDate: draft.bookingDate,
          amount: draft.amount,
          currency: draft.currency,
          direction: draft.direction,
          ordinal: lineInStatement++,
          position: { index: ev.index, line: ev.line, xpath: suffix ? ev.xpath + suffix : ev.xpath },
        };
        copyOptional(draft, line);
        yield line;
      }
    }
    // a camt document with none of its statements (another message, or the wrong structure) is not an empty import
    if (statements === 0)
      yield reject(
        0,
        `the document has no ${names.message}/${names.report}: no ${names.report} to read`,
        { line: 1 },
        names.message,
      );
  } catch (e) {
    if (!(e instanceof XmlStreamError)) throw e;
    if (statement) yield finish([`the file ends in this statement: ${e.reason}`]);
    yield reject(nextEntry, e.message, { line: e.line }, e.kind === 'refused' ? 'DOCTYPE' : undefined);
  }
}

function copyOptional(d: LineDraft, line: BankLineRecord): void {
  if (d.valueDate !== undefined) line.valueDate = d.valueDate;
  if (d.status !== undefined) line.status = d.status;
  if (d.reversal !== undefined) line.reversal = d.reversal;
  if (d.returnInfo !== undefined) line.returnInfo = d.returnInfo;
  if (d.bankReference !== undefined) line.bankReference = d.bankReference;
  if (d.endToEndId !== undefined) line.endToEndId = d.endToEndId;
  if (d.customerReference !== undefined) line.customerReference = d.customerReference;
  if (d.counterparty !== undefined) line.counterparty = d.counterparty;
  if (d.creditorReference !== undefined) line.creditorReference = d.creditorReference;
  if (d.remittance !== undefined) line.remittance = d.remittance;
  if (d.transactionCode !== undefined) line.transactionCode = d.transactionCode;
  if (d.charges !== undefined) line.charges = d.charges;
  if (d.instructedAmount !== undefined) line.instructedAmount = d.instructedAmount;
}

function sumOf(drafts: { amount: string }[]): string {
  let cents = 0n;
  let scale = 0;
  for (const d of drafts) scale = Math.max(scale, (d.amount.split('.')[1] ?? '').length);
  for (const d of drafts) {
    const [i, f = ''] = d.amount.split('.');
    cents += BigInt(i! + f.padEnd(scale, '0'));
  }
  const s = cents.toString().padStart(scale + 1, '0');
  return scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s;
}

/**
 * Counts `<Ntry>` elements without mapping them (the conformance kit's independent count). A document the
 * namespace check refuses is one item, the one rejection parseCamt gives it, whatever entries it holds.
 */
export async function countCamtEntries(message: CamtMessage, input: ConnectorInput): Promise<number> {
  const names = camtMessages[message];
  let n = 0;
  try {
    for await (const ev of streamXml(input.stream(), {
      capture: [],
      closes: [`Document/${names.message}/${names.report}/Ntry`],
    })) {
      if (ev.kind === 'root' && !checkNamespace(message, ev.name, ev.namespace).ok) return 1;
      if (ev.kind === 'close') n++;
    }
  } catch (e) {
    if (!(e instanceof XmlStreamError)) throw e;
  }
  return n;
}
