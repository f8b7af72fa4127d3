import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { NodeKey, NodeStore } from './node-store';
import { decodeStoredNode, encodeBlock, encodeNodeRecord, type NodeRecord } from './stored-node';

export const DATABASE_NAME = 'tabchain';
const DATABASE_VERSION = 1;

/**
 * One database for every node of every network: `nodes` holds one record per node, keyed
 * [network, id]; `blocks` one text per block, keyed [network, id, position], so that a mined
 * block is one more row and not a rewrite of the whole chain.
 */
interface TabchainDatabase extends DBSchema {
  nodes: { key: [string, string]; value: NodeRecord };
  blocks: { key: [string, string, number]; value: string };
}

const nodeKey = ({ network, id }: NodeKey): [string, string] => [network, id];
/** The node's blocks from `from` on. */
const blockRange = ({ network, id }: NodeKey, from = 0) => IDBKeyRange.bound([network, id, from], [network, id, Infinity]);

/** Opens the database; rejects (or throws) where IndexedDB is missing, refused or broken. */
export async function openIndexedDbNodeStore(name = DATABASE_NAME): Promise<NodeStore> {
  let db: IDBPDatabase<TabchainDatabase> | null = null;
  db = await openDB<TabchainDatabase>(name, DATABASE_VERSION, {
    upgrade(upgrading) {
      upgrading.createObjectStore('nodes');
      upgrading.createObjectStore('blocks');
    },
    // A newer version of the app in another tab needs the database: let it upgrade; our
    // writes then fail and this node goes on in memory, saying so.
    blocking() {
      db?.close();
    },
  });
  const open = db;
  return {
    kind: 'indexeddb',
    async load(key) {
      const tx = open.transaction(['nodes', 'blocks'], 'readonly');
      const [record, blocks] = await Promise.all([
        tx.objectStore('nodes').get(nodeKey(key)),
        tx.objectStore('blocks').getAll(blockRange(key)),
        tx.done,
      ]);
      return record === undefined ? { kind: 'empty' } : decodeStoredNode({ record, blocks });
    },
    async save(key, write) {
      const tx = open.transaction(['nodes', 'blocks'], 'readwrite');
      const blocks = tx.objectStore('blocks');
      const requests: Promise<unknown>[] = [];
      if (write.changedBlocks) {
        const { from } = write.changedBlocks;
        requests.push(blocks.delete(blockRange(key, from)));
        write.changedBlocks.blocks.forEach((block, i) => {
          requests.push(blocks.put(encodeBlock(block), [key.network, key.id, from + i]));
        });
      }
      requests.push(tx.objectStore('nodes').put(encodeNodeRecord(write.state, write.height), nodeKey(key)));
      await Promise.all([...requests, tx.done]);
    },
    async wipe(key) {
      const tx = open.transaction(['nodes', 'blocks'], 'readwrite');
      await Promise.all([tx.objectStore('blocks').delete(blockRange(key)), tx.objectStore('nodes').delete(nodeKey(key)), tx.done]);
    },
    close() {
      open.close();
    },
  };
}
