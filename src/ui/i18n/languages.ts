import * as z from 'zod/mini';

/** The page's languages: English, and Simplified Chinese, the language of the tutorial this came from. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const languageSchema = z.enum(LANGUAGES);

/** Each language named in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export interface LanguageChoice {
  readonly language: Language;
  /** why `?lang=` was ignored, in English: it is shown before any language is known */
  readonly warning: string | null;
}

/**
 * `?lang=` wins, then the language chosen on the page before, then the first of the
 * browser's languages we have (any Chinese variant reads Simplified Chinese), then English.
 */
export function chooseLanguage(input: {
  readonly param: string | null;
  readonly preferred: Language | null;
  readonly browser: readonly string[];
}): LanguageChoice {
  let warning: string | null = null;
  if (input.param !== null) {
    const parsed = languageSchema.safeParse(input.param);
    if (parsed.success) return { language: parsed.data, warning };
    warning = `?lang=${input.param} ignored: lang must be one of ${LANGUAGES.join(', ')}.`;
  }
  if (input.preferred !== null) return { language: input.preferred, warning };
  for (const tag of input.browser) {
    const primary = tag.toLowerCase().split('-', 1)[0];
    if (primary === 'zh') return { language: 'zh-CN', warning };
    if (primary === 'en') return { language: 'en', warning };
  }
  return { language: 'en', warning };
}
