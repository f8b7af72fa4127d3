import { describe, expect, it } from 'vitest';
import { CLASS_PALETTE, NO_SLOT_COLOUR, classBadge, slotColour, slotName, tabLabel } from './class-badges';

describe('class badges', () => {
  it('gives the first eight places the eight Okabe–Ito colours, then starts again', () => {
    expect(Array.from({ length: 8 }, (_, slot) => slotColour(slot))).toEqual([...CLASS_PALETTE]);
    expect(new Set(CLASS_PALETTE).size).toBe(8);
    expect(slotColour(8)).toBe('#E69F00');
    expect(slotColour(13)).toBe('#D55E00');
  });

  it('names places A to Z, then A2 … Z2, A3', () => {
    expect(slotName(0)).toBe('A');
    expect(slotName(1)).toBe('B');
    expect(slotName(25)).toBe('Z');
    expect(slotName(26)).toBe('A2');
    expect(slotName(51)).toBe('Z2');
    expect(slotName(52)).toBe('A3');
  });

  it('has a grey dot and no name without a place, or with one that is not a whole number of 0 or more', () => {
    for (const slot of [null, -1, 1.5, Number.NaN]) {
      expect(classBadge(slot)).toEqual({ colour: NO_SLOT_COLOUR, name: null });
    }
  });

  it('labels a tab by its letter and short id, or its short id alone', () => {
    expect(tabLabel('3f2a1c9b0d', 2)).toBe('C 3f2a1c');
    expect(tabLabel('3f2a1c9b0d', null)).toBe('3f2a1c');
  });
});
