#!/usr/bin/env bash
# Runs the README's pre-commit snippet with the real pre-commit (from PyPI) in a temporary git
# repository holding a broken and a clean integration: the hook must fail on the first and pass
# on the second.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# pre-commit from PyPI: the one .ci/integration.sh put on PATH, else a fresh one.
if command -v pre-commit >/dev/null; then
    pre_commit=pre-commit
else
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.7.0"
    pre_commit="$work/venv/bin/pre-commit"
fi
export PRE_COMMIT_HOME="$work/cache"
# pre-commit builds the hook with cargo install; sharing the project's target directory reuses the
# dependencies CI already compiled.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"

# The snippet between the README's pre-commit markers, pointed at this checkout and its commit.
rev="$(git -C "$here" rev-parse HEAD)"
config="$(awk '/<!-- pre-commit-config -->/{p=1; next} /<!-- \/pre-commit-config -->/{p=0} p && !/^```/' "$here/README.md")"
[ -n "$config" ] || { echo "no pre-commit snippet in README.md"; exit 1; }

repo="$work/repo"
mkdir -p "$repo"
cp -r "$here/fixtures/uninstallation-field-missing-oauth" "$repo/broken"
cp -r "$here/fixtures/valid-oauth-after-setup" "$repo/clean"
rm -f "$repo"/*/expected.*
printf '%s\n' "$config" \
  | sed -e "s|repo: https://github.com/[^ ]*|repo: $here|" -e "s|rev: .*|rev: $rev|" \
  > "$repo/.pre-commit-config.yaml"
git -C "$repo" init -q
git -C "$repo" add .

cd "$repo"
echo "== the hook on the clean integration must pass"
"$pre_commit" run --files clean/manifest.json clean/README.md
echo "== the hook on the broken integration must fail"
if "$pre_commit" run --files broken/manifest.json broken/README.md > "$work/broken.log" 2>&1; then
  cat "$work/broken.log"
  echo "the hook passed on a broken integration"
  exit 1
fi
grep -q "uninstallation-field-missing" "$work/broken.log" || { cat "$work/broken.log"; echo "the hook failed without ddlint's finding"; exit 1; }
echo "pre-commit: the hook fails on the broken integration and passes on the clean one"
