#!/usr/bin/env bash
# HTTP baseline of one running service (default: gateway on 8080), with wrk on loopback.
# Usage: tools/bench/http-baseline.sh [port] [runs] [seconds]
# Needs: ./parley up, wrk (apt-get install wrk). Prints one line per run and the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${1:-8080}
RUNS=${2:-3}
SECONDS_PER_RUN=${3:-15}
TOKEN=$(./parley token --tenant bench-tenant --sub bench --roles user --ttl 1h)
SCRIPT=$(mktemp --suffix=.lua)
trap 'rm -f "$SCRIPT"' EXIT
cat >"$SCRIPT" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

run() { # name path [lua]
  local name=$1 path=$2 extra=() i out rps p50 p99
  [[ $# -ge 3 ]] && extra=(-s "$3")
  local all_rps=() all_p50=() all_p99=()
  for ((i = 1; i <= RUNS; i++)); do
    out=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency "${extra[@]}" "http://127.0.0.1:$PORT$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    echo "$name run $i: $rps req/s, p50 $p50, p99 $p99" >&2
    all_rps+=("$rps"); all_p50+=("$p50"); all_p99+=("$p99")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  to_ms() { for v in "$@"; do awk -v v="$v" 'BEGIN { if (v ~ /us$/) printf "%.3f\n", v/1000; else if (v ~ /ms$/) printf "%.3f\n", v+0; else printf "%.3f\n", v*1000 }'; done; }
  printf '| %s | %s | %s | %s |\n' "$name" "$(median "${all_rps[@]}")" \
    "$(median $(to_ms "${all_p50[@]}"))" "$(median $(to_ms "${all_p99[@]}"))"
}

echo "| endpoint | req/s (median of $RUNS) | p50 ms | p99 ms |"
echo "| --- | --- | --- | --- |"
run "GET /q/health/live" /q/health/live
run "GET /v1/whoami (valid RS256 JWT)" /v1/whoami "$SCRIPT"
run "GET /v1/whoami (no token: 401 problem+json)" /v1/whoami
