/**
 * Reference text as the matcher reads it (ENGINES.md §1.2): Unicode NFKC (full-width ＩＮＶ－２０２６ is
 * INV-2026), upper case, separators ignored; the raw text is kept by the caller for explanations.
 */

const nonAscii = /[^\x00-\x7f]/;
const notKeyChar = /[^\p{L}\p{N}]+/gu;
const asciiNotKey = /[^A-Z0-9]+/g;

/** NFKC (only when the text is not plain ASCII: most bank text is) and upper case. */
export function normalizeRef(s: string): string {
  return (nonAscii.test(s) ? s.normalize('NFKC') : s).toUpperCase();
}

/** A document number, order number or account as an index key: letters and digits only. */
export function refKey(s: string): string {
  const n = normalizeRef(s);
  return nonAscii.test(n) ? n.replace(notKeyChar, '') : n.replace(asciiNotKey, '');
}

/** The digits of a number (its suffix key), or '' when it has fewer than `min`. */
export function digitsKey(s: string, min = 5): string {
  let out = '';
  const n = nonAscii.test(s) ? s.normalize('NFKC') : s;
  for (let i = 0; i < n.length; i++) {
    const c = n.charCodeAt(i);
    if (c >= 48 && c <= 57) out += n[i];
  }
  return out.length >= min ? out : '';
}

export interface Token {
  text: string;
  /** The separator text before this token (from the previous token's end). */
  before: string;
  digits: boolean;
}

const tokenRe = /[A-Z0-9]+|[^\s\p{P}\p{S}A-Z0-9]+/gu;

/** Letter-digit runs of normalised text; a script change (汉字 → Latin) starts a new token. */
export function tokenize(text: string): Token[] {
  const n = normalizeRef(text);
  const out: Token[] = [];
  let last = 0;
  tokenRe.lastIndex = 0;
  for (let m = tokenRe.exec(n); m !== null; m = tokenRe.exec(n)) {
    const t = m[0];
    let digits = true;
    for (let i = 0; i < t.length && digits; i++) {
      const c = t.charCodeAt(i);
      digits = c >= 48 && c <= 57;
    }
    out.push({ text: t, before: n.slice(last, m.index), digits });
    last = m.index + t.length;
  }
  return out;
}

// ---- structured references with check digits -------------------------------------------------------

/** ISO 11649 creditor reference: RF + 2 check digits + up to 21 letters/digits, mod 97 = 1. */
export function isValidRf(ref: string): boolean {
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  return mod97(ref.slice(4) + ref.slice(0, 4)) === 1;
}

function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
  }
  return r;
}

const qrrTable = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/** Swiss QR reference: 27 digits, the last a recursive mod-10 check digit. */
export function isValidQrr(d: string): boolean {
  if (!/^\d{27}$/.test(d)) return false;
  let carry = 0;
  for (let i = 0; i < 26; i++) carry = qrrTable[(carry + d.charCodeAt(i) - 48) % 10]!;
  return (10 - carry) % 10 === d.charCodeAt(26) - 48;
}

/** Belgian structured communication (OGM/VCS): 12 digits, the first ten mod 97 (0 → 97) are the last two. */
export function isValidOgm(d: string): boolean {
  if (!/^\d{12}$/.test(d)) return false;
  const check = Number(BigInt(d.slice(0, 10)) % 97n) || 97;
  return check === Number(d.slice(10));
}

/** The structured-reference key of a text when it is one valid RF, QRR or OGM reference, else null. */
export function structuredKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const k = refKey(text);
  if (k.startsWith('RF') && isValidRf(k)) return `rf:${k}`;
  if (isValidQrr(k)) return `qrr:${k}`;
  if (isValidOgm(k)) return `ogm:${k}`;
  return null;
}

