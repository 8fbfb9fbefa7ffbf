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

#define READ_CHUNK (1 << 18)

/* One line into r->raw (without its LF): 1, 0 at the end, -1 too long
 * (consumed and dropped). */
static int read_line(struct tsv_reader *r)
{
	int too_long = 0, got = 0;
	sb_reset(&r->raw);
	for (;;) {
		if (r->pos == r->end) {
			if (r->eof)
				break;
			r->pos = 0;
			r->end = fread(r->buf, 1, READ_CHUNK, r->fp);
			if (r->end == 0) {
				r->eof = 1;
				if (ferror(r->fp))
					np_error("%s: read error: %s", r->name, strerror(errno));
				break;
			}
		}
		got = 1;
		char *start = r->buf + r->pos;
		size_t avail = r->end - r->pos;
		char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) : avail;
		if (!too_long && sb_add(&r->raw, start, take) < 0) {
			too_long = 1;
			sb_reset(&r->raw);
		}
		r->pos += take + (nl ? 1 : 0);
		if (nl)
			break;
	}
	if (!got)
		return 0;
	r->line++;
	return too_long ? -1 : 1;
}

/* Repair what the stream does not allow, reporting it. */
static void clean_line(struct tsv_reader *r)
{
	struct strbuf *raw = &r->raw;
	if (raw->len && raw->buf[raw->len - 1] == '\r') {
		sb_setlen(raw, raw->len - 1);
		if (!r->warned_crlf) {
			r->warned_crlf = 1;
			np_warn("%s:%lu: CRLF line ends; the CR is dropped", r->name, r->line);
		}
	}
	int has_nul = memchr(raw->buf, '\0', raw->len) != NULL;
	int has_cr = memchr(raw->buf, '\r', raw->len) != NULL;
	if (!has_nul && !has_cr && utf8_valid(raw->buf, raw->len))
		return;
	struct strbuf fixed;
	sb_init(&fixed, raw->cap + raw->cap / 2);
	long bad = 0;
	for (size_t i = 0; i < raw->len;) {
		size_t j = i;
		while (j < raw->len && raw->buf[j] != '\0' && raw->buf[j] != '\r')
			j++;
		long b = utf8_repair(&fixed, raw->buf + i, j - i);
		bad += b > 0 ? b : 0;
		if (j < raw->len)
			sb_addstr(&fixed, raw->buf[j] == '\r' ? "\\r" : "\xEF\xBF\xBD");
		i = j + 1;
	}
	if (has_nul)
		np_error("%s:%lu: NUL byte in record; replaced with U+FFFD", r->name, r->line);
	if (has_cr)
		np_error("%s:%lu: unescaped CR in a field; kept as an escaped \\r", r->name,
		         r->line);
	if (bad)
		np_error("%s:%lu: invalid UTF-8 (%ld sequence%s replaced with U+FFFD)", r->name,
		         r->line, bad, bad == 1 ? "" : "s");
	sb_release(raw);
	*raw = fixed;
}

static void split_fields(struct tsv_reader *r)
{
	size_t n = 1;
	const char *s = r->raw.buf, *end = s + r->raw.len;
	for (const char *p = s; (p = memchr(p, '\t', (size_t)(end - p))); p++)
		n++;
	if (n > r->falloc) {
		r->falloc = n * 2;
		r->fstart = xrealloc(r->fstart, r->falloc * sizeof *r->fstart);
		r->flen = xrealloc(r->flen, r->falloc * sizeof *r->flen);
	}
	size_t start = 0, k = 0;
	for (size_t i = 0; i <= r->raw.len; i++) {
		if (i == r->raw.len || s[i] == '\t') {
			r->fstart[k] = start;
			r->flen[k++] = i - start;
			start = i + 1;
		}
	}
	r->nf = n;
}

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
		r->fp = stdin;
		r->name = xstrdup("stdin");
	} else {
		r->fp = fopen(path, "r");
		r->name = xstrdup(path);
		if (!r->fp) {
			np_error("%s: %s", path, strerror(errno));
			free(r->name);
			r->name = NULL;
			return -1;
		}
	}
	r->buf = xmalloc(READ_CHUNK);
	sb_init(&r->raw, np_max_record);
	if (np_columns) {
		set_columns(r, np_columns, strlen(np_columns), ',');
		return 0;
	}
	int got = read_line(r);
	if (got == 0) {
		tsv_reader_close(r);
		return 1;
	}
	if (got < 0) {
		np_error("%s: header row longer than --max-record; input skipped", r->name);
		tsv_reader_close(r);
		return -1;
	}
	clean_line(r);
	set_columns(r, r->raw.buf, r->raw.len, '\t');
	return 0;
}

int tsv_reader_next(struct tsv_reader *r)
{
	for (;;) {
		int got = read_line(r);
		if (got == 0)
			return 0;
		if (got < 0) {
			np_error("%s:%lu: record longer than %zu bytes (--max-record); skipped",
			         r->name, r->line, np_max_record);
			continue;
		}
		clean_line(r);
		if (r->raw.len == 0 && r->ncols > 1) {
			np_error("%s:%lu: empty line; skipped", r->name, r->line);
			continue;
		}
		split_fields(r);
		if (r->nf != r->ncols) {
			np_error("%s:%lu: %zu field%s, the header has %zu; record skipped", r->name,
			         r->line, r->nf, r->nf == 1 ? "" : "s", r->ncols);
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
	if (r->fp && r->fp != stdin)
		fclose(r->fp);
	r->fp = NULL;
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	r->cols = NULL;
	r->ncols = 0;
	free(r->buf);
	r->buf = NULL;
	free(r->name);
	r->name = NULL;
	free(r->fstart);
	free(r->flen);
	r->fstart = r->flen = NULL;
	r->falloc = 0;
	sb_release(&r->raw);
}
