import { describe, expect, it } from 'vitest';
import type { NodeEvent, NodeTopic } from './api';
import { NodeEvents } from './node-events';

const step = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function events() {
  const before: NodeTopic[][] = [];
  const heard: NodeEvent[] = [];
  const node = new NodeEvents((topics) => before.push([...topics]));
  node.subscribe((event) => heard.push(event));
  return { node, before, heard };
}

describe('NodeEvents', () => {
  it('sends the topics of one step as one event at its end, each once', async () => {
    const { node, heard } = events();
    node.emit(['status']);
    node.emit(['peers', 'status']);
    node.emit(['journal']);
    expect(heard).toEqual([]);
    await step();
    expect(heard).toEqual([{ topics: ['status', 'peers', 'journal'] }]);
    node.emit(['forks']);
    await step();
    expect(heard).toEqual([{ topics: ['status', 'peers', 'journal'] }, { topics: ['forks'] }]);
  });

  it('runs beforeSend with the step’s topics before any listener hears them', async () => {
    const order: string[] = [];
    const node = new NodeEvents((topics) => order.push(`before ${[...topics].join(',')}`));
    node.subscribe((event) => order.push(`heard ${event.topics.join(',')}`));
    node.emit(['status']);
    await step();
    expect(order).toEqual(['before status', 'heard status']);
  });

  it('adds balances to a change of the chain or the pending list', async () => {
    const { node, heard } = events();
    node.emit(['chain']);
    await step();
    node.emit(['pending', 'status']);
    await step();
    node.emit(['peers']);
    await step();
    expect(heard.map((event) => event.topics)).toEqual([['chain', 'balances'], ['pending', 'status', 'balances'], ['peers']]);
  });

  it('goes on telling the other listeners when one throws', async () => {
    const node = new NodeEvents(() => undefined);
    const heard: NodeEvent[] = [];
    node.subscribe(() => {
      throw new Error('page gone');
    });
    node.subscribe((event) => heard.push(event));
    node.emit(['status']);
    await step();
    expect(heard).toEqual([{ topics: ['status'] }]);
  });

  it('tells a listener nothing once it unsubscribed, and nobody after close', async () => {
    const { node, heard, before } = events();
    const later: NodeEvent[] = [];
    const unsubscribe = node.subscribe((event) => later.push(event));
    unsubscribe();
    node.emit(['status']);
    await step();
    expect(later).toEqual([]);
    expect(heard).toHaveLength(1);
    node.close();
    node.emit(['chain']);
    await step();
    expect(heard).toHaveLength(1);
    expect(before).toHaveLength(2);
  });
});
