/*
 * warc_read: WARC records from a plain or gzip-compressed file (see
 * warc_read.h).
 */
#include "warc_read.h"

#include <errno.h>
#include <string.h>

#define LINE_CAP   65536   /* a WARC header line; longer ones are cut */
#define HEADER_CAP 1048576 /* a whole WARC header block */

static void reader_setup(struct warc_reader *r, size_t max_record)
{
	r->max_record = max_record;
	sb_init(&r->line, LINE_CAP);
	sb_init(&r->hdr, HEADER_CAP);
	sb_init(&r->block, max_record);
}

/* Read more compressed input, keeping the unconsumed bytes.  Returns the
 * number of new bytes, 0 at end of file. */
static size_t in_refill(struct warc_reader *r)
{
	size_t keep = r->z.avail_in;
	size_t used = r->in_len - keep;
	if (keep && used)
		memmove(r->in, r->in + used, keep);
	r->in_base += used;
	r->in_len = keep;
	size_t got = 0;
	if (!r->in_eof) {
		got = fread(r->in + keep, 1, sizeof(r->in) - keep, r->fp);
		if (got == 0)
			r->in_eof = 1;
	}
	r->in_len += got;
	r->z.next_in = r->in;
	r->z.avail_in = (uInt)r->in_len;
	return got;
}

/* File offset of the next compressed byte. */
static unsigned long long in_pos(const struct warc_reader *r)
{
	return r->in_base + (unsigned long long)(r->z.next_in - r->in);
}

/* After corrupt data: skip to the next gzip member header (1f 8b 08).
 * 0 found, -1 at end of file. */
static int gz_resync(struct warc_reader *r)
{
	for (;;) {
		const unsigned char *p = r->z.next_in;
		size_t n = r->z.avail_in, i;
		for (i = 0; i + 2 < n; i++)
			if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 8)
				break;
		if (i + 2 < n) {
			r->z.next_in += i;
			r->z.avail_in -= (uInt)i;
			r->member = in_pos(r);
			inflateReset(&r->z);
			return 0;
		}
		/* Keep the last two bytes: a header may straddle the refill. */
		size_t skip = n > 2 ? n - 2 : 0;
		r->z.next_in += skip;
		r->z.avail_in -= (uInt)skip;
		if (in_refill(r) == 0) {
			r->gz_done = 1; /* nothing more to decode */
			return -1;
		}
	}
}

/* A gzip error: the record being read is lost.  Remember where, and
 * feed no more bytes until warc_reader_next() has reported it. */
static void gz_trouble(struct warc_reader *r, const char *what)
{
	r->gz_broken = 1;
	r->gz_hold = 1;
	r->gz_problem = what;
	r->broken_member = r->member;
	r->out_pos = r->out_len = 0;
}

/* Inflate the next piece into out[].  0 data, -1 end of input (or a
 * gzip error on hold). */
static int gz_fill(struct warc_reader *r)
{
	for (;;) {
		if (r->gz_hold || r->gz_done)
			return -1;
		if (r->z.avail_in == 0 && in_refill(r) == 0) {
			if (r->z.total_in != 0) /* ended inside a member */
				gz_trouble(r, "gzip data cut short");
			r->z.total_in = 0;
			return -1;
		}
		r->z.next_out = r->out;
		r->z.avail_out = sizeof(r->out);
		r->out_member = r->member;
		int ret = inflate(&r->z, Z_NO_FLUSH);
		r->out_pos = 0;
		r->out_len = sizeof(r->out) - r->z.avail_out;
		if (ret == Z_STREAM_END) {
			/* The next member starts right here, after any padding. */
			inflateReset(&r->z);
			if (r->z.avail_in == 0)
				in_refill(r);
			if (r->z.avail_in >= 1 && r->z.next_in[0] != 0x1f)
				gz_resync(r);
			r->member = in_pos(r);
		} else if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT || ret == Z_MEM_ERROR ||
		           ret == Z_STREAM_ERROR) {
			gz_trouble(r, "corrupt gzip data; skipped to the next gzip member");
			if (gz_resync(r) < 0)
				r->z.total_in = 0;
			return -1;
		}
		if (r->out_len)
			return 0;
	}
}

