import { describe, expect, it } from "vitest";
import { runSoak } from "../../../resilience/soak.js";
import { DATABASE_URL } from "../../helpers/db.js";
import { havePostgresBinaries } from "../../helpers/private-postgres.js";

const engine = DATABASE_URL && havePostgresBinaries() ? "postgres" : "pglite";

/**
 * resilience/soak.ts for 20 seconds (the script runs 10 minutes): a real `serve` at half its
 * measured peak, mixed reads, analysis and writes. Asserts what a loaded machine cannot skew:
 * no failed request, no lost write, bounded memory; latency is reported, not asserted.
 */
describe(`a short soak (${engine})`, () => {
  it("serves a mixed load without an error, a lost write or unbounded memory", async () => {
    const report = await runSoak({
      engine,
      durationS: 20,
      peakS: 6,
      warmupS: 5,
      windowS: 5,
      load: 0.5,
      concurrency: 8,
      seed: 11,
      p99Ratio: Number.POSITIVE_INFINITY,
      maxShedPct: 100,
      rssGrowthLimitPct: 50,
    });
    expect(report.failures).toEqual([]);
    expect(report.peak.failed).toBe(0);
    expect(report.soak.failed).toBe(0);
    expect(report.soak.requests).toBeGreaterThan(50);
    expect(report.writes.lostWrites).toBe(0);
    expect(report.writes.halfApplied).toBe(0);
    expect(report.rss.growthPct).toBeLessThan(50);
    expect(report.exit.code).toBe(0);
  }, 300_000);
});
