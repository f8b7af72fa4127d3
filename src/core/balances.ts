import { blockTransactions, isTransaction, type Transaction } from './block';
import type { JsonValue } from './json-value';
import { isReward } from './mempool';
import { compareCodePoints, dumpsPython } from './python-json';

/*
 * Balances, derived from the chain alone: the tutorial keeps no accounts, so an address's
 * balance is what it received minus what it sent, the mining rewards (sender "0") being the
 * only coins ever created. "0" itself has no balance to spend: it stands for new coins.
 *
 * Amounts are added as Python adds them, one transaction at a time in chain order: two ints
 * give an exact int (a bigint here, any size), and as soon as a float takes part the sum is a
 * float, the int converted to the nearest float first (Python's int + float, which JS's
 * Number(bigint) rounds the same way). Floats are therefore as inexact here as in Python,
 * and in exactly the same places; comparing an int with a float is exact in both languages.
 */

export type Amount = bigint | number;

export const ZERO: Amount = 0n;

/** Python's `a + b` for int and float. */
export function addAmounts(a: Amount, b: Amount): Amount {
  return typeof a === 'bigint' && typeof b === 'bigint' ? a + b : Number(a) + Number(b);
}

/** Python's `a - b` for int and float. */
export function subtractAmounts(a: Amount, b: Amount): Amount {
  return typeof a === 'bigint' && typeof b === 'bigint' ? a - b : Number(a) - Number(b);
}

/** An amount as Python prints it in JSON: `5`, `2.5`, `1e-05`. */
export function showAmount(amount: Amount): string {
  return dumpsPython(amount);
}

/** A transaction a balance can be counted from: text addresses and a finite numeric amount. */
export type Payment = {
  readonly sender: string;
  readonly recipient: string;
  readonly amount: Amount;
};

/** The payment a transaction makes, or null when its fields cannot be counted (not text, not a number). */
export function asPayment(tx: JsonValue | undefined): Payment | null {
  if (!isTransaction(tx)) return null;
  const { sender, recipient, amount } = tx;
  if (typeof sender !== 'string' || typeof recipient !== 'string') return null;
  if (typeof amount === 'bigint' || (typeof amount === 'number' && Number.isFinite(amount))) return { sender, recipient, amount };
  return null;
}

/** Why one payment cannot be made from a balance; null when it can. */
export type SpendProblem =
  | { readonly kind: 'negative' }
  | { readonly kind: 'overspend'; readonly balance: Amount };

/** Whether `payment` can be made when its sender holds `balance`. A reward creates its coins and always can. */
export function spendProblem(payment: Payment, balance: Amount): SpendProblem | null {
  if (payment.amount < 0) return { kind: 'negative' };
  if (isReward(payment)) return null;
  return payment.amount > balance ? { kind: 'overspend', balance } : null;
}

/** Balances by address, changed one payment at a time. */
export class Accounts {
  private readonly balances: Map<string, Amount>;

  constructor(from?: Accounts) {
    this.balances = new Map(from?.balances);
  }

  balanceOf(address: string): Amount {
    return this.balances.get(address) ?? ZERO;
  }

  /** Moves the amount: the sender pays it (unless it is the reward, which creates it), the recipient gets it. */
  apply(payment: Payment): void {
    if (!isReward(payment)) {
      this.balances.set(payment.sender, subtractAmounts(this.balanceOf(payment.sender), payment.amount));
    }
    this.balances.set(payment.recipient, addAmounts(this.balanceOf(payment.recipient), payment.amount));
  }

  /** Every address that ever sent or received, in code point order. */
  addresses(): string[] {
    return [...this.balances.keys()].sort(compareCodePoints);
  }
}

/** The first payment of a chain that its sender could not afford, or that is negative. */
export interface LedgerProblem {
  /** 0-based position of the block in the chain */
  readonly position: number;
  /** 0-based position of the transaction in the block */
  readonly transaction: number;
  readonly payment: Payment;
  readonly problem: SpendProblem;
}

