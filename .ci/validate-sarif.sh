#!/usr/bin/env bash
# Validates ddlint's `--format sarif` output with the SARIF Multitool (Microsoft's validator, the
# one GitHub's code-scanning docs point to), on the bundled fixtures and on the real corpus at
# ../shared/corpus/integrations-extras. The Multitool's `validate` checks the SARIF 2.1.0 JSON
# schema (JSONnnnn), the spec's consistency rules (SARIF1xxx), best practices (SARIF2xxx) and,
# with `--rule-kind Ghas`, what GitHub code scanning requires of an upload (GHnnnn).
#
# The Multitool comes from npm (@microsoft/sarif-multitool: a self-contained .NET build per
# platform, no .NET install needed), pinned, into a cache directory, once. It exits 0 whatever it
# finds, so this script reads its output log and exits 1 on any error-level result. Warnings and
# notes are printed, not failed on.
set -euo pipefail
cd "$(dirname "$0")/.."

MULTITOOL_VERSION=5.7.0
cache="${DDLINT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ddlint-tools}/sarif-multitool-$MULTITOOL_VERSION"
corpus=../shared/corpus/integrations-extras

# The path of the Multitool's native binary for this platform, installing it when absent.
multitool() {
    local resolve="console.log(require(require.resolve('@microsoft/sarif-multitool', {paths: [process.argv[1]]})))"
    local binary
    if ! binary=$(node -e "$resolve" "$cache" 2>/dev/null) || ! "$binary" --version >/dev/null 2>&1; then
        mkdir -p "$cache"
        npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
            "@microsoft/sarif-multitool@$MULTITOOL_VERSION" >&2
        binary=$(node -e "$resolve" "$cache")
        chmod u+x "$binary" # its postinstall does this, when npm runs install scripts
    fi
    echo "$binary"
}

# Counts the validator's results in its output log by level and rule; fails on any error.
summarize() {
    node - "$1" <<'EOF'
const log = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const counts = {};
let errors = 0;
for (const run of log.runs) {
  for (const result of run.results || []) {
    const level = result.level || 'warning';
    const key = `${level} ${result.ruleId}`;
    counts[key] = (counts[key] || 0) + 1;
    if (level === 'error') errors++;
  }
  for (const invocation of run.invocations || []) {
    if (invocation.executionSuccessful === false) errors++;
    const notes = [...(invocation.toolExecutionNotifications || []),
                   ...(invocation.toolConfigurationNotifications || [])];
    for (const note of notes) {
      if (note.level === 'error') { errors++; console.log(`  tool error: ${note.message.text}`); }
    }
  }
}
for (const [key, count] of Object.entries(counts).sort()) console.log(`  ${count} x ${key}`);
console.log(`  => ${errors} error(s)`);
process.exit(errors === 0 ? 0 : 1);
EOF
}

# Runs ddlint in directory $2 on path $3, validates the log as $1.sarif; returns 1 on errors.
# (Called as `validate ... || failed=1`, where `set -e` does not apply: every step is checked.)
validate() {
    local name=$1 dir=$2 target=$3 sarif="$work/$1.sarif" status=0
    (cd "$dir" && "$ddlint" check --format sarif "$target" >"$sarif") || status=$?
    if [ "$status" -gt 1 ]; then
        echo "ddlint failed on $target (exit $status)" >&2
        return 1
    fi
    local results count='const fs = require("fs"); console.log(JSON.parse(fs.readFileSync(process.argv[1])).runs[0].results.length)'
    results=$(node -e "$count" "$sarif") || { echo "ddlint's output on $target is not a SARIF log" >&2; return 1; }
    echo "== $name: ddlint check --format sarif $target (in $dir): $results results, $(wc -c <"$sarif") bytes"
    "$tool" validate "$sarif" --rule-kind "Sarif;Ghas" --level "Error;Warning;Note" \
        --output "$work/$name.validation.sarif" --log ForceOverwrite >"$work/$name.console" 2>&1 || true
    grep -E ': (error|warning) ' "$work/$name.console" | sed 's/^/  /' || true
    summarize "$work/$name.validation.sarif"
}

if [ ! -d "$corpus" ]; then
    echo "the corpus is missing: $corpus" >&2
    exit 2
fi
tool=$(multitool)
echo "validator: $("$tool" --version 2>&1 | grep -m 1 'SARIF Multitool') (npm @microsoft/sarif-multitool@$MULTITOOL_VERSION)"
echo "           $tool"
echo "           validate --rule-kind Sarif;Ghas (SARIF 2.1.0 schema + spec rules + GitHub code scanning rules)"

cargo build --release --locked --quiet
ddlint="$PWD/target/release/ddlint"
work=$(mktemp -d)
failed=0
validate fixtures "$PWD" fixtures || failed=1
validate corpus "$corpus" . || failed=1
if [ "$failed" -ne 0 ]; then
    echo "validate-sarif: FAILED; logs kept in $work"
    exit 1
fi
rm -rf "$work"
echo "validate-sarif: every SARIF log is valid (no error-level result)"
