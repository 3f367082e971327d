import type { ConfigOf } from '@hexiao/plugins/sdk';
import { Decimal } from '@hexiao/dsl';
import {
  canonical,
  createBankLineKeys,
  decodeStream,
  describeInput,
  readLines,
  statementSourceKey,
} from '@hexiao/plugins/sdk';
import type {
  BankAccountRef,
  BankLineKeyInput,
  BankLineRecord,
  ConnectorInput,
  ParseContext,
  ParseOutput,
  Rejection,
  StatementRecord,
} from '@hexiao/plugins/sdk';
import { directionOf, returnOf } from './codes.ts';
import { Bai2FieldError, baiDate, parseAccount, parseDetail, type AccountSummary } from './map.ts';
import { fields, readRecords } from './records.ts';

export const bai2ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    defaultCurrency: {
      type: 'string',
      pattern: '^[A-Z]{3}$',
      default: 'USD',
      title: 'Default currency',
      description: 'Currency when neither the group (02) nor the account (03) gives one.',
    },
    encoding: { type: 'string', default: 'auto', title: 'Encoding', description: "'auto': UTF-8, BOM sniffed." },
    typeDirections: {
      type: 'object',
      title: 'Directions of custom type codes',
      description: 'Direction of customised type codes, e.g. { "901": "credit" }.',
      additionalProperties: { enum: ['credit', 'debit'] },
      propertyNames: { pattern: '^\\d{3}$' },
    },
  },
} as const;

export type Bai2Config = ConfigOf<typeof bai2ConfigSchema>;

const reject = (index: number, line: number, reason: string, field?: string): Rejection => ({
  rejected: { position: { index, line }, reason, ...(field ? { field } : {}) },
});

interface Section {
  summary: AccountSummary;
  account: BankAccountRef;
  key: string;
  keyOf: (parts: BankLineKeyInput) => string;
  statementId: string;
  index: number;
  line: number;
  lines: number;
  credits: Decimal;
  debits: Decimal;
  asOf?: string;
}

/**
 * Streams a BAI2 file record by record: each account section (03 … 49) becomes a statement record after
 * its transaction details (16, with their 88 text), which become bank lines.
 */
