import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportRejectedError } from "../../src/ingest/import-summary.js";
import { createTestDb, ENGINE, type TestDb } from "../helpers/db.js";
import { importFile } from "../helpers/services.js";

// The real data set lives next to the repository (../shared); the test is skipped without it.
const DATA = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/data/sp500-2015-2019");

describe.skipIf(!existsSync(join(DATA, "prices.csv.gz")))(`S&P 500 2015-2019 import (${ENGINE})`, () => {
  let t: TestDb;
  const priceCount = async () =>
    Number(
      (
        await t.db
          .selectFrom("prices")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    t = await createTestDb();
    const assets = await importFile(t.db, "assets", join(DATA, "assets.csv"));
    expect(assets).toMatchObject({ committed: true, inserted: 482, rejected: 0 });
  });
  afterAll(() => t?.close());

  it("refuses the file by default, naming the non-positive close, and writes nothing", async () => {
    const err = await importFile(t.db, "prices", join(DATA, "prices.csv.gz")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejectedError);
    const s = (err as ImportRejectedError).summary;
    // CBS 2019-12-04 appears twice: 40.77 on line 99542, then 0 on line 99543. The 0 is refused as a
    // non-positive close (an invalid line never counts as a repeat); STI and VIAB repeat identically.
    expect(s.problems).toEqual([{ line: 99543, code: "non-positive close", reason: "close must be > 0, got 0" }]);
    expect(s).toMatchObject({ committed: false, linesRead: 592_358, rejected: 1, duplicates: 2, inserted: 0 });
    expect(await priceCount()).toBe(0);
  }, 600_000);

  it("--skip-invalid loads every valid distinct price (592,355) and says what it skipped and why", async () => {
    const rejectedFile = join(mkdtempSync(join(tmpdir(), "sp500-")), "rejected.csv");
    const s = await importFile(t.db, "prices", join(DATA, "prices.csv.gz"), { skipInvalid: true, rejectedFile });
    expect(s).toMatchObject({
      committed: true,
      linesRead: 592_358,
      inserted: 592_355,
      updated: 0,
      unchanged: 0,
      duplicates: 2,
      rejected: 1,
      rejectedByReason: { "non-positive close": 1 },
    });
    expect(readFileSync(rejectedFile, "utf8")).toBe(
      'symbol,date,close,line,reason\nCBS,2019-12-04,0,99543,"close must be > 0, got 0"\n',
    );
    expect(await priceCount()).toBe(592_355);
    const cbs = await t.db
      .selectFrom("prices")
      .innerJoin("assets", "assets.id", "prices.asset_id")
      .select("close")
      .where("symbol", "=", "CBS")
      .where("date", "=", "2019-12-04")
      .execute();
    expect(cbs).toEqual([{ close: 40.77 }]);
    console.log(
      `sp500 --skip-invalid import on ${ENGINE}: ${s.seconds.toFixed(1)} s (${Math.round(s.rowsPerSecond)} rows/s)`,
    );
  }, 600_000);
});
