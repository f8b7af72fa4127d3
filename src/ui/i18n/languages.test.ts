import { describe, expect, it } from 'vitest';
import { chooseLanguage } from './languages';

describe('chooseLanguage', () => {
  it('takes ?lang= first', () => {
    expect(chooseLanguage({ param: 'zh-CN', preferred: 'en', browser: ['en-US'] })).toEqual({ language: 'zh-CN', warning: null });
    expect(chooseLanguage({ param: 'en', preferred: 'zh-CN', browser: ['zh-CN'] })).toEqual({ language: 'en', warning: null });
  });

  it('ignores a bad ?lang= with a warning and falls back to the next source', () => {
    const choice = chooseLanguage({ param: 'fr', preferred: null, browser: ['zh-TW', 'en'] });
    expect(choice.language).toBe('zh-CN');
    expect(choice.warning).toBe('?lang=fr ignored: lang must be one of en, zh-CN.');
    expect(chooseLanguage({ param: '<script>', preferred: 'en', browser: [] }).language).toBe('en');
  });

  it('then the language chosen on the page before', () => {
    expect(chooseLanguage({ param: null, preferred: 'zh-CN', browser: ['en-GB'] }).language).toBe('zh-CN');
  });

  it('then the first browser language we have; any Chinese reads Simplified Chinese', () => {
    expect(chooseLanguage({ param: null, preferred: null, browser: ['de-DE', 'zh-Hant-TW', 'en'] }).language).toBe('zh-CN');
    expect(chooseLanguage({ param: null, preferred: null, browser: ['fr', 'en-AU', 'zh'] }).language).toBe('en');
    expect(chooseLanguage({ param: null, preferred: null, browser: ['ZH-cn'] }).language).toBe('zh-CN');
  });

  it('and English when nothing matches', () => {
    expect(chooseLanguage({ param: null, preferred: null, browser: ['de', 'fr'] })).toEqual({ language: 'en', warning: null });
    expect(chooseLanguage({ param: null, preferred: null, browser: [] }).language).toBe('en');
  });
});
