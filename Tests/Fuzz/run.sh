#!/usr/bin/env bash
# Fuzzes the journal's decoders — records (EventCodec) and lead state snapshots
# (LeadStateSnapshot) — with libFuzzer and AddressSanitizer.
#
#   Tests/Fuzz/run.sh [SECONDS] [JOURNAL_DIRECTORY]
#
# Builds each fuzzer from the LeadModel sources (swiftc -sanitize=fuzzer,address), seeds them
# from a journal (a fresh `accord demo` journal when none is given), and runs each for SECONDS
# (default 60). A crash, an out-of-bounds read or a value that does not survive a round trip
# stops the run with a non-zero status and leaves the input in .build/fuzz/crashes/. The corpora
# in .build/fuzz/corpus/ grow from run to run.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
journal="${2:-}"
out=.build/fuzz
mkdir -p "$out/crashes"
sources=$(find Sources/LeadModel -name '*.swift' | sort)

build() { # NAME HARNESS [FLAGS...]
    local name=$1 harness=$2
    shift 2
    # shellcheck disable=SC2086
    swiftc -parse-as-library -O -g -module-name LeadModel -package-name accord "$@" \
        $sources "$harness" -o "$out/$name" 2> "$out/$name.build.log" || { cat "$out/$name.build.log"; exit 1; }
}

echo "-- building the fuzzers and the seed tool"
build event-codec Tests/Fuzz/EventCodecFuzz.swift -sanitize=fuzzer,address
build snapshot Tests/Fuzz/SnapshotFuzz.swift -sanitize=fuzzer,address
build seed-corpus Tests/Fuzz/SeedCorpus.swift

if [ -z "$journal" ]; then
    demo="$(mktemp -d)"
    trap 'rm -rf "$demo"' EXIT
    swift run accord demo --data "$demo/data" --leads 300 > /dev/null
    journal="$demo/data/journal"
fi
"$out/seed-corpus" "$journal" "$out/corpus"

for target in event-codec snapshot; do
    echo "-- fuzzing $target for ${seconds} s"
    SWIFT_BACKTRACE=enable=no "$out/$target" "$out/corpus/$target" -max_total_time="$seconds" \
        -artifact_prefix="$out/crashes/$target-" -print_final_stats=1 2> "$out/$target.log" \
        || { tail -n 40 "$out/$target.log"; exit 1; }
    grep -E "^Done|new_units_added" "$out/$target.log"
done
