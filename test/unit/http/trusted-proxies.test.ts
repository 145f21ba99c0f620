import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.js";
import { clientAddress, normalizeAddress, parseTrustedProxies } from "../../../src/http/trusted-proxies.js";

describe("TRUSTED_PROXIES parsing", () => {
  it("trusts nobody by default", () => {
    expect(loadConfig({}).trustedProxies).toEqual({ kind: "none" });
    expect(parseTrustedProxies("  ")).toEqual({ kind: "none" });
  });

  it("reads a hop count", () => {
    expect(parseTrustedProxies("2")).toEqual({ kind: "hops", hops: 2 });
    expect(() => parseTrustedProxies("0")).toThrow(/1\.\.20/);
    expect(() => parseTrustedProxies("21")).toThrow(/1\.\.20/);
  });

  it("reads addresses, CIDRs and the loopback/private names", () => {
    expect(parseTrustedProxies("10.0.0.1, 192.168.0.0/16,2001:db8::/32,Loopback")).toEqual({
      kind: "list",
      ranges: ["10.0.0.1/32", "192.168.0.0/16", "2001:db8::/32", "127.0.0.0/8", "::1/128"],
    });
    expect(parseTrustedProxies("private").kind).toBe("list");
  });

  it.each(["10.0.0.300", "10.0.0.0/33", "::1/129", "lb.internal", "10.0.0.0/8/1", "10.0.0.0/x", "1.2.3.4,"])(
    "refuses %s, naming it",
    (value) => {
      expect(() => parseTrustedProxies(value)).toThrow(/TRUSTED_PROXIES/);
    },
  );

  it("is a ConfigError from loadConfig", () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: "nonsense" })).toThrow(ConfigError);
  });
});

describe("normalizeAddress", () => {
  it("unwraps IPv4-mapped IPv6 and strips ports", () => {
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("203.0.113.7:5123")).toBe("203.0.113.7");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeAddress("unknown")).toBeUndefined();
    expect(normalizeAddress("<script>")).toBeUndefined();
  });
});

describe("clientAddress", () => {
  const none = parseTrustedProxies("");
  const oneHop = parseTrustedProxies("1");
  const twoHops = parseTrustedProxies("2");
  const lbs = parseTrustedProxies("10.0.0.0/8, 2001:db8:ffff::/48");

  it("ignores x-forwarded-for when no proxy is trusted", () => {
    expect(clientAddress("198.51.100.9", "1.1.1.1", none)).toBe("198.51.100.9");
    expect(clientAddress("::ffff:198.51.100.9", undefined, none)).toBe("198.51.100.9");
  });

  it(
    "with a hop count, takes the entry that many hops from the server; spoofed left-most entries change " + "nothing",
    () => {
      expect(clientAddress("10.0.0.2", "203.0.113.7", oneHop)).toBe("203.0.113.7");
      expect(clientAddress("10.0.0.2", "6.6.6.6, 7.7.7.7, 203.0.113.7", oneHop)).toBe("203.0.113.7");
      expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", twoHops)).toBe("203.0.113.7");
      // Fewer entries than hops: the left-most one is all we know.
      expect(clientAddress("10.0.0.2", "203.0.113.7", twoHops)).toBe("203.0.113.7");
      expect(clientAddress("10.0.0.2", undefined, oneHop)).toBe("10.0.0.2");
    },
  );

  it("with a list, walks back over trusted hops only", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.7", lbs)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.1.2.3", lbs)).toBe("203.0.113.7");
    expect(clientAddress("2001:db8:ffff::5", "2001:db8:1::9", lbs)).toBe("2001:db8:1::9");
    expect(clientAddress("::ffff:10.0.0.2", "203.0.113.7", lbs)).toBe("203.0.113.7");
  });

  it("with a list, a peer outside it is the client whatever the header says", () => {
    expect(clientAddress("198.51.100.9", "6.6.6.6", lbs)).toBe("198.51.100.9");
    expect(clientAddress("198.51.100.9", "6.6.6.6, 10.0.0.1", lbs)).toBe("198.51.100.9");
  });

  it("stops at an entry that is not an address", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.7, junk", lbs)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "junk, 203.0.113.7", oneHop)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", "203.0.113.7:4711", oneHop)).toBe("203.0.113.7");
  });
});