export interface Ledger {
  /** the balances after the whole chain, every payment counted even past a problem */
  readonly accounts: Accounts;
  /** the first payment that breaks "spend only what you have", or null */
  readonly firstProblem: LedgerProblem | null;
  /** transactions that could not be counted (an address that is not text, an amount that is not a number) */
  readonly uncounted: number;
}

/**
 * The balances a chain gives, in chain order, with its first overspend among the blocks
 * `checked` holds (every block by default; under rules by height, those mined while "spend
 * only what you have" was in force). Never throws on odd blocks.
 */
export function readLedger(chain: readonly JsonValue[], checked: (position: number) => boolean = () => true): Ledger {
  const accounts = new Accounts();
  let firstProblem: LedgerProblem | null = null;
  let uncounted = 0;
  for (let position = 0; position < chain.length; position++) {
    const transactions = blockTransactions(chain[position]);
    for (let transaction = 0; transaction < transactions.length; transaction++) {
      const payment = asPayment(transactions[transaction]);
      if (payment === null) {
        uncounted += 1;
        continue;
      }
      const problem = spendProblem(payment, accounts.balanceOf(payment.sender));
      if (problem !== null && firstProblem === null && checked(position)) firstProblem = { position, transaction, payment, problem };
      accounts.apply(payment);
    }
  }
  return { accounts, firstProblem, uncounted };
}

/** One address as the Balances panel shows it. */
export interface BalanceSheetRow {
  readonly address: string;
  /** from the chain */
  readonly confirmed: Amount;
  /** what its pending transactions spend */
  readonly pendingOut: Amount;
  /** what pending transactions pay it (not spendable before they are in a block) */
  readonly pendingIn: Amount;
  /** confirmed less each pending spend in turn */
  readonly available: Amount;
}

/** The pending payments (rewards aside) whose sender and recipient can be counted. */
function pendingPayments(pending: readonly Transaction[]): Payment[] {
  return pending.filter((tx) => !isReward(tx)).flatMap((tx) => asPayment(tx) ?? []);
}

/** Every address of the chain and the pending list; pending receipts are shown but not spendable. */
export function balanceSheet(ledger: Ledger, pending: readonly Transaction[]): BalanceSheetRow[] {
  const payments = pendingPayments(pending);
  const total = (address: string, side: 'sender' | 'recipient'): Amount =>
    payments.filter((payment) => payment[side] === address).reduce((sum, payment) => addAmounts(sum, payment.amount), ZERO);
  const addresses = new Set([...ledger.accounts.addresses(), ...payments.flatMap((payment) => [payment.sender, payment.recipient])]);
  // "0" is where rewards come from: it shows only if someone paid coins to it.
  if (ledger.accounts.balanceOf('0') === ZERO) addresses.delete('0');
  return [...addresses].sort(compareCodePoints).map((address) => ({
    address,
    confirmed: ledger.accounts.balanceOf(address),
    pendingOut: total(address, 'sender'),
    pendingIn: total(address, 'recipient'),
    available: availableTo(ledger, pending, address),
  }));
}

/** What the sender of `payment` can still spend: its balance less each of its pending spends. */
export function availableTo(ledger: Ledger, pending: readonly Transaction[], sender: string): Amount {
  return pendingPayments(pending)
    .filter((payment) => payment.sender === sender)
    .reduce((available, payment) => subtractAmounts(available, payment.amount), ledger.accounts.balanceOf(sender));
}

/** Why a new transaction cannot be queued under "spend only what you have"; amounts as Python prints them. */
export type SpendRefusal =
  | { readonly kind: 'uncountable' }
  | { readonly kind: 'reward' }
  | { readonly kind: 'negative'; readonly amount: string; readonly recipient: string }
  | { readonly kind: 'overspend'; readonly sender: string; readonly available: string; readonly amount: string }
  /** `balance` less its pending spends leaves `available` */
  | { readonly kind: 'overspend-held'; readonly sender: string; readonly available: string; readonly balance: string; readonly amount: string };

