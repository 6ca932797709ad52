"""Runs action.yml's shell steps locally, as a runner would, and checks what a partner sees.

Each `run:` step gets the environment its `env:` block declares, with `${{ inputs.* }}`,
`${{ github.* }}` and `${{ steps.*.outputs.* }}` evaluated as the runner does, and the variables
a runner sets (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_OS, ...); a step whose `if:` is false
is skipped, and `uses:` steps (the cache) are skipped. A `run:` script must hold no `${{ }}`:
inputs reach it through `env:` only.

Covered: annotations, the summary, SARIF, inputs never evaluated; the release binary fetched from
a local HTTP server (at the release tag and at the release's commit), a wrong checksum refused,
the build fallback (a branch, another commit, no release); a workspace carrying a hostile
`.cargo/config.toml` and `rust-toolchain.toml`, never used by the build; the example workflow's
ddlint.toml from the base branch, and the summary's warning when a pull request changes one.
Usage: python .ci/test-action.py (needs PyYAML, git and a release build of ddlint in target/).
"""

import functools
import hashlib
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading

import yaml

ACTION = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = "ddlint/ddlint"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
TARGET = "x86_64-unknown-linux-musl"  # the runner below says Linux, X64


def cargo_version():
    with open(os.path.join(ACTION, "Cargo.toml")) as file:
        return re.search(r'^version = "([^"]+)"$', file.read(), re.M).group(1)


VERSION = cargo_version()
TAG = f"v{VERSION}"


def evaluate(text, context):
    """`${{ name }}` replaced as the runner does, for the names the action and workflow use."""
    def value(match):
        name = match.group(1)
        if name.startswith("inputs."):
            return context["inputs"][name[len("inputs."):]]
        if name.startswith("github."):
            return context["github"][name[len("github."):]]
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
        if step:
            return context["steps"].get(step.group(1), {}).get(step.group(2), "")
        raise SystemExit(f"unsupported expression: {name}")

    return EXPRESSION.sub(value, str(text))


def condition(text, context):
    """An `if:` of the form `steps.ID.outputs.NAME == 'value'`, the one form action.yml uses."""
    if text is None:
        return True
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+) == '([^']*)'", text.strip())
    if not match:
        raise SystemExit(f"unsupported condition: {text}")
    step, output, expected = match.groups()
    return context["steps"].get(step, {}).get(output, "") == expected


def run_steps(steps, context, workspace, runner, extra_env):
    """Runs the `run:` steps; returns (exit code, stdout, stderr); outputs land in context."""
    stdout, stderr, code = "", "", 0
    for number, step in enumerate(steps):
        if "uses" in step or not condition(step.get("if"), context):
            continue
        script = step["run"]
        assert "${{" not in script, f"step {step.get('name')!r} expands an expression inside run:"
        output_file = os.path.join(runner, f"output-{len(os.listdir(runner))}")
        open(output_file, "w").close()
        env = dict(os.environ, GITHUB_ACTIONS="true", CI="true", RUNNER_OS="Linux",
                   RUNNER_ARCH="X64", RUNNER_TEMP=runner, GITHUB_WORKSPACE=workspace,
                   GITHUB_ACTION_PATH=ACTION, GITHUB_OUTPUT=output_file,
                   GITHUB_STEP_SUMMARY=context["summary"], **extra_env)
        env.update({k: evaluate(v, context) for k, v in step.get("env", {}).items()})
        cwd = os.path.join(workspace, evaluate(step.get("working-directory", "."), context))
        done = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env,
                              capture_output=True, text=True)
        with open(output_file) as file:
            pairs = [line.split("=", 1) for line in file.read().splitlines() if "=" in line]
        context["steps"][step.get("id", f"step{number}")] = dict(pairs)
        stdout += done.stdout
        stderr += done.stderr
        code = done.returncode
        if code != 0:
            break
    return code, stdout, stderr


def run_action(workspace, given, ref="main", env=None):
    """Runs the action used as REPOSITORY@ref in `workspace`.

    Returns (exit code, stdout and stderr, summary, step outputs)."""
    with open(os.path.join(ACTION, "action.yml")) as file:
        action = yaml.safe_load(file)
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({name: value for name, value in given.items() if value != ""})
    runner = tempfile.mkdtemp()
    context = {
        "inputs": inputs,
        "steps": {},
        "summary": os.path.join(runner, "summary.md"),
        "github": {"action_path": ACTION, "action_repository": REPOSITORY, "action_ref": ref},
    }
    open(context["summary"], "w").close()
    code, stdout, stderr = run_steps(action["runs"]["steps"], context, workspace,
                                     tempfile.mkdtemp(dir=runner), env or {})
    with open(context["summary"]) as file:
        return code, stdout + stderr, file.read(), context["steps"]


