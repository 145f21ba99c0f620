import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addDays } from "../../../src/shared/dates.js";

/** `autoindex import …` and `autoindex recompute` as a user runs them, against a throw-away PGlite directory. */
describe("autoindex import / recompute (CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "autoindex-import-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH, NODE_ENV: "test", AUTOINDEX_DATA_DIR: join(dir, "db"), LOG_LEVEL: "silent" };
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["bin/autoindex.js", ...args], { env, encoding: "utf8", timeout: 120_000 });

  // Three assets, 90 calendar days of closes (weekends included: the calendar is whatever has rows).
  const prices = ["symbol,date,close"];
  for (const [k, sym] of ["AAA", "BBB", "CCC"].entries())
    for (let d = 0; d < 90; d++)
      prices.push(`${sym},${addDays("2024-01-01", d)},${(10 + k + Math.sin(d / 3 + k)).toFixed(4)}`);
  const good = join(dir, "prices.csv");
  writeFileSync(good, `${prices.join("\n")}\n`);
  const bad = join(dir, "bad.csv");
  writeFileSync(
    bad,
    `${[...prices.slice(0, 40), "BBB,2024-13-01,12", "CCC,2024-02-01,-3", ...prices.slice(40)].join("\n")}\n`,
  );
  writeFileSync(
    join(dir, "assets.csv"),
    "symbol,name,sector\nAAA,Alpha,Energy\nBBB,Beta,Energy\nCCC,Gamma,Utilities\n",
  );

  it("imports, refuses a bad file naming its lines, skips them on request, and recomputes", () => {
    const assets = cli("import", "assets", join(dir, "assets.csv"), "--quiet");
    expect(assets.status, assets.stderr).toBe(0);
    expect(assets.stdout).toMatch(/inserted\D+3/);
    // A plain import says that the index and dataQuality do not show it until a recompute.
    expect(assets.stdout).toContain("not yet in the index or dataQuality: both are derived by a recompute");

    const refused = cli("import", "prices", bad, "--quiet");
    expect(refused.status).toBe(1);
    expect(refused.stderr + refused.stdout).toMatch(/line 41/);
    expect(refused.stderr + refused.stdout).toMatch(/line 42/);

    const out = join(dir, "rejected.csv");
    const skipped = cli("import", "prices", bad, `--skip-invalid=${out}`, "--recompute", "--quiet");
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stdout).toMatch(/inserted\D+270/);
    expect(skipped.stdout).toMatch(/index recomputed: 90 trading dates/);
    expect(skipped.stdout).not.toContain("not yet in the index");
    const rejected = readFileSync(out, "utf8");
    expect(rejected).toMatch(/BBB,2024-13-01,12,41,/);
    expect(rejected).toMatch(/CCC,2024-02-01,-3,42,/);

    const again = cli("recompute", "--json");
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ tradingDates: 90, latestDate: "2024-03-30" });

    expect(cli("import", "bonds", good).status).toBe(2);
    expect(cli("import", "prices", join(dir, "missing.csv")).status).not.toBe(0);
  }, 400_000);

  it("--skip-invalid without a path writes the rejected lines to the working directory, not beside the input, " +
    "and says where", () => {
    // Another working directory (inside the checkout only so that the source runner, which
    // resolves its loader from the working directory, finds node_modules).
    const cache = join(process.cwd(), "node_modules/.cache");
    mkdirSync(cache, { recursive: true });
    const work = mkdtempSync(join(cache, "autoindex-cwd-"));
    try {
      // The input's directory (which may be read-only or shared) gets nothing.
      const bin = join(process.cwd(), "bin/autoindex.js");
      const run = spawnSync(process.execPath, [bin, "import", "prices", bad, "--skip-invalid", "--quiet"], {
        env: { ...env, SWC_NODE_PROJECT: join(process.cwd(), "tsconfig.json") },
        cwd: work,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const out = join(work, "bad.csv.rejected.csv");
      expect(run.stdout).toContain(`rejected lines written to ${out}`);
      expect(readFileSync(out, "utf8")).toMatch(/BBB,2024-13-01,12,41,/);
      expect(existsSync(`${bad}.rejected.csv`)).toBe(false);
      // Every line was already imported: nothing changed, so nothing is pending either.
      expect(run.stdout).not.toContain("not yet in the index");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 200_000);
});
