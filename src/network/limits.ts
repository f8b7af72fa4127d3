/**
 * Every limit on what enters a node from outside — peer messages, chain files, the Add
 * transaction form — in one place, so that the checks and the texts that state them to
 * users never disagree. The page imports them to show them where users meet them.
 */

/**
 * The largest chain, as `/chain` JSON text: the most a peer may send in one answer and the
 * largest file Import chain reads. Far above a classroom chain (10,000 blocks are a few MB).
 */
export const MAX_CHAIN_CHARS = 32 * 1024 * 1024;

/** A tip block larger than this is not sent along with its tip: peers ask for the chain instead. */
export const MAX_TIP_BLOCK_CHARS = 64 * 1024;

/**
 * Every other text field of a peer message (ids, names, request ids) is far shorter;
 * anything longer is refused before the message is parsed.
 */
export const MAX_MESSAGE_FIELD_CHARS = 256;

/** A peer message has at most this many fields, and so has each object inside it. */
export const MAX_MESSAGE_KEYS = 8;

/**
 * Messages one peer may send per second, on average, before the rest are dropped, and how
 * many it may send at once after a quiet spell. A tab sends a few a minute in class.
 */
export const PEER_MESSAGES_PER_SECOND = 50;
export const PEER_MESSAGE_BURST = 200;

/**
 * Chain requests of one peer answered per second: writing a chain is the costliest answer.
 * A request beyond it waits for its turn; only the newest waiting one of a peer is kept.
 */
export const CHAIN_ANSWERS_PER_SECOND = 5;

/** At most one tip of a peer is handled per this interval; tips in between are folded into the newest. */
export const TIP_INTERVAL_MS = 100;

// Steps of a rules schedule (rules by height): MAX_RULES_STEPS in core/rules. Not re-exported
// here: this file is read by the page, and core/rules would bring all of zod with it.

/** The highest place in the class (badge slot) a tab may claim: far more tabs than a class holds. */
export const MAX_BADGE_SLOT = 1023;

/**
 * A node says it is still here this often, and a peer not heard for longer than
 * GONE_AFTER_MS (a crashed tab, a laptop asleep, a lost connection) is taken for gone until
 * it speaks again. Over a broker, a node's last will says so sooner.
 */
export const HEARTBEAT_MS = 2000;
export const GONE_AFTER_MS = 7000;

/** Sender and recipient typed in the Add transaction form. */
export const MAX_PARTY_CHARS = 200;
/** The amount as typed (digits, sign, point, exponent). */
export const MAX_AMOUNT_CHARS = 40;
/** The largest amount the form accepts, either sign: far above any classroom payment, it keeps absurd numbers out. */
export const MAX_ABS_AMOUNT = 1e21;

/** 33554432 characters → "32 MiB": how the limits read in the page. */
export function formatChars(chars: number): string {
  const mib = chars / (1024 * 1024);
  if (Number.isInteger(mib)) return `${mib} MiB`;
  const kib = chars / 1024;
  return Number.isInteger(kib) ? `${kib} KiB` : `${chars.toLocaleString('en-US')} characters`;
}
