import type { classroomEn } from './classroom-en';
import type { en } from './en';

/**
 * The shape every translation must have: the English keys, each a string. Plural forms
 * differ by language (English has `_one` and `_other`, Chinese only `_other`), so `_one`
 * keys are optional.
 */
export type Translation = TranslationOf<typeof en>;

/** The words about a class on a broker, fetched apart (see classroom-en.ts). */
export type ClassroomTranslation = TranslationOf<typeof classroomEn>;

type TranslationOf<T> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : TranslationOf<T[K]>;
} & {
  [K in keyof T as K extends `${string}_one` ? K : never]?: string;
};
