/**
 * A set of listeners that can never break its caller: each call is isolated, errors go to
 * `onError` (itself isolated), and the set is snapshotted before a dispatch so listeners may
 * subscribe or unsubscribe from inside a call.
 */
export interface ListenerSet<T extends unknown[]> {
  add(listener: (...args: T) => void): () => void;
  /** `isOpen` is checked before each call so that a listener closing the owner stops the rest. */
  emit(args: T, isOpen?: () => boolean): void;
  clear(): void;
  readonly size: number;
}

export function createListenerSet<T extends unknown[]>(
  onError: (error: unknown) => void = () => undefined,
): ListenerSet<T> {
  const listeners = new Set<(...args: T) => void>();
  return {
    add(listener) {
      // Wrapped so that adding the same function twice gives two independent subscriptions.
      const entry = (...args: T): void => { listener(...args); };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(args, isOpen = () => true) {
      for (const listener of [...listeners]) {
        if (!isOpen()) return;
        // Removed during this dispatch: skip it, as EventTarget does.
        if (!listeners.has(listener)) continue;
        try {
          listener(...args);
        } catch (error) {
          try {
            onError(error);
          } catch {
            // A failing error reporter must not break the dispatch either.
          }
        }
      }
    },
    clear() {
      listeners.clear();
    },
    get size() {
      return listeners.size;
    },
  };
}
