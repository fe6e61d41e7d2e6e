#!/usr/bin/env bash
# Builds the DocC documentation with the toolchain's own `docc` (no package plugin): symbol
# graphs of every library module, the catalog in Documentation/Accord.docc, and the Markdown
# guides of Documentation/ as articles (their links between guides rewritten to DocC links).
#
# Output: .build/docs/Accord.doccarchive (serve it, or open it in Xcode).
# Usage:  Documentation/build-docs.sh [--strict]   (--strict fails on any DocC warning)
set -euo pipefail
cd "$(dirname "$0")/.."

out=.build/docs
modules=(Accord LeadModel Journal Scoring Routing SLA Feedback Scoreboard EventStoreConformance)
rm -rf "$out/symbol-graphs" "$out/Accord.docc" "$out/Accord.doccarchive"
mkdir -p "$out/symbol-graphs" "$out/Accord.docc"

echo "== symbol graphs"
# Extracted from the modules of the ordinary debug build, which CI has built already, rather
# than emitted by a build of their own with extra compiler flags: that would compile the whole
# SDK a second time. swift-symbolgraph-extract leaves re-exported modules out of a module's graph,
# so Accord's (which re-exports the modules below it, Sources/Accord/Exports.swift) holds Accord's
# own symbols and its extensions of other modules' types.
swift build
triple="$(swift -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["target"]["triple"])')"
modules_path="$(swift build --show-bin-path)/Modules"
for module in "${modules[@]}"; do
    swift-symbolgraph-extract -module-name "$module" -target "$triple" -I "$modules_path" \
        -minimum-access-level public -output-dir "$out/symbol-graphs"
done

echo "== catalog"
cp -R Documentation/Accord.docc/. "$out/Accord.docc/"
python3 - "$out/Accord.docc" Documentation/*.md <<'PY'
import pathlib, re, sys
catalog = pathlib.Path(sys.argv[1])
guides = [pathlib.Path(p) for p in sys.argv[2:]]
# An article named like a module (Scoring.md) would collide with the module's page.
clashing = {"Accord", "LeadModel", "Journal", "Scoring", "Routing", "SLA", "Feedback", "Scoreboard", "Plugins"}
def article(stem):
    return stem + "Guide" if stem in clashing else stem
names = {g.stem for g in guides}
def link(match):
    text, target = match.group(1), match.group(2)
    if target in names:
        doc = f"<doc:{article(target)}>"
        return doc if text.strip("`").removesuffix(".md") == target else f"{text} ({doc})"
    return text  # links outside the guides (source files, Examples/) read as plain text here
for guide in guides:
    body = guide.read_text()
    body = re.sub(r"\[([^\]]+)\]\((?:\./)?([A-Za-z0-9]+)\.md(?:#[^)]+)?\)", link, body)
    body = re.sub(r"\[([^\]]+)\]\((?!https?:|<doc:)[^)]+\)", r"\1", body)
    (catalog / (article(guide.stem) + ".md")).write_text(body)
PY

echo "== docc convert"
log="$out/docc.log"
docc convert "$out/Accord.docc" --additional-symbol-graph-dir "$out/symbol-graphs" \
    --output-path "$out/Accord.doccarchive" --fallback-display-name Accord \
    --fallback-bundle-identifier dev.accord.Accord 2>&1 | tee "$log" | grep -E "^(warning|error)" || true
test -d "$out/Accord.doccarchive/data/documentation/accord"
warnings=$(grep -c "^warning" "$log" || true)
echo "built $out/Accord.doccarchive ($warnings DocC warnings)"
if [[ "${1:-}" == "--strict" && "$warnings" != 0 ]]; then
    exit 1
fi
