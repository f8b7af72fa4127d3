import { newPeerId, parsePeerId, uuid4From } from '../../network/ids';
import type { NodeIdentity } from '../../contract/views';

/**
 * How long a page waits for the node id it found in sessionStorage. On a reload the page
 * before may still hold that id's lock for a moment; a duplicated tab's original holds it
 * for good, so the copy waits this long once before it becomes a new node.
 */
const ID_LOCK_WAIT_MS = 1500;
/**
 * Without Web Locks a page asks the other tabs of this browser instead (see tab-claim.ts):
 * one that holds the id answers within milliseconds; a reloaded page's predecessor is gone.
 */
const ID_CLAIM_WAIT_MS = 400;

const sessionKey = (network: string) => `tabchain:node-id:${network}`;
const lockName = (id: string) => `tabchain:node:${id}`;

/**
 * Which node this tab is. Its id is kept in sessionStorage, per network, so that a reload
 * keeps the node. A duplicated tab copies sessionStorage too: the Web Lock named after the
 * id, held for the page's lifetime, tells it that its original is still open, and it
 * becomes a new node. Where there are no Web Locks (plain http from another computer), the
 * tabs of this browser are asked over a BroadcastChannel instead, with the same outcome.
 */
export async function claimNodeIdentity(search: string): Promise<NodeIdentity> {
  const key = sessionKey(new URLSearchParams(search).get('net') ?? 'default');
  const kept = parsePeerId(readSession(key));
  if (kept !== null && (await holdLock(lockName(kept), ID_LOCK_WAIT_MS))) return { id: kept };
  const id = newPeerId(randomUuid);
  await holdLock(lockName(id), 0);
  writeSession(key, id);
  return kept === null ? { id } : { id, duplicatedFrom: kept };
}

/**
 * Takes the lock `name` and holds it until the page goes away; false when another page
 * holds it for `waitMs` (0: do not wait). Without Web Locks (an insecure page), the other
 * tabs are asked, by a module loaded only there.
 */
async function holdLock(name: string, waitMs: number): Promise<boolean> {
  if (!('locks' in navigator)) {
    const { claimId } = await import('./tab-claim');
    return (await claimId(name, waitMs > 0 ? ID_CLAIM_WAIT_MS : 0)).held;
  }
  const options: LockOptions = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
  return new Promise((resolve) => {
    navigator.locks
      .request(name, options, (lock) => {
        resolve(lock !== null);
        return lock === null ? undefined : new Promise<never>(() => undefined);
      })
      .catch(() => {
        resolve(false);
      });
  });
}

/** crypto.randomUUID exists only in secure contexts; getRandomValues everywhere. */
function randomUuid(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : uuid4From(crypto.getRandomValues(new Uint8Array(16)));
}

// sessionStorage throws where the browser blocks storage: the tab then is a new node each time.
function readSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSession(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Nothing to keep it in: a reload makes a new node, which the storage banner explains.
  }
}
