/* t_deploy_cmd.c - deploy-watch command helpers: durations and Kubernetes API paths. */
#include "unit.h"
#include "core/err.h"
#include "deploy/deploy_int.h"
#include "svc/kube_client.h"

#include <string.h>

TEST(deploy_duration_forms) {
	long long ms = 0;

	CHECK_INT(deploy_duration("90", "timeout", &ms), 0);
	CHECK(ms == 90000);
	CHECK_INT(deploy_duration("10m", "timeout", &ms), 0);
	CHECK(ms == 600000);
	CHECK_INT(deploy_duration("1h30m5s", "timeout", &ms), 0);
	CHECK(ms == 5405000);
	CHECK_INT(deploy_duration("", "timeout", &ms), ERR_USAGE);
	CHECK_INT(deploy_duration("10 m", "timeout", &ms), ERR_USAGE);
	CHECK_INT(deploy_duration("m", "timeout", &ms), ERR_USAGE);
	CHECK_INT(deploy_duration("5d", "stall-timeout", &ms), ERR_USAGE);
	CHECK(strstr(err_last(), "--stall-timeout") != NULL);
	CHECK_INT(deploy_duration("99999999999999", "timeout", &ms), ERR_USAGE);
}

TEST(kube_api_paths) {
	struct buf b = BUF_INIT(1024);

	CHECK_INT(kube_api_path(&b, "deploy", "prod", "web", NULL), 0);
	CHECK_STR(buf_cstr(&b), "/apis/apps/v1/namespaces/prod/deployments/web");
	buf_reset(&b);
	CHECK_INT(kube_api_path(&b, "pod", "default", "web-1", "log"), 0);
	CHECK_STR(buf_cstr(&b), "/api/v1/namespaces/default/pods/web-1/log");
	buf_reset(&b);
	CHECK_INT(kube_api_path(&b, "Jobs", "ci", NULL, NULL), 0);
	CHECK_STR(buf_cstr(&b), "/apis/batch/v1/namespaces/ci/jobs");
	buf_reset(&b);
	CHECK_INT(kube_api_path(&b, "hr", "flux-system", "web", NULL), 0);
	CHECK_STR(buf_cstr(&b), "/apis/helm.toolkit.fluxcd.io/v2/namespaces/flux-system/helmreleases/web");
	buf_reset(&b);
	CHECK_INT(kube_api_path(&b, "service", "x", "y", NULL), ERR_INVALID);
	CHECK_STR(kube_kind_name("sts"), "statefulset");
	CHECK(kube_kind_name("ingress") == NULL);
	buf_release(&b);
}
