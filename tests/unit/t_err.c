/* t_err.c - unit tests of error codes and messages. */
#include "unit.h"
#include "core/err.h"
#include "core/exitcode.h"

TEST(err_set_and_wrap)
{
	CHECK_INT(err_set("bad %d", 1), ERR_FAIL);
	CHECK_STR(err_last(), "bad 1");
	CHECK_INT(err_setc(ERR_INVALID, "line %d", 3), ERR_INVALID);
	CHECK_INT(err_wrap("reading %s", "x.json"), ERR_INVALID);
	CHECK_STR(err_last(), "reading x.json: line 3");
	CHECK_INT(err_code(), ERR_INVALID);
	err_clear();
	CHECK_STR(err_last(), "");
}

TEST(err_exit_codes_follow_design)
{
	CHECK_INT(err_exit_code(0), EXIT_OK);
	CHECK_INT(err_exit_code(ERR_INVALID), EXIT_USAGE);
	CHECK_INT(err_exit_code(ERR_TOOBIG), EXIT_USAGE);
	CHECK_INT(err_exit_code(ERR_SERVICE), EXIT_SERVICE);
	CHECK_INT(err_exit_code(ERR_TIMEOUT), EXIT_DEADLINE);
	CHECK_INT(EXIT_VERDICT, 1);
}
