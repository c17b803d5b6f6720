#!/usr/bin/env bash
# Subscription fan-out, our router side by side with Hive Gateway, in ONE run (same machine, same
# load, same subgraphs): ../shared/peer-bench's events subgraph publishes ticks over graphql-ws,
# and its probe (src/sub-fanout.mjs) subscribes N graphql-ws clients through each gateway.
#
#   npm run bench:subscriptions:peer            # env: N=1000 BARE_EVENTS=20 ENTITY_EVENTS=10 ROUNDS=1
#
# Scenarios (per gateway, alternating hive/ours so both see the same background load):
#   bare    `subscription { tick { seq sentAt } }`, 20 events 250 ms apart
#   entity  `tick { ... product { upc name price inStock } }`: name/price from `products`,
#           inStock from `inventory` (two other subgraphs), 10 events 1 s apart
# The probe connects anonymously, so our router runs with SUBSCRIPTIONS_ALLOW_ANONYMOUS=true.
# Work happens in a copy (SUB_BENCH_TMP, default /tmp/supergraph-sub-bench; PEER_BENCH_DIR is the
# source, default ../shared/peer-bench), installed once and reused. Every process started here is
# stopped on exit (by process group of the PIDs it started).
set -euo pipefail
# The peers' own @apollo/gateway (outside our router, which turns it off itself) would start Apollo's
# data collection (cloud metadata probes, metrics to Apollo); npm would check for its own updates.
export APOLLO_TELEMETRY_DISABLED=${APOLLO_TELEMETRY_DISABLED:-true} NPM_CONFIG_UPDATE_NOTIFIER=false

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER_BENCH_DIR="${PEER_BENCH_DIR:-$ROOT/../shared/peer-bench}"
WORK="${SUB_BENCH_TMP:-/tmp/supergraph-sub-bench}"
N="${N:-1000}"
BARE_EVENTS="${BARE_EVENTS:-20}"
ENTITY_EVENTS="${ENTITY_EVENTS:-10}"
ROUNDS="${ROUNDS:-1}"
HIVE_PORT=21125
OURS_PORT="${OURS_PORT:-21161}"   # 21140-21144 are taken by the router-vs-gateways HTTP bench

[ -d "$PEER_BENCH_DIR/src" ] || { echo "peer-bench not found at $PEER_BENCH_DIR (set PEER_BENCH_DIR)" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

mkdir -p "$WORK"
# Refresh the sources (the originals are read-only), keep node_modules.
chmod -R u+w "$WORK" 2>/dev/null || true
(cd "$PEER_BENCH_DIR" && tar --exclude=node_modules --exclude=results --exclude=logs -cf - .) | (cd "$WORK" && tar -xf -)
chmod -R u+w "$WORK"
cd "$WORK"
if [ ! -d node_modules/@apollo/composition ]; then echo "installing peer-bench in $WORK ..." >&2; npm install --no-audit --no-fund >&2; fi
if [ ! -d hive/node_modules/@graphql-hive/gateway ]; then echo "installing Hive Gateway in $WORK/hive ..." >&2; npm --prefix hive install --no-audit --no-fund >&2; fi
node src/compose.mjs --with-events >&2
mkdir -p logs results
RESULTS="results/sub-peer-$(date +%Y%m%d-%H%M%S).jsonl"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME CMD...: its own process group (setsid), so the group is what is stopped.
start() {
  local name=$1; shift
  setsid "$@" >"logs/$name.log" 2>&1 &
  PIDS+=($!)
}
# wait_graphql URL: until `{ __typename }` answers (max 60 s).
wait_graphql() {
  node -e '
    const url = process.argv[1]; const until = Date.now() + 60_000;
    (async () => { for (;;) { try { const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) }); if (r.ok) return; } catch {} if (Date.now() > until) { console.error("not ready: " + url); process.exit(1); } await new Promise((r) => setTimeout(r, 250)); } })();
  ' "$1"
}
rss_mb() { ps -o rss= -g "$1" 2>/dev/null | awk '{s+=$1} END {printf "%.0f", s/1024}'; }

