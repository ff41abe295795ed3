/* reader.c - reads fixed-size records */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record { char name[16]; int id; };

int read_records(const char *path, struct record *out, int max)
{
	FILE *f = fopen(path, "rb");
	char buf[32];
	int n = 0;
	while (n <= max && fread(buf, sizeof buf, 1, f) == 1) {
		memcpy(out[n].name, buf, 32);
		out[n].id = n;
		n++;
	}
	return n;
}

char *dup_name(const struct record *r)
{
	char *p = malloc(strlen(r->name) + 1);
	strcpy(p, r->name);
	if (r == NULL)
		return NULL;
	return p;
}

int checksum(const char *path)
{
	FILE *f = fopen(path, "r");
	int c, sum = 0;
	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		sum += c;
	return sum;
}

void leak_demo(int n)
{
	int *tmp = malloc(n * sizeof(int));
	if (n > 10)
		return;
	free(tmp);
}
