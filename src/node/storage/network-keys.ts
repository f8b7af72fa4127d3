import { openDB, type DBSchema } from 'idb';
import { z } from 'zod';
import { isPublicKey, publicKeyOf } from '../../network/signing';
import { newNetworkKey, type NetworkKey } from '../rules/network-authority';

/**
 * Where a browser keeps the keys of the networks it created: the first tab (or network view)
 * of a network without `?key=` makes the network's key pair and is its teacher, and so is
 * every tab of that browser after it. A page whose `?key=` names another key follows that
 * teacher's network and holds no secret of it.
 */
export interface NetworkKeys {
  /** `teacherSecret`: the secret half of `linkKey`, checked before (npm start's teacher link); this browser keeps the pair */
  keyFor(network: string, linkKey: string | undefined, teacherSecret?: string): Promise<NetworkKey>;
}

const storedKeySchema = z.strictObject({
  publicKey: z.string().refine(isPublicKey),
  secretKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** The key the link names, or this browser's key pair of the network, made on first use. */
function choose(stored: unknown, linkKey: string | undefined, teacherSecret?: string): { key: NetworkKey; keep: Required<NetworkKey> | null } {
  if (linkKey !== undefined && teacherSecret !== undefined) {
    const handed = { publicKey: linkKey, secretKey: teacherSecret };
    return { key: handed, keep: handed };
  }
  const parsed = storedKeySchema.safeParse(stored);
  const own = parsed.success && publicKeyOf(parsed.data.secretKey) === parsed.data.publicKey ? parsed.data : null;
  if (linkKey !== undefined) return { key: own?.publicKey === linkKey ? own : { publicKey: linkKey }, keep: null };
  if (own !== null) return { key: own, keep: null };
  const made = newNetworkKey();
  return { key: made, keep: made };
}

/** For tests and for a browser without IndexedDB: the keys last as long as the worker. */
export function createMemoryNetworkKeys(): NetworkKeys {
  const keys = new Map<string, unknown>();
  return {
    keyFor(network, linkKey, teacherSecret) {
      const { key, keep } = choose(keys.get(network), linkKey, teacherSecret);
      if (keep !== null) keys.set(network, keep);
      return Promise.resolve(key);
    },
  };
}

interface KeysDatabase extends DBSchema {
  keys: { key: string; value: unknown };
}

export const KEYS_DATABASE_NAME = 'tabchain-keys';

/**
 * The browser's network keys in IndexedDB. Reading and making a key happen in one readwrite
 * transaction, so two tabs of a new network opened at once end up with one key, not two.
 */
export async function openIndexedDbNetworkKeys(name = KEYS_DATABASE_NAME): Promise<NetworkKeys> {
  const db = await openDB<KeysDatabase>(name, 1, {
    upgrade(upgrading) {
      upgrading.createObjectStore('keys');
    },
  });
  return {
    async keyFor(network, linkKey, teacherSecret) {
      const tx = db.transaction('keys', 'readwrite');
      const { key, keep } = choose(await tx.store.get(network), linkKey, teacherSecret);
      if (keep !== null) await tx.store.put(keep, network);
      await tx.done;
      return key;
    },
  };
}
