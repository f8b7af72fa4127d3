import i18next from 'i18next';
import { classroomEn } from './classroom-en';
import { classroomZhCN } from './classroom-zh-cn';
import type { Language } from './languages';
import type { ClassroomTranslation } from './translation';

/**
 * The words about a class on a broker (the connection line, the join link), kept out of the
 * first load: imported only by the modules that show them, which call `addClassroomTexts`
 * before they draw. Both languages come in this module: together smaller than one more request.
 */
const CLASSROOM: Record<Language, ClassroomTranslation> = { en: classroomEn, 'zh-CN': classroomZhCN };

let added = false;

/**
 * Adds them to every language already loaded, and to a language loaded later the moment its
 * own texts arrive (before the page switches to it). Never before: i18n.ts takes a language
 * that has texts for loaded.
 */
export function addClassroomTexts(): void {
  if (added) return;
  added = true;
  const addTo = (language: Language) => {
    if (i18next.hasResourceBundle(language, 'translation') && !i18next.exists('classroom.connected', { lng: language, fallbackLng: false })) {
      i18next.addResourceBundle(language, 'translation', { classroom: CLASSROOM[language] }, true, true);
    }
  };
  addTo('en');
  addTo('zh-CN');
  i18next.store.on('added', (language) => {
    if (language === 'en' || language === 'zh-CN') addTo(language);
  });
}
