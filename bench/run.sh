#!/usr/bin/env bash
# Benchmark of `ddlint check` at scale (issue "Speed at scale and robustness under hostile input").
#
#   bash bench/run.sh
#
# Builds ddlint in release mode, then for each N in $DDLINT_BENCH_SIZES (default "1 10 50")
# builds, in a temporary directory, a repository holding N copies of the integrations-extras
# sample (each integration directory suffixed `_1`, `_2`, ..., each copy's `app_uuid` replaced by
# a fresh lowercase v4 UUID so the copies are distinct integrations), and measures
#
#   ddlint check --format json --read-limit 65536 <repo> > /dev/null
#
# against the floor of merely reading every file ddlint reads (manifests, READMEs, dashboards,
# service checks, OAuth client files, ...), all of them given to one `cat` (xargs starts another
# only past the argument limit; the count is shown):
#
#   xargs -0 -a <the files ddlint opened> cat > /dev/null
#
# The list of files is what ddlint itself opened, seen with strace on a run before the timed
# ones, so the floor follows the rules that are on. (`--read-limit` lifts the per-run budget of
# 128 MiB, which 50 copies of the sample exceed.)
#
# Each command runs once to warm the page cache, then $DDLINT_BENCH_REPEATS times (default 5);
# the table shows medians. Peak memory is GNU time's maximum resident set size (%M). Wall time is
# measured with bash's microsecond clock around the same process, because GNU time's %e has only
# 10 ms resolution and the 1-copy run takes a few tens of milliseconds; %e is kept in the raw log.
#
# Environment: DDLINT_BENCH_CORPUS (default ../shared/corpus/integrations-extras, relative to the
# repository root), DDLINT_BENCH_SIZES, DDLINT_BENCH_REPEATS, DDLINT_BENCH_KEEP=1 keeps the
# temporary directory. Needs bash >= 5, python3, GNU time at /usr/bin/time (Debian: `apt-get
# install time`), strace (Debian: `apt-get install strace`). ddlint exits 1 when it finds errors;
# that is expected here.

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

corpus=${DDLINT_BENCH_CORPUS:-../shared/corpus/integrations-extras}
sizes=${DDLINT_BENCH_SIZES:-"1 10 50"}
repeats=${DDLINT_BENCH_REPEATS:-5}
gnu_time=/usr/bin/time

die() {
    echo "bench: $*" >&2
    exit 2
}

# --- prerequisites: say what is missing, install nothing -------------------------------------
if ((BASH_VERSINFO[0] < 5)); then
    die "bash >= 5 is needed (for EPOCHREALTIME); this is bash $BASH_VERSION"
fi
if [[ ! -x $gnu_time ]] || ! "$gnu_time" -f '%e %M' -o /dev/null true 2>/dev/null; then
    die "GNU time is missing at $gnu_time (it measures peak memory). On Debian/Ubuntu: apt-get update && apt-get install -y time"
fi
command -v python3 >/dev/null || die "python3 is missing (it builds the synthetic repository)"
command -v strace >/dev/null || die "strace is missing (it lists the files ddlint reads). On Debian/Ubuntu: apt-get install -y strace"
command -v cargo >/dev/null || die "cargo is missing"
[[ -d $corpus ]] || die "corpus not found at $corpus (set DDLINT_BENCH_CORPUS)"
corpus=$(cd "$corpus" && pwd)

# --- build ------------------------------------------------------------------------------------
echo "building ddlint (release)..." >&2
cargo build --release --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
ddlint="$target_dir/release/ddlint"
[[ -x $ddlint ]] || die "no binary at $ddlint after the build"

work=$(mktemp -d "${TMPDIR:-/tmp}/ddlint-bench.XXXXXX")
if [[ ${DDLINT_BENCH_KEEP:-0} == 1 ]]; then
    echo "keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

# --- the synthetic repository -----------------------------------------------------------------
# Copies every top-level, non-hidden directory of the corpus that holds a manifest.json, N times.
# manifest.json and README.md (the files ddlint reads) are real copies; the other files (images,
# dashboards: ddlint only stats them, or reads the small oauth_clients.json) are hard links when
# the file system allows it, to keep the 50-copy repository small and quick to build.
make_repo() { # corpus dest copies
    python3 - "$@" <<'PY'
import os, re, shutil, sys, uuid

corpus, dest, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
APP_UUID = re.compile(rb'("app_uuid"\s*:\s*")[^"]*(")')
READ = {"manifest.json", "README.md"}

def link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)

names = sorted(
    n for n in os.listdir(corpus)
    if not n.startswith(".") and os.path.isfile(os.path.join(corpus, n, "manifest.json"))
)
os.makedirs(dest)
for i in range(1, copies + 1):
    for name in names:
        src = os.path.join(corpus, name)
        dst = os.path.join(dest, f"{name}_{i}")
        for here, dirs, files in os.walk(src):
            out = os.path.join(dst, os.path.relpath(here, src))
            os.makedirs(out, exist_ok=True)
            for f in files:
                s, d = os.path.join(here, f), os.path.join(out, f)
                if here == src and f in READ:
                    with open(s, "rb") as fh:
                        data = fh.read()
                    if f == "manifest.json":
                        data = APP_UUID.sub(
                            lambda m: m.group(1) + str(uuid.uuid4()).encode() + m.group(2), data
                        )
                    with open(d, "wb") as fh:
                        fh.write(data)
                else:
                    link_or_copy(s, d)
