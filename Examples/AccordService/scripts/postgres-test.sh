#!/usr/bin/env bash
# Two accord-service processes on one PostgreSQL journal: a keyed retry sent to the other
# instance gets the original answer, exactly one instance leads, and when the leader is killed
# with SIGKILL the other takes the lead.
#
#   swift build --package-path Examples/AccordService --scratch-path .build-service
#   Examples/PostgresJournal/scripts/with-postgres.sh \
#       Examples/AccordService/scripts/postgres-test.sh .build-service/debug
#
# Needs ACCORD_POSTGRES_URL (with-postgres.sh sets it); works in a schema of its own. Ports
# PORT_A (18291) and PORT_B (18292). Bounded: every wait gives up after 10 s.
set -euo pipefail
bin=${1:?usage: postgres-test.sh DIRECTORY-WITH-accord-service}
: "${ACCORD_POSTGRES_URL:?run it under Examples/PostgresJournal/scripts/with-postgres.sh}"
port_a=${PORT_A:-18291}
port_b=${PORT_B:-18292}

work=$(mktemp -d)
pid_a=""
pid_b=""
cleanup() {
    for pid in $pid_a $pid_b; do kill -9 "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
export ACCORD_WEBHOOK_SECRET=pg-$RANDOM-$RANDOM ACCORD_API_TOKEN=pg-token-$RANDOM
export ACCORD_POSTGRES_SCHEMA=svc_drill_$RANDOM$RANDOM ACCORD_DRAIN_DELAY=0

fail() {
    echo "postgres-test.sh: $*" >&2
    for log in "$work"/*.log; do echo "== $log" >&2; tail -n 20 "$log" >&2; done
    exit 1
}

start() { # NAME PORT -> prints the pid
    ACCORD_DATA="$work/data-$1" PORT=$2 "$bin/accord-service" > "$work/$1.log" 2>&1 &
    echo $!
}

wait_ready() { # PORT
    for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$1/readyz" > /dev/null && return 0; sleep 0.05; done
    fail "the instance on port $1 did not become ready"
}

role() { # PORT -> leader, follower or down
    curl -sf "http://127.0.0.1:$1/readyz" | sed -n 's/.*"role":"\([a-z]*\)".*/\1/p' || echo down
}

post() { # PORT PATH BODY KEY HEADER-FILE -> the body
    local ts sig
    ts=$(date +%s)
    sig=$(printf '%s.%s' "$ts" "$3" | openssl dgst -sha256 -hmac "$ACCORD_WEBHOOK_SECRET" | sed 's/^.*= //')
    curl -s -D "$5" -X POST "http://127.0.0.1:$1$2" -H 'Content-Type: application/json' \
        -H "X-Accord-Timestamp: $ts" -H "X-Accord-Signature: sha256=$sig" -H "Idempotency-Key: $4" -d "$3"
}

pid_a=$(start a "$port_a")
pid_b=$(start b "$port_b")
wait_ready "$port_a"
wait_ready "$port_b"

# Exactly one leader once both have tried the lock (each tries every second).
leaders=""
for _ in $(seq 1 100); do
    roles="$(role "$port_a") $(role "$port_b")"
    if [ "$roles" = "leader follower" ] || [ "$roles" = "follower leader" ]; then leaders=$roles; break; fi
    sleep 0.1
done
[ -n "$leaders" ] || fail "expected one leader and one follower, got: $roles"
sleep 1.5
roles="$(role "$port_a") $(role "$port_b")"
[ "$roles" = "$leaders" ] || fail "the lead moved without a reason: $leaders, then $roles"
echo "roles: a=${leaders% *} b=${leaders#* }"

# A keyed capture on a, retried on b: the original answer, replayed, and one lead.
capture='{"email": "ana.lopez@acme.com", "firstName": "Ana", "source": "webinar"}'
first=$(post "$port_a" /v1/leads "$capture" crm:4711 "$work/h1")
retry=$(post "$port_b" /v1/leads "$capture" crm:4711 "$work/h2")
grep -q '^HTTP/1.1 201' "$work/h1" || fail "the capture on a was not created: $first"
grep -q '^HTTP/1.1 201' "$work/h2" || fail "the retry on b did not answer 201: $retry"
grep -qi '^idempotent-replayed: true' "$work/h2" || fail "the retry on b was not replayed"
[ "$first" = "$retry" ] || fail "the retry on b answered another body: $first / $retry"
lead=$(sed -n 's/.*"lead":{[^}]*"id":"\([^"]*\)".*/\1/p' <<< "$first" | head -n 1)
[ -n "$lead" ] || lead=L0000001
curl -sf -H "Authorization: Bearer $ACCORD_API_TOKEN" "http://127.0.0.1:$port_b/v1/leads/$lead" > /dev/null ||
    fail "b cannot read the lead a captured"
echo "capture: key crm:4711 on a, retried on b: 201 replayed with the same body; b reads $lead"

# A keyed signal on b, retried on a: recorded once.
signal='{"person": {"email": "ana.lopez@acme.com"}, "signal": {"kind": "quote-requested", "occurredAt": "'$(date -u +%Y-%m-%dT%H:%M:%SZ)'"}}'
recorded=$(post "$port_b" /v1/signals "$signal" formtool:8812 "$work/h3")
again=$(post "$port_a" /v1/signals "$signal" formtool:8812 "$work/h4")
grep -q '"duplicate":false' <<< "$recorded" || fail "the signal on b was not recorded: $recorded"
grep -q '"duplicate":true' <<< "$again" || fail "the retry on a was not a duplicate: $again"
echo "signal: key formtool:8812 on b, retried on a: duplicate"

# Kill the leader: the follower takes the lead once PostgreSQL drops the dead session.
if [ "${leaders% *}" = leader ]; then
    kill -9 "$pid_a"; pid_a=""; survivor=$port_b; survivor_pid=$pid_b
else
    kill -9 "$pid_b"; pid_b=""; survivor=$port_a; survivor_pid=$pid_a
fi
took=""
for i in $(seq 1 100); do
    if [ "$(role "$survivor")" = leader ]; then took=$i; break; fi
    sleep 0.1
done
[ -n "$took" ] || fail "the follower did not take the lead after the leader was killed"
echo "failover: the follower leads $((took * 100)) ms after the leader's SIGKILL (polled every 100 ms)"
replayed=$(post "$survivor" /v1/leads "$capture" crm:4711 "$work/h5")
[ "$replayed" = "$first" ] || fail "the survivor answered the retry with another body"

# The instances were started in command substitutions, so they are not this shell's children:
# wait for the survivor to exit, then look for its clean stop in its log.
kill -TERM "$survivor_pid"
for _ in $(seq 1 100); do kill -0 "$survivor_pid" 2> /dev/null || break; sleep 0.1; done
kill -0 "$survivor_pid" 2> /dev/null && fail "the survivor did not stop within 10 s of SIGTERM"
grep -q "engine stopped" "$work"/*.log || fail "the survivor did not stop cleanly on SIGTERM"
pid_a=""
pid_b=""
echo "postgres test: passed (two instances, one journal in schema $ACCORD_POSTGRES_SCHEMA)"