def git(cwd, *args):
    done = subprocess.run(["git", "-c", "user.name=ddlint", "-c", "user.email=ddlint@invalid",
                           *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def workspace():
    """A git repository with a broken and a clean integration, committed on `main`, which is
    also `origin/main` (the base branch of a pull request)."""
    root = tempfile.mkdtemp()
    for fixture, name in [("uninstallation-field-missing-oauth", "broken"),
                          ("valid-oauth-after-setup", "clean")]:
        shutil.copytree(os.path.join(ACTION, "fixtures", fixture), os.path.join(root, name),
                        ignore=shutil.ignore_patterns("expected.*"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    return root


def check(condition_holds, message):
    if not condition_holds:
        raise SystemExit(f"FAILED: {message}")
    print(f"ok: {message}")


def release_binary():
    """The release build of this checkout: the binary the local "release" serves."""
    binary = os.path.join(ACTION, "target", "release", "ddlint")
    if not os.path.exists(binary):
        subprocess.run(["cargo", "build", "--locked", "--release", "--quiet"], cwd=ACTION,
                       check=True)
    return binary


def publish(releases, tag, checksum=None):
    """Lays out a release as release.yml publishes it: the archive and sha256sums.txt."""
    directory = os.path.join(releases, tag)
    os.makedirs(directory, exist_ok=True)
    archive = os.path.join(directory, f"ddlint-{TARGET}.tar.gz")
    with tarfile.open(archive, "w:gz", compresslevel=1) as tar:
        tar.add(release_binary(), arcname=f"ddlint-{TARGET}/ddlint")
    with open(archive, "rb") as file:
        digest = hashlib.sha256(file.read()).hexdigest()
    with open(os.path.join(directory, "sha256sums.txt"), "w") as file:
        file.write(f"{checksum or digest}  ddlint-{TARGET}.tar.gz\n")
        file.write(f"{'0' * 64}  ddlint-x86_64-apple-darwin.tar.gz\n")


def serve(directory):
    """An HTTP server on 127.0.0.1 for `directory`, in a thread; returns (base URL, server)."""
    handler = functools.partial(Quiet, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_outputs():
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


def test_hostile_workspace():
    """The pull request's cargo and rustup settings: a rustc-wrapper in .cargo/config.toml, a
    toolchain `path` in rust-toolchain.toml, and the same wrapper in the environment. Each
    script would leave the marker; the build must use none of them and still succeed."""
    root = workspace()
    marker = os.path.join(root, "PWNED")
    hostile = f'#!/bin/sh\ntouch "{marker}"\nexit 1\n'
    toolchain = os.path.join(root, "toolchain", "bin")
    os.makedirs(toolchain)
    os.makedirs(os.path.join(root, ".cargo"))
    for path in [os.path.join(root, "w.sh"), *(os.path.join(toolchain, tool)
                                               for tool in ("cargo", "rustc", "rustup"))]:
        with open(path, "w") as file:
            file.write(hostile)
        os.chmod(path, 0o755)
    with open(os.path.join(root, ".cargo", "config.toml"), "w") as file:
        file.write('[build]\nrustc-wrapper = "./w.sh"\n')
    with open(os.path.join(root, "rust-toolchain.toml"), "w") as file:
        file.write(f'[toolchain]\npath = "{os.path.dirname(toolchain)}"\n')
    wrapper = os.path.join(root, "w.sh")
    code, log, _, outputs = run_action(root, {"paths": "broken clean"}, ref="main", env={
        "RUSTC_WRAPPER": wrapper, "CARGO_BUILD_RUSTC_WRAPPER": wrapper,
        "RUSTFLAGS": f"-Clinker={wrapper}"})
    check(outputs["fetch"].get("build") == "true", "at a branch, the action builds ddlint")
    check(not os.path.exists(marker),
          "the build runs none of the workspace's cargo or rustup settings, nor the wrapper in the environment")
    check(code == 1 and "DD101" in log, "and ddlint, built from the action's own directory, runs")


def test_release_download():
    releases = tempfile.mkdtemp()
    base, server = serve(releases)
    publish(releases, TAG)
    env = {"DDLINT_ACTION_RELEASES_URL": base}
    try:
        root = workspace()
        code, log, summary, outputs = run_action(root, {}, ref=TAG, env=env)
        fetched = outputs["fetch"].get("ddlint", "")
        check(outputs["fetch"].get("build") == "false" and "using the release binary" in log,
              f"at the release tag {TAG}, the action takes the release binary")
        check(not fetched.startswith(ACTION) and "build" not in outputs,
              "it is not built, nor taken from the action's target directory")
        check(code == 1 and "DD101" in summary, "the downloaded ddlint runs the check")

        version = subprocess.run([release_binary(), "--version"], capture_output=True,
                                 text=True, check=True).stdout
        short = re.search(r"\(([0-9a-f]+) ", version)
        if short and os.path.exists(os.path.join(ACTION, ".git")):
            commit = git(ACTION, "rev-parse", short.group(1))
            code, log, _, outputs = run_action(root, {}, ref=commit, env=env)
            check(outputs["fetch"].get("build") == "false" and code == 1,
                  "at the release's own commit, the action takes the release binary")
        code, log, _, outputs = run_action(root, {}, ref="0" * 40, env=env)
        check(outputs["fetch"].get("build") == "true" and "not from the action's commit" in log
              and code == 1, "at another commit, the action builds instead")

        empty, empty_server = serve(tempfile.mkdtemp())
        code, log, _, outputs = run_action(root, {}, ref=TAG,
                                           env={"DDLINT_ACTION_RELEASES_URL": empty})
        empty_server.shutdown()
        check(outputs["fetch"].get("build") == "true" and "no release asset" in log and code == 1,
              "with no release (a fork, a tag without assets), the action builds instead")

        publish(releases, TAG, checksum="ab" * 32)
        code, log, summary, outputs = run_action(root, {}, ref=TAG, env=env)
        check(code != 0 and f"checksum mismatch for ddlint-{TARGET}.tar.gz" in log,
              "a release archive whose SHA-256 does not match sha256sums.txt is refused")
        check("::error" in log and "build" not in outputs and "run" not in outputs
              and summary == "", "with a clear error, no fallback build, and ddlint never run")
        print("  " + next(line for line in log.splitlines() if "checksum mismatch" in line))
    finally:
        server.shutdown()


def workflow_config_step():
    with open(os.path.join(ACTION, "examples", "workflows", "ddlint.yml")) as file:
        workflow = yaml.safe_load(file)
    steps = workflow["jobs"]["ddlint"]["steps"]
    config = next(step for step in steps if step.get("id") == "config")
    action = next(step for step in steps if step.get("uses", "").startswith(REPOSITORY + "@"))
    return config, action["with"]


def run_workflow(root):
    """The example workflow on a pull request against `main`: its config step, then the action
    with the inputs the workflow gives it."""
    config, given = workflow_config_step()
    runner = tempfile.mkdtemp()
    context = {"inputs": {}, "steps": {}, "summary": os.path.join(runner, "summary.md"),
               "github": {"base_ref": "main"}}
    code, log, _ = run_steps([config], context, root, runner, {})
    check(code == 0, f"the workflow's config step runs {log.strip()}".strip())
    inputs = {name: evaluate(value, context) for name, value in given.items()}
    return run_action(root, inputs)


def test_config_from_the_base_branch():
    ignore = ('[[ignore]]\nrule = "uninstallation-field-missing"\nintegration = "broken"\n'
              'reason = "a pull request switching its own check off"\n')

    # The base has no ddlint.toml; the pull request changes an integration and adds one that
    # silences its finding.
    root = workspace()
    git(root, "checkout", "-qb", "pull-request")
    with open(os.path.join(root, "ddlint.toml"), "w") as file:
        file.write(ignore)
    with open(os.path.join(root, "broken", "README.md"), "a") as file:
        file.write("\nMore text.\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "silence the check")
    code, log, summary, _ = run_workflow(root)
    check(code == 1 and "DD101" in log,
          "a ddlint.toml the pull request adds does not apply: the base branch has none")
    check("> [!WARNING]" in summary and "changes ` ddlint.toml `" in summary
          and "no ddlint.toml" in summary,
          "the summary warns that the pull request changes ddlint.toml")
    check("::warning title=ddlint configuration changed::" in log, "and so does an annotation")

    # The base has a ddlint.toml; the pull request empties it, changes the silenced
    # integration, and adds an untracked ddlint.toml whose name holds Markdown.
    root = workspace()
    with open(os.path.join(root, "ddlint.toml"), "w") as file:
        file.write(ignore)
    git(root, "add", ".")
    git(root, "commit", "-qm", "base config")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(root, "checkout", "-qb", "pull-request")
    with open(os.path.join(root, "ddlint.toml"), "w") as file:
        file.write("# nothing ignored any more\n")
    with open(os.path.join(root, "broken", "README.md"), "a") as file:
        file.write("\nMore text.\n")
    git(root, "commit", "-qam", "change the config")
    odd = os.path.join(root, "clean", "x`<img src=x>`")
    os.makedirs(odd)
    with open(os.path.join(odd, "ddlint.toml"), "w") as file:
        file.write("# an untracked one, with a name that must not render\n")
    code, log, summary, _ = run_workflow(root)
    check("DD101" not in log and "file=broken/" in log,
          "the base branch's ddlint.toml is the one applied (its ignore holds)")
    check("` ddlint.toml `" in summary and "`` clean/x`<img src=x>`/ddlint.toml ``" in summary,
          "each changed ddlint.toml is named in a code span longer than the backticks in its name")

    # No change to any ddlint.toml: no warning.
    root = workspace()
    code, log, summary, _ = run_workflow(root)
    check("WARNING" not in summary and "::warning" not in log, "no change, no warning")


def main():
    test_outputs()
    test_hostile_workspace()
    test_release_download()
    test_config_from_the_base_branch()
    print("test-action: the action fetches or safely builds ddlint, annotates, summarises and "
          "writes SARIF as documented")


if __name__ == "__main__":
    main()
