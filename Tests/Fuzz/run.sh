#!/usr/bin/env bash
# Fuzzes the journal's decoders — records (EventCodec) and lead state snapshots
# (LeadStateSnapshot) — and the import readers — CSV and JSON Lines, through ImportReader's
# check and batches — with libFuzzer and AddressSanitizer.
#
#   Tests/Fuzz/run.sh [SECONDS] [JOURNAL_DIRECTORY]
#
# Builds one fuzzer from the LeadModel and Journal sources with Accord's import sources compiled
# into the same module (swiftc -sanitize=fuzzer,address), seeds its four harnesses from a journal (a fresh
# `accord demo` journal when none is given: its records, snapshots, and CSV and JSON Lines files
# of its people and signals), and runs each for SECONDS (default 60). A crash, an out-of-bounds
# read or a value that does not survive a round trip stops the run with a non-zero status and leaves the input in .build/fuzz/crashes/. The corpora
# in .build/fuzz/corpus/ grow from run to run.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
journal="${2:-}"
out=.build/fuzz
mkdir -p "$out/crashes"
sources=$(find Sources/LeadModel Sources/Journal -name '*.swift' | sort)
# The import readers and what they use from Accord, built into the one module with LeadModel and
# Journal (their `import LeadModel` then only warns).
import_sources="$(find Sources/Accord/Import -maxdepth 1 -name '*.swift' | sort) Sources/Accord/Support/JSONValue.swift
Sources/Accord/Support/JSONDuplicateKeys.swift Sources/Accord/Support/InputLocation.swift
Sources/Accord/Support/NameSuggestion.swift Sources/Accord/Governance/SHA256.swift
Sources/Accord/Engine/IngestItem.swift Sources/Accord/Engine/LeadHistory.swift
Sources/Accord/Import/Opportunities/OpportunityField.swift"

build() { # NAME OPTIMIZATION HARNESS [FLAGS...]
    local name=$1 optimization=$2 harness=$3
    shift 3
    # shellcheck disable=SC2086
    swiftc -parse-as-library "$optimization" -g -module-name LeadModel -package-name accord "$@" \
        $sources "$harness" -o "$out/$name" 2> "$out/$name.build.log" || { cat "$out/$name.build.log"; exit 1; }
}

echo "-- building the fuzzer and the seed tool"
# One binary holds the four harnesses (FuzzMain.swift picks one by ACCORD_FUZZ_TARGET): compiling
# the sources with the sanitizers is what takes time, so they are compiled once.
# shellcheck disable=SC2086
build fuzz -O Tests/Fuzz/FuzzMain.swift -sanitize=fuzzer,address Tests/Fuzz/EventCodecFuzz.swift \
    Tests/Fuzz/SnapshotFuzz.swift Tests/Fuzz/ImportCSVFuzz.swift Tests/Fuzz/ImportJSONLinesFuzz.swift \
    Tests/Fuzz/ImportFuzzSupport.swift $import_sources
# The seed tool decodes one small journal: unoptimised, it compiles in a fraction of the time.
build seed-corpus -Onone Tests/Fuzz/SeedCorpus.swift

if [ -z "$journal" ]; then
    demo="$(mktemp -d)"
    trap 'rm -rf "$demo"' EXIT
    swift run accord demo --data "$demo/data" --leads 300 > /dev/null
    journal="$demo/data/journal"
fi
"$out/seed-corpus" "$journal" "$out/corpus"

for target in event-codec snapshot import-csv import-jsonl; do
    echo "-- fuzzing $target for ${seconds} s"
    ACCORD_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no "$out/fuzz" "$out/corpus/$target" \
        -max_total_time="$seconds" \
        -artifact_prefix="$out/crashes/$target-" -print_final_stats=1 2> "$out/$target.log" \
        || { tail -n 40 "$out/$target.log"; exit 1; }
    grep -E "^Done|new_units_added" "$out/$target.log"
done

# The playbook decoder (Playbook.decode, in the Accord module): SwiftPM builds Accord and the
# modules it depends on with fuzzer and address-sanitizer instrumentation in a scratch directory
# of its own, and the harness is linked against their objects. Seeded with the default playbook
# `accord init` writes (and the demo's, when a demo ran above).
echo "-- building the playbook fuzzer"
fuzz_build=.build-fuzz
swift build --target Accord --scratch-path "$fuzz_build" --sanitize=fuzzer --sanitize=address \
    > "$out/playbook.build.log" 2>&1 || { tail -n 40 "$out/playbook.build.log"; exit 1; }
bin="$(swift build --scratch-path "$fuzz_build" --show-bin-path)"
objects=()
for module in LeadModel Journal Scoring Routing SLA Feedback Scoreboard Accord; do
    objects+=("$bin/$module.build/"*.o)
done
swiftc -parse-as-library -g -sanitize=fuzzer,address -I "$bin/Modules" -I "$bin" \
    Tests/Fuzz/PlaybookFuzz.swift "${objects[@]}" -o "$out/playbook" 2>> "$out/playbook.build.log" \
    || { tail -n 40 "$out/playbook.build.log"; exit 1; }
mkdir -p "$out/corpus/playbook" "$out/playbook-seed"
rm -rf "$out/playbook-seed/data"
swift run accord init --data "$out/playbook-seed/data" > /dev/null
cp "$out/playbook-seed/data/playbook.json" "$out/corpus/playbook/default.json"
if [ -n "${demo:-}" ] && [ -f "$demo/data/playbook.json" ]; then
    cp "$demo/data/playbook.json" "$out/corpus/playbook/demo.json"
fi
echo "-- fuzzing playbook for ${seconds} s"
SWIFT_BACKTRACE=enable=no "$out/playbook" "$out/corpus/playbook" -max_total_time="$seconds" \
    -artifact_prefix="$out/crashes/playbook-" -print_final_stats=1 2> "$out/playbook.log" \
    || { tail -n 40 "$out/playbook.log"; exit 1; }
grep -E "^Done|new_units_added" "$out/playbook.log"
