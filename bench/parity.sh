#!/usr/bin/env bash
# Differential benchmark of ddlint against Datadog's own offline validators (issue "Every offline
# check Datadog runs on a pull request").
#
#   bash bench/parity.sh                      # the sample at ../shared/corpus/integrations-extras
#   DDLINT_PARITY_CORPUS=/path/to/integrations-extras bash bench/parity.sh
#
# What it does:
#   1. builds ddlint (`cargo build --release`);
#   2. installs `ddev==20.1.0` from PyPI into a fresh virtual environment in a temporary
#      directory. ddev runs with its own HOME, XDG directories and config file there (yours are
#      never read or written), its upgrade check off, and every HTTP(S) proxy pointed at a closed
#      local port, so that nothing it runs can reach a network service. ddev is pointed at the
#      copied repository with `ddev -e` (work on integrations-extras) and the config file's
#      `repos.extras = "<copy>"` (`DDEV_CONFIG` names that file);
#   3. copies the corpus into a git repository shaped as integrations-extras (its `.ddev/` and
#      `.github/` included; `git init` and an `origin` remote that is never contacted);
#   4. runs each of Datadog's offline validators, `ddev validate readmes`, `service-checks`,
#      `dashboards`, `saved-views`, `metadata` and `codeowners`, and the repository's own README
#      partials check (`.github/workflows/check_partials.py`, when the corpus has it), on the
#      copy (the baseline, timed), then on one mutated copy per case of the CASES table in the
#      Python part below: each case changes one file of one integration so that one of
#      Datadog's rules fires (or, for the cases marked `control`, so that none should). On a
#      mutated copy the validator runs on the mutated integration alone (as Datadog's CI runs
#      it on the integrations a pull request changes; `codeowners` has no selection and runs on
#      the whole copy) and is compared with the same command on the unmutated copy;
#   5. runs `ddlint check --format json` once over each whole tree (all its rules) and counts
#      the findings a mutation adds, of the ddlint rules that RULES below maps the case's
#      Datadog rule to;
#   6. prints a Markdown report: one table per validator (each case: what Datadog does, what
#      ddlint reports, agreement), a summary line per validator (cases, agree, Datadog-only,
#      ddlint-only, and how many of those disagreements are Datadog bugs the case's note and
#      the ddlint rule's docs explain), a table per Datadog rule (cases, how many each tool
#      flags, agreement, the disagreeing cases), the wall and CPU time of each side per
#      validator and in total (Datadog's validators one by one over the whole corpus; ddlint
#      once over everything, all rules, and with `--select` of the validator's rules), and the
#      baseline: what each tool says on the unmutated corpus.
#
# Datadog "flags" a case when the validator exits non-zero (`fails`), prints a new failure
# message but exits 0 (`reports, exit 0`), or stops with a traceback (`crash`). ddlint flags it
# when the mutation adds a finding of a mapped rule. Every rule the mapping names must be one of
# `ddlint rules` (the script stops otherwise, so that a renamed rule cannot pass as "not flagged").
#
# Needs: bash, git, cargo, a Python >= 3.13 with venv (ddev 20.1.0 requires it; found as
# python3.13, python3.14, then pyenv's versions), access to PyPI for the one `pip install`.
# Takes a few minutes (the install about 1.5 min, each ddev command 1 to 3 s).
#
# Environment:
#   DDLINT_PARITY_CORPUS   the integrations-extras tree to copy (default
#                          ../shared/corpus/integrations-extras, relative to the repository root)
#   DDLINT_PARITY_PYTHON   the Python (>= 3.13) to create the virtual environment with
#   DDLINT_PARITY_VENV     reuse this virtual environment holding ddev 20.1.0 instead of installing
#   DDLINT_PARITY_PARTIALS the README partials script (default: the corpus's
#                          .github/workflows/check_partials.py; its cases are skipped without it)
#   DDLINT_PARITY_REPEATS  timed runs of each command on the baseline (default 3; medians shown)
#   DDLINT_PARITY_JOBS     mutated copies checked at once (default 2)
#   DDLINT_PARITY_CASES    comma-separated case ids to run (default: all)
#   DDLINT_PARITY_OUTPUT   also write the report to this file
#   DDLINT_PARITY_KEEP=1   keep the temporary directory (its path is printed)
#   TMPDIR                 where the temporary directory is made
#
# Exit status: 0 when the report was produced (disagreements are findings, not failures), 2 when
# a prerequisite is missing or a tool could not run.

set -euo pipefail

