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

// ---- through an MQTT broker (mqtt-transport.ts, mqtt-pieces.ts) -------------------------

/**
 * The largest MQTT payload a node publishes or reads: a message's JSON text up to this size
 * goes out whole, a longer one (a chain answer) in pieces of at most this size, header
 * included. Some brokers cap a packet at 1 MB (EMQX's default); the brokers of this project
 * cap it just above this (server/).
 */
export const MQTT_PIECE_BYTES = 256 * 1024;

/**
 * The longest message, as UTF-8 JSON text, that travels in pieces: a chain answer at
 * MAX_CHAIN_CHARS whose every character JSON doubles (a quote becomes \"; chain text is
 * ASCII, as Python's json.dumps writes it), plus the envelope. Larger ones are neither sent
 * nor reassembled.
 */
export const MAX_PIECED_MESSAGE_BYTES = 2 * MAX_CHAIN_CHARS + 64 * 1024;

/**
 * Messages still being reassembled from pieces: at most this many per sender (a sender
 * publishes one message's pieces back to back; two allow a broadcast and an answer to cross
 * in a cluster), this many in all (a resolve asks every peer of a class at once), and this
 * many bytes in all. A piece beyond a bound is dropped with its message.
 */
export const MAX_PARTIAL_MESSAGES_PER_SENDER = 2;
export const MAX_PARTIAL_MESSAGES = 32;
export const MAX_PARTIAL_BYTES = 128 * 1024 * 1024;

/**
 * A message whose next piece has not come for this long never will: it is dropped. Long
 * enough for a slow broker: Debian's mosquitto takes about 7 s to deliver a piece over WebSocket.
 */
export const PARTIAL_MESSAGE_IDLE_MS = 30_000;

/**
 * Messages a node sends while its broker is out of reach wait, in order, for the connection:
 * at most this many and this many bytes. Past that the oldest are dropped and counted as lost:
 * tips and stats are superseded by newer ones, and a chain request's requester has long timed out.
 */
export const MAX_QUEUED_MESSAGES = 256;
export const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

/** Steps of a rules schedule (rules by height): a class changes its rules a few times a lesson (core/rules, zod-free). */
export { MAX_RULES_STEPS } from '../core/rules';

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

// ---- what invented peers may cost an honest node (src/node/peers) -------------------------

/** Peers a node tracks at once; a class has a few dozen tabs, so past this they are invented. */
export const MAX_TRACKED_PEERS = 256;

/**
 * Ids never heard before admitted per second, after a burst: what a flood of invented ids gets
 * through. An id refused once and heard again soon (a real tab says several things in a row)
 * may use the last NEW_PEER_RESERVE tokens that first-time ids may not.
 */
export const NEW_PEERS_PER_SECOND = 16;
export const NEW_PEER_BURST = 64;
export const NEW_PEER_RESERVE = 16;
/** Refused ids remembered so that their next message counts as heard again. */
export const MAX_REFUSED_REMEMBERED = 512;

/**
 * A peer heard again this long after it was first heard has stayed (a tab beats every
 * HEARTBEAT_MS): it is proven, and an invented id that said one thing never is.
 */
export const PEER_PROVEN_AFTER_MS = 1000;

/** Nodes registered at once (and stored); past this the oldest not registered by hand go. */
export const MAX_REGISTERED_NODES = 1000;

/** Peers a resolve asks and reports; the rest are counted as "and N more". */
export const MAX_RESOLVE_REPORTS = 64;
/** A resolve ends within this, whatever its peers do; those not done by then are reported as such. */
export const RESOLVE_DEADLINE_MS = 10_000;

/**
 * Chain fetches of one proven peer: a burst, then one per interval; a peer's tips in between
 * wait. Peers not yet proven share one allowance: a class whose tabs open at once fetches all
 * their chains (each tab has a genesis of its own), invented ids no more than that.
 */
export const PEER_FETCH_BURST = 8;
export const PEER_FETCH_INTERVAL_MS = 2000;
export const NEWCOMER_FETCH_BURST = 48;
export const NEWCOMER_FETCH_INTERVAL_MS = 250;
/** Chain fetches of all peers together, after a burst: a class resolves a few dozen at once. */
export const FETCHES_PER_SECOND = 8;
export const FETCH_BURST = 64;
/** Fetches waiting for their answer at once, so at most this many answers are held unjudged. */
export const MAX_FETCHES_IN_FLIGHT = 8;

/**
 * Chain characters judged per second for one peer and for all together, after a burst of one
 * (two) largest chains: a peer sending MAX_CHAIN_CHARS chains is judged once every 30 s.
 */
export const PEER_JUDGED_CHARS_PER_SECOND = MAX_CHAIN_CHARS / 30;
export const JUDGED_CHARS_PER_SECOND = MAX_CHAIN_CHARS / 10;
export const JUDGED_CHARS_BURST = 2 * MAX_CHAIN_CHARS;

/**
 * Share of the node's time spent judging one peer's chains, and all peers' chains, after a
 * burst: a peer whose chains take 5 s to judge is judged again 50 s later, and mining and
 * answering keep at least three quarters of the time.
 */
export const PEER_JUDGING_SHARE = 0.1;
export const JUDGING_SHARE = 0.25;
export const PEER_JUDGING_BURST_MS = 1000;
export const JUDGING_BURST_MS = 2000;

/**
 * Replies to arrivals of peers not yet proven (welcome, tip, rules, place, figures; each one
 * message): a burst, then a steady rate. Past them, one broadcast of the greeting every
 * GREETING_COALESCE_MS tells every newcomer at once.
 */
export const ARRIVAL_REPLY_BURST = 64;
export const ARRIVAL_REPLIES_PER_SECOND = 16;
export const GREETING_COALESCE_MS = 2000;

/**
 * Chain requests of peers not yet proven, answered in all: a burst (a class opening at once
 * asks every tab), then a steady rate; the rest time out at the asker. Writing a chain is the
 * costliest answer, and invented ids may each ask CHAIN_ANSWERS_PER_SECOND.
 */
export const NEWCOMER_CHAIN_REQUEST_BURST = 64;
export const NEWCOMER_CHAIN_REQUESTS_PER_SECOND = 8;
