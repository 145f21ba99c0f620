import { describe, expect, it } from "vitest";
import { findInDocument, findInVariables } from "../../../src/graphql/input-strings.js";
import { boundMessage, MAX_MESSAGE_CHARS } from "../../../src/http/bounded-errors.js";
import { echo, echoList, stringProblem } from "../../../src/shared/strings.js";
import { parse } from "graphql";

describe("stringProblem", () => {
  it.each([
    ["plain", null],
    ["astral 😀 (a surrogate pair)", null],
    ["tab\tand\nnewline", null],
    ["a\u0000b", /NUL/],
    ["\ud83d", /UTF-16/],
    ["x\ude00", /UTF-16/],
    ["\ude00\ud83d", /UTF-16/], // a low surrogate before a high one is not a pair
  ])("%j", (value, expected) => {
    const problem = stringProblem(value);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("echo", () => {
  it("keeps short values, cuts long ones with a count, never splits a pair, replaces control characters", () => {
    expect(echo("AAPL")).toBe("AAPL");
    expect(echo("x".repeat(100), 4)).toBe("xxxx…(96 more)");
    expect(echo("abc😀def", 4)).toBe("abc…(5 more)");
    expect(echo("a\u0000b\ud800")).toBe("a\ufffdb\ufffd");
    expect(echo({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });
  it("lists at most five values", () => {
    expect(echoList(["a", "b"])).toBe("a, b");
    expect(echoList(Array.from({ length: 9 }, (_, i) => `v${i}`))).toBe("v0, v1, v2, v3, v4 and 4 more");
  });
});

describe("boundMessage", () => {
  it("cuts each long quoted stretch and the whole message", () => {
    const message = `Cannot query field "${"f".repeat(10_000)}" on type "Query".`;
    expect(boundMessage(message)).toMatch(/^Cannot query field "f{64}…\(9936 more\)" on type "Query"\.$/);
    expect(boundMessage("n".repeat(50_000)).length).toBeLessThan(MAX_MESSAGE_CHARS + 30);
  });
});

describe("finding bad strings", () => {
  it("walks nested variables and names the path", () => {
    expect(findInVariables({ a: "ok", p: [{ s: "ok" }, { s: "b\u0000" }] })).toEqual({
      path: "$p[1].s",
      problem: expect.stringMatching(/NUL/),
    });
    expect(findInVariables({ a: ["ok", 1, null, { b: true }] })).toBeNull();
  });
  it("does not overflow the stack on deeply nested values", () => {
    let deep: unknown = "x\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInVariables({ deep })?.problem).toMatch(/NUL/);
  });
  it("finds literals and names their argument and input fields", () => {
    const doc = parse('mutation { register(input: { email: "a\\u0000b", password: "p" }) { accessToken } }');
    expect(findInDocument(doc)).toEqual({ path: "input.email", problem: expect.stringMatching(/NUL/) });
    expect(findInDocument(parse('{ assets(search: "fine") { totalCount } }'))).toBeNull();
  });
});
