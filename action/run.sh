#!/usr/bin/env bash
# The Action's run step: inline annotations (--format github), a Markdown table appended to
# $GITHUB_STEP_SUMMARY, SARIF when asked; exits with ddlint's code. Inputs arrive as INPUT_*
# environment variables and are passed to ddlint as separate arguments, never evaluated.
set -uo pipefail

ddlint="${DDLINT:?DDLINT must name the ddlint binary}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

options=()
[ -n "${INPUT_CHANGED_SINCE:-}" ] && options+=(--changed-since "$INPUT_CHANGED_SINCE")
[ -n "${INPUT_APP_UUID:-}" ] && options+=(--app-uuid "$INPUT_APP_UUID")
[ -n "${INPUT_CONFIG:-}" ] && options+=(--config "$INPUT_CONFIG")
options+=("${extra[@]}")

"$ddlint" check --format github "${options[@]}" -- "${paths[@]}"
status=$?

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
