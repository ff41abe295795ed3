"""scenarios.py - Deployment/StatefulSet/DaemonSet rollouts and Jobs as object timelines for server.py.

Objects follow what kube-apiserver 1.20 and the deployment/statefulset
controllers write (shapes from the Argo CD health fixtures in
shared/fixtures/argocd-health and a recorded 1.20.2 cluster): Deployment
"web" in namespace "default", 2 replicas, RollingUpdate 25%/25%, moving from
revision 1 (ReplicaSet web-5f7b8d9c4) to revision 2 (web-7d9c5b6f48).
"""
import copy

NS = "default"
OLD, NEW = "5f7b8d9c4", "7d9c5b6f48"
IMAGE_OLD, IMAGE_NEW = "ghcr.io/example/web:1.4.0", "ghcr.io/example/web:1.5.0"
DEPLOY_UID = "bb9af0c7-8a44-11e8-9e23-42010aa80010"


def cond(type_, status, reason, message, when="@now"):
    return {"type": type_, "status": status, "reason": reason, "message": message,
            "lastUpdateTime": when, "lastTransitionTime": when}


def deployment(gen, ogen, rev, replicas, updated, ready, available, conditions, image=IMAGE_NEW):
    st = {"observedGeneration": ogen, "replicas": replicas, "updatedReplicas": updated,
          "readyReplicas": ready, "availableReplicas": available, "conditions": conditions}
    if replicas - available > 0:
        st["unavailableReplicas"] = replicas - available
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "namespace": NS, "uid": DEPLOY_UID, "generation": gen,
                     "creationTimestamp": "@now-3600", "labels": {"app": "web"},
                     "annotations": {"deployment.kubernetes.io/revision": str(rev)}},
        "spec": {"replicas": 2, "progressDeadlineSeconds": 600, "revisionHistoryLimit": 10,
                 "selector": {"matchLabels": {"app": "web"}},
                 "strategy": {"type": "RollingUpdate",
                              "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "web", "image": image,
                                                       "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                                                       "resources": {"limits": {"memory": "128Mi"}}}],
                                       "restartPolicy": "Always", "dnsPolicy": "ClusterFirst"}}},
        "status": st,
    }


def replicaset(hash_, rev, replicas, ready, image):
    return {
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "web-" + hash_, "namespace": NS, "generation": 1,
                     "labels": {"app": "web", "pod-template-hash": hash_},
                     "annotations": {"deployment.kubernetes.io/revision": str(rev),
                                     "deployment.kubernetes.io/desired-replicas": "2",
                                     "deployment.kubernetes.io/max-replicas": "3"},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                          "uid": DEPLOY_UID, "controller": True, "blockOwnerDeletion": True}]},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web", "pod-template-hash": hash_}},
                 "template": {"metadata": {"labels": {"app": "web", "pod-template-hash": hash_}},
                              "spec": {"containers": [{"name": "web", "image": image}]}}},
        "status": {"observedGeneration": 1, "replicas": replicas, "fullyLabeledReplicas": replicas,
                   "readyReplicas": ready, "availableReplicas": ready},
    }


def pod(hash_, suffix, image, phase="Running", ready=True, container=None, conditions=None):
    cs = {"name": "web", "image": image, "imageID": "", "ready": ready, "restartCount": 0,
          "started": ready, "lastState": {}, "state": {"running": {"startedAt": "@now-5"}}}
    cs.update(container or {})
    if conditions is None:
        rs = "True" if ready else "False"
        conditions = [{"type": "Initialized", "status": "True", "lastProbeTime": None, "lastTransitionTime": "@now-10"},
                      {"type": "Ready", "status": rs, "lastProbeTime": None, "lastTransitionTime": "@now-5"},
                      {"type": "ContainersReady", "status": rs, "lastProbeTime": None, "lastTransitionTime": "@now-5"},
                      {"type": "PodScheduled", "status": "True", "lastProbeTime": None, "lastTransitionTime": "@now-10"}]
    st = {"phase": phase, "conditions": conditions, "hostIP": "10.0.0.4", "podIP": "10.244.1.7",
          "qosClass": "Burstable", "startTime": "@now-10"}
    if phase != "Pending" or container:
        st["containerStatuses"] = [cs]
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web-%s-%s" % (hash_, suffix), "namespace": NS, "generateName": "web-%s-" % hash_,
                     "labels": {"app": "web", "pod-template-hash": hash_},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-" + hash_,
                                          "uid": "uid-replicasets-web-" + hash_, "controller": True}]},
        "spec": {"containers": [{"name": "web", "image": image}], "restartPolicy": "Always",
                 "nodeName": "node-1" if phase != "Pending" or container else None},
        "status": st,
    }


