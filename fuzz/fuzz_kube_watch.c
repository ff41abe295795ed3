/* fuzz_kube_watch.c - libFuzzer target: the Kubernetes watch stream decoder, fed in pieces of varying size. */
#include "fuzz.h"

#include "core/err.h"
#include "svc/kube_watch.h"

/* Byte 0 picks the piece size (1..64), the rest is the stream. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kube_watch w;
	struct kube_event ev;
	size_t piece, off;
	int rc = 0;

	if (!size)
		return 0;
	piece = (size_t)(data[0] % 64) + 1;
	data++;
	size--;
	kube_watch_init(&w, "watch fuzz", 4096);
	for (off = 0; off < size && rc >= 0; off += piece) {
		size_t n = size - off < piece ? size - off : piece;

		rc = kube_watch_feed(&w, (const char *)data + off, n);
		while (rc >= 0 && (rc = kube_watch_next(&w, &ev)) == 1) {
			FUZZ_ASSERT(ev.type <= KUBE_EV_ERROR);
			FUZZ_ASSERT(ev.type == KUBE_EV_ERROR || ev.code == 0);
			FUZZ_ASSERT(strlen(w.rv) < sizeof(w.rv));
			(void)kube_watch_is_gone(&ev);
		}
		FUZZ_ASSERT(rc >= 0 || err_last()[0]);
	}
	if (rc >= 0)
		(void)kube_watch_end(&w);
	kube_watch_free(&w);
	return 0;
}
