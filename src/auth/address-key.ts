import { isIPv4, isIPv6 } from "node:net";

/**
 * The throttle key of a client address (ctx.clientAddress). One IPv6 client usually holds a
 * whole /64 (SLAAC, privacy addresses), so IPv6 is keyed by its first 64 bits:
 * "2001:db8:1:2:aaaa::1" → "2001:db8:1:2::/64". IPv4-mapped IPv6 ("::ffff:192.0.2.7", what a
 * dual-stack socket reports for an IPv4 client) is keyed as the IPv4 address. Zone ids and
 * brackets are dropped; anything that is not an IP address is keyed as given.
 */
export function addressKey(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith("[") && a.endsWith("]")) a = a.slice(1, -1);
  const zone = a.indexOf("%");
  if (zone >= 0) a = a.slice(0, zone);
  if (isIPv4(a)) return a;
  if (!isIPv6(a)) return address;
  const g = ipv6Groups(a);
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff)
    return [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join(".");
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (a dotted IPv4 tail is two groups). */
function ipv6Groups(a: string): number[] {
  const lastColon = a.lastIndexOf(":");
  const tail = a.slice(lastColon + 1);
  if (tail.includes(".")) {
    const [b0, b1, b2, b3] = tail.split(".").map(Number);
    a = `${a.slice(0, lastColon + 1)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, rest] = a.split("::");
  const parse = (s: string | undefined) => (s ? s.split(":").map((x) => parseInt(x, 16)) : []);
  const h = parse(head);
  if (rest === undefined) return h;
  const r = parse(rest);
  return [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
}
