import { afterEach, describe, expect, it, vi } from 'vitest';
import { chainDocumentText } from '../../core/chain-document';
import { validateChain, type Verdict } from '../../core/validate';
import { MAX_CHAIN_CHARS } from '../../network/limits';
import { createMemoryHub } from '../../network/memory-transport';
import type { HashedChain } from '../chain/hashed-chain';
import { fakeNode, mined, nodeSha256, ourNetwork, peerNumber, remoteTab, tx } from '../node-parts.test-suite';
import { Consensus, nodeAddress } from './consensus';
import { PeerChains } from './peer-chains';

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

const [A, B, C] = [peerNumber(1), peerNumber(2), peerNumber(3)];
const ALICE_PAYS = tx('alice', 'bob', 5n);

/** Consensus on a fake node; `remotes` are tabs on a hub, each holding its chain. */
async function consensusOn(ours: HashedChain, remotes: readonly (readonly [typeof A, HashedChain])[] = [], rules: { autoResolve?: boolean } = {}) {
  const hub = createMemoryHub();
  const node = await fakeNode({ chain: ours, rules, autoRegister: false });
  const tabs = await Promise.all(remotes.map(([id, chain]) => remoteTab(hub, id, chain)));
  const network = await ourNetwork(hub, node, remotes.map(([id]) => id));
  const consensus = new Consensus(node.context, new PeerChains(node.context, network, 1000, () => undefined));
  closing.push(() => {
    network.stop();
    for (const tab of tabs) tab.close();
    node.close();
  });
  return { node, consensus };
}

async function validVerdict(chain: HashedChain): Promise<Extract<Verdict, { valid: true }>> {
  const verdict = await validateChain(chain.blocks, { rule: 'tutorial', difficulty: 1, strict: false }, nodeSha256);
  if (!verdict.valid) throw new Error('test chain is valid');
  return verdict;
}

