import { createHash } from 'node:crypto';
import type { Sha256 } from '../core/digest';
import type { NetworkRules } from '../core/rules';
import { parseNetworkName, type NetworkName, type PeerId } from '../network/ids';
import type { MemoryHub } from '../network/memory-transport';
import { testPeerId } from '../network/test-peer-ids.test-suite';
import { newNetworkKey, type NetworkKey } from './rules/network-authority';
import { TabNode, type TabNodeOptions } from './tab-node';

/** Node's synchronous SHA-256 behind the Sha256 type: node tests mine and validate fast with it. */
export const nodeSha256: Sha256 = (data) => Promise.resolve(new Uint8Array(createHash('sha256').update(data).digest()));

/**
 * Node tests mine with the fast engine: SubtleCrypto in Node costs about 10 µs a call. The
 * engine finds the same proofs (src/node/mining), and tab-node.test.ts mines with SubtleCrypto.
 */
export const FAST_TEST_MINING = { engine: 'fast', threads: 1 } as const;

/** A network name for one test file's nodes; throws if the name is not one. */
export function testNetwork(name: string): NetworkName {
  const parsed = parseNetworkName(name);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.name;
}

export interface TestNodes {
  /** a fresh peer id, also for fake peers played by hand */
  readonly nextId: () => PeerId;
  /** starts a node on `hub` with the base rules overridden by `rules`; closeAll closes it */
  readonly start: (hub: MemoryHub, rules?: Partial<NetworkRules>, options?: TestNodeOptions) => Promise<TabNode>;
  readonly closeAll: () => void;
  /** the teacher's key of the test network: every node holds it, as the tabs of the teacher's browser do */
  readonly key: Required<NetworkKey>;
}

/** `id` and `store` start a node again from what it stored, as a reloaded tab does. */
export type TestNodeOptions = Partial<Pick<TabNodeOptions, 'autoRegister' | 'warnings' | 'mining' | 'store' | 'id' | 'transport' | 'sha256' | 'subtleCrypto' | 'networkKey'>>;

/**
 * Nodes for one test file: ids end in `idTail`, and every node has its own fake clock, so no
 * two nodes make the same genesis block under `genesis: 'node'` and every run is the same.
 */
export function testNodes(network: NetworkName, idTail: string, baseRules: NetworkRules): TestNodes {
  let counter = 0;
  const open: TabNode[] = [];
  const key = newNetworkKey();
  const nextId = (): PeerId => testPeerId(`${(++counter).toString(16).padStart(12, '0')}4${'0'.repeat(18)}${idTail}`);
  return {
    key,
    nextId,
    start: async (hub, rules = {}, options = {}) => {
      const id = nextId();
      let clock = 1_700_000_000 + counter * 1000;
      const node = await TabNode.create({
        id,
        network,
        rules: { ...baseRules, ...rules },
        transport: hub.connect(),
        sha256: nodeSha256,
        mining: FAST_TEST_MINING,
        now: () => (clock += 0.25),
        fetchTimeoutMs: 500,
        networkKey: key,
        ...options,
      });
      open.push(node);
      node.start();
      return node;
    },
    closeAll: () => {
      for (const node of open.splice(0)) node.close();
    },
  };
}
