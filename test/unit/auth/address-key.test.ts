import { describe, expect, it } from "vitest";
import { addressKey } from "../../../src/auth/address-key.js";

describe("throttle key of a client address", () => {
  it("keys IPv4 as is", () => {
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
  });

  it("keys IPv6 by its /64, whatever the spelling of the rest", () => {
    const key = "2001:db8:1:2::/64";
    for (const a of [
      "2001:db8:1:2::1",
      "2001:0DB8:0001:0002:ffff:eeee:dddd:cccc",
      "2001:db8:1:2:aaaa::",
      "[2001:db8:1:2::9]",
      "2001:db8:1:2::1%eth0",
    ])
      expect(addressKey(a), a).toBe(key);
    expect(addressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("2001:db8::1.2.3.4")).toBe("2001:db8:0:0::/64");
  });

  it("keys IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("::FFFF:c000:0207")).toBe("192.0.2.7");
    expect(addressKey("0:0:0:0:0:ffff:192.0.2.7")).toBe("192.0.2.7");
  });

  it("keys anything else as given", () => {
    expect(addressKey("unknown")).toBe("unknown");
  });
});
