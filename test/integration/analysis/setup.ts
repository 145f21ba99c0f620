import { createTestApp, type TestApp } from "../../helpers/db.js";
import { execute } from "../../helpers/execute.js";
import { recomputeIndex, seedDemoData } from "../../helpers/services.js";

/** A test app holding the demo universe and its computed index (seconds: call once per file). */
export async function demoApp(): Promise<TestApp> {
  const t = await createTestApp();
  await seedDemoData(t.db);
  await recomputeIndex(t.db);
  return t;
}

/** Runs a query and returns its data, failing on any error. */
export async function gql(t: TestApp, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await execute(t.app, query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** The error of a query that must fail: its code and the field it names. */
export async function failure(t: TestApp, query: string, variables: Record<string, unknown> = {}) {
  const res = await execute(t.app, query, variables);
  const err = res.errors?.[0];
  return { code: err?.extensions?.code, field: err?.extensions?.field, data: res.data };
}

/** The stored levels by date. */
export async function levels(t: TestApp): Promise<Map<string, { value: number; bench: number | null }>> {
  const rows = await t.db
    .selectFrom("index_values")
    .select(["date", "value", "benchmark_close"])
    .orderBy("date")
    .execute();
  return new Map(rows.map((r) => [r.date, { value: r.value, bench: r.benchmark_close }]));
}
