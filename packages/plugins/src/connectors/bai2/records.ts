import type { TextLine } from '@hexiao/plugins/sdk';

/** One logical BAI2 record: its code, fields, and the text of its `88` continuation records. */
export interface Bai2Record {
  code: string;
  /** The record's own line, without the code and without a final '/'. */
  body: string;
  /** Continuation record bodies (`88,…`), in order. */
  continuations: string[];
  line: number;
}

/** Groups physical lines into logical records (a record followed by its `88` continuations). */
export async function* readRecords(lines: AsyncIterable<TextLine>): AsyncGenerator<Bai2Record> {
  let current: Bai2Record | undefined;
  for await (const { text, line } of lines) {
    const t = text.replace(/^\uFEFF/, '').trimEnd();
    if (t === '') continue;
    const comma = t.indexOf(',');
    const code = comma === -1 ? t.replace(/\/$/, '') : t.slice(0, comma);
    const body = comma === -1 ? '' : t.slice(comma + 1);
    if (code === '88' && current) {
      current.continuations.push(body);
      continue;
    }
    if (current) yield current;
    current = { code, body, continuations: [], line };
  }
  if (current) yield current;
}

/** Splits a field list ended by an optional '/' (summary and control records). */
export function fields(body: string): string[] {
  return body
    .replace(/\/\s*$/, '')
    .split(',')
    .map((f) => f.trim());
}
