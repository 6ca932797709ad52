#!/usr/bin/env bash
# Where partners meet ddlint, tested with the real clients: the Action's steps run as a runner
# would (.ci/test-action.py), zizmor and action-validator on action.yml and the example workflow,
# the SARIF output through Microsoft's SARIF Multitool, and the pre-commit hook through
# pre-commit. Tools come from PyPI and npm, pinned, into a cache directory.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${DDLINT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ddlint-tools}"
venv="$tools/venv"
if ! "$venv/bin/python" -c 'import yaml' 2>/dev/null || [ ! -x "$venv/bin/zizmor" ] || [ ! -x "$venv/bin/pre-commit" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "PyYAML==6.0.4" "zizmor==1.32.0" "pre-commit==4.7.0"
fi
validator="$tools/action-validator/node_modules/.bin/action-validator"
if [ ! -x "$validator" ]; then
    npm install --prefix "$tools/action-validator" --no-audit --no-fund --loglevel=error "@action-validator/cli@0.6.0"
fi
export PATH="$venv/bin:$PATH"

cargo build --locked --release --quiet

echo "== the Action's steps, run locally"
python .ci/test-action.py

echo "== zizmor on action.yml and the example workflow"
zizmor --offline action.yml examples/workflows/ddlint.yml

echo "== action-validator on action.yml and the example workflow"
for file in action.yml examples/workflows/ddlint.yml; do
    "$validator" "$file"
done
echo "action-validator: valid"

echo "== SARIF Multitool on ddlint's SARIF"
bash .ci/validate-sarif.sh

echo "== pre-commit with the README's snippet"
bash .ci/test-pre-commit.sh
