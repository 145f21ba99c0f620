import { BlockList, isIP } from "node:net";

/**
 * TRUSTED_PROXIES: which peers may tell us, in `x-forwarded-for`, who the client is.
 * - "" (default): none; the socket's peer is the client and the header is ignored.
 * - "N" (1..20): the N proxies nearest the server are trusted, whatever their address
 *   (e.g. 1 behind one load balancer).
 * - a comma-separated list of addresses and CIDRs, plus the names `loopback` and `private`
 *   (10/8, 172.16/12, 192.168/16, fc00::/7): a hop counts only when it comes from one of them.
 */
export type TrustedProxies =
  | { readonly kind: "none" }
  | { readonly kind: "hops"; readonly hops: number }
  | { readonly kind: "list"; readonly ranges: readonly string[] };

const NAMED: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/** Parses the setting; throws an Error naming the bad entry. */
export function parseTrustedProxies(value: string): TrustedProxies {
  const text = value.trim();
  if (text === "") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 20) throw new Error(`TRUSTED_PROXIES: a hop count must be in 1..20, got ${text}`);
    return { kind: "hops", hops };
  }
  const ranges: string[] = [];
  for (const raw of text.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (NAMED[entry]) {
      ranges.push(...NAMED[entry]);
      continue;
    }
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const max = family === 4 ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || extra !== undefined || !(bits >= 0 && bits <= max)) {
      throw new Error(`TRUSTED_PROXIES: "${raw.trim()}" is not an address, a CIDR, loopback or private`);
    }
    ranges.push(`${address}/${bits}`);
  }
  return { kind: "list", ranges };
}

const matchers = new WeakMap<TrustedProxies, BlockList>();

function matcherOf(trust: Extract<TrustedProxies, { kind: "list" }>): BlockList {
  let list = matchers.get(trust);
  if (!list) {
    list = new BlockList();
    for (const range of trust.ranges) {
      const [address, bits] = range.split("/") as [string, string];
      list.addSubnet(address, Number(bits), isIP(address) === 4 ? "ipv4" : "ipv6");
    }
    matchers.set(trust, list);
  }
  return list;
}

/** "::ffff:1.2.3.4" -> "1.2.3.4"; strips a port ("1.2.3.4:80", "[::1]:80"); undefined when not an IP. */
export function normalizeAddress(value: string): string | undefined {
  let v = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  v = v.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped) v = mapped[1]!;
  return isIP(v) ? v : undefined;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: walk the chain [x-forwarded-for..., socket peer] from the right,
 * past trusted hops only. Entries a client wrote itself sit to the left of the first
 * untrusted hop and are never reached, so a spoofed left-most entry changes nothing. An
 * entry that is not an address ends the walk at the hop to its right.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trust: TrustedProxies,
): string {
  const remote = (peer && normalizeAddress(peer)) ?? peer ?? "unknown";
  if (trust.kind === "none" || !forwardedFor) return remote;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  let client = remote;
  for (let i = hops.length - 1, passed = 0; i >= 0; i--, passed++) {
    const trusted =
      trust.kind === "hops" ? passed < trust.hops : client !== "unknown" && isTrusted(matcherOf(trust), client);
    if (!trusted) break;
    const next = normalizeAddress(hops[i]!);
    if (!next) break;
    client = next;
  }
  return client;
}
