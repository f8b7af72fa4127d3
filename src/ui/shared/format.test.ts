import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { formatClockTime, formatTimestamp, power, shortHashParts } from './format';

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

describe('short hashes and powers', () => {
  it('keeps the leading zeros whole and a few characters of each end', () => {
    expect(shortHashParts('0000a1b2c3d4e5f6a7b8c9d0e1f2')).toEqual({ zeros: '0000', head: 'a1b2', tail: 'e1f2' });
    expect(shortHashParts('1')).toEqual({ zeros: '', head: '1', tail: '' });
    expect(shortHashParts('00abc')).toEqual({ zeros: '00', head: 'abc', tail: '' });
  });

  it('writes exponents as superscript digits', () => {
    expect(power(16, 4)).toBe('16⁴');
    expect(power(16, 10)).toBe('16¹⁰');
  });
});
