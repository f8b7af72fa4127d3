/**
 * The one object a worker's API serves (a tab's node, the network view's observer), made by
 * the page's first `init` call: a second `init` gets the same one, and every other call fails
 * clearly until then.
 */
export class StartedOnce<T> {
  private started: Promise<T> | null = null;

  constructor(private readonly what: string) {}

  start(create: () => Promise<T>): Promise<T> {
    this.started ??= create();
    return this.started;
  }

  async get(): Promise<T> {
    if (!this.started) throw new Error(`${this.what} has not been started: call init() first.`);
    return this.started;
  }
}
