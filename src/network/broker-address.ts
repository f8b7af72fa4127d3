/**
 * `?broker=`: where a network's broker is. Either a ws:// or wss:// URL, or a path meaning the
 * page's own origin (`/mqtt`, what `npm start` serves): the only address the built page's CSP
 * (`connect-src 'self'`) lets it open, over wss:// when the page is https.
 */

/** One slash and then no second one (`//host` would name another host); no space, query or fragment. */
const SAME_ORIGIN_PATH = /^\/(?!\/)[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** The longest `?broker=` taken. */
export const MAX_BROKER_ADDRESS_CHARS = 2048;

export function isBrokerAddress(value: string): boolean {
  if (value.length > MAX_BROKER_ADDRESS_CHARS) return false;
  if (SAME_ORIGIN_PATH.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The broker's WebSocket URL for a page at `pageHref`: a path is on the page's origin, wss:// under https. */
export function brokerUrlFor(address: string, pageHref: string): string {
  if (!address.startsWith('/')) return address;
  const page = new URL(pageHref);
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${address}`;
}