# The subgraph ports are fixed by peer-bench (21101-21105); another peer-bench run would collide.
for port in 21101 21102 21103 21104 21105 $HIVE_PORT $OURS_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use (another peer-bench run?); try again when it is free" >&2; exit 1; fi
done
start events node src/events-subgraph.mjs
start subgraphs node src/subgraphs.mjs
wait_graphql http://127.0.0.1:21105/graphql
wait_graphql http://127.0.0.1:21102/graphql

(cd sub && exec setsid env NODE_ENV=production node ../hive/node_modules/@graphql-hive/gateway/dist/bin.js supergraph --host 127.0.0.1 --port $HIVE_PORT --fork 1 >"$WORK/logs/hive.log" 2>&1) &
HIVE_PID=$!
PIDS+=("$HIVE_PID")
(cd "$ROOT/router" && exec setsid env SUPERGRAPH_PATH="$WORK/supergraph-events.graphql" PORT=$OURS_PORT HOST=127.0.0.1 NODE_ENV=production \
  IDENTITY_SECRET=bench-identity-secret-0123456789abcdef JWT_SECRET=bench-jwt-secret-0123456789abcdef0123 LOG_LEVEL=error \
  SUBSCRIPTIONS_ALLOW_ANONYMOUS=true node --import tsx src/index.ts >"$WORK/logs/ours.log" 2>&1) &
OURS_PID=$!
PIDS+=("$OURS_PID")
wait_graphql "http://127.0.0.1:$HIVE_PORT/graphql"
wait_graphql "http://127.0.0.1:$OURS_PORT/graphql"
echo "subgraphs, Hive Gateway (pid $HIVE_PID, :$HIVE_PORT) and our router (pid $OURS_PID, :$OURS_PORT) ready; N=$N, rounds=$ROUNDS" >&2

probe() { # gateway scenario
  local gw=$1 scenario=$2 port pid out
  if [ "$gw" = hive ]; then port=$HIVE_PORT; pid=$HIVE_PID; else port=$OURS_PORT; pid=$OURS_PID; fi
  if [ "$scenario" = bare ]; then
    out=$(timeout 300 node src/sub-fanout.mjs "ws://127.0.0.1:$port/graphql" "$N" "$BARE_EVENTS" 2>>logs/probe.log | tail -1)
  else
    out=$(EMIT_MS=1000 timeout 300 node src/sub-fanout.mjs "ws://127.0.0.1:$port/graphql" "$N" "$ENTITY_EVENTS" --entity 2>>logs/probe.log | tail -1)
  fi
  [ -n "$out" ] || out='{"failed":true}'
  echo "{\"gateway\":\"$gw\",\"scenario\":\"$scenario\",\"rssMb\":$(rss_mb "$pid"),\"result\":$out}" | tee -a "$RESULTS" >&2
  sleep 2
}

for _ in $(seq "$ROUNDS"); do
  for scenario in bare entity; do
    probe hive "$scenario"
    probe ours "$scenario"
  done
done

echo
echo "Subscription fan-out, $N graphql-ws subscribers, one run ($(nproc) cores, node $(node -v), $(date -u +%Y-%m-%dT%H:%MZ)):"
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const name = { hive: "Hive Gateway 2.15 (--fork 1)", ours: "our router" };
  const sc = { bare: "bare event", entity: "event + entity fields from 2 subgraphs" };
  console.log("| gateway | scenario | events | p50 ms | p90 ms | p99 ms | max ms | delivered/expected | errors | gateway RSS after |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const { gateway, scenario, rssMb, result: r } of rows) {
    if (r.failed) { console.log(`| ${name[gateway]} | ${sc[scenario]} | failed | | | | | | | |`); continue; }
    console.log(`| ${name[gateway]} | ${sc[scenario]} | ${r.events} × ${r.emitMs} ms | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.delivered}/${r.expected} | ${r.errors}${r.firstErr ? " (" + r.firstErr.slice(0, 60) + ")" : ""} | ${rssMb} MB |`);
  }
' "$RESULTS"
echo "(raw: $WORK/$RESULTS; logs: $WORK/logs)"
