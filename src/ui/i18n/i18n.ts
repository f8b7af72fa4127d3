import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Resources } from './en';
import type { Language } from './languages';
import type { Translation } from './translation';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}

/** English is bundled; another language is fetched only by a page that shows it, to keep the first load small. */
const TRANSLATIONS: Record<Language, () => Promise<Translation>> = {
  en: () => Promise.resolve(en),
  'zh-CN': async () => (await import('./zh-cn')).zhCN,
};

/** Makes `language` available without switching to it. */
export async function loadLanguage(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) i18next.addResourceBundle(language, 'translation', await TRANSLATIONS[language]());
}

export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

/** Starts i18next in `language`; English is the fallback for anything missing. */
export async function startI18n(language: Language): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: ['en', 'zh-CN'],
      resources: { en: { translation: en } },
      initAsync: false,
      // React escapes text already; escaping twice would show entities.
      interpolation: { escapeValue: false },
      returnNull: false,
      // One namespace, keys with dots: saying so spares every t() call the guess whether a
      // key is a sentence or a path, which a profile of the page showed to be costly.
      nsSeparator: false,
      keySeparator: '.',
    });
    // `{{block, position}}`: a block number as its place in the list (block 3 is chain[2]), as core/verdicts.ts fills it.
    i18next.services.formatter?.add('position', (value) => String(Number(value) - 1));
  }
  await switchLanguage(language);
  return i18next;
}
