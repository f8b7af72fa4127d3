import { describe, expect, it } from 'vitest';
import { pageViewHref, parsePageView } from './page-view';

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
});

describe('pageViewHref', () => {
  it('switches the view and keeps the network and its rules', () => {
    expect(pageViewHref('?net=class-a&difficulty=2', 'network')).toBe('?net=class-a&difficulty=2&view=network');
    expect(pageViewHref('?net=class-a&view=network&difficulty=2', 'node')).toBe('?net=class-a&difficulty=2');
    expect(pageViewHref('?view=network', 'node')).toBe('?');
  });
});
