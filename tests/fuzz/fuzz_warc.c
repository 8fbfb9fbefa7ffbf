/*
 * Fuzz the WARC reader and record decoding (plain or gzip input, any
 * bytes): no crash, no read out of bounds, bodies within the cap and
 * valid UTF-8, and every call either gives a record, a reported bad
 * record or the end.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "warc.h"
#include "warc_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const size_t cap = 1 << 20;
	if (size == 0)
		return 0;
	FILE *fp = fmemopen((void *)(uintptr_t)data, size, "rb");
	if (!fp)
		return 0;
	struct warc_reader r;
	struct warc_record rec;
	int kind, n, rounds = 0;
	memset(&rec, 0, sizeof rec);
	sb_init(&rec.body, cap);
	warc_reader_init_fp(&r, fp, cap);
	while ((n = warc_reader_next(&r, &rec, &kind)) != 0) {
		if (n < 0) {
			assert(r.problem != NULL);
		} else if (kind == 1) {
			assert(rec.body.len <= cap);
			assert(utf8_valid(rec.body.buf, rec.body.len));
			assert(!memchr(rec.body.buf, '\0', rec.body.len));
		}
		rounds++;
		assert(rounds < 1000000);
	}
	warc_reader_close(&r);
	fclose(fp);
	sb_release(&rec.body);
	return 0;
}
