"""gen_ansible_docs.py - regenerate the ansible-doc sidecar files docs/ansible/library/ship_<phase>.yml and the example role's docs/ansible/roles/ship/tasks/<phase>.yml from `ship <phase> --help`.

usage: python3 tests/dist/gen_ansible_docs.py   (after `make`; review the diff, then commit)
ansible-core (2.14 and later) reads DOCUMENTATION/EXAMPLES/RETURN for a binary module
from a `<module>.yml` next to it: `ansible-doc -M docs/ansible/library ship_scan`.
Options come from the phase's option table and the global options; return values from
the common module result (src/rt/ansible.c) and the outputs of actions/<phase>/action.yml.
tests/cli/test_ansible_phases.py checks the committed files against the binary.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHIP = os.environ.get("SHIP_BIN", str(ROOT / "ship"))
OUT = ROOT / "docs" / "ansible" / "library"
PHASES = ["scan", "publish", "deploy-watch", "heal"]
HELP_RE = re.compile(r"^\s+(?:-(\w), )?--([a-z0-9][a-z0-9-]*)(?: (\S+))?\s+(.*)$")
INT_META = {"N", "BYTES", "SECONDS", "DAYS", "MINUTES"}
LITERAL = re.compile(r"^[A-Za-z0-9_.:/-]+$")
SHORT = {
    "scan": "Turn scanner reports into one verdict",
    "publish": "Version, changelog, tag and GitHub Release from Conventional Commits",
    "deploy-watch": "Wait for Argo CD, Kubernetes or Flux to be healthy",
    "heal": "Triage a failed CI run: extract errors, classify, re-run or hand off",
}
SECRETS = {
    "scan": "scan needs no secret (C(--self) and C(--run) work offline).",
    "publish": "The GitHub token comes from C(GITHUB_TOKEN) (or C(GH_TOKEN)) in the task's C(environment), or from C(token_file); never from a module option value.",
    "deploy-watch": "Kubernetes credentials come from the kubeconfig or the pod's service account, the Argo CD token from C(ARGOCD_AUTH_TOKEN), the GitHub token from C(GITHUB_TOKEN) in the task's C(environment).",
    "heal": "The GitHub token comes from C(GITHUB_TOKEN) (or C(GH_TOKEN)) or C(token_file); the LLM token from C(SHIP_LLM_TOKEN) or C(OPENAI_API_KEY) in the task's C(environment).",
}
EXAMPLES = {
    "scan": """\
- name: one verdict from the scanners' reports
  ship_scan:
    report: [reports/trivy.json, reports/osv.json]
    fail_on: high
    sarif: reports/ship.sarif
    state_dir: /var/lib/ship/state
  register: scan

- name: say what blocked
  ansible.builtin.debug:
    msg: "{{ scan.outputs.critical }} critical, {{ scan.outputs.high }} high"
  when: scan.outputs.blocking == 'true'
""",
    "publish": """\
- name: release the checkout (check mode shows the version it would release)
  ship_publish:
    repo_dir: /srv/build/app
    repo: acme/app
    asset: ["dist/*.tar.gz"]
    changelog_file: /srv/build/CHANGELOG-latest.md
  environment:
    GITHUB_TOKEN: "{{ vault_github_token }}"
  register: release

- name: compute the next version only
  ship_publish:
    repo_dir: /srv/build/app
    dry_run: true
  register: plan
""",
    "deploy-watch": """\
- name: wait for the rollout
  ship_deploy_watch:
    k8s: [deployment/web, statefulset/db]
    namespace: prod
    kubeconfig: /etc/ship/kubeconfig
    timeout: 10m
  register: watch
  failed_when: watch.failed and watch.exit_code != 1

- name: an Argo CD application, synced first
  ship_deploy_watch:
    argocd_app: web
    sync: true
    rollback_on_failure: true
  environment:
    ARGOCD_SERVER: argocd.example.com
    ARGOCD_AUTH_TOKEN: "{{ vault_argocd_token }}"
""",
    "heal": """\
- name: triage the build log
  ship_heal:
    log: [/var/log/build/job.log]
    route: ["rust=rex", "*=atlas"]
  register: triage

- name: show the decision
  ansible.builtin.debug:
    msg: "{{ triage.outputs.kind }} failure in {{ triage.outputs.domain }} for {{ triage.outputs.agent }}"
