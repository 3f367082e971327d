import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zh } from './zh.ts';

export type Lang = 'en' | 'zh';
export const langs: Lang[] = ['en', 'zh'];
const stored = (() => {
  try {
    return localStorage.getItem('hexiao.lang');
  } catch {
    return null;
  }
})();
const initial: Lang = stored === 'zh' || stored === 'en' ? stored : navigator.language.startsWith('zh') ? 'zh' : 'en';

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLang(lang: Lang) {
  try {
    localStorage.setItem('hexiao.lang', lang);
  } catch {
    /* private mode */
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(lang);
}
document.documentElement.lang = initial === 'zh' ? 'zh-CN' : 'en';

export { i18next };
