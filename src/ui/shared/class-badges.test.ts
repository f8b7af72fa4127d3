import { describe, expect, it } from 'vitest';
import { CLASS_PALETTE, NO_SLOT_COLOUR, classBadge, slotColour, slotInk, slotName, tabLabel } from './class-badges';

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

  it('writes the letter in black on the light colours and in white on blue and black, legible on each', () => {
    const luminance = (hex: string) => {
      const channel = (i: number) => {
        const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
    };
    for (let slot = 0; slot < 8; slot++) {
      const [a, b] = [luminance(slotColour(slot)), luminance(slotInk(slot))].sort((x, y) => y - x);
      expect((a! + 0.05) / (b! + 0.05), `slot ${slot}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('labels a tab by its letter and short id, or its short id alone', () => {
    expect(tabLabel('3f2a1c9b0d', 2)).toBe('C 3f2a1c');
    expect(tabLabel('3f2a1c9b0d', null)).toBe('3f2a1c');
  });
});
