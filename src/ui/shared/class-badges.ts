/**
 * A tab's place in the class (its `slot`, chosen by the node so that online tabs differ) as a
 * colour and a letter, the same in every view. The palette is Okabe–Ito's eight colours, told
 * apart by most colour-blind readers; the letter says it again for everyone else.
 */
export const CLASS_PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#000000'] as const;

/** The dot of a tab whose place is not known yet. */
export const NO_SLOT_COLOUR = '#8C959F';

const LETTERS = 26;

/** The letter on a dot: black on the light colours, white on blue and black (contrast above 4.5:1). */
export function slotInk(slot: number | null): string {
  const colour = slotColour(slot);
  return colour === '#0072B2' || colour === '#000000' ? '#FFFFFF' : '#000000';
}

export interface ClassBadge {
  readonly colour: string;
  /** A, B, … Z, then A2 … Z2, A3 …; null without a slot */
  readonly name: string | null;
}

export function slotColour(slot: number | null): string {
  if (slot === null || !Number.isSafeInteger(slot) || slot < 0) return NO_SLOT_COLOUR;
  return CLASS_PALETTE[slot % CLASS_PALETTE.length] ?? NO_SLOT_COLOUR;
}

export function slotName(slot: number | null): string | null {
  if (slot === null || !Number.isSafeInteger(slot) || slot < 0) return null;
  const letter = String.fromCharCode(65 + (slot % LETTERS));
  const round = Math.floor(slot / LETTERS);
  return round === 0 ? letter : `${letter}${round + 1}`;
}

export const classBadge = (slot: number | null): ClassBadge => ({ colour: slotColour(slot), name: slotName(slot) });

/** How a tab is named in a sentence: its letter and short id ("A 3f2a1c"), or the short id alone. */
export function tabLabel(id: string, slot: number | null): string {
  const name = slotName(slot);
  const short = id.slice(0, 6);
  return name === null ? short : `${name} ${short}`;
}
