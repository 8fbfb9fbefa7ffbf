/*
 * warc: pure decoding of WARC records and HTTP responses (see warc.h).
 */
#include "warc.h"

#include <iconv.h>
#include <errno.h>
#include <string.h>
#include <zlib.h>

#include "utf8.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static struct warc_span trim(const char *s, size_t n)
{
	while (n && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && is_space((unsigned char)s[n - 1]))
		n--;
	return (struct warc_span){s, n};
}

int warc_span_eq(struct warc_span v, const char *s)
{
	size_t n = strlen(s);
	if (v.len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)v.s[i]) != lower((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 1 if v starts with prefix, ASCII case-insensitively. */
static int span_starts(struct warc_span v, const char *prefix)
{
	size_t n = strlen(prefix);
	return v.len >= n && warc_span_eq((struct warc_span){v.s, n}, prefix);
}

/* Find needle (lower case) in v, case-insensitively: offset or -1. */
static long span_find(struct warc_span v, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= v.len; i++)
		if (warc_span_eq((struct warc_span){v.s + i, n}, needle))
			return (long)i;
	return -1;
}

int warc_version(const char *line, size_t n)
{
	struct warc_span v = trim(line, n);
	if (warc_span_eq(v, "WARC/1.0"))
		return 10;
	if (warc_span_eq(v, "WARC/1.1"))
		return 11;
	return 0;
}

int warc_header_get(const char *block, size_t n, const char *name, struct warc_span *val)
{
	size_t name_len = strlen(name);
	const char *p = block, *end = block + n;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = eol ? eol : end;
		const char *colon = memchr(p, ':', (size_t)(line_end - p));

		if (colon && *p != ' ' && *p != '\t' &&
		    warc_span_eq(trim(p, (size_t)(colon - p)), name) && name_len) {
			/* The value runs on over continuation lines. */
			const char *vend = line_end;
			while (vend < end && vend + 1 < end &&
			       (vend[1] == ' ' || vend[1] == '\t')) {
				const char *next = memchr(vend + 1, '\n', (size_t)(end - vend - 1));
				vend = next ? next : end;
			}
			*val = trim(colon + 1, (size_t)(vend - colon - 1));
			return 1;
		}
		p = eol ? eol + 1 : end;
	}
	*val = (struct warc_span){"", 0};
	return 0;
}

long long warc_parse_length(struct warc_span v)
{
	long long x = 0;
	v = trim(v.s, v.len);
	if (!v.len)
		return -1;
	for (size_t i = 0; i < v.len; i++) {
		if (v.s[i] < '0' || v.s[i] > '9' || x > (1LL << 58))
			return -1;
		x = x * 10 + (v.s[i] - '0');
	}
	return x;
}

/* The end of the header block starting at buf: offset past the blank
 * line, or 0 when there is none. */
