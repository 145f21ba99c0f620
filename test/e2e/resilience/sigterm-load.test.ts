import { describe, expect, it } from "vitest";
import { runSigterm } from "../../../resilience/sigterm.js";
import { DATABASE_URL } from "../../helpers/db.js";
import { havePostgresBinaries } from "../../helpers/private-postgres.js";

const engine = DATABASE_URL && havePostgresBinaries() ? "postgres" : "pglite";

/**
 * resilience/sigterm.ts in short: SIGTERM to a real `serve` (PGlite, or a private Postgres
 * cluster in the Postgres runs) under 16 concurrent clients of mixed size, half on keep-alive
 * connections, half opening one per request, with price writes among the reads.
 */
describe(`SIGTERM under load (${engine})`, () => {
  it("answers every request in flight, refuses new ones, exits 0 within the shutdown timeout", async () => {
    const report = await runSigterm({
      engine,
      rounds: 1,
      clients: 16,
      loadMs: 1500,
      shutdownTimeoutMs: 15_000,
      seed: 3,
    });
    expect(report.failures).toEqual([]);
    const [round] = report.rounds;
    expect(round!.inFlight).toBeGreaterThan(0);
    expect(round!.inFlightAnswered).toBe(round!.inFlight);
    expect(round!.after.other).toBe(0);
    expect(round!.after.refused).toBeGreaterThan(0);
    expect(round!.exitCode).toBe(0);
    expect(round!.exitMs).toBeLessThanOrEqual(15_000);
    expect(report.writes.lostWrites).toBe(0);
  }, 300_000);
});
