"""gen_actions.py - regenerate action.yml and actions/<phase>/action.yml from `ship <phase> --help`.

usage: python3 tests/dist/gen_actions.py   (after `make`; review the diff, then commit)
tests/cli/test_actions.py checks the committed files against the binary either way.
"""
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIP = os.environ.get("SHIP_BIN", str(ROOT / "ship"))
HELP_RE = re.compile(r"^\s+(?:-(\w), )?--([a-z0-9][a-z0-9-]*)(?: (\S+))?\s+(.*)$")

def options(phase, section="options:"):
    """The rows of one section of the help ("options:" or "global options:")."""
    out = subprocess.run([SHIP, phase, "--help"], capture_output=True, text=True, check=True).stdout
    opts, cur = [], None
    for line in out.splitlines():
        if line and not line[0].isspace():
            cur = line.strip()
            continue
        if cur != section:
            continue
        m = HELP_RE.match(line)
        if not m or m.group(2) == "help":
            continue
        short, name, meta, text = m.groups()
        rep = text.endswith(" [repeatable]")
        if rep: text = text[: -len(" [repeatable]")]
        d = re.search(r" \(default: ([^)]*)\)$", text)
        default = None
        if d:
            default = d.group(1); text = text[: d.start()]
        kind = "list" if rep else ("flag" if meta is None else "value")
        opts.append(dict(name=name, meta=meta, text=text, default=default, kind=kind))
    return opts

GLOBALS = [  # rt_global_opts in src/rt/run.c
    dict(name="format", meta="FORMAT", text="output: text, json or github", default="github in Actions, else text", kind="value"),
    dict(name="config", meta="FILE", text="configuration file", default=".ship.yml when present", kind="value"),
    dict(name="state-dir", meta="DIR", text="where phase state is read and written", default="ship-state", kind="value"),
    dict(name="state-from", meta="LOC", text="read state from dir:PATH, artifact:NAME (this run) or run:RUN_ID/artifact:NAME", default="the state directory", kind="value"),
    dict(name="state-to", meta="LOC", text="write state to dir:PATH, or to the state directory and artifact:NAME (uploaded as NAME-<phase> when the phase ends)", default="the state directory", kind="value"),
    dict(name="state-retention", meta="DAYS", text="days to keep uploaded state artifacts, 1-90", default="the repository's", kind="value"),
    dict(name="ca-file", meta="FILE", text="CA certificates (PEM) for TLS", default=None, kind="value"),
    dict(name="verbose", meta=None, text="more diagnostics on stderr", default=None, kind="flag"),
    dict(name="quiet", meta=None, text="only warnings and errors on stderr", default=None, kind="flag"),
]

def q(s):
    return "'" + s.replace("'", "''") + "'"

def desc(o):
    t = o["text"]
    t = t[0].upper() + t[1:]
    if o["default"] is not None:
        t += f" (default: {o['default']})"
    parts = [t + "."]
    if o["kind"] == "list":
        parts.append("One value per line.")
    if o["kind"] == "flag":
        parts.append("'true' or 'false'.")
    if o.get("extra"):
        parts.append(o["extra"])
    parts.append(f"Option --{o['name']}.")
    return " ".join(parts)

TOKEN = ("GitHub token, handed to ship as GITHUB_TOKEN (never as a flag). "
         "Default: the job's GITHUB_TOKEN.")