export async function* parseBai2(input: ConnectorInput, ctx: ParseContext<Bai2Config>): AsyncGenerator<ParseOutput> {
  const config = ctx.config ?? {};
  const keyOf = createBankLineKeys();
  let fileId = input.name;
  let group = {
    currency: config.defaultCurrency ?? 'USD',
    asOf: undefined as string | undefined,
    no: 0,
    header: '',
    sections: 0,
  };
  // A group sent twice in the file (same 02 header; same 03 summary at the same place in it) is the same
  // statement: it keeps its first id. Two sections of one account in one group stay two statements.
  const sectionIds = new Map<string, string>();
  let section: Section | undefined;
  let sections = 0;
  let items = 0;
  let recognised = 0;
  let strays = 0;
  const stray: string[] = [];

  const close = (warnings: string[]): StatementRecord => {
    const s = section!;
    section = undefined;
    const rec: StatementRecord = {
      type: 'statement',
      sourceKey: s.key,
      account: s.account,
      statementId: s.statementId,
      position: { index: s.index, line: s.line },
    };
    if (s.asOf) {
      rec.fromDate = s.asOf;
      rec.toDate = s.asOf;
    }
    const opening =
      s.summary.balances.find((b) => b.code === '010') ?? s.summary.balances.find((b) => b.code === '040');
    const closing =
      s.summary.balances.find((b) => b.code === '015') ?? s.summary.balances.find((b) => b.code === '045');
    if (opening) rec.openingBalance = opening;
    if (closing) rec.closingBalance = closing;
    const others = s.summary.balances.filter((b) => b !== opening && b !== closing);
    if (others.length > 0) rec.balances = others;
    const declared: NonNullable<StatementRecord['declared']> = {};
    if (s.summary.credits) declared.credits = s.summary.credits.amount;
    if (s.summary.debits) declared.debits = s.summary.debits.amount;
    if (s.summary.credits?.count !== undefined || s.summary.debits?.count !== undefined)
      declared.count = (s.summary.credits?.count ?? 0) + (s.summary.debits?.count ?? 0);
    if (Object.keys(declared).length > 0) rec.declared = declared;
    if (s.summary.credits && !s.credits.eq(s.summary.credits.amount) && s.lines > 0)
      warnings.push(
        `total credits (type 100) ${s.summary.credits.amount} differ from the details ${canonical(s.credits)}`,
      );
    if (s.summary.debits && !s.debits.eq(s.summary.debits.amount) && s.lines > 0)
      warnings.push(
        `total debits (type 400) ${s.summary.debits.amount} differ from the details ${canonical(s.debits)}`,
      );
    if (opening?.code === '010' && closing?.code === '015') {
      const expected = new Decimal(opening.amount).plus(s.credits).minus(s.debits);
      if (!expected.eq(closing.amount))
        warnings.push(
          `balances do not reconcile: opening ledger ${opening.amount} + details ${canonical(s.credits.minus(s.debits))} = ${canonical(expected)}, but closing ledger is ${closing.amount}`,
        );
    }
    if (warnings.length > 0) rec.warnings = warnings;
    for (const w of warnings) ctx.warn(`${input.name}: account ${s.summary.account}: ${w}`);
    return rec;
  };

  for await (const rec of readRecords(readLines(decodeStream(input.stream(), config.encoding ?? 'auto')))) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    recognised++;
    try {
      switch (rec.code) {
        case '01': {
          const f = fields(rec.body);
          fileId = [f[3], f[4], f[5]].filter(Boolean).join('-') || input.name;
          break;
        }
        case '02': {
          const f = fields(rec.body);
          group = {
            currency: f[5] || config.defaultCurrency || 'USD',
            asOf: f[3] ? baiDate(f[3], '02/as-of date') : undefined,
            no: group.no + 1,
            header: rec.body,
            sections: 0,
          };
          break;
        }
        case '03': {
          if (section) yield close(['the account section has no 49 trailer']);
          const summary = parseAccount(rec.body, rec.continuations, group.currency, group.asOf);
          const account: BankAccountRef = { number: summary.account, currency: summary.currency ?? group.currency };
          const sameAs = [group.header, group.sections++, rec.body, ...rec.continuations].join('\n');
          const statementId = sectionIds.get(sameAs) ?? `${fileId}/${group.no}/${sections + 1}`;
          sectionIds.set(sameAs, statementId);
          const key = statementSourceKey(account, statementId);
          section = {
            summary,
            account,
            statementId,
            key,
            keyOf: keyOf.statement(key),
            index: sections++,
            line: rec.line,
            lines: 0,
            credits: new Decimal(0),
            debits: new Decimal(0),
            ...(group.asOf ? { asOf: group.asOf } : {}),
          };
          break;
        }
        case '16': {
          const index = items++;
          if (!section) {
            yield reject(index, rec.line, 'a transaction detail (16) outside an account section (03)', '16');
            break;
          }
          const currency = section.account.currency!;
          let detail;
          try {
            detail = parseDetail(rec.body, rec.continuations, currency);
          } catch (e) {
            if (!(e instanceof Bai2FieldError)) throw e;
            yield reject(index, rec.line, e.message, e.field);
            break;
          }
          const direction = directionOf(detail.typeCode, config.typeDirections);
          if (!direction) {
            yield reject(
              index,
              rec.line,
              `type code ${detail.typeCode} is not a credit or debit detail code (configure typeDirections for custom codes)`,
              '16/type',
            );
            break;
          }
          if (!section.asOf) {
            yield reject(
              index,
              rec.line,
              'the group (02) has no as-of date, so the booking date is unknown',
              '02/as-of date',
            );
            break;
          }
          const line: BankLineRecord = {
            type: 'bank-line',
            sourceKey: '',
            statementKey: section.key,
            account: section.account,
            bookingDate: section.asOf,
            amount: detail.amount,
            currency,
            direction,
            transactionCode: detail.typeCode,
            ordinal: section.lines++,
            position: { index, line: rec.line },
          };
          if (detail.valueDate) line.valueDate = detail.valueDate;
          const ret = returnOf(detail.typeCode, detail.text.join(' '));
          if (ret) {
            line.reversal = true;
            const reason = /Reason: "?(R\d{2})\b/.exec(detail.text.join(' '))?.[1];
            line.returnInfo = { reason: reason ? `${reason}: ${ret}` : ret };
          }
          if (detail.bankReference) line.bankReference = detail.bankReference;
          if (detail.customerReference) line.customerReference = detail.customerReference;
          const kv = keyValues(detail.text);
          if (kv.EREF) line.endToEndId = kv.EREF;
          const name = direction === 'credit' ? (kv.DBNM ?? kv.PY ?? kv.OB) : kv.CRNM;
          if (name) line.counterparty = { name };
          if (detail.text.length > 0) line.remittance = detail.text;
          const rf = /\bRF\d{2}[A-Z0-9]{1,21}\b/.exec(detail.text.join(' '));
          if (rf) line.creditorReference = rf[0];
          line.sourceKey = section.keyOf({
            account: section.account,
            bankReference: line.bankReference,
            endToEndId: line.endToEndId,
            bookingDate: line.bookingDate,
            amount: line.amount,
            currency,
            direction,
          });
          if (direction === 'credit') section.credits = section.credits.plus(line.amount);
          else section.debits = section.debits.plus(line.amount);
          yield line;
          break;
        }
        case '49':
          if (section) yield close([]);
          break;
        case '98':
        case '99':
          break;
        default:
          recognised--;
          if (stray.length < 5) stray.push(`line ${rec.line} "${`${rec.code},${rec.body}`.slice(0, 40)}"`);
          strays++;
      }
    } catch (e) {
      if (!(e instanceof Bai2FieldError)) throw e;
      yield reject(items, rec.line, `record ${rec.code}: ${e.message}`, e.field);
      if (rec.code === '03') section = undefined;
    }
  }
  if (section) yield close(['the file ends inside this account section (no 49 trailer)']);
  if (recognised === 0) {
    yield reject(
      0,
      1,
      `no BAI2 record found: expected records 01, 02, 03, 16, 49, 98, 99, but the file is ${await describeInput(input, config.encoding ?? 'auto')}`,
      'file',
    );
    return;
  }
  if (strays > 0)
    ctx.warn(
      `${strays} line(s) that are not BAI2 records were not read: ${stray.join(', ')}${strays > stray.length ? ', …' : ''}`,
    );
}

/** `EREF: 1111` style key/value continuation lines (Goldman Sachs, Citi). */
function keyValues(text: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of text) {
    const m = /^([A-Z]{2,4}):\s*(.*)$/.exec(t);
    if (m && m[2]) out[m[1]!] = m[2].trim();
  }
  return out;
}

/** Counts `16` transaction detail records (the conformance kit's independent count). */
export async function countBai2(input: ConnectorInput, ctx: ParseContext<Bai2Config>): Promise<number> {
  let n = 0;
  for await (const { text } of readLines(decodeStream(input.stream(), ctx.config?.encoding ?? 'auto')))
    if (text.startsWith('16,')) n++;
  return n;
}
