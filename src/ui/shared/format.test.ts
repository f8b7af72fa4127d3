import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { formatClockTime, formatTimestamp } from './format';

const moments = [0, 1_700_000_000_123, 1_704_067_200_000, 946_684_799_999];

describe('dates in the page language', () => {
  afterAll(async () => {
    await i18next.changeLanguage('en');
  });

  it.each(['en', 'zh-CN'])('writes timestamps and times of day as toLocaleString does (%s)', async (language) => {
    await i18next.init({ lng: language, resources: {} });
    const locale = language === 'en' ? 'en-GB' : language;
    for (const at of moments) {
      expect(formatTimestamp(at / 1000)).toBe(new Date(at).toLocaleString(locale, { hour12: false }));
      expect(formatClockTime(at)).toBe(new Date(at).toLocaleTimeString(locale, { hour12: false }));
    }
  });

  it('shows a timestamp that is no date as it is written', () => {
    expect(formatTimestamp('soon')).toBe('soon');
    expect(formatTimestamp(1e300)).toBe('1e+300');
    expect(formatTimestamp(undefined)).toBe('—');
  });
});
