/*
 * fetch_warc: WARC 1.1 writer, one gzip member per record (see
 * fetch_warc.h).
 */
#include "fetch_warc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <zlib.h>

#include "fetch_sha256.h"
#include "prog.h"
#include "strbuf.h"

static void new_record_id(char out[48])
{
	unsigned char r[16];
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		/* No entropy source: fall back to something unique enough. */
		static unsigned long counter;
		struct timespec ts;
		unsigned long c = ++counter;
		clock_gettime(CLOCK_REALTIME, &ts);
		memcpy(r, &ts, sizeof(r) < sizeof(ts) ? sizeof(r) : sizeof(ts));
		memcpy(r + 8, &c, sizeof(c) < 8 ? sizeof(c) : 8);
	}
	r[6] = (unsigned char)((r[6] & 0x0F) | 0x40); /* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	memcpy(out, "<urn:uuid:", 10);
	o = 10;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[r[i] >> 4];
		out[o++] = hex[r[i] & 15];
	}
	out[o++] = '>';
	out[o] = '\0';
}

static void warc_date(char out[64], const struct timespec *ts)
{
	struct tm tm;
	char base[32];

	gmtime_r(&ts->tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	/* WARC 1.1 allows (and recommends) sub-second precision. */
	snprintf(out, 64, "%.32s.%06uZ", base, (unsigned)((ts->tv_nsec / 1000) % 1000000));
}

static void fail(struct warc *w, const char *what)
{
	if (!w->failed)
		np_error("%s: %s", w->path, what);
	w->failed = 1;
}

/* Compress head+block+"\r\n\r\n" as one gzip member and write it. */
static int write_member(struct warc *w, const struct strbuf *head, const char *block, size_t n)
{
	unsigned char out[16384];
	z_stream z;
	const struct {
		const char *p;
		size_t n;
	} parts[3] = {{head->buf, head->len}, {block, n}, {"\r\n\r\n", 4}};
	int i, zr = Z_OK;

	if (w->failed)
		return -1;
	memset(&z, 0, sizeof(z));
	/* windowBits 15 + 16: gzip wrapper. */
	if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		fail(w, "cannot start compression");
		return -1;
	}
	for (i = 0; i < 3; i++) {
		const char *p = parts[i].p;
		size_t left = parts[i].n;

		do {
			/* zlib counts in uInt: feed large blocks in slices. */
			uInt take = left > (1u << 30) ? (1u << 30) : (uInt)left;
			int flush = (i == 2 && take == left) ? Z_FINISH : Z_NO_FLUSH;

			z.next_in = (Bytef *)(uintptr_t)p;
			z.avail_in = take;
			do {
				z.next_out = out;
				z.avail_out = sizeof(out);
				zr = deflate(&z, flush);
				if (fwrite(out, 1, sizeof(out) - z.avail_out, w->fp) !=
				    sizeof(out) - z.avail_out) {
					deflateEnd(&z);
					fail(w, "write failed");
					return -1;
				}
			} while (z.avail_out == 0);
			p += take;
			left -= take;
		} while (left > 0);
	}
	deflateEnd(&z);
	if (zr != Z_STREAM_END) {
		fail(w, "compression failed");
		return -1;
	}
	return 0;
}

static void block_digest(struct strbuf *head, const char *block, size_t n)
{
	struct sha256 c;
	unsigned char d[32];
	char b32[57];

	sha256_init(&c);
	sha256_update(&c, block, n);
	sha256_final(&c, d);
	sha256_base32(d, b32);
	sb_addf(head, "WARC-Block-Digest: sha256:%s\r\n", b32);
}

int warc_open(struct warc *w, const char *path, const char *software)
{
	struct strbuf head = STRBUF_INIT, body = STRBUF_INIT;
	struct timespec now;
	char date[64];
	int r;

	memset(w, 0, sizeof(*w));
	w->path = xstrdup(path);
	w->fp = fopen(path, "ab");
	if (!w->fp) {
		np_warn_errno("%s", path);
		free(w->path);
		w->path = NULL;
		return -1;
	}
	new_record_id(w->info_id);
	clock_gettime(CLOCK_REALTIME, &now);
	warc_date(date, &now);
	sb_addf(&body,
	        "software: %s\r\nformat: WARC File Format 1.1\r\n"
	        "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
	        "warc-format/warc-1.1/\r\n",
	        software);
	sb_addf(&head,
	        "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n"
	        "Content-Type: application/warc-fields\r\nContent-Length: %zu\r\n\r\n",
	        w->info_id, date, body.len);
	r = write_member(w, &head, body.buf, body.len);
	sb_release(&head);
	sb_release(&body);
	return r;
}

static void common_fields(struct strbuf *head, const char *type, const char *id, const char *date,
                          const struct warc_exchange *ex, const char *info_id)
{
	sb_addf(head, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n", type,
	        id, date);
	sb_addstr(head, "WARC-Target-URI: ");
	sb_addstr(head, ex->uri);
	sb_addstr(head, "\r\n");
	if (ex->ip && *ex->ip)
		sb_addf(head, "WARC-IP-Address: %s\r\n", ex->ip);
	sb_addf(head, "WARC-Warcinfo-ID: %s\r\n", info_id);
}

int warc_exchange(struct warc *w, const struct warc_exchange *ex)
{
	struct strbuf head = STRBUF_INIT;
	char req_id[48], resp_id[48], date[64];
	int r = 0;

	if (!w->fp || w->failed)
		return -1;
	new_record_id(req_id);
	new_record_id(resp_id);
	warc_date(date, &ex->date);

	common_fields(&head, "request", req_id, date, ex, w->info_id);
	if (ex->response_len)
		sb_addf(&head, "WARC-Concurrent-To: %s\r\n", resp_id);
	block_digest(&head, ex->request, ex->request_len);
	sb_addf(&head,
	        "Content-Type: application/http;msgtype=request\r\nContent-Length: %zu\r\n\r\n",
	        ex->request_len);
	r = write_member(w, &head, ex->request, ex->request_len);

	if (r == 0 && ex->response_len) {
		sb_reset(&head);
		common_fields(&head, "response", resp_id, date, ex, w->info_id);
		sb_addf(&head, "WARC-Concurrent-To: %s\r\n", req_id);
		if (ex->truncated)
			sb_addf(&head, "WARC-Truncated: %s\r\n", ex->truncated);
		block_digest(&head, ex->response, ex->response_len);
		sb_addf(&head,
		        "Content-Type: application/http;msgtype=response\r\nContent-Length: "
		        "%zu\r\n\r\n",
		        ex->response_len);
		r = write_member(w, &head, ex->response, ex->response_len);
	}
	sb_release(&head);
	return r;
}

int warc_close(struct warc *w)
{
	int r = w->failed ? -1 : 0;

	if (w->fp && fclose(w->fp) != 0) {
		if (!w->failed)
			np_warn_errno("%s", w->path);
		np_status = 1;
		r = -1;
	}
	w->fp = NULL;
	free(w->path);
	w->path = NULL;
	return r;
}
