import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE } from "../helpers/db.js";
import { startTestServer, type TestServer } from "../helpers/http.js";

/** GRAPHQL_INTROSPECTION=off (the production default) refuses introspection and hides "Did you mean …?" suggestions. */
describe(`introspection setting over HTTP (${ENGINE})`, () => {
  let on: TestServer;
  let off: TestServer;
  beforeAll(async () => {
    on = await startTestServer({ GRAPHQL_INTROSPECTION: "on" });
    off = await startTestServer({ GRAPHQL_INTROSPECTION: "off" });
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
  });

  const INTROSPECT = `{ __schema { queryType { name } } }`;
  const TYPO = `{ strategyConfg { version } }`;

  it("on: introspection answers and validation errors suggest the field", async () => {
    expect((await on.post(INTROSPECT)).body.data.__schema.queryType.name).toBe("Query");
    expect((await on.post(TYPO)).body.errors[0].message).toMatch(/Did you mean "strategyConfig"/);
  });

  it("off: introspection is a validation error and no error names a field it was not sent", async () => {
    const intro = await off.post(INTROSPECT);
    expect(intro.body.data).toBeUndefined();
    expect(intro.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await off.post(TYPO);
    expect(typo.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean|strategyConfig"/);
  });
});
