"""test_deploy_fake_k8s.py - the fake Kubernetes API server behaves like kube-apiserver."""
import http.client
import json
import ssl
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "fakes" / "k8s"), str(HERE.parent / "servers")]
import scenarios  # noqa: E402
import server  # noqa: E402

TOKEN = "fake-token-3f9a"


@pytest.fixture
def fake():
    """fake(name) -> a started plain-HTTP server for scenario `name`."""
    started = []

    def start(name):
        srv = server.Server(scenarios.build(name), token=TOKEN).start()
        started.append(srv)
        return srv
    yield start
    for srv in started:
        srv.stop()


def request(srv, path, token=TOKEN):
    conn = http.client.HTTPConnection("127.0.0.1", srv.server_address[1], timeout=10)
    conn.request("GET", path, headers={"Authorization": "Bearer " + token} if token else {})
    return conn, conn.getresponse()


def get_json(srv, path, want=200):
    conn, resp = request(srv, path)
    body = json.loads(resp.read())
    conn.close()
    assert resp.status == want, body
    return body


def watch(srv, path, until=lambda ev: False, limit=10.0):
    """Reads watch events until `until(event)`, the stream ends or `limit` s."""
    conn, resp = request(srv, path)
    assert resp.status == 200
    assert resp.getheader("Transfer-Encoding") == "chunked"
    events, end = [], time.time() + limit
    while time.time() < end:
        line = resp.readline()
        if not line:
            break
        events.append(json.loads(line))
        if until(events[-1]):
            break
    conn.close()
    return events


DEPLOY = "/apis/apps/v1/namespaces/default/deployments"


def test_auth_discovery_and_not_found(fake):
    srv = fake("normal")
    conn, resp = request(srv, "/api", token=None)
    assert resp.status == 401
    assert json.loads(resp.read())["reason"] == "Unauthorized"
    conn.close()
    groups = get_json(srv, "/apis")["groups"]
    assert {g["name"] for g in groups} == {"apps", "batch"}
    res = {r["name"] for r in get_json(srv, "/apis/apps/v1")["resources"]}
    assert {"deployments", "replicasets", "statefulsets", "daemonsets"} <= res
    st = get_json(srv, DEPLOY + "/nope", want=404)
    assert (st["kind"], st["code"], st["reason"]) == ("Status", 404, "NotFound")


def test_list_then_watch_replays_the_rollout_in_order(fake):
    srv = fake("normal")
    lst = get_json(srv, DEPLOY + "?fieldSelector=metadata.name%3Dweb")
    assert lst["kind"] == "DeploymentList" and len(lst["items"]) == 1
    assert lst["items"][0]["status"]["observedGeneration"] == 1
    rv = lst["metadata"]["resourceVersion"]
    done = lambda ev: ev["type"] == "MODIFIED" and ev["object"]["status"]["conditions"][1]["reason"] == "NewReplicaSetAvailable"
    evs = watch(srv, DEPLOY + "?watch=1&fieldSelector=metadata.name%3Dweb&resourceVersion=" + rv, until=done)
    assert [e["type"] for e in evs] == ["MODIFIED"] * 3
    rvs = [int(e["object"]["metadata"]["resourceVersion"]) for e in evs]
    assert rvs == sorted(rvs) and rvs[0] > int(rv)
    assert [e["object"]["status"]["updatedReplicas"] for e in evs] == [1, 2, 2]
    # Pods of the new ReplicaSet by label, as ship will ask for them.
    pods = get_json(srv, "/api/v1/namespaces/default/pods?labelSelector=pod-template-hash%3D" + scenarios.NEW)
    assert sorted(p["metadata"]["name"] for p in pods["items"]) == [
        "web-7d9c5b6f48-b8w5r", "web-7d9c5b6f48-t2n6c"]