AVAILABLE = cond("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", "@now-3600")
PROGRESSING_OLD = cond("Progressing", "True", "NewReplicaSetAvailable",
                       'ReplicaSet "web-%s" has successfully progressed.' % OLD, "@now-3600")
UPDATING = cond("Progressing", "True", "ReplicaSetUpdated", 'ReplicaSet "web-%s" is progressing.' % NEW)
DONE = cond("Progressing", "True", "NewReplicaSetAvailable", 'ReplicaSet "web-%s" has successfully progressed.' % NEW)
DEADLINE = cond("Progressing", "False", "ProgressDeadlineExceeded", 'ReplicaSet "web-%s" has timed out progressing.' % NEW)


def initial():
    """Revision 1 fully rolled out, spec of generation 2 just applied."""
    return [deployment(2, 1, 1, 2, 2, 2, 2, [AVAILABLE, PROGRESSING_OLD], image=IMAGE_OLD),
            replicaset(OLD, 1, 2, 2, IMAGE_OLD),
            pod(OLD, "x7k2p", IMAGE_OLD), pod(OLD, "m4q9z", IMAGE_OLD)]


def surge(new_pod):
    """The controller observed generation 2: new ReplicaSet with one (surge) pod."""
    return [("put", replicaset(NEW, 2, 1, 0, IMAGE_NEW)),
            ("put", new_pod),
            ("put", deployment(2, 2, 2, 3, 1, 2, 2, [AVAILABLE, UPDATING]))]


def normal(extra_mid=()):
    steps = [("sleep", 0.4)]
    steps += surge(pod(NEW, "b8w5r", IMAGE_NEW, phase="Pending", ready=False))
    steps += [("sleep", 0.3), *extra_mid,
              ("put", pod(NEW, "b8w5r", IMAGE_NEW)),
              ("put", replicaset(NEW, 2, 2, 1, IMAGE_NEW)),
              ("put", replicaset(OLD, 1, 1, 1, IMAGE_OLD)),
              ("delete", "pods", NS, "web-%s-x7k2p" % OLD),
              ("put", pod(NEW, "t2n6c", IMAGE_NEW, phase="Pending", ready=False)),
              ("put", deployment(2, 2, 2, 3, 2, 2, 2, [AVAILABLE, UPDATING])),
              ("sleep", 0.3),
              ("put", pod(NEW, "t2n6c", IMAGE_NEW)),
              ("put", replicaset(NEW, 2, 2, 2, IMAGE_NEW)),
              ("put", replicaset(OLD, 1, 0, 0, IMAGE_OLD)),
              ("delete", "pods", NS, "web-%s-m4q9z" % OLD),
              ("put", deployment(2, 2, 2, 2, 2, 2, 2, [AVAILABLE, DONE]))]
    return {"objects": initial(), "timeline": steps}


CRASH_LOG = ("2026/11/21 09:00:01 web 1.5.0 starting\n"
             "2026/11/21 09:00:01 loading config from /etc/web/config.yaml\n"
             "panic: config: required key DATABASE_URL is missing\n\n"
             "goroutine 1 [running]:\nmain.main()\n\t/src/cmd/web/main.go:42 +0x1d4\n")


def event(name, involved_kind, involved, reason, message, count=1):
    """A Warning event as the kubelet or a controller records it."""
    return {"apiVersion": "v1", "kind": "Event",
            "metadata": {"name": name, "namespace": NS},
            "involvedObject": {"kind": involved_kind, "name": involved, "namespace": NS},
            "type": "Warning", "reason": reason, "message": message, "count": count,
            "firstTimestamp": "@now-30", "lastTimestamp": "@now", "source": {"component": "kubelet"}}


def failing(container, phase="Running", conditions=None, then=()):
    """The new pod never becomes ready; optionally more steps after."""
    bad = pod(NEW, "b8w5r", IMAGE_NEW, phase=phase, ready=False, container=container, conditions=conditions)
    reason = ((container or {}).get("state", {}).get("waiting", {}).get("reason")
              or (conditions or [{}])[0].get("reason", "Failed"))
    warn = event("web-%s-b8w5r.1" % NEW, "Pod", "web-%s-b8w5r" % NEW, "BackOff" if container else "FailedScheduling",
                 "%s: %s" % (reason, (container or {}).get("state", {}).get("waiting", {}).get("message")
                             or (conditions or [{}])[0].get("message", "")), 4)
    steps = [("sleep", 0.4)] + surge(bad) + [("put", warn), ("sleep", 0.3), *then]
    logs = {"%s/web-%s-b8w5r/web/previous" % (NS, NEW): CRASH_LOG}
    return {"objects": initial(), "timeline": steps, "logs": logs}