static size_t head_end(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		if (i + 1 < n && buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < n && buf[i + 1] == '\r' && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

int http_parse_head(const char *buf, size_t n, struct http_head *h)
{
	memset(h, 0, sizeof(*h));
	h->content_type = h->transfer_encoding = h->content_encoding = (struct warc_span){"", 0};
	if (!span_starts((struct warc_span){buf, n}, "HTTP/"))
		return -1;
	size_t len = head_end(buf, n);
	if (!len) {
		/* A head with no body may end right at the end of the block. */
		if (n >= 2 && buf[n - 1] == '\n')
			len = n;
		else
			return -1;
	}
	const char *sp = memchr(buf, ' ', len);
	if (!sp || sp + 4 > buf + len)
		return -1;
	int status = 0;
	for (int i = 1; i <= 3; i++) {
		if (sp[i] < '0' || sp[i] > '9')
			return -1;
		status = status * 10 + (sp[i] - '0');
	}
	if (status < 100)
		return -1;
	h->status = status;
	h->head_len = len;
	const char *eol = memchr(buf, '\n', len);
	const char *fields = eol + 1;
	size_t flen = len - (size_t)(fields - buf);
	warc_header_get(fields, flen, "Content-Type", &h->content_type);
	warc_header_get(fields, flen, "Transfer-Encoding", &h->transfer_encoding);
	warc_header_get(fields, flen, "Content-Encoding", &h->content_encoding);
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int http_dechunk(struct strbuf *out, const char *in, size_t n)
{
	size_t i = 0;

	for (;;) {
		unsigned long long size = 0;
		int digits = 0, v;
		while (i < n && (in[i] == ' ' || in[i] == '\t'))
			i++;
		while (i < n && (v = hexval((unsigned char)in[i])) >= 0) {
			if (size > (1ULL << 56))
				return WARC_TRUNCATED;
			size = size * 16 + (unsigned)v;
			digits++;
			i++;
		}
		if (!digits)
			return WARC_TRUNCATED;
		/* Skip chunk extensions up to the end of the line. */
		const char *eol = memchr(in + i, '\n', n - i);
		if (!eol)
			return WARC_TRUNCATED;
		i = (size_t)(eol - in) + 1;
		if (size == 0)
			return WARC_OK; /* trailers, if any, are of no use here */
		if (size > n - i) {
			if (sb_add(out, in + i, n - i) < 0)
				return WARC_CAP;
			return WARC_TRUNCATED;
		}
		if (sb_add(out, in + i, (size_t)size) < 0)
			return WARC_CAP;
		i += (size_t)size;
		if (i < n && in[i] == '\r')
			i++;
		if (i < n && in[i] == '\n')
			i++;
		if (i >= n)
			return WARC_TRUNCATED; /* no last chunk */
	}
}

/*
 * Inflate in[0..n) with zlib `window_bits` into out.  Concatenated gzip
 * members are all decoded.  Returns WARC_OK, WARC_TRUNCATED (data
 * corrupt or cut short; *produced tells whether anything came out) or
 * WARC_CAP.
 */
static int inflate_into(struct strbuf *out, const char *in, size_t n, int window_bits,
                        size_t *produced)
{
	z_stream z;
	int ret, result = WARC_OK;
	size_t start = out->len;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, window_bits) != Z_OK)
		return WARC_TRUNCATED;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
	for (;;) {
		if (sb_grow(out, 65536) < 0) {
			/* Room for less: take what the cap still allows. */
			if (out->cap - out->len == 0 || sb_grow(out, out->cap - out->len) < 0) {
				result = WARC_CAP;
				break;
			}
		}
		size_t room = out->alloc - 1 - out->len;
		if (room > out->cap - out->len)
			room = out->cap - out->len;
		if (room == 0) {
			result = WARC_CAP;
			break;
		}
		z.next_out = (Bytef *)out->buf + out->len;
		z.avail_out = (uInt)(room > UINT32_MAX ? UINT32_MAX : room);
		ret = inflate(&z, Z_NO_FLUSH);
		out->len += (room > UINT32_MAX ? UINT32_MAX : room) - z.avail_out;
		out->buf[out->len] = '\0';
		if (ret == Z_STREAM_END) {
			/* Another gzip member may follow. */
			if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
				inflateReset(&z);
				continue;
			}
			break;
		}
		if (ret == Z_BUF_ERROR && z.avail_in == 0) {
			result = WARC_TRUNCATED;
			break;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			result = WARC_TRUNCATED;
			break;
		}
	}
	inflateEnd(&z);
	*produced = out->len - start;
	return result;
}

static int decode_one(struct strbuf *out, const char *in, size_t n, struct warc_span enc)
{
	size_t produced = 0;
	int r;

	if (!enc.len || warc_span_eq(enc, "identity") || warc_span_eq(enc, "none"))
		return sb_add(out, in, n) < 0 ? WARC_CAP : WARC_OK;
	if (warc_span_eq(enc, "gzip") || warc_span_eq(enc, "x-gzip"))
		return inflate_into(out, in, n, 15 + 16, &produced);
	if (warc_span_eq(enc, "deflate")) {
		size_t start = out->len;
		r = inflate_into(out, in, n, 15, &produced);
		if (r == WARC_TRUNCATED && produced == 0) {
			/* Many servers send raw deflate without the zlib wrapper. */
			sb_setlen(out, start);
			r = inflate_into(out, in, n, -15, &produced);
		}
		return r;
	}
	return sb_add(out, in, n) < 0 ? WARC_CAP : WARC_UNKNOWN;
}

int http_decode_content(struct strbuf *out, const char *in, size_t n, struct warc_span encoding)
{
	/* Codings are listed in the order applied: undo the last first. */
	struct warc_span list = trim(encoding.s, encoding.len);
	const char *comma = list.len ? memchr(list.s, ',', list.len) : NULL;
	if (!comma)
		return decode_one(out, in, n, list);

	const char *last = list.s + list.len;
	while (last > list.s && last[-1] != ',')
		last--;
	struct warc_span rest = {list.s, (size_t)(last - 1 - list.s)};
	struct warc_span tail = trim(last, (size_t)(list.s + list.len - last));
	struct strbuf tmp;
	sb_init(&tmp, out->cap);
	int r = decode_one(&tmp, in, n, tail);
	if (r == WARC_OK)
		r = http_decode_content(out, tmp.buf, tmp.len, rest);
	else if (sb_add(out, tmp.buf, tmp.len) < 0)
		r = WARC_CAP;
	sb_release(&tmp);
	return r;
}

