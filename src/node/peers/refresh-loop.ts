/**
 * One refresh at a time per key (a peer's chain): a request while one runs makes it run once
 * more when it ends, however many requests came, so the last answer is always fresh and a
 * peer that announces ten tips in a row costs two fetches, not ten.
 */
export class RefreshLoop<K> {
  /** keys being refreshed, and whether another request came meanwhile */
  private readonly running = new Map<K, { again: boolean }>();

  request(key: K, refresh: () => Promise<void>): void {
    const run = this.running.get(key);
    if (run) {
      run.again = true;
      return;
    }
    void this.loop(key, refresh);
  }

  private async loop(key: K, refresh: () => Promise<void>): Promise<void> {
    const run = { again: false };
    this.running.set(key, run);
    try {
      do {
        run.again = false;
        try {
          await refresh();
        } catch {
          // A refresh that failed found nothing; a request made meanwhile still runs once more.
        }
      } while (wantsAgain(run));
    } finally {
      this.running.delete(key);
    }
  }
}

// Read through a function: the flag changes while the refresh is awaited, which control-flow narrowing cannot see.
const wantsAgain = (run: { again: boolean }): boolean => run.again;
