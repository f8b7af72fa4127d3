/**
 * The page's words about a class on a broker (the connection line, the join link), in English:
 * fetched only by a page that shows them, like every language but English, to keep the first load small.
 */
export const classroomEn = {
  connecting: 'Connecting to the class broker ({{host}})…',
  connected: 'Connected to the class broker ({{host}})',
  closed: 'Disconnected from the class broker ({{host}})',
  unreachable: 'Broker unreachable ({{host}})',
  lost: 'Connection to the broker lost',
  refused: 'The broker refused: {{why}}',
  retryIn: '{{problem}}, trying again in {{seconds}} s (attempt {{attempt}}).',
  retryNow: '{{problem}}, trying again now (attempt {{attempt}}).',
  keepsRunning: 'This node keeps running: its chain and transactions stay here, and it catches up once connected.',
  forged_one: '{{count}} forged',
  forged_other: '{{count}} forged',
  dropped_one: '{{count}} dropped',
  dropped_other: '{{count}} dropped',
  lost_one: '{{count}} lost',
  lost_other: '{{count}} lost',
  forgedWhy: 'Forged: a message claimed to come from another node than the one that sent it: dropped.',
  droppedWhy: 'Dropped: a message received was unreadable or beyond the limits (too large, too many, a piece that never completed).',
  lostWhy: 'Lost: a message this node sent never left (while the broker was away, too many waited).',
  join: {
    title: 'Join this class',
    hint: 'Students open this address, or scan the code, on their own computer or phone.',
    link: 'Join link',
    copy: 'Copy link',
    copied: 'Copied.',
    copyByHand: 'Selected: press Ctrl+C (⌘C) to copy.',
    qr: 'QR code of the join link',
    browserOnly:
      'Only the tabs of this browser are on this network (no broker). For a room of laptops, start the app with npm start and open the join link it prints.',
  },
};
