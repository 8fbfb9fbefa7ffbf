/*
 * Fuzz encoding sniffing and conversion: for any body and any encoding
 * the output is valid UTF-8, the prescan stays in bounds, and a capped
 * buffer is left untouched when the cap is hit.  The first byte picks
 * the encoding index; the rest is the body (its first line also serves
 * as a Content-Type value).  Rewriting an XML declaration keeps the
 * text valid UTF-8.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "charset.h"
#include "strbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, small;
	const char *s;
	const char *nl;
	size_t n, bom, ctlen;
	int enc;
	long r;

	if (size < 1)
		return 0;
	s = (const char *)data + 1;
	n = size - 1;
	nl = memchr(s, '\n', n);
	ctlen = nl ? (size_t)(nl - s) : n;

	enc = charset_detect(s, ctlen, s, n, &bom);
	assert(enc >= 0 && *charset_name(enc));
	assert(bom <= 3 && bom <= n);
	(void)charset_prescan(s, n);
	(void)charset_xml_decl(s, n);
	(void)charset_lookup(s, ctlen);

	/* Any encoding (by index, including bad ones) over the body. */
	r = charset_to_utf8(&out, data[0] % 48, s, n);
	assert(r >= 0);
	assert(utf8_valid(out.buf, out.len));
	r = charset_to_utf8(&out, enc, s + bom, n - bom);
	assert(r >= 0 && utf8_valid(out.buf, out.len));
	assert(charset_fix_xml_decl(&out) >= 0);
	assert(utf8_valid(out.buf, out.len));

	sb_init(&small, 7);
	sb_add(&small, "abc", 3);
	r = charset_to_utf8(&small, data[0] % 48, s, n);
	assert(r >= 0 || (small.len == 3 && memcmp(small.buf, "abc", 3) == 0));
	assert(utf8_valid(small.buf, small.len));
	sb_release(&small);
	sb_release(&out);
	return 0;
}