/* Make sure out[] has a byte: 0, or -1 at the end. */
static int fill(struct warc_reader *r)
{
	if (r->out_pos < r->out_len)
		return 0;
	if (r->gz)
		return gz_fill(r);
	r->out_base += r->out_len;
	r->out_pos = 0;
	r->out_len = fread(r->out, 1, sizeof(r->out), r->fp);
	return r->out_len ? 0 : -1;
}

static unsigned long long cur_offset(struct warc_reader *r)
{
	if (fill(r) < 0 && !r->gz)
		return r->out_base + r->out_len;
	return r->gz ? r->out_member : r->out_base + r->out_pos;
}

static int peek(struct warc_reader *r)
{
	return fill(r) < 0 ? -1 : r->out[r->out_pos];
}

/* Read one line (without its LF) into r->line; a line longer than the
 * cap is cut.  0, or -1 at the end with nothing read. */
static int read_line(struct warc_reader *r)
{
	int got = 0;
	sb_reset(&r->line);
	while (fill(r) == 0) {
		const unsigned char *p = r->out + r->out_pos;
		size_t n = r->out_len - r->out_pos;
		const unsigned char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) : n;
		size_t room = r->line.cap - r->line.len;
		sb_add(&r->line, p, take < room ? take : room);
		r->out_pos += take + (nl ? 1 : 0);
		got = 1;
		if (nl)
			break;
	}
	if (r->line.len && r->line.buf[r->line.len - 1] == '\r')
		sb_setlen(&r->line, r->line.len - 1);
	return got ? 0 : -1;
}

/* Copy (to `to`, if not NULL) or skip n bytes: bytes actually read. */
static unsigned long long read_bytes(struct warc_reader *r, struct strbuf *to, unsigned long long n)
{
	unsigned long long done = 0;
	while (done < n && fill(r) == 0) {
		size_t avail = r->out_len - r->out_pos;
		size_t take = n - done < avail ? (size_t)(n - done) : avail;
		if (to)
			sb_add(to, r->out + r->out_pos, take);
		r->out_pos += take;
		done += take;
	}
	return done;
}

int warc_reader_open(struct warc_reader *r, const char *path, size_t max_record)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp)
		return -1;
	warc_reader_init_fp(r, fp, max_record);
	r->own_fp = fp != stdin;
	return 0;
}

void warc_reader_init_fp(struct warc_reader *r, FILE *fp, size_t max_record)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	reader_setup(r, max_record);
	/* Sniff the gzip magic from the first bytes. */
	r->in_len = fread(r->in, 1, sizeof(r->in), fp);
	if (r->in_len == 0)
		r->in_eof = 1;
	if (r->in_len >= 2 && r->in[0] == 0x1f && r->in[1] == 0x8b) {
		r->gz = 1;
		r->z.next_in = r->in;
		r->z.avail_in = (uInt)r->in_len;
		if (inflateInit2(&r->z, 15 + 16) == Z_OK)
			r->z_ready = 1;
	} else {
		/* Plain: what was read is the first output buffer. */
		memcpy(r->out, r->in, r->in_len);
		r->out_len = r->in_len;
	}
}

/* Skip lines until one is a WARC version line; it is left in r->line.
 * Returns its version, or 0 at the end. */
static int resync(struct warc_reader *r, unsigned long long *offset)
{
	for (;;) {
		unsigned long long at = cur_offset(r);
		if (read_line(r) < 0)
			return 0;
		int v = warc_version(r->line.buf, r->line.len);
		if (v) {
			*offset = at;
			return v;
		}
		r->skipped += r->line.len + 1;
	}
}