CRASH = {"restartCount": 4, "ready": False, "started": False,
         "state": {"waiting": {"reason": "CrashLoopBackOff",
                               "message": "back-off 1m20s restarting failed container=web pod=web-%s-b8w5r_default" % NEW}},
         "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": "@now-30",
                                      "finishedAt": "@now-29"}}}
PULL = {"ready": False, "started": False, "imageID": "",
        "state": {"waiting": {"reason": "ImagePullBackOff",
                              "message": 'Back-off pulling image "%s"' % IMAGE_NEW}}}
OOM = {"restartCount": 2, "ready": False, "started": False,
       "state": {"waiting": {"reason": "CrashLoopBackOff",
                             "message": "back-off 20s restarting failed container=web pod=web-%s-b8w5r_default" % NEW}},
       "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": "@now-12",
                                    "finishedAt": "@now-11"}}}
UNSCHEDULABLE = [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "lastProbeTime": None,
                  "lastTransitionTime": "@now-20",
                  "message": "0/3 nodes are available: 3 Insufficient memory."}]


def statefulset_normal():
    def sts(gen, ogen, ready, updated, current, cur_rev):
        return {"apiVersion": "apps/v1", "kind": "StatefulSet",
                "metadata": {"name": "db", "namespace": NS, "generation": gen, "uid": "uid-sts-db"},
                "spec": {"replicas": 2, "serviceName": "db", "selector": {"matchLabels": {"app": "db"}},
                         "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
                         "template": {"metadata": {"labels": {"app": "db"}},
                                      "spec": {"containers": [{"name": "db", "image": "postgres:16.4"}]}}},
                "status": {"observedGeneration": ogen, "replicas": 2, "readyReplicas": ready,
                           "currentReplicas": current, "updatedReplicas": updated,
                           "currentRevision": cur_rev, "updateRevision": "db-84c6f5d7b9",
                           "collisionCount": 0}}
    return {"objects": [sts(2, 1, 2, 0, 2, "db-6d7b8c9f5")],
            "timeline": [("sleep", 0.4), ("put", sts(2, 2, 1, 1, 1, "db-6d7b8c9f5")),
                         ("sleep", 0.3), ("put", sts(2, 2, 2, 2, 0, "db-84c6f5d7b9"))]}


DS_UID = "4c2e8f6a-2b1d-4e7f-9a3c-5d6e7f8a9b0c"
DS_OLD, DS_NEW = "6c8b7d5f9", "7f9d6c4b8"


def daemonset(gen, ogen, updated, available):
    """DaemonSet "agent" on 3 nodes, RollingUpdate maxUnavailable 1, as the
    daemon set controller writes its status (fields as in
    shared/fixtures/argocd-health/daemonset-ondelete.yaml)."""
    st = {"currentNumberScheduled": 3, "desiredNumberScheduled": 3, "numberAvailable": available,
          "numberMisscheduled": 0, "numberReady": available, "observedGeneration": ogen,
          "updatedNumberScheduled": updated}
    if available < 3:
        st["numberUnavailable"] = 3 - available
    return {"apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": {"name": "agent", "namespace": NS, "uid": DS_UID, "generation": gen,
                         "labels": {"app": "agent"},
                         "annotations": {"deprecated.daemonset.template.generation": str(gen)}},
            "spec": {"selector": {"matchLabels": {"app": "agent"}}, "revisionHistoryLimit": 10,
                     "updateStrategy": {"type": "RollingUpdate",
                                        "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}},
                     "template": {"metadata": {"labels": {"app": "agent"}},
                                  "spec": {"containers": [{"name": "agent",
                                                           "image": "ghcr.io/example/agent:2.1.0"}]}}},
            "status": st}


def revision(hash_, rev):
    """The ControllerRevision the daemon set controller keeps per template."""
    return {"apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": {"name": "agent-" + hash_, "namespace": NS,
                         "labels": {"app": "agent", "controller-revision-hash": hash_},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent",
                                              "uid": DS_UID, "controller": True, "blockOwnerDeletion": True}]},
            "revision": rev, "data": {"spec": {"template": {"$patch": "replace"}}}}


def daemonset_normal():
    """Generation 2 rolled out one node at a time."""
    return {"objects": [daemonset(2, 1, 0, 3), revision(DS_OLD, 1)],
            "timeline": [("sleep", 0.4), ("put", revision(DS_NEW, 2)), ("put", daemonset(2, 2, 1, 2)),
                         ("sleep", 0.2), ("put", daemonset(2, 2, 2, 2)),
                         ("sleep", 0.2), ("put", daemonset(2, 2, 3, 3))]}


