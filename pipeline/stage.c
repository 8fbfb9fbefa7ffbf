/* stage: the record stream; see stage.h for the contract. */
#include "stage.h"

#include <assert.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"
#include "utf8.h"

struct np_input {
	struct tsv_lines lines; /* the file, its buffer and line count */
	char *name;             /* for messages: the path, or "stdin" */
	char **cols;            /* column names */
	size_t ncols;
	int *req_map;   /* per requested column (in_cols, opt_cols): index here, or -1 */
	int *first_map; /* per column of the first input: index here */
	int url_list;   /* header-less list of URLs */
	int warned_escape;
	struct np_input *next; /* inputs stay alive while held rows point at them */
};

struct np_row {
	const struct np_input *in;
	unsigned long line;
	char *raw; /* escaped record, no line end */
	size_t raw_len;
	size_t nf;
	size_t *fstart, *flen; /* fields of raw */
	size_t nval;
	struct np_str *val; /* decoded requested columns */
	char *dec;          /* storage for val */
	/* Buffers of the stage's current row, reused between records. */
	struct strbuf rawbuf, decbuf;
	size_t falloc;
	int owned; /* 1 for np_row_dup() copies */
};

/* ------------------------------------------------------------ escaping */

int tsv_escape(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '\\' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
			j++;
		if (sb_add(out, s + i, j - i) < 0)
			return -1;
		if (j == n)
			break;
		char esc[2] = {'\\', 0};
		switch (s[j]) {
		case '\\': esc[1] = '\\'; break;
		case '\t': esc[1] = 't'; break;
		case '\n': esc[1] = 'n'; break;
		default: esc[1] = 'r'; break;
		}
		if (sb_add(out, esc, 2) < 0)
			return -1;
		i = j + 1;
	}
	return 0;
}

long tsv_unescape(struct strbuf *out, const char *s, size_t n)
{
	long unknown = 0;
	size_t i = 0;
	while (i < n) {
		const char *bs = memchr(s + i, '\\', n - i);
		size_t j = bs ? (size_t)(bs - s) : n;
		if (sb_add(out, s + i, j - i) < 0)
			return -1;
		if (j == n)
			break;
		char c = j + 1 < n ? s[j + 1] : '\0';
		char v;
		switch (c) {
		case '\\': v = '\\'; break;
		case 't': v = '\t'; break;
		case 'n': v = '\n'; break;
		case 'r': v = '\r'; break;
		default: v = 0; break;
		}
		if (v) {
			if (sb_addch(out, v) < 0)
				return -1;
			i = j + 2;
		} else {
			/* Unknown escape (or a lone trailing backslash): kept as written. */
			if (sb_addch(out, '\\') < 0)
				return -1;
			unknown++;
			i = j + 1;
		}
	}
	return unknown;
}

int tsv_write_fields(FILE *fp, const struct np_str *fields, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addch(&sb, '\t');
		tsv_escape(&sb, fields[i].s, fields[i].len);
	}
	sb_addch(&sb, '\n');
	size_t w = fwrite(sb.buf, 1, sb.len, fp);
	int ok = w == sb.len;
	sb_release(&sb);
	return ok ? 0 : -1;
}

/* ------------------------------------------------------------ messages */

static void row_vmsg(const struct np_row *row, int is_error, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s:%lu: ", row && row->in ? row->in->name : "-", row ? row->line : 0);
	sb_vaddf(&sb, fmt, ap);
	if (is_error)
		np_error("%s", sb.buf);
	else
		np_warn("%s", sb.buf);
	sb_release(&sb);
}

void np_row_error(const struct np_row *row, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	row_vmsg(row, 1, fmt, ap);
	va_end(ap);
}

void np_row_warn(const struct np_row *row, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	row_vmsg(row, 0, fmt, ap);
	va_end(ap);
}

