#!/usr/bin/env bash
# The Action's build cache key: the runner's OS and architecture, and a digest of the sources
# and the lock file, so a new ddlint version never reuses an old build.
set -euo pipefail
cd "${ACTION_PATH:?}"
digest=$(cat Cargo.lock Cargo.toml $(find src schemas -type f | LC_ALL=C sort) | sha256sum | cut -c1-32)
echo "key=ddlint-${RUNNER_OS:-local}-${RUNNER_ARCH:-any}-$digest" >> "${GITHUB_OUTPUT:?}"
