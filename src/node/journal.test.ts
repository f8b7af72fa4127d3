import { describe, expect, it } from 'vitest';
import type { NodeMessage } from './api';
import { Journal, MAX_JOURNAL, TAMPER_LINE_MS } from './journal';

/** A journal on a hand-driven clock, counting how often the page was told it changed. */
function journal() {
  let now = 1_000_000;
  let changes = 0;
  const lines = new Journal(
    () => {
      changes += 1;
    },
    () => now,
  );
  return {
    lines,
    changes: () => changes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const tampered = (block: number): NodeMessage => ({ key: 'tamperedStillValid', values: { block } });
const restart = (index: number): NodeMessage => ({ key: 'minerRestarted', values: { index } });

describe('Journal', () => {
  it('lists lines newest first, each with its own rising id and the time it was recorded, and tells the page each time', () => {
    const { lines, changes, advance } = journal();
    lines.record('restart', restart(2));
    advance(10);
    lines.record('reset', { key: 'nodeReset', values: {} });
    expect(lines.list()).toEqual([
      { id: 2, at: 1_000_010, kind: 'reset', message: { key: 'nodeReset', values: {} } },
      { id: 1, at: 1_000_000, kind: 'restart', message: restart(2) },
    ]);
    expect(changes()).toBe(2);
  });

  it(`keeps the newest ${MAX_JOURNAL} lines`, () => {
    const { lines } = journal();
    for (let index = 1; index <= MAX_JOURNAL + 5; index++) lines.record('restart', restart(index));
    expect(lines.list()).toHaveLength(MAX_JOURNAL);
    expect(lines.list()[0]?.message).toEqual(restart(MAX_JOURNAL + 5));
    expect(lines.list().at(-1)?.message).toEqual(restart(6));
  });

  it('makes edits of one block close together one line, the newest', () => {
    const { lines, changes, advance } = journal();
    lines.record('tamper', tampered(2));
    advance(TAMPER_LINE_MS - 1);
    lines.record('tamper', { key: 'tamperedInvalid', values: { block: 2, verdict: { code: 'proof', block: 3, reason: 'Bad proof.' } } });
    expect(lines.list()).toHaveLength(1);
    expect(lines.list()[0]).toMatchObject({ id: 2, kind: 'tamper', message: { key: 'tamperedInvalid' } });
    expect(changes()).toBe(2);
  });

  it('keeps apart edits of other blocks, edits far apart in time, and edits with another line between them', () => {
    const apart = journal();
    apart.lines.record('tamper', tampered(2));
    apart.lines.record('tamper', tampered(3));
    expect(apart.lines.list()).toHaveLength(2);

    const late = journal();
    late.lines.record('tamper', tampered(2));
    late.advance(TAMPER_LINE_MS);
    late.lines.record('tamper', tampered(2));
    expect(late.lines.list()).toHaveLength(2);

    const between = journal();
    between.lines.record('tamper', tampered(2));
    between.lines.record('restart', restart(4));
    between.lines.record('tamper', tampered(2));
    expect(between.lines.list()).toHaveLength(3);
  });

  it('never merges lines that are not edits, even about one block', () => {
    const { lines } = journal();
    lines.record('restart', restart(2));
    lines.record('restart', restart(2));
    expect(lines.list()).toHaveLength(2);
  });
});
