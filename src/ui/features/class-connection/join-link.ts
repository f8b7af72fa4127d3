/**
 * The address a student opens to join this class: this page's origin and path, the network
 * it is on, its `?broker=` as this page got it (a path like `/mqtt` stays a path, on the
 * origin the student uses) and the public half of the teacher's key, whose signature alone
 * changes the network's rules. Nothing else: a tab that joins adopts the network's rules.
 */
export function joinLinkFor(pageHref: string, network: string, broker: string | null, teacherKey: string): string {
  const page = new URL(pageHref);
  const url = new URL(`${page.origin}${page.pathname}`);
  url.searchParams.set('net', network);
  if (broker !== null) url.searchParams.set('broker', broker);
  url.searchParams.set('key', teacherKey);
  // `/` and `:` may stand in a query: the link stays readable, and its QR code smaller.
  return url.href.replaceAll('%2F', '/').replaceAll('%3A', ':');
}

/** The page's `?broker=` as it got it, when the node took it (it is on a broker); else none. */
export function brokerParam(search: string, onBroker: boolean): string | null {
  return onBroker ? new URLSearchParams(search).get('broker') : null;
}
