/*
 * test_fetch: the pieces of news-fetch that need no network: the address
 * policy, SHA-256, the WARC writer and the SQLite state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "fetch_addr.h"
#include "fetch_sha256.h"
#include "fetch_state.h"
#include "fetch_warc.h"
#include "strbuf.h"

static void test_addr(void **state)
{
	static const struct {
		const char *addr;
		int blocked;
	} cases[] = {
	        {"127.0.0.1", 1},
	        {"127.255.0.9", 1},
	        {"10.1.2.3", 1},
	        {"172.16.0.1", 1},
	        {"172.31.255.255", 1},
	        {"172.32.0.1", 0},
	        {"192.168.1.1", 1},
	        {"169.254.169.254", 1},
	        {"100.64.0.1", 1},
	        {"100.128.0.1", 0},
	        {"0.0.0.0", 1},
	        {"224.0.0.1", 1},
	        {"239.255.255.250", 1},
	        {"255.255.255.255", 1},
	        {"198.18.0.1", 1},
	        {"192.0.0.8", 1},
	        {"8.8.8.8", 0},
	        {"93.184.216.34", 0},
	        {"11.0.0.1", 0},
	        {"::1", 1},
	        {"::", 1},
	        {"fe80::1", 1},
	        {"fd00::1", 1},
	        {"fc12::1", 1},
	        {"ff02::1", 1},
	        {"fec0::1", 1},
	        {"::ffff:127.0.0.1", 1},
	        {"::ffff:10.0.0.1", 1},
	        {"::ffff:8.8.8.8", 0},
	        {"64:ff9b::a00:1", 1},
	        {"2002:c0a8:101::1", 1},
	        {"2002:0808:0808::1", 0},
	        {"2001:4860:4860::8888", 0},
	        {"2606:4700::1111", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (fetch_addr_blocked_str(cases[i].addr) != cases[i].blocked)
			fail_msg("%s: expected %d", cases[i].addr, cases[i].blocked);
	assert_int_equal(fetch_addr_blocked_str("example.com"), -1);
}

static void test_sha256(void **state)
{
	char hex[65], b32[57];
	unsigned char d[32];
	struct sha256 c;
	char block[200];
	size_t i;

	(void)state;
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* feeding in pieces gives the same digest as at once */
	for (i = 0; i < sizeof(block); i++)
		block[i] = (char)i;
	sha256_hex(block, sizeof(block), hex);
	sha256_init(&c);
	sha256_update(&c, block, 1);
	sha256_update(&c, block + 1, 63);
	sha256_update(&c, block + 64, 100);
	sha256_update(&c, block + 164, 36);
	sha256_final(&c, d);
	for (i = 0; i < 32; i++) {
		char two[3];
		snprintf(two, sizeof(two), "%02x", d[i]);
		assert_memory_equal(two, hex + 2 * i, 2);
	}
	sha256_init(&c);
	sha256_update(&c, "abc", 3);
	sha256_final(&c, d);
	sha256_base32(d, b32);
	assert_string_equal(b32, "XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====");
}

/* Decompress a file of concatenated gzip members: the text and the
 * number of members. */
static int gunzip_members(const char *path, struct strbuf *out)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf in = STRBUF_INIT;
	char buf[65536];
	size_t n, pos = 0;
	int members = 0;

	assert_non_null(fp);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&in, buf, n);
	fclose(fp);
	while (pos < in.len) {
		z_stream z;
		int r;

		memset(&z, 0, sizeof(z));
		assert_int_equal(inflateInit2(&z, 31), Z_OK);
		z.next_in = (Bytef *)in.buf + pos;
		z.avail_in = (uInt)(in.len - pos);
		do {
			z.next_out = (Bytef *)buf;
			z.avail_out = sizeof(buf);
			r = inflate(&z, Z_NO_FLUSH);
			assert_true(r == Z_OK || r == Z_STREAM_END);
			sb_add(out, buf, sizeof(buf) - z.avail_out);
		} while (r != Z_STREAM_END);
		pos = in.len - z.avail_in;
		inflateEnd(&z);
		members++;
	}
	sb_release(&in);
	return members;
}

static size_t count(const char *hay, size_t n, const char *needle)
{
	size_t c = 0, l = strlen(needle);
	const char *p = hay, *end = hay + n;

	while ((p = memmem(p, (size_t)(end - p), needle, l))) {
		c++;
		p += l;
	}
	return c;
}