JOB_UID = "95052288-f609-11e8-aa53-42010a80021b"
JOB_POD = "migrate-x2v7q"
MIGRATE_LOG = ("applying migration 0042_add_orders_index\n"
               "ERROR: relation \"orders\" does not exist\n"
               "migration 0042_add_orders_index failed\n")


def job(status):
    """Job "migrate" (backoffLimit 0), shaped as the job controller of 1.20
    writes it (shared/fixtures/argocd-health/job-*.yaml)."""
    labels = {"controller-uid": JOB_UID, "job-name": "migrate"}
    return {"apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"name": "migrate", "namespace": NS, "uid": JOB_UID, "labels": labels},
            "spec": {"backoffLimit": 0, "completions": 1, "parallelism": 1,
                     "selector": {"matchLabels": {"controller-uid": JOB_UID}},
                     "template": {"metadata": {"labels": labels},
                                  "spec": {"containers": [{"name": "migrate", "image": "ghcr.io/example/web:1.5.0",
                                                           "command": ["/app/migrate"]}],
                                           "restartPolicy": "Never"}}},
            "status": dict(status, startTime="@now-10")}


def job_pod(phase, state):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": JOB_POD, "namespace": NS, "generateName": "migrate-",
                         "labels": {"controller-uid": JOB_UID, "job-name": "migrate"},
                         "ownerReferences": [{"apiVersion": "batch/v1", "kind": "Job", "name": "migrate",
                                              "uid": JOB_UID, "controller": True, "blockOwnerDeletion": True}]},
            "spec": {"containers": [{"name": "migrate", "image": "ghcr.io/example/web:1.5.0"}],
                     "restartPolicy": "Never", "nodeName": "node-1"},
            "status": {"phase": phase, "hostIP": "10.0.0.4", "podIP": "10.244.1.9", "startTime": "@now-10",
                       "containerStatuses": [{"name": "migrate", "image": "ghcr.io/example/web:1.5.0",
                                              "ready": phase == "Running", "restartCount": 0, "state": state}]}}


def job_run(ok):
    """The job's one pod runs, then succeeds or exits 1 (backoff limit 0)."""
    end = {"terminated": {"exitCode": 0 if ok else 1, "reason": "Completed" if ok else "Error",
                          "startedAt": "@now-10", "finishedAt": "@now"}}
    if ok:
        last = job({"completionTime": "@now", "succeeded": 1,
                    "conditions": [{"type": "Complete", "status": "True", "lastProbeTime": "@now",
                                    "lastTransitionTime": "@now"}]})
    else:
        last = job({"failed": 1,
                    "conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                                    "message": "Job has reached the specified backoff limit",
                                    "lastProbeTime": "@now", "lastTransitionTime": "@now"}]})
    steps = [("sleep", 0.4), ("put", job_pod("Succeeded" if ok else "Failed", end))]
    if not ok:
        steps.append(("put", {"apiVersion": "v1", "kind": "Event",
                              "metadata": {"name": "migrate.17a2b3c4d5e6f708", "namespace": NS},
                              "involvedObject": {"kind": "Job", "name": "migrate", "namespace": NS,
                                                 "apiVersion": "batch/v1", "uid": JOB_UID},
                              "type": "Warning", "reason": "BackoffLimitExceeded",
                              "message": "Job has reached the specified backoff limit", "count": 1,
                              "firstTimestamp": "@now", "lastTimestamp": "@now",
                              "source": {"component": "job-controller"}}))
    steps.append(("put", last))
    return {"objects": [job({"active": 1}), job_pod("Running", {"running": {"startedAt": "@now-10"}})],
            "timeline": steps,
            "logs": {"%s/%s/migrate" % (NS, JOB_POD): MIGRATE_LOG}}


FLUX_OLD = "main@sha1:3f1c2a9d8b7e6f5a4c3b2a1908f7e6d5c4b3a291"
FLUX_NEW = "main@sha1:9b2e4c6a8d0f1e3c5a7b9d1f3e5c7a9b1d3f5e7a"


