/* crash.c - TEST HOOK: SHIP_TEST_CRASH_AFTER=<step> kills publish right after that step, to test re-runs. */
#include "publish/publish_int.h"
#include "core/log.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Only for tests (tests/cli/test_publish.py): a crash between two
 * external changes, as a killed runner would leave it. Steps: tag-local,
 * tag-object (--tag-via api), tag, create, asset:<name>, assets,
 * publish. SIGKILL, so nothing runs after it: no state, no result, no
 * cleanup.
 */
void pub_test_crash_after(const char *step)
{
	const char *want = getenv("SHIP_TEST_CRASH_AFTER");

	if (!want || strcmp(want, step))
		return;
	log_warn("SHIP_TEST_CRASH_AFTER=%s: killing ship now (test hook)", step);
	raise(SIGKILL);
	_exit(137);
}
