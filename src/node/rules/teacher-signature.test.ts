import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES, initialSchedule, type NetworkRules } from '../../core/rules';
import { createMemoryHub, type MemoryHub } from '../../network/memory-transport';
import type { PeerMessage } from '../../network/messages';
import { testPeerId } from '../../network/test-peer-ids.test-suite';
import { parsePageParams } from '../config';
import { createMemoryNodeStore } from '../storage/memory-node-store';
import { createMemoryNetworkKeys } from '../storage/network-keys';
import { testNetwork, testNodes } from '../test-nodes.test-suite';
import { NetworkAuthority, newNetworkKey } from './network-authority';

/*
 * Only the teacher changes a network's rules or resets it: versions carry the signature of
 * the network's key, whose secret half only the teacher's browser holds. A student's tab (the
 * public half only, from the join link) follows them; a prankster's rules and resets, with
 * any clock, change nothing.
 */

const network = testNetwork('teacher-signature-test');
const BASE: NetworkRules = { ...DEFAULT_RULES, difficulty: 1 };
const nodes = testNodes(network, 'd', BASE);
afterEach(() => {
  nodes.closeAll();
});
const WAIT = { timeout: 5000, interval: 10 };
const PRANKSTER = testPeerId('0badc0de0bad4c0d80badc0de0badc00');
const student = { networkKey: { publicKey: nodes.key.publicKey } };

function prank(hub: MemoryHub, message: Record<string, unknown>): void {
  hub.connect().send({ v: 1, from: PRANKSTER, ...message } as PeerMessage);
}

async function connected(hub: MemoryHub) {
  const teacher = await nodes.start(hub);
  const pupil = await nodes.start(hub, { difficulty: 3 }, student);
  await vi.waitFor(() => {
    expect(pupil.status().rules).toEqual(BASE);
  }, WAIT);
  return { teacher, pupil };
}

describe('rules and resets signed by the teacher', () => {
  it('a student’s tab adopts the teacher’s signed rules and cannot change them itself', async () => {
    const hub = createMemoryHub();
    const { teacher, pupil } = await connected(hub);
    expect(teacher.status().authority).toEqual({ publicKey: nodes.key.publicKey, teacher: true, rulesSigned: true });
    expect(pupil.status().authority).toEqual({ publicKey: nodes.key.publicKey, teacher: false, rulesSigned: true });
    expect(await pupil.setRules({ ...BASE, difficulty: 2 })).toEqual({ ok: false, message: { key: 'rulesNeedTeacherKey', values: {} } });
    expect(await teacher.setRules({ ...BASE, difficulty: 2 })).toMatchObject({ ok: true });
    await vi.waitFor(() => {
      expect(pupil.status().rules.difficulty).toBe(2);
    }, WAIT);
  });

  it('ignores rules and a reset nobody signed, whatever their clock, and the teacher can still change the rules after them', async () => {
    const hub = createMemoryHub();
    const { teacher, pupil } = await connected(hub);
    expect((await pupil.mine()).ok).toBe(true);
    const hard = { ...BASE, difficulty: 6, rule: 'bound' as const };
    const clock = { epoch: 2 ** 31, at: 0, by: PRANKSTER };
    prank(hub, { kind: 'rules', rules: hard, schedule: initialSchedule(hard), clock });
    prank(hub, { kind: 'rules', rules: hard, schedule: initialSchedule(hard), clock: { ...clock, epoch: 7 } });
    prank(hub, { kind: 'reset', rules: hard, clock });
    await vi.waitFor(() => {
      for (const tab of [teacher, pupil]) {
        expect(tab.journal().map((entry) => entry.message.key)).toEqual(expect.arrayContaining(['rulesNotSignedIgnored', 'resetNotSignedIgnored']));
      }
    }, WAIT);
    // Said once per prankster, not once per message.
    expect(pupil.journal().filter((entry) => entry.message.key === 'rulesNotSignedIgnored')).toHaveLength(1);
    for (const tab of [teacher, pupil]) expect(tab.status()).toMatchObject({ rules: BASE, rulesClock: { epoch: 0 } });
    expect(pupil.status().height).toBe(2);
    // The teacher knows the pupil's block 2: the new difficulty applies from block 3.
    await vi.waitFor(() => {
      expect(teacher.peers().find((peer) => peer.id === pupil.id)?.tip?.height).toBe(2);
    }, WAIT);
    expect(await teacher.setRules({ ...BASE, difficulty: 2 })).toMatchObject({ ok: true, from: 3 });
    await vi.waitFor(() => {
      expect(pupil.status()).toMatchObject({ rules: { difficulty: 2 }, rulesClock: { epoch: 1 }, height: 2 });
    }, WAIT);
  });

  it('refuses a signature of another key, of another network, or of rules as a reset', async () => {
    const hub = createMemoryHub();
    const { pupil } = await connected(hub);
    const hard = { ...BASE, difficulty: 5 };
    const version = { rules: hard, schedule: initialSchedule(hard), clock: { epoch: 3, at: 1, by: PRANKSTER } };
    const otherKey = await NetworkAuthority.of(network, newNetworkKey());
    const otherNetwork = await NetworkAuthority.of(testNetwork('another-class'), nodes.key);
    const teacher = await NetworkAuthority.of(network, nodes.key);
    prank(hub, { kind: 'rules', ...version, signature: await otherKey.sign('rules', version) });
    prank(hub, { kind: 'rules', ...version, signature: await otherNetwork.sign('rules', version) });
    prank(hub, { kind: 'reset', rules: hard, clock: version.clock, signature: await teacher.sign('rules', version) });
    // Changed after signing: the signature no longer covers it.
    prank(hub, { kind: 'rules', ...version, clock: { ...version.clock, epoch: 4 }, signature: await teacher.sign('rules', version) });
    await vi.waitFor(() => {
      expect(pupil.journal().map((entry) => entry.message.key)).toEqual(expect.arrayContaining(['rulesNotSignedIgnored', 'resetNotSignedIgnored']));
    }, WAIT);
    expect(pupil.status()).toMatchObject({ rules: BASE, height: 1 });
    // The teacher's own signature of this very version is followed.
    prank(hub, { kind: 'rules', ...version, signature: await teacher.sign('rules', version) });
    await vi.waitFor(() => {
      expect(pupil.status().rules).toEqual(hard);
    }, WAIT);
  });

  it('keeps the teacher’s signature across a reload, and drops one that is not of its network’s key', async () => {
    const hub = createMemoryHub();
    const store = createMemoryNodeStore();
    const { teacher } = await connected(hub);
    expect(await teacher.setRules({ ...BASE, difficulty: 2 })).toMatchObject({ ok: true });
    const pupil = await nodes.start(hub, {}, { ...student, store });
    await vi.waitFor(() => {
      expect(pupil.status()).toMatchObject({ rules: { difficulty: 2 }, authority: { rulesSigned: true } });
    }, WAIT);
    pupil.close();
    const again = await nodes.start(createMemoryHub(), {}, { ...student, store, id: pupil.id });
    expect(again.status()).toMatchObject({ rules: { difficulty: 2 }, authority: { rulesSigned: true } });
    again.close();
    const elsewhere = await nodes.start(createMemoryHub(), {}, { networkKey: { publicKey: newNetworkKey().publicKey }, store, id: pupil.id });
    expect(elsewhere.status()).toMatchObject({ rules: { difficulty: 2 }, authority: { rulesSigned: false, teacher: false } });
  });
});

