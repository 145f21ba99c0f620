// Copies GraphiQL's UMD files next to the compiled server (dist/playground), so a production
// install needs neither graphiql nor react (they are devDependencies).
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const files = [
  ["react", "umd/react.production.min.js"],
  ["react-dom", "umd/react-dom.production.min.js"],
  ["graphiql", "graphiql.min.js"],
  ["graphiql", "graphiql.min.css"],
  ["graphql-ws", "umd/graphql-ws.min.js"],
];
const out = path.resolve("dist/playground");
mkdirSync(out, { recursive: true });
for (const [mod, file] of files) {
  copyFileSync(
    path.join(path.dirname(require.resolve(`${mod}/package.json`)), file),
    path.join(out, path.basename(file)),
  );
}
console.log(`playground assets copied to ${out}`);
