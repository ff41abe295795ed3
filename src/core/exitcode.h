/* exitcode.h - the process exit codes; documented in docs/exit-codes.md. */
#ifndef SHIP_EXITCODE_H
#define SHIP_EXITCODE_H

/* Never renumber: workflows and playbooks branch on these. */
#define EXIT_OK       0  /* the phase succeeded */
#define EXIT_VERDICT  1  /* the phase's verdict is negative */
#define EXIT_USAGE    2  /* usage error or invalid input */
#define EXIT_SERVICE  3  /* an external service failed after retries */
#define EXIT_DEADLINE 4  /* a deadline was reached */

#endif
