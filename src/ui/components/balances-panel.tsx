import type { Amount, BalanceRow, BalancesView } from '../../node/api';
import { displayValue } from '../format';
import { useNodeBalances } from '../queries/balances-query';
import { NodeBadge } from './node-badge';

const TEXT = {
  title: 'Balances',
  enforced:
    'Spend only what you have is on: a payment above its sender’s available coins is refused. Mining rewards (sender "0") are the only new coins.',
  notEnforced:
    'Counted from our chain, rewards included. As in the tutorial nothing stops a payment above a balance, so a balance can go below zero; the network rule "Spend only what you have" refuses such payments.',
  caption: 'Coins of each address: confirmed in our chain, and what pending transactions will change',
  own: 'this tab (its mining rewards come here)',
  waitingTitle: 'Waiting for a later block',
  waitingHint: 'The next block leaves these pending transactions out; nothing is lost, they stay pending until they can be mined:',
  uncounted: (n: number) =>
    `${n} transaction${n === 1 ? '' : 's'} of our chain could not be counted: an address is not text or an amount is not a number.`,
} as const;

const amount = (value: Amount) => displayValue(value);
const isZero = (value: Amount) => value === 0n || value === 0;

function AddressCell({ row }: { row: BalanceRow }) {
  if (!row.own) return <th scope="row">{row.address}</th>;
  return (
    <th scope="row">
      <NodeBadge id={row.address} /> <span className="hint">{TEXT.own}</span>
    </th>
  );
}

function BalanceTable({ view }: { view: BalancesView }) {
  return (
    <table className="transactions balances">
      <caption>{TEXT.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Address</th>
          <th scope="col">Confirmed</th>
          <th scope="col">Pending spends</th>
          <th scope="col">Pending receipts</th>
          <th scope="col">Available</th>
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row) => (
          <tr key={row.address} data-address={row.address} data-own={row.own} className={row.own ? 'own' : undefined}>
            <AddressCell row={row} />
            <td className="amount" data-testid="balance-confirmed">{amount(row.confirmed)}</td>
            <td className="amount" data-testid="balance-pending-out">{isZero(row.pendingOut) ? '—' : `−${amount(row.pendingOut)}`}</td>
            <td className="amount" data-testid="balance-pending-in">{isZero(row.pendingIn) ? '—' : `+${amount(row.pendingIn)}`}</td>
            <td className="amount" data-testid="balance-available">{amount(row.available)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WaitingList({ view }: { view: BalancesView }) {
  if (view.waiting.length === 0) return null;
  return (
    <div className="waiting" data-testid="waiting">
      <h3>{TEXT.waitingTitle}</h3>
      <p className="hint">{TEXT.waitingHint}</p>
      <ul>
        {view.waiting.map(({ transaction, reason }, i) => (
          <li key={i}>
            <span className="mono">
              {displayValue(transaction.sender)} → {displayValue(transaction.recipient)}: {displayValue(transaction.amount)}
            </span>{' '}
            — {reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function BalancesPanel() {
  const view = useNodeBalances().data;
  if (!view) return null;
  return (
    <section className="panel" aria-labelledby="balances-title" data-testid="balances" data-enforced={view.enforced}>
      <h2 id="balances-title">{TEXT.title}</h2>
      <p className="hint">{view.enforced ? TEXT.enforced : TEXT.notEnforced}</p>
      <BalanceTable view={view} />
      {view.uncounted > 0 && <p className="hint">{TEXT.uncounted(view.uncounted)}</p>}
      <WaitingList view={view} />
    </section>
  );
}
