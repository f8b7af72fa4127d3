import { describe, expect, it } from 'vitest';
import { StartedOnce } from './started-once';

describe('StartedOnce', () => {
  it('fails clearly until it is started', async () => {
    const once = new StartedOnce<number>('The tab node');
    await expect(once.get()).rejects.toThrow('The tab node has not been started: call init() first.');
  });

  it('creates the object on the first start only: a second start gets the same one', async () => {
    const once = new StartedOnce<{ readonly n: number }>('The node');
    let created = 0;
    const create = () => {
      created += 1;
      return Promise.resolve({ n: created });
    };
    const first = once.start(create);
    const second = once.start(create);
    expect(second).toBe(first);
    expect(created).toBe(1);
    expect(await once.get()).toBe(await first);
  });

  it('serves the object while it is still being created', async () => {
    const once = new StartedOnce<string>('The node');
    let finish: (value: string) => void = () => undefined;
    void once.start(() => new Promise<string>((resolve) => { finish = resolve; }));
    const got = once.get();
    finish('ready');
    expect(await got).toBe('ready');
  });

  it('keeps a start that failed: every later call gets its error, and it is not created again', async () => {
    const once = new StartedOnce<string>('The node');
    let created = 0;
    const failing = () => {
      created += 1;
      return Promise.reject(new Error('no store'));
    };
    await expect(once.start(failing)).rejects.toThrow('no store');
    await expect(once.start(failing)).rejects.toThrow('no store');
    await expect(once.get()).rejects.toThrow('no store');
    expect(created).toBe(1);
  });
});
