/* journal.c - append-only journal on disk */
#include <stdio.h>
#include "storage/journal_format.h"

int journal_append(FILE *f, const char *rec)
{
	return fputs(rec, f);
}
