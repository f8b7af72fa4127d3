import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from './tab-keys';

describe('tab list keys', () => {
  it('move to the tab before and after, wrapping at both ends', () => {
    expect(tabKeyTarget('ArrowRight', 0, 8)).toBe(1);
    expect(tabKeyTarget('ArrowRight', 7, 8)).toBe(0);
    expect(tabKeyTarget('ArrowLeft', 0, 8)).toBe(7);
    expect(tabKeyTarget('ArrowLeft', 3, 8)).toBe(2);
  });

  it('jump to the first and the last tab, and leave other keys alone', () => {
    expect(tabKeyTarget('Home', 5, 8)).toBe(0);
    expect(tabKeyTarget('End', 2, 8)).toBe(7);
    expect(tabKeyTarget('Enter', 2, 8)).toBeNull();
    expect(tabKeyTarget('ArrowRight', 0, 0)).toBeNull();
  });
});
