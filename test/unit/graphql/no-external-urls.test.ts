import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isScalarType } from "graphql";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { getSchema } from "../../../src/graphql/schema.js";
import { ownTypes, schemaElements } from "../../helpers/schema-elements.js";

const URL_PATTERN = /\bhttps?:\/\/[^\s"'`)]*/gi;
const HAS_URL = /\bhttps?:\/\//i;
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * String literals in src/ that hold a URL and never reach a client as text to follow, each with
 * why. Anything else with a URL (an error message, an extension, a description) fails: point at
 * a docs/ file instead.
 */
const SOURCE_ALLOWLIST: { file: string; url: string; why: string }[] = [
  { file: "src/http/handler.ts", url: "http://localhost", why: "the base URL to parse a request path" },
  { file: "src/live/ws-server.ts", url: "http://localhost", why: "the base URL to parse an upgrade's path" },
  { file: "src/http/server.ts", url: "http://", why: "the address the server logs when it listens" },
  { file: "src/config.ts", url: "https://app.example.com", why: "an example origin in a startup config error" },
];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return nested.flat().filter((f) => f.endsWith(".ts"));
}

/** The text of every string literal and template part of a file (comments are not string literals). */
function stringLiterals(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

describe("no client-visible text points at documents outside the repository", () => {
  it("the schema: descriptions, deprecation reasons and specifiedBy URLs", async () => {
    const schema = await getSchema();
    const texts = schemaElements(schema).flatMap((e) => [
      [e.coordinate, e.description ?? ""],
      [`${e.coordinate} (deprecation)`, e.deprecationReason ?? ""],
    ]);
    for (const t of ownTypes(schema))
      if (isScalarType(t)) texts.push([`${t.name} (specifiedByURL)`, t.specifiedByURL ?? ""]);
    const withUrls = texts.filter(([, text]) => HAS_URL.test(text)).map(([where, text]) => `${where}: ${text}`);
    expect(withUrls).toEqual([]);
  });

  it("src/: error messages, extensions and every other string literal, but for the allowlist", async () => {
    const found: string[] = [];
    const allowedSeen = new Set<string>();
    for (const path of await sourceFiles(join(ROOT, "src"))) {
      const file = relative(ROOT, path).split("\\").join("/");
      for (const literal of stringLiterals(path, await readFile(path, "utf8"))) {
        for (const url of literal.match(URL_PATTERN) ?? []) {
          const allowed = SOURCE_ALLOWLIST.find((a) => a.file === file && url.startsWith(a.url));
          if (allowed) allowedSeen.add(`${allowed.file} ${allowed.url}`);
          else found.push(`${file}: ${literal}`);
        }
      }
    }
    expect(found, "link a docs/ file instead of an external URL").toEqual([]);
    // Each allowlist entry still matches something: a stale one would hide nothing but confuse.
    expect([...allowedSeen].sort()).toEqual(SOURCE_ALLOWLIST.map((a) => `${a.file} ${a.url}`).sort());
  });

  it("the scanner finds a URL in a message, a template and an extension (it can fail)", () => {
    const sample = [
      'throw badInput("see https://example.org/docs");',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the scanner, not a template
      "const m = `details at http://example.org/${x} now`;",
      'new AppError(ErrorCode.CONFLICT, "x", { help: "https://example.org" });',
      "// a comment with https://example.org is not client-visible",
    ].join("\n");
    const urls = stringLiterals("sample.ts", sample).flatMap((s) => s.match(URL_PATTERN) ?? []);
    expect(urls).toEqual(["https://example.org/docs", "http://example.org/", "https://example.org"]);
  });
});