static void input_error(const struct np_input *in, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static void input_error(const struct np_input *in, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	np_error("%s:%lu: %s", in->name, in->lines.line, sb.buf);
	sb_release(&sb);
}

const char *np_row_file(const struct np_row *row)
{
	return row->in ? row->in->name : "-";
}

unsigned long np_row_line(const struct np_row *row)
{
	return row->line;
}

/* ------------------------------------------------------------ reading */

int tsv_lines_read(struct tsv_lines *l, struct strbuf *sb, size_t cap)
{
	int too_long = 0, got = 0;
	sb_reset(sb);
	for (;;) {
		if (l->pos == l->end) {
			if (l->eof)
				break;
			l->pos = 0;
			l->end = 0;
			/* read(2), not fread(3): take what a pipe has now instead
			 * of waiting for a whole chunk from a slow producer. */
			ssize_t n;
			do
				n = read(fileno(l->fp), l->buf, TSV_READ_CHUNK);
			while (n < 0 && errno == EINTR);
			if (n <= 0) {
				l->eof = 1;
				if (n < 0)
					np_error("%s: read error: %s", l->name, strerror(errno));
				break;
			}
			l->end = (size_t)n;
		}
		got = 1;
		char *start = l->buf + l->pos;
		size_t avail = l->end - l->pos;
		char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) : avail;
		if (!too_long && (sb->len + take > cap || sb_add(sb, start, take) < 0)) {
			too_long = 1;
			sb_reset(sb);
		}
		l->pos += take + (nl ? 1 : 0);
		if (nl)
			break;
	}
	if (!got)
		return 0;
	l->line++;
	return too_long ? -1 : 1;
}

static void free_input(struct np_input *in)
{
	if (in->lines.fp && in->lines.fp != stdin)
		fclose(in->lines.fp);
	for (size_t i = 0; i < in->ncols; i++)
		free(in->cols[i]);
	free(in->cols);
	free(in->req_map);
	free(in->first_map);
	free(in->lines.buf);
	free(in->name);
	free(in);
}

static size_t count_list(const char *const *l)
{
	size_t n = 0;
	while (l && l[n])
		n++;
	return n;
}

static int col_index(char **cols, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cols[i], name) == 0)
			return (int)i;
	return -1;
}

static int in_list(const char *const *l, const char *name)
{
	for (; l && *l; l++)
		if (strcmp(*l, name) == 0)
			return 1;
	return 0;
}

/* Split s[0..n) on `sep` into freshly allocated strings. */
static char **split_names(const char *s, size_t n, char sep, size_t *count)
{
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		k += s[i] == sep;
	char **v = xcalloc(k, sizeof *v);
	size_t start = 0, j = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == sep) {
			struct strbuf sb = STRBUF_INIT;
			tsv_unescape(&sb, s + start, i - start);
			v[j++] = sb_detach(&sb, NULL);
			start = i + 1;
		}
	}
	*count = k;
	return v;
}

static int is_url_line(const char *s, size_t n)
{
	return ((n >= 7 && memcmp(s, "http://", 7) == 0) ||
	        (n >= 8 && memcmp(s, "https://", 8) == 0)) &&
	       !memchr(s, '\t', n);
}

/*
 * Read and check the header of `in`.  0 when the input can be read, -1
 * when it is to be skipped (reported).  In URL-list mode the first line
 * is a record: it is left in `pending` for the caller.
 */
static int read_header(struct np_stage *st, struct np_input *in, struct strbuf *pending)
{
	if (np_columns) {
		in->cols = split_names(np_columns, strlen(np_columns), ',', &in->ncols);
	} else {
		int r = tsv_lines_read(&in->lines, pending, np_max_record);
		if (r == 0)
			return -1; /* empty input: nothing to say */
		if (r < 0) {
			input_error(in, "header row longer than --max-record; input skipped");
			return -1;
		}
		if (pending->len && pending->buf[pending->len - 1] == '\r')
			sb_setlen(pending, pending->len - 1);
		if (is_url_line(pending->buf, pending->len)) {
			in->url_list = 1;
			in->cols = xcalloc(1, sizeof *in->cols);
			in->cols[0] = xstrdup("url");
			in->ncols = 1;
		} else {
			in->cols = split_names(pending->buf, pending->len, '\t', &in->ncols);
			sb_reset(pending);
		}
	}
	for (size_t i = 0; i < in->ncols; i++)
		if (col_index(in->cols, i, in->cols[i]) >= 0)
			np_warn("%s:1: column '%s' appears twice; the first is used", in->name,
			        in->cols[i]);

	size_t nreq = st->n_in + st->n_opt;
	in->req_map = xcalloc(nreq ? nreq : 1, sizeof *in->req_map);
	for (size_t i = 0; i < nreq; i++) {
		const char *name = i < st->n_in ? st->in_cols[i] : st->opt_cols[i - st->n_in];
		in->req_map[i] = col_index(in->cols, in->ncols, name);
		if (i < st->n_in && in->req_map[i] < 0) {
			struct strbuf have = STRBUF_INIT;
			for (size_t c = 0; c < in->ncols; c++)
				sb_addf(&have, "%s%s", c ? ", " : "", in->cols[c]);
			np_error("%s: missing column '%s' (columns: %s); input skipped", in->name,
			         name, have.len ? have.buf : "none");
			sb_release(&have);
			return -1;
		}
	}
	return 0;
}