/* The charset parameter of a Content-Type, or an empty span. */
static struct warc_span content_type_charset(struct warc_span ct)
{
	long at = span_find(ct, "charset=");
	if (at < 0)
		return (struct warc_span){"", 0};
	const char *p = ct.s + at + 8, *end = ct.s + ct.len;
	if (p < end && (*p == '"' || *p == '\''))
		p++;
	const char *q = p;
	while (q < end && *q != '"' && *q != '\'' && *q != ';' && !is_space((unsigned char)*q))
		q++;
	return (struct warc_span){p, (size_t)(q - p)};
}

static int is_token_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == ':';
}

/* A charset named in the first 1024 bytes (<meta charset=...> or an
 * http-equiv Content-Type), or an empty span. */
static struct warc_span sniff_meta_charset(const char *body, size_t n)
{
	struct warc_span head = {body, n < 1024 ? n : 1024};
	long at = span_find(head, "charset");
	if (at < 0)
		return (struct warc_span){"", 0};
	const char *p = head.s + at + 7, *end = head.s + head.len;
	while (p < end && is_space((unsigned char)*p))
		p++;
	if (p >= end || *p != '=')
		return (struct warc_span){"", 0};
	p++;
	while (p < end && (is_space((unsigned char)*p) || *p == '"' || *p == '\''))
		p++;
	const char *q = p;
	while (q < end && is_token_char((unsigned char)*q))
		q++;
	return (struct warc_span){p, (size_t)(q - p)};
}

/* Append s[0..n) with invalid UTF-8 and NUL bytes replaced by U+FFFD. */
static long add_clean_utf8(struct strbuf *out, const char *s, size_t n)
{
	long bad = 0;
	if (utf8_valid(s, n) && !memchr(s, '\0', n))
		return sb_add(out, s, n) < 0 ? WARC_CAP : 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID || cp == 0) {
			if (sb_add_utf8(out, UTF8_REPLACEMENT) < 0)
				return WARC_CAP;
			bad++;
		} else if (sb_add(out, s + i, k) < 0) {
			return WARC_CAP;
		}
		i += k;
	}
	return bad;
}

/* Convert from `charset` with iconv; -2 when iconv does not know it. */
static long add_converted(struct strbuf *out, const char *s, size_t n, const char *charset)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	long bad = 0;
	if (cd == (iconv_t)-1)
		return -2;
	char *in = (char *)(uintptr_t)s;
	size_t left = n;
	while (left) {
		if (sb_grow(out, left * 2 + 16) < 0 && sb_grow(out, 16) < 0) {
			bad = WARC_CAP;
			break;
		}
		char *o = out->buf + out->len;
		size_t room = out->alloc - 1 - out->len;
		if (room > out->cap - out->len)
			room = out->cap - out->len;
		size_t before = room;
		size_t r = iconv(cd, &in, &left, &o, &room);
		out->len += before - room;
		out->buf[out->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			if (before == room && out->len >= out->cap) {
				bad = WARC_CAP;
				break;
			}
			continue;
		}
		/* EILSEQ or EINVAL: one replacement, skip one byte. */
		if (sb_add_utf8(out, UTF8_REPLACEMENT) < 0) {
			bad = WARC_CAP;
			break;
		}
		bad++;
		in++;
		left--;
	}
	iconv_close(cd);
	if (bad < 0)
		return bad;
	/* Some encodings map bytes to U+0000: clean those too. */
	return bad;
}

static int is_utf8_name(struct warc_span cs)
{
	return warc_span_eq(cs, "utf-8") || warc_span_eq(cs, "utf8");
}

long warc_body_to_utf8(struct strbuf *out, const char *body, size_t n,
                       struct warc_span content_type)
{
	struct warc_span cs = content_type_charset(content_type);
	if (!cs.len)
		cs = sniff_meta_charset(body, n);
	if (!cs.len || is_utf8_name(cs) || cs.len > 40) {
		if (!cs.len && !utf8_valid(body, n))
			cs = (struct warc_span){"windows-1252", 12};
		else
			return add_clean_utf8(out, body, n);
	}
	/* HTML's rule: latin1 labels mean windows-1252. */
	char name[48];
	if (warc_span_eq(cs, "iso-8859-1") || warc_span_eq(cs, "latin1") ||
	    warc_span_eq(cs, "iso8859-1") || warc_span_eq(cs, "us-ascii") ||
	    warc_span_eq(cs, "ascii"))
		cs = (struct warc_span){"windows-1252", 12};
	memcpy(name, cs.s, cs.len);
	name[cs.len] = '\0';

