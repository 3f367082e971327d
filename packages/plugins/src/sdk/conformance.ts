import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import type { Connector, ParseContext } from './define-connector.ts';
import { isDecimalString } from './decimal.ts';
import { fromFile } from './input.ts';
import { isRejection, type ParseOutput } from './records.ts';
import { validateRecord } from './validate.ts';

/** The checks the kit runs; skip them by name with a reason. */
export const conformanceTests = [
  'config',
  'no-throw',
  'schema',
  'exact-decimals',
  'deterministic',
  'complete',
  'unique-source-keys',
] as const;
export type ConformanceTest = (typeof conformanceTests)[number];

export interface ConformanceProblem {
  test: ConformanceTest;
  message: string;
  /** Index of the output (record or rejection) in the parse order, when the problem is about one. */
  output?: number;
  pointer?: string;
}

export interface ConformanceFileReport {
  file: string;
  records: number;
  rejections: number;
  /** Records by type, e.g. { statement: 1, 'bank-line': 10 }. */
  byType: Record<string, number>;
  /** Source items counted by the connector's `count` hook or given in `expect`, when known. */
  items?: number;
  warnings: string[];
  problems: ConformanceProblem[];
  /** Everything the parse yielded (first run), for the caller's own assertions. */
  outputs: ParseOutput[];
}

export interface ConformanceReport {
  connector: string;
  version: string;
  ok: boolean;
  files: ConformanceFileReport[];
  skipped: { reason: string; tests: ConformanceTest[] }[];
  /** Checks that could not run (e.g. `complete` with no count hook and no expectation). */
  notChecked: { file: string; test: ConformanceTest; why: string }[];
}

export interface ConformanceOptions<Config> {
  connector: Connector<Config>;
  /** A folder (every file in it except *.md) or a list of files. */
  samples: string | string[];
  /** One config for all files, or one per file (e.g. a CSV preset per export); merged over `defaults`. */
  config?: Config | ((file: string) => Config);
  /** Declared counts per file name, checked when given: `items` is the number of source items. */
  expect?: Record<string, { items?: number; records?: number; rejections?: number }>;
  skip?: { reason: string; tests: ConformanceTest[] }[];
}

