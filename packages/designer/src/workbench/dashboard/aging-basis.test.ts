import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { en } from '../../i18n/en.ts';
import { zh } from '../../i18n/zh.ts';
import { termsLabel } from './aging-basis.ts';

describe('payment terms in words', () => {
  it('reads net, end-of-month and instalment terms in both languages', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'en', resources: { en: { translation: en }, zh: { translation: zh } } });
    expect(termsLabel('net30', i.t)).toBe('net 30 days');
    expect(termsLabel('eom60', i.t)).toBe('end of month + 60 days');
    expect(termsLabel('inst30:30/60:40/90:30', i.t)).toBe(
      '3 instalments (30 % at 30 days, 40 % at 60 days, 30 % at 90 days)',
    );
    expect(termsLabel('inst30/60', i.t)).toBe('2 instalments (50 % at 30 days, 50 % at 60 days)');
    expect(termsLabel(null, i.t)).toBeNull();
    await i.changeLanguage('zh');
    expect(termsLabel('inst30/60/90', i.t)).toBe('分 3 期（30 天 33.3333%、60 天 33.3333%、90 天 33.3333%）');
  });
});
