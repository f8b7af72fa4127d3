/**
 * Every string of the page in English, the source language. Keys are grouped by component;
 * `zh-cn.ts` must have the same keys (the type checker holds it to that).
 */
export const en = {
  app: {
    starting: 'Starting the node…',
    failed: 'The node could not start: {{reason}}',
  },
  preferences: {
    label: 'Display',
    language: 'Language',
    theme: 'Theme',
    themes: { system: 'Like the system', light: 'Light', dark: 'Dark' },
    projector: 'Projector mode',
    projectorHint: 'Large type and high contrast for the back of the room',
  },
  mine: {
    title: 'Mine',
    button: 'Mine',
    cancel: 'Cancel',
    hint: 'Find a proof with {{difficulty}} leading zeros ({{rule}} rule), then forge the pending transactions and your reward into a new block.',
    engine: 'Engine',
    engines: {
      subtle: "SubtleCrypto — the browser's own SHA-256, as the tutorial uses hashlib",
      fast: 'Fast engine — a SHA-256 written for this one short message',
    },
    engineNames: { subtle: 'SubtleCrypto', fast: 'fast engine' },
    engineSummary_one: '{{engine}} × {{count}} thread',
    engineSummary_other: '{{engine}} × {{count}} threads',
    threads: 'Threads',
    threadChoice: '{{count}} of {{max}}',
    engineLesson:
      'Same proofs, many times faster: like mining hardware built for one hash, this engine does only what this message needs. Every proof it finds is checked again with SubtleCrypto before the block is forged.',
    miningBlock: 'Mining block {{index}}',
    repairingBlock: 'Repairing: searching the proof of block {{index}}',
    progress: '{{what}}: {{attempts}} attempts of about {{expected}} expected (16^{{difficulty}})',
    measuringRate: 'measuring the rate',
    seconds: '{{seconds}} s',
    restarted: 'started again {{count}}× on a new tip',
    progressLabel: 'Attempts against the expected number',
    busyMining: 'Mining block {{index}}…',
    busyRepairing: 'Repairing the chain (see the tamper lab)…',
    forged: 'Block {{index}} forged: proof {{proof}} after {{attempts}} attempts in {{seconds}} s.',
  },
  resolve: {
    title: 'Resolve',
    button: 'Resolve',
    hint: 'Ask every registered node for its chain and adopt the longest valid one, if it is longer than ours.',
    asking: 'Asking every registered node for its chain…',
    replacedBy: 'Our chain was replaced by <badge/>’s chain.',
    authoritative: 'Our chain is authoritative.',
    noNodes: 'No registered nodes to ask.',
    blocks_one: '{{count}} block',
    blocks_other: '{{count}} blocks',
    report: {
      adopted: 'longer and valid ({{blocks}}): the winner, adopted',
      'longer-but-beaten': 'longer and valid ({{blocks}}), but another chain was longer',
      'not-longer': 'valid but not longer ({{blocks}})',
      invalid: 'invalid: {{reason}}',
      'no-answer': 'no answer: {{reason}}',
    },
    oneBlock: 'block {{first}}',
    blockRange: 'blocks {{first}}–{{last}}',
    noSharedBlock: 'The chains share no block (each node made its own genesis).',
    sharedBlocks: 'Both chains share blocks 1–{{fork}}.',
    noneDropped: 'None of our blocks was dropped',
    dropped: 'Dropped our {{range}}',
    adopted: 'adopted {{range}}.',
    droppedLabel: 'Dropped',
    adoptedLabel: 'Adopted',
    blockHash: 'block {{index}} ({{hash}})',
    returned: 'Back to pending (they were only in dropped blocks)',
    confirmed: 'No longer pending (the new chain holds them)',
  },
  rate: {
    mega: '{{value}} M attempts/s',
    kilo: '{{value}} k attempts/s',
    unit: '{{value}} attempts/s',
  },
  shortcuts: {
    hint: 'Keys: {{mine}} mine, {{resolve}} resolve (when not typing in a field).',
  },
};

export type Resources = typeof en;
