import type { JournalEntry, NodeMessage } from './api';

/** The activity log keeps the newest lines. */
export const MAX_JOURNAL = 50;
/** Edits of one block this close together are one line: the tamper lab edits on every keystroke. */
export const TAMPER_LINE_MS = 5000;

/** What the node did on its own or was told by a peer, newest first, for the activity log. */
export class Journal {
  private readonly entries: JournalEntry[] = [];
  private counter = 0;

  constructor(
    private readonly changed: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  record(kind: JournalEntry['kind'], message: NodeMessage): void {
    this.counter += 1;
    const entry: JournalEntry = { id: this.counter, at: this.now(), kind, message };
    // Typing "500" into one block is one line, not three.
    const last = this.entries[0];
    if (kind === 'tamper' && last?.kind === 'tamper' && sameBlock(last.message, message) && entry.at - last.at < TAMPER_LINE_MS) {
      this.entries[0] = entry;
    } else {
      this.entries.unshift(entry);
      this.entries.length = Math.min(this.entries.length, MAX_JOURNAL);
    }
    this.changed();
  }

  list(): readonly JournalEntry[] {
    return this.entries;
  }
}

/** Whether two messages are about one block. */
function sameBlock(a: NodeMessage, b: NodeMessage): boolean {
  const blockOf = (message: NodeMessage): unknown => ('block' in message.values ? message.values.block : undefined);
  return blockOf(a) !== undefined && blockOf(a) === blockOf(b);
}
