import { describe, expect, it } from "vitest";
import { runSigkill } from "../../../resilience/sigkill.js";
import { DATABASE_URL } from "../../helpers/db.js";
import { havePostgresBinaries } from "../../helpers/private-postgres.js";

const engine = DATABASE_URL && havePostgresBinaries() ? "postgres" : "pglite";

/**
 * resilience/sigkill.ts in short: `autoindex import prices` and `autoindex recompute` killed
 * with SIGKILL at random moments (PGlite data directory, or a private Postgres cluster in the
 * Postgres runs): the database holds the old or the new state, never a mix, and the next
 * process (and finally a server) starts on it without help.
 */
describe(`SIGKILL during an import and a recompute (${engine})`, () => {
  it("leaves the old state or the new one, and a clean next start", async () => {
    const report = await runSigkill({ engine, kills: 1, days: 150, seed: 5 });
    expect(report.failures).toEqual([]);
    for (const k of [...report.import.kills, ...report.recompute.kills]) expect(k.state).not.toBe("mix");
    expect(report.import.kills).toHaveLength(1);
    expect(report.recompute.kills).toHaveLength(1);
    expect(report.nextStart.ok).toBe(true);
  }, 600_000);
});