	struct strbuf tmp;
	sb_init(&tmp, out->cap);
	long r = add_converted(&tmp, body, n, name);
	if (r == -2) /* unknown charset: keep what is valid */
		r = add_clean_utf8(out, body, n);
	else if (r >= 0) {
		long more = add_clean_utf8(out, tmp.buf, tmp.len);
		r = more < 0 ? more : r + more;
	}
	sb_release(&tmp);
	return r;
}

int warc_is_response(struct warc_span type)
{
	return warc_span_eq(type, "response");
}

int warc_is_resource(struct warc_span type)
{
	return warc_span_eq(type, "resource");
}

static struct warc_span strip_angles(struct warc_span v)
{
	if (v.len >= 2 && v.s[0] == '<' && v.s[v.len - 1] == '>')
		return (struct warc_span){v.s + 1, v.len - 2};
	return v;
}

/* 1 when the encoding list names chunked. */
static int is_chunked(struct warc_span te)
{
	return span_find(te, "chunked") >= 0;
}

/*
 * The HTTP payload of a response, with transfer and content codings
 * undone, into out.  A coding that does not decode at all is taken to be
 * a header the archiver left behind after decoding it already.
 */
static int decode_payload(struct warc_record *rec, const struct http_head *h, const char *p,
                          size_t n, struct strbuf *out)
{
	struct strbuf dechunked;
	int r;

	sb_init(&dechunked, out->cap);
	if (is_chunked(h->transfer_encoding)) {
		r = http_dechunk(&dechunked, p, n);
		if (r == WARC_CAP) {
			sb_release(&dechunked);
			return WARC_CAP;
		}
		if (r == WARC_TRUNCATED && dechunked.len == 0) {
			sb_reset(&dechunked);
			if (sb_add(&dechunked, p, n) < 0) {
				sb_release(&dechunked);
				return WARC_CAP;
			}
			rec->problem = "body is not chunked as its header says; kept as stored";
		} else if (r == WARC_TRUNCATED) {
			rec->problem = "chunked body cut short";
		}
	} else if (sb_add(&dechunked, p, n) < 0) {
		sb_release(&dechunked);
		return WARC_CAP;
	}

	r = http_decode_content(out, dechunked.buf, dechunked.len, h->content_encoding);
	if (r == WARC_TRUNCATED && out->len == 0) {
		r = sb_add(out, dechunked.buf, dechunked.len) < 0 ? WARC_CAP : WARC_OK;
		if (r == WARC_OK)
			rec->problem =
			        "body does not decode as its Content-Encoding says; kept as stored";
	} else if (r == WARC_TRUNCATED) {
		rec->problem = "compressed body cut short";
		r = WARC_OK;
	} else if (r == WARC_UNKNOWN) {
		rec->problem = "unknown Content-Encoding; body kept as stored";
		r = WARC_OK;
	}
	sb_release(&dechunked);
	return r;
}

int warc_decode(struct warc_record *rec, int version, const char *hdr, size_t hdr_len,
                const char *block, size_t block_len)
{
	struct warc_span v;
	struct strbuf payload;
	int r;

	rec->version = version;
	rec->problem = NULL;
	rec->http_status = 0;
	sb_reset(&rec->body);
	warc_header_get(hdr, hdr_len, "WARC-Type", &rec->type);
	warc_header_get(hdr, hdr_len, "WARC-Record-ID", &rec->record_id);
	warc_header_get(hdr, hdr_len, "WARC-Date", &rec->date);
	warc_header_get(hdr, hdr_len, "WARC-Target-URI", &v);
	rec->target_uri = strip_angles(v);
	rec->content_type = (struct warc_span){"", 0};

	if (!warc_is_response(rec->type) && !warc_is_resource(rec->type))
		return 0;
	if (!rec->target_uri.len) {
		rec->problem = "no WARC-Target-URI";
		return -1;
	}

	sb_init(&payload, rec->body.cap);
	if (warc_is_resource(rec->type)) {
		warc_header_get(hdr, hdr_len, "Content-Type", &rec->content_type);
		r = sb_add(&payload, block, block_len) < 0 ? WARC_CAP : WARC_OK;
	} else {
		struct http_head h;
		if (http_parse_head(block, block_len, &h) < 0) {
			sb_release(&payload);
			rec->problem = "no HTTP response head in the record";
			return -1;
		}
		rec->http_status = h.status;
		rec->content_type = h.content_type;
		r = decode_payload(rec, &h, block + h.head_len, block_len - h.head_len, &payload);
	}
	if (r == WARC_CAP) {
		sb_release(&payload);
		rec->problem = "decoded body longer than --max-record";
		return -1;
	}
	long bad = warc_body_to_utf8(&rec->body, payload.buf, payload.len, rec->content_type);
	sb_release(&payload);
	if (bad == WARC_CAP) {
		rec->problem = "decoded body longer than --max-record";
		return -1;
	}
	return 1;
}
