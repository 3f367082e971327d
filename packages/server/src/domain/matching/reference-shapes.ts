import { normalizeRef, tokenize, type Token } from './references.ts';

/**
 * A learned reference shape: how one payer writes a document number the engine does not read as written, e.g.
 * `RE 12/24` for `INV-2024-0012`. `text` is the receipt's tokens, separators ignored: words literally, `{k}` the
 * digits of the number's k-th digit group. `number` rebuilds the number: `{k:w}` puts those digits left-padded
 * with zeros to w, anything else is literal. So `RE {2} {1}` with `INV-20{1:2}-{2:4}` reads `re 12-24` as
 * `INV-2024-0012`.
 */
export interface ReferenceShape {
  text: string;
  number: string;
}

type TextPart = { word: string } | { group: number };
type NumberPart = { literal: string } | { group: number; width: number };

export interface CompiledShape {
  shape: ReferenceShape;
  text: TextPart[];
  number: NumberPart[];
  /** Each group's width in the number, so a token longer than it never fits. */
  widths: Map<number, number>;
}

const placeholder = /\{(\d)(?::(\d{1,2}))?\}/g;
const maxWindow = 6;
const maxGroups = 4;
const maxReadings = 64;

/** The parts of a shape, or the reason it cannot be read. */
export function compileShape(shape: ReferenceShape): CompiledShape | string {
  const text: TextPart[] = [];
  for (const t of shape.text.trim().split(/\s+/)) {
    const m = /^\{(\d)\}$/.exec(t);
    if (m) text.push({ group: Number(m[1]) });
    else if (isOneWord(t)) text.push({ word: normalizeRef(t) });
    else return `"${t}" is neither one word nor {k}`;
  }
  const number: NumberPart[] = [];
  const widths = new Map<number, number>();
  let last = 0;
  for (const m of shape.number.matchAll(placeholder)) {
    if (m.index > last) number.push({ literal: shape.number.slice(last, m.index) });
    const group = Number(m[1]);
    const width = Number(m[2] ?? 0);
    if (!(width >= 1 && width <= 20)) return `{${group}} needs a width, as {${group}:4}`;
    if (widths.has(group)) return `{${group}} appears twice in the number`;
    widths.set(group, width);
    number.push({ group, width });
    last = m.index + m[0].length;
  }
  if (last < shape.number.length) number.push({ literal: shape.number.slice(last) });
  const inText = text.flatMap((p) => ('group' in p ? [p.group] : []));
  if (widths.size === 0) return 'the number has no {k:w}';
  if (inText.length !== widths.size || inText.some((g) => !widths.has(g)))
    return 'the text and the number must use the same groups, each once';
  if (text.length > maxWindow + 1) return `the text has more than ${maxWindow + 1} parts`;
  return { shape, text, number, widths };
}

/** The document numbers a shape reads in a receipt's tokens (as the shape writes them, not yet as keys). */
export function readShape(c: CompiledShape, tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + c.text.length <= tokens.length; i++) {
    const got = new Map<number, string>();
    let ok = true;
    for (let j = 0; j < c.text.length && ok; j++) {
      const part = c.text[j]!;
      const t = tokens[i + j]!;
      if ('word' in part) ok = !t.digits && t.text === part.word;
      else {
        ok = t.digits && t.text.length <= c.widths.get(part.group)!;
        if (ok) got.set(part.group, t.text);
      }
    }
    if (ok)
      out.push(c.number.map((p) => ('literal' in p ? p.literal : got.get(p.group)!.padStart(p.width, '0'))).join(''));
  }
  return out;
}

/**
 * The shape in which a receipt's text names a document number, learned from one settlement by hand: each digit
 * group of the number must come from its own digit token of the text, written as is, without its leading zeros,
 * or a four-digit year as two. The tokens used lie within a few tokens of each other, with no other digits
 * between, and the word just before them is kept as the anchor. Of several readings the tightest count; null when
 * none exists, or the tightest differ in shape (the same reference written twice is one).
 */
export function learnShape(text: string, number: string): ReferenceShape | null {
  const tokens = tokenize(text);
  const n = normalizeRef(number);
  const groups = [...n.matchAll(/\d+/g)].map((m) => ({ digits: m[0], index: m.index }));
  if (groups.length === 0 || groups.length > maxGroups) return null;
  const readings: { used: number[]; first: number; last: number }[] = [];
  const pick = (g: number, used: number[]) => {
    if (readings.length > maxReadings) return;
    if (g === groups.length) {
      const first = Math.min(...used);
      const last = Math.max(...used);
      const between = tokens.slice(first, last + 1);
      if (last - first < maxWindow && between.filter((t) => t.digits).length === used.length)
        readings.push({ used: [...used], first, last });
      return;
    }
    for (let t = 0; t < tokens.length; t++)
      if (!used.includes(t) && derives(groups[g]!.digits, tokens[t]!)) pick(g + 1, [...used, t]);
  };
  pick(0, []);
  if (readings.length === 0 || readings.length > maxReadings) return null;
  // the tightest readings; the same reference written twice (remittance and reference both carry it) is one
  const span = Math.min(...readings.map((r) => r.last - r.first));
  const shapes = new Map(
    readings
      .filter((r) => r.last - r.first === span)
      .map((r) => {
        const shape = shapeOf(tokens, n, groups, r);
        return [`${shape.text}\u0000${shape.number}`, shape];
      }),
  );
  return shapes.size === 1 ? [...shapes.values()][0]! : null;
}

function shapeOf(
  tokens: Token[],
  n: string,
  groups: { digits: string; index: number }[],
  { used, first, last }: { used: number[]; first: number; last: number },
): ReferenceShape {
  const start = first > 0 && !tokens[first - 1]!.digits ? first - 1 : first;
  const textParts = tokens.slice(start, last + 1).map((t, k) => {
    const g = used.indexOf(start + k);
    return g >= 0 ? `{${g + 1}}` : t.text;
  });
  let out = '';
  let at = 0;
  groups.forEach((g, k) => {
    const token = tokens[used[k]!]!.text;
    const missing = g.digits.slice(0, g.digits.length - token.length);
    out +=
      n.slice(at, g.index) +
      (/^0*$/.test(missing) ? `{${k + 1}:${g.digits.length}}` : `${missing}{${k + 1}:${token.length}}`);
    at = g.index + g.digits.length;
  });
  out += n.slice(at);
  return { text: textParts.join(' '), number: out };
}

function isOneWord(t: string): boolean {
  const tokens = tokenize(t);
  return /^[^{}\s]+$/.test(t) && tokens.length === 1 && !tokens[0]!.digits && tokens[0]!.text === normalizeRef(t);
}

function derives(group: string, t: Token): boolean {
  if (!t.digits || t.text.length > group.length) return false;
  if (!group.endsWith(t.text)) return false;
  const missing = group.slice(0, group.length - t.text.length);
  return /^0*$/.test(missing) || (group.length === 4 && t.text.length === 2);
}
