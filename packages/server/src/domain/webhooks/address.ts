import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// loopback, private, link-local (cloud metadata), carrier-grade NAT, unspecified and unique-local ranges
const closed = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  closed.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  closed.addSubnet(net, bits, 'ipv6');

function isClosed(address: string): boolean {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) return closed.check(v4, 'ipv4');
  return closed.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Why a webhook may not go to this host: it is, or resolves to, a loopback, private or link-local address (a
 * tenant administrator must not reach the server's own network through it). Undefined when it may.
 */
export async function closedAddressReason(hostname: string): Promise<string | undefined> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch (e) {
      return `${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    }
  const bad = addresses.find(isClosed);
  return bad ? `${host} is a loopback, private or link-local address (${bad})` : undefined;
}

/** Whether the host is an IP literal in a closed range (checked without the network when an endpoint is made). */
export const isClosedLiteral = (hostname: string) => {
  const host = hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0 && isClosed(host);
};
