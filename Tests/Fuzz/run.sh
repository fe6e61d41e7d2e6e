#!/usr/bin/env bash
# Fuzzes the journal's decoders — records (EventCodec) and lead state snapshots
# (LeadStateSnapshot) — and the import readers — CSV and JSON Lines, through ImportReader's
# check and batches — with libFuzzer and AddressSanitizer.
#
#   Tests/Fuzz/run.sh [SECONDS] [JOURNAL_DIRECTORY]
#
# Builds each fuzzer from the LeadModel sources (the import fuzzers with Accord's import sources
# compiled into the same module; swiftc -sanitize=fuzzer,address), seeds them from a journal (a
# fresh `accord demo` journal when none is given: its records, snapshots, and CSV and JSON Lines
# files of its people and signals), and runs each for SECONDS (default 60). A crash, an out-of-bounds read or a value that does not survive a round trip
# stops the run with a non-zero status and leaves the input in .build/fuzz/crashes/. The corpora
# in .build/fuzz/corpus/ grow from run to run.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
journal="${2:-}"
out=.build/fuzz
mkdir -p "$out/crashes"
sources=$(find Sources/LeadModel -name '*.swift' | sort)
# The import readers and what they use from Accord, built into the one module with LeadModel
# (their `import LeadModel` then only warns).
import_sources="$(find Sources/Accord/Import -maxdepth 1 -name '*.swift' | sort) Sources/Accord/Support/JSONValue.swift
Sources/Accord/Support/JSONDuplicateKeys.swift Sources/Accord/Support/InputLocation.swift
Sources/Accord/Support/NameSuggestion.swift Sources/Accord/Governance/SHA256.swift"

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
# shellcheck disable=SC2086
build import-csv Tests/Fuzz/ImportCSVFuzz.swift -sanitize=fuzzer,address Tests/Fuzz/ImportFuzzSupport.swift $import_sources
# shellcheck disable=SC2086
build import-jsonl Tests/Fuzz/ImportJSONLinesFuzz.swift -sanitize=fuzzer,address Tests/Fuzz/ImportFuzzSupport.swift $import_sources
build seed-corpus Tests/Fuzz/SeedCorpus.swift

if [ -z "$journal" ]; then
    demo="$(mktemp -d)"
    trap 'rm -rf "$demo"' EXIT
    swift run accord demo --data "$demo/data" --leads 300 > /dev/null
    journal="$demo/data/journal"
fi
"$out/seed-corpus" "$journal" "$out/corpus"

for target in event-codec snapshot import-csv import-jsonl; do
    echo "-- fuzzing $target for ${seconds} s"
    SWIFT_BACKTRACE=enable=no "$out/$target" "$out/corpus/$target" -max_total_time="$seconds" \
        -artifact_prefix="$out/crashes/$target-" -print_final_stats=1 2> "$out/$target.log" \
        || { tail -n 40 "$out/$target.log"; exit 1; }
    grep -E "^Done|new_units_added" "$out/$target.log"
done
