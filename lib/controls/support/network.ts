// Address-in-range tests for bind addresses, resolved endpoints and client addresses, on Node's
// own BlockList (no hand-written CIDR arithmetic).

import { BlockList, isIP } from 'node:net';

export function rangeList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, prefix] = cidr.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is tested as IPv4; zone ids (`fe80::1%eth0`) are dropped. */
export function inRanges(address: string, ranges: BlockList): boolean {
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0];
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const ip = mapped ? mapped[1] : bare;
  const family = isIP(ip);
  if (family === 0) return false;
  return ranges.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

/** `10.0.0.5:51234` / `[::1]:6379` → the host part. */
export function hostOfAddr(addr: string): string {
  const bracketed = /^\[([^\]]+)\]:\d+$/.exec(addr);
  if (bracketed) return bracketed[1];
  // Redis brackets IPv6 in `addr=`; anything else is host:port with the port after the last colon.
  const lastColon = addr.lastIndexOf(':');
  return lastColon > 0 ? addr.slice(0, lastColon) : addr;
}

/** Whether every address of `cidr` lies inside one of `ranges` (a network inside a larger one). */
export function cidrInside(cidr: string, ranges: readonly string[]): boolean {
  const [address, prefix] = cidr.split('/');
  const bits = prefix === undefined ? (isIP(address) === 6 ? 128 : 32) : Number(prefix);
  return ranges.some((range) => {
    const [, rangePrefix] = range.split('/');
    return bits >= Number(rangePrefix) && inRanges(address, rangeList([range]));
  });
}
