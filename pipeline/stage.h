/*
 * stage: the record stream every newspipe filter reads and writes.
 *
 * The format (README "The record stream"): UTF-8 text, LF line ends, one
 * header row of column names, then one record a line, fields separated by
 * TAB.  Inside a field exactly four bytes are escaped: backslash as "\\",
 * TAB as "\t", LF as "\n", CR as "\r".  Any other backslash sequence is
 * kept literally (and warned about once per input).
 *
 * A stage declares the columns it reads and writes:
 *
 *   static const char *const in_cols[]  = {"body", NULL};      // required
 *   static const char *const opt_cols[] = {"url", NULL};       // optional
 *   static const char *const out_cols[] = {"title", "text", NULL};
 *   static const char *const drop[]     = {"body", NULL};      // may be NULL
 *   struct np_stage st;
 *   np_stage_open(&st, argc - np_optind, argv + np_optind,
 *                 in_cols, opt_cols, out_cols, drop);
 *   while (np_stage_next(&st)) {
 *       struct np_str body = np_stage_in(&st, 0);       // index in in_cols,
 *       struct np_str url  = np_stage_in(&st, 1);       // then opt_cols
 *       struct np_str out[2] = {{title, tlen}, {text, xlen}};
 *       np_stage_emit(&st, np_stage_row(&st), out);
 *   }
 *   np_stage_close(&st);
 *   return np_exit();
 *
 * Output columns: the input's columns in order, minus `drop`, with every
 * output column that already exists replaced in place (so running a stage
 * twice is idempotent), then the output columns that are new, in the
 * order given.  Columns the stage does not name pass through byte for byte.
 *
 * Inputs: the files named (or stdin when none, or "-").  Each file has its
 * own header; a later file's header must name the same columns (in any
 * order: fields are mapped by name), else that file is reported and
 * skipped.  A file whose first line starts with "http://" or "https://"
 * and has no TAB is a header-less list of URLs, one a line, read as a
 * single column "url" (blank lines and lines starting with '#' skipped).
 * With --columns a,b,c the input has no header and these are its names.
 *
 * Bad records never stop the stream.  The library reports each on stderr
 * as "news-x: FILE:LINE: what" and sets np_status (exit 1 at the end):
 *  - a row with the wrong number of fields, or longer than --max-record
 *    (default 64 MiB): reported and skipped (it cannot be read safely);
 *  - invalid UTF-8 in a field the stage reads: repaired (U+FFFD for each
 *    bad sequence), reported, kept;
 *  - a NUL byte: replaced by U+FFFD, reported, kept;
 *  - a CR not escaped: a CRLF line end is accepted (warned once per file),
 *    a CR inside a field is kept as part of the value, reported;
 *  - a missing required column: the whole input is reported (naming the
 *    column and the columns present) and skipped.
 * Passed-through columns are copied as they are: only the columns a stage
 * reads are decoded, so a stage is fast on wide records.
 *
 * Ownership: np_str values returned by np_stage_in() and np_row_in() point
 * into the row and stay valid until the next np_stage_next() (for the
 * current row) or np_row_free() (for a held copy).  They are
 * NUL-terminated; `len` may count embedded NULs only if the input
 * had escaped ones, which the format does not allow, so in practice never.
 */
#ifndef NEWSPIPE_STAGE_H
#define NEWSPIPE_STAGE_H

#include <stdio.h>

#include "../extractors/strbuf.h"

struct np_str {
	const char *s;
	size_t len;
};

#define NP_STR(lit)  ((struct np_str){(lit), sizeof(lit) - 1})
#define NP_STR_EMPTY ((struct np_str){"", 0})

/* One input record.  Opaque: use the functions below. */
struct np_row;

/* Input reader state for one file (internal; see stage.c). */
struct np_input;

struct np_stage {
	/* Set by np_stage_open(), read-only for callers. */
	const char *const *in_cols;
	const char *const *opt_cols;
	const char *const *out_cols;
	const char *const *drop_cols;
	size_t n_in, n_opt, n_out;

	/* Internal. */
	char **files;
	int n_files, file_i;
	struct np_input *input;
	struct np_row *row;
	char **out_header; /* output column names (first file decides) */
	size_t n_header;
	int *slot_src; /* per output column: >= 0 input column, < 0 -(out idx)-1 */
	int header_done;
	unsigned long records_in, records_out;
	struct strbuf line; /* scratch for writing */
};

