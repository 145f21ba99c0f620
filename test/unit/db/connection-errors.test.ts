import { describe, expect, it } from "vitest";
import { isConnectionError } from "../../../src/db/connection-errors.js";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isConnectionError", () => {
  it.each([
    ["admin shutdown (57P01)", withCode("57P01", "terminating connection due to administrator command")],
    ["crash shutdown (57P02)", withCode("57P02")],
    ["cannot connect now (57P03)", withCode("57P03", "the database system is starting up")],
    ["connection failure (08006)", withCode("08006")],
    ["refused", withCode("ECONNREFUSED")],
    ["reset", withCode("ECONNRESET")],
    ["pg: terminated", new Error("Connection terminated unexpectedly")],
    ["pg pool: connect timeout", new Error("timeout exceeded when trying to connect")],
    [
      "a refused name with two addresses",
      Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), {}),
    ],
  ])("%s is a connection error", (_name, err) => expect(isConnectionError(err)).toBe(true));

  it.each([
    ["a unique violation", withCode("23505")],
    ["a statement timeout (57014)", withCode("57014")],
    ["a syntax error", withCode("42601")],
    ["a plain bug", new TypeError("x is undefined")],
    ["null", null],
  ])("%s is not", (_name, err) => expect(isConnectionError(err)).toBe(false));
});
