/**
 * The chunks drawn after the first screen: the panels of the tab list, the fork tree and the
 * strip of a chain too long to draw every card (a new tab's chain is one block). The
 * page fetches and runs them while its node starts, so that none is evaluated later, in the
 * middle of a lesson (a mining tab's page would miss frames for it); they stay out of the
 * first load.
 */
export const PANEL_MODULES = {
  pending: () => import('../transactions/pending-panel'),
  balances: () => import('../balances/balances-panel'),
  rules: () => import('../rules/rules-panel'),
  mining: () => import('../mining/mining-settings-panel'),
  chainFile: () => import('../chain-file/chain-file-panel'),
  thisNode: () => import('../this-node/node-panel'),
  console: () => import('../console/api-console'),
  activity: () => import('../activity/activity-log'),
  forkTree: () => import('../fork-tree/fork-tree'),
  windowedChainStrip: () => import('../chain/windowed-chain-strip'),
} as const;

/** Fetches and runs every chunk drawn after the first screen; resolves when all have run. */
export async function preloadPanels(): Promise<void> {
  await Promise.all(Object.values(PANEL_MODULES).map((load) => load()));
}
