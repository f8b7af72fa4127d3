import type { KeyboardEvent } from 'react';

/** What a scrolling key does to the strip: an offset to scroll by, or an end to jump to. */
export type StripScroll = { readonly by: number } | { readonly to: 'start' | 'end' };

/** An arrow key scrolls about a third of a card, as far as a line scroll goes in a browser. */
const STEP = 120;
/** A page scroll keeps a little of the previous screen in view, as browsers do. */
export const PAGE_OVERLAP = 0.9;

/**
 * The strip's scrolling keys: arrows (left/right, and up/down as earlier/later), Page Up and
 * Down, Space, Home and End. Done by the virtualizer, since the browser's own smooth scroll
 * stops halfway when cards measured on the way correct the position. Keys typed in a tamper
 * field, or with a modifier, are not the strip's.
 */
export function stripScroll(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>, page: number, own: boolean): StripScroll | null {
  if (!own || event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case 'Home':
      return { to: 'start' };
    case 'End':
      return { to: 'end' };
    case 'PageUp':
      return { by: -page };
    case 'PageDown':
      return { by: page };
    case ' ':
      return { by: event.shiftKey ? -page : page };
    case 'ArrowLeft':
    case 'ArrowUp':
      return { by: -STEP };
    case 'ArrowRight':
    case 'ArrowDown':
      return { by: STEP };
    default:
      return null;
  }
}