""",
}


def options(phase, section):
    """The rows of one section of the help ("options:" or "global options:")."""
    out = subprocess.run([SHIP, phase, "--help"], capture_output=True, text=True, check=True).stdout
    rows, cur = [], None
    for line in out.splitlines():
        if line and not line[0].isspace():
            cur = line.strip()
            continue
        m = HELP_RE.match(line) if cur == section else None
        if not m or m.group(2) == "help":
            continue
        short, name, meta, text = m.groups()
        rep = text.endswith(" [repeatable]")
        if rep:
            text = text[: -len(" [repeatable]")]
        d = re.search(r" \(default: ([^)]*)\)$", text)
        default = None
        if d:
            default, text = d.group(1), text[: d.start()]
        rows.append(dict(name=name, meta=meta, text=text, default=default, repeat=rep))
    return rows


def spec(o, is_global):
    """One entry of DOCUMENTATION.options."""
    text = o["text"][0].upper() + o["text"][1:] + "."
    desc = [text]
    s = {}
    if o["meta"] is None:
        s["type"], s["default"] = "bool", False
    elif o["repeat"]:
        s["type"], s["elements"] = "list", "str"
    else:
        s["type"] = "int" if o["meta"] in INT_META else "str"
    d = o["default"]
    if d is not None and o["meta"] is not None:
        if not o["repeat"] and LITERAL.match(d) and not d.startswith("$"):
            s["default"] = int(d) if s["type"] == "int" and d.isdigit() else d
        else:
            desc.append(f"Default: {d}.")
    desc.append(f"Command-line option C(--{o['name']})" + (" (a global option)." if is_global else "."))
    s = {"description": desc, **s}
    return o["name"].replace("-", "_"), s


def returns(phase):
    """RETURN: the common module result plus the phase's outputs."""
    action = yaml.safe_load((ROOT / "actions" / phase / "action.yml").read_text())
    outs = {n: {"description": v["description"], "type": "str",
            "returned": "when the phase sets it"}
            for n, v in action["outputs"].items()}
    return {
        "changed": {"description": "Whether the phase changed something outside ship's state (or would, in check mode).", "type": "bool", "returned": "always"},
        "failed": {"description": "True for a negative verdict or an error; the module then exits 1.", "type": "bool", "returned": "always"},
        "msg": {"description": "One line saying what happened.", "type": "str", "returned": "always"},
        "phase": {"description": "The phase that ran.", "type": "str", "returned": "always", "sample": phase},
        "verdict": {"description": f"The phase's verdict (see docs/{phase}.md).", "type": "str", "returned": "always"},
        "exit_code": {"description": "What the command would have returned: 0 ok, 1 negative verdict, 2 usage or invalid input, 3 service failure, 4 deadline.", "type": "int", "returned": "always", "sample": 0},
        "check_mode": {"description": "Whether the phase ran in check mode (nothing changed, no state written).", "type": "bool", "returned": "always"},
        "outputs": {"description": "The phase's outputs, as the GitHub Action sets them (all values are strings).", "type": "dict", "returned": "always", "contains": outs},
        "data": {"description": f"The phase's details, as in C(ship {phase} --format json) and its state document.", "type": "dict", "returned": "always"},
        "invocation": {"description": "The module arguments, secrets left out.", "type": "dict", "returned": "always"},
    }


def documentation(phase):
    """DOCUMENTATION for ship_<phase>."""
    opts = {}
    for o in options(phase, "options:"):
        k, s = spec(o, False)
        opts[k] = s
    for o in options(phase, "global options:"):
        k, s = spec(o, True)
        opts[k] = s
    return {
        "module": "ship_" + phase.replace("-", "_"),
        "short_description": SHORT[phase],
        "description": [
            f"Runs C(ship {phase}) as a binary module: the static ship binary (or a symbolic link to it) installed in a module directory under this name.",
            "Arguments are the command's options with dashes as underscores; they rank above C(SHIP_*) variables and C(.ship.yml).",
            f"The full reference is docs/{phase}.md; the module protocol is docs/ansible.md.",
        ],
        "author": ["ship"],
        "options": opts,
        "attributes": {
            "check_mode": {"support": "full", "description": "Makes no external change and writes no state; reports what it would change with C(changed=true)."},
            "diff_mode": {"support": "none", "description": "The phases return no diff."},
        },
        "notes": [
            "Secrets are never option values. " + SECRETS[phase],
            "A negative verdict fails the task with C(exit_code=1); C(failed_when: r.failed and r.exit_code != 1) tells it from an error.",
            "Unknown arguments fail like AnsibleModule does (C(Unsupported parameters ...)).",
        ],
    }


ROLE = ROOT / "docs" / "ansible" / "roles" / "ship"


def role_tasks(phase):
    """docs/ansible/roles/ship/tasks/<phase>.yml: one task, every option from a variable."""
    mod = "ship_" + phase.replace("-", "_")
    lines = [f"# Generated by tests/dist/gen_ansible_docs.py from `ship {phase} --help`; do not edit.",
             f"# Every option of {mod} comes from the variable {mod}_<option> (unset: omitted,",
             "# so SHIP_* variables, .ship.yml and the built-in defaults apply).",
             f"- name: ship {phase}",
             f"  {mod}:"]
    for o in options(phase, "options:") + options(phase, "global options:"):
        k = o["name"].replace("-", "_")
        if k == "state_dir":
            lines.append(f"    {k}: \"{{{{ {mod}_{k} | default(ship_state_dir) }}}}\"")
        else:
            lines.append(f"    {k}: \"{{{{ {mod}_{k} | default(omit) }}}}\"")
    lines += ["  environment: \"{{ ship_environment }}\"",
              f"  register: {mod}_result",
              "  failed_when: >-",
              f"    {mod}_result.failed | default(false) and",
              f"    ({mod}_result.exit_code | default(2) != 1 or ship_fail_on_verdict | bool)"]
    return "\n".join(lines) + "\n"


class Dumper(yaml.SafeDumper):
    """Block-style YAML with literal blocks for multi-line strings."""


def _str(d, s):
    return d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None)


Dumper.add_representer(str, _str)


def render(phase):
    head = (f"# Generated by tests/dist/gen_ansible_docs.py from `ship {phase} --help`; do not edit.\n"
            f"# ansible-doc reads it next to the module: ansible-doc -M docs/ansible/library "
            f"ship_{phase.replace('-', '_')}\n")
    body = {"DOCUMENTATION": documentation(phase), "EXAMPLES": EXAMPLES[phase], "RETURN": returns(phase)}
    return head + yaml.dump(body, Dumper=Dumper, sort_keys=False, width=100, allow_unicode=True)


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    (ROLE / "tasks").mkdir(parents=True, exist_ok=True)
    files = [(OUT / f"ship_{p.replace('-', '_')}.yml", render, p) for p in PHASES]
    files += [(ROLE / "tasks" / f"{p}.yml", role_tasks, p) for p in PHASES]
    for path, make, phase in files:
        text = make(phase)
        if check:
            if not path.is_file() or path.read_text() != text:
                stale.append(str(path))
        else:
            path.write_text(text)
    if stale:
        print("stale (run python3 tests/dist/gen_ansible_docs.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
