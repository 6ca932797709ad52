"""Runs action.yml's shell steps locally, as a runner would, and checks what a partner sees.

Each `run:` step gets the environment its `env:` block declares, with `${{ inputs.* }}`,
`${{ github.action_path }}` and `${{ steps.*.outputs.* }}` evaluated as the runner does, and the
variables a runner sets (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_OS, ...). `uses:` steps (the
cache) are skipped. A `run:` script must hold no `${{ }}`: inputs reach it through `env:` only.
Usage: python .ci/test-action.py (needs PyYAML and git; the repository root is the action).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ACTION = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def evaluate(text, inputs, outputs):
    def value(match):
        name = match.group(1)
        if name == "github.action_path":
            return ACTION
        if name.startswith("inputs."):
            return inputs[name[len("inputs."):]]
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
        if step:
            return outputs.get(step.group(1), {}).get(step.group(2), "")
        raise SystemExit(f"unsupported expression: {name}")

    return EXPRESSION.sub(value, str(text))


def run_action(workspace, given):
    """Runs the action in `workspace`; returns (exit code, stdout, summary, outputs)."""
    with open(os.path.join(ACTION, "action.yml")) as file:
        action = yaml.safe_load(file)
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(given)
    runner = tempfile.mkdtemp()
    summary = os.path.join(runner, "summary.md")
    open(summary, "w").close()
    outputs, stdout, code = {}, "", 0
    for step in action["runs"]["steps"]:
        if "uses" in step:
            continue
        script = step["run"]
        assert "${{" not in script, f"step {step['name']!r} expands an expression inside run:"
        output_file = os.path.join(runner, f"output-{len(outputs)}")
        open(output_file, "w").close()
        env = dict(os.environ, GITHUB_ACTIONS="true", CI="true", RUNNER_OS="Linux",
                   RUNNER_ARCH="X64", RUNNER_TEMP=runner, GITHUB_WORKSPACE=workspace,
                   GITHUB_ACTION_PATH=ACTION, GITHUB_OUTPUT=output_file,
                   GITHUB_STEP_SUMMARY=summary)
        env.update({k: evaluate(v, inputs, outputs) for k, v in step.get("env", {}).items()})
        cwd = os.path.join(workspace, evaluate(step.get("working-directory", "."), inputs, outputs))
        done = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env,
                              capture_output=True, text=True)
        with open(output_file) as file:
            pairs = [line.split("=", 1) for line in file.read().splitlines() if "=" in line]
        outputs[step.get("id", f"step{len(outputs)}")] = dict(pairs)
        stdout += done.stdout
        code = done.returncode
        if code != 0:
            sys.stderr.write(done.stderr)
            break
    with open(summary) as file:
        return code, stdout, file.read(), outputs


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=ddlint", "-c", "user.email=ddlint@invalid", *args],
                   cwd=cwd, check=True, capture_output=True)


def workspace():
    """A git repository with a broken and a clean integration, committed."""
    root = tempfile.mkdtemp()
    for fixture, name in [("uninstallation-field-missing-oauth", "broken"),
                          ("valid-oauth-after-setup", "clean")]:
        shutil.copytree(os.path.join(ACTION, "fixtures", fixture), os.path.join(root, name),
                        ignore=shutil.ignore_patterns("expected.*"))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    return root


def check(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")
    print(f"ok: {message}")


def main():
    root = workspace()
    code, stdout, summary, outputs = run_action(root, {"sarif": "ddlint.sarif"})
    check(code == 1, "findings fail the step (exit 1)")
    check("::error file=broken/manifest.json,line=7,endLine=7,col=3,endColumn=8,"
          "title=ddlint DD101 uninstallation-field-missing::" in stdout,
          "an inline annotation on broken/manifest.json line 7, path relative to the repository")
    check("clean/" not in stdout, "no annotation on the clean integration")
    check("| error | `DD101` uninstallation-field-missing | `broken/manifest.json:7` |" in summary,
          "the step summary has a table row for the finding")
    check(outputs["run"].get("exit-code") == "1", "the exit-code output is 1")
    with open(os.path.join(root, "ddlint.sarif")) as file:
        sarif = yaml.safe_load(file)
    check(sarif["version"] == "2.1.0" and sarif["runs"][0]["results"], "the SARIF file holds the results")

    with open(os.path.join(root, "clean", "README.md"), "a") as file:
        file.write("\nMore text.\n")
    code, stdout, summary, _ = run_action(root, {"changed-since": "HEAD"})
    check(code == 0 and "::error" not in stdout, "changed-since checks only the changed, clean integration")
    check("No findings in 1 integration." in summary, "the summary says so")

    marker = os.path.join(root, "pwned")
    code, stdout, _, _ = run_action(root, {"paths": f"clean; touch {marker} $(touch {marker})",
                                           "args": f"--exit-zero `touch {marker}`"})
    check(not os.path.exists(marker), "inputs are passed as arguments, never evaluated by a shell")
    check(code == 2, "a path that does not exist is a usage error (exit 2)")
    print("test-action: the action's steps annotate, summarise and write SARIF as documented")


if __name__ == "__main__":
    main()
