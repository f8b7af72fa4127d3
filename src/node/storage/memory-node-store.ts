import type { NodeKey, NodeStore } from './node-store';
import { decodeStoredNode, encodeBlock, encodeNodeRecord, type NodeRecords } from './stored-node';

const memoryKey = (key: NodeKey): string => `${key.network}/${key.id}`;

/**
 * The same records as the IndexedDB store (encoded text, parsed back on load), kept in a
 * Map: tests exercise the real encoding, and a failed IndexedDB leaves a working node.
 */
export function createMemoryNodeStore(): NodeStore {
  const nodes = new Map<string, { record: unknown; blocks: string[] }>();
  return {
    kind: 'memory',
    load: (key) => {
      const found = nodes.get(memoryKey(key));
      const records: NodeRecords | null = found ? { record: found.record, blocks: [...found.blocks] } : null;
      return Promise.resolve(records === null ? { kind: 'empty' } : decodeStoredNode(records));
    },
    save: (key, write) => {
      const found = nodes.get(memoryKey(key));
      const blocks = found ? [...found.blocks] : [];
      if (write.changedBlocks) {
        const { from } = write.changedBlocks;
        blocks.splice(from, blocks.length - from, ...write.changedBlocks.blocks.map(encodeBlock));
      }
      blocks.length = Math.min(blocks.length, write.height);
      nodes.set(memoryKey(key), { record: encodeNodeRecord(write.state, write.height), blocks });
      return Promise.resolve();
    },
    wipe: (key) => {
      nodes.delete(memoryKey(key));
      return Promise.resolve();
    },
    close: () => undefined,
  };
}