/** Structured references found in free text (RF printed in groups of four, OGM between +++). */
export function structuredKeysIn(tokens: Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    if (t.length >= 4 && t.startsWith('RF') && t.charCodeAt(2) <= 57 && t.charCodeAt(3) <= 57) {
      let s = '';
      let best: string | null = null;
      for (let j = i; j < tokens.length && j < i + 7; j++) {
        s += tokens[j]!.text;
        if (s.length > 25) break;
        if (isValidRf(s)) best = s;
      }
      if (best) out.push(`rf:${best}`);
    }
    if (tokens[i]!.digits) {
      let s = '';
      for (let j = i; j < tokens.length && j < i + 8 && tokens[j]!.digits; j++) {
        s += tokens[j]!.text;
        if (s.length === 12 && isValidOgm(s)) out.push(`ogm:${s}`);
        if (s.length === 27 && isValidQrr(s)) out.push(`qrr:${s}`);
        if (s.length >= 27) break;
      }
    }
  }
  return out;
}

// ---- document references in free text --------------------------------------------------------------

/** How far a reference may be split by separators: `INV 2024 0012` is three tokens. */
const maxJoin = 5;
const listSeparator = /[/,;&+、]|和|及/;
const rangeSeparator = /^\s*(-|~|至|到)\s*$/;
const maxRange = 20;

export interface ReferenceHit {
  key: string;
  /**
   * How it was written: `as-written`, `suffix` (INV-2024-0012/13), `range` (0012-0015) or in a `learned` shape
   * (RE 12/24).
   */
  form: 'as-written' | 'suffix' | 'range' | 'learned';
  /** The text of the tokens it came from. */
  text: string;
}

/**
 * Document keys named by a text: the longest run of up to five consecutive tokens whose joined text is a key
 * `known` answers for, then the list shorthand after it (`INV-2024-0012/13`, `…0012, 13`: replace the last
 * digits) and ranges (`0012-0015`, at most 20). Only keys that exist are returned, so noise costs lookups,
 * not false hits.
 */
export function documentKeysIn(tokens: Token[], known: (key: string) => boolean): ReferenceHit[] {
  const out: ReferenceHit[] = [];
  const seen = new Set<string>();
  const push = (h: ReferenceHit) => {
    if (!seen.has(h.key)) {
      seen.add(h.key);
      out.push(h);
    }
  };
  let i = 0;
  while (i < tokens.length) {
    let key = '';
    let hit = -1;
    let hitKey = '';
    for (let j = i; j < tokens.length && j < i + maxJoin; j++) {
      key += tokens[j]!.text;
      if (key.length >= 3 && known(key)) {
        hit = j;
        hitKey = key;
      }
    }
    if (hit < 0) {
      i++;
      continue;
    }
    push({
      key: hitKey,
      form: 'as-written',
      text: tokens
        .slice(i, hit + 1)
        .map((t) => t.text)
        .join(' '),
    });
    let j = hit + 1;
    let base = hitKey;
    while (j < tokens.length && tokens[j]!.digits) {
      const next = tokens[j]!;
      const tail = trailingDigits(base);
      if (tail === 0) break;
      if (listSeparator.test(next.before) && next.text.length < tail) {
        const k = base.slice(0, base.length - next.text.length) + next.text;
        if (!known(k)) break;
        push({ key: k, form: 'suffix', text: next.text });
        base = k;
        j++;
        continue;
      }
      if (rangeSeparator.test(next.before) && next.text.length <= tail) {
        const width = next.text.length;
        const from = Number(base.slice(base.length - width));
        const to = Number(next.text);
        if (!(to > from && to - from <= maxRange)) break;
        for (let v = from + 1; v <= to; v++) {
          const k = base.slice(0, base.length - width) + String(v).padStart(width, '0');
          if (known(k)) push({ key: k, form: 'range', text: `${tokens[j - 1]!.text}-${next.text}` });
        }
        j++;
        break;
      }
      break;
    }
    i = j;
  }
  return out;
}

function trailingDigits(s: string): number {
  let n = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n++;
  }
  return n;
}

/** Digit runs (one to three consecutive digit tokens) of at least `min` digits: candidate suffix keys. */
export function digitKeysIn(tokens: Token[], min = 5): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.digits) continue;
    let s = '';
    for (let j = i; j < tokens.length && j < i + 3 && tokens[j]!.digits; j++) {
      s += tokens[j]!.text;
      if (s.length >= min) out.push(s);
    }
  }
  return out;
}
