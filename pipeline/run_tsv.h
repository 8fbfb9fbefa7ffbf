/*
 * run_tsv: a plain reader of the record stream for the programs that
 * need every column of inputs whose headers may differ (news-cat merges
 * them, news-sheet --tsv rewrites them all), which the stage library,
 * made for filters, does not offer.  It keeps the library's rules:
 * lines longer than --max-record are reported and skipped, CRLF line
 * ends accepted, NUL, bare CR and invalid UTF-8 repaired and reported,
 * rows of the wrong width reported and skipped; messages are
 * "news-x: FILE:LINE: what", and each marks the run as failed.
 *
 *   struct tsv_reader r;
 *   if (tsv_reader_open(&r, path) == 0) {      // header read
 *       while (tsv_reader_next(&r))
 *           use r.cols[i] with tsv_field(&r, i) (escaped bytes of the line)
 *       tsv_reader_close(&r);
 *   }
 *
 * The reader owns everything it points to; fields stay valid until the
 * next tsv_reader_next().
 */
#ifndef NEWSPIPE_RUN_TSV_H
#define NEWSPIPE_RUN_TSV_H

#include <stdio.h>

#include "stage.h"

struct tsv_reader {
	struct tsv_lines lines; /* the file, its buffer and line count */
	char *name;             /* "stdin" or the path */
	char **cols;            /* column names, unescaped */
	size_t ncols;
	struct strbuf raw; /* the current line, escaped, repaired */
	size_t *fstart, *flen, nf, falloc;
};

/*
 * Open `path` ("-" for stdin) and read its header (or, with --columns,
 * take those names and read no header).  0 ready; -1 could not be opened
 * (reported); 1 empty input, no header (not reported; r is closed).
 */
int tsv_reader_open(struct tsv_reader *r, const char *path);

/* The next good record: 1, or 0 at the end. */
int tsv_reader_next(struct tsv_reader *r);

/* Field i of the current record, escaped as in the stream. */
struct np_str tsv_field(const struct tsv_reader *r, size_t i);

/* The index of column `name`, or -1. */
int tsv_col(const struct tsv_reader *r, const char *name);

void tsv_reader_close(struct tsv_reader *r);

#endif
