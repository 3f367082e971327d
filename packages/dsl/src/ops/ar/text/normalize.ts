/**
 * Normalise free text for comparison: Unicode NFKC (full-width letters, digits and spaces become
 * half-width), lower case, punctuation and symbols become spaces, whitespace collapsed and trimmed.
 */
export function normalizeText(s: string): string {
  let v = recent.get(s);
  if (v === undefined) {
    if (recent.size >= 64) recent.clear();
    v = normalizeUncached(s);
    recent.set(s, v);
  }
  return v;
}

// a rule tests one text against several words (`contains` with `true` normalises both every time): keep the last few
const recent = new Map<string, string>();

function normalizeUncached(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
