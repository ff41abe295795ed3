#include "storage/journal_format.h"

#include <stdio.h>

int journal_append(FILE *f, const struct journal_record *rec)
{
    return fwrite(rec, sizeof *rec, 1, f) == 1 ? 0 : -1;
}
