#!/usr/bin/env bash
# Crash test of AccordService: kill -9 the service while signed signals pour in, restart it,
# and check that every request answered 2xx is in the journal exactly once.
#
#   swift build --package-path Examples/AccordService --scratch-path .build-service
#   Examples/AccordService/scripts/crash-test.sh .build-service/debug
#
# The client (signal-client.py send) logs the Idempotency-Key of each request after its 2xx
# arrived. After the kill, the service restarts on the same data directory (recovering the
# journal's torn tail), answers a retry of the first RETRIES acknowledged keys with "duplicate",
# and stops with SIGTERM; accord-journal-keys then lists the journal's keys. Every acknowledged
# key must be there once, and no key twice.
#
# Environment: CONNECTIONS (8), KILL_AFTER (seconds of load before kill -9, 3), RETRIES (50),
# PORT (18283). Bounded: the client stops by itself when the service dies or after 60 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: crash-test.sh DIRECTORY-WITH-accord-service-AND-accord-journal-keys}
connections=${CONNECTIONS:-8}
kill_after=${KILL_AFTER:-3}
retries=${RETRIES:-50}
port=${PORT:-18283}
url=http://127.0.0.1:$port

work=$(mktemp -d)
service_pid=""
client_pid=""
cleanup() {
    if [ -n "$service_pid" ]; then kill -9 "$service_pid" 2>/dev/null || true; fi
    if [ -n "$client_pid" ]; then kill "$client_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
export ACCORD_WEBHOOK_SECRET=crash-$RANDOM-$RANDOM ACCORD_API_TOKEN=crash-token-$RANDOM

start_service() {
    ACCORD_DATA="$work/data" PORT=$port ACCORD_DRAIN_DELAY=0 "$bin/accord-service" >> "$work/service.log" 2>&1 &
    service_pid=$!
    for _ in $(seq 1 200); do curl -sf "$url/readyz" > /dev/null && return 0; sleep 0.05; done
    cat "$work/service.log" >&2
    echo "crash-test.sh: the service did not become ready" >&2
    exit 1
}

start_service
python3 "$here/signal-client.py" send "$url" "$connections" 60 "$work/acks" > "$work/client.out" &
client_pid=$!
sleep "$kill_after"
kill -9 "$service_pid"
wait "$service_pid" 2>/dev/null || true
service_pid=""
wait "$client_pid"
client_pid=""
echo "client: $(cat "$work/client.out")"

start_service
grep -q "journal recovered" "$work/service.log" && echo "restart: the journal recovered a torn tail"
python3 "$here/signal-client.py" retry "$url" "$work/acks" "$retries"
kill -TERM "$service_pid"
wait "$service_pid"
service_pid=""

"$bin/accord-journal-keys" "$work/data" 2> /dev/null | grep '^crash:' | sort > "$work/journal-keys"
sort "$work/acks" > "$work/acked-keys"
acked=$(wc -l < "$work/acked-keys")
journaled=$(wc -l < "$work/journal-keys")
missing=$(comm -23 "$work/acked-keys" <(sort -u "$work/journal-keys") | wc -l)
duplicated=$(uniq -d "$work/journal-keys" | wc -l)
echo "crash test: acknowledged=$acked in-journal=$journaled acknowledged-missing=$missing keys-twice=$duplicated"
if [ "$acked" -eq 0 ]; then echo "crash-test.sh: no request was acknowledged before the kill" >&2; exit 1; fi
if [ "$missing" -ne 0 ] || [ "$duplicated" -ne 0 ]; then exit 1; fi
