/*
 * fetch_warc: append WARC 1.1 records to a .warc.gz file.
 *
 * Each record is its own gzip member (so a reader can seek to any record
 * and the file can be appended to by later runs, as web archives
 * expect).  A run opens the file for appending and writes a `warcinfo`
 * record first; then every HTTP exchange becomes a `request` record and
 * a `response` record (linked by WARC-Concurrent-To), each with
 * WARC-Target-URI, WARC-Date, WARC-IP-Address when known, and a
 * WARC-Block-Digest (sha256, base32).  Blocks are the bytes as they went
 * over the wire: request and response headers as sent and received, and
 * the body still content-encoded (and chunked when it was).  A response
 * cut short (size cap, timeout) carries WARC-Truncated.
 *
 *   struct warc w;
 *   if (warc_open(&w, "crawl.warc.gz", "news-fetch/0.1.0") < 0) ...
 *   warc_exchange(&w, &ex);
 *   warc_close(&w);     // 0, or -1 if a write failed (reported)
 *
 * Write errors are reported once on stderr (through np_error) and make
 * later calls do nothing.
 */
#ifndef NEWSPIPE_FETCH_WARC_H
#define NEWSPIPE_FETCH_WARC_H

#include <stdio.h>
#include <time.h>

struct warc {
	FILE *fp;
	char *path;
	char info_id[48]; /* <urn:uuid:...> of this run's warcinfo record */
	int failed;
};

struct warc_exchange {
	const char *uri;
	const char *ip;       /* may be NULL or "" */
	struct timespec date; /* when the request was sent */
	const char *request;  /* raw request (headers and any body) */
	size_t request_len;
	const char *response; /* raw response, may be empty (no response) */
	size_t response_len;
	const char *truncated; /* NULL, or "length" / "time" / "unspecified" */
};

int warc_open(struct warc *w, const char *path, const char *software);
/* Write the request record and, when there is a response, the response
 * record.  Returns 0 or -1. */
int warc_exchange(struct warc *w, const struct warc_exchange *ex);
int warc_close(struct warc *w);

#endif
