import type { NodeEvent, NodeTopic } from './api';

/**
 * Tells the page what changed. The changes of one step (a tip judged, a chain adopted, a
 * journal line) go out as one event at its end, so that the page fetches each topic once,
 * not once per change; `beforeSend` runs then too (the node stores what changed).
 */
export class NodeEvents {
  private readonly listeners = new Set<(event: NodeEvent) => void>();
  /** topics changed since the last event, sent at the end of the current step */
  private unsent: Set<NodeTopic> | null = null;

  constructor(private readonly beforeSend: (topics: ReadonlySet<NodeTopic>) => void) {}

  subscribe(listener: (event: NodeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(topics: readonly NodeTopic[]): void {
    if (this.unsent) {
      for (const topic of topics) this.unsent.add(topic);
      return;
    }
    this.unsent = new Set(topics);
    queueMicrotask(() => {
      const unsent = this.unsent ?? new Set<NodeTopic>();
      this.unsent = null;
      this.send(unsent);
    });
  }

  /** Final: no event reaches a listener after it. */
  close(): void {
    this.listeners.clear();
  }

  private send(topics: Set<NodeTopic>): void {
    this.beforeSend(topics);
    // Balances are counted from the chain and the pending list.
    if (topics.has('chain') || topics.has('pending')) topics.add('balances');
    const event: NodeEvent = { topics: [...topics] };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A page that went away must not break the node.
      }
    }
  }
}
