/**
 * Normalise free text for comparison: Unicode NFKC (full-width letters, digits and spaces become
 * half-width), lower case, punctuation and symbols become spaces, whitespace collapsed and trimmed.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
