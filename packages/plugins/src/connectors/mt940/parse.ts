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
  Balance,
  BankAccountRef,
  BankLineKeyInput,
  BankLineRecord,
  ConnectorInput,
  ParseContext,
  ParseOutput,
  Rejection,
  StatementRecord,
} from '@hexiao/plugins/sdk';
import { accountOf, balance, Mt940FieldError } from './fields.ts';
import { parse86 } from './info86.ts';
import { parse61, type Line61 } from './line61.ts';
import { mapLine } from './map.ts';
import { tokenize } from './tokenize.ts';

export const mt940ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    encoding: {
      type: 'string',
      default: 'auto',
      title: 'Encoding',
      description: "Text encoding of the file, e.g. 'auto' (UTF-8), 'latin1', 'windows-1250', 'cp1252'.",
    },
  },
} as const;

export type Mt940Config = ConfigOf<typeof mt940ConfigSchema>;

const interimRefused =
  'MT942 interim reports are not imported: their entries are not final and may change before the day ends; import the end-of-day MT940 statement, which carries them booked';

const reject = (index: number, line: number, reason: string, field?: string): Rejection => ({
  rejected: { position: { index, line }, reason, ...(field ? { field } : {}) },
});

interface Pending {
  l61?: Line61;
  /** The `:61:` field as written. */
  raw?: string;
  error?: Mt940FieldError;
  info?: string[];
  index: number;
  line: number;
}

class Mt940Statement {
  ref20?: string;
  seq?: string;
  account?: BankAccountRef;
  opening?: Balance;
  closing?: Balance;
  others: Balance[] = [];
  warnings: string[] = [];
  lines = 0;
  movement = new Decimal(0);
  /** An MT942 interim report (it has :34F:, :13D: or :90C:/:90D:), not a statement. */
  interim = false;
  /** Source keys of this statement's lines (set at its first line, once :20:, :25: and :28C: are read). */
  keys?: (parts: BankLineKeyInput) => string;
  constructor(
    readonly index: number,
    readonly line: number,
  ) {}

  get currency(): string | undefined {
    return this.opening?.currency ?? this.closing?.currency ?? this.account?.currency;
  }
  get statementId(): string {
    return this.ref20 ?? this.seq ?? `${this.index + 1}`;
  }
  get key(): string {
    return statementSourceKey(this.account ?? { number: 'unknown' }, this.statementId, this.seq);
  }
  build(): StatementRecord {
    const rec: StatementRecord = {
      type: 'statement',
      sourceKey: this.key,
      account: this.account ?? { number: 'unknown' },
      statementId: this.statementId,
      position: { index: this.index, line: this.line },
    };
    if (this.seq) rec.sequence = this.seq;
    if (this.opening) {
      rec.openingBalance = this.opening;
      rec.fromDate = this.opening.date!;
    }
    if (this.closing) {
      rec.closingBalance = this.closing;
      rec.toDate = this.closing.date!;
    }
    if (this.others.length > 0) rec.balances = this.others;
    const warnings = [...this.warnings];
    if (this.opening && this.closing && this.opening.currency === this.closing.currency) {
      const expected = new Decimal(this.opening.amount).plus(this.movement);
      if (!expected.eq(this.closing.amount))
        warnings.push(
          `balances do not reconcile: opening ${this.opening.amount} + lines ${canonical(this.movement)} = ${canonical(expected)}, but closing is ${this.closing.amount} ${this.closing.currency}`,
        );
    }
    if (!this.account) warnings.push('no account (:25:) in this statement');
    if (!this.closing)
      warnings.push('no closing balance (:62F:): the statement may be cut short, so its lines may be incomplete');
    if (warnings.length > 0) rec.warnings = warnings;
    return rec;
  }
}

/**
 * Streams an MT940 file line by line: several statements per file, SWIFT blocks or bare tags. Each
 * `:61:` becomes a bank line (with its `:86:`), each statement a statement record after its lines.
 */
