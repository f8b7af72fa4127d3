import {
  INITIAL_STATE,
  ROUND_CONSTANTS,
  bigSigma0,
  bigSigma1,
  compressWords,
  paddedBlockCount,
  scheduleWords,
  scratchSchedule,
  setMessageByte,
  writePadding,
} from './sha256-words';

/** The fixed parts of the guess: the state after the prefix's whole blocks, and the bytes after them. */
export class GuessTemplate {
  readonly midstate: Int32Array;
  readonly prefixTail: Uint8Array;
  readonly suffix: Uint8Array;
  readonly fixedLength: number;

  constructor(prefix: Uint8Array, suffix: Uint8Array) {
    const wholeBlockBytes = prefix.length - (prefix.length % 64);
    const words = new Int32Array(wholeBlockBytes / 4);
    for (let i = 0; i < wholeBlockBytes; i++) setMessageByte(words, i, prefix[i] as number);
    this.midstate = INITIAL_STATE.slice();
    for (let offset = 0; offset < words.length; offset += 16) compressWords(this.midstate, words, offset);
    this.prefixTail = prefix.slice(wholeBlockBytes);
    this.suffix = suffix.slice();
    this.fixedLength = prefix.length + suffix.length;
  }
}

/**
 * The padded message after the midstate for one count of proof digits, with the digits of
 * the current proof in place, and what runAttempts caches about it.
 */
export class DigitLayout {
  /** Big-endian message words after the midstate: prefix tail, digits, suffix, padding. */
  readonly words: Int32Array;
  readonly firstDigitByte: number;
  readonly lastDigitByte: number;
  /** Offset in `words` of the block holding the last digit: the first block hashed per attempt. */
  readonly lastDigitBlock: number;
  /** Index, in its block, of the word holding the last digit: the rounds before it are cached. */
  readonly lastDigitWord: number;
  /** A carry into a byte before this one changes what is cached. */
  readonly firstUncachedByte: number;
  /** K + W of each block after the last digit's block: they never change. */
  readonly trailingSchedules: readonly Int32Array[];
  /** Hash state before the last digit's block. */
  readonly chainState = new Int32Array(8);
  /** Working variables after the round of the last digit's word, without that word in `a` and `e`. */
  readonly roundCache = new Int32Array(8);
  /** The final state of the matching attempt (also scratch for the trailing blocks). */
  readonly digest = new Int32Array(8);
  readonly masks: Int32Array;
  readonly template: GuessTemplate;
  /** 10^digits, the first proof that needs one more digit. */
  readonly digitLimit: bigint;

  constructor(template: GuessTemplate, proof: bigint, masks: Int32Array) {
    const digits = proof.toString();
    const tailLength = template.prefixTail.length + digits.length + template.suffix.length;
    this.words = new Int32Array(paddedBlockCount(tailLength) * 16);
    let position = 0;
    for (const byte of template.prefixTail) setMessageByte(this.words, position++, byte);
    this.firstDigitByte = position;
    for (let i = 0; i < digits.length; i++) setMessageByte(this.words, position++, digits.charCodeAt(i));
    this.lastDigitByte = position - 1;
    for (const byte of template.suffix) setMessageByte(this.words, position++, byte);
    writePadding(this.words, tailLength, template.fixedLength + digits.length);

    this.lastDigitBlock = (this.lastDigitByte >> 6) * 16;
    this.lastDigitWord = (this.lastDigitByte >> 2) & 15;
    this.firstUncachedByte = (this.lastDigitByte >> 2) * 4;
    const trailingSchedules: Int32Array[] = [];
    for (let offset = this.lastDigitBlock + 16; offset < this.words.length; offset += 16) {
      scheduleWords(this.words, offset);
      trailingSchedules.push(scratchSchedule.slice());
    }
    this.trailingSchedules = trailingSchedules;
    this.masks = masks;
    this.template = template;
    this.digitLimit = 10n ** BigInt(digits.length);
    refreshCache(this);
  }
}

/** Recomputes the state before the last digit's block and the cached rounds (a carry reached them). */
export function refreshCache(layout: DigitLayout): void {
  const { words, lastDigitBlock, lastDigitWord, chainState, roundCache } = layout;
  chainState.set(layout.template.midstate);
  for (let offset = 0; offset < lastDigitBlock; offset += 16) compressWords(chainState, words, offset);
  let a = chainState[0] as number;
  let b = chainState[1] as number;
  let c = chainState[2] as number;
  let d = chainState[3] as number;
  let e = chainState[4] as number;
  let f = chainState[5] as number;
  let g = chainState[6] as number;
  let h = chainState[7] as number;
  for (let t = 0; t <= lastDigitWord; t++) {
    // The last digit's word is left out of round lastDigitWord: runAttempts adds it to a and e.
    const word = t < lastDigitWord ? (words[lastDigitBlock + t] as number) : 0;
    const t1 = (h + bigSigma1(e) + (g ^ (e & (f ^ g))) + (ROUND_CONSTANTS[t] as number) + word) | 0;
    const t2 = (bigSigma0(a) + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  roundCache[0] = a;
  roundCache[1] = b;
  roundCache[2] = c;
  roundCache[3] = d;
  roundCache[4] = e;
  roundCache[5] = f;
  roundCache[6] = g;
  roundCache[7] = h;
}
