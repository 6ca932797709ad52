#!/usr/bin/env bash
# The Action's fallback when no release binary fits (action/fetch.sh): build ddlint from the
# action's own sources with a pinned toolchain, and with none of the checked workspace's cargo or
# rustup settings. The workspace belongs to the pull request: a `.cargo/config.toml` there can
# name a `rustc-wrapper`, a `rust-toolchain.toml` can name a toolchain `path`, and either would run
# the pull request's code the moment cargo starts.
set -euo pipefail

# The toolchain CI tests ddlint with; release.yml builds with the same (tests/install.rs checks).
toolchain="1.95.0"

action_path="${ACTION_PATH:?}"
workspace="${GITHUB_WORKSPACE:-}"

# True when $1 is the workspace or lies below it.
in_workspace() {
    [ -n "$workspace" ] || return 1
    local dir root
    dir=$(cd "$1" 2>/dev/null && pwd -P) || return 1
    root=$(cd "$workspace" && pwd -P)
    [ "$dir" = "$root" ] || [ "${dir#"$root"/}" != "$dir" ]
}

# Every variable through which cargo, rustc or rustup take settings (RUSTC_WRAPPER,
# CARGO_BUILD_RUSTC_WRAPPER, RUSTFLAGS, RUSTUP_TOOLCHAIN, CARGO_TARGET_DIR, ...) goes; only
# where cargo and rustup keep their own files stays, and must not be the workspace's.
for name in $(compgen -e); do
    case "$name" in
        CARGO_HOME | RUSTUP_HOME) ;;
        CARGO | CARGO_* | RUSTC | RUSTC_* | RUSTDOC | RUSTDOC_* | RUSTDOCFLAGS | RUSTFLAGS | RUSTUP_*)
            unset "$name" ;;
    esac
done
for home in "${CARGO_HOME:-$HOME/.cargo}" "${RUSTUP_HOME:-$HOME/.rustup}"; do
    if in_workspace "$home"; then
        echo "::error title=ddlint::$home lies in the checked workspace: refusing to build with its settings"
        exit 1
    fi
done

# cargo reads .cargo/config.toml in the directory it starts in and in every one above it. The
# action's own directory is outside the workspace on a runner; were the action checked out
# inside the workspace, cargo starts from a fresh directory instead.
if in_workspace "$action_path"; then
    start=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ddlint-build.XXXXXX")
else
    start="$action_path"
fi
cd "$start"

export RUSTUP_TOOLCHAIN="$toolchain"
export CARGO_TARGET_DIR="$action_path/target"
if command -v rustup >/dev/null && ! rustup run "$toolchain" cargo --version >/dev/null 2>&1; then
    rustup toolchain install "$toolchain" --profile minimal --no-self-update
fi
cargo build --release --locked --quiet --manifest-path "$action_path/Cargo.toml"
