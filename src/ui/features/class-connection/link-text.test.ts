import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { startI18n, switchLanguage } from '../../i18n/i18n';
import { addClassroomTexts } from '../../i18n/classroom-texts';
import { brokerHost, linkText, secondsLeft, type TransportLink } from './link-text';

await startI18n('en');
addClassroomTexts();

const link = (over: Partial<TransportLink>): TransportLink => ({
  url: 'ws://192.168.1.20:5173/mqtt',
  phase: 'connected',
  problem: null,
  forged: 0,
  dropped: 0,
  lost: 0,
  ...over,
});

describe('linkText', () => {
  it('names the broker it is connected to', () => {
    expect(linkText(link({}), null)).toBe('Connected to the class broker (192.168.1.20:5173)');
    expect(linkText(link({ phase: 'connecting' }), null)).toBe('Connecting to the class broker (192.168.1.20:5173)…');
  });

  it('says why not and when it tries again', () => {
    const unreachable = link({ phase: 'refused', problem: { cause: 'unreachable', detail: 'no broker answered', attempt: 3, retryInMs: 4000 } });
    expect(linkText(unreachable, 4)).toBe('Broker unreachable (192.168.1.20:5173), trying again in 4 s (attempt 3).');
    expect(linkText(unreachable, 0)).toBe('Broker unreachable (192.168.1.20:5173), trying again now (attempt 3).');
    const refused = link({ phase: 'refused', problem: { cause: 'refused-by-broker', detail: 'Connection refused: Not authorized', attempt: 1, retryInMs: 500 } });
    expect(linkText(refused, 1)).toBe('The broker refused: Connection refused: Not authorized, trying again in 1 s (attempt 1).');
    const lost = link({ phase: 'reconnecting', problem: { cause: 'lost', detail: 'the connection to the broker was lost', attempt: 2, retryInMs: 1000 } });
    expect(linkText(lost, 1)).toBe('Connection to the broker lost, trying again in 1 s (attempt 2).');
  });

  it('says it in Chinese', async () => {
    await switchLanguage('zh-CN');
    expect(linkText(link({}), null)).toBe('已连接到课堂代理服务器（192.168.1.20:5173）');
    // Added before Chinese was loaded, the part did not stand in for the rest of its texts.
    expect(i18next.t('app.starting')).toBe('正在启动节点…');
    await switchLanguage('en');
  });
});

describe('secondsLeft', () => {
  it('counts whole seconds down to zero', () => {
    expect(secondsLeft(10_000, 6_100)).toBe(4);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 12_000)).toBe(0);
  });
});

describe('brokerHost', () => {
  it('is the host and port, or the address as it is', () => {
    expect(brokerHost('wss://class.example/mqtt')).toBe('class.example');
    expect(brokerHost('not a url')).toBe('not a url');
  });
});