/* Build the output header from the first readable input. */
static void plan_output(struct np_stage *st, const struct np_input *in)
{
	size_t n = in->ncols + st->n_out;
	st->out_header = xcalloc(n, sizeof *st->out_header);
	st->slot_src = xcalloc(n, sizeof *st->slot_src);
	size_t k = 0;
	for (size_t c = 0; c < in->ncols; c++) {
		int o = -1;
		for (size_t j = 0; j < st->n_out; j++)
			if (strcmp(st->out_cols[j], in->cols[c]) == 0)
				o = (int)j;
		if (o < 0 && in_list(st->drop_cols, in->cols[c]))
			continue;
		if (col_index(in->cols, c, in->cols[c]) >= 0)
			continue; /* a duplicate name: keep the first only */
		st->out_header[k] = in->cols[c];
		st->slot_src[k++] = o >= 0 ? -o - 1 : (int)c;
	}
	for (size_t j = 0; j < st->n_out; j++) {
		if (col_index(in->cols, in->ncols, st->out_cols[j]) >= 0)
			continue; /* replaced in place above */
		st->out_header[k] = (char *)st->out_cols[j];
		st->slot_src[k++] = -(int)j - 1;
	}
	st->n_header = k;
}

/* Map the first input's columns onto a later input's, by name. */
static int map_to_first(struct np_stage *st, struct np_input *in, const struct np_input *first)
{
	in->first_map = xcalloc(first->ncols ? first->ncols : 1, sizeof *in->first_map);
	int ok = in->ncols == first->ncols;
	for (size_t c = 0; ok && c < first->ncols; c++) {
		in->first_map[c] = col_index(in->cols, in->ncols, first->cols[c]);
		ok = in->first_map[c] >= 0;
	}
	if (!ok)
		np_error(
		        "%s: columns differ from the first input's; input skipped (use news-cat to "
		        "merge streams with different columns)",
		        in->name);
	(void)st;
	return ok ? 0 : -1;
}

static struct np_input *first_input(const struct np_stage *st)
{
	struct np_input *in = st->input;
	while (in && in->next)
		in = in->next;
	return in;
}

static struct strbuf pending_line = STRBUF_INIT;

/* Open the next input file; 1 when one is ready, 0 when none is left. */
static int open_next(struct np_stage *st)
{
	while (st->file_i < st->n_files || (st->n_files == 0 && st->file_i == 0)) {
		const char *path = st->n_files ? st->files[st->file_i] : "-";
		st->file_i++;
		struct np_input *in = xcalloc(1, sizeof *in);
		if (strcmp(path, "-") == 0) {
			in->lines.fp = stdin;
			in->name = xstrdup("stdin");
		} else {
			in->lines.fp = fopen(path, "r");
			in->name = xstrdup(path);
			if (!in->lines.fp) {
				np_error("%s: %s", path, strerror(errno));
				free_input(in);
				continue;
			}
		}
		in->lines.buf = xmalloc(TSV_READ_CHUNK);
		in->lines.name = in->name;
		struct np_input *first = first_input(st);
		if (read_header(st, in, &pending_line) < 0 ||
		    (first && map_to_first(st, in, first) < 0)) {
			free_input(in);
			continue;
		}
		if (!first)
			plan_output(st, in);
		in->next = st->input; /* newest first */
		st->input = in;
		return 1;
	}
	return 0;
}