# --- the mapping: Datadog's rules -> ddlint's rules -------------------------------------------
# One line per Datadog rule: its id (the cases below name it), the validator, the ddlint rules
# that report the same defect (comma-separated, no spaces), and what Datadog checks (ddev 20.1.0 /
# datadog-checks-dev 40.0.1).
RULES=$(
    cat <<'MAP'
readme-non-ascii        readmes         readme-non-ascii              a character above U+0100 in an extras README
readme-overview         readmes         overview-section-missing      an `## Overview` H2
readme-setup            readmes         setup-section-missing         a `## Setup` H2
readme-section-empty    readmes         readme-section-empty          Overview and Setup are not empty (the next element is not an H2)
readme-image-missing    readmes         readme-image-missing          an image of the raw.githubusercontent form exists in images/
readme-image-host       readmes         readme-image-url              images use the raw.githubusercontent form (printed, never fails)
readme-missing          readmes         readme-missing                the README exists (meant to be skipped in extras and the Marketplace)
partials-tabs           partials        hugo-shortcode                no `{{< tabs >}}` shortcode
partials-code-block     partials        hugo-shortcode                no `{{< code-block` shortcode
partials-site-region    partials        hugo-shortcode                `{{< site-region` inside `<!-- partial ... partial -->`
sc-attributes           service-checks  service-check-invalid         exactly the seven attributes
sc-agent-version        service-checks  service-check-invalid         agent_version is X.Y.Z
sc-check                service-checks  service-check-invalid         check is [a-zA-Z0-9_.] without __ .. _. ._ or a leading or trailing _
sc-check-unique         service-checks  service-check-duplicate       check is unique
sc-description          service-checks  service-check-invalid         description is a non-empty string
sc-groups               service-checks  service-check-invalid         groups is a list
sc-integration          service-checks  service-check-integration     integration is the manifest's source_type_name
sc-name                 service-checks  service-check-invalid         name is a non-empty string
sc-name-unique          service-checks  service-check-duplicate       name is unique
sc-statuses             service-checks  service-check-invalid         statuses is a non-empty list of ok, warning, critical, unknown
sc-file                 service-checks  referenced-file-missing       the file the manifest names exists
sc-json                 service-checks  invalid-json                  the file is JSON
sc-shape                service-checks  service-check-invalid         the file is an array of objects
sc-manifest             service-checks  invalid-json                  the manifest, read before the service checks, is JSON
dash-fields             dashboards      dashboard-invalid             description, template_variables and widgets
dash-format             dashboards      dashboard-format-old          the /dashboard payload format, not the old screenboard
dash-app-id             dashboards      dashboard-app-id              every widget's definition.app_id is the manifest's app_uuid
dash-file               dashboards      referenced-file-missing       the file the manifest names exists
dash-json               dashboards      invalid-json                  the file is JSON
sv-required             saved-views     saved-view-invalid            name, page, query and type
sv-keys                 saved-views     saved-view-invalid            no key beyond those and options, timerange, visible_facets
sv-type                 saved-views     saved-view-invalid            type is logs, trace, process or container
sv-page                 saved-views     saved-view-invalid            page is one Datadog lists
sv-options              saved-views     saved-view-invalid            options is an object, with the keys its page allows
sv-timerange            saved-views     saved-view-invalid            timerange has a numeric interval_ms
sv-visible-facets       saved-views     saved-view-invalid            visible_facets is a list
sv-file                 saved-views     referenced-file-missing       the file the manifest names exists
sv-json                 saved-views     invalid-json                  the file is JSON
md-csv                  metadata        invalid-csv                   the file reads as CSV (a quote never closed swallows every later row)
md-columns              metadata        metadata-column-count         every row has the header's number of cells
md-header               metadata        metadata-header               the header: no unknown column, none missing
md-empty-file           metadata        metadata-header               the file has at least the header
md-duplicate            metadata        metadata-duplicate            metric_name is unique
md-metric-name          metadata        metadata-value                metric_name is normalised ([a-zA-Z0-9_.], starting with a letter)
md-prefix               metadata        metadata-prefix               metric_name starts with the manifest's metrics.prefix
md-prefix-missing       metadata        metadata-prefix,manifest-schema the manifest (or .ddev/config.toml) has a metrics prefix
md-metric-type          metadata        metadata-value                metric_type is count, gauge or rate
md-unit                 metadata        metadata-value                unit_name and per_unit_name are in Datadog's unit list
md-unit-time            metadata        metadata-value                not a time unit per a time unit
md-integration          metadata        metadata-integration          the integration column is the normalised display name
md-orientation          metadata        metadata-value                orientation is -1, 0 or 1
md-required-empty       metadata        metadata-value                metric_name, metric_type, orientation, integration are not empty
md-description          metadata        metadata-description,metadata-non-ascii description has no `|`, no non-ASCII cell in the row, at most 400 characters
md-interval             metadata        metadata-value                interval is an integer
md-curated              metadata        metadata-value                curated_metric is cpu and/or memory, no repeat
co-entry                codeowners      codeowners-entry-missing      every integration has a `/<dir>/` entry
co-owner                codeowners      codeowners-owner-invalid      its first owner is not empty and is a @user or @org/team
co-logs                 codeowners      codeowners-logs-owner         assets/logs/ is owned by @DataDog/logs-integrations-reviewers
MAP
)

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

die() {
    echo "parity: $*" >&2
    exit 2
}

corpus=${DDLINT_PARITY_CORPUS:-../shared/corpus/integrations-extras}
repeats=${DDLINT_PARITY_REPEATS:-3}
jobs=${DDLINT_PARITY_JOBS:-2}

# --- prerequisites: say what is missing ------------------------------------------------------
command -v git >/dev/null || die "git is missing"
command -v cargo >/dev/null || die "cargo is missing"
[[ -d $corpus ]] || die "corpus not found at $corpus (set DDLINT_PARITY_CORPUS)"
corpus=$(cd "$corpus" && pwd)
[[ $repeats =~ ^[1-9][0-9]*$ ]] || die "DDLINT_PARITY_REPEATS must be a positive integer"
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "DDLINT_PARITY_JOBS must be a positive integer"

python_ok() {
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 13))' 2>/dev/null
}

find_python() {
    local candidate
    if [[ -n ${DDLINT_PARITY_PYTHON:-} ]]; then
        python_ok "$DDLINT_PARITY_PYTHON" || die "DDLINT_PARITY_PYTHON=$DDLINT_PARITY_PYTHON is not a Python >= 3.13 with venv"
        echo "$DDLINT_PARITY_PYTHON"
        return
    fi
    for candidate in python3.13 python3.14; do
        if command -v "$candidate" >/dev/null && python_ok "$candidate"; then
            command -v "$candidate"
            return
        fi
    done
    local pyenv_root=${PYENV_ROOT:-}
    if [[ -z $pyenv_root ]] && command -v pyenv >/dev/null; then
        pyenv_root=$(pyenv root)
    fi
    pyenv_root=${pyenv_root:-$HOME/.pyenv}
    if [[ -d $pyenv_root/versions ]]; then
        # newest first: 3.14.x before 3.13.x
        while IFS= read -r candidate; do
            if python_ok "$candidate"; then
                echo "$candidate"
                return
            fi
        done < <(find "$pyenv_root/versions" -mindepth 3 -maxdepth 3 -path '*/bin/python3' | sort -rV)
    fi
    die "no Python >= 3.13 found (ddev 20.1.0 requires it): install python3.13 (Debian/Ubuntu: apt-get install python3.13 python3.13-venv, or pyenv install 3.13), or set DDLINT_PARITY_PYTHON"
}

# --- build ------------------------------------------------------------------------------------
echo "parity: building ddlint (release)..." >&2
cargo build --release --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
ddlint="$target_dir/release/ddlint"
[[ -x $ddlint ]] || die "no binary at $ddlint after the build"

work=$(mktemp -d -t ddlint-parity.XXXXXX)
if [[ ${DDLINT_PARITY_KEEP:-0} == 1 ]]; then
    echo "parity: keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

# --- ddev 20.1.0 in a fresh virtual environment ----------------------------------------------
if [[ -n ${DDLINT_PARITY_VENV:-} ]]; then
    venv=$DDLINT_PARITY_VENV
    [[ -x $venv/bin/ddev ]] || die "DDLINT_PARITY_VENV=$venv has no bin/ddev"
else
    python=$(find_python)
    venv="$work/venv"
    echo "parity: installing ddev==20.1.0 with $python into a fresh virtual environment..." >&2
    "$python" -m venv "$venv"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet 'ddev==20.1.0' ||
        die "pip install ddev==20.1.0 failed"
fi
ddev_version=$(HOME="$work/home" "$venv/bin/ddev" --version 2>/dev/null || true)
[[ $ddev_version == *"20.1.0"* ]] || die "the virtual environment's ddev is not 20.1.0 (${ddev_version:-none})"

partials=${DDLINT_PARITY_PARTIALS:-$corpus/.github/workflows/check_partials.py}
[[ -f $partials ]] || partials=""

# --- the comparison (Python: the mutations, the runs, the report) ----------------------------
cat >"$work/parity.py" <<'PY'
import csv
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

WORK = os.environ["PARITY_WORK"]
CORPUS = os.environ["PARITY_CORPUS"]
DDLINT = os.environ["PARITY_DDLINT"]
VENV = os.environ["PARITY_VENV"]
PARTIALS = os.environ.get("PARITY_PARTIALS", "")
REPEATS = int(os.environ["PARITY_REPEATS"])
JOBS = int(os.environ["PARITY_JOBS"])
ONLY = {c for c in os.environ.get("PARITY_CASES", "").split(",") if c}
DDEV = os.path.join(VENV, "bin", "ddev")
VPYTHON = os.path.join(VENV, "bin", "python")
REPO = "integrations-extras"  # every tree's directory name, as Datadog's checkout is named

