/**
 * The key of a button's shortcut, shown on the button. Hidden from assistive technology: the
 * button announces it through `aria-keyshortcuts`, and its accessible name stays the word alone.
 */
export function ShortcutKey({ shortcut }: { shortcut: string }) {
  return (
    <kbd className="shortcut-key" aria-hidden="true">
      {shortcut}
    </kbd>
  );
}
