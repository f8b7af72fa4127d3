import { shortHashParts } from './format';

/** A hash, shortened, its leading zeros marked; the whole hash is in the title. */
export function ShortHash({ hash }: { hash: string }) {
  const { zeros, head, tail } = shortHashParts(hash);
  return (
    <span className="mono short-hash" title={hash}>
      {zeros !== '' && <mark>{zeros}</mark>}
      {head}
      {tail !== '' && <span aria-hidden="true">…</span>}
      {tail}
    </span>
  );
}
