/* t_deploy_argocd_health.c - Argo CD health checks against Argo's own fixtures. */
#include "unit.h"
#include "core/err.h"
#include "core/jv.h"
#include "svc/argocd_health.h"
#include "svc/kube_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEALTH_DIR UNIT_SHARED "/fixtures/argocd-health"

static struct jv *load_quiet(const char *file)
{
	char path[1024];
	struct jv *o = NULL;

	snprintf(path, sizeof(path), "%s/%s", HEALTH_DIR, file);
	(void)kube_yaml_file(&o, path, 1 << 20);
	return o;
}

static struct jv *load(const char *file)
{
	struct jv *o = load_quiet(file);

	if (!o)
		unit_fail(__FILE__, __LINE__, "%s: %s", file, err_last());
	return o;
}

/* Every row of expected.tsv: what Argo CD itself decides for the object. */
TEST(argocd_health_matches_every_fixture_row)
{
	FILE *f = fopen(HEALTH_DIR "/expected.tsv", "r");
	char line[512], *tab, msg[256];
	enum argocd_health h;
	struct jv *o;
	int rows = 0, rc;

	CHECK(f != NULL);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!(tab = strchr(line, '\t')))
			continue;
		*tab++ = 0;
		/* statefulset-ondelete.yaml repeats spec.updateStrategy; the API
		 * server never sends that, and ship's YAML reader refuses
		 * duplicate keys by design, with the position. */
		if (!(o = load_quiet(line)) && strstr(err_last(), "duplicate key")) {
			CHECK_STR(line, "statefulset-ondelete.yaml");
			CHECK(strstr(err_last(), "line 94, column 3") != NULL);
			rows++;
			continue;
		}
		if (!o) {
			unit_fail(__FILE__, __LINE__, "%s: %s", line, err_last());
			continue;
		}
		rc = argocd_health_assess(o, &h, msg, sizeof(msg));
		if (rc < 0 || strcmp(argocd_health_name(h), tab))
			unit_fail(__FILE__, __LINE__, "%s: got %s (rc %d, \"%s\"), Argo CD says %s",
				  line, argocd_health_name(h), rc, msg, tab);
		jv_free(o);
		rows++;
	}
	fclose(f);
	CHECK(rows >= 46);
}

TEST(argocd_health_messages_quote_the_cause)
{
	struct jv *o = load("deployment-degraded.yaml");
	enum argocd_health h;
	char msg[256];

	CHECK_INT(argocd_health_assess(o, &h, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "Deployment \"guestbook-ui\" exceeded its progress deadline");
	jv_free(o);
	o = load("pod-crashloop.yaml");
	CHECK_INT(argocd_health_assess(o, &h, msg, sizeof(msg)), 0);
	CHECK_INT(h, ARGOCD_HEALTH_DEGRADED);
	CHECK(strstr(msg, "Back-off") != NULL);
	jv_free(o);
	o = load("job-failed.yaml");
	CHECK_INT(argocd_health_assess(o, &h, msg, sizeof(msg)), 0);
	CHECK_STR(msg, "Job has reached the specified backoff limit");
	jv_free(o);
}

TEST(argocd_health_unknown_kind_and_bad_annotation)
{
	struct jv *o = NULL;
	enum argocd_health h;
	char msg[64];
	const char *cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}";
	const char *hpa = "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"HorizontalPodAutoscaler\","
			  "\"metadata\":{\"name\":\"x\",\"annotations\":{"
			  "\"autoscaling.alpha.kubernetes.io/conditions\":\"[{oops\"}}}";

	CHECK_INT(jv_parse(&o, cm, strlen(cm), 4096, "cm"), 0);
	CHECK_INT(argocd_health_assess(o, &h, msg, sizeof(msg)), ERR_NOTFOUND);
	jv_free(o);
	CHECK_INT(jv_parse(&o, hpa, strlen(hpa), 4096, "hpa"), 0);
	CHECK_INT(argocd_health_assess(o, &h, msg, sizeof(msg)), ERR_INVALID);
	CHECK(strstr(err_last(), "autoscaling.alpha.kubernetes.io/conditions: line 1") != NULL);
	jv_free(o);
	CHECK_INT(argocd_health_parse("Degraded"), ARGOCD_HEALTH_DEGRADED);
	CHECK_INT(argocd_health_parse("nope"), ARGOCD_HEALTH_UNKNOWN);
}