export async function* parseMt940(input: ConnectorInput, ctx: ParseContext<Mt940Config>): AsyncGenerator<ParseOutput> {
  const keyOf = createBankLineKeys();
  let stmt: Mt940Statement | undefined;
  let pending: Pending | undefined;
  let statements = 0;
  let items = 0;
  let fields = 0;
  let strays = 0;
  const stray: string[] = [];

  function* flushLine(): Generator<ParseOutput> {
    const p = pending;
    pending = undefined;
    if (!p || !stmt) return;
    if (p.error) return yield reject(p.index, p.line, p.error.message, p.error.field);
    if (stmt.interim) return yield reject(p.index, p.line, interimRefused, '34F');
    const currency = stmt.currency;
    if (!currency)
      return yield reject(
        p.index,
        p.line,
        'no opening balance (:60F:) or account currency before this :61:, so its currency is unknown',
        '60F',
      );
    if (!stmt.account) return yield reject(p.index, p.line, 'no account (:25:) before this :61:', '25');
    const draft = mapLine(p.l61!, p.info ? parse86(p.info) : undefined, currency);
    stmt.movement = draft.direction === 'credit' ? stmt.movement.plus(draft.amount) : stmt.movement.minus(draft.amount);
    const record: BankLineRecord = {
      type: 'bank-line',
      sourceKey: (stmt.keys ??= keyOf.statement(stmt.key))({ account: stmt.account, ...draft }),
      statementKey: stmt.key,
      account: stmt.account,
      ...draft,
      ordinal: stmt.lines++,
      position: { index: p.index, line: p.line },
    };
    if (p.l61!.warnings) {
      // read with an assumption: the statement says so and the line keeps what the bank wrote
      record.warnings = p.l61!.warnings;
      record.raw = p.raw!;
      for (const w of p.l61!.warnings) stmt.warnings.push(`line ${p.line}: ${w}`);
    }
    yield record;
  }

  function* finish(): Generator<ParseOutput> {
    yield* flushLine();
    if (!stmt) return;
    const s = stmt;
    stmt = undefined;
    if (s.interim) return ctx.warn(`${input.name}: report ${s.statementId}: ${interimRefused}`);
    if (s.lines === 0 && !s.opening && !s.closing && !s.account) return;
    const rec = s.build();
    for (const w of rec.warnings ?? []) ctx.warn(`${input.name}: statement ${rec.statementId}: ${w}`);
    yield rec;
  }

  const encoding = ctx.config?.encoding ?? 'auto';
  for await (const token of tokenize(readLines(decodeStream(input.stream(), encoding)))) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    if (token.kind === 'end') {
      yield* finish();
      continue;
    }
    if (token.kind === 'stray') {
      if (stray.length < 5) stray.push(`line ${token.line} "${token.text.slice(0, 40)}"`);
      strays++;
      continue;
    }
    fields++;
    const { tag, lines, line } = token;
    if (tag === '20' && stmt && (stmt.lines > 0 || stmt.opening || stmt.interim || pending)) yield* finish();
    stmt ??= new Mt940Statement(statements++, line);
    const value = lines.join('').trim();
    try {
      switch (tag) {
        case '20':
          stmt.ref20 = value;
          break;
        case '25':
          stmt.account = accountOf(value);
          break;
        case '28':
        case '28C':
          stmt.seq = value;
          break;
        case '60F':
        case '60M':
          stmt.opening = balance(tag, value);
          break;
        case '62F':
        case '62M':
          yield* flushLine();
          stmt.closing = balance(tag, value);
          break;
        case '34F':
        case '13D':
        case '90C':
        case '90D':
          stmt.interim = true;
          break;
        case '64':
        case '65':
          yield* flushLine();
          stmt.others.push(balance(tag, value));
          break;
        case '61': {
          yield* flushLine();
          const index = items++;
          try {
            pending = {
              l61: parse61(lines.map((l, i) => (i === 0 ? l.trimEnd() : l.trim()))),
              raw: `:61:${lines.join('\n')}`,
              index,
              line,
            };
          } catch (e) {
            if (!(e instanceof Mt940FieldError)) throw e;
            pending = { error: e, index, line };
          }
          break;
        }
        case '86':
          if (pending && !pending.info) pending.info = lines;
          break;
        default:
          break;
      }
    } catch (e) {
      if (!(e instanceof Mt940FieldError)) throw e;
      stmt.warnings.push(`line ${line}: ${e.message}`);
      if (tag.startsWith('60') && /currency/.test(e.message)) yield reject(items, line, e.message, e.field);
    }
  }
  yield* finish();
  if (fields === 0) {
    yield reject(
      0,
      1,
      `no MT940 statement found: expected SWIFT fields such as :20:, :25:, :60F:, :61:, :62F:, but the file is ${await describeInput(input, encoding)}`,
      'file',
    );
    return;
  }
  if (strays > 0)
    ctx.warn(
      `${strays} line(s) outside any MT940 field were not read: ${stray.join(', ')}${strays > stray.length ? ', …' : ''}`,
    );
}

/** Counts `:61:` statement lines (the conformance kit's independent count). */
export async function countMt940(input: ConnectorInput, ctx: ParseContext<Mt940Config>): Promise<number> {
  let n = 0;
  for await (const { text } of readLines(decodeStream(input.stream(), ctx.config?.encoding ?? 'auto')))
    if (/^[\x01]?(\{4:)?:61:/.test(text)) n++;
  return n;
}