void np_stage_open(struct np_stage *st, int n_files, char **files, const char *const *in_cols,
                   const char *const *opt_cols, const char *const *out_cols,
                   const char *const *drop_cols)
{
	memset(st, 0, sizeof *st);
	st->in_cols = in_cols;
	st->opt_cols = opt_cols;
	st->out_cols = out_cols;
	st->drop_cols = drop_cols;
	st->n_in = count_list(in_cols);
	st->n_opt = count_list(opt_cols);
	st->n_out = count_list(out_cols);
	st->files = files;
	st->n_files = n_files;
	st->row = xcalloc(1, sizeof *st->row);
	sb_init(&st->row->rawbuf, np_max_record + 16);
	sb_init(&st->row->decbuf, SIZE_MAX / 2);
	st->row->nval = st->n_in + st->n_opt;
	st->row->val = xcalloc(st->row->nval ? st->row->nval : 1, sizeof *st->row->val);
	sb_init(&st->line, SIZE_MAX / 2);
	open_next(st);
}

static void write_header(struct np_stage *st)
{
	if (st->header_done)
		return;
	st->header_done = 1;
	if (np_no_header)
		return;
	if (!st->out_header) {
		/* No readable input: the columns we know of, so the stream stays typed. */
		size_t n = st->n_in + st->n_opt + st->n_out, k = 0;
		struct np_str *f = xcalloc(n ? n : 1, sizeof *f);
		for (size_t i = 0; i < st->n_in; i++)
			if (!in_list(st->drop_cols, st->in_cols[i]) &&
			    !in_list(st->out_cols, st->in_cols[i]))
				f[k++] = (struct np_str){st->in_cols[i], strlen(st->in_cols[i])};
		for (size_t i = 0; i < st->n_out; i++)
			f[k++] = (struct np_str){st->out_cols[i], strlen(st->out_cols[i])};
		tsv_write_fields(stdout, f, k);
		free(f);
		return;
	}
	struct np_str *f = xcalloc(st->n_header ? st->n_header : 1, sizeof *f);
	for (size_t i = 0; i < st->n_header; i++)
		f[i] = (struct np_str){st->out_header[i], strlen(st->out_header[i])};
	tsv_write_fields(stdout, f, st->n_header);
	free(f);
}