def test_bookmarks_advance_the_resource_version(fake):
    srv = fake("normal")
    get_json(srv, "/version")  # the timeline starts with the first request
    time.sleep(1.5)            # ... and has played completely by now
    lst = get_json(srv, "/apis/apps/v1/namespaces/default/statefulsets")
    assert lst["items"] == []
    evs = watch(srv, "/apis/apps/v1/namespaces/default/statefulsets?watch=1&allowWatchBookmarks=true"
                "&resourceVersion=101", until=lambda ev: ev["type"] == "BOOKMARK")
    assert evs[-1]["type"] == "BOOKMARK"
    assert evs[-1]["object"]["metadata"]["resourceVersion"] == lst["metadata"]["resourceVersion"]


def test_gone_sends_in_band_410_and_later_watches_too(fake):
    srv = fake("gone")
    rv = get_json(srv, DEPLOY)["metadata"]["resourceVersion"]
    evs = watch(srv, DEPLOY + "?watch=1&resourceVersion=" + rv, until=lambda ev: ev["type"] == "ERROR")
    assert evs[-1]["type"] == "ERROR"
    assert (evs[-1]["object"]["code"], evs[-1]["object"]["reason"]) == (410, "Expired")
    again = watch(srv, DEPLOY + "?watch=1&resourceVersion=" + rv, limit=3)
    assert [e["type"] for e in again] == ["ERROR"]
    fresh = get_json(srv, DEPLOY)["metadata"]["resourceVersion"]
    assert int(fresh) > int(rv)


def test_drop_cuts_the_stream_without_the_last_chunk(fake):
    srv = fake("drop")
    rv = get_json(srv, DEPLOY)["metadata"]["resourceVersion"]
    conn, resp = request(srv, DEPLOY + "?watch=1&resourceVersion=" + rv)
    with pytest.raises(http.client.IncompleteRead):
        resp.read()
    conn.close()
    assert len(srv.requests("deployments", watch=True)) == 1


def test_pod_logs_honour_tail_and_limit(fake):
    srv = fake("crashloop")
    base = "/api/v1/namespaces/default/pods/web-%s-b8w5r/log?container=web" % scenarios.NEW
    conn, resp = request(srv, base + "&previous=true&tailLines=3")
    text = resp.read().decode()
    conn.close()
    assert resp.status == 200 and text.startswith("goroutine 1 [running]:") and text.count("\n") == 3
    conn, resp = request(srv, base + "&previous=true&limitBytes=20")
    assert resp.read() == scenarios.CRASH_LOG.encode()[:20]
    conn.close()
    conn, resp = request(srv, base)
    assert resp.status == 400
    conn.close()


def test_tls_server_with_test_ca(tmp_path):
    import faultd
    faultd.make_ca(str(tmp_path))
    srv = server.Server(scenarios.build("normal"), token=TOKEN, tls=faultd.tls_context(str(tmp_path))).start()
    try:
        ctx = ssl.create_default_context(cafile=str(tmp_path / "ca.pem"))
        conn = http.client.HTTPSConnection("127.0.0.1", srv.server_address[1], context=ctx, timeout=10)
        conn.request("GET", "/version", headers={"Authorization": "Bearer " + TOKEN})
        assert json.loads(conn.getresponse().read())["gitVersion"] == "v1.20.2"
        conn.close()
        assert srv.url.startswith("https://127.0.0.1:")
    finally:
        srv.stop()


@pytest.mark.parametrize("name", sorted(scenarios.SCENARIOS))
def test_snapshots_for_the_c_unit_tests_are_current(name):
    """snapshots/NAME.json (read by t_deploy_scenarios.c) match the scenario;
    regenerate with `python3 tests/fakes/k8s/scenarios.py`."""
    want = server.snapshot(scenarios.build(name), scenarios.SNAPSHOT_TIME)
    have = json.loads(Path(scenarios.SNAPSHOT_DIR, name + ".json").read_text())
    assert have == json.loads(json.dumps(want))
