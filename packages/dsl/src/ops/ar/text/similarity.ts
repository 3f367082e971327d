import { jaroWinkler } from './jaro-winkler.ts';
import { normalizeText } from './normalize.ts';

/** Legal-form words dropped from the end of a Latin-script company name (after normalisation). */
const latinSuffixes = new Set([
  'co',
  'company',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'mbh',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'pte',
  'pty',
  'kk',
  'kft',
  'sro',
  'bhd',
  'sdn',
  'group',
  'holding',
  'holdings',
]);

/** Legal-form endings of CJK company names, longest first. */
const cjkSuffixes = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '股份公司', '株式会社', '公司', '集团'];

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

interface NameParts {
  readonly latin: string[];
  readonly cjk: string[];
  readonly cjkChars: number;
}

function stripCjk(run: string): string {
  let s = run;
  for (let changed = true; changed;) {
    changed = false;
    for (const suf of cjkSuffixes) {
      if (s.length > suf.length && s.endsWith(suf)) {
        s = s.slice(0, -suf.length);
        changed = true;
      }
    }
  }
  return s;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Tokens of a payer name: Latin words without trailing legal suffixes, and CJK character bigrams. */
export function nameParts(name: string): NameParts {
  const n = normalizeText(name);
  const all = n.match(cjkRun) ?? [];
  // A legal form written apart, e.g. 阿里巴巴（中国）有限公司, is its own run: drop it.
  const kept = all.filter((r) => !cjkSuffixes.includes(r));
  const runs = (kept.length > 0 ? kept : all).map(stripCjk);
  const latin = n
    .replace(cjkRun, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
  while (latin.length > 1 && latinSuffixes.has(latin[latin.length - 1]!)) latin.pop();
  const cjk = runs.flatMap(bigrams);
  return { latin, cjk, cjkChars: runs.reduce((s, r) => s + [...r].length, 0) };
}

/** Symmetric Monge-Elkan over tokens with Jaro-Winkler, or the joined names if that scores higher. */
function latinScore(a: string[], b: string[]): number {
  const me = (x: string[], y: string[]) =>
    x.reduce((s, t) => s + Math.max(...y.map((u) => jaroWinkler(t, u))), 0) / x.length;
  return Math.max((me(a, b) + me(b, a)) / 2, jaroWinkler(a.join(''), b.join('')));
}

/** Dice coefficient over bigram multisets. */
function diceScore(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const g of a) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of b) {
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * Payer-name similarity in [0, 1], rounded to 4 decimals. Names are normalised, legal suffixes
 * stripped; Latin words compare by Jaro-Winkler, CJK text by character bigrams; the two parts
 * are weighted by their length, and a part present on one side only counts as 0.
 */
export function nameSimilarity(x: string, y: string): number {
  const a = nameParts(x);
  const b = nameParts(y);
  const la = a.latin.join(' ').length + b.latin.join(' ').length;
  const lc = a.cjkChars + b.cjkChars;
  if (la + lc === 0) return 0;
  let total = 0;
  if (la > 0 && a.latin.length > 0 && b.latin.length > 0) total += la * latinScore(a.latin, b.latin);
  if (lc > 0 && a.cjk.length > 0 && b.cjk.length > 0) total += lc * diceScore(a.cjk, b.cjk);
  return Math.round((total / (la + lc)) * 10_000) / 10_000;
}
