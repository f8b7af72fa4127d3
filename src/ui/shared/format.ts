import i18next from 'i18next';
import type { JsonValue } from '../../core/json-value';
import { dumpsPython } from '../../core/python-json';

/** Strings as they are, anything else as the JSON Python would write (so `5.0` shows as 5.0). */
export function displayValue(value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : dumpsPython(value);
}

export const shortId = (id: string) => id.slice(0, 6);
export const shortHash = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-6)}` : hash);

/** The page's language for dates; English keeps the day-month-year, 24-hour form it always had. */
export function dateLocale(): string {
  const language = i18next.language as string | undefined;
  return language === undefined || language.startsWith('en') ? 'en-GB' : language;
}

// `toLocaleString` builds an Intl formatter per call, which costs more than the rest of a
// render: one formatter per language, with the options `toLocaleString` uses.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(cache: Map<string, Intl.DateTimeFormat>, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = dateLocale();
  let format = cache.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { ...options, hour12: false });
    cache.set(locale, format);
  }
  return format;
}

/** A block's timestamp (seconds since 1970, as Python's `time()`) as a date and time. */
export function formatTimestamp(value: JsonValue | undefined): string {
  const seconds = typeof value === 'bigint' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return displayValue(value);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return displayValue(value);
  return cachedFormat(dateTimeFormats, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).format(date);
}

/** A block's timestamp as the time of day alone, for a card (the date is in its title). */
export function formatTimeOfDay(value: JsonValue | undefined): string {
  const seconds = typeof value === 'bigint' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return displayValue(value);
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return displayValue(value);
  return formatClockTime(date.getTime());
}

/** The time of day of a moment of this page (milliseconds since 1970). */
export const formatClockTime = (at: number): string =>
  cachedFormat(timeFormats, { hour: 'numeric', minute: 'numeric', second: 'numeric' }).format(new Date(at));

export const formatCount = (n: number) => Math.round(n).toLocaleString('en');

export function formatRate(attemptsPerSecond: number): string {
  if (attemptsPerSecond >= 1e6) return i18next.t('rate.mega', { value: (attemptsPerSecond / 1e6).toFixed(1) });
  if (attemptsPerSecond >= 1e3) return i18next.t('rate.kilo', { value: Math.round(attemptsPerSecond / 1e3).toLocaleString('en') });
  return i18next.t('rate.unit', { value: Math.round(attemptsPerSecond) });
}

/** How long `attempts` take at `rate`, in words a class understands. */
export function formatDuration(seconds: number): string {
  const t = i18next.t;
  if (!Number.isFinite(seconds)) return t('duration.unknown');
  if (seconds < 1) return t('duration.underASecond');
  if (seconds < 90) return t('duration.seconds', { value: Math.round(seconds) });
  if (seconds < 90 * 60) return t('duration.minutes', { value: Math.round(seconds / 60) });
  if (seconds < 36 * 3600) return t('duration.hours', { value: Math.round(seconds / 3600) });
  return t('duration.days', { value: Math.round(seconds / 86400) });
}

/**
 * A hash shortened for a card: its leading zeros (what proof-of-work looks for) whole, then a
 * few characters of each end. `zeros` is how many leading zeros it has.
 */
export function shortHashParts(hash: string, keep = 4): { zeros: string; head: string; tail: string } {
  const zeros = /^0*/.exec(hash)?.[0] ?? '';
  const rest = hash.slice(zeros.length);
  if (rest.length <= keep * 2 + 1) return { zeros, head: rest, tail: '' };
  return { zeros, head: rest.slice(0, keep), tail: rest.slice(-keep) };
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A power as it is written in a book: 16⁴, not 16^4. */
export const power = (base: number, exponent: number): string =>
  `${base}${String(exponent).replace(/\d/g, (digit) => SUPERSCRIPTS[Number(digit)] ?? digit)}`;