/*
 * Open the inputs and read the first header.  Does not fail: problems
 * are reported and leave an empty stream.  Writes the output header on
 * the first np_stage_next() (or np_stage_close() if there was no record),
 * so that an empty input still gives a header.
 */
void np_stage_open(struct np_stage *st, int n_files, char **files, const char *const *in_cols,
                   const char *const *opt_cols, const char *const *out_cols,
                   const char *const *drop_cols);

/* Advance to the next good record: 1, or 0 at the end of all inputs. */
int np_stage_next(struct np_stage *st);

/*
 * 1 when np_stage_next() will not wait for input: a whole line is
 * buffered, or the input is at its end (or a file, which never waits).
 * 0 when the next line has not fully arrived on a pipe yet: a program
 * with other work (a fetcher tending transfers) polls stdin and asks
 * again.  Reads what is already available, never blocks.
 */
int np_stage_ready(struct np_stage *st);

/* The current record (valid until the next np_stage_next()). */
struct np_row *np_stage_row(struct np_stage *st);

/* Field `i` of the current record: i < n_in for in_cols, then opt_cols.
 * An optional column the input lacks reads as empty. */
struct np_str np_stage_in(const struct np_stage *st, size_t i);

/* 1 if optional column `i` (counted from 0 within opt_cols) exists. */
int np_stage_has_opt(const struct np_stage *st, size_t i);

/*
 * Write one output record: the pass-through fields of `row` with
 * `out[0..n_out)` (unescaped values; escaped here) in the output columns.
 * May be called several times per row (a feed gives many entries) or for
 * a held row later on (a fetcher answers out of order).
 */
void np_stage_emit(struct np_stage *st, const struct np_row *row, const struct np_str *out);

/* Report a problem with `row` as "news-x: FILE:LINE: ..." and set
 * np_status. */
void np_row_error(const struct np_row *row, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* The same, without setting np_status (a notice, not a data error). */
void np_row_warn(const struct np_row *row, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Where the row came from, for messages. */
const char *np_row_file(const struct np_row *row);
unsigned long np_row_line(const struct np_row *row);

/* Field i (as np_stage_in) of a row. */
struct np_str np_row_in(const struct np_row *row, size_t i);

/* A copy of `row` that outlives np_stage_next(); free with np_row_free. */
struct np_row *np_row_dup(const struct np_row *row);
void np_row_free(struct np_row *row);

/* Flush output, write the header if nothing was written, free all. */
void np_stage_close(struct np_stage *st);

/*
 * Line reading, shared by the stage and by the programs that read every
 * column of streams whose headers may differ (news-cat, news-sheet).
 * The caller owns `fp`, `name` and `buf` (READ_CHUNK bytes); the rest
 * starts at zero.  tsv_lines_read() puts the next line (without its LF)
 * in sb: 1, or 0 at the end, or -1 for a line longer than `cap` (consumed
 * and dropped, so memory stays bounded).  tsv_line_repair() makes a line
 * fit the stream (CRLF end dropped, warned once; NUL, bare CR and invalid
 * UTF-8 replaced and reported as "name:line: ...", marking the run failed).
 * tsv_split() finds the fields of a line: their count, with start and
 * length in the arrays it grows as needed.
 */
#define TSV_READ_CHUNK (1 << 18)
struct tsv_lines {
	FILE *fp;
	const char *name;
	char *buf;
	size_t pos, end;
	int eof;
	unsigned long line; /* number of the line last read */
	int warned_crlf;
};
int tsv_lines_read(struct tsv_lines *l, struct strbuf *sb, size_t cap);
void tsv_line_repair(struct tsv_lines *l, struct strbuf *raw);
size_t tsv_split(const char *s, size_t n, size_t **start, size_t **len, size_t *alloc);

/*
 * Low-level escaping, for programs that write TSV of their own.
 * tsv_escape appends the escaped form of s[0..n) to out; tsv_unescape
 * appends the decoded form and returns the number of unknown escapes
 * (kept literally).  Both return -1 if out's cap was hit.
 */
int tsv_escape(struct strbuf *out, const char *s, size_t n);
long tsv_unescape(struct strbuf *out, const char *s, size_t n);

/* Write a header/record line of `n` unescaped fields to fp. */
int tsv_write_fields(FILE *fp, const struct np_str *fields, size_t n);

#endif
