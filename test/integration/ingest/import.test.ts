import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { upsertAssets } from "../../../src/assets/asset.repo.js";
import { ImportFileError } from "../../../src/ingest/columns.js";
import { ImportRejectedError, type ImportSummary } from "../../../src/ingest/import-summary.js";
import { createTestDb, ENGINE, type TestDb } from "../../helpers/db.js";
import { importFile } from "../../helpers/services.js";

const dir = mkdtempSync(join(tmpdir(), "import-"));
let n = 0;
const file = (text: string, name = `f${n++}.csv`) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const csv = (...lines: string[]) => `${lines.join("\n")}\n`;

async function refused(p: Promise<unknown>): Promise<ImportSummary> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportRejectedError);
  return (err as ImportRejectedError).summary;
}

describe(`CSV import service (${ENGINE})`, () => {
  let t: TestDb;
  const prices = () =>
    t.db
      .selectFrom("prices")
      .innerJoin("assets", "assets.id", "prices.asset_id")
      .select(["symbol", "date", "close", "prices.updated_at"])
      .orderBy("symbol")
      .orderBy("date")
      .execute();
  beforeAll(async () => (t = await createTestDb()));
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.reset();
    await upsertAssets(t.db, [{ symbol: "AAA" }, { symbol: "BBB" }]);
  });

  it(
    "is idempotent: the second import inserts and updates " + "nothing and leaves rows (and updated_at) alone",
    async () => {
      const lines = [
        "symbol,date,close",
        ...Array.from(
          { length: 25 },
          (_, i) => `${i % 2 ? "AAA" : "BBB"},2024-01-${String(i + 1).padStart(2, "0")},${10 + i}`,
        ),
      ];
      const f = file(csv(...lines));
      const first = await importFile(t.db, "prices", f, { batchSize: 4 });
      expect(first).toMatchObject({
        committed: true,
        linesRead: 25,
        inserted: 25,
        updated: 0,
        unchanged: 0,
        rejected: 0,
      });
      const before = await prices();
      const second = await importFile(t.db, "prices", f, { batchSize: 4 });
      expect(second).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 25 });
      expect(await prices()).toEqual(before);
    },
  );

  it("counts a changed close as updated", async () => {
    await importFile(t.db, "prices", file(csv("symbol,date,close", "AAA,2024-01-02,1", "AAA,2024-01-03,2")));
    const s = await importFile(
      t.db,
      "prices",
      file(csv("symbol,date,close", "AAA,2024-01-02,1.5", "AAA,2024-01-03,2", "AAA,2024-01-04,3")),
    );
    expect(s).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
  });

  it(
    "is all-or-nothing: a bad line in the middle leaves " + "the database as it was, and every bad line is named",
    async () => {
      await importFile(t.db, "prices", file(csv("symbol,date,close", "AAA,2024-01-02,1")));
      const before = await prices();
      const good = Array.from(
        { length: 30 },
        (_, i) => `BBB,2024-02-${String((i % 28) + 1).padStart(2, "0")},${i + 1}`,
      ).slice(0, 28);
      const f = file(
        csv(
          "symbol,date,close",
          "AAA,2024-01-02,99",
          ...good.slice(0, 14),
          "BBB,2024-03-01,-1",
          ...good.slice(14),
          "ZZZ,2024-01-02,1",
        ),
      );
      const s = await refused(importFile(t.db, "prices", f, { batchSize: 5 }));
      expect(s.committed).toBe(false);
      expect(s.problems).toEqual([
        { line: 17, code: "non-positive close", reason: "close must be > 0, got -1" },
        { line: 32, code: "unknown symbol", reason: expect.stringContaining("unknown symbol ZZZ") },
      ]);
      expect(s.rejectedByReason).toEqual({ "non-positive close": 1, "unknown symbol": 1 });
      expect(await prices()).toEqual(before);
    },
  );

  it("rejects each invalid line with its reason", async () => {
    const f = file(
      csv(
        "symbol,date,close",
        "AAA,2024-01-02,1",
        "aaa,2024-01-02,1",
        "AAA,2024-02-30,1",
        "AAA,2024-01-03,0",
        "AAA,2024-01-04,abc",
        "AAA,2024-01-05,Infinity",
        "AAA,2024-01-06",
        "ZZZ,2024-01-02,1",
      ),
    );
    const s = await refused(importFile(t.db, "prices", f));
    expect(s.problems.map((p) => [p.line, p.code])).toEqual([
      [3, "invalid symbol"],
      [4, "invalid date"],
      [5, "non-positive close"],
      [6, "invalid close"],
      [7, "invalid close"],
      [8, "wrong field count"],
      [9, "unknown symbol"],
    ]);
    expect(await prices()).toEqual([]);
  });

  it(
    "treats an identical repeat as a harmless duplicate " + "and a conflicting one as an error naming both lines",
    async () => {
      const ok = await importFile(
        t.db,
        "prices",
        file(csv("symbol,date,close", "AAA,2024-01-02,1", "BBB,2024-01-02,2", "AAA,2024-01-02,1")),
        { batchSize: 1 },
      );
      expect(ok).toMatchObject({ committed: true, inserted: 2, duplicates: 1, rejected: 0 });
      await t.reset();
      await upsertAssets(t.db, [{ symbol: "AAA" }]);
      const s = await refused(
        importFile(
          t.db,
          "prices",
          file(csv("symbol,date,close", "AAA,2024-01-02,1", "AAA,2024-01-03,1", "AAA,2024-01-02,1.01")),
          { batchSize: 1 },
        ),
      );
      expect(s.problems).toEqual([
        {
          line: 4,
          code: "conflicting duplicate",
          reason: "conflicts with line 2: same symbol and date, different values",
        },
      ]);
      expect(await prices()).toEqual([]);
    },
  );

  it(
    "--skip-invalid loads the good lines and writes the bad ones (original line, line number, reason) to a " + "file",
    async () => {
      const f = file(
        csv("symbol,date,close", "AAA,2024-01-02,1", 'AAA,2024-01-03,"0"', "BBB,2024-01-02,2", "AAA,2024-01-02,3"),
      );
      const s = await importFile(t.db, "prices", f, { skipInvalid: true, rejectedFile: `${f}.bad.csv` });
      expect(s).toMatchObject({ committed: true, inserted: 2, rejected: 2, rejectedFile: `${f}.bad.csv` });
      expect(readFileSync(`${f}.bad.csv`, "utf8")).toBe(
        'symbol,date,close,line,reason\nAAA,2024-01-03,"0",3,"close must be > 0, got ' +
          '0"\nAAA,2024-01-02,3,5,"conflicts with line 2: same symbol and date, different values"\n',
      );
      expect((await prices()).map((p) => [p.symbol, p.close])).toEqual([
        ["AAA", 1],
        ["BBB", 2],
      ]);
    },
  );

  it("reads gzip, quoted fields, CRLF endings and columns in another order", async () => {
    const text = 'close,"symbol",date,note\r\n"1.5",AAA,2024-01-02,"a, b"\r\n2,"BBB",2024-01-02,\r\n';
    const s = await importFile(t.db, "prices", file(gzipSync(text) as unknown as string, "p.csv.gz"));
    expect(s).toMatchObject({ committed: true, inserted: 2, rejected: 0 });
    expect((await prices()).map((p) => [p.symbol, p.date, p.close])).toEqual([
      ["AAA", "2024-01-02", 1.5],
      ["BBB", "2024-01-02", 2],
    ]);
  });

  it("refuses a file without a required column, and an empty file", async () => {
    await expect(importFile(t.db, "prices", file(csv("symbol,day,close", "AAA,2024-01-02,1")))).rejects.toThrow(
      /missing required column date/,
    );
    await expect(importFile(t.db, "prices", file(""))).rejects.toThrow(ImportFileError);
    await expect(importFile(t.db, "prices", join(dir, "nope.csv"))).rejects.toThrow(/no such file/);
  });

  it("imports market caps with validation and idempotence", async () => {
    const f = file(
      csv(
        "symbol,date,market_cap,shares_outstanding,free_float,average_volume",
        "AAA,2024-01-02,1e9,1e8,0.8,",
        "BBB,2024-01-02,,,,",
      ),
    );
    expect(await importFile(t.db, "market-caps", f)).toMatchObject({ inserted: 2, rejected: 0 });
    expect(await importFile(t.db, "market-caps", f)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const bad = await refused(
      importFile(t.db, "market-caps", file(csv("symbol,date,free_float", "AAA,2024-01-03,1.5", "AAA,2024-01-04,0"))),
    );
    expect(bad.problems.map((p) => p.code)).toEqual(["invalid free_float", "invalid free_float"]);
    const rows = await t.db
      .selectFrom("market_cap_data")
      .select(["date", "market_cap", "free_float"])
      .orderBy("asset_id")
      .execute();
    expect(rows).toEqual([
      { date: "2024-01-02", market_cap: 1e9, free_float: 0.8 },
      { date: "2024-01-02", market_cap: null, free_float: null },
    ]);
  });

  it("imports assets: absent columns keep stored values, re-import is unchanged", async () => {
    await upsertAssets(t.db, [{ symbol: "AAA", name: "Alpha", sector: "Old" }]);
    const f = file(csv("symbol,sector", "AAA,Energy", "CCC,", "CCC,"));
    expect(await importFile(t.db, "assets", f)).toMatchObject({ inserted: 1, updated: 1, unchanged: 0, duplicates: 1 });
    expect(await importFile(t.db, "assets", f)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const rows = await t.db
      .selectFrom("assets")
      .select(["symbol", "name", "sector", "investable"])
      .orderBy("symbol")
      .execute();
    expect(rows).toEqual([
      { symbol: "AAA", name: "Alpha", sector: "Energy", investable: true },
      { symbol: "BBB", name: null, sector: null, investable: true },
      { symbol: "CCC", name: null, sector: null, investable: true },
    ]);
    const flags = await importFile(t.db, "assets", file(csv("investable,symbol", "false,BBB")));
    expect(flags).toMatchObject({ updated: 1 });
  });
});
