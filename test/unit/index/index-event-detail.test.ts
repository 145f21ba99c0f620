import { describe, expect, it } from "vitest";
import { parseEventDetail } from "../../../src/index/index-event.enum.js";
import { eventTypes, toIndexEvent } from "../../../src/index/index-event.js";

describe("an event's stored detail as typed fields", () => {
  it("splits DATE_DROPPED's REASON:rows into the reason and the row count", () => {
    expect(parseEventDetail("HALF_RULE:12")).toEqual({ reason: "HALF_RULE", droppedRows: 12 });
    expect(parseEventDetail("NO_INVESTABLE_ROWS:3")).toEqual({ reason: "NO_INVESTABLE_ROWS", droppedRows: 3 });
  });

  it("reads a bare reason (skips, forced sales) and leaves the count null", () => {
    expect(parseEventDetail("EMPTY_ELIGIBLE_SET")).toEqual({ reason: "EMPTY_ELIGIBLE_SET", droppedRows: null });
    expect(parseEventDetail("NOT_A_TRADING_DATE")).toEqual({ reason: "NOT_A_TRADING_DATE", droppedRows: null });
    expect(parseEventDetail("CASH")).toEqual({ reason: "CASH", droppedRows: null });
  });

  it("gives null for no detail, and never invents a reason or a count from unknown text", () => {
    expect(parseEventDetail(null)).toEqual({ reason: null, droppedRows: null });
    expect(parseEventDetail("SOMETHING:x")).toEqual({ reason: null, droppedRows: null });
    expect(parseEventDetail("toString")).toEqual({ reason: null, droppedRows: null });
    expect(parseEventDetail("HALF_RULE:1.5")).toEqual({ reason: "HALF_RULE", droppedRows: null });
  });

  it("keeps the stored fields beside the typed ones", () => {
    const row = { date: "2024-01-02", type: "DATE_DROPPED", assetId: null, detail: "HALF_RULE:7", value: null };
    expect(toIndexEvent(row)).toEqual({ ...row, reason: "HALF_RULE", droppedRows: 7 });
  });

  it("ignores repeated types and keeps null (every type) apart from [] (none)", () => {
    expect(eventTypes(["INCEPTION", "FORCED_SALE", "INCEPTION"])).toEqual(["INCEPTION", "FORCED_SALE"]);
    expect(eventTypes(null)).toBeNull();
    expect(eventTypes([])).toEqual([]);
  });
});
