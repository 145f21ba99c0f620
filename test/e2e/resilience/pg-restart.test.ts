import { describe, expect, it } from "vitest";
import { runPgRestart } from "../../../resilience/pg-restart.js";
import { DATABASE_URL } from "../../helpers/db.js";
import { havePostgresBinaries } from "../../helpers/private-postgres.js";

/**
 * resilience/pg-restart.ts in short (the Postgres runs, with Debian's server binaries): a real
 * `serve` on a private cluster under mixed reads and atomic writes while the cluster crashes
 * (`pg_ctl stop -m immediate`, WAL replay on start) and comes back. The script runs longer and
 * also restarts it with `-m fast` (README, "Proven under faults").
 */
describe.skipIf(!DATABASE_URL || !havePostgresBinaries())("Postgres restarted under load", () => {
  it("fails fast with SERVICE_UNAVAILABLE while down, serves within 5 s of the return, loses no write", async () => {
    const report = await runPgRestart({
      cycles: 1,
      clients: 6,
      downMs: 2500,
      upMs: 6000,
      warmMs: 2500,
      seed: 7,
      modes: ["immediate"],
      queryTimeoutMs: 30_000,
    });
    expect(report.failures).toEqual([]);
    const [cycle] = report.cycles;
    expect(cycle!.whileDown.requests).toBeGreaterThan(0);
    expect(cycle!.whileDown.unavailable).toBe(cycle!.whileDown.requests);
    expect(cycle!.readyzWhileDown.status503).toBe(cycle!.readyzWhileDown.probes);
    expect(cycle!.recoveryMs).toBeLessThanOrEqual(5000);
    expect(cycle!.readyzRecoveryMs).toBeLessThanOrEqual(5000);
    expect(report.writes.lostWrites).toBe(0);
    expect(report.writes.halfApplied).toBe(0);
    expect(report.writes.priceBatches.acked).toBeGreaterThan(0);
    expect(report.exitCode).toBe(0);
  }, 300_000);
});
