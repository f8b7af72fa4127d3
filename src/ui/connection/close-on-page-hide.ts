/**
 * A closing page asks its node to close: the node says goodbye to its peers (a `leave`) as it
 * stops. The page reaches the network only through its node; should the worker go down
 * before the goodbye leaves, the peers take the node for gone after its heartbeats stop.
 */
export function closeOnPageHide(close: () => Promise<void>): void {
  window.addEventListener('pagehide', (event) => {
    if (event.persisted) return; // kept in the back/forward cache: the node lives on
    void close();
  });
}
