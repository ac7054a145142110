#!/usr/bin/env bash
# Load on conversation-service (8081) over loopback, as in docs/benchmarks.md:
#   1. restore of a conversation holding 50 messages at a fixed 200 requests/s (hey: 4 workers x 50/s, each on its own
#      conversation), latency percentiles over every request;
#   2. appending turns (a user message and a reply each) as fast as they go (wrk, 2 threads, 32 connections,
#      spread over 64 conversations).
# Each load runs 10 s unmeasured first (JIT warm-up of a freshly started service).
# Usage: tools/bench/conversation-load.sh [seconds]      Needs: ./parley up, hey and wrk (apt-get install hey wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-30}
URL=http://127.0.0.1:8081/v1/conversations
TOKEN=$(./parley token --tenant bench-tenant --sub "bench-$RANDOM" --roles user --workspaces ws-bench --ttl 2h)
WORK=$(mktemp -d)
[[ -n "${KEEP_WORK:-}" ]] && echo "work dir: $WORK" >&2 || trap 'rm -rf "$WORK"' EXIT
post() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" "$1"; }
field() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
open_conversation() { post "$URL" '{"workspaceId":"ws-bench","mode":"global"}'; }
turn_body() { # token n
  printf '{"conversationToken":"%s","messages":[{"role":"user","content":"How many open claims does provider P-%s have this quarter?"},{"role":"assistant","content":"Provider P-%s has 12 open claims this quarter, 3 of them pended for review.","confidence":"high","model":"bench","sources":[{"type":"claim","id":"CLM-%s"}]}]}' "$1" "$2" "$2" "$2"
}

echo "preparing 4 conversations of 50 messages and 64 for appending..." >&2
for w in 1 2 3 4; do
  opened=$(open_conversation); id=$(field conversationId <<<"$opened"); token=$(field conversationToken <<<"$opened")
  for n in $(seq 1 25); do token=$(post "$URL/$id/turns" "$(turn_body "$token" "$n")" | field conversationToken); done
  printf '{"conversationToken":"%s"}' "$token" >"$WORK/restore-$w.json"
done
: >"$WORK/turns.lua.data"
for c in $(seq 1 64); do
  opened=$(open_conversation); id=$(field conversationId <<<"$opened"); token=$(field conversationToken <<<"$opened")
  printf '%s\t%s\n' "/v1/conversations/$id/turns" "$(turn_body "$token" "$c")" >>"$WORK/turns.lua.data"
done

echo "warming up (10 s of each load, not measured)..." >&2
hey -z 10s -c 4 -q 50 -m POST -T application/json -H "Authorization: Bearer $TOKEN" -D "$WORK/restore-1.json" \
  "$URL/restore" >/dev/null
echo "restore (50 messages) at 200 req/s for ${SECONDS_PER_RUN}s..." >&2
for w in 1 2 3 4; do
  hey -z "${SECONDS_PER_RUN}s" -c 1 -q 50 -m POST -T application/json -H "Authorization: Bearer $TOKEN" \
    -D "$WORK/restore-$w.json" -o csv "$URL/restore" >"$WORK/restore-$w.csv" &
done
wait
tail -q -n +2 "$WORK"/restore-*.csv | awk -F, -v secs="$SECONDS_PER_RUN" '
  { n++; lat[n] = $1 * 1000; if ($7 != 200) bad++ }
  END {
    asort(lat)
    printf "restore, 50 messages: %d requests (%.0f/s), non-200: %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      n, n / secs, bad + 0, lat[int(n * 0.5)], lat[int(n * 0.9)], lat[int(n * 0.99)], lat[n]
  }'

cat >"$WORK/turns.lua" <<LUA
local requests = {}
-- built per thread in init, once wrk knows the host (a request without Host is a 400)
init = function(args)
  for line in io.lines("$WORK/turns.lua.data") do
    local path, body = line:match("([^\t]+)\t(.+)")
    requests[#requests + 1] = wrk.format("POST", path, {["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer $TOKEN"}, body)
  end
end
local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
LUA
wrk -t2 -c32 -d10s -s "$WORK/turns.lua" "http://127.0.0.1:8081" >/dev/null
echo "appending turns for ${SECONDS_PER_RUN}s..." >&2
wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/turns.lua" "http://127.0.0.1:8081" \
  | awk '/Requests\/sec|Non-2xx|50%|99%|requests in/'
