/*
 * run_tsv: a plain record-stream reader for news-cat and news-sheet
 * (see run_tsv.h).
 */
#include "run_tsv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "utf8.h"

/* Column names from a header line (unescaped) or from --columns. */
static void set_columns(struct tsv_reader *r, const char *s, size_t n, char sep)
{
	size_t count = 1;
	for (size_t i = 0; i < n; i++)
		count += s[i] == sep;
	r->cols = xcalloc(count, sizeof *r->cols);
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != sep)
			continue;
		struct strbuf name = STRBUF_INIT;
		if (sep == '\t')
			tsv_unescape(&name, s + start, i - start);
		else
			sb_add(&name, s + start, i - start);
		r->cols[r->ncols++] = sb_detach(&name, NULL);
		start = i + 1;
	}
	for (size_t i = 0; i < r->ncols; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->cols[i], r->cols[j]) == 0) {
				np_warn("%s:1: column '%s' appears twice; the first is used",
				        r->name, r->cols[i]);
				break;
			}
}

int tsv_reader_open(struct tsv_reader *r, const char *path)
{
	memset(r, 0, sizeof *r);
	if (strcmp(path, "-") == 0) {
		r->lines.fp = stdin;
		r->name = xstrdup("stdin");
	} else {
		r->lines.fp = fopen(path, "r");
		r->name = xstrdup(path);
		if (!r->lines.fp) {
			np_error("%s: %s", path, strerror(errno));
			free(r->name);
			r->name = NULL;
			return -1;
		}
	}
	r->lines.buf = xmalloc(TSV_READ_CHUNK);
	r->lines.name = r->name;
	sb_init(&r->raw, np_max_record);
	if (np_columns) {
		set_columns(r, np_columns, strlen(np_columns), ',');
		return 0;
	}
	int got = tsv_lines_read(&r->lines, &r->raw, np_max_record);
	if (got == 0) {
		tsv_reader_close(r);
		return 1;
	}
	if (got < 0) {
		np_error("%s: header row longer than --max-record; input skipped", r->name);
		tsv_reader_close(r);
		return -1;
	}
	tsv_line_repair(&r->lines, &r->raw);
	set_columns(r, r->raw.buf, r->raw.len, '\t');
	return 0;
}

int tsv_reader_next(struct tsv_reader *r)
{
	for (;;) {
		int got = tsv_lines_read(&r->lines, &r->raw, np_max_record);
		if (got == 0)
			return 0;
		if (got < 0) {
			np_error("%s:%lu: record longer than %zu bytes (--max-record); skipped",
			         r->name, r->lines.line, np_max_record);
			continue;
		}
		tsv_line_repair(&r->lines, &r->raw);
		if (r->raw.len == 0 && r->ncols > 1) {
			np_error("%s:%lu: empty line; skipped", r->name, r->lines.line);
			continue;
		}
		r->nf = tsv_split(r->raw.buf, r->raw.len, &r->fstart, &r->flen, &r->falloc);
		if (r->nf != r->ncols) {
			np_error("%s:%lu: %zu field%s, the header has %zu; record skipped", r->name,
			         r->lines.line, r->nf, r->nf == 1 ? "" : "s", r->ncols);
			continue;
		}
		return 1;
	}
}

struct np_str tsv_field(const struct tsv_reader *r, size_t i)
{
	if (i >= r->nf)
		return NP_STR_EMPTY;
	return (struct np_str){r->raw.buf + r->fstart[i], r->flen[i]};
}

int tsv_col(const struct tsv_reader *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

void tsv_reader_close(struct tsv_reader *r)
{
	if (r->lines.fp && r->lines.fp != stdin)
		fclose(r->lines.fp);
	r->lines.fp = NULL;
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	r->cols = NULL;
	r->ncols = 0;
	free(r->lines.buf);
	r->lines.buf = NULL;
	free(r->name);
	r->name = NULL;
	free(r->fstart);
	free(r->flen);
	r->fstart = r->flen = NULL;
	r->falloc = 0;
	sb_release(&r->raw);
}
