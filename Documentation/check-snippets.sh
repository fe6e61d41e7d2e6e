#!/usr/bin/env bash
# Compiles every ```swift block of README.md and Documentation/**/*.md against the SDK, so that
# a snippet in the guides is code that builds today.
#
# Each block becomes a module of its own in a generated package that depends on this checkout by
# path: one `main.swift` (top-level code, `try await` allowed) in a library target, so that it is
# type-checked and compiled but nothing is linked. Compiler errors point at the Markdown file and
# line (`#sourceLocation`). A block without an `import`
# line gets `import Foundation` and every library of the SDK; a block with imports must name
# them all, as a reader copying it would.
#
# An HTML comment on the line before the fence (blank lines between are fine) says how to treat
# a block that is not a whole program; every skip is therefore visible in the Markdown:
#
#   <!-- snippet: fragment -->                  not compiled (a Package.swift excerpt, a protocol
#                                               quoted for reading); listed as skipped
#   <!-- snippet: wrap-async-throws -->         the block becomes the body of an `async throws`
#                                               function (its import lines stay outside)
#   <!-- snippet: wrap-async-throws(engine: AlignmentEngine, lead: LeadID) -->
#                                               the same, with these names in scope
#   <!-- snippet: given                         compiled as it is, after hidden declarations: the
#   struct SlackSink: NotificationSink { … }    lines up to `-->` (stand-ins for the reader's own
#   -->                                         types; their import lines join the block's)
#   <!-- snippet: wrap-async-throws(url: URL)   wrapped, after hidden declarations
#   …
#   -->
#
# A block that imports Testing is built as a test target (`swift build --build-tests`).
#
# Output: one line per block (check / skip), then the compiler's errors, if any.
# Usage:  Documentation/check-snippets.sh [FILE.md ...]   (README.md and Documentation/ by default)
# The package builds in .build-snippets (set SNIPPETS_SCRATCH_PATH to another scratch path):
# the first run compiles the SDK there, later runs only the snippets.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
scratch="${SNIPPETS_SCRATCH_PATH:-$root/.build-snippets}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The package lives beside its build, at a stable path, and files are rewritten only when they
# change: a second run recompiles only the blocks that changed.
package="$scratch/snippets-package"
mkdir -p "$package"

