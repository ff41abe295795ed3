/* pub_summary.c - publish's step summary (GitHub format): the verdict, the release and the notes. */
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/log.h"
#include "rt/summary.h"

#include <stdio.h>

static int verdict(struct summary *s, const struct pub_job *j)
{
	const struct rt_result *r = j->ctx->result;
	const char *url = j->release ? jv_get_str(j->release, "html_url") : NULL;
	const char *hdr[2] = { "", "" };
	const char *row[2];
	char md[256];
	int rc;

	snprintf(md, sizeof(md), "### ship publish: %s", rt_result_word(r));
	if ((rc = summary_section(s, "verdict", SUMMARY_VERDICT)) || (rc = summary_markdown(s, md)) ||
	    (rc = summary_para(s, r->message ? r->message : "")))
		return rc;
	if (!j->br.release)
		return 0;
	if ((rc = summary_table(s, 2, hdr)))
		return rc;
	row[0] = "version", row[1] = j->version;
	rc = summary_row(s, 2, row);
	row[0] = "tag", row[1] = j->tag;
	rc = rc ? rc : summary_row(s, 2, row);
	row[0] = "release", row[1] = url ? url : (j->dry ? "(dry run)" : "");
	return rc ? rc : summary_row(s, 2, row);
}

/* The notes are commit messages: shown literally, in a code block. */
static int notes(struct summary *s, const struct pub_job *j)
{
	int rc;

	if (!j->br.release || !j->notes.len)
		return 0;
	if ((rc = summary_section(s, "changelog", SUMMARY_NORMAL)) ||
	    (rc = summary_details_begin(s, "Release notes")) ||
	    (rc = summary_code(s, "markdown", j->notes.ptr, j->notes.len)))
		return rc;
	return summary_details_end(s);
}

void pub_summary(struct pub_job *j)
{
	struct summary s;
	int rc;

	if (j->ctx->format != RT_FMT_GITHUB)
		return;
	summary_init(&s);
	if (!(rc = verdict(&s, j)) && !(rc = notes(&s, j)))
		rc = summary_write(&s);
	if (rc && rc != ERR_NOTFOUND)
		log_warn("step summary: %s", err_last());
	summary_free(&s);
}
