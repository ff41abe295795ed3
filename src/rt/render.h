/* render.h - print a phase result in the chosen format and compute the exit code. */
#ifndef SHIP_RENDER_H
#define SHIP_RENDER_H

#include "rt/ansible.h"
#include "rt/mode.h"
#include "rt/result.h"

/*
 * Writes r to stdout (one write, registered secrets redacted):
 *   RT_FMT_TEXT    "phase: verdict: message" + outputs; errors go to
 *                  stderr as "ship: phase: error: message"
 *   RT_FMT_JSON    rt_result_json(), pretty, one object
 *   RT_FMT_GITHUB  the text line with workflow commands defused, an
 *                  ::error:: annotation when the phase could not run,
 *                  and the outputs appended to $GITHUB_OUTPUT
 *   RT_FMT_ANSIBLE rt_ansible_result() (a may be NULL)
 * Returns the exit code: rt_result_exit_code(), or for Ansible 0/1;
 * 2 when the outputs could not be written.
 */
int rt_render(const struct rt_result *r, enum rt_format fmt,
	      const struct rt_ansible *a, int color);

#endif
