#!/usr/bin/env bash
# The Action's first step: take the prebuilt ddlint of this action's own release, its SHA-256
# verified, or say that the next steps must build it (action/build.sh, from the action's own
# directory). Outputs: `ddlint` (the binary's path), `build` (true when it must be built) and
# `key` (the build cache key).
#
# A release's assets (.github/workflows/release.yml) are, per target:
#   <base>/v<version>/ddlint-<target>.tar.gz   holding ddlint-<target>/ddlint (ddlint.exe on Windows)
#   <base>/v<version>/sha256sums.txt           `<sha256>  <file>` for every archive
# with <base> = https://github.com/<action repository>/releases/download. The release fits when
# the action is used at that tag (`@v0.1.0`), or at a commit that is the one the release binary
# was built from (`@<40-hex sha> # v0.1.0`, as zizmor asks); a branch, another commit or a fork
# without that release builds instead. A download that fails builds too; a checksum that does
# not match, or a missing checksum, stops the step.
#
# Test hook: DDLINT_ACTION_RELEASES_URL replaces <base> (and allows http:// and file://). Only the
# action's own test (.ci/test-action.py) sets it; action.yml never passes it to this step.
set -euo pipefail

action_path="${ACTION_PATH:?}"
output="${GITHUB_OUTPUT:?}"
ref="${ACTION_REF:-}"
exe=""
[ "${RUNNER_OS:-}" = Windows ] && exe=".exe"

sha256() {
    if command -v sha256sum >/dev/null; then
        sha256sum "$@" | cut -d' ' -f1
    else
        shasum -a 256 "$@" | cut -d' ' -f1
    fi
}

# The build cache key: the runner, and a digest of everything the build reads (the toolchain
# is pinned in action/build.sh), so a new ddlint or toolchain never reuses an old build.
cache_key() {
    local digest
    digest=$(cd "$action_path" && { cat Cargo.lock Cargo.toml build.rs action/build.sh
        find src schemas -type f -print0 | LC_ALL=C sort -z | xargs -0 cat; } | sha256 - | cut -c1-32)
    echo "ddlint-${RUNNER_OS:-local}-${RUNNER_ARCH:-any}-$digest"
}

build() {
    echo "ddlint: $1; building it from the action's own directory instead."
    {
        echo "build=true"
        echo "ddlint=$action_path/target/release/ddlint$exe"
        echo "key=$(cache_key)"
    } >> "$output"
    exit 0
}

refuse() {
    echo "::error title=ddlint::$1"
    exit 1
}

case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
    Linux-X64) target=x86_64-unknown-linux-musl ;;
    Linux-ARM64) target=aarch64-unknown-linux-musl ;;
    macOS-X64) target=x86_64-apple-darwin ;;
    macOS-ARM64) target=aarch64-apple-darwin ;;
    Windows-X64) target=x86_64-pc-windows-msvc ;;
    *) build "no release binary for ${RUNNER_OS:-this OS} on ${RUNNER_ARCH:-this architecture}" ;;
esac

version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)
tag="v$version"
if [ "$ref" = "$tag" ]; then
    want_commit=""
elif [[ "$ref" =~ ^[0-9a-f]{40}$ ]]; then
    want_commit="$ref"
else
    build "the action is used at \`${ref:-an unknown ref}\`, not at a release tag or commit"
fi

if [ -n "${DDLINT_ACTION_RELEASES_URL:-}" ]; then
    base="$DDLINT_ACTION_RELEASES_URL"
    protocols="=https,http,file"
else
    base="https://github.com/${ACTION_REPOSITORY:?}/releases/download"
    protocols="=https"
fi
archive="ddlint-$target.tar.gz"
dir=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/ddlint.XXXXXX")
download() {
    curl --fail --silent --show-error --location --retry 3 --proto "$protocols" \
        --proto-redir "$protocols" --output "$dir/$1" "$base/$tag/$1"
}

download "$archive" || build "no release asset $tag/$archive"
download sha256sums.txt || refuse "release $tag has $archive but no sha256sums.txt: refusing a binary that cannot be verified"
expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print tolower($1) }' "$dir/sha256sums.txt")
[ -n "$expected" ] || refuse "sha256sums.txt of release $tag lists no $archive: refusing a binary that cannot be verified"
actual=$(sha256 "$dir/$archive")
[ "$actual" = "$expected" ] || refuse "checksum mismatch for $archive of release $tag: expected $expected, got $actual; refusing it"

member="ddlint-$target/ddlint$exe"
# Relative names: GNU tar reads `D:\...` (a Windows runner's path) as a remote host.
(cd "$dir" && tar -xzf "$archive" "$member") || refuse "$archive of release $tag holds no $member"
ddlint="$dir/$member"
chmod +x "$ddlint"
# `ddlint 0.1.0 (abc123def 2026-12-01)`: the version, and the commit it was built from.
reported=$("$ddlint" --version) || refuse "the ddlint of release $tag does not run on this runner"
read -r _ reported_version commit _ <<< "$reported"
[ "$reported_version" = "$version" ] || refuse "release $tag holds ddlint $reported_version"
commit="${commit#(}"
if [ -n "$want_commit" ] && { [ -z "$commit" ] || [ "${want_commit#"$commit"}" = "$want_commit" ]; }; then
    build "release $tag was built from ${commit:-an unknown commit}, not from the action's commit $want_commit"
fi

echo "ddlint: using the release binary ($reported, $archive, sha256 $actual)"
{
    echo "build=false"
    echo "ddlint=$ddlint"
} >> "$output"
