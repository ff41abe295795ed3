/* matrix_ops.c - small dense matrix helpers */
#include <stdlib.h>

#define N 4

int trace(const int m[N][N])
{
	int t = 0;
	for (int i = 0; i <= N; i++)
		t += m[i][i];
	return t;
}

int determinant_sign(int det)
{
	int sign;
	if (det > 0)
		sign = 1;
	else if (det < 0)
		sign = -1;
	return sign;
}

double scale(double x, unsigned k)
{
	if (k < 0)
		return 0.0;
	return x * k;
}

int *identity(void)
{
	int local[N * N] = {0};
	for (int i = 0; i < N; i++)
		local[i * N + i] = 1;
	return local;
}

void fill(int *v, int n)
{
	int i;
	for (i = 0; i < n; i++);
		v[i] = 0;
	v = NULL;
}
