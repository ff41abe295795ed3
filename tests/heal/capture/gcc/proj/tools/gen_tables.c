/* gen_tables.c - prints the CRC table used by the journal */
#include <stdint.h>
#include <stdio.h>

extern void crc32_table_init(uint32_t table[256]);

int main(void)
{
	uint32_t table[256];
	crc32_table_init(table);
	for (int i = 0; i < 256; i++)
		printf("0x%08x,%c", table[i], i % 6 == 5 ? '\n' : ' ');
	return 0;
}
