/*
 * run_sheet: the pure parts of news-sheet (the ops area's helpers are
 * named run_*): reading the pipeline's list columns into long form,
 * cutting evidence out of `text` by code-point offsets, dates for
 * spreadsheet cells, and cells made safe for spreadsheets.
 *
 * Nothing here allocates except into caller-owned strbufs; parsed items
 * point into the caller's string.
 */
#ifndef NEWSPIPE_RUN_SHEET_H
#define NEWSPIPE_RUN_SHEET_H

#include <stddef.h>

#include "../extractors/strbuf.h"

/* Excel's limit on the characters (UTF-16 code units) in one cell. */
#define SHEET_CELL_MAX 32767
/* Appended to a cell cut at SHEET_CELL_MAX (counted within the limit). */
#define SHEET_CUT_MARKER "\xe2\x80\xa6[truncated]"

struct sheet_span {
	const char *s;
	size_t len;
};

/* One item of `mentions`: TYPE:ID:START-END. */
struct sheet_mention {
	struct sheet_span type, id;
	unsigned long start, end; /* code points, end exclusive */
};

/* One item of `stances`: ACTOR:TOPIC:STANCE:START-END:CONF. */
struct sheet_stance {
	struct sheet_span actor, topic, stance;
	unsigned long start, end;
	double conf;
	struct sheet_span conf_text; /* as written, e.g. "0.80" */
};

/*
 * Split a ';'-separated list: each call sets *item to the next non-empty
 * item of s[*pos..n) and advances *pos; 0 when there are no more.
 */
int sheet_next_item(const char *s, size_t n, size_t *pos, struct sheet_span *item);

/* Parse one item; 0, or -1 when it is malformed (the caller reports it). */
int sheet_parse_mention(struct sheet_span item, struct sheet_mention *m);
int sheet_parse_stance(struct sheet_span item, struct sheet_stance *st);

/*
 * Byte range of code points [start, end) of the UTF-8 text s[0..n):
 * 0 and *b_start, *b_end set; -1 when the range is empty, reversed or
 * past the end of the text.
 */
int sheet_cut(const char *s, size_t n, unsigned long start, unsigned long end, size_t *b_start,
              size_t *b_end);

/* Where the last cut began, so that cuts in order of offset (as mentions
 * are listed) walk the text once.  Zero it for each new text. */
struct sheet_cursor {
	unsigned long cp;
	size_t byte;
};

/* sheet_cut, starting from the cursor when the range lies after it, and
 * moving it to the range's start. */
int sheet_cut_at(const char *s, size_t n, struct sheet_cursor *cur, unsigned long start,
                 unsigned long end, size_t *b_start, size_t *b_end);

/*
 * An ISO 8601 date or date-time ("2024-03-01", "2024-03-01T10:20:30Z",
 * "2024-03-01 10:20:30+01:00", fractions of a second allowed) as a
 * spreadsheet serial number (days since 1899-12-30, UTC).  *has_time is 1
 * when a time of day was given.  0, or -1 when s is not such a date (or
 * is before 1900-03-01, where spreadsheets disagree about dates).
 */
int sheet_parse_date(const char *s, size_t n, double *serial, int *has_time);

/*
 * Cut s[0..n) so that it fits a cell: at most SHEET_CELL_MAX UTF-16 code
 * units, cut on a character boundary, SHEET_CUT_MARKER appended.
 * Returns the number of bytes of s to keep (n when it fits) and sets
 * *cut.
 */
size_t sheet_cell_fit(const char *s, size_t n, int *cut);

/*
 * Append s[0..n) to out as one cell of spreadsheet-ready TSV: cut to fit
 * (sheet_cell_fit, with the marker), prefixed with "'" when it starts with
 * = + - @ TAB or CR (so no spreadsheet reads it as a formula), and quoted
 * ("...", with "" for ") when it holds a TAB, LF, CR or '"'.  Returns 1
 * if the cell was cut, 0 if not, -1 when out's cap was hit.
 */
int sheet_tsv_cell(struct strbuf *out, const char *s, size_t n);

/* 1 when a cell of this text would be read as a formula by a
 * spreadsheet that is given it as typed text. */
int sheet_is_formula_like(const char *s, size_t n);

/* 1 when s is an absolute http(s) URL short enough (2079 characters,
 * Excel's limit) to be written as a hyperlink. */
int sheet_is_link(const char *s, size_t n);

#endif
