"""conftest.py - shared fixtures for the CLI tests: the static binary and a runner."""
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def ship():
    """Path of the static binary under test (SHIP_BIN, else ./ship)."""
    path = Path(os.environ.get("SHIP_BIN", REPO / "ship"))
    assert path.is_file(), f"{path} is missing: run make first"
    return str(path)


def clean_env(extra=None):
    """The environment without GitHub Actions or Ansible variables, plus extra."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "INPUT_", "SHIP_", "RUNNER_", "ACTIONS_"))}
    env.pop("CI", None)
    env["NO_COLOR"] = "1"
    if extra:
        env.update(extra)
    return env


@pytest.fixture
def run_ship(ship, tmp_path):
    """run_ship(*args, env=None, input=None, cwd=tmp_path) -> CompletedProcess."""
    def run(*args, env=None, input=None, cwd=None, timeout=60):
        return subprocess.run([ship, *map(str, args)], env=clean_env(env),
                              input=input, cwd=cwd or tmp_path,
                              capture_output=True, timeout=timeout)
    return run
