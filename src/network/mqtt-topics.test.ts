import { describe, expect, it } from 'vitest';
import { networkNameSchema, parseNetworkName, parsePeerId } from './ids';
import {
  broadcastFilter,
  broadcastTopic,
  directFilter,
  directTopic,
  mayPublish,
  maySubscribe,
  parseFilter,
  parseTopic,
  presenceFilter,
  presenceTopic,
} from './mqtt-topics';
import { PEER_A, PEER_B } from './test-peer-ids.test-suite';

const NET = networkNameSchema.parse('room-12');

describe('MQTT topics', () => {
  it('end with the sender, under tabchain/v1/<net>/', () => {
    expect(broadcastTopic(NET, PEER_A)).toBe(`tabchain/v1/room-12/all/${PEER_A}`);
    expect(directTopic(NET, PEER_B, PEER_A)).toBe(`tabchain/v1/room-12/to/${PEER_B}/${PEER_A}`);
    expect(presenceTopic(NET, PEER_A)).toBe(`tabchain/v1/room-12/presence/${PEER_A}`);
    expect(broadcastFilter(NET)).toBe('tabchain/v1/room-12/all/+');
    expect(directFilter(NET, PEER_A)).toBe(`tabchain/v1/room-12/to/${PEER_A}/+`);
    expect(presenceFilter(NET)).toBe('tabchain/v1/room-12/presence/+');
  });

  it('parse back to who sent them, and to whom', () => {
    expect(parseTopic(broadcastTopic(NET, PEER_A))).toEqual({ kind: 'all', network: NET, sender: PEER_A });
    expect(parseTopic(directTopic(NET, PEER_B, PEER_A))).toEqual({ kind: 'to', network: NET, recipient: PEER_B, sender: PEER_A });
    expect(parseTopic(presenceTopic(NET, PEER_A))).toEqual({ kind: 'presence', network: NET, sender: PEER_A });
  });

  it.each([
    ['another root', `tabchain/v2/room-12/all/${PEER_A}`],
    ['no sender', 'tabchain/v1/room-12/all'],
    ['a wildcard sender', 'tabchain/v1/room-12/all/+'],
    ['a sender that is no peer id', 'tabchain/v1/room-12/all/alice'],
    ['a level too many', `tabchain/v1/room-12/all/${PEER_A}/x`],
    ['a directed topic without its recipient', `tabchain/v1/room-12/to/${PEER_A}`],
    ['an unknown kind', `tabchain/v1/room-12/any/${PEER_A}`],
    ['a bad network name', `tabchain/v1/room 12/all/${PEER_A}`],
    ['an empty network', `tabchain/v1//all/${PEER_A}`],
    ['a very long topic', `tabchain/v1/${'n'.repeat(5000)}/all/${PEER_A}`],
  ])('refuse %s', (_, topic) => {
    expect(parseTopic(topic)).toBeNull();
  });

  it('ids and network names can never hold a topic separator or a wildcard', () => {
    for (const character of ['/', '+', '#']) {
      expect(parseNetworkName(`room${character}12`).ok).toBe(false);
      expect(parsePeerId(`${PEER_A.slice(0, 31)}${character}`)).toBeNull();
    }
  });
});

describe('the broker rules', () => {
  it('a client publishes only on topics that end with its own id', () => {
    expect(mayPublish(PEER_A, broadcastTopic(NET, PEER_A), false)).toBe(true);
    expect(mayPublish(PEER_A, directTopic(NET, PEER_B, PEER_A), false)).toBe(true);
    expect(mayPublish(PEER_A, presenceTopic(NET, PEER_A), false)).toBe(true);
    expect(mayPublish(PEER_A, broadcastTopic(NET, PEER_B), false)).toBe(false);
    expect(mayPublish(PEER_A, directTopic(NET, PEER_A, PEER_B), false)).toBe(false);
    expect(mayPublish(PEER_A, presenceTopic(NET, PEER_B), false)).toBe(false);
    expect(mayPublish(PEER_A, `elsewhere/${PEER_A}`, false)).toBe(false);
    expect(mayPublish(PEER_A, `$SYS/${PEER_A}`, false)).toBe(false);
  });

  it('retains only presence', () => {
    expect(mayPublish(PEER_A, presenceTopic(NET, PEER_A), true)).toBe(true);
    expect(mayPublish(PEER_A, broadcastTopic(NET, PEER_A), true)).toBe(false);
    expect(mayPublish(PEER_A, directTopic(NET, PEER_B, PEER_A), true)).toBe(false);
  });

  it('a client subscribes to broadcasts, presence and its own directed messages only', () => {
    expect(maySubscribe(PEER_A, broadcastFilter(NET))).toBe(true);
    expect(maySubscribe(PEER_A, presenceFilter(NET))).toBe(true);
    expect(maySubscribe(PEER_A, directFilter(NET, PEER_A))).toBe(true);
    expect(maySubscribe(PEER_A, directFilter(NET, PEER_B))).toBe(false);
    for (const filter of ['#', 'tabchain/#', 'tabchain/v1/+/all/+', 'tabchain/v1/room-12/#', 'tabchain/v1/room-12/to/+/+', `tabchain/v1/room-12/to/${PEER_A}/#`, broadcastTopic(NET, PEER_B)]) {
      expect(maySubscribe(PEER_A, filter), filter).toBe(false);
    }
    expect(parseFilter(`tabchain/v1/room-12/to/${PEER_A}/+`)).toEqual({ kind: 'to', network: NET, recipient: PEER_A });
  });
});
