/**
 * A token bucket whose costs are known only afterwards (characters judged, milliseconds
 * spent): work may start while the balance is positive, its cost is charged when known, and
 * the balance may go below zero, so a large piece of work waits in proportion to its size.
 * Counted work (a fetch, an admission) passes `unit` 1: it starts only on a whole token.
 */
export class CostBucket {
  private balance: number;
  private updated: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly unit = 1e-9,
  ) {
    this.balance = capacity;
    this.updated = now();
  }

  /** Whether work may start now, keeping `reserve` for work that may use it. */
  available(reserve = 0): boolean {
    this.refill();
    return this.balance >= this.unit + reserve;
  }

  /** Charges work done (its characters, its milliseconds, or 1). */
  charge(cost: number): void {
    this.refill();
    this.balance -= cost;
  }

  /** Milliseconds until work may start (0 if it may now). */
  waitMs(): number {
    this.refill();
    return this.balance >= this.unit ? 0 : Math.ceil(((this.unit - this.balance) * 1000) / this.perSecond);
  }

  /** Full again: the state of a quiet peer can be forgotten. */
  idle(): boolean {
    this.refill();
    return this.balance >= this.capacity;
  }

  private refill(): void {
    const at = this.now();
    // A clock that goes back refills nothing.
    this.balance = Math.min(this.capacity, this.balance + (Math.max(0, at - this.updated) * this.perSecond) / 1000);
    this.updated = at;
  }
}
