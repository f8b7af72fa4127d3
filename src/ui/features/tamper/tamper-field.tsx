import { useEffect, useRef, useState } from 'react';

/** How long typing pauses before the edit is sent: each pause, not each leaving of the field, recomputes the chain. */
export const TAMPER_DEBOUNCE_MS = 200;

/**
 * One value of a block, typed over in the tamper lab. The chain is judged again a moment
 * after each keystroke (and at once on Enter or when the field is left). The field keeps
 * what is typed while it has the focus: the block the node sends back never replaces it.
 */
export function TamperField({ label, value, edit }: { label: string; value: string; edit: (value: string) => void }) {
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The latest edit function and value, read by the timer without restarting it on every render.
  const latest = useRef({ edit, value });
  useEffect(() => { latest.current = { edit, value }; }, [edit, value]);
  const flush = (next: string) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    if (next !== latest.current.value) latest.current.edit(next);
  };
  useEffect(() => () => { if (timer.current !== null) clearTimeout(timer.current); }, []);
  // A block changed by the node (a repair, another edit) shows its value, unless it is being typed in.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (!focused) setText(value);
  }
  return (
    <input
      className="tamper-input mono"
      aria-label={label}
      value={text}
      onFocus={() => { setFocused(true); }}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (timer.current !== null) clearTimeout(timer.current);
        timer.current = setTimeout(() => { flush(next); }, TAMPER_DEBOUNCE_MS);
      }}
      onBlur={(event) => {
        setFocused(false);
        flush(event.target.value);
      }}
      onKeyDown={(event) => { if (event.key === 'Enter') flush(event.currentTarget.value); }}
    />
  );
}
