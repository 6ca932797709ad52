#!/usr/bin/env bash
# Benchmark of the hostile "many huge READMEs" case: N integrations (default 40), each with a
# valid small manifest.json and a README.md of 8 MiB of newlines (the largest file ddlint reads).
#
#   bash bench/newlines.sh [FORMAT...]      # formats to time, default: json human
#
# Builds ddlint in release mode, builds the tree in a temporary directory, and runs
# `ddlint check --format FORMAT <tree>` under GNU time (`/usr/bin/time -v`), printing the wall
# time and the maximum resident set size of each run. Nothing is asserted: it prints figures.
#
# Environment: DDLINT_BENCH_INTEGRATIONS (default 40), DDLINT_BENCH_KEEP=1 keeps the tree.
# Needs python3 and GNU time at /usr/bin/time (Debian: `apt-get install time`).

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
count=${DDLINT_BENCH_INTEGRATIONS:-40}
formats=("$@")
((${#formats[@]})) || formats=(json human)
gnu_time=/usr/bin/time
[[ -x $gnu_time ]] || { echo "bench: GNU time is missing at $gnu_time" >&2; exit 2; }

cargo build --release --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
ddlint="$target_dir/release/ddlint"

tree=$(mktemp -d)
if [[ ${DDLINT_BENCH_KEEP:-} != 1 ]]; then
    trap 'rm -rf "$tree"' EXIT
fi
# Each integration is a copy of the valid-no-oauth fixture (its files referenced by the manifest
# included), with a distinct app_uuid and the README replaced.
python3 - "$tree" "$count" fixtures/valid-no-oauth <<'PY'
import json, os, shutil, sys, uuid
tree, count, fixture = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(os.path.join(fixture, "manifest.json"), encoding="utf-8").read()
original = json.loads(text)["app_uuid"]
readme = b"\n" * (8 * 1024 * 1024)
for index in range(count):
    target = os.path.join(tree, f"huge_{index:02}")
    shutil.copytree(fixture, target, ignore=shutil.ignore_patterns("expected.*"))
    fresh = str(uuid.UUID(int=index + 1, version=4))
    with open(os.path.join(target, "manifest.json"), "w", encoding="utf-8") as f:
        f.write(text.replace(original, fresh))
    with open(os.path.join(target, "README.md"), "wb") as f:
        f.write(readme)
PY

echo "tree: $count integrations, each README.md of $((8 * 1024 * 1024)) newlines"
for format in "${formats[@]}"; do
    log=$(mktemp)
    status=0
    "$gnu_time" -v -o "$log" "$ddlint" check --no-config --color never --format "$format" "$tree" \
        >/dev/null 2>&1 || status=$?
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    printf '%-8s exit %s  wall %s  max RSS %s MiB\n' "$format" "$status" "$wall" "$((rss / 1024))"
    rm -f "$log"
done
