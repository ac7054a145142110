#!/usr/bin/env bash
# The gateway's added latency, as in docs/benchmarks.md: hey at a fixed 1,000 requests/s (10 workers x 100/s) for
# N seconds against a trivial upstream directly, then through a gateway instance (port 8090, JWT verified, rate
# limit checked in Redis, proxied), alternating, R rounds; percentiles over every request of each run.
# Usage: tools/bench/gateway-overhead.sh [seconds] [rounds]      Needs: ./parley up (Redis, the built gateway), hey.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
ROUNDS=${2:-3}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
WORK=$(mktemp -d)
PIDS=()
cleanup() { kill "${PIDS[@]}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$JAVA" tools/bench/TrivialUpstream.java 8099 >"$WORK/upstream.log" 2>&1 &
PIDS+=($!)
# GATEWAY_HEAP overrides the heap flags ./parley uses, to see what garbage collection costs
"$JAVA" ${GATEWAY_HEAP:--Xms64m -Xmx256m} -XX:+UseSerialGC --add-opens java.base/java.lang=ALL-UNNAMED -Dquarkus.profile=dev \
  -Dparley.home="$PWD" -Dquarkus.http.port=8090 -Dquarkus.log.level=WARN \
  -Dparley.gateway.routes.bench.prefix=/api/v1/bench -Dparley.gateway.routes.bench.upstream=http://127.0.0.1:8099 \
  -Dparley.gateway.routes.bench.rate-limit-group=bench \
  -Dparley.gateway.rate-limit.groups.bench.fail-mode=closed \
  -Dparley.gateway.rate-limit.groups.bench.limits.huge.count=100000000 \
  -Dparley.gateway.rate-limit.groups.bench.limits.huge.period=1h \
  -jar gateway-service/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:8090/q/health/live >/dev/null && curl -sf http://127.0.0.1:8099/ >/dev/null && break
  sleep 1
done
TOKEN=$(./parley token --tenant bench-tenant --sub "bench-$RANDOM" --roles user --ttl 1h)

measure() { # name url
  hey -z "${SECONDS_PER_RUN}s" -c 10 -q 100 -H "Authorization: Bearer $TOKEN" -o csv "$2" >"$WORK/run.csv"
  tail -n +2 "$WORK/run.csv" | awk -F, -v name="$1" -v secs="$SECONDS_PER_RUN" '
    { n++; lat[n] = $1 * 1000; if ($7 != 200) bad++ }
    END { asort(lat); printf "%s: %d requests (%.0f/s), non-200: %d, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms\n",
      name, n, n / secs, bad + 0, lat[int(n * 0.5)], lat[int(n * 0.9)], lat[int(n * 0.99)] }'
}

echo "warming up..." >&2
hey -z 10s -c 10 -q 100 -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8090/api/v1/bench/x >/dev/null
hey -z 5s -c 10 -q 100 http://127.0.0.1:8099/v1/bench/x >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  measure "round $round direct " http://127.0.0.1:8099/v1/bench/x
  measure "round $round gateway" http://127.0.0.1:8090/api/v1/bench/x
done
redis-cli INFO commandstats | grep -E "cmdstat_(eval|evalsha):" || true