describe('the keys a browser keeps', () => {
  it('makes a network’s key pair once, and follows the key a link names without its secret', async () => {
    const keys = createMemoryNetworkKeys();
    const made = await keys.keyFor('class-1', undefined);
    expect(made.secretKey).toBeDefined();
    expect(await keys.keyFor('class-1', undefined)).toEqual(made);
    expect(await keys.keyFor('class-1', made.publicKey)).toEqual(made);
    const other = newNetworkKey().publicKey;
    expect(await keys.keyFor('class-1', other)).toEqual({ publicKey: other });
    expect(await keys.keyFor('class-1', undefined)).toEqual(made);
    expect((await keys.keyFor('class-2', undefined)).publicKey).not.toBe(made.publicKey);
  });

  it('keeps the pair a teacher’s link hands it (npm start prints that link), and is the teacher from then on', async () => {
    const keys = createMemoryNetworkKeys();
    const handed = newNetworkKey();
    expect(await keys.keyFor('class-3', handed.publicKey, handed.secretKey)).toEqual(handed);
    expect(await keys.keyFor('class-3', undefined)).toEqual(handed);
    expect(await keys.keyFor('class-3', handed.publicKey)).toEqual(handed);
  });

  it('reads ?teacher= only as the secret half of ?key=', () => {
    const pair = newNetworkKey();
    expect(parsePageParams(`?key=${pair.publicKey}&teacher=${pair.secretKey}`)).toMatchObject({ networkKey: pair.publicKey, teacherSecret: pair.secretKey, warnings: [] });
    const wrong = parsePageParams(`?key=${pair.publicKey}&teacher=${newNetworkKey().secretKey}`);
    expect(wrong.teacherSecret).toBeUndefined();
    expect(wrong.warnings).toEqual([{ key: 'paramTeacher', values: {} }]);
    expect(parsePageParams(`?teacher=${pair.secretKey}`).warnings).toEqual([{ key: 'paramTeacher', values: {} }]);
    expect(parsePageParams('?key=not-a-key').warnings).toEqual([{ key: 'paramKey', values: { value: 'not-a-key' } }]);
  });

  it('refuses a secret that is not the public key’s', async () => {
    await expect(NetworkAuthority.of(network, { publicKey: nodes.key.publicKey, secretKey: newNetworkKey().secretKey })).rejects.toThrow(/not the network key/);
  });
});