files=("$@")
if [[ ${#files[@]} == 0 ]]; then
    files=(README.md)
    while IFS= read -r file; do files+=("$file"); done < <(
        find Documentation -name '*.md' -not -path '*.doccarchive/*' -not -path '*/.build*' | sort)
fi

python3 - "$package" "$root" "${files[@]}" <<'PY'
import pathlib, re, shutil, sys

package, root, files = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
libraries = ["Accord", "LeadModel", "Journal", "Scoring", "Routing", "SLA", "Feedback", "Scoreboard",
             "EventStoreConformance", "PolicyConformance"]
default_imports = ["import Foundation"] + [f"import {name}" for name in libraries[:8]]
directive_re = re.compile(r"^\s*<!--\s*snippet:\s*(fragment|given|wrap-async-throws)(?:\((.*)\))?\s*(-->)?\s*$")
fence_re = re.compile(r"^(\s*)```swift\s*$")
problems, targets, written = [], [], set()

def write(path, text):
    """Writes `text` unless the file already holds it, keeping its date for the build."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written.add(path)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)

def fail(where, message):
    problems.append(f"{where}: {message}")

for name in files:
    lines = pathlib.Path(name).read_text().split("\n")
    mode, parameters, hidden, index = None, None, [], 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.lstrip().startswith("<!--") and "snippet" in line:
            match = directive_re.match(line)
            if not match:
                fail(f"{name}:{index}", "a snippet directive is `<!-- snippet: fragment -->`, "
                     "`<!-- snippet: given` or `<!-- snippet: wrap-async-throws(name: Type, …)`")
                continue
            mode, parameters, hidden = match.group(1), match.group(2) or "", []
            if not match.group(3):  # hidden declarations until -->
                while index < len(lines) and lines[index].strip() != "-->":
                    hidden.append(lines[index])
                    index += 1
                index += 1
            continue
        fence = fence_re.match(line)
        if not fence:
            if line.strip():
                mode, parameters, hidden = None, None, []
            continue
        start, indent, body = index, len(fence.group(1)), []
        while index < len(lines) and not re.match(r"^\s*```\s*$", lines[index]):
            text = lines[index]
            body.append(text[indent:] if text[:indent].strip() == "" else text.lstrip())
            index += 1
        index += 1
        where = f"{name}:{start}"
        if mode == "fragment":
            print(f"skip {where} (fragment)")
            mode, parameters, hidden = None, None, []
            continue
        is_import = lambda l: re.match(r"^import \w+\s*$", l)
        imports = [l for l in body if is_import(l)]
        # Import lines leave the body (blank in their place, so that lines still match).
        code = ["" if is_import(l) else l for l in body]
        header = (imports or default_imports) + [l for l in hidden if is_import(l)]
        testing = "import Testing" in imports
        target = f"Snippet{len(targets) + 1:03d}"
        text = header + [l for l in hidden if not is_import(l)]
        if mode == "wrap-async-throws":
            text.append(f"func snippet({parameters}) async throws {{")
        text.append(f'#sourceLocation(file: "{name}", line: {start + 1})')
        text += code
        text.append("#sourceLocation()")
        if mode == "wrap-async-throws":
            text.append("}")
        folder = package / ("Tests" if testing else "Sources") / target
        write(folder / ("Snippet.swift" if testing else "main.swift"), "\n".join(text) + "\n")
        targets.append((target, testing, where))
        notes = [target] + ([mode] if mode else []) + (["test"] if testing else [])
        print(f"check {where} ({', '.join(notes)})")
        mode, parameters, hidden = None, None, []

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
products = ", ".join(f'.product(name: "{name}", package: "Accord")' for name in libraries)
declarations = ",\n        ".join(
    f'.{"testTarget" if testing else "target"}(name: "{target}", dependencies: deps, '
    f'swiftSettings: [.swiftLanguageMode(.v6)])'
    for target, testing, _ in targets)
write(package / "Package.swift", f"""// swift-tools-version:6.0
import PackageDescription

let deps: [Target.Dependency] = [{products}]
let package = Package(
    name: "Snippets",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Accord", path: "{root}")],
    targets: [
        {declarations}
    ]
)
""")
write(package / "targets", "".join(f"{target} {where}\n" for target, _, where in targets))
write(package / "has-tests", "yes" if any(t for _, t, _ in targets) else "")
# Blocks that are gone (a file checked alone, a snippet removed) leave the package.
for folder in [package / "Sources", package / "Tests"]:
    for stale in (folder.iterdir() if folder.exists() else []):
        if not any(path.parent == stale for path in written):
            shutil.rmtree(stale)
PY

cd "$package"
build_tests=()
if [[ -s has-tests ]]; then build_tests=(--build-tests); fi
if swift build --scratch-path "$scratch" "${build_tests[@]}" > "$work/build.log" 2>&1; then
    echo "snippets: every block above compiles"
    exit 0
fi
# A build stops at the first module that fails: build each block alone to report them all.
failed=0
while read -r target where; do
    if ! swift build --scratch-path "$scratch" --target "$target" > "$work/$target.log" 2>&1; then
        failed=$((failed + 1))
        echo "FAIL  $where"
        grep -E "^[^ ].*error:" "$work/$target.log" | sort -u || tail -n 20 "$work/$target.log"
    fi
done < targets
if [[ "$failed" == 0 ]]; then
    tail -n 30 "$work/build.log"
    echo "snippets: the package failed to build, though each block builds alone"
else
    echo "snippets: $failed block(s) do not compile (the errors name the Markdown lines)"
fi
exit 1
