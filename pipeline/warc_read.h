/*
 * warc_read: read WARC records from a file, plain or gzip-compressed
 * (one member per record, as Common Crawl writes them, or one member for
 * the whole file), in bounded memory.
 *
 *   struct warc_reader r;
 *   struct warc_record rec;
 *   if (warc_reader_open(&r, path, max_record) < 0) ... (errno set)
 *   sb_init(&rec.body, max_record);
 *   while ((n = warc_reader_next(&r, &rec)) != 0) {
 *       if (n < 0) { report r.problem at r.record_offset; continue; }
 *       if (rec.type is wanted) use rec (spans valid until the next call)
 *   }
 *   warc_reader_close(&r);
 *
 * The reader owns its buffers; the record's spans point into them and
 * stay valid until the next warc_reader_next().  rec.body belongs to the
 * caller, who initialises it (its cap bounds the decoded body) and
 * releases it.  At most about four times max_record bytes are held.
 *
 * A bad record (no version line, a missing or wrong Content-Length, a
 * block longer than max_record, a corrupt gzip member) is returned as -1
 * with r.problem set and r.record_offset its position in the file (for
 * a compressed file, the offset of the gzip member it starts in); the
 * reader then finds the next record and goes on.
 */
#ifndef NEWSPIPE_WARC_READ_H
#define NEWSPIPE_WARC_READ_H

#include <stdio.h>
#include <zlib.h>

#include "../extractors/strbuf.h"
#include "../extractors/warc.h"

#define WARC_BUF 65536

struct warc_reader {
	FILE *fp;
	int own_fp;
	int gz; /* input is gzip-compressed */
	z_stream z;
	int z_ready; /* z initialised */
	int in_eof;  /* no more bytes from fp */
	unsigned char in[WARC_BUF];
	unsigned long long in_base; /* file offset of in[0] */
	size_t in_len;
	unsigned char out[WARC_BUF];
	size_t out_pos, out_len;
	unsigned long long out_base;      /* stream offset of out[0] (plain files) */
	unsigned long long out_member;    /* gzip member offset that out[] came from */
	unsigned long long member;        /* offset of the member being inflated */
	int gz_broken;                    /* a gzip error not yet reported */
	int gz_hold;                      /* no bytes until it is */
	int gz_done;                      /* no gzip member left to read */
	unsigned long long broken_member; /* where it happened */
	const char *gz_problem;
	size_t max_record;
	int pending_version; /* a version line found by resync, not yet used */
	unsigned long long pending_offset;
	struct strbuf line, hdr, block;

	/* After warc_reader_next(): */
	unsigned long long record_offset;
	const char *problem;        /* static text */
	unsigned long long skipped; /* bytes skipped to find a record, for messages */
};

/* Open `path` ("-" for stdin).  0, or -1 with errno set. */
int warc_reader_open(struct warc_reader *r, const char *path, size_t max_record);
/* Read from an open stream (not closed by warc_reader_close). */
void warc_reader_init_fp(struct warc_reader *r, FILE *fp, size_t max_record);

/* 1 a record (of any type: see warc_decode's return in rec_kind), 0 at
 * the end, -1 a bad record (r->problem, r->record_offset). */
int warc_reader_next(struct warc_reader *r, struct warc_record *rec, int *rec_kind);

/* 1 if reading the file failed (an I/O error, not bad data). */
int warc_reader_error(const struct warc_reader *r);

void warc_reader_close(struct warc_reader *r);

#endif
