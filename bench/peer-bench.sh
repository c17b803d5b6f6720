#!/usr/bin/env bash
# Our router side by side with other federation gateways: copies the shared peer-bench harness
# (../shared/peer-bench, read-only) to a work directory outside the repo, installs it once, runs
# `./bench.sh apollo hive ours` with OUR router started on the bench's supergraph, and prints the
# summary table (RPS, ratio to @apollo/gateway, p50/p99, errors, gateway CPU per request).
#
#   npm run bench:peer                                   # c=50, 20 s, 2 reps
#   CONNS=1 DURATION=10 npm run bench:peer               # CPU per request at one connection
#   SUBGRAPH_DELAY_MS=50 npm run bench:peer              # 50 ms latency in every subgraph
#   TARGETS="apollo hive hive-nodedup ours" npm run bench:peer
#
# Env: PEER_BENCH_DIR (source, default ../shared/peer-bench), PEER_BENCH_WORK (default
# /tmp/supergraph-peer-bench), TARGETS, CONNS, DURATION, WARMUP, REPS, SUBGRAPH_DELAY_MS,
# OURS_NODE_OPTIONS (extra node flags for our router, e.g. --cpu-prof), OURS_ENV (extra env
# assignments for our router, e.g. "SUBGRAPH_DEDUP=0").
set -euo pipefail
# The peers' own @apollo/gateway (outside our router, which turns it off itself) would start Apollo's
# data collection (cloud metadata probes, metrics to Apollo); npm would check for its own updates.
export APOLLO_TELEMETRY_DISABLED=${APOLLO_TELEMETRY_DISABLED:-true} NPM_CONFIG_UPDATE_NOTIFIER=false
REPO=$(cd "$(dirname "$0")/.." && pwd)
SRC=${PEER_BENCH_DIR:-$REPO/../shared/peer-bench}
WORK=${PEER_BENCH_WORK:-/tmp/supergraph-peer-bench}
TARGETS=${TARGETS:-apollo hive ours}
export DURATION=${DURATION:-20} WARMUP=${WARMUP:-5} CONNS=${CONNS:-50} REPS=${REPS:-2} SUBGRAPH_DELAY_MS=${SUBGRAPH_DELAY_MS:-0}

[ -d "$SRC" ] || { echo "peer-bench not found at $SRC (set PEER_BENCH_DIR)"; exit 1; }
case "$WORK" in "$REPO"|"$REPO"/*) echo "PEER_BENCH_WORK must be outside the repo"; exit 1 ;; esac
mkdir -p "$WORK"
# Copy the harness (sources only: node_modules and results of an earlier run are kept).
(cd "$SRC" && tar --exclude=node_modules --exclude=results --exclude=logs -cf - .) | (cd "$WORK" && tar -xf -)
chmod -R u+w "$WORK"
cd "$WORK"
if [ ! -d node_modules/@apollo/gateway ] || [ ! -d node_modules/autocannon ]; then
  echo "installing peer-bench in $WORK"; npm install --no-audit --no-fund
fi
if [[ " $TARGETS " == *" hive"* ]] && [ ! -d hive/node_modules/@graphql-hive/gateway ]; then
  npm --prefix hive install --no-audit --no-fund
fi
if [[ " $TARGETS " == *" mercurius "* ]] && [ ! -d merc/node_modules/@mercuriusjs/gateway ]; then
  npm --prefix merc install --no-audit --no-fund || echo "mercurius install failed (optional)"
fi

# Our router: production mode (bench secrets, 32+ chars), anonymous callers; the bench query is
# 8 levels deep and costs ~100, well inside the default limits (MAX_DEPTH 15, MAX_COST 50000).
export OURS_CMD="cd '$REPO/router' && SUPERGRAPH_PATH=\$SUPERGRAPH PORT=21140 NODE_ENV=production LOG_LEVEL=error \
IDENTITY_SECRET=peer-bench-identity-secret-0123456789 JWT_SECRET=peer-bench-jwt-secret-0123456789abcdef \
${OURS_ENV:-} exec node ${OURS_NODE_OPTIONS:-} --import tsx src/index.ts"
export OURS_URL=http://127.0.0.1:21140/graphql

echo "peer-bench in $WORK: targets=[$TARGETS] conns=$CONNS duration=${DURATION}s reps=$REPS subgraphDelayMs=$SUBGRAPH_DELAY_MS"
LOG=$(mktemp)
# shellcheck disable=SC2086
./bench.sh $TARGETS | tee "$LOG"
OUT=$(grep -o 'results/run-[0-9T]*\.jsonl' "$LOG" | tail -1)
[ -n "$OUT" ] && [ -s "$OUT" ] || { echo "no results (see $WORK/logs)"; rm -f "$LOG"; exit 1; }
echo; echo "readiness checks (in target order; every dataHash must be 923c0cf25af9):"
paste <(printf '%s\n' $TARGETS) <(grep -E 'dataHash=|not ready' "$LOG")
rm -f "$LOG"
node src/summarize.mjs "$OUT"
# Means per target and ratios to apollo and hive, measured in this same run.
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const by = {}; for (const r of rows) (by[r.target] ??= []).push(r);
const mean = (a, k) => a.reduce((s, r) => s + r[k], 0) / a.length;
const base = by.apollo ? mean(by.apollo, "rps") : null, hive = by.hive ? mean(by.hive, "rps") : null;
// bytes per response (from throughput): every gateway must send the same ~64 KB answer; a gateway
// that answers errors under load would show far fewer (the readiness check runs only once).
console.log("\n| target | RPS (mean) | x apollo | x hive | CPU ms/req | p50 ms | p99 ms | errors/non2xx/timeouts | bytes/resp |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const [t, a] of Object.entries(by)) {
  const rps = mean(a, "rps");
  console.log(`| ${t} | ${rps.toFixed(1)} | ${base ? (rps / base).toFixed(2) : "-"} | ${hive ? (rps / hive).toFixed(2) : "-"} | ${mean(a, "cpuMsPerReq").toFixed(2)} | ${mean(a, "lat_p50").toFixed(0)} | ${mean(a, "lat_p99").toFixed(0)} | ${a.reduce((s, r) => s + r.errors, 0)}/${a.reduce((s, r) => s + r.non2xx, 0)}/${a.reduce((s, r) => s + r.timeouts, 0)} | ${Math.round(mean(a, "kbPerSec") * 1024 / rps)} |`);
}' "$OUT"
echo "results: $WORK/$OUT"