/**
 * Why a new transaction cannot be queued under "spend only what you have"; null when it can.
 * It must be countable, not a reward, not negative, and within what its sender can still
 * spend (pending receipts do not count until they are in a block).
 */
export function spendRefusal(ledger: Ledger, pending: readonly Transaction[], tx: Transaction): SpendRefusal | null {
  const payment = asPayment(tx);
  if (payment === null) return { kind: 'uncountable' };
  if (isReward(tx)) return { kind: 'reward' };
  const available = availableTo(ledger, pending, payment.sender);
  const problem = spendProblem(payment, available);
  if (problem === null) return null;
  const amount = showAmount(payment.amount);
  if (problem.kind === 'negative') return { kind: 'negative', amount, recipient: payment.recipient };
  const balance = ledger.accounts.balanceOf(payment.sender);
  const spend = { sender: payment.sender, available: showAmount(available), amount };
  return balance === available ? { kind: 'overspend', ...spend } : { kind: 'overspend-held', ...spend, balance: showAmount(balance) };
}

/** A spend refusal as one English sentence, the text of POST /transactions/new's 400 answer. */
export function spendRefusalText(refusal: SpendRefusal): string {
  switch (refusal.kind) {
    case 'uncountable':
      return 'Sender and recipient must be text and the amount a number, so that balances can be counted.';
    case 'reward':
      return 'Sender "0" stands for the mining reward: it creates new coins and has no balance to spend.';
    case 'negative':
      return `The amount ${refusal.amount} is negative, which would take coins from ${refusal.recipient} instead of paying them.`;
    case 'overspend':
      return `${refusal.sender} can spend only ${refusal.available}, so ${refusal.amount} is too much.`;
    case 'overspend-held':
      return `${refusal.sender} can spend only ${refusal.available} (balance ${refusal.balance} less pending spends), so ${refusal.amount} is too much.`;
  }
}

/** Why the next block leaves a pending transaction out; amounts as Python prints them. */
export type WaitReason =
  | { readonly kind: 'uncountable' }
  | { readonly kind: 'reward' }
  | { readonly kind: 'negative'; readonly amount: string }
  /** `balance`: what the sender has at that point of the block, earlier payments of the block counted */
  | { readonly kind: 'unaffordable'; readonly sender: string; readonly balance: string; readonly amount: string };

/** A pending transaction left out of the next block, and why. */
export interface WaitingTransaction {
  readonly transaction: Transaction;
  readonly reason: WaitReason;
}

export interface NextBlockSelection {
  /** what the next block takes, in pending order */
  readonly included: Transaction[];
  /** what stays pending */
  readonly waiting: WaitingTransaction[];
}

/**
 * The pending transactions a new block can hold under "spend only what you have": in order,
 * each one that its sender can afford at that point of the block (earlier ones of the same
 * block counted, as validation counts them). The others stay pending, nothing is dropped: a
 * chain replacement can make a queued payment unaffordable, and a later block can take it.
 */
export function selectForNextBlock(ledger: Ledger, pending: readonly Transaction[]): NextBlockSelection {
  const accounts = new Accounts(ledger.accounts);
  const included: Transaction[] = [];
  const waiting: WaitingTransaction[] = [];
  for (const transaction of pending) {
    const payment = asPayment(transaction);
    if (payment === null) {
      waiting.push({ transaction, reason: { kind: 'uncountable' } });
      continue;
    }
    if (isReward(transaction)) {
      waiting.push({ transaction, reason: { kind: 'reward' } });
      continue;
    }
    const problem = spendProblem(payment, accounts.balanceOf(payment.sender));
    if (problem === null) {
      included.push(transaction);
      accounts.apply(payment);
    } else if (problem.kind === 'negative') {
      waiting.push({ transaction, reason: { kind: 'negative', amount: showAmount(payment.amount) } });
    } else {
      const amounts = { balance: showAmount(problem.balance), amount: showAmount(payment.amount) };
      waiting.push({ transaction, reason: { kind: 'unaffordable', sender: payment.sender, ...amounts } });
    }
  }
  return { included, waiting };
}
