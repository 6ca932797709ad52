#!/usr/bin/env bash
# Runs the README's pre-commit snippet with the real pre-commit (from PyPI) in a temporary git
# repository holding a broken and a clean integration, for both hooks of .pre-commit-hooks.yaml:
#   - `ddlint` (language: python): installs the shim at the repository's root, whose one
#     dependency is the ddlint wheel. Resolved from DDLINT_WHEEL_DIR only (PIP_FIND_LINKS, with
#     PIP_NO_INDEX=1: nothing from PyPI), with no cargo, rustc or rustup on PATH: it cannot
#     compile. The directory holds the locally built wheel and the shim's build backend.
#   - `ddlint-build` (language: rust): builds this checkout with cargo.
# Each hook must fail on the broken integration and pass on the clean one. The hook repository is
# this checkout at its HEAD commit (commit first).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
wheels="${DDLINT_WHEEL_DIR:?DDLINT_WHEEL_DIR must hold the ddlint wheel and the setuptools wheel}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# pre-commit from PyPI: the one .ci/integration.sh put on PATH, else a fresh one.
if command -v pre-commit >/dev/null; then
    pre_commit="$(command -v pre-commit)"
else
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.7.0"
    pre_commit="$work/venv/bin/pre-commit"
fi

# PATH without any directory that holds cargo, rustc or rustup.
no_rust_path() {
    local dir kept=()
    IFS=: read -r -a dirs <<< "$PATH"
    for dir in "${dirs[@]}"; do
        [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ] || kept+=("$dir")
    done
    (IFS=:; echo "${kept[*]}")
}

# The snippet between the README's pre-commit markers, pointed at this checkout and its commit.
rev="$(git -C "$here" rev-parse HEAD)"
config="$(awk '/<!-- pre-commit-config -->/{p=1; next} /<!-- \/pre-commit-config -->/{p=0} p && !/^```/' "$here/README.md")"
[ -n "$config" ] || { echo "no pre-commit snippet in README.md"; exit 1; }

# A repository with a broken and a clean integration, and the snippet for hook id $1.
make_repo() {
    local repo="$work/repo-$1"
    mkdir -p "$repo"
    cp -r "$here/fixtures/uninstallation-field-missing-oauth" "$repo/broken"
    cp -r "$here/fixtures/valid-oauth-after-setup" "$repo/clean"
    rm -f "$repo"/*/expected.*
    printf '%s\n' "$config" \
      | sed -e "s|repo: https://github.com/[^ ]*|repo: $here|" -e "s|rev: .*|rev: $rev|" \
            -e "s|- id: ddlint$|- id: $1|" \
      > "$repo/.pre-commit-config.yaml"
    git -C "$repo" init -q
    git -C "$repo" add .
    echo "$repo"
}

# Runs hook $1 in its repository: must pass on the clean integration, fail on the broken one.
run_hook() {
    local hook="$1" repo
    repo="$(make_repo "$hook")"
    cd "$repo"
    echo "== $hook: the first run (installs the hook) on the clean integration must pass"
    local start=$SECONDS
    "$pre_commit" run --files clean/manifest.json clean/README.md
    echo "$hook: first run, install included: $((SECONDS - start)) s"
    echo "== $hook: on the broken integration (a file under assets/ selects it) it must fail"
    if "$pre_commit" run --files broken/assets/oauth_clients.json > "$work/broken.log" 2>&1; then
      cat "$work/broken.log"
      echo "the $hook hook passed on a broken integration"
      exit 1
    fi
    grep -q "uninstallation-field-missing" "$work/broken.log" \
      || { cat "$work/broken.log"; echo "the $hook hook failed without ddlint's finding"; exit 1; }
    cd "$here"
}

# The wheel hook: a fresh pre-commit cache, no Rust, no index.
export PRE_COMMIT_HOME="$work/cache-python"
(
    PATH="$(no_rust_path)"
    export PATH PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels" PIP_DISABLE_PIP_VERSION_CHECK=1
    if command -v cargo >/dev/null || command -v rustc >/dev/null; then
        echo "cargo or rustc is still on PATH"; exit 1
    fi
    run_hook ddlint
    installed=("$PRE_COMMIT_HOME"/repo*/py_env-*/bin/ddlint)
    [ -x "${installed[0]}" ] || { echo "the hook's environment has no ddlint"; exit 1; }
    "${installed[0]}" --version
    pip_list="$("${installed[0]%/ddlint}/python" -m pip list 2>/dev/null)"
    grep -q '^ddlint-pre-commit ' <<< "$pip_list" && grep -q '^ddlint ' <<< "$pip_list" \
      || { echo "$pip_list"; echo "the hook did not install the shim and the wheel"; exit 1; }
)

# The build hook: cargo install of this checkout; sharing the project's target directory reuses
# the dependencies CI already compiled.
export PRE_COMMIT_HOME="$work/cache-rust"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
run_hook ddlint-build
echo "pre-commit: both hooks (the wheel, without Rust; the cargo build) fail on the broken integration and pass on the clean one"
