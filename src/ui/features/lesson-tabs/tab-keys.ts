/**
 * The keys of a WAI-ARIA tab list: ← and → move to the tab before and after (wrapping), Home
 * and End to the first and last. Returns the index to move to, or null for any other key.
 */
export function tabKeyTarget(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'ArrowRight':
      return (current + 1) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