OUTPUTS = {
 "scan": [("critical", "Number of critical findings after the ignore list."),
          ("high", "Number of high findings after the ignore list."),
          ("medium", "Number of medium findings after the ignore list."),
          ("low", "Number of low findings after the ignore list."),
          ("blocking", "'true' when the policy (fail-on, only-fixed) blocks, else 'false'."),
          ("sarif-file", "Path of the SARIF 2.1.0 file written for code scanning, when --sarif was given.")],
 "publish": [("version", "The version released (or that would be released with dry-run), e.g. 1.3.0."),
             ("tag", "The version tag, e.g. v1.3.0."),
             ("released", "'true' when a release was created or completed, 'false' when there was nothing to release or with dry-run."),
             ("release-url", "HTML URL of the GitHub Release."),
             ("changelog-file", "Path of the Markdown changelog written for this version.")],
 "deploy-watch": [("verdict", "The verdict: done, failed, stuck, timeout or error; see docs/deploy-watch.md."),
                  ("reason", "One line saying why, e.g. the pod waiting reason or the Argo CD sync error.")],
 "heal": [("verdict", "The decision: re-run, hand off with a prompt, duplicate, or no rule matched (a verdict of its own, never a silent default)."),
          ("kind", "Failure kind: code, test, dependency, config, transient-infra or unknown."),
          ("domain", "Failure domain: rust, c-cpp, frontend, python, go, infra or github."),
          ("agent", "Who the failure is routed to (from the routing table)."),
          ("rerun", "'true' when ship re-ran the failed jobs."),
          ("prompt-file", "Path of the remediation prompt written for the agent.")],
}
NAMES = {"scan": ("ship scan", "Turn scanner reports (Trivy, Grype, osv-scanner, cargo-audit, npm audit, SARIF) into one verdict, annotations, SARIF and outputs.", "shield", "red"),
         "publish": ("ship publish", "Compute the next version from Conventional Commits, write the changelog, tag and publish a GitHub Release with checksummed assets.", "package", "blue"),
         "deploy-watch": ("ship deploy-watch", "Wait for an Argo CD Application, Kubernetes workload or Flux object to become healthy, and say why when it does not.", "activity", "green"),
         "heal": ("ship heal", "Triage a failed workflow run: extract errors, classify the failure, re-run transient failures or write a remediation prompt.", "life-buoy", "orange")}

def inputs_block(opts):
    lines = ["inputs:"]
    for o in opts:
        lines += [f"  {o['name']}:", f"    description: {q(desc(o))}", "    required: false"]
    lines += ["  token:", f"    description: {q(TOKEN)}", "    required: false",
              "    default: ${{ github.token }}"]
    return lines

def outputs_block(outs):
    lines = ["outputs:"]
    for n, d in outs:
        lines += [f"  {n}:", f"    description: {q(d)}"]
    return lines

HEADER = ("# Generated by tests/dist/gen_actions.py from `ship {phase} --help`; tests/cli/test_actions.py\n"
          "# keeps it in step with the binary:\n"
          "# every option of the phase is an input of the same name. Inputs have no `default:`\n"
          "# on purpose: an empty input counts as unset, so SHIP_* variables and .ship.yml\n"
          "# still apply (DESIGN.md §3); the defaults are in the descriptions.\n")

for phase in ["scan", "publish", "deploy-watch", "heal"]:
    name, description, icon, color = NAMES[phase]
    opts = options(phase) + (options(phase, "global options:") or GLOBALS)
    lines = [HEADER.format(phase=phase).rstrip("\n"), f"name: {q(name)}", f"description: {q(description)}",
             "author: 'ship'"]
    lines += inputs_block(opts) + outputs_block(OUTPUTS[phase])
    lines += ["runs:", "  using: 'node24'", "  main: 'main.js'", "branding:", f"  icon: '{icon}'", f"  color: '{color}'"]
    with open(ROOT / "actions" / phase / "action.yml", "w") as f:
        f.write("\n".join(lines) + "\n")

# umbrella
lines = ["# The umbrella action: `uses: OWNER/ship@v1` with `phase:`. Phase options go in",
         "# `args` (one argument per line) or in .ship.yml / SHIP_* variables; the",
         "# per-phase actions under actions/ take every option as an input.",
         "name: 'ship'",
         "description: 'One static binary for CI/CD phases: scan, publish, deploy-watch and heal, with annotations, outputs, a summary and state.'",
         "author: 'ship'", "inputs:",
         "  phase:", "    description: 'The phase to run: scan, publish, deploy-watch, heal (or version).'", "    required: true",
         "  args:", "    description: 'Extra command-line arguments for the phase, one argument per line (no shell quoting). Never put secrets here: use environment variables or files.'",
         "    required: false"]
for o in GLOBALS:
    lines += [f"  {o['name']}:", f"    description: {q(desc(o))}", "    required: false"]
lines += ["  token:", f"    description: {q(TOKEN)}", "    required: false", "    default: ${{ github.token }}"]
seen = {}
for phase in ["scan", "publish", "deploy-watch", "heal"]:
    for n, d in OUTPUTS[phase]:
        if n in seen: seen[n][1].append(phase); continue
        seen[n] = (d, [phase])
lines.append("outputs:")
for n, (d, phases) in seen.items():
    lines += [f"  {n}:", f"    description: {q(d + ' (' + ', '.join(phases) + ')')}"]
lines += ["runs:", "  using: 'node24'", "  main: 'actions/launcher/main.js'", "branding:", "  icon: 'anchor'", "  color: 'blue'"]
with open(ROOT / "action.yml", "w") as f:
    f.write("\n".join(lines) + "\n")
