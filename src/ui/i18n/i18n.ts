import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Resources } from './en';
import type { Language } from './languages';
import { zhCN } from './zh-cn';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}

/** Starts i18next in `language` with both translations bundled: they are small, and the page must not wait for them. */
export function startI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    initAsync: false,
    // React escapes text already; escaping twice would show entities.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
