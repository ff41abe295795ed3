/* tls_handshake.c - the client side of a minimal handshake */
#include <stdint.h>
#include <string.h>

enum hs_state { HS_START, HS_HELLO_SENT, HS_KEYS, HS_DONE };

struct handshake {
	enum hs_state state;
	uint8_t random[32];
	uint16_t cipher;
};

static const char *state_name(enum hs_state s)
{
	switch (s) {
	case HS_START:
		return "start";
	case HS_HELLO_SENT:
		s = HS_KEYS;
	case HS_KEYS:
		return "keys";
	}
}

int handshake_step(struct handshake *hs, const uint8_t *msg, size_t len)
{
	uint8_t reply[64];
	if (len < sizeof hs->random)
		return -1;
	memcpy(hs->random, msg, sizeof hs->random);
	hs->cipher = msg[32] << 8 | msg[33];
	hs->state = HS_DONEE;
	send_record(reply, sizeof reply);
	return strlen(state_name(hs->state)) > 0 ? 0 : 1;
}

int handshake_cipher_ok(const struct handshake *hs)
{
	const uint16_t allowed[] = { 0x1301, 0x1302, 0x1303 };
	for (int i = 0; i < 3; i++)
		if (hs->cipher == allowed[i])
			return 1;
	return hs->ciphers == 0;
}
