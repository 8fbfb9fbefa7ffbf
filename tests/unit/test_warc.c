/* Unit tests of the WARC decoding (extractors/warc.c) and the file
 * reader (pipeline/warc_read.c) on in-memory archives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "warc.h"
#include "warc_read.h"

static struct warc_span S(const char *s) {
	return (struct warc_span){s, strlen(s)};
}

static void
test_header_get(void **state)
{
	(void)state;
	const char *h = "WARC-Type: response\r\ncontent-length:  42 \r\nX-Long: a\r\n  b\r\n";
	struct warc_span v;
	assert_int_equal(warc_header_get(h, strlen(h), "WARC-TYPE", &v), 1);
	assert_true(warc_span_eq(v, "response"));
	assert_int_equal(warc_header_get(h, strlen(h), "Content-Length", &v), 1);
	assert_int_equal(warc_parse_length(v), 42);
	assert_int_equal(warc_header_get(h, strlen(h), "X-Long", &v), 1);
	assert_int_equal(v.len, strlen("a\r\n  b")); /* continuation kept */
	assert_int_equal(warc_header_get(h, strlen(h), "Missing", &v), 0);
	assert_int_equal(warc_parse_length(S("12x")), -1);
	assert_int_equal(warc_parse_length(S("")), -1);
	assert_int_equal(warc_parse_length(S("99999999999999999999999")), -1);
	assert_int_equal(warc_version("WARC/1.0\r", 9), 10);
	assert_int_equal(warc_version("WARC/1.1", 8), 11);
	assert_int_equal(warc_version("WARC/2.0", 8), 0);
}

static void test_http_head(void **state)
{
	(void)state;
	const char *r = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n"
	                "Transfer-Encoding: chunked\r\n\r\nbody";
	struct http_head h;
	assert_int_equal(http_parse_head(r, strlen(r), &h), 0);
	assert_int_equal(h.status, 404);
	assert_true(warc_span_eq(h.content_type, "text/html"));
	assert_true(warc_span_eq(h.transfer_encoding, "chunked"));
	assert_int_equal(h.content_encoding.len, 0);
	assert_string_equal(r + h.head_len, "body");
	assert_int_equal(http_parse_head("GET / HTTP/1.1\r\n\r\n", 18, &h), -1);
	assert_int_equal(http_parse_head("HTTP/1.1 2x0 OK\r\n\r\n", 19, &h), -1);
	assert_int_equal(http_parse_head("HTTP/1.1 200 OK\r\nNo-End: x", 26, &h), -1);
}

static void test_dechunk(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	const char *c = "5;x=y\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: z\r\n\r\n";
	assert_int_equal(http_dechunk(&out, c, strlen(c)), WARC_OK);
	assert_string_equal(out.buf, "hello world");
	sb_reset(&out);
	assert_int_equal(http_dechunk(&out, "5\r\nhel", 6), WARC_TRUNCATED);
	assert_string_equal(out.buf, "hel");
	sb_reset(&out);
	assert_int_equal(http_dechunk(&out, "zz\r\n", 4), WARC_TRUNCATED);
	assert_int_equal(out.len, 0);
	sb_release(&out);
}

static size_t gzip_buf(const char *in, size_t n, unsigned char *out, size_t cap, int bits)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	size_t len = cap - z.avail_out;
	deflateEnd(&z);
	return len;
}

static void test_content_encoding(void **state)
{
	(void)state;
	unsigned char gz[256], raw[256];
	const char *text = "compressed text, compressed text, compressed text";
	size_t n = gzip_buf(text, strlen(text), gz, sizeof gz, 15 + 16);
	size_t m = gzip_buf(text, strlen(text), raw, sizeof raw, -15);
	struct strbuf out = STRBUF_INIT;
	assert_int_equal(http_decode_content(&out, (char *)gz, n, S("gzip")), WARC_OK);
	assert_string_equal(out.buf, text);
	sb_reset(&out);
	assert_int_equal(http_decode_content(&out, (char *)raw, m, S("deflate")), WARC_OK);
	assert_string_equal(out.buf, text);
	sb_reset(&out);
	assert_int_equal(http_decode_content(&out, "abc", 3, S("br")), WARC_UNKNOWN);
	assert_string_equal(out.buf, "abc");
	sb_reset(&out);
	/* gzip, gzip: undone twice */
	unsigned char gz2[512];
	size_t n2 = gzip_buf((char *)gz, n, gz2, sizeof gz2, 15 + 16);
	assert_int_equal(http_decode_content(&out, (char *)gz2, n2, S("gzip, gzip")), WARC_OK);
	assert_string_equal(out.buf, text);
	sb_release(&out);
}