static int bad(struct warc_reader *r, const char *problem)
{
	r->problem = problem;
	return -1;
}

/* Report a gzip error as the bad record it spoiled, and read on from
 * the next member. */
static int gz_report(struct warc_reader *r)
{
	r->gz_broken = 0;
	r->gz_hold = 0;
	r->pending_version = 0;
	r->record_offset = r->broken_member;
	return bad(r, r->gz_problem);
}

/* Read header lines up to the blank line into r->hdr.  0, or -1. */
static int read_header(struct warc_reader *r)
{
	sb_reset(&r->hdr);
	for (;;) {
		if (read_line(r) < 0)
			return bad(r, "WARC header cut short");
		if (r->line.len == 0)
			return 0;
		if (sb_add(&r->hdr, r->line.buf, r->line.len) < 0 || sb_addch(&r->hdr, '\n') < 0)
			return bad(r, "WARC header longer than 1 MiB");
	}
}

int warc_reader_next(struct warc_reader *r, struct warc_record *rec, int *rec_kind)
{
	int version;
	struct warc_span len_s, type;

	r->problem = NULL;
	r->skipped = 0;
	*rec_kind = 0;
	if (r->gz_broken)
		return gz_report(r);
	if (r->pending_version) {
		version = r->pending_version;
		r->record_offset = r->pending_offset;
		r->pending_version = 0;
	} else {
		int c;
		while ((c = peek(r)) == '\r' || c == '\n')
			r->out_pos++;
		if (c < 0)
			return r->gz_broken ? gz_report(r) : 0;
		r->record_offset = cur_offset(r);
		read_line(r);
		version = warc_version(r->line.buf, r->line.len);
		if (!version) {
			r->pending_version = resync(r, &r->pending_offset);
			return bad(r,
			           "not a WARC record (no WARC/1.0 or WARC/1.1 line); skipped to "
			           "the next record");
		}
	}

	if (read_header(r) < 0)
		return r->gz_broken ? gz_report(r) : -1;
	warc_header_get(r->hdr.buf, r->hdr.len, "Content-Length", &len_s);
	long long len = warc_parse_length(len_s);
	if (len < 0) {
		r->pending_version = resync(r, &r->pending_offset);
		return bad(r, "missing or invalid Content-Length; skipped to the next record");
	}
	warc_header_get(r->hdr.buf, r->hdr.len, "WARC-Type", &type);
	int wanted = warc_is_response(type) || warc_is_resource(type);
	if (!wanted || (unsigned long long)len > r->max_record) {
		unsigned long long got = read_bytes(r, NULL, (unsigned long long)len);
		if (r->gz_broken)
			return gz_report(r);
		if (got < (unsigned long long)len)
			return bad(r, "record cut short");
		if (wanted)
			return bad(r, "record longer than --max-record; skipped");
		warc_header_get(r->hdr.buf, r->hdr.len, "WARC-Record-ID", &rec->record_id);
		rec->type = type;
		return 1;
	}
	sb_reset(&r->block);
	unsigned long long got = read_bytes(r, &r->block, (unsigned long long)len);
	if (r->gz_broken)
		return gz_report(r);
	if (got < (unsigned long long)len)
		return bad(r, "record cut short");
	int kind = warc_decode(rec, version, r->hdr.buf, r->hdr.len, r->block.buf, r->block.len);
	if (kind < 0)
		return bad(r, rec->problem);
	*rec_kind = kind;
	return 1;
}

int warc_reader_error(const struct warc_reader *r)
{
	return ferror(r->fp) != 0;
}

void warc_reader_close(struct warc_reader *r)
{
	if (r->z_ready)
		inflateEnd(&r->z);
	if (r->own_fp && r->fp)
		fclose(r->fp);
	sb_release(&r->line);
	sb_release(&r->hdr);
	sb_release(&r->block);
	r->fp = NULL;
}
