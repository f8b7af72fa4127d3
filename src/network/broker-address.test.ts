import { describe, expect, it } from 'vitest';
import { brokerUrlFor, isBrokerAddress } from './broker-address';

describe('broker address', () => {
  it('a path is the page\'s own origin, over wss:// when the page is https', () => {
    expect(brokerUrlFor('/mqtt', 'http://192.168.1.20:5173/?net=room-12')).toBe('ws://192.168.1.20:5173/mqtt');
    expect(brokerUrlFor('/mqtt', 'https://teacher.local:5173/assets/node.worker.js')).toBe('wss://teacher.local:5173/mqtt');
    expect(brokerUrlFor('/mqtt', 'http://[fd00::2]:5173/')).toBe('ws://[fd00::2]:5173/mqtt');
  });

  it('a URL stays as given', () => {
    expect(brokerUrlFor('wss://broker.example/mqtt', 'http://127.0.0.1:5173/')).toBe('wss://broker.example/mqtt');
  });

  it('takes ws:// and wss:// URLs and same-origin paths only', () => {
    expect(['/mqtt', '/a/b', 'ws://h', 'wss://h:1/x'].every(isBrokerAddress)).toBe(true);
    expect(['http://h', 'ftp://h', '//h/mqtt', 'mqtt', '', '/a b', '/a#b', 'ws://'].some(isBrokerAddress)).toBe(false);
  });
});
