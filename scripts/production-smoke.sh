#!/usr/bin/env bash
# Production start, as an operator does it (README, "Deploying"): the committed tree copied
# aside, `npm ci`, `npm run build`, `npm prune --omit=dev` (no devDependencies left), then
# `node bin/autoindex.js serve` with NODE_ENV unset (= production) on an in-memory PGlite. It must
# answer /readyz, a GraphQL query and the dashboard (page and script), refuse to start without
# JWT_SECRET, and exit 0 on SIGTERM.
# Run by .ci/run; exits non-zero naming the step that failed.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "production start: FAILED: $*" >&2; exit 1; }

git -C "$src" archive HEAD | tar -x -C "$work"
cd "$work"
npm ci --no-audit --no-fund --loglevel=error >/dev/null || fail "npm ci"
npm run build --silent >/dev/null || fail "npm run build"
npm prune --omit=dev --no-audit --no-fund --loglevel=error >/dev/null || fail "npm prune --omit=dev"
[ ! -e node_modules/typescript ] && [ ! -e node_modules/@swc-node/register ] && [ ! -e node_modules/vitest ] \
  || fail "devDependencies are still installed"
[ -f dist/src/cli/main.js ] || fail "dist/ has no compiled entry point"

# Production refuses to serve with a generated secret.
if env -u NODE_ENV -u JWT_SECRET -u DATABASE_URL AUTOINDEX_DATA_DIR=memory:// PORT=0 \
  timeout 60 node bin/autoindex.js serve >/dev/null 2>&1; then
  fail "serve started in production without JWT_SECRET"
fi

port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1",
  () => { console.log(s.address().port); s.close(); })')"
secret="$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64"))')"
env -u NODE_ENV -u DATABASE_URL JWT_SECRET="$secret" PORT="$port" HOST=127.0.0.1 \
  AUTOINDEX_DATA_DIR=memory:// LOG_LEVEL=warn \
  node bin/autoindex.js serve >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "serve exited before it was ready"; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || fail "/readyz did not answer 200 within 90 s"
answer="$(curl -sf -X POST "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ assets(first: 1) { totalCount } }"}')" || fail "POST /graphql"
[ "$answer" = '{"data":{"assets":{"totalCount":0}}}' ] || fail "unexpected answer: $answer"
# The dashboard is served from dist/dashboard (built by npm run build; Vite is not installed now).
page="$(curl -sf "http://127.0.0.1:$port/dashboard")" || fail "GET /dashboard"
script="$(printf '%s' "$page" | grep -o '/dashboard/assets/[A-Za-z0-9_.-]*\.js' | head -n1)"
[ -n "$script" ] || fail "/dashboard names no script"
curl -sf -o /dev/null "http://127.0.0.1:$port$script" || fail "GET $script"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" = 0 ] || fail "serve exited $status on SIGTERM"
echo "production start: ok (build, install without devDependencies ($(du -sm node_modules | cut -f1) MB)," \
  "serve, query, SIGTERM)"
