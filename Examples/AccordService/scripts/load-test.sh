#!/usr/bin/env bash
# Load test of AccordService: signed POST /v1/signals from many keep-alive connections on
# loopback, each with a fresh Idempotency-Key, on the file store. Starts the service on a fresh
# data directory, runs wrk for a fixed time, stops the service with SIGTERM and prints one
# RESULT line (requests/s, p50, p90, p99, errors). Bounded: wrk stops after DURATION seconds
# (and is killed at DURATION + 60), the service's start is awaited for at most 10 s.
#
#   swift build -c release --package-path Examples/AccordService --scratch-path .build-service
#   Examples/AccordService/scripts/load-test.sh .build-service/release/accord-service
#
# Environment: DURATION (20 s), CONNECTIONS (64), THREADS (wrk's, 2), PORT (18282),
# PEOPLE (distinct senders, 20000), MIN_RPS and MAX_P99_MS (when set, fail below/above them).
# Needs wrk (apt-get install wrk), python3 and curl.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:?usage: load-test.sh PATH/TO/accord-service}
duration=${DURATION:-20}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-18282}
people=${PEOPLE:-20000}
url=http://127.0.0.1:$port
command -v wrk > /dev/null || { echo "load-test.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
service_pid=""
cleanup() {
    if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

export ACCORD_WEBHOOK_SECRET=load-$RANDOM-$RANDOM ACCORD_API_TOKEN=load-token-$RANDOM
ACCORD_DATA="$work/data" PORT=$port ACCORD_DRAIN_DELAY=0 "$binary" > "$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 200); do curl -sf "$url/readyz" > /dev/null && break; sleep 0.05; done
curl -sf "$url/readyz" > /dev/null || { cat "$work/service.log" >&2; exit 1; }

python3 "$here/signal-client.py" presign "$people" "$work/requests.tsv"
echo "wrk -t$threads -c$connections -d${duration}s --latency -s load-test.lua $url  (people: $people)"
result=$(LOAD_REQUESTS="$work/requests.tsv" timeout $((duration + 60)) wrk -t"$threads" -c"$connections" -d"${duration}s" --latency \
    --timeout 5s -s "$here/load-test.lua" "$url" | tee "$work/wrk.out" | grep '^RESULT')
kill -TERM "$service_pid"
wait "$service_pid"
service_pid=""
echo "$result"

rps=$(sed 's/.*requests_per_second=\([0-9]*\).*/\1/' <<< "$result")
p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<< "$result")
errors=$(sed 's/.*non_2xx_or_errors=\([0-9]*\).*/\1/' <<< "$result")
status=0
if [ "$errors" != 0 ]; then echo "load-test.sh: $errors requests failed" >&2; status=1; fi
if [ -n "${MIN_RPS:-}" ] && [ "$rps" -lt "$MIN_RPS" ]; then
    echo "load-test.sh: $rps requests/s is below $MIN_RPS" >&2; status=1
fi
if [ -n "${MAX_P99_MS:-}" ] && awk "BEGIN { exit !($p99 > $MAX_P99_MS) }"; then
    echo "load-test.sh: p99 $p99 ms is above $MAX_P99_MS ms" >&2; status=1
fi
exit $status
