#!/usr/bin/env bash
# The Action's run step: inline annotations (--format github), a Markdown table appended to
# $GITHUB_STEP_SUMMARY, SARIF when asked; exits with ddlint's code. Inputs arrive as INPUT_*
# environment variables and are passed to ddlint as separate arguments, never evaluated.
# With `changed-since`, a warning in the summary names every ddlint.toml the pull request
# changes: such a change can turn rules off, downgrade them or ignore findings.
set -uo pipefail

ddlint="${DDLINT:?DDLINT must name the ddlint binary}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

options=()
[ -n "${INPUT_CHANGED_SINCE:-}" ] && options+=(--changed-since "$INPUT_CHANGED_SINCE")
[ -n "${INPUT_APP_UUID:-}" ] && options+=(--app-uuid "$INPUT_APP_UUID")
[ -n "${INPUT_CONFIG:-}" ] && options+=(--config "$INPUT_CONFIG")
[ "${INPUT_NO_CONFIG:-false}" = true ] && options+=(--no-config)
options+=("${extra[@]}")

# `text` as a Markdown code span: a fence one backtick longer than any run inside, so nothing in
# a file name (`<img>`, links, backticks) renders.
code_span() {
    local text="$1" fence='`' run
    for run in $(grep -o '`\+' <<< "$text"); do
        [ "${#run}" -ge "${#fence}" ] && fence="$run\`"
    done
    printf '%s %s %s' "$fence" "$text" "$fence"
}

# The ddlint.toml files changed since the merge base with `changed-since` (committed, staged,
# unstaged or untracked), one a line as git quotes them (control characters escaped). git runs
# with hooks and fsmonitor off and no external diff: the checked tree is the pull request's.
changed_configs() {
    local git=(git -c core.fsmonitor=false -c core.hooksPath=/dev/null -c safe.bareRepository=explicit)
    {
        "${git[@]}" diff --no-ext-diff --no-textconv --name-only --merge-base --end-of-options "$INPUT_CHANGED_SINCE" \
            -- ':(top,glob)**/ddlint.toml' &&
            "${git[@]}" ls-files --others --exclude-standard -- ':(top,glob)**/ddlint.toml'
    } | LC_ALL=C sort -u
}

warn_changed_configs() {
    local changed names="" name used
    if ! changed=$(changed_configs 2>/dev/null); then
        echo "::warning title=ddlint::could not compare ddlint.toml with $INPUT_CHANGED_SINCE"
        return
    fi
    [ -n "$changed" ] || return
    while IFS= read -r name; do
        names+="${names:+, }$(code_span "$name")"
    done <<< "$changed"
    if [ -n "${INPUT_CONFIG:-}" ]; then
        used="This run used $(code_span "$INPUT_CONFIG") instead (the \`config\` input)."
    elif [ "${INPUT_NO_CONFIG:-false}" = true ]; then
        used="This run used no ddlint.toml (the \`no-config\` input)."
    else
        used="This run applied the changed files: review them."
    fi
    local message="This pull request changes $names. A ddlint.toml can turn rules off, downgrade them or ignore findings. $used"
    local escaped="${message//%/%25}"
    escaped="${escaped//$'\r'/%0D}"
    escaped="${escaped//$'\n'/%0A}"
    echo "::warning title=ddlint configuration changed::$escaped"
    [ -n "${GITHUB_STEP_SUMMARY:-}" ] && printf '> [!WARNING]\n> %s\n\n' "$message" >> "$GITHUB_STEP_SUMMARY"
}

"$ddlint" check --format github "${options[@]}" -- "${paths[@]}"
status=$?

[ -n "${INPUT_CHANGED_SINCE:-}" ] && warn_changed_configs
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$status" -ne 2 ]; then
  "$ddlint" check --format markdown --exit-zero "${options[@]}" -- "${paths[@]}" >> "$GITHUB_STEP_SUMMARY"
fi
if [ -n "${INPUT_SARIF:-}" ] && [ "$status" -ne 2 ]; then
  "$ddlint" check --format sarif --exit-zero --output-file "$INPUT_SARIF" "${options[@]}" -- "${paths[@]}"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$status" >> "$GITHUB_OUTPUT"
fi
exit "$status"
