import { useTranslation } from 'react-i18next';
import type { Locale } from './format.ts';

/** The current UI language as the formatters want it. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'zh' ? 'zh' : 'en';
}