def flux(kind, gen, ogen, conds, handled="@now-600", applied=FLUX_OLD, suspend=False):
    """A Flux Kustomization or HelmRelease as the controllers write them."""
    helm = kind == "HelmRelease"
    obj = {"apiVersion": "helm.toolkit.fluxcd.io/v2" if helm else "kustomize.toolkit.fluxcd.io/v1",
           "kind": kind,
           "metadata": {"name": "web", "namespace": "flux-system", "generation": gen},
           "spec": {"interval": "10m", "suspend": suspend},
           "status": {"observedGeneration": ogen, "conditions": conds, "lastHandledReconcileAt": handled}}
    if helm:
        obj["spec"]["chart"] = {"spec": {"chart": "web", "version": "1.5.0",
                                         "sourceRef": {"kind": "HelmRepository", "name": "example"}}}
        obj["status"]["lastAttemptedRevision"] = "1.5.0"
    else:
        obj["spec"].update({"path": "./deploy/web", "prune": True,
                            "sourceRef": {"kind": "GitRepository", "name": "flux-system"}})
        obj["status"]["lastAppliedRevision"] = applied
        obj["status"]["lastAttemptedRevision"] = applied
    return obj


def fcond(type_, status, reason, message, gen):
    return {"type": type_, "status": status, "reason": reason, "message": message,
            "observedGeneration": gen, "lastTransitionTime": "@now"}


def flux_ks_ok():
    ready_old = fcond("Ready", "True", "ReconciliationSucceeded", "Applied revision: " + FLUX_OLD, 3)
    return {"objects": [flux("Kustomization", 3, 3, [ready_old])], "timeline": [],
            "on_patch": [
                ("sleep", 0.2),
                ("put", flux("Kustomization", 3, 3, [
                    fcond("Reconciling", "True", "Progressing", "Reconciliation in progress", 3),
                    fcond("Ready", "Unknown", "Progressing", "Reconciliation in progress", 3)])),
                ("sleep", 0.3),
                ("put", flux("Kustomization", 3, 3, [
                    fcond("Ready", "True", "ReconciliationSucceeded", "Applied revision: " + FLUX_NEW, 3)],
                    handled="@requested", applied=FLUX_NEW))]}


def flux_hr_failed():
    ready_old = fcond("Ready", "True", "UpgradeSucceeded", "Helm upgrade succeeded for release web/web.v4", 5)
    return {"objects": [flux("HelmRelease", 5, 5, [ready_old])], "timeline": [],
            "on_patch": [
                ("sleep", 0.2),
                ("put", flux("HelmRelease", 5, 5, [
                    fcond("Reconciling", "True", "ProgressingWithRetry", "Detecting drift", 5),
                    fcond("Ready", "False", "UpgradeFailed",
                          "Helm upgrade failed for release web/web with chart web@1.5.0: context deadline exceeded", 5)],
                    handled="@requested"))]}


def hang():
    """Generation 2 is never observed: no controller acts (deadline and stall tests)."""
    return {"objects": initial(), "timeline": []}


def build(name):
    """A fresh scenario dict by name (see SCENARIOS)."""
    return copy.deepcopy(SCENARIOS[name]())


SCENARIOS = {
    "normal": normal,
    "crashloop": lambda: failing(CRASH),
    "imagepull": lambda: failing(PULL, phase="Pending"),
    "oom": lambda: failing(OOM),
    "unschedulable": lambda: failing(None, phase="Pending", conditions=UNSCHEDULABLE),
    "deadline": lambda: failing(CRASH, then=[("put", deployment(2, 2, 2, 3, 1, 2, 2, [AVAILABLE, DEADLINE]))]),
    "gone": lambda: normal(extra_mid=[("gone",)]),
    "drop": lambda: normal(extra_mid=[("drop",)]),
    "sts-normal": statefulset_normal,
    "ds-normal": daemonset_normal,
    "job-ok": lambda: job_run(True),
    "job-failed": lambda: job_run(False),
    "hang": hang,
    "flux-ks-ok": flux_ks_ok,
    "flux-hr-failed": flux_hr_failed,
}


SNAPSHOT_TIME = 1795251600  # 2026-11-21T09:00:00Z: "@now" in snapshots
SNAPSHOT_DIR = __file__.rsplit("/", 1)[0] + "/snapshots"


def write_snapshots():
    """snapshots/NAME.json: each scenario's final objects, read by the C unit
    tests (t_deploy_scenarios.c) to run ship's rules on the same objects
    kubectl saw. Regenerate with `python3 scenarios.py`; a CLI test checks
    that they are current."""
    import json
    import os
    import server
    os.makedirs(SNAPSHOT_DIR, exist_ok=True)
    for name in sorted(SCENARIOS):
        with open("%s/%s.json" % (SNAPSHOT_DIR, name), "w") as f:
            json.dump(server.snapshot(build(name), SNAPSHOT_TIME), f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    write_snapshots()
