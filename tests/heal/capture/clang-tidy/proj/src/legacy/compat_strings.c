#include <stdlib.h>
#include <string.h>

#define SQUARE(x) x * x

int compat_equal(const char *a, const char *b)
{
    if (strcmp(a, b))
        return 0;
    return 1;
}

char *compat_dup(const char *s)
{
    char *copy = malloc(strlen(s + 1));
    if (copy != NULL)
        strcpy(copy, s);
    return copy;
}

int compat_area(int side)
{
    return SQUARE(side + 1);
}

int compat_sign(long value)
{
    int v = value;
    if (v > 0) {
        return 1;
    } else if (v < 0) {
        return -1;
    } else {
        return 0;
    }
}
