import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zh } from './zh.ts';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('i18n', () => {
  it('zh and en have the same keys, and every interpolation variable appears in both', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    const get = (o: object, k: string) => k.split('.').reduce((x: any, p) => x[p], o) as string;
    for (const k of keys(en)) {
      const vars = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      expect(vars(get(zh, k)), k).toEqual(vars(get(en, k)));
    }
  });
});