VALIDATORS = ["readmes", "partials", "service-checks", "dashboards", "saved-views", "metadata", "codeowners"]
SELECTABLE = {"readmes", "service-checks", "dashboards", "saved-views", "metadata"}


def log(*args):
    print("parity:", *args, file=sys.stderr, flush=True)


# --- the mapping table of the shell part ------------------------------------------------------
RULES = {}
for line in os.environ["PARITY_RULES"].splitlines():
    if not line.strip():
        continue
    rid, validator, ddlint_rules, what = line.split(None, 3)
    RULES[rid] = {"validator": validator, "ddlint": ddlint_rules.split(","), "what": what}

KNOWN = {r["name"] for r in json.loads(subprocess.run([DDLINT, "rules", "--format", "json"], check=True,
                                                       capture_output=True, text=True).stdout)}
UNKNOWN = sorted({f"{rid} -> {r}" for rid, m in RULES.items() for r in m["ddlint"] if r not in KNOWN})
if UNKNOWN:
    print("parity: the RULES mapping names rules `ddlint rules` does not list: " + ", ".join(UNKNOWN), file=sys.stderr)
    sys.exit(2)


# --- file edits on a hard-linked copy: always replace, never write through a link --------------
def path(tree, rel):
    return os.path.join(tree, *rel.split("/"))


def read(tree, rel):
    with open(path(tree, rel), encoding="utf-8") as f:
        return f.read()


