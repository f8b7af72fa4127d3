import { describe, expect, it } from 'vitest';
import {
  channelNameFor,
  DEFAULT_NETWORK,
  networkNameSchema,
  newPeerId,
  parseNetworkName,
  parsePeerId,
} from './ids';

describe('PeerId', () => {
  it('accepts a uuid4 without dashes', () => {
    expect(parsePeerId('0f8fad5bd9cb469fa16570867728950e')).toBe('0f8fad5bd9cb469fa16570867728950e');
  });

  it.each([
    ['dashes', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['upper case', '0F8FAD5BD9CB469FA16570867728950E'],
    ['version 1', '0f8fad5bd9cb169fa16570867728950e'],
    ['too short', '0f8fad5bd9cb469fa16570867728950'],
    ['too long', '0f8fad5bd9cb469fa16570867728950e0'],
    ['not hex', '0f8fad5bd9cb469fa16570867728950g'],
    ['empty', ''],
    ['a number', 42],
    ['null', null],
    ['an object', { id: '0f8fad5bd9cb469fa16570867728950e' }],
  ])('rejects %s', (_, value) => {
    expect(parsePeerId(value)).toBeNull();
  });

  it('newPeerId strips the dashes of an injected uuid4', () => {
    expect(newPeerId(() => '0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(
      '0f8fad5bd9cb469fa16570867728950e',
    );
    expect(newPeerId(() => crypto.randomUUID())).toMatch(/^[0-9a-f]{12}4[0-9a-f]{19}$/);
  });

  it('newPeerId refuses a generator that does not produce a uuid4', () => {
    expect(() => newPeerId(() => 'not-a-uuid')).toThrow(/not a uuid4/);
  });
});

describe('NetworkName', () => {
  it.each(['default', 'class-2B', 'a', 'x.y_z-1', 'n'.repeat(64)])('accepts %s', (name) => {
    expect(parseNetworkName(name)).toEqual({ ok: true, name });
  });

  it.each([
    ['empty', ''],
    ['too long', 'n'.repeat(65)],
    ['a space', 'my class'],
    ['a colon', 'a:b'],
    ['a slash', 'a/b'],
    ['non-ASCII', 'clase-ñ'],
    ['a number', 7],
    ['null', null],
  ])('rejects %s with a one-line error', (_, value) => {
    const result = parseNetworkName(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^invalid network name: [^\n]+$/);
  });

  it('has a valid default and a versioned channel name', () => {
    expect(networkNameSchema.parse(DEFAULT_NETWORK)).toBe('default');
    expect(channelNameFor(DEFAULT_NETWORK)).toBe('tabchain:v1:default');
  });
});
