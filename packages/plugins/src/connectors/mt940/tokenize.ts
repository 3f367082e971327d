import type { TextLine } from '@hexiao/plugins/sdk';

/** One MT940 field: its tag (`61`, `86`, `60F`…), the tag line's value and continuation lines. */
export type Mt940Token =
  | { kind: 'field'; tag: string; lines: string[]; line: number }
  /** End of one message (`-` or `-}`), or of the file. */
  | { kind: 'end'; line: number }
  /** A line outside any field that is not a known header: reported, not read. */
  | { kind: 'stray'; text: string; line: number };

const tagRe = /^:(\d{2}[A-Z]?):(.*)$/;
/** Header lines banks write before a message: a BIC (`ABNANL2A`), the message type (`940`, `:940:`). */
const headerRe = /^(:?9[45]\d:?|[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?)$/;

/**
 * Groups lines into fields. Understands SWIFT blocks (`{1:…}{2:…}{4:` … `-}{5:…}`), bare files
 * (`-` ends a message), a leading SOH and trailing ETX byte, header lines before the first tag
 * (`ABNANL2A`, `940`, `:940:`), blank lines and fields wrapped over several lines. Any other text outside a
 * field is yielded as `stray`, for the parser to report.
 */
export async function* tokenize(lines: AsyncIterable<TextLine>): AsyncGenerator<Mt940Token> {
  let current: { tag: string; lines: string[]; line: number } | undefined;
  let blockMode = false;
  let inMessage = false;
  let last = 0;
  for await (const { text: raw, line } of lines) {
    last = line;
    let text = raw.replace(/^[\x01\uFEFF]+/, '').replace(/\x03+$/, '');
    if (text.startsWith('{')) {
      const at = text.indexOf('{4:');
      if (at === -1) continue; // {1:}{2:}{3:} header or {5:} trailer only
      blockMode = true;
      text = text.slice(at + 3);
      if (text.trim() === '') continue;
    }
    const trimmed = text.trim();
    if (trimmed.startsWith('-}') || (!blockMode && trimmed === '-')) {
      if (current) yield { kind: 'field', ...current };
      current = undefined;
      if (inMessage) yield { kind: 'end', line };
      inMessage = false;
      continue;
    }
    const m = tagRe.exec(text.trimEnd());
    if (m) {
      if (current) yield { kind: 'field', ...current };
      current = { tag: m[1]!, lines: [m[2]!], line };
      inMessage = true;
      continue;
    }
    if (trimmed === '') continue;
    if (!current) {
      if (!headerRe.test(trimmed)) yield { kind: 'stray', text: trimmed, line };
      continue;
    }
    current.lines.push(text);
  }
  if (current) yield { kind: 'field', ...current };
  if (inMessage) yield { kind: 'end', line: last };
}