describe('nodeAddress', () => {
  // What Python 3's urlparse(address) gives, netloc or else path, for addresses a class types.
  it.each([
    ['http://127.0.0.1:5000', '127.0.0.1:5000'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['https://abc/path?q', 'abc'],
    ['//host:1/x', 'host:1'],
    ['HTTP://X:1', 'X:1'],
    ['ftp://h/p', 'h'],
    ['node-a', 'node-a'],
    ['x/y', 'x/y'],
    ['abc?x', 'abc'],
    ['a#b', 'a'],
    ['1abc://h', '1abc://h'],
    ['aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaa4aaaaaaaaaaaaaaaaaaa'],
  ])('reads %j as %j', (address, expected) => {
    expect(nodeAddress(address)).toBe(expected);
  });

  it.each(['', 'http://', '?q', '#f'])('finds no address in %j', (address) => {
    expect(nodeAddress(address)).toBeNull();
  });

  it('finds no address in what is not text', () => {
    expect(nodeAddress(5n)).toBeNull();
    expect(nodeAddress(null)).toBeNull();
    expect(nodeAddress(['http://a'])).toBeNull();
  });

  // Python's urlparse splits off any scheme: urlparse('http:host') has the path 'host' and
  // urlparse('mailto:me@x') the path 'me@x', so register_node registers those.
  it('reads a scheme without "//" as Python does: the path after it', () => {
    expect(nodeAddress('http:host')).toBe('host');
    expect(nodeAddress('mailto:me@x')).toBe('me@x');
    // As Python 3.11 (and every version since 3.9) reads them:
    expect(nodeAddress('localhost:5000')).toBe('5000');
    expect(nodeAddress('//host:1/p')).toBe('host:1');
    expect(nodeAddress('x:')).toBeNull();
    expect(nodeAddress('::')).toBe('::');
  });
});

describe('Consensus register', () => {
  it('registers every address of a list as Python reads it, and says so', async () => {
    const { node, consensus } = await consensusOn(await mined());
    const result = consensus.register(['http://127.0.0.1:5000', A, 'https://abc/path?q']);
    expect(result).toEqual({
      ok: true,
      text: 'New nodes have been added',
      message: { key: 'nodesAdded', values: {} },
      registered: ['127.0.0.1:5000', A, 'abc'],
    });
    expect(node.book.registered()).toEqual(['127.0.0.1:5000', A, 'abc']);
    expect(node.emitted).toEqual([['peers']]);
  });

  it('refuses what is not a list, and a list with an address Python finds invalid, registering none of it', async () => {
    const { node, consensus } = await consensusOn(await mined());
    consensus.register([A]);
    expect(consensus.register('http://127.0.0.1:5000')).toEqual({
      ok: false,
      text: 'Error: Please supply a valid list of nodes',
      message: { key: 'registerNotAList', values: {} },
      registered: [A],
    });
    expect(consensus.register([B, 'http://', C])).toEqual({
      ok: false,
      text: 'Invalid URL: "http://"',
      message: { key: 'registerInvalidUrl', values: { address: '"http://"' } },
      registered: [A],
    });
    expect(node.book.registered()).toEqual([A]);
  });
});

describe('Consensus learned (auto-resolve)', () => {
  async function learning(autoResolve: boolean) {
    const ours = await mined({ blocks: [[ALICE_PAYS]], startTime: 1 });
    const longer = await mined({ blocks: [[], []], startTime: 2 });
    const setup = await consensusOn(ours, [], { autoResolve });
    return { ...setup, ours, longer, verdict: await validVerdict(longer) };
  }

  it('adopts at once a longer valid chain learned from a registered peer, with a journal line', async () => {
    const { node, consensus, longer, verdict } = await learning(true);
    node.book.register(A);
    consensus.learned(A, [...longer.blocks], verdict);
    expect(node.state.chain.hashes).toEqual(longer.hashes);
    expect(node.state.pending).toEqual([ALICE_PAYS]);
    expect(node.chainChanges).toEqual([['pending']]);
    expect(node.records).toEqual([
      { kind: 'auto-resolve', message: { key: 'autoResolved', values: { length: 3, peer: A.slice(0, 8), dropped: 2, adopted: 3, returned: 1 } } },
    ]);
  });

  it('adopts nothing with auto-resolve off, from a peer not registered, an invalid chain or one not longer', async () => {
    const off = await learning(false);
    off.node.book.register(A);
    off.consensus.learned(A, [...off.longer.blocks], off.verdict);
    expect(off.node.state.chain).toBe(off.ours);

    const on = await learning(true);
    on.consensus.learned(A, [...on.longer.blocks], on.verdict);
    on.node.book.register(A);
    on.consensus.learned(A, [...on.longer.blocks], { valid: false, code: 'proof', block: 2, reason: 'Bad proof.' });
    const asLong = await mined({ blocks: [[]], startTime: 3 });
    on.consensus.learned(A, [...asLong.blocks], await validVerdict(asLong));
    expect(on.node.state.chain).toBe(on.ours);
    expect(on.node.records).toEqual([]);
    expect(on.node.chainChanges).toEqual([]);
  });
});

describe('Consensus importChain', () => {
  it('refuses what is not text, and a file over the limit, before judging it', async () => {
    const { node, consensus } = await consensusOn(await mined());
    const judge = vi.spyOn(node.state, 'judgeText');
    expect(await consensus.importChain(new Uint8Array(3))).toEqual({
      adopted: false,
      text: 'The file could not be read as text.',
      verdict: null,
      message: { key: 'fileNotText', values: {} },
    });
    expect(await consensus.importChain(' '.repeat(MAX_CHAIN_CHARS + 1))).toEqual({
      adopted: false,
      text: 'The file is larger than 32 MiB, the most a chain file may hold.',
      verdict: null,
      message: { key: 'fileTooLarge', values: { size: '32 MiB' } },
    });
    expect(judge).not.toHaveBeenCalled();
  });

  it('refuses a chain that fails the rules, saying why, and keeps ours', async () => {
    const ours = await mined();
    const { node, consensus } = await consensusOn(ours);
    const other = await mined({ blocks: [[], []], startTime: 9 });
    const tampered = await other.edit(1, { ...other.blocks[1]!, timestamp: 1 }, nodeSha256);
    const result = await consensus.importChain(chainDocumentText(tampered.blocks));
    expect(result).toMatchObject({ adopted: false, verdict: { valid: false, code: 'previous-hash', block: 3 } });
    if (result.adopted || result.verdict?.valid !== false) throw new Error('refused with its verdict');
    expect(result.text).toBe(result.verdict.reason);
    expect(node.state.chain).toBe(ours);
    expect(node.chainChanges).toEqual([]);
  });

  it('adopts a valid chain file, even a shorter one, its payments and ours accounted for', async () => {
    const ours = await mined({ blocks: [[ALICE_PAYS], []], startTime: 1 });
    const { node, consensus } = await consensusOn(ours);
    const file = await mined({ blocks: [[tx('carol', 'dave', 1n)]], startTime: 2 });
    const result = await consensus.importChain(chainDocumentText(file.blocks));
    expect(result).toMatchObject({ adopted: true, length: 2, replacement: { fork: 0, dropped: ours.hashes, adopted: file.hashes, returned: [ALICE_PAYS] } });
    expect(node.state.chain.hashes).toEqual(file.hashes);
    expect(node.chainChanges).toEqual([['pending']]);
  });
});

describe('Consensus resolve', () => {
  it('adopts the longest valid chain among the registered nodes and reports on each', async () => {
    const ours = await mined({ blocks: [[ALICE_PAYS]], startTime: 1 });
    const shorter = await mined({ startTime: 2 });
    const longest = await mined({ blocks: [[], [], []], startTime: 3 });
    const broken = await (await mined({ blocks: [[], [], [], []], startTime: 4 })).edit(2, { index: 3n }, nodeSha256);
    const { node, consensus } = await consensusOn(ours, [[A, shorter], [B, longest], [C, broken]]);
    for (const address of [A, B, C, '127.0.0.1:5000']) node.book.register(address);
    const result = await consensus.resolve();
    expect(result).toMatchObject({
      replaced: true,
      winner: B,
      ourLength: 2,
      reports: [
        { peerId: A, kind: 'not-longer', length: 1 },
        { peerId: B, kind: 'adopted', length: 4 },
        { peerId: C, kind: 'invalid', length: 5 },
        { peerId: '127.0.0.1:5000', kind: 'no-answer', length: null, reason: 'not the id of a tab on this network' },
      ],
      replacement: { fork: 0, dropped: ours.hashes, adopted: longest.hashes, returned: [ALICE_PAYS] },
    });
    expect(node.state.chain.hashes).toEqual(longest.hashes);
    expect(node.state.pending).toEqual([ALICE_PAYS]);
  });

  it('keeps our chain when no registered node holds a longer valid one', async () => {
    const ours = await mined({ blocks: [[], []], startTime: 1 });
    const { node, consensus } = await consensusOn(ours, [[A, await mined({ blocks: [[]], startTime: 2 })]]);
    node.book.register(A);
    expect(await consensus.resolve()).toEqual({
      replaced: false,
      winner: null,
      ourLength: 3,
      reports: [{ peerId: A, kind: 'not-longer', length: 2 }],
      replacement: null,
    });
    expect(node.state.chain).toBe(ours);
    expect(node.chainChanges).toEqual([]);
  });

  it('asks only registered nodes: a longer chain on an unregistered tab is not adopted', async () => {
    const ours = await mined({ startTime: 1 });
    const { node, consensus } = await consensusOn(ours, [[A, await mined({ blocks: [[]], startTime: 2 })]]);
    expect(await consensus.resolve()).toMatchObject({ replaced: false, reports: [] });
    expect(node.state.chain).toBe(ours);
  });
});

describe('Consensus adopt', () => {
  it('replaces our chain with the valid one, then stores and announces it', async () => {
    const { node, consensus } = await consensusOn(await mined({ startTime: 1 }));
    const longer = await mined({ blocks: [[]], startTime: 2 });
    const replacement = consensus.adopt(longer.blocks, await validVerdict(longer));
    expect(replacement).toMatchObject({ fork: 0, adopted: longer.hashes });
    expect(node.state.chain.hashes).toEqual(longer.hashes);
    expect(node.state.trustedPrefix(node.state.chain.blocks)).toEqual(longer.hashes);
    expect(node.chainChanges).toEqual([['pending']]);
  });
});