function listSamples(samples: string | string[]): string[] {
  if (Array.isArray(samples)) return samples;
  if (statSync(samples).isFile()) return [samples];
  return readdirSync(samples)
    .filter((f) => !f.toLowerCase().endsWith('.md') && !f.startsWith('.'))
    .map((f) => join(samples, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** Paths of values that are JS numbers but should be decimal strings (amount-like fields). */
const integerFields = new Set(['index', 'line', 'ordinal', 'count', 'paymentTermsDays']);
function findInexact(value: unknown, pointer: string, out: string[]): void {
  if (typeof value === 'number') {
    const key = pointer.slice(pointer.lastIndexOf('/') + 1);
    if (!integerFields.has(key) || !Number.isInteger(value)) out.push(pointer);
  } else if (Array.isArray(value)) value.forEach((v, i) => findInexact(v, `${pointer}/${i}`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) findInexact(v, `${pointer}/${k}`, out);
}
const decimalKeys =
  /^(amount|.*Amount|.*Total|credits|debits|lineTotal|taxExclusive|tax|taxInclusive|prepaid|rounding|payable|rate|.*Rate|quantity|unitPrice)$/;
function findNonDecimal(value: unknown, pointer: string, out: string[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => findNonDecimal(v, `${pointer}/${i}`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (decimalKeys.test(k) && typeof v === 'string' && !isDecimalString(v)) out.push(`${pointer}/${k}`);
      else findNonDecimal(v, `${pointer}/${k}`, out);
    }
}

/** A line that repeats one of an earlier occurrence of its statement (closed between the two) keeps its key. */
function isRepeat(first: ParseOutput, again: ParseOutput, firstAt: number, closed: Map<string, number>): boolean {
  if (isRejection(first) || isRejection(again) || first.type !== 'bank-line' || again.type !== 'bank-line')
    return false;
  const statement = again.statementKey;
  return statement !== undefined && first.statementKey === statement && (closed.get(statement) ?? -1) > firstAt;
}

async function parseAll<C>(
  connector: Connector<C>,
  file: string,
  config: C,
  warnings: string[],
): Promise<ParseOutput[]> {
  const ctx: ParseContext<C> = { config, warn: (m) => warnings.push(m) };
  const out: ParseOutput[] = [];
  for await (const o of connector.parse!(fromFile(file), ctx)) out.push(o);
  return out;
}

function configFor<C>(connector: Connector<C>, options: ConformanceOptions<C>, file: string): C {
  const given = typeof options.config === 'function' ? (options.config as (f: string) => C)(file) : options.config;
  return { ...(connector.defaults ?? {}), ...(given ?? {}) } as C;
}

/**
 * Runs a connector over sample files and checks what it yields (see README.md in this folder):
 * config valid, parse never throws, records match the canonical schemas, amounts are exact decimal
 * strings, a second parse is deep-equal, every source item is yielded or rejected, sourceKeys are
 * unique within a file (a statement repeated in the file may repeat its statement key and its lines' keys). Returns a report; `ok` is false when any check that was not skipped failed.
 */
export async function runConnectorConformance<C>(options: ConformanceOptions<C>): Promise<ConformanceReport> {
  const { connector } = options;
  const skipped = new Set(options.skip?.flatMap((s) => s.tests) ?? []);
  const report: ConformanceReport = {
    connector: connector.id,
    version: connector.version,
    ok: true,
    files: [],
    skipped: options.skip ?? [],
    notChecked: [],
  };
  if (!connector.parse) throw new TypeError(`connector ${connector.id} has no parse(); the kit checks parsers`);
  const checkConfig = new Ajv({ allErrors: true, strict: false }).compile(connector.configSchema);

  for (const file of listSamples(options.samples)) {
    const name = basename(file);
    const config = configFor(connector, options, file);
    const problems: ConformanceProblem[] = [];
    const add = (p: ConformanceProblem) => {
      if (!skipped.has(p.test)) problems.push(p);
    };
    if (!checkConfig(config))
      add({
        test: 'config',
        message: `config does not match configSchema: ${(checkConfig.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`,
      });

    const warnings: string[] = [];
    let outputs: ParseOutput[] = [];
    try {
      outputs = await parseAll(connector, file, config, warnings);
    } catch (e) {
      add({ test: 'no-throw', message: `parse threw instead of yielding a rejection: ${(e as Error).message}` });
    }

    const byType: Record<string, number> = {};
    let rejections = 0;
    const keys = new Map<string, number>();
    // Where each statement key was last closed (its statement record), for statements repeated in one file.
    const closed = new Map<string, number>();
    outputs.forEach((o, i) => {
      for (const p of validateRecord(o)) add({ test: 'schema', message: p.message, pointer: p.pointer, output: i });
      const inexact: string[] = [];
      findInexact(o, '', inexact);
      findNonDecimal(o, '', inexact);
      for (const pointer of inexact)
        add({ test: 'exact-decimals', message: 'amount is not an exact decimal string', pointer, output: i });
      if (isRejection(o)) {
        rejections++;
        return;
      }
      byType[o.type] = (byType[o.type] ?? 0) + 1;
      if (o.type === 'statement') {
        // the same statement again in the file (a bank re-sending a day): the pipeline recognises it by its key
        closed.set(o.sourceKey, i);
        return;
      }
      const key = `${o.type} ${o.sourceKey}`;
      const earlier = keys.get(key);
      if (earlier === undefined) keys.set(key, i);
      else if (!isRepeat(outputs[earlier]!, o, earlier, closed))
        add({
          test: 'unique-source-keys',
          message: `sourceKey "${o.sourceKey}" is also used by output ${earlier}`,
          output: i,
          pointer: '/sourceKey',
        });
    });

    if (!skipped.has('deterministic') && !problems.some((p) => p.test === 'no-throw')) {
      try {
        const again = await parseAll(connector, file, config, []);
        if (!isDeepStrictEqual(outputs, again)) {
          const at = outputs.findIndex((o, i) => !isDeepStrictEqual(o, again[i]));
          add({
            test: 'deterministic',
            message: `a second parse differs (first at output ${at === -1 ? outputs.length : at}; ${outputs.length} vs ${again.length} outputs)`,
          });
        }
      } catch (e) {
        add({ test: 'deterministic', message: `the second parse threw: ${(e as Error).message}` });
      }
    }

    const expected = options.expect?.[name];
    let items = expected?.items;
    if (items === undefined && connector.count) {
      try {
        items = await connector.count(fromFile(file), { config, warn: () => {} });
      } catch (e) {
        add({ test: 'complete', message: `count() threw: ${(e as Error).message}` });
      }
    }
    if (items !== undefined) {
      const covered = new Set<number>();
      for (const o of outputs) {
        if (isRejection(o)) covered.add(o.rejected.position.index);
        else if (o.type !== 'statement') covered.add(o.position.index);
      }
      const missing: number[] = [];
      for (let i = 0; i < items && missing.length < 10; i++) if (!covered.has(i)) missing.push(i);
      if (missing.length > 0)
        add({
          test: 'complete',
          message: `${items} source items, but items ${missing.join(', ')} were neither yielded nor rejected`,
        });
    } else if (!skipped.has('complete'))
      report.notChecked.push({ file: name, test: 'complete', why: 'no count() hook and no expect[file].items' });
    const recordCount = outputs.length - rejections;
    if (expected?.records !== undefined && expected.records !== recordCount)
      add({ test: 'complete', message: `expected ${expected.records} records, got ${recordCount}` });
    if (expected?.rejections !== undefined && expected.rejections !== rejections)
      add({ test: 'complete', message: `expected ${expected.rejections} rejections, got ${rejections}` });

    if (problems.length > 0) report.ok = false;
    report.files.push({
      file: name,
      records: recordCount,
      rejections,
      byType,
      ...(items !== undefined ? { items } : {}),
      warnings,
      problems,
      outputs,
    });
  }
  return report;
}

/** A short text summary of a report's problems (for test failure messages and the CLI). */
export function formatConformanceProblems(report: ConformanceReport): string {
  const lines: string[] = [];
  for (const f of report.files)
    for (const p of f.problems)
      lines.push(
        `${f.file}: [${p.test}]${p.output !== undefined ? ` output ${p.output}` : ''}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message}`,
      );
  return lines.join('\n');
}
