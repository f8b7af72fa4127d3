import { describe, expect, it } from 'vitest';
import { stripScroll } from './strip-keys';

const key = (name: string, extra: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) => ({
  key: name,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...extra,
});

describe('the chain strip’s keys', () => {
  it('jump to the genesis and the newest block, page and step sideways', () => {
    expect(stripScroll(key('Home'), 900, true)).toEqual({ to: 'start' });
    expect(stripScroll(key('End'), 900, true)).toEqual({ to: 'end' });
    expect(stripScroll(key('PageDown'), 900, true)).toEqual({ by: 900 });
    expect(stripScroll(key('PageUp'), 900, true)).toEqual({ by: -900 });
    expect(stripScroll(key(' ', { shiftKey: true }), 900, true)).toEqual({ by: -900 });
    expect(stripScroll(key('ArrowRight'), 900, true)).toEqual({ by: 120 });
    expect(stripScroll(key('ArrowUp'), 900, true)).toEqual({ by: -120 });
  });

  it('leave keys typed in a field of a card, with a modifier, or that do not scroll', () => {
    expect(stripScroll(key('End'), 900, false)).toBeNull();
    expect(stripScroll(key('End', { ctrlKey: true }), 900, true)).toBeNull();
    expect(stripScroll(key('a'), 900, true)).toBeNull();
  });
});
