import type { LocalText } from '../api/workbench-types.ts';

/** A definition's title in the UI language: plain text as it is, a {zh, en} pair by language. */
export const localText = (v: LocalText | string | null | undefined, lang: 'en' | 'zh'): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : (v[lang] ?? v.en ?? null);
