/*
 * warc: pure decoding of WARC 1.0/1.1 records and the HTTP responses
 * they hold (ISO 28500; Common Crawl's CC-NEWS files are WARC 1.0 and
 * 1.1, one gzip member per record).
 *
 * No I/O here: pipeline/warc_read.c reads the file, undoes the file's
 * gzip framing and hands each record's header block and content block to
 * warc_decode().  Everything below works on caller-owned buffers and
 * returns spans pointing into them (valid as long as those buffers are),
 * or appends to a caller-owned strbuf whose cap bounds the memory used,
 * so a gzip bomb in a body ends in an error, not an exhausted machine.
 */
#ifndef NEWSPIPE_WARC_H
#define NEWSPIPE_WARC_H

#include <stddef.h>

#include "strbuf.h"

/* A piece of a caller's buffer; not NUL-terminated. */
struct warc_span {
	const char *s;
	size_t len;
};

/*
 * The WARC version of a record's first line ("WARC/1.0", "WARC/1.1",
 * CR/LF already removed or not): 10, 11, or 0 when it is not a WARC
 * version line we read.
 */
int warc_version(const char *line, size_t n);

/*
 * Find header `name` (ASCII case-insensitive) in a block of
 * "Name: value" lines ended by CRLF or LF.  On success *val is the value
 * without surrounding white space (continuation lines, which start with a
 * space or tab, are included as they are) and 1 is returned; 0 if absent.
 * The first occurrence wins.
 */
int warc_header_get(const char *block, size_t n, const char *name, struct warc_span *val);

/* A non-negative decimal number (Content-Length, chunk sizes are hex and
 * parsed elsewhere); -1 if empty, not all digits, or above 2^62. */
long long warc_parse_length(struct warc_span v);

/* 1 when span equals the NUL-terminated `s`, ASCII case-insensitively. */
int warc_span_eq(struct warc_span v, const char *s);

/* The head of an HTTP/1.x response. */
struct http_head {
	int status;                         /* 100..999 */
	size_t head_len;                    /* bytes of status line, headers and blank line */
	struct warc_span content_type;      /* empty when absent */
	struct warc_span transfer_encoding; /* empty when absent */
	struct warc_span content_encoding;  /* empty when absent */
};

/*
 * Parse the status line and headers at the start of buf[0..n).  Returns 0,
 * or -1 when buf does not start with "HTTP/" and a status code, or the
 * blank line ending the headers is missing.  Spans point into buf.
 */
int http_parse_head(const char *buf, size_t n, struct http_head *h);

/* Results of the decoders below. */
enum {
	WARC_OK = 0,
	WARC_TRUNCATED = 1, /* input ended early or was malformed: what could be decoded is kept */
	WARC_UNKNOWN = 2,   /* an encoding we do not know: input copied unchanged */
	WARC_CAP = -1       /* out's cap was hit */
};

/* Undo "Transfer-Encoding: chunked", appending the data to out (chunk
 * extensions and trailers are ignored). */
int http_dechunk(struct strbuf *out, const char *in, size_t n);

/*
 * Undo a Content-Encoding (a comma-separated list is undone last to
 * first): gzip / x-gzip (several members allowed), deflate (zlib-wrapped
 * or, as some servers send it, raw), identity.  Appends to out.
 */
int http_decode_content(struct strbuf *out, const char *in, size_t n, struct warc_span encoding);

/*
 * Append body[0..n) to out as UTF-8: converted from `charset` (the
 * Content-Type's charset parameter, or empty) or, when none is declared,
 * from a <meta charset> in the first 1024 bytes; undeclared text that is
 * not valid UTF-8 is read as windows-1252, as browsers do.  Invalid
 * sequences become U+FFFD and NUL bytes U+FFFD.  Returns the number of
 * replacements made, or WARC_CAP.
 */
long warc_body_to_utf8(struct strbuf *out, const char *body, size_t n,
                       struct warc_span content_type);

/* A response record, decoded. */
struct warc_record {
	int version;                 /* 10 or 11 */
	struct warc_span type;       /* WARC-Type */
	struct warc_span record_id;  /* WARC-Record-ID, e.g. <urn:uuid:...> */
	struct warc_span target_uri; /* WARC-Target-URI, without <> */
	struct warc_span date;       /* WARC-Date */
	int http_status;             /* 0 for a resource record */
	struct warc_span content_type;
	struct strbuf body;  /* decoded, UTF-8; owned by the record */
	const char *problem; /* static text: a decoding problem worth a warning, or NULL */
};

/* Wanted record types. */
int warc_is_response(struct warc_span type);
int warc_is_resource(struct warc_span type);

/*
 * Decode a record from its header block (the lines after the version
 * line, up to the blank line) and content block.  `rec->body` must have
 * been initialised by the caller (its cap bounds the decoded body).
 * Returns 1 for a response or resource record decoded (rec->problem may
 * still name a lesser problem, e.g. a truncated chunked body), 0 for a
 * record of another type (request, metadata, warcinfo, revisit...), -1
 * for a record that cannot be used (rec->problem says why).  Spans point
 * into hdr and block.
 */
int warc_decode(struct warc_record *rec, int version, const char *hdr, size_t hdr_len,
                const char *block, size_t block_len);

#endif