static void test_warc(void **state)
{
	char path[] = "/tmp/test_fetch_warcXXXXXX";
	int fd = mkstemp(path);
	struct warc w;
	struct warc_exchange ex;
	struct strbuf text = STRBUF_INIT;
	const char req[] = "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n";
	const char resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(warc_open(&w, path, "test/1"), 0);
	memset(&ex, 0, sizeof(ex));
	ex.uri = "http://example.org/";
	ex.ip = "192.0.2.1";
	clock_gettime(CLOCK_REALTIME, &ex.date);
	ex.request = req;
	ex.request_len = sizeof(req) - 1;
	ex.response = resp;
	ex.response_len = sizeof(resp) - 1;
	assert_int_equal(warc_exchange(&w, &ex), 0);
	/* no response: a request record only, marked nothing */
	ex.response_len = 0;
	assert_int_equal(warc_exchange(&w, &ex), 0);
	assert_int_equal(warc_close(&w), 0);

	/* warcinfo + request + response + request: one gzip member each */
	assert_int_equal(gunzip_members(path, &text), 4);
	assert_int_equal(count(text.buf, text.len, "WARC/1.1\r\n"), 4);
	assert_int_equal(count(text.buf, text.len, "WARC-Type: warcinfo\r\n"), 1);
	assert_int_equal(count(text.buf, text.len, "WARC-Type: request\r\n"), 2);
	assert_int_equal(count(text.buf, text.len, "WARC-Type: response\r\n"), 1);
	assert_int_equal(count(text.buf, text.len, "WARC-Concurrent-To: <urn:uuid:"), 2);
	assert_int_equal(count(text.buf, text.len, "WARC-IP-Address: 192.0.2.1\r\n"), 3);
	assert_int_equal(count(text.buf, text.len, "Content-Length: 43\r\n\r\nHTTP/1.1 200"), 1);
	assert_int_equal(count(text.buf, text.len, "msgtype=response"), 1);
	assert_int_equal(count(text.buf, text.len, "WARC-Block-Digest: sha256:"), 3);
	/* records end with CRLF CRLF after the block */
	assert_int_equal(count(text.buf, text.len, "hello\r\n\r\n"), 1);

	/* a second run appends */
	sb_reset(&text);
	assert_int_equal(warc_open(&w, path, "test/1"), 0);
	assert_int_equal(warc_close(&w), 0);
	assert_int_equal(gunzip_members(path, &text), 5);
	sb_release(&text);
	unlink(path);
}

static void test_state(void **state)
{
	char dir[] = "/tmp/test_fetch_stateXXXXXX";
	char path[256];
	struct fstate *st;
	struct fstate_url u;
	struct fstate_result r;
	long status;
	char *body;
	size_t len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/state.db", dir);
	st = fstate_open(path);
	assert_non_null(st);
	assert_int_equal(fstate_lookup(st, "http://a/", &u), 0);

	memset(&r, 0, sizeof(r));
	r.url = "http://a/";
	r.final_url = "http://a/final";
	r.http_status = 200;
	r.fetch_error = "";
	r.etag = "\"v1\"";
	r.last_modified = "Sat, 28 Nov 2026 07:00:00 GMT";
	r.attempts = 1;
	r.when = "2026-11-28T07:00:00Z";
	r.content_hash = "abc";
	fstate_record(st, &r);
	fstate_commit(st);
	assert_int_equal(fstate_lookup(st, "http://a/", &u), 1);
	assert_string_equal(u.final_url, "http://a/final");
	assert_string_equal(u.etag, "\"v1\"");
	assert_int_equal(u.ok_before, 1);
	fstate_url_release(&u);

	/* a 304 without validators keeps the old ones */
	r.http_status = 304;
	r.fetch_error = "not_modified";
	r.etag = NULL;
	r.last_modified = NULL;
	r.content_hash = NULL;
	fstate_record(st, &r);
	/* a failure keeps them too */
	r.http_status = 500;
	r.fetch_error = "http_error";
	r.attempts = 4;
	fstate_record(st, &r);
	fstate_close(st);

	st = fstate_open(path);
	assert_non_null(st);
	assert_int_equal(fstate_lookup(st, "http://a/", &u), 1);
	assert_string_equal(u.etag, "\"v1\"");
	assert_string_equal(u.last_modified, "Sat, 28 Nov 2026 07:00:00 GMT");
	assert_int_equal(u.http_status, 500);
	assert_int_equal(u.ok_before, 1);
	fstate_url_release(&u);

	/* a URL that never succeeded is not "seen" */
	r.url = "http://b/";
	fstate_record(st, &r);
	/* results are batched: written (and visible) once committed */
	assert_int_equal(fstate_lookup(st, "http://b/", &u), 0);
	fstate_commit(st);
	assert_int_equal(fstate_lookup(st, "http://b/", &u), 1);
	assert_int_equal(u.ok_before, 0);
	assert_null(u.etag);
	fstate_url_release(&u);

	/* robots.txt, with an age limit */
	fstate_robots_put(st, "http://a:80", "2026-11-28T07:00:00Z", 200, "User-agent: *\0x", 16);
	assert_int_equal(
	        fstate_robots_get(st, "http://a:80", "2026-11-28T06:00:00Z", &status, &body, &len),
	        1);
	assert_int_equal(status, 200);
	assert_int_equal(len, 16);
	assert_memory_equal(body, "User-agent: *\0x", 16);
	free(body);
	assert_int_equal(
	        fstate_robots_get(st, "http://a:80", "2026-11-28T08:00:00Z", &status, &body, &len),
	        0);
	fstate_close(st);

	/* not a database: refused with a message, no crash */
	{
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs("this is not sqlite, just text long enough to be looked at.......\n"
		      "more text more text more text more text more text more text\n",
		      fp);
		fclose(fp);
	}
	snprintf(path, sizeof(path), "%s/state.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/state.db-shm", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/state.db", dir);
	st = fstate_open(path);
	assert_null(st);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_addr),
	        cmocka_unit_test(test_sha256),
	        cmocka_unit_test(test_warc),
	        cmocka_unit_test(test_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
