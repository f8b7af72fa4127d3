import { describe, expect, it } from 'vitest';
import { brokerParam, joinLinkFor } from './join-link';

/** A teacher's public key: 43 base64url characters, safe in a query as they are. */
const KEY = 'Vw3qg7dbZ4xYm0R9hA_-Kc1fTn2LpU8sOe5iJz6WbQk';

describe('joinLinkFor', () => {
  it('is this page with its network and its broker, readable', () => {
    expect(joinLinkFor('http://192.168.1.20:5173/?net=room-12&broker=/mqtt&view=network&projector=1', 'room-12', '/mqtt', KEY)).toBe(
      `http://192.168.1.20:5173/?net=room-12&broker=/mqtt&key=${KEY}`,
    );
    expect(joinLinkFor('https://class.example/app/?view=network', 'room-12', 'wss://broker.example:8884/mqtt', KEY)).toBe(
      `https://class.example/app/?net=room-12&broker=wss://broker.example:8884/mqtt&key=${KEY}`,
    );
  });

  it('names the network the page is on, and no broker when there is none', () => {
    expect(joinLinkFor('http://127.0.0.1:5173/?view=network', 'default', null, KEY)).toBe(`http://127.0.0.1:5173/?net=default&key=${KEY}`);
  });

  it('keeps what a query must escape escaped', () => {
    expect(joinLinkFor('http://127.0.0.1:5173/', 'a.b', '/mqtt&x=1', KEY)).toBe(`http://127.0.0.1:5173/?net=a.b&broker=/mqtt%26x%3D1&key=${KEY}`);
  });
});

describe('brokerParam', () => {
  it('is the page’s own ?broker= only when the node is on a broker', () => {
    expect(brokerParam('?net=a&broker=/mqtt', true)).toBe('/mqtt');
    expect(brokerParam('?net=a&broker=/mqtt', false)).toBeNull();
    expect(brokerParam('?net=a', false)).toBeNull();
  });
});
