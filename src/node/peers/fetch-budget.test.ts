import { describe, expect, it } from 'vitest';
import {
  FETCH_BURST,
  MAX_CHAIN_CHARS,
  NEWCOMER_FETCH_BURST,
  PEER_FETCH_BURST,
  PEER_FETCH_INTERVAL_MS,
  PEER_JUDGED_CHARS_PER_SECOND,
  PEER_JUDGING_BURST_MS,
  PEER_JUDGING_SHARE,
} from '../../network/limits';
import { testPeerId } from '../../network/test-peer-ids.test-suite';
import { FetchBudget } from './fetch-budget';

const PROVEN = testPeerId('aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa');
const NEWCOMER = testPeerId('bbbbbbbbbbbb4bbbbbbbbbbbbbbbbbbb');
const fakeId = (n: number) => testPeerId(`${n.toString(16).padStart(12, '0')}4${'e'.repeat(19)}`);

function budgetOn() {
  let at = 0;
  const budget = new FetchBudget(() => at, (peer) => peer === PROVEN);
  return { budget, advance: (ms: number) => { at += ms; } };
}

/** Fetches of `peer` its budget lets start now, one after the other. */
function fetchesNow(budget: FetchBudget, peer = PROVEN): number {
  let count = 0;
  while (budget.fetchWaitMs(peer) === 0 && count < 1000) {
    budget.fetchStarted(peer);
    budget.fetchEnded();
    count += 1;
  }
  return count;
}

describe('FetchBudget', () => {
  it('lets a proven peer fetch a burst, then once per interval', () => {
    const { budget, advance } = budgetOn();
    expect(fetchesNow(budget)).toBe(PEER_FETCH_BURST);
    advance(PEER_FETCH_INTERVAL_MS / 2);
    expect(fetchesNow(budget)).toBe(0);
    advance(PEER_FETCH_INTERVAL_MS / 2);
    expect(fetchesNow(budget)).toBe(1);
  });

  it('makes every unproven peer share one allowance, and bounds all fetches together', () => {
    const { budget } = budgetOn();
    let fetched = 0;
    for (let n = 0; n < 1100; n++) fetched += fetchesNow(budget, fakeId(n));
    expect(fetched).toBe(NEWCOMER_FETCH_BURST);
    expect(fetchesNow(budget, NEWCOMER)).toBe(0);
    // The proven peer keeps its own allowance.
    expect(fetchesNow(budget, PROVEN)).toBe(PEER_FETCH_BURST);
    // Many proven peers, each within its own allowance: the total bound holds.
    const everyoneProven = new FetchBudget(() => 0, () => true);
    let total = 0;
    for (let n = 0; n < 100; n++) total += fetchesNow(everyoneProven, fakeId(n));
    expect(total).toBe(FETCH_BURST);
  });

  it('judges a peer whose chains take 5.5 s to judge again only after its share of time has paid for them', () => {
    const { budget, advance } = budgetOn();
    expect(budget.judgeWaitMs(PROVEN)).toBe(0);
    budget.judged(PROVEN, 1000, 5500);
    const wait = budget.judgeWaitMs(PROVEN);
    expect(wait).toBeGreaterThanOrEqual((5500 - PEER_JUDGING_BURST_MS) / PEER_JUDGING_SHARE);
    expect(budget.fetchWaitMs(PROVEN)).toBe(wait);
    advance(wait);
    expect(budget.judgeWaitMs(PROVEN)).toBe(0);
  });

  it('judges a peer sending the largest chains about once per their size at its rate of characters', () => {
    const { budget } = budgetOn();
    budget.judged(PROVEN, MAX_CHAIN_CHARS - 1, 1);
    budget.judged(PROVEN, MAX_CHAIN_CHARS, 1);
    expect(budget.judgeWaitMs(PROVEN)).toBeGreaterThanOrEqual(((MAX_CHAIN_CHARS - 1) / PEER_JUDGED_CHARS_PER_SECOND) * 1000 - 1);
    // Another peer is judged meanwhile: within the total.
    expect(budget.judgeWaitMs(NEWCOMER)).toBe(0);
  });
});
