import { describe, expect, it } from 'vitest';
import { hideFields } from './hide-fields.ts';
import { localText } from '../../i18n/local-text.ts';

describe('the request form', () => {
  it('hides the fields the conditions hide and keeps their other UI options', () => {
    expect(
      hideFields({ explanation: { 'ui:widget': 'textarea' }, courtCase: { 'ui:help': 'x' } }, ['/courtCase']),
    ).toEqual({
      explanation: { 'ui:widget': 'textarea' },
      courtCase: { 'ui:help': 'x', 'ui:widget': 'hidden' },
    });
    const ui = { a: {} };
    expect(hideFields(ui, [])).toBe(ui);
  });
  it('shows titles in the UI language', () => {
    expect(localText({ en: 'Court ruling', zh: '法院判决' }, 'zh')).toBe('法院判决');
    expect(localText('Plain', 'zh')).toBe('Plain');
    expect(localText(null, 'en')).toBeNull();
  });
});
