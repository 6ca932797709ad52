#!/usr/bin/env bash
# Where partners meet ddlint, tested with the real clients: the wheel (built with maturin,
# installed and run without Rust), the Action's steps run as a runner would (.ci/test-action.py),
# zizmor and the workflow schemas on action.yml and the workflows, the SARIF output through
# Microsoft's SARIF Multitool, and both pre-commit hooks through pre-commit. Tools come from PyPI
# and npm, pinned, into a cache directory.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${DDLINT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ddlint-tools}"
venv="$tools/venv"
if ! "$venv/bin/python" -c 'import yaml' 2>/dev/null || [ ! -x "$venv/bin/zizmor" ] \
    || [ ! -x "$venv/bin/pre-commit" ] || [ ! -x "$venv/bin/check-jsonschema" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "PyYAML==6.0.4" "zizmor==1.32.0" "pre-commit==4.7.0" "check-jsonschema==0.39.0"
fi
maturin="$tools/maturin-1.16.0/bin/maturin"
if [ ! -x "$maturin" ]; then
    python3 -m venv "$tools/maturin-1.16.0"
    "$tools/maturin-1.16.0/bin/pip" install --quiet --disable-pip-version-check "maturin==1.16.0"
fi
# The shim's build backend (pyproject.toml), for pip runs that may not reach an index.
backend="$tools/wheels/setuptools-80.9.0-py3-none-any.whl"
if [ ! -f "$backend" ]; then
    "$venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --dest "$tools/wheels" "setuptools==80.9.0"
fi
validator="$tools/action-validator/node_modules/.bin/action-validator"
if [ ! -x "$validator" ]; then
    npm install --prefix "$tools/action-validator" --no-audit --no-fund --loglevel=error "@action-validator/cli@0.6.0"
fi
export PATH="$venv/bin:$PATH"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# PATH without any directory that holds cargo, rustc or rustup.
no_rust_path() {
    local dir kept=()
    IFS=: read -r -a dirs <<< "$PATH"
    for dir in "${dirs[@]}"; do
        [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ] || kept+=("$dir")
    done
    (IFS=:; echo "${kept[*]}")
}

cargo build --locked --release --quiet

echo "== the wheel: maturin build, then pip install and run without Rust"
wheels="$work/wheels"
(cd pypi && "$maturin" build --release --locked --quiet --out "$wheels")
cp "$backend" "$wheels/"
version="$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)"
(
    PATH="$(no_rust_path)"
    if command -v cargo >/dev/null || command -v rustc >/dev/null; then
        echo "cargo or rustc is still on PATH"; exit 1
    fi
    python3 -m venv "$work/wheel-venv"
    "$work/wheel-venv/bin/pip" install --quiet --disable-pip-version-check --no-index \
        --find-links "$wheels" "ddlint==$version"
    ddlint="$work/wheel-venv/bin/ddlint"
    reported="$("$ddlint" --version)"
    echo "$reported"
    [[ "$reported" == "ddlint $version"* ]] || { echo "the wheel's ddlint is not $version"; exit 1; }
    "$ddlint" check fixtures/valid-oauth-after-setup
    status=0
    "$ddlint" check --format json fixtures/uninstallation-field-missing-oauth > "$work/broken.json" || status=$?
    [ "$status" -eq 1 ] || { echo "the wheel's ddlint exited $status on a broken fixture, not 1"; exit 1; }
    grep -q '"uninstallation-field-missing"' "$work/broken.json"
    echo "wheel: $(basename "$wheels"/ddlint-*.whl) installs without Rust and checks (exit 0 clean, 1 broken)"
)

echo "== the Action's steps, run locally"
python .ci/test-action.py

echo "== zizmor on action.yml and the workflows"
zizmor --offline action.yml examples/workflows/ddlint.yml .github/workflows/release.yml

echo "== the workflow schemas"
# action-validator 0.6.0 (its latest) predates the `attestations` permission that
# release.yml's attestation job needs: release.yml goes through check-jsonschema's copy of
# SchemaStore's workflow schema instead, as do the other two.
for file in action.yml examples/workflows/ddlint.yml; do
    "$validator" "$file"
done
echo "action-validator: valid"
check-jsonschema --builtin-schema vendor.github-actions action.yml
check-jsonschema --builtin-schema vendor.github-workflows examples/workflows/ddlint.yml .github/workflows/release.yml

echo "== SARIF Multitool on ddlint's SARIF"
bash .ci/validate-sarif.sh

echo "== pre-commit: both hooks, the README's snippet"
DDLINT_WHEEL_DIR="$wheels" bash .ci/test-pre-commit.sh
