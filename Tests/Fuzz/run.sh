#!/usr/bin/env bash
# Fuzzes the journal's record decoder (EventCodec) with libFuzzer and AddressSanitizer.
#
#   Tests/Fuzz/run.sh [SECONDS] [JOURNAL_DIRECTORY]
#
# Builds the fuzzer from the LeadModel sources (swiftc -sanitize=fuzzer,address), seeds it with
# up to 8 records of each payload kind from a journal (a fresh `accord demo` journal when none is
# given), and runs it for SECONDS (default 60). A crash, an out-of-bounds read or a record that
# does not survive a round trip stops the run with a non-zero status and leaves the input in
# .build/fuzz/crashes/. The corpus in .build/fuzz/corpus-event-codec grows from run to run.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
journal="${2:-}"
out=.build/fuzz
mkdir -p "$out/crashes"
sources=$(find Sources/LeadModel -name '*.swift' | sort)

echo "-- building the fuzzer and the seed tool"
# shellcheck disable=SC2086
swiftc -parse-as-library -sanitize=fuzzer,address -O -g -module-name LeadModel -package-name accord \
    $sources Tests/Fuzz/EventCodecFuzz.swift -o "$out/event-codec" 2> "$out/build.log" \
    || { cat "$out/build.log"; exit 1; }
# shellcheck disable=SC2086
swiftc -parse-as-library -O -module-name LeadModel -package-name accord \
    $sources Tests/Fuzz/SeedCorpus.swift -o "$out/seed-corpus"

if [ -z "$journal" ]; then
    demo="$(mktemp -d)"
    trap 'rm -rf "$demo"' EXIT
    swift run accord demo --data "$demo/data" --leads 300 > /dev/null
    journal="$demo/data/journal"
fi
"$out/seed-corpus" "$journal" "$out/corpus-event-codec"

echo "-- fuzzing EventCodec.decode for ${seconds} s"
SWIFT_BACKTRACE=enable=no "$out/event-codec" "$out/corpus-event-codec" -max_total_time="$seconds" -artifact_prefix="$out/crashes/" \
    -print_final_stats=1 2> "$out/fuzz.log" || { tail -n 40 "$out/fuzz.log"; exit 1; }
grep -E "^Done|number_of_executed_units|new_units_added" "$out/fuzz.log"
