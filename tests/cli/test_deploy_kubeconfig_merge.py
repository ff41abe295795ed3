"""test_deploy_kubeconfig_merge.py - $KUBECONFIG merged as kubectl does, --kubeconfig not merged."""
import json
from pathlib import Path

from test_deploy_watch import TOKEN, b64, ca, out, start  # noqa: F401


def split(tmp_path, srv, ca_dir):
    a = tmp_path / "a.yaml"
    (tmp_path / "b").mkdir()
    b = tmp_path / "b" / "config"
    (tmp_path / "b" / "tok").write_text(TOKEN)
    a.write_text(json.dumps({"current-context": "fake", "contexts": [
        {"name": "fake", "context": {"cluster": "fake", "user": "ci", "namespace": "default"}}]}))
    b.write_text(json.dumps({"current-context": "other",
        "clusters": [{"name": "fake", "cluster": {"server": srv.url,
                      "certificate-authority-data": b64(Path(ca_dir, "ca.pem"))}}],
        "users": [{"name": "ci", "user": {"tokenFile": "tok"}}]}))
    return a, b


def test_kubeconfig_env_list_is_merged(run_ship, tmp_path, ca):
    srv = start("normal", ca)
    try:
        a, b = split(tmp_path, srv, ca)
        env = {"KUBECONFIG": f"{tmp_path}/missing:{a}:{b}"}
        p = run_ship("deploy-watch", "--k8s", "deployment/web", "--format", "json",
                     "--state-dir", tmp_path / "state", env=env)
        assert p.returncode == 0, out(p)
        p = run_ship("deploy-watch", "--kubeconfig", a, "--k8s", "deployment/web",
                     "--state-dir", tmp_path / "state", env=env)
        assert p.returncode == 2, out(p)
        assert 'cluster "fake" not found' in out(p)
    finally:
        srv.stop()