def write(tree, rel, text):
    p = path(tree, rel)
    if os.path.lexists(p):
        os.unlink(p)
    with open(p, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def remove(tree, rel):
    os.unlink(path(tree, rel))


def jload(tree, rel):
    return json.loads(read(tree, rel))


def jdump(tree, rel, obj):
    write(tree, rel, json.dumps(obj, indent=4, ensure_ascii=False) + "\n")


def edit_json(rel, fn):
    def mutate(tree):
        obj = jload(tree, rel)
        obj = fn(obj) or obj
        jdump(tree, rel, obj)
    return mutate


def edit_text(rel, fn):
    def mutate(tree):
        write(tree, rel, fn(read(tree, rel)))
    return mutate


def sub1(pattern, repl, flags=re.M):
    def fn(text):
        new, n = re.subn(pattern, repl, text, count=1, flags=flags)
        if n != 1:
            raise RuntimeError(f"mutation pattern {pattern!r} not found")
        return new
    return fn


def csv_edit(rel, fn):
    def mutate(tree):
        rows = list(csv.reader(io.StringIO(read(tree, rel))))
        fn(rows)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        write(tree, rel, out.getvalue())
    return mutate


def cell(row_index, column, value):
    def fn(rows):
        rows[row_index][rows[0].index(column)] = value
    return fn


def between(start, end, text, repl):
    """Replace what lies between the line `start` and the line `end` (both kept)."""
    a = text.index(start + "\n") + len(start) + 1
    b = text.index("\n" + end + "\n", a) + 1
    return text[:a] + repl + text[b:]


OTHER_UUID = "00000000-1111-4222-8333-444444444444"

# --- the cases: one mutation each, on one integration of a fresh copy --------------------------
# (id, Datadog rule, integration, what is mutated, mutation, note). A note starting with
# "control" marks a case where neither tool should report; "Datadog bug" a case where Datadog's
# answer is wrong.
SC = "assets/service_checks.json"
RD = "README.md"
MD = "metadata.csv"
SV = "assets/saved_views/all.json"
CO = ".github/CODEOWNERS"


def sc0(fn):
    return edit_json(SC, lambda checks: fn(checks) and None)


def set_(obj, key, value):
    obj[key] = value
    return True


def del_(obj, key):
    del obj[key]
    return True


def old_screenboard(d):
    return {"board_title": d["title"], "description": d["description"],
            "template_variables": d["template_variables"],
            "widgets": [{"type": "note", "x": 0, "y": 0, "width": 20, "height": 10, "text": "old"}]}


def group_app_id(d):
    inner = d["widgets"][0]["definition"]["widgets"][0]
    inner["definition"]["app_id"] = OTHER_UUID


def readme_add(text_to_add):
    return edit_text(RD, sub1(r"^## Overview\n", lambda m: m.group(0) + "\n" + text_to_add + "\n"))


def co_line(pattern, repl):
    return edit_text(CO, sub1(pattern, repl))


CASES = [
    # readmes
    ("readme-non-ascii", "readme-non-ascii", "vercel", "a curly apostrophe (U+2019) in Overview",
     readme_add("It\u2019s fast."), ""),
    ("readme-latin1", "readme-non-ascii", "vercel", "an `é` (U+00E9, under Datadog's threshold) in Overview",
     readme_add("A caf\u00e9."), "control: at or under U+0100 is accepted"),
    ("readme-overview-missing", "readme-overview", "vercel", "`## Overview` renamed `## About`",
     edit_text(RD, sub1(r"^## Overview$", "## About")), ""),
    ("readme-setup-missing", "readme-setup", "vercel", "`## Setup` renamed `## Install`",
     edit_text(RD, sub1(r"^## Setup$", "## Install")), ""),
    ("readme-overview-empty", "readme-section-empty", "vercel", "everything between `## Overview` and `## Setup` removed",
     edit_text(RD, lambda t: between("## Overview", "## Setup", t, "\n")), ""),
    ("readme-setup-empty", "readme-section-empty", "vercel", "everything between `## Setup` and the next H2 removed",
     edit_text(RD, lambda t: between("## Setup", "## Data Collected", t, "\n")), ""),
    ("readme-setext", "readme-overview", "vercel", "`## Overview` written as a setext H2 (`Overview` / `---`)",
     edit_text(RD, sub1(r"^## Overview$", "Overview\n--------")), "control: a setext H2 is an H2"),
    ("readme-overview-fenced", "readme-overview", "vercel",
     "`## Overview` renamed `## About`, and a fenced code block holding `## Overview` added",
     edit_text(RD, sub1(r"^## Overview$", "## About\n\n```\n## Overview\n```")),
     "Datadog bug: its Markdown does not know code fences, so the `#` line inside counts as the H2"),
    ("readme-image-missing", "readme-image-missing", "vercel", "images/logo-full-black.png, linked in the README, deleted",
     lambda t: remove(t, "images/logo-full-black.png"), ""),
    ("readme-image-host", "readme-image-host", "vercel", "an image at https://example.com/dashboard.png added",
     readme_add("![Dashboard](https://example.com/dashboard.png)"),
     "Datadog bug: it prints the error but exits 0"),
    ("readme-missing", "readme-missing", "vercel", "README.md deleted",
     lambda t: remove(t, RD),
     "Datadog bug: meant to skip a missing extras README, it compares `integrations-extras` with `extras` "
     "and stops with a traceback"),
    # partials (.github/workflows/check_partials.py)
    ("partials-tabs", "partials-tabs", "vercel", "a `{{< tabs >}}` shortcode in Overview",
     readme_add('{{< tabs >}}\n{{% tab "Linux" %}}\nx\n{{% /tab %}}\n{{< /tabs >}}'), ""),
    ("partials-code-block", "partials-code-block", "vercel", "a `{{< code-block >}}` shortcode in Overview",
     readme_add('{{< code-block lang="yaml" >}}\nx: 1\n{{< /code-block >}}'), ""),
    ("partials-site-region", "partials-site-region", "vercel", "an unwrapped `{{< site-region >}}` after a blank line",
     readme_add('{{< site-region region="us3" >}}\nx\n{{< /site-region >}}'), ""),
    ("partials-site-region-wrapped", "partials-site-region", "vercel",
     "a `{{< site-region >}}` inside `<!-- partial ... partial -->`",
     readme_add('<!-- partial\n{{< site-region region="us3" >}}\nx\n{{< /site-region >}}\npartial -->'),
     "control: the wrapped form is the accepted one"),
    ("partials-site-region-tight", "partials-site-region", "vercel",
     "an unwrapped `{{< site-region >}}` on the line right after a paragraph",
     edit_text(RD, sub1(r"^## Overview\n\n(.*)\n", lambda m: m.group(0).rstrip("\n") +
                        '\n{{< site-region region="us3" >}}\nx\n{{< /site-region >}}\n')),
     "Datadog bug: its pattern needs a blank line or an indent before the shortcode"),
    # service-checks
    ("sc-attribute-unknown", "sc-attributes", "open_policy_agent", "an attribute `foo` added to a service check",
     sc0(lambda c: set_(c[0], "foo", "bar")), ""),
    ("sc-groups-missing", "sc-attributes", "open_policy_agent", "`groups` removed from a service check",
     sc0(lambda c: del_(c[0], "groups")), ""),
    ("sc-agent-version", "sc-agent-version", "open_policy_agent", "`agent_version` `7.0` (not X.Y.Z)",
     sc0(lambda c: set_(c[0], "agent_version", "7.0")), ""),
    ("sc-check-chars", "sc-check", "open_policy_agent", "`check` with a `-`",
     sc0(lambda c: set_(c[0], "check", "open_policy_agent.prometheus-health")), ""),
    ("sc-check-sequence", "sc-check", "open_policy_agent", "`check` with `..`",
     sc0(lambda c: set_(c[0], "check", "open_policy_agent..health")), ""),
    ("sc-check-end", "sc-check", "open_policy_agent", "`check` ending in `_`",
     sc0(lambda c: set_(c[0], "check", "open_policy_agent.health_")), ""),
    ("sc-check-missing", "sc-attributes", "open_policy_agent", "`check` removed from a service check",
     sc0(lambda c: del_(c[0], "check")), "Datadog bug: traceback"),
    ("sc-check-duplicate", "sc-check-unique", "open_policy_agent", "two service checks with the same `check`",
     sc0(lambda c: set_(c[1], "check", c[0]["check"])), ""),
    ("sc-description-empty", "sc-description", "open_policy_agent", "`description` empty",
     sc0(lambda c: set_(c[0], "description", "")), ""),
    ("sc-groups-string", "sc-groups", "open_policy_agent", "`groups` a string",
     sc0(lambda c: set_(c[0], "groups", "endpoint")), ""),
    ("sc-integration", "sc-integration", "open_policy_agent", "`integration` `Open Policy Agent` (not the source_type_name)",
     sc0(lambda c: set_(c[0], "integration", "Open Policy Agent")), ""),
    ("sc-name-empty", "sc-name", "open_policy_agent", "`name` empty",
     sc0(lambda c: set_(c[0], "name", "")), ""),
    ("sc-name-duplicate", "sc-name-unique", "open_policy_agent", "two service checks with the same `name`",
     sc0(lambda c: set_(c[1], "name", c[0]["name"])), ""),
    ("sc-statuses-empty", "sc-statuses", "open_policy_agent", "`statuses` empty",
     sc0(lambda c: set_(c[0], "statuses", [])), ""),
    ("sc-status-invalid", "sc-statuses", "open_policy_agent", "a status `down`",
     sc0(lambda c: set_(c[0], "statuses", ["ok", "down"])), ""),
    ("sc-file-missing", "sc-file", "open_policy_agent", "assets/service_checks.json deleted",
     lambda t: remove(t, SC), ""),
    ("sc-invalid-json", "sc-json", "open_policy_agent", "service_checks.json cut after its first 40 bytes",
     edit_text(SC, lambda t: t[:40]), ""),
    ("sc-object", "sc-shape", "open_policy_agent", "service_checks.json an object (the first service check) instead of an array",
     edit_json(SC, lambda c: c[0]), "Datadog bug: traceback"),
    ("sc-manifest-broken", "sc-manifest", "open_policy_agent", "manifest.json replaced by `{`",
     lambda t: write(t, "manifest.json", "{"), "Datadog bug: traceback"),
    # dashboards
    ("dash-widgets-missing", "dash-fields", "twingate", "`widgets` removed", 
     edit_json("assets/dashboards/twingate_overview.json", lambda d: del_(d, "widgets") and None), ""),
    ("dash-description-missing", "dash-fields", "twingate", "`description` removed",
     edit_json("assets/dashboards/twingate_overview.json", lambda d: del_(d, "description") and None), ""),
    ("dash-template-variables-missing", "dash-fields", "twingate", "`template_variables` removed",
     edit_json("assets/dashboards/twingate_overview.json", lambda d: del_(d, "template_variables") and None), ""),
    ("dash-widgets-object", "dash-fields", "twingate", "`widgets` an empty object `{}`",
     edit_json("assets/dashboards/twingate_overview.json", lambda d: set_(d, "widgets", {}) and None),
     "Datadog bug: it iterates the object and accepts it"),
    ("dash-widgets-string", "dash-fields", "twingate", "`widgets` a string",
     edit_json("assets/dashboards/twingate_overview.json", lambda d: set_(d, "widgets", "none") and None),
     "Datadog bug: traceback"),
    ("dash-old-format", "dash-format", "twingate", "the dashboard rewritten as an old screenboard (`board_title`, widgets without `definition`)",
     edit_json("assets/dashboards/twingate_overview.json", old_screenboard), ""),
    ("dash-app-id", "dash-app-id", "twingate", "a widget's `definition.app_id` another UUID",
     edit_json("assets/dashboards/twingate_overview.json",
               lambda d: set_(d["widgets"][0]["definition"], "app_id", OTHER_UUID) and None), ""),
    ("dash-app-id-group", "dash-app-id", "qdrant", "a widget inside a group widget: `definition.app_id` another UUID",
     edit_json("assets/dashboards/qdrant_overview.json", group_app_id), ""),
    ("dash-file-missing", "dash-file", "twingate", "the dashboard file deleted",
     lambda t: remove(t, "assets/dashboards/twingate_overview.json"), ""),
    ("dash-invalid-json", "dash-json", "twingate", "the dashboard cut after its first 100 bytes",
     edit_text("assets/dashboards/twingate_overview.json", lambda t: t[:100]), ""),
    # saved-views
    ("sv-type-missing", "sv-required", "sqreen", "`type` removed", edit_json(SV, lambda v: del_(v, "type") and None),
     "Datadog bug: traceback"),
    ("sv-query-missing", "sv-required", "sqreen", "`query` removed", edit_json(SV, lambda v: del_(v, "query") and None), ""),
    ("sv-key-unknown", "sv-keys", "sqreen", "a key `foo` added", edit_json(SV, lambda v: set_(v, "foo", 1) and None), ""),
    ("sv-type-invalid", "sv-type", "sqreen", "`type` `metrics`", edit_json(SV, lambda v: set_(v, "type", "metrics") and None), ""),
    ("sv-page-invalid", "sv-page", "sqreen", "`page` `dashboards`", edit_json(SV, lambda v: set_(v, "page", "dashboards") and None), ""),
    ("sv-options-list", "sv-options", "sqreen", "`options` a list",
     edit_json(SV, lambda v: set_(v, "options", ["columns"]) and None), "Datadog bug: traceback"),
    ("sv-options-stream", "sv-options", "sqreen", "an option `foo` on the `stream` page",
     edit_json(SV, lambda v: set_(v["options"], "foo", 1) and None), ""),
    ("sv-options-analytics", "sv-options", "sqreen", "`page` `analytics` with the stream options",
     edit_json(SV, lambda v: set_(v, "page", "analytics") and None), ""),
    ("sv-options-process", "sv-options", "sqreen", "`page` `process_overview` (type process) with the stream options",
     edit_json(SV, lambda v: v.update(page="process_overview", type="process")), ""),
    ("sv-options-none", "sv-options", "sqreen", "`page` `patterns`, which takes no options, with options",
     edit_json(SV, lambda v: set_(v, "page", "patterns") and None), ""),
    ("sv-timerange", "sv-timerange", "sqreen", "`timerange` without `interval_ms`",
     edit_json(SV, lambda v: set_(v, "timerange", {"from": 0}) and None), ""),
    ("sv-timerange-interval", "sv-timerange", "sqreen", "`timerange.interval_ms` a string",
     edit_json(SV, lambda v: set_(v["timerange"], "interval_ms", "1d") and None), ""),
    ("sv-visible-facets", "sv-visible-facets", "sqreen", "`visible_facets` a string",
     edit_json(SV, lambda v: set_(v, "visible_facets", "@env") and None), ""),
    ("sv-file-missing", "sv-file", "sqreen", "a saved view file deleted", lambda t: remove(t, SV), ""),
    ("sv-invalid-json", "sv-json", "sqreen", "a saved view cut after its first 50 bytes",
     edit_text(SV, lambda t: t[:50]), ""),
    # metadata
    ("md-unclosed-quote", "md-csv", "qdrant", "a `\"` opening row 2's description, never closed",
     edit_text(MD, sub1(r"If Qdrant is currently", '"If Qdrant is currently')), ""),
    ("md-columns", "md-columns", "qdrant", "a row with one cell fewer", csv_edit(MD, lambda r: r[3].pop()), ""),
    ("md-header-unknown", "md-header", "qdrant", "a column `foo` added (header and every row)",
     csv_edit(MD, lambda r: [row.append("foo" if i == 0 else "") for i, row in enumerate(r)]), ""),
    ("md-header-missing", "md-header", "qdrant", "the `short_name` column removed",
     csv_edit(MD, lambda r: [row.pop(r[0].index("short_name")) for row in r[1:] + [r[0]]]), ""),
    ("md-empty-file", "md-empty-file", "qdrant", "metadata.csv emptied (0 bytes)", lambda t: write(t, MD, ""), ""),
    ("md-duplicate", "md-duplicate", "qdrant", "row 3 with row 2's metric_name",
     csv_edit(MD, lambda r: cell(2, "metric_name", r[1][0])(r)), ""),
    ("md-metric-name", "md-metric-name", "qdrant", "metric_name `qdrant.bad-name`",
     csv_edit(MD, cell(1, "metric_name", "qdrant.bad-name")), ""),
    ("md-prefix", "md-prefix", "qdrant", "metric_name `other.metric` (outside the `qdrant.` prefix)",
     csv_edit(MD, cell(1, "metric_name", "other.metric")), ""),
    ("md-prefix-missing", "md-prefix-missing", "qdrant", "`metrics.prefix` removed from the manifest",
     edit_json("manifest.json", lambda m: del_(m["assets"]["integration"]["metrics"], "prefix") and None), ""),
    ("md-metric-type", "md-metric-type", "qdrant", "metric_type `counter`", csv_edit(MD, cell(1, "metric_type", "counter")), ""),
    ("md-unit", "md-unit", "qdrant", "unit_name `bytes`", csv_edit(MD, cell(1, "unit_name", "bytes")), ""),
    ("md-per-unit", "md-unit", "qdrant", "per_unit_name `sec`", csv_edit(MD, cell(1, "per_unit_name", "sec")), ""),
    ("md-unit-time", "md-unit-time", "qdrant", "unit_name `millisecond` per `second`",
     csv_edit(MD, lambda r: (cell(1, "unit_name", "millisecond")(r), cell(1, "per_unit_name", "second")(r))), ""),
    ("md-integration", "md-integration", "qdrant", "integration column `Qdrant` (should be `qdrant`)",
     csv_edit(MD, cell(1, "integration", "Qdrant")), ""),
    ("md-orientation", "md-orientation", "qdrant", "orientation `2`", csv_edit(MD, cell(1, "orientation", "2")), ""),
    ("md-metric-type-empty", "md-required-empty", "qdrant", "metric_type empty", csv_edit(MD, cell(1, "metric_type", "")), ""),
    ("md-description-pipe", "md-description", "qdrant", "a `|` in a description",
     csv_edit(MD, cell(1, "description", "recovery | mode")), ""),
    ("md-description-unicode", "md-description", "qdrant", "an `é` in a description",
     csv_edit(MD, cell(1, "description", "Temps \u00e9coul\u00e9")), ""),
    ("md-description-long", "md-description", "qdrant", "a description of 401 characters",
     csv_edit(MD, cell(1, "description", "x" * 401)), ""),
    ("md-interval", "md-interval", "qdrant", "interval `10s`", csv_edit(MD, cell(1, "interval", "10s")), ""),
    ("md-curated-duplicate", "md-curated", "qdrant", "curated_metric `cpu|cpu`", csv_edit(MD, cell(1, "curated_metric", "cpu|cpu")), ""),
    ("md-curated-invalid", "md-curated", "qdrant", "curated_metric `disk`", csv_edit(MD, cell(1, "curated_metric", "disk")), ""),
    ("md-unit-non-ascii", "md-description", "qdrant", "unit_name `z\u0142oty`, which is in Datadog's unit list",
     csv_edit(MD, cell(1, "unit_name", "z\u0142oty")),
     "Datadog bug: a unit of its own list fails its non-ASCII check (reported as the description's)"),
    ("md-short-name-non-ascii", "md-description", "qdrant", "an `é` in short_name of a row whose description is empty",
     csv_edit(MD, lambda r: (cell(1, "description", "")(r), cell(1, "short_name", "caf\u00e9")(r))),
     "Datadog bug: its non-ASCII check runs only when the description is not empty"),
    ("md-two-bad-rows", "md-metric-type", "qdrant", "metric_type `counter` on rows 2 and 10",
     csv_edit(MD, lambda r: (cell(1, "metric_type", "counter")(r), cell(9, "metric_type", "counter")(r))),
     "Datadog bug: in a file without the optional sample_tags column it reports the first bad row only"),
    # codeowners
    ("co-entry-missing", "co-entry", "vercel", "the `/vercel/` line removed", co_line(r"^/vercel/ .*\n", ""), ""),
    ("co-owner-empty", "co-owner", "vercel", "the `/vercel/` line without an owner", co_line(r"^/vercel/ .*$", "/vercel/"), ""),
    ("co-owner-email", "co-owner", "vercel", "`/vercel/` owned by an e-mail address only",
     co_line(r"^/vercel/ .*$", "/vercel/ serverless@example.com"), ""),
    ("co-logs-owner", "co-logs", "vercel", "a last line `/vercel/assets/logs/ @Datadog/serverless`",
     edit_text(CO, lambda t: t + "/vercel/assets/logs/ @Datadog/serverless\n"), ""),
]

# --- trees -----------------------------------------------------------------------------------
def git_init(tree):
    subprocess.run(["git", "init", "-q", tree], check=True)
    subprocess.run(["git", "-C", tree, "remote", "add", "origin",
                    "https://github.com/DataDog/integrations-extras.git"], check=True)


def make_base():
    base = os.path.join(WORK, "base", REPO)
    os.makedirs(os.path.dirname(base))
    shutil.copytree(CORPUS, base, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    for d, dirs, files in os.walk(base):
        os.chmod(d, 0o755)
        for f in files:
            p = os.path.join(d, f)
            if not os.path.islink(p):
                os.chmod(p, 0o644)
    git_init(base)
    return base


def make_copy(base, case_id):
    tree = os.path.join(WORK, "cases", case_id, REPO)
    os.makedirs(os.path.dirname(tree))
    subprocess.run(["cp", "-al", base, tree], check=True)
    shutil.rmtree(os.path.join(tree, ".git"))
    git_init(tree)
    return tree


# --- running the tools ------------------------------------------------------------------------
DEAD_PROXY = "http://127.0.0.1:9"


def ddev_env(tree):
    home = os.path.join(WORK, "home")
    config = os.path.join(os.path.dirname(tree), "ddev-config.toml")
    if not os.path.exists(config):
        with open(config, "w", encoding="utf-8") as f:
            f.write('repo = "extras"\nupgrade_check = false\n\n[repos]\nextras = ' + json.dumps(tree) + "\n")
    return {
        "PATH": os.path.join(VENV, "bin") + os.pathsep + os.environ.get("PATH", ""),
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "DDEV_CONFIG": config,
        "DDEV_DATA_DIR": os.path.join(home, "ddev-data"),
        "DDEV_CACHE_DIR": os.path.join(home, "ddev-cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "300",
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "HTTP_PROXY": DEAD_PROXY, "HTTPS_PROXY": DEAD_PROXY, "ALL_PROXY": DEAD_PROXY,
        "http_proxy": DEAD_PROXY, "https_proxy": DEAD_PROXY, "all_proxy": DEAD_PROXY,
        "NO_PROXY": "", "no_proxy": "",
        "TMPDIR": os.path.join(WORK, "tmp"),
    }


def datadog_cmd(validator, tree, integration=None):
    if validator == "partials":
        if integration:
            files = [path(tree, integration + "/README.md")]
        else:
            files = sorted(os.path.join(tree, d, "README.md") for d in os.listdir(tree)
                           if os.path.isfile(os.path.join(tree, d, "manifest.json"))
                           and os.path.isfile(os.path.join(tree, d, "README.md")))
        return [VPYTHON, PARTIALS, "--files=" + " ".join(files)]
    cmd = [DDEV, "--no-interactive", "-e", "validate", validator]
    if integration and validator in SELECTABLE:
        cmd.append(integration)
    return cmd


def timed(cmd, **kwargs):
    """Run cmd; its exit code, output (stdout, stderr), wall time and CPU time (its own and its children's)."""
    start = time.perf_counter()
    with subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          **kwargs) as p:
        stdout, stderr = p.communicate()
        # communicate() reaped the process; its resource usage is in the children's total
    wall = time.perf_counter() - start
    return p.returncode, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"), wall


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_datadog(validator, tree, integration=None):
    cmd = datadog_cmd(validator, tree, integration)
    cpu = cpu_children()
    rc, stdout, stderr, wall = timed(cmd, env=ddev_env(tree), cwd=os.path.dirname(tree))
    cpu = cpu_children() - cpu
    out = (stdout + stderr).replace(tree + os.sep, "").replace(tree, REPO)
    return {"rc": rc, "out": out, "time": wall, "cpu": cpu}


def run_ddlint(tree, select=None):
    cmd = [DDLINT, "check", "--format", "json", "--no-config", tree]
    if select:
        cmd[2:2] = ["--select", ",".join(select)]
    cpu = cpu_children()
    rc, stdout, stderr, elapsed = timed(cmd)
    cpu = cpu_children() - cpu
    if rc not in (0, 1):
        raise RuntimeError(f"ddlint exited {rc}: {stderr.strip()}")
    findings = []
    for d in json.loads(stdout)["diagnostics"]:
        rel = os.path.relpath(os.path.join(os.getcwd(), d["file"]) if not os.path.isabs(d["file"]) else d["file"], tree)
        message = d["message"].replace(tree + os.sep, "").replace(tree, REPO)
        findings.append({"name": d["name"], "file": rel, "line": d.get("line"), "message": message})
    return {"findings": findings, "time": elapsed, "cpu": cpu}


def key(f):
    return (f["name"], f["file"], f["message"])


def new_findings(base, mutated):
    left = Counter(key(f) for f in base)
    out = []
    for f in mutated:
        k = key(f)
        if left[k]:
            left[k] -= 1
        else:
            out.append(f)
    return out


def median(xs):
    return statistics.median(xs)


# which findings of a mapped rule concern a validator's files (for the baseline)
TOUCHES = {"readmes": r"README\.md", "partials": r"README\.md", "service-checks": r"service_checks",
           "dashboards": r"dashboards", "saved-views": r"saved_views", "metadata": r"metadata",
           "codeowners": r"CODEOWNERS"}


# --- classification ---------------------------------------------------------------------------
TRACEBACK = re.compile(r"Traceback \(most recent call last\)")


def noise(line):
    s = line.strip(" \t\u2500\u2502\u2514\u251c")  # the tree drawing of ddev's newer validators
    return not s or s.startswith(("Skipping ", "Validating ")) or re.fullmatch(
        r"(\d+ (in)?valid files|All \d+ READMEs are valid!|All saved views are valid!|Metrics validation|"
        r"(Passed|Errors|Warnings): \d+|Files (with errors|valid): \d+|All integrations have valid codeowners\.|"
        r"[^\s:]+)", s) is not None


def datadog_verdict(validator, clean, mutated):
    """fails / reports, exit 0 / crash / no, and the first new message."""
    clean_lines = Counter(clean["out"].splitlines())
    new = []
    for line in mutated["out"].splitlines():
        if clean_lines[line]:
            clean_lines[line] -= 1
        elif not noise(line):
            new.append(line.strip(" \t\u2500\u2502\u2514\u251c"))
    if validator == "partials":
        # the script's designed failure: print the message, raise a bare Exception
        msg = next((ln for ln in new if ln.startswith("ERROR")), new[0] if new else "")
        return ("fails" if mutated["rc"] != 0 else "no"), msg
    if TRACEBACK.search(mutated["out"]) and not TRACEBACK.search(clean["out"]):
        last = [ln for ln in new if ln][-1:] or [""]
        return "crash", "traceback: " + last[0]
    # the `<integration>:` heading of the readmes validator says nothing by itself
    shown = "; ".join([ln for ln in new if not re.fullmatch(r"\S+:", ln)][:3])
    if mutated["rc"] != 0 and (clean["rc"] == 0 or new):
        return "fails", shown
    if mutated["rc"] == 0 and new:
        return "reports, exit 0", shown
    return "no", ""


# --- the run ----------------------------------------------------------------------------------
def main():
    os.makedirs(os.path.join(WORK, "tmp"), exist_ok=True)
    os.makedirs(os.path.join(WORK, "home"), exist_ok=True)
    validators = [v for v in VALIDATORS if v != "partials" or PARTIALS]
    log(f"copying the corpus ({CORPUS})")
    base = make_base()
    integrations = sorted(d for d in os.listdir(base) if os.path.isfile(os.path.join(base, d, "manifest.json")))

    # baseline, timed: each validator over the whole tree, ddlint over everything
    log(f"baseline: {len(validators)} Datadog validators and ddlint, {REPEATS} runs each")
    baseline = {}
    for v in validators:
        run_datadog(v, base)  # warm the page cache and Python's module caches
        runs = [run_datadog(v, base) for _ in range(REPEATS)]
        baseline[v] = {"rc": runs[0]["rc"], "out": runs[0]["out"], "time": median([r["time"] for r in runs]),
                       "cpu": median([r["cpu"] for r in runs])}
    run_ddlint(base)  # warm the page cache
    dd_runs = [run_ddlint(base) for _ in range(REPEATS)]
    dd_base = dd_runs[0]["findings"]
    dd_time = median([r["time"] for r in dd_runs])
    dd_cpu = median([r["cpu"] for r in dd_runs])
    dd_select_time = {}
    for v in validators:
        rules = sorted({r for m in RULES.values() if m["validator"] == v for r in m["ddlint"]})
        if rules:
            dd_select_time[v] = median([run_ddlint(base, rules)["time"] for _ in range(REPEATS)])

    cases = [c for c in CASES if (not ONLY or c[0] in ONLY) and (RULES[c[1]]["validator"] in validators)]
    skipped = [c for c in CASES if (not ONLY or c[0] in ONLY) and c not in cases]
    missing = sorted({c[2] for c in cases} - set(integrations))
    if missing:
        log("integrations missing from the corpus, their cases skipped: " + ", ".join(missing))
        skipped += [c for c in cases if c[2] in missing]
        cases = [c for c in cases if c[2] not in missing]

    # Datadog on each unmutated target, for the comparison
    clean = {}
    for validator, integration in sorted({(RULES[c[1]]["validator"], c[2]) for c in cases}):
        clean[(validator, integration)] = run_datadog(validator, base, integration)

    def one(case):
        cid, rid, integration, what, mutate, note = case
        validator = RULES[rid]["validator"]
        tree = make_copy(base, cid)
        try:
            mutate(os.path.join(tree, integration) if not rid.startswith("co-") else tree)
        except (OSError, RuntimeError, KeyError, IndexError, ValueError, TypeError) as e:
            log(f"{cid}: the mutation could not be made on this corpus ({type(e).__name__}: {e}); case skipped")
            shutil.rmtree(os.path.dirname(tree))
            return None
        dd = run_datadog(validator, tree, integration)
        lint = run_ddlint(tree)
        if os.environ.get("PARITY_KEEP") != "1":
            shutil.rmtree(os.path.dirname(tree))
        verdict, message = datadog_verdict(validator, clean[(validator, integration)], dd)
        added = new_findings(dd_base, lint["findings"])
        mapped = RULES[rid]["ddlint"]
        hits = [f for f in added if f["name"] in mapped]
        others = [f for f in added if f["name"] not in mapped]
        lint_verdict = "yes" if hits else "no"
        return {"id": cid, "rule": rid, "validator": validator, "integration": integration, "what": what,
                "note": note, "datadog": verdict, "datadog_rc": dd["rc"], "datadog_msg": message,
                "ddlint": lint_verdict, "hits": hits, "others": others, "mapped": mapped,
                "datadog_out": dd["out"]}

    log(f"{len(cases)} mutated copies ({JOBS} at a time)")
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        results = list(pool.map(one, cases))
    skipped += [c for c, r in zip(cases, results) if r is None]
    results = [r for r in results if r is not None]

    report = render(validators, baseline, dd_base, (dd_time, dd_cpu), dd_select_time, results, skipped, integrations,
                    base)
    print(report)
    if os.environ.get("PARITY_OUTPUT"):
        with open(os.environ["PARITY_OUTPUT"], "w", encoding="utf-8") as f:
            f.write(report + "\n")
    with open(os.path.join(WORK, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)


# --- the report -------------------------------------------------------------------------------
def md(text, limit=160):
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|") or "—"


def flagged(r):
    return r["datadog"] != "no"


def agreement(r):
    d, l = flagged(r), r["ddlint"] == "yes"
    if d == l:
        return "agree"
    return "Datadog only" if d else "ddlint only"


def explained(r):
    """A disagreement whose case documents Datadog's answer as wrong (and the rule's docs say why)."""
    return agreement(r) != "agree" and r["note"].startswith("Datadog bug")


def fmt_findings(fs, limit=2):
    if not fs:
        return "—"
    shown = [f"`{f['name']}` {f['file']}:{f['line']}: {f['message']}" for f in fs[:limit]]
    more = f" (+{len(fs) - limit})" if len(fs) > limit else ""
    return md("; ".join(shown), 220) + more


def render(validators, baseline, dd_base, dd_times, dd_select_time, results, skipped, integrations, base):
    dd_time, dd_cpu = dd_times
    out = []
    w = out.append
    ddev_version = subprocess.run([DDEV, "--version"], env=ddev_env(base), capture_output=True, text=True).stdout.strip()
    ddlint_version = subprocess.run([DDLINT, "--version"], capture_output=True, text=True).stdout.strip()
    w("# ddlint parity with Datadog's validators\n")
    w(f"Corpus: {os.path.basename(CORPUS)} ({len(integrations)} integrations). {ddev_version}; {ddlint_version}. "
      f"Times: medians of {REPEATS} runs.\n")
    totals = Counter()
    summary_rows = []
    for v in validators:
        rs = [r for r in results if r["validator"] == v]
        w(f"## {v}\n")
        w("| case | Datadog rule | integration | mutation | Datadog | ddlint | agreement | note | Datadog says | ddlint says (mapped rules) | other new ddlint findings |")
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in rs:
            lint = r["ddlint"]
            says = fmt_findings(r["hits"])
            says_dd = r["datadog_msg"]
            if r["validator"] == "metadata":
                rows = sorted({int(n) for n in re.findall(re.escape(r["integration"]) + r":(\d+) ", r["datadog_out"])})
                if len(rows) > 4:
                    says_dd = f"{len(rows)} rows ({rows[0]} to {rows[-1]}): " + says_dd
                elif rows:
                    says_dd = ("row " if len(rows) == 1 else "rows ") + ", ".join(map(str, rows)) + ": " + says_dd
            w(f"| {r['id']} | {r['rule']} | {r['integration']} | {md(r['what'])} | {r['datadog']} (exit {r['datadog_rc']}) | {lint} | "
              f"{agreement(r)} | {md(r['note'])} | {md(says_dd)} | {says} | {fmt_findings(r['others'])} |")
        c = Counter(agreement(r) for r in rs)
        row = {"validator": v, "cases": len(rs), "agree": c["agree"], "datadog_only": c["Datadog only"],
               "ddlint_only": c["ddlint only"], "explained": sum(map(explained, rs)),
               "datadog_time": baseline[v]["time"], "ddlint_time": dd_select_time.get(v)}
        row["unexplained"] = row["cases"] - row["agree"] - row["explained"]
        summary_rows.append(row)
        for k in ("cases", "agree", "datadog_only", "ddlint_only", "explained", "unexplained"):
            totals[k] += row[k]
        w(f"\n**{v}**: {row['cases']} cases, {row['agree']} agree, {row['datadog_only']} Datadog only, "
          f"{row['ddlint_only']} ddlint only; of the disagreements, {row['explained']} are Datadog bugs the rule's "
          f"docs explain, {row['unexplained']} unexplained.\n")

    w("## Per Datadog rule\n")
    w("| Datadog rule | validator | what Datadog checks | ddlint rules | cases | Datadog flags | ddlint flags | agree | "
      "disagreements |")
    w("|---|---|---|---|---:|---:|---:|---:|---|")
    for rid, m in RULES.items():
        rs = [r for r in results if r["rule"] == rid]
        if not rs:
            continue
        diff = [f"{r['id']} ({agreement(r)}{', Datadog bug' if explained(r) else ', UNEXPLAINED'})"
                for r in rs if agreement(r) != "agree"]
        w(f"| {rid} | {m['validator']} | {md(m['what'])} | {', '.join(f'`{x}`' for x in m['ddlint'])} | {len(rs)} | "
          f"{sum(map(flagged, rs))} | {sum(r['ddlint'] == 'yes' for r in rs)} | "
          f"{sum(agreement(r) == 'agree' for r in rs)} | {'; '.join(diff) or '—'} |")
    w("")

    w("## Summary\n")
    w("| Datadog validator | cases | agree | Datadog only | ddlint only | explained (Datadog bug) | unexplained | "
      "Datadog wall (s) | Datadog CPU (s) | ddlint `--select` its rules, wall (ms) |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    total_dd = total_cpu = 0.0
    for row in summary_rows:
        total_dd += row["datadog_time"]
        total_cpu += baseline[row["validator"]]["cpu"]
        lt = f"{row['ddlint_time'] * 1000:.1f}" if row["ddlint_time"] is not None else "—"
        w(f"| {row['validator']} | {row['cases']} | {row['agree']} | {row['datadog_only']} | {row['ddlint_only']} | "
          f"{row['explained']} | {row['unexplained']} | {row['datadog_time']:.2f} | {baseline[row['validator']]['cpu']:.2f} | {lt} |")
    w(f"| **total** | {totals['cases']} | {totals['agree']} | {totals['datadog_only']} | {totals['ddlint_only']} | "
      f"{totals['explained']} | {totals['unexplained']} | {total_dd:.2f} | {total_cpu:.2f} | all rules, once: {dd_time * 1000:.1f} "
      f"(CPU {dd_cpu * 1000:.0f}) |")
    w(f"\nDatadog's validators one by one: {total_dd:.2f} s wall, {total_cpu:.2f} s CPU; ddlint, every rule in one "
      f"run: {dd_time * 1000:.1f} ms wall, {dd_cpu * 1000:.0f} ms CPU; ratio {total_dd / dd_time:.0f}x (wall), "
      f"{total_cpu / max(dd_cpu, 1e-3):.0f}x (CPU). Load average at the end: "
      f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs.\n")
    if skipped:
        def why(c):
            if RULES[c[1]]["validator"] == "partials" and not PARTIALS:
                return "no partials script"
            return "integration not in the corpus" if c[2] not in integrations else "mutation not applicable"
        w("Skipped cases: " + ", ".join(f"{c[0]} ({why(c)})" for c in skipped) + ".\n")

    w("## Baseline: the unmutated corpus\n")
    w("| Datadog validator | exit | what Datadog prints (failures) | ddlint's findings of the mapped rules |")
    w("|---|---:|---|---|")
    for v in validators:
        lines = [ln.strip() for ln in baseline[v]["out"].splitlines() if not noise(ln)]
        rules = {r for m in RULES.values() if m["validator"] == v for r in m["ddlint"]}
        fs = [f for f in dd_base if f["name"] in rules and re.search(TOUCHES[v], f["file"] + " " + f["message"])]
        lint = fmt_findings(fs, 6) if fs else "none"
        w(f"| {v} | {baseline[v]['rc']} | {md('; '.join(lines[:8]), 700) if lines else 'nothing'}"
          f"{' (+%d lines)' % (len(lines) - 8) if len(lines) > 8 else ''} | {lint} |")
    c = Counter(f["name"] for f in dd_base)
    w("\nddlint on the unmutated corpus, every rule: " + ", ".join(f"{n} `{k}`" for k, n in c.most_common()) + ".")
    return "\n".join(out)


main()
PY

echo "parity: running (this takes a few minutes)..." >&2
PARITY_WORK="$work" PARITY_CORPUS="$corpus" PARITY_DDLINT="$ddlint" PARITY_VENV="$venv" \
    PARITY_PARTIALS="$partials" PARITY_REPEATS="$repeats" PARITY_JOBS="$jobs" \
    PARITY_CASES="${DDLINT_PARITY_CASES:-}" PARITY_OUTPUT="${DDLINT_PARITY_OUTPUT:-}" \
    PARITY_KEEP="${DDLINT_PARITY_KEEP:-0}" PARITY_RULES="$RULES" \
    "$venv/bin/python" "$work/parity.py" || die "the comparison failed (DDLINT_PARITY_KEEP=1 keeps $work)"