/* A gzip bomb stops at the cap instead of filling memory. */
static void test_gzip_bomb_capped(void **state)
{
	(void)state;
	size_t big = 8 << 20;
	char *zeros = calloc(1, big);
	unsigned char *gz = malloc(big / 100);
	size_t n = gzip_buf(zeros, big, gz, big / 100, 15 + 16);
	struct strbuf out;
	sb_init(&out, 1 << 20);
	assert_int_equal(http_decode_content(&out, (char *)gz, n, S("gzip")), WARC_CAP);
	assert_true(out.len <= 1 << 20);
	sb_release(&out);
	free(zeros);
	free(gz);
}

static void test_body_charset(void **state)
{
	(void)state;
	struct strbuf out = STRBUF_INIT;
	/* windows-1252 declared as latin1: the curly quotes come through */
	assert_int_equal(warc_body_to_utf8(&out, "\x93hi\x94 caf\xe9", 9,
	                                   S("text/html; charset=\"iso-8859-1\"")),
	                 0);
	assert_string_equal(out.buf, "\xe2\x80\x9chi\xe2\x80\x9d caf\xc3\xa9");
	sb_reset(&out);
	/* undeclared, not UTF-8: read as windows-1252 */
	assert_int_equal(warc_body_to_utf8(&out, "caf\xe9", 4, S("text/html")), 0);
	assert_string_equal(out.buf, "caf\xc3\xa9");
	sb_reset(&out);
	/* declared UTF-8 but broken, and a NUL: U+FFFD each */
	assert_int_equal(warc_body_to_utf8(&out, "a\xffz\0b", 5, S("text/html;charset=UTF-8")), 2);
	assert_string_equal(out.buf, "a\xef\xbf\xbdz\xef\xbf\xbd"
	                             "b");
	sb_reset(&out);
	/* meta charset in the page */
	const char *page = "<meta charset='windows-1251'>\xcf\xf0\xe8";
	assert_int_equal(warc_body_to_utf8(&out, page, strlen(page), S("text/html")), 0);
	assert_non_null(strstr(out.buf, "\xd0\x9f\xd1\x80\xd0\xb8"));
	sb_release(&out);
}

static void test_decode_record(void **state)
{
	(void)state;
	const char *hdr = "WARC-Type: response\nWARC-Target-URI: <http://x.test/>\n"
	                  "WARC-Date: 2026-01-01T00:00:00Z\nWARC-Record-ID: <urn:uuid:1>\n";
	const char *block = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
	                    "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
	struct warc_record rec;
	memset(&rec, 0, sizeof rec);
	sb_init(&rec.body, 1000);
	assert_int_equal(warc_decode(&rec, 11, hdr, strlen(hdr), block, strlen(block)), 1);
	assert_true(warc_span_eq(rec.target_uri, "http://x.test/"));
	assert_int_equal(rec.http_status, 200);
	assert_string_equal(rec.body.buf, "abc");
	assert_null(rec.problem);
	const char *req = "WARC-Type: request\nWARC-Target-URI: http://x.test/\n";
	assert_int_equal(warc_decode(&rec, 10, req, strlen(req), "GET", 3), 0);
	const char *nouri = "WARC-Type: response\n";
	assert_int_equal(warc_decode(&rec, 10, nouri, strlen(nouri), block, strlen(block)), -1);
	assert_non_null(rec.problem);
	sb_release(&rec.body);
}

/* The reader over a memory stream: two records with junk between them. */
static void test_reader_resync(void **state)
{
	(void)state;
	static const char warc[] =
	        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://a.test/\r\n"
	        "Content-Length: 3\r\n\r\nabc\r\n\r\n"
	        "junk line\r\nmore junk\r\n"
	        "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://b.test/\r\n"
	        "Content-Length: 2\r\n\r\nde\r\n\r\n";
	FILE *fp = fmemopen((void *)warc, sizeof warc - 1, "rb");
	struct warc_reader r;
	struct warc_record rec;
	int kind;
	memset(&rec, 0, sizeof rec);
	sb_init(&rec.body, 1000);
	warc_reader_init_fp(&r, fp, 1000);
	assert_int_equal(warc_reader_next(&r, &rec, &kind), 1);
	assert_int_equal(kind, 1);
	assert_string_equal(rec.body.buf, "abc");
	assert_int_equal(warc_reader_next(&r, &rec, &kind), -1);
	assert_int_equal(r.record_offset, strstr(warc, "junk") - warc);
	assert_int_equal(warc_reader_next(&r, &rec, &kind), 1);
	assert_string_equal(rec.body.buf, "de");
	assert_int_equal(rec.version, 11);
	assert_int_equal(warc_reader_next(&r, &rec, &kind), 0);
	warc_reader_close(&r);
	fclose(fp);
	sb_release(&rec.body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_header_get),       cmocka_unit_test(test_http_head),
	        cmocka_unit_test(test_dechunk),          cmocka_unit_test(test_content_encoding),
	        cmocka_unit_test(test_gzip_bomb_capped), cmocka_unit_test(test_body_charset),
	        cmocka_unit_test(test_decode_record),    cmocka_unit_test(test_reader_resync),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
