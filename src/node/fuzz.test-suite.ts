// Test-only: what fuzzing a node must leave as it was.
import type { TabNode } from './tab-node';

/** Everything a peer message could change. */
export function peerVisibleState(node: TabNode) {
  const { rules, rulesClock, height, pendingCount, autoRegister } = node.status();
  return {
    chain: node.exportChain(),
    pending: node.pending(),
    registered: [...node.registeredNodes()],
    peers: node.peers(),
    rules,
    rulesClock,
    height,
    pendingCount,
    autoRegister,
    journal: node.journal().length,
  };
}