void tsv_line_repair(struct tsv_lines *l, struct strbuf *raw)
{
	if (raw->len && raw->buf[raw->len - 1] == '\r') {
		sb_setlen(raw, raw->len - 1);
		if (!l->warned_crlf) {
			l->warned_crlf = 1;
			np_warn("%s:%lu: CRLF line ends; the CR is dropped", l->name, l->line);
		}
	}
	int has_nul = memchr(raw->buf, '\0', raw->len) != NULL;
	int has_cr = memchr(raw->buf, '\r', raw->len) != NULL;
	if (!has_nul && !has_cr && utf8_valid(raw->buf, raw->len))
		return;
	/* Room for the replacements: each bad byte may grow to three; the
	 * buffer keeps at least the cap it had. */
	struct strbuf fixed;
	size_t room = raw->len * 3 + 16;
	sb_init(&fixed, room > raw->cap ? room : raw->cap);
	long bad = 0;
	size_t i = 0;
	while (i < raw->len) {
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
		np_error("%s:%lu: NUL byte in record; replaced with U+FFFD", l->name, l->line);
	if (has_cr)
		np_error("%s:%lu: unescaped CR in a field; kept as an escaped \\r", l->name,
		         l->line);
	if (bad)
		np_error("%s:%lu: invalid UTF-8 (%ld sequence%s replaced with U+FFFD)", l->name,
		         l->line, bad, bad == 1 ? "" : "s");
	sb_release(raw);
	*raw = fixed;
}

size_t tsv_split(const char *s, size_t n, size_t **start, size_t **len, size_t *alloc)
{
	size_t count = 1;
	for (const char *p = s; (p = memchr(p, '\t', (size_t)(s + n - p))); p++)
		count++;
	if (count > *alloc) {
		*alloc = count * 2;
		*start = xrealloc(*start, *alloc * sizeof **start);
		*len = xrealloc(*len, *alloc * sizeof **len);
	}
	size_t from = 0, k = 0;
	for (;;) {
		const char *tab = memchr(s + from, '\t', n - from);
		size_t to = tab ? (size_t)(tab - s) : n;
		(*start)[k] = from;
		(*len)[k++] = to - from;
		if (!tab)
			break;
		from = to + 1;
	}
	assert(k == count);
	return count;
}

static void decode_values(struct np_stage *st, struct np_row *row, struct np_input *in)
{
	struct strbuf *dec = &row->decbuf;
	sb_reset(dec);
	size_t *off = xcalloc(row->nval ? row->nval : 1, sizeof *off);
	for (size_t i = 0; i < row->nval; i++) {
		int c = in->req_map[i];
		off[i] = dec->len;
		if (c >= 0) {
			long unk = tsv_unescape(dec, row->raw + row->fstart[c], row->flen[c]);
			if (unk > 0 && !in->warned_escape) {
				in->warned_escape = 1;
				np_warn("%s:%lu: unknown backslash escape in column '%s', kept "
				        "literally (warned once per input)",
				        in->name, row->line, in->cols[c]);
			}
		}
		row->val[i].len = dec->len - off[i];
		sb_addch(dec, '\0');
	}
	for (size_t i = 0; i < row->nval; i++)
		row->val[i].s = dec->buf + off[i];
	row->dec = dec->buf;
	free(off);
	(void)st;
}

int np_stage_ready(struct np_stage *st)
{
	struct np_input *in = st->input;
	if (!in || in->lines.eof || pending_line.len)
		return 1;
	if (memchr(in->lines.buf + in->lines.pos, '\n', in->lines.end - in->lines.pos))
		return 1;
	/* No whole line buffered: take what the input has, without waiting. */
	struct pollfd p = {fileno(in->lines.fp), POLLIN, 0};
	if (poll(&p, 1, 0) <= 0)
		return 0;
	memmove(in->lines.buf, in->lines.buf + in->lines.pos, in->lines.end - in->lines.pos);
	in->lines.end -= in->lines.pos;
	in->lines.pos = 0;
	if (in->lines.end == TSV_READ_CHUNK)
		return 1; /* a line longer than the buffer: read_line copes */
	ssize_t n = read(fileno(in->lines.fp), in->lines.buf + in->lines.end,
	                 TSV_READ_CHUNK - in->lines.end);
	if (n <= 0)
		return n == 0 || errno != EINTR; /* end or error: read_line reports */
	in->lines.end += (size_t)n;
	return memchr(in->lines.buf, '\n', in->lines.end) != NULL;
}

int np_stage_next(struct np_stage *st)
{
	struct np_row *row = st->row;
	write_header(st);
	for (;;) {
		struct np_input *in = st->input;
		if (!in)
			return 0;
		int r;
		if (pending_line.len) {
			sb_reset(&row->rawbuf);
			sb_add(&row->rawbuf, pending_line.buf, pending_line.len);
			sb_reset(&pending_line);
			r = 1;
		} else {
			r = tsv_lines_read(&in->lines, &row->rawbuf, np_max_record);
		}
		row->in = in;
		row->line = in->lines.line;
		if (r == 0) {
			if (!open_next(st))
				return 0;
			continue;
		}
		if (r < 0) {
			np_row_error(row, "record longer than %zu bytes (--max-record); skipped",
			             np_max_record);
			continue;
		}
		tsv_line_repair(&in->lines, &row->rawbuf);
		if (in->url_list) {
			sb_trim(&row->rawbuf);
			if (row->rawbuf.len == 0 || row->rawbuf.buf[0] == '#')
				continue;
			/* A URL list line is a value, not an escaped field. */
			struct strbuf esc = STRBUF_INIT;
			tsv_escape(&esc, row->rawbuf.buf, row->rawbuf.len);
			sb_reset(&row->rawbuf);
			sb_add(&row->rawbuf, esc.buf, esc.len);
			sb_release(&esc);
		}
		row->raw = row->rawbuf.buf;
		row->raw_len = row->rawbuf.len;
		if (!in->url_list && row->raw_len == 0 && in->ncols > 1) {
			np_row_error(row, "empty line; skipped");
			continue;
		}
		row->nf = tsv_split(row->raw, row->raw_len, &row->fstart, &row->flen, &row->falloc);
		if (row->nf != in->ncols) {
			np_row_error(row, "%zu field%s, the header has %zu; record skipped",
			             row->nf, row->nf == 1 ? "" : "s", in->ncols);
			continue;
		}
		decode_values(st, row, in);
		st->records_in++;
		return 1;
	}
}

struct np_row *np_stage_row(struct np_stage *st)
{
	return st->row;
}

struct np_str np_row_in(const struct np_row *row, size_t i)
{
	if (i >= row->nval)
		return NP_STR_EMPTY;
	return row->val[i];
}

struct np_str np_stage_in(const struct np_stage *st, size_t i)
{
	return np_row_in(st->row, i);
}

int np_stage_has_opt(const struct np_stage *st, size_t i)
{
	const struct np_input *in = st->row && st->row->in ? st->row->in : st->input;
	return in && i < st->n_opt && in->req_map[st->n_in + i] >= 0;
}

void np_stage_emit(struct np_stage *st, const struct np_row *row, const struct np_str *out)
{
	struct strbuf *line = &st->line;
	sb_reset(line);
	const struct np_input *in = row->in;
	for (size_t k = 0; k < st->n_header; k++) {
		if (k)
			sb_addch(line, '\t');
		int src = st->slot_src[k];
		if (src >= 0) {
			size_t c = in->first_map ? (size_t)in->first_map[src] : (size_t)src;
			sb_add(line, row->raw + row->fstart[c], row->flen[c]);
		} else {
			const struct np_str *v = &out[-src - 1];
			tsv_escape(line, v->s ? v->s : "", v->s ? v->len : 0);
		}
	}
	sb_addch(line, '\n');
	fwrite(line->buf, 1, line->len, stdout);
	st->records_out++;
}

struct np_row *np_row_dup(const struct np_row *row)
{
	struct np_row *d = xcalloc(1, sizeof *d);
	d->in = row->in;
	d->line = row->line;
	d->raw = xmemdup(row->raw, row->raw_len);
	d->raw_len = row->raw_len;
	d->nf = row->nf;
	d->fstart = (size_t *)xmemdup(row->fstart, row->nf * sizeof *row->fstart);
	d->flen = (size_t *)xmemdup(row->flen, row->nf * sizeof *row->flen);
	d->nval = row->nval;
	d->val = xcalloc(row->nval ? row->nval : 1, sizeof *d->val);
	size_t declen = 0;
	for (size_t i = 0; i < row->nval; i++)
		declen += row->val[i].len + 1;
	d->dec = xmalloc(declen ? declen : 1);
	size_t off = 0;
	for (size_t i = 0; i < row->nval; i++) {
		memcpy(d->dec + off, row->val[i].s, row->val[i].len + 1);
		d->val[i].s = d->dec + off;
		d->val[i].len = row->val[i].len;
		off += row->val[i].len + 1;
	}
	d->owned = 1;
	return d;
}

void np_row_free(struct np_row *row)
{
	if (!row)
		return;
	if (row->owned) {
		free(row->raw);
		free(row->dec);
	} else {
		sb_release(&row->rawbuf);
		sb_release(&row->decbuf);
	}
	free(row->fstart);
	free(row->flen);
	free(row->val);
	free(row);
}

void np_stage_close(struct np_stage *st)
{
	write_header(st);
	fflush(stdout);
	np_row_free(st->row);
	st->row = NULL;
	while (st->input) {
		struct np_input *next = st->input->next;
		free_input(st->input);
		st->input = next;
	}
	free(st->out_header); /* names belong to the inputs or the caller */
	free(st->slot_src);
	sb_release(&st->line);
	sb_release(&pending_line);
}