print(len(names) * copies)
PY
}

# --- measurement --------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure NAME OK_STATUSES CMD...: warm-up, then $repeats runs; appends "wall_ms rss_kib cpu_ms"
# per run to $work/NAME.runs and the raw GNU time line to $work/raw.log.
measure() {
    local name=$1 ok=$2
    shift 2
    local status=0
    "$@" >/dev/null 2>"$work/stderr" || status=$?
    [[ " $ok " == *" $status "* ]] || {
        cat "$work/stderr" >&2
        die "$name: \`$*\` exited with status $status"
    }
    : >"$work/$name.runs"
    local i t0 t1 line
    for ((i = 0; i < repeats; i++)); do
        status=0
        t0=$EPOCHREALTIME
        "$gnu_time" -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || status=$?
        t1=$EPOCHREALTIME
        [[ " $ok " == *" $status "* ]] || {
            cat "$work/stderr" >&2
            die "$name: \`$*\` exited with status $status"
        }
        line=$(tail -n 1 "$work/time")
        echo "$name $line" >>"$work/raw.log"
        read -r _e rss user sys <<<"$line"
        awk -v a="$t0" -v b="$t1" -v r="$rss" -v u="$user" -v s="$sys" \
            'BEGIN { printf "%.1f %d %.0f\n", (b - a) * 1000, r, (u + s) * 1000 }' >>"$work/$name.runs"
    done
}

col() { awk -v c="$2" '{ print $c }' "$work/$1.runs" | median; }

# files_read REPO LIST: writes to LIST, NUL-separated, every file under REPO that ddlint opened
# (one untimed run under strace).
files_read() {
    strace -f -qq -e trace=openat -o "$work/strace.log" "$ddlint" check --format json --read-limit 65536 "$1" >/dev/null || true
    python3 - "$1" "$work/strace.log" "$2" <<'PY'
import os, re, sys
repo, log, out = os.path.realpath(sys.argv[1]), sys.argv[2], sys.argv[3]
# A call two threads interleave is cut in two lines (`<unfinished ...>`, `<... resumed>`): the
# path is on the first; a failed open of a file that exists does not happen in these trees.
opened = re.compile(r'openat\([^,]*, "((?:[^"\\]|\\.)*)"')
seen = []
for line in open(log, encoding="utf-8", errors="replace"):
    m = opened.search(line)
    if m and os.path.realpath(m.group(1)).startswith(repo + os.sep) and os.path.isfile(m.group(1)):
        seen.append(m.group(1))
with open(out, "wb") as fh:
    fh.write(b"\0".join(p.encode() for p in dict.fromkeys(seen)))
PY
}

# --- machine ------------------------------------------------------------------------------------
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "## ddlint benchmark"
echo
echo "- ddlint: $("$ddlint" --version 2>/dev/null || echo ddlint), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
echo "- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
echo "- corpus: $(basename "$corpus"), median of $repeats runs after one warm-up (page cache warm)"
echo

rows=()
for n in $sizes; do
    repo="$work/repo-$n"
    echo "building a repository of $n cop$( ((n == 1)) && echo y || echo ies)..." >&2
    integrations=$(make_repo "$corpus" "$repo" "$n")
    list="$work/files-$n"
    files_read "$repo" "$list"
    bytes=$(xargs -0 -a "$list" cat | wc -c)
    # xargs passes as many files per cat as the argument limit allows, so large repositories
    # take a few cat processes; their count is shown.
    cats=$(xargs -0 -a "$list" sh -c 'echo' sh | wc -l)
    findings=$("$ddlint" check --format json --read-limit 65536 "$repo" | python3 -c 'import json, sys; s = json.load(sys.stdin)["summary"]; print(s["errors"] + s["warnings"])' || true)

    echo "measuring N=$n ($integrations integrations, $(tr -cd '\0' <"$list" | wc -c) files read)..." >&2
    measure "ddlint-$n" "0 1" "$ddlint" check --format json --read-limit 65536 "$repo"
    measure "cat-$n" "0" xargs -0 -a "$list" cat

    d_wall=$(col "ddlint-$n" 1) d_rss=$(col "ddlint-$n" 2) d_cpu=$(col "ddlint-$n" 3)
    c_wall=$(col "cat-$n" 1) c_rss=$(col "cat-$n" 2)
    rows+=("$(awk -v n="$n" -v i="$integrations" -v b="$bytes" -v f="$findings" \
        -v dw="$d_wall" -v dr="$d_rss" -v dc="$d_cpu" -v cw="$c_wall" -v cr="$c_rss" -v cats="$cats" 'BEGIN {
            printf "| %d | %d | %.1f | %d | %.1f | %.1f | %.0f | %.1f (%d) | %.1f | **%.2f** | %.0f |",
                n, i, b / 1048576, f, dw, dr / 1024, dc, cw, cats, cr / 1024, dw / cw, dw / i * 1000
        }')")
    [[ ${DDLINT_BENCH_KEEP:-0} == 1 ]] || rm -rf "$repo"
done

echo "| N | integrations | MiB read | findings | ddlint wall (ms) | ddlint peak RSS (MiB) | ddlint CPU (ms) | cat wall (ms) (cat processes) | cat peak RSS (MiB) | wall ddlint/cat | ddlint µs per integration |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Raw GNU time lines (name, %e s, %M KiB, %U s, %S s):" >&2
cat "$work/raw.log" >&2
