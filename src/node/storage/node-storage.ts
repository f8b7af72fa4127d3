import type { Block } from '../../core/block';
import type { NodeMessage, StorageStatus } from '../api';
import { createMemoryNodeStore } from './memory-node-store';
import type { LoadResult, NodeKey, NodeState, NodeStore, StoredNode } from './node-store';
import { encodeNodeRecord } from './stored-node';

/** What a node stores: its chain and its state, as they are now. */
export interface StorageSnapshot {
  readonly blocks: readonly Block[];
  readonly state: NodeState;
}

/** The error's name and message: a DOMException's name says the most ("QuotaExceededError"). */
export function storageErrorText(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) {
    return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  }
  return String(error);
}

/**
 * Reads a node from its store. A store that cannot be read is replaced by one in memory,
 * with the problem to show; a damaged record is discarded with its reason.
 */
export async function loadNode(
  store: NodeStore,
  key: NodeKey,
  problem: NodeMessage | null,
): Promise<{ store: NodeStore; problem: NodeMessage | null; loaded: LoadResult }> {
  try {
    return { store, problem, loaded: await store.load(key) };
  } catch (error: unknown) {
    return { store: createMemoryNodeStore(), problem: { key: 'readingFailed', values: { error: storageErrorText(error) } }, loaded: { kind: 'empty' } };
  }
}

export interface NodeStorageOptions {
  readonly key: NodeKey;
  readonly store: NodeStore;
  readonly problem: NodeMessage | null;
  /** what the store already holds: the node it was restored from, if any */
  readonly restored: StoredNode | null;
  readonly current: () => StorageSnapshot;
  /** the store failed with `error` and the node now runs in memory */
  readonly onSavingFailed: (error: string) => void;
}

const stateKey = (state: NodeState, height: number): string => JSON.stringify(encodeNodeRecord(state, height));

/**
 * A node's one write path. Writes run one after the other, each storing what changed
 * between the last stored snapshot and the node as it is when the write runs (so a burst of
 * changes costs one write): the blocks from the first one that changed, and the state. A
 * failing store is swapped for one in memory; the node keeps working and says why.
 */
export class NodeStorage {
  private readonly key: NodeKey;
  private readonly current: () => StorageSnapshot;
  private readonly onSavingFailed: (error: string) => void;
  private store: NodeStore;
  private problem: NodeMessage | null;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** what the store holds; blocks are compared by identity, as the node never edits one in place */
  private written: { blocks: readonly Block[]; state: string };

  constructor(options: NodeStorageOptions) {
    this.key = options.key;
    this.store = options.store;
    this.problem = options.problem;
    this.current = options.current;
    this.onSavingFailed = options.onSavingFailed;
    const { restored } = options;
    this.written = restored ? { blocks: restored.blocks, state: stateKey(restored, restored.blocks.length) } : { blocks: [], state: '' };
  }

  status(): StorageStatus {
    return { kind: this.store.kind, problem: this.problem };
  }

  /** Resolves once the node as it is now (or later) is stored. Never rejects; does nothing once closed. */
  save(): Promise<void> {
    if (this.closed) return this.queue;
    return this.enqueue(() => this.writeCurrent());
  }

  /** Deletes the stored node; the next save writes it whole. */
  wipe(): Promise<void> {
    return this.enqueue(async () => {
      this.written = { blocks: [], state: '' };
      await this.store.wipe(this.key);
    });
  }

  /** Stores the node as it is now, then closes the store; later saves write nothing. */
  close(): Promise<void> {
    void this.save();
    this.closed = true;
    return this.enqueue(() => {
      this.store.close();
      return Promise.resolve();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        await step();
      } catch (error: unknown) {
        this.fallBackToMemory(error);
        await this.writeCurrent();
      }
    });
    return this.queue;
  }

  private async writeCurrent(): Promise<void> {
    const { blocks, state } = this.current();
    const key = stateKey(state, blocks.length);
    const before = this.written.blocks;
    let from = 0;
    while (from < blocks.length && from < before.length && blocks[from] === before[from]) from++;
    const chainChanged = from < blocks.length || blocks.length !== before.length;
    if (!chainChanged && key === this.written.state) return;
    await this.store.save(this.key, {
      state,
      height: blocks.length,
      changedBlocks: chainChanged ? { from, blocks: blocks.slice(from) } : null,
    });
    this.written = { blocks, state: key };
  }

  private fallBackToMemory(error: unknown): void {
    try {
      this.store.close();
    } catch {
      // Closing a broken database may fail too; it is dropped either way.
    }
    this.store = createMemoryNodeStore();
    this.written = { blocks: [], state: '' };
    const text = storageErrorText(error);
    this.problem = { key: 'savingFailed', values: { error: text } };
    this.onSavingFailed(text);
  }
}
