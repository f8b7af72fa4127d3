import { describe, expect, it } from 'vitest';
import { leaves } from './catalogue-leaves.test-suite';
import { en } from './en';
import { classroomEn } from './classroom-en';
import { classroomZhCN } from './classroom-zh-cn';
import { zhCN } from './zh-cn';


/** The parts a translation must keep: `{{placeholders}}` and `<tags>` for components. */
const slots = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<\/?(\w+)\s*\/?>/g)].map((m) => m[0].replace(/\s/g, '')).sort();

/** `x_one` / `x_other` are plural forms of `x`: Chinese has only `_other`. */
const pluralBase = (key: string) => key.replace(/_(one|other)$/, '');

describe('translations', () => {
  // The words fetched apart (classroom-*.ts) are held to the same rules, under their own key.
  const english = leaves({ ...en, classroom: classroomEn });
  const chinese = leaves({ ...zhCN, classroom: classroomZhCN });

  it('have the same keys, up to plural forms', () => {
    const bases = (keys: Iterable<string>) => [...new Set([...keys].map(pluralBase))].sort();
    expect(bases(chinese.keys())).toEqual(bases(english.keys()));
  });

  it('keep every placeholder and component tag of the English text', () => {
    for (const [key, text] of english) {
      const translated = chinese.get(key) ?? chinese.get(`${pluralBase(key)}_other`);
      if (translated === undefined) continue;
      expect(slots(translated), key).toEqual(slots(text));
    }
  });

  it('leave no string empty or untranslated English in the Chinese text', () => {
    for (const [key, text] of chinese) {
      expect(text.trim(), key).not.toBe('');
      // Proper names and code may stay as they are; a whole English sentence may not.
      const words = text.replace(/\{\{\w+\}\}|<\/?\w+\s*\/?>/g, '').match(/[A-Za-z]{4,}(?:\s+[A-Za-z]{2,}){3,}/);
      expect(words, `${key}: "${text}"`).toBeNull();
    }
  });
});
