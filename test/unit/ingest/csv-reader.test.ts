import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CsvSplitter, csvQuote, isGzipFile, parseFields, readCsvRecords } from "../../../src/ingest/csv-reader.js";

const split = (...chunks: string[]) => {
  const s = new CsvSplitter();
  const out = chunks.flatMap((c) => s.push(c));
  return [...out, ...s.end()];
};

async function readAll(path: string) {
  const out = [];
  for await (const recs of readCsvRecords(path)) out.push(...recs);
  return out;
}

describe("CSV splitting", () => {
  it("splits LF and CRLF lines and numbers them from the header (line 1)", () => {
    const recs = split("symbol,date,close\r\nAAA,2024-01-02,1.5\r\n", "BBB,2024-01-02,2\n");
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ["symbol", "date", "close"]],
      [2, ["AAA", "2024-01-02", "1.5"]],
      [3, ["BBB", "2024-01-02", "2"]],
    ]);
    expect(recs[1].raw).toBe("AAA,2024-01-02,1.5");
  });

  it("joins a line split across chunks and keeps a last line without a newline", () => {
    const recs = split("a,b\nAA", "A,2", "\nBBB,3");
    expect(recs.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["AAA", "2"],
      ["BBB", "3"],
    ]);
  });

  it("handles quoted fields: commas, doubled quotes, and newlines inside quotes", () => {
    const recs = split('symbol,name\nAAA,"Acme, ""the"" company"\nBBB,"two\r\nlines"\nCCC,x\n');
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ["symbol", "name"]],
      [2, ["AAA", 'Acme, "the" company']],
      [3, ["BBB", "two\nlines"]],
      [5, ["CCC", "x"]],
    ]);
  });

  it("skips blank lines, strips a UTF-8 BOM, and flags an unterminated quote at the end", () => {
    const recs = split('\uFEFFsymbol\n\n\r\nAAA\n"BBB\n');
    expect(recs.map((r) => r.fields[0])).toEqual(["symbol", "AAA", "BBB"]);
    expect(recs[2]).toMatchObject({ line: 5, error: "unterminated quoted field" });
  });

  it("parses and quotes single fields", () => {
    expect(parseFields('"",a,"b""c"')).toEqual(["", "a", 'b"c']);
    expect(csvQuote('close must be > 0, got "x"')).toBe('"close must be > 0, got ""x"""');
    expect(csvQuote("plain")).toBe("plain");
  });
});

describe("reading files", () => {
  const dir = mkdtempSync(join(tmpdir(), "csv-reader-"));
  const text = "symbol,date,close\nAAA,2024-01-02,1\nBBB,2024-01-02,2\n";

  it("reads a gzip file, detected by the .gz name or by the magic bytes alone", async () => {
    writeFileSync(join(dir, "p.csv.gz"), gzipSync(text));
    writeFileSync(join(dir, "p-compressed.csv"), gzipSync(text));
    writeFileSync(join(dir, "p.csv"), text);
    expect(await isGzipFile(join(dir, "p-compressed.csv"))).toBe(true);
    expect(await isGzipFile(join(dir, "p.csv"))).toBe(false);
    for (const name of ["p.csv.gz", "p-compressed.csv", "p.csv"]) {
      expect((await readAll(join(dir, name))).map((r) => r.fields[0])).toEqual(["symbol", "AAA", "BBB"]);
    }
  });

  it("streams a file larger than one chunk with every line numbered", async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `S${i},2024-01-02,${i + 1}`);
    writeFileSync(join(dir, "big.csv"), `symbol,date,close\n${lines.join("\n")}\n`);
    const recs = await readAll(join(dir, "big.csv"));
    expect(recs).toHaveLength(100_001);
    expect(recs[100_000]).toMatchObject({ line: 100_001, fields: ["S99999", "2024-01-02", "100000"] });
  });
});
