import { describe, expect, it } from 'vitest';
import { startI18n, switchLanguage } from '../../i18n/i18n';
import { pageViewHref, parsePageView } from './page-view';

await startI18n('en');

describe('parsePageView', () => {
  it('opens the network view only for ?view=network', () => {
    expect(parsePageView('?net=class-a&view=network')).toEqual({ view: 'network', warning: null });
    expect(parsePageView('?net=class-a')).toEqual({ view: 'node', warning: null });
    expect(parsePageView('')).toEqual({ view: 'node', warning: null });
  });

  it('opens a tab’s node for any other value, with a warning that says what is allowed', () => {
    expect(parsePageView('?view=Network')).toEqual({
      view: 'node',
      warning: '?view=Network ignored: view must be network (or left out for a tab of the network).',
    });
    expect(parsePageView('?view=')).toMatchObject({ view: 'node', warning: expect.stringMatching(/^\?view= ignored/) as unknown });
  });

  it('says so in the page’s language', async () => {
    await switchLanguage('zh-CN');
    expect(parsePageView('?view=map').warning).toBe('已忽略 ?view=map：view 只能是 network（不写则打开网络中的一个标签页）。');
    await switchLanguage('en');
  });
});

describe('pageViewHref', () => {
  it('switches the view and keeps the network and its rules', () => {
    expect(pageViewHref('?net=class-a&difficulty=2', 'network')).toBe('?net=class-a&difficulty=2&view=network');
    expect(pageViewHref('?net=class-a&view=network&difficulty=2', 'node')).toBe('?net=class-a&difficulty=2');
    expect(pageViewHref('?view=network', 'node')).toBe('?');
  });

  it('keeps the broker and projector mode both ways', () => {
    expect(pageViewHref('?net=room-12&broker=%2Fmqtt&projector=1', 'network')).toBe('?net=room-12&broker=%2Fmqtt&projector=1&view=network');
    expect(pageViewHref('?net=room-12&broker=%2Fmqtt&projector=1&view=network', 'node')).toBe('?net=room-12&broker=%2Fmqtt&projector=1');
  });
});
