/*
 * news-sheet: the pipeline's output as a spreadsheet.  An .xlsx with an
 * `articles` sheet (one row per article) and, for pivot tables, the
 * `mentions` and `stances` lists in long form (one row per mention, one
 * per actor-topic stance with its evidence sentence); or, with --tsv, a
 * TSV that spreadsheets open safely.  Text from the web is untrusted: it
 * is only ever written as text, never as a formula.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "prog.h"
#include "run_sheet.h"
#include "run_tsv.h"
#include "utf8.h"

enum { OPT_OUTPUT = 'o', OPT_TSV = NP_OPT_LONG, OPT_LABELS };

static const struct np_opt opts[] = {
        {"output", OPT_OUTPUT, "FILE", "write the workbook to FILE (.xlsx); required unless --tsv"},
        {"tsv", OPT_TSV, NULL,
         "write spreadsheet-ready TSV on standard output instead: every column, a UTF-8\n"
         "byte-order mark, cells that a spreadsheet would take for a formula (starting with\n"
         "= + - @ TAB or CR) prefixed with ', cells holding TAB, LF, CR or \" quoted, and\n"
         "cells cut at 32,767 characters with the marker \"\xe2\x80\xa6[truncated]\""},
        {"labels", OPT_LABELS, "COLS",
         "comma-separated label columns copied to every sheet (default source,region,language;\n"
         "those the input lacks are left out)"},
        {0},
};

static const struct np_prog prog = {
        "news-sheet",
        "[OPTION]... {-o FILE.xlsx | --tsv} [FILE]...",
        "Write the pipeline's records as a spreadsheet: an articles sheet (url as a link,\n"
        "title, published as a date, the label columns, governments, companies, laws, people,\n"
        "organizations, countries, topics, stances, tone), and the mentions and stances in\n"
        "long form, one row each, with the text they point at cut from the text column.\n"
        "Every text cell is written as text, never as a formula.  With no FILE, or when FILE\n"
        "is -, read standard input.",
        opts,
        NP_STREAM_OPTS,
};

/* The article columns, in sheet order, with their widths; LABELS marks
 * where the label columns go. */
#define LABELS "\x01"
static const struct {
	const char *name;
	double width;
} article_cols[] = {
        {"url", 45},           {"title", 60},     {"published", 18}, {LABELS, 14},
        {"governments", 35},   {"companies", 30}, {"laws", 35},      {"people", 30},
        {"organizations", 30}, {"countries", 12}, {"topics", 30},    {"stances", 50},
        {"tone", 8},
};
#define N_ARTICLE_COLS (sizeof article_cols / sizeof article_cols[0])
#define MAX_LABELS     16
#define MAX_COLS       (N_ARTICLE_COLS + MAX_LABELS + 4)

struct sheet {
	lxw_worksheet *ws;
	const char *name;
	lxw_row_t row; /* next row to write */
	lxw_col_t ncols;
	unsigned long links;
	int full;
};

struct ctx {
	lxw_workbook *wb;
	lxw_format *bold, *date, *datetime, *conf;
	struct sheet articles, mentions, stances;
	/* Columns, decided by the first input. */
	const char *cols[MAX_COLS]; /* article sheet columns */
	size_t ncols;
	const char *labels[MAX_LABELS];
	size_t nlabels;
	int label_on[MAX_LABELS]; /* label k is a column of the sheets */
	int have_mentions, have_stances, have_text, warned_text;
	/* Per input: index of each column in the input, or -1. */
	int idx[MAX_COLS], idx_label[MAX_LABELS], idx_text, idx_mentions, idx_stances, idx_title,
	        idx_url, idx_published;
	/* Unescaped values of the current record. */
	struct strbuf val[MAX_COLS], lab[MAX_LABELS], text, mentions_v, stances_v;
	struct strbuf cell;
	struct sheet_cursor cursor; /* in `text`, reset for each record */
	unsigned long cut_cells;
};

static void set_labels(struct ctx *c, const char *list)
{
	const char *p = list;
	c->nlabels = 0;
	while (*p && c->nlabels < MAX_LABELS) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (n)
			c->labels[c->nlabels++] = xmemdup(p, n);
		p += n + (comma ? 1 : 0);
	}
	if (*p)
		np_usage_error("--labels: at most %d columns", MAX_LABELS);
}

/* ------------------------------------------------------------ xlsx cells */

/* A text cell, cut to fit, never a formula. */
static void put_text(struct ctx *c, struct sheet *s, lxw_col_t col, const char *v, size_t n)
{
	int cut;
	size_t keep = sheet_cell_fit(v, n, &cut);
	sb_reset(&c->cell);
	sb_add(&c->cell, v, keep);
	if (cut) {
		sb_addstr(&c->cell, SHEET_CUT_MARKER);
		c->cut_cells++;
	}
	if (c->cell.len)
		worksheet_write_string(s->ws, s->row, col, c->cell.buf, NULL);
}

static void put_url(struct ctx *c, struct sheet *s, lxw_col_t col, const char *v, size_t n)
{
	if (s->links < LXW_MAX_NUMBER_URLS && sheet_is_link(v, n) && !memchr(v, '\0', n) &&
	    worksheet_write_url(s->ws, s->row, col, v, NULL) == LXW_NO_ERROR) {
		s->links++;
		return;
	}
	put_text(c, s, col, v, n);
}

static void put_date(struct ctx *c, struct sheet *s, lxw_col_t col, const char *v, size_t n)
{
	double serial;
	int has_time;
	if (sheet_parse_date(v, n, &serial, &has_time) == 0)
		worksheet_write_number(s->ws, s->row, col, serial,
		                       has_time ? c->datetime : c->date);
	else
		put_text(c, s, col, v, n);
}

/* Start a data row: 0, or -1 when the sheet is full (reported once). */
static int next_row(struct sheet *s)
{
	if (s->row >= LXW_ROW_MAX) {
		if (!s->full)
			np_error("sheet '%s' is full (%d rows); further rows left out", s->name,
			         LXW_ROW_MAX);
		s->full = 1;
		return -1;
	}
	return 0;
}

static void header_cell(struct ctx *c, struct sheet *s, const char *name, double width)
{
	worksheet_write_string(s->ws, 0, s->ncols, name, c->bold);
	worksheet_set_column(s->ws, s->ncols, s->ncols, width, NULL);
	s->ncols++;
}

/* Key columns repeated on the long sheets: url, title, published, labels. */
static void key_headers(struct ctx *c, struct sheet *s)
{
	header_cell(c, s, "url", 45);
	header_cell(c, s, "title", 40);
	header_cell(c, s, "published", 18);
	for (size_t i = 0; i < c->nlabels; i++)
		if (c->label_on[i])
			header_cell(c, s, c->labels[i], 14);
}

static lxw_col_t put_keys(struct ctx *c, struct sheet *s)
{
	lxw_col_t col = 0;
	put_text(c, s, col++, c->val[c->idx_url].buf, c->val[c->idx_url].len);
	put_text(c, s, col++, c->val[c->idx_title].buf, c->val[c->idx_title].len);
	put_date(c, s, col++, c->val[c->idx_published].buf, c->val[c->idx_published].len);
	for (size_t i = 0; i < c->nlabels; i++)
		if (c->label_on[i])
			put_text(c, s, col++, c->lab[i].buf, c->lab[i].len);
	return col;
}

static void finish_sheet(struct sheet *s)
{
	worksheet_freeze_panes(s->ws, 1, 0);
	if (s->ncols)
		worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, s->ncols - 1);
}

/* ------------------------------------------------------------ columns */

/* Decide the sheets' columns from the first input's header. */
static void plan_columns(struct ctx *c, const struct tsv_reader *r)
{
	c->ncols = 0;
	for (size_t i = 0; i < N_ARTICLE_COLS; i++) {
		if (strcmp(article_cols[i].name, LABELS) == 0) {
			for (size_t k = 0; k < c->nlabels; k++)
				c->label_on[k] = tsv_col(r, c->labels[k]) >= 0;
			continue;
		}
		if (tsv_col(r, article_cols[i].name) >= 0 || i < 3)
			c->cols[c->ncols++] = article_cols[i].name;
	}
	c->have_mentions = tsv_col(r, "mentions") >= 0;
	c->have_stances = tsv_col(r, "stances") >= 0;
	c->have_text = tsv_col(r, "text") >= 0;

	struct sheet *a = &c->articles;
	for (size_t i = 0; i < c->ncols; i++) {
		double w = 20;
		for (size_t k = 0; k < N_ARTICLE_COLS; k++)
			if (strcmp(article_cols[k].name, c->cols[i]) == 0)
				w = article_cols[k].width;
		header_cell(c, a, c->cols[i], w);
		if (i == 2) /* labels follow published */
			for (size_t k = 0; k < c->nlabels; k++)
				if (c->label_on[k])
					header_cell(c, a, c->labels[k], 14);
	}
	if (c->have_mentions) {
		c->mentions.ws = workbook_add_worksheet(c->wb, "mentions");
		key_headers(c, &c->mentions);
		header_cell(c, &c->mentions, "type", 10);
		header_cell(c, &c->mentions, "id", 28);
		header_cell(c, &c->mentions, "mention", 30);
		header_cell(c, &c->mentions, "start", 8);
		header_cell(c, &c->mentions, "end", 8);
	}
	if (c->have_stances) {
		c->stances.ws = workbook_add_worksheet(c->wb, "stances");
		key_headers(c, &c->stances);
		header_cell(c, &c->stances, "actor", 25);
		header_cell(c, &c->stances, "topic", 22);
		header_cell(c, &c->stances, "stance", 9);
		header_cell(c, &c->stances, "confidence", 11);
		header_cell(c, &c->stances, "evidence", 80);
		header_cell(c, &c->stances, "start", 8);
		header_cell(c, &c->stances, "end", 8);
	}
}

/* Map this input's columns (each input has its own header). */
static void map_input(struct ctx *c, const struct tsv_reader *r)
{
	for (size_t i = 0; i < c->ncols; i++) {
		c->idx[i] = tsv_col(r, c->cols[i]);
		if (strcmp(c->cols[i], "url") == 0)
			c->idx_url = (int)i;
		else if (strcmp(c->cols[i], "title") == 0)
			c->idx_title = (int)i;
		else if (strcmp(c->cols[i], "published") == 0)
			c->idx_published = (int)i;
	}
	c->idx_text = tsv_col(r, "text");
	c->idx_mentions = tsv_col(r, "mentions");
	c->idx_stances = tsv_col(r, "stances");
	for (size_t k = 0; k < c->nlabels; k++)
		c->idx_label[k] = tsv_col(r, c->labels[k]);
}

static void get(const struct tsv_reader *r, int idx, struct strbuf *out)
{
	sb_reset(out);
	if (idx >= 0) {
		struct np_str f = tsv_field(r, (size_t)idx);
		tsv_unescape(out, f.s, f.len);
	}
}

/* ------------------------------------------------------------ records */

/* Cut [start,end) out of the text; reports offsets that do not fit. */
static void cut_text(struct ctx *c, const struct tsv_reader *r, const char *what,
                     unsigned long start, unsigned long end, const char **s, size_t *n)
{
	size_t b0, b1;
	*s = "";
	*n = 0;
	if (!c->have_text || c->idx_text < 0)
		return;
	if (sheet_cut_at(c->text.buf, c->text.len, &c->cursor, start, end, &b0, &b1) < 0) {
		np_error("%s:%lu: %s: offsets %lu-%lu outside the text (%zu code points)", r->name,
		         r->lines.line, what, start, end, utf8_count(c->text.buf, c->text.len));
		return;
	}
	*s = c->text.buf + b0;
	*n = b1 - b0;
}

/* A malformed item of a list column is reported and left out. */
static void left_out(const struct tsv_reader *r, const char *what, struct sheet_span item)
{
	np_error("%s:%lu: %s: malformed item '%.*s'; left out", r->name, r->lines.line, what,
	         (int)item.len, item.s);
}

/*
 * Start the row of an item whose evidence is [start,end) of the text: the
 * key columns are written and *t, *tn set to the evidence.  Returns 0 and
 * the next column in *col, or -1 when the sheet is full.
 */
static int item_row(struct ctx *c, const struct tsv_reader *r, struct sheet *s, const char *what,
                    unsigned long start, unsigned long end, const char **t, size_t *tn,
                    lxw_col_t *col)
{
	if (next_row(s) < 0)
		return -1;
	cut_text(c, r, what, start, end, t, tn);
	*col = put_keys(c, s);
	return 0;
}

/* End it with the evidence's offsets. */
static void item_row_end(struct sheet *s, lxw_col_t col, unsigned long start, unsigned long end)
{
	worksheet_write_number(s->ws, s->row, col, (double)start, NULL);
	worksheet_write_number(s->ws, s->row, col + 1, (double)end, NULL);
	s->row++;
}

static void write_mentions(struct ctx *c, const struct tsv_reader *r)
{
	struct sheet *s = &c->mentions;
	struct sheet_span item;
	struct sheet_mention m;
	size_t pos = 0;
	while (sheet_next_item(c->mentions_v.buf, c->mentions_v.len, &pos, &item)) {
		const char *t;
		size_t tn;
		lxw_col_t col;
		if (sheet_parse_mention(item, &m) < 0) {
			left_out(r, "mentions", item);
			continue;
		}
		if (item_row(c, r, s, "mentions", m.start, m.end, &t, &tn, &col) < 0)
			return;
		put_text(c, s, col++, m.type.s, m.type.len);
		put_text(c, s, col++, m.id.s, m.id.len);
		put_text(c, s, col++, t, tn);
		item_row_end(s, col, m.start, m.end);
	}
}

static void write_stances(struct ctx *c, const struct tsv_reader *r)
{
	struct sheet *s = &c->stances;
	struct sheet_span item;
	struct sheet_stance st;
	size_t pos = 0;
	while (sheet_next_item(c->stances_v.buf, c->stances_v.len, &pos, &item)) {
		const char *t;
		size_t tn;
		lxw_col_t col;
		if (sheet_parse_stance(item, &st) < 0) {
			left_out(r, "stances", item);
			continue;
		}
		if (item_row(c, r, s, "stances", st.start, st.end, &t, &tn, &col) < 0)
			return;
		put_text(c, s, col++, st.actor.s, st.actor.len);
		put_text(c, s, col++, st.topic.s, st.topic.len);
		put_text(c, s, col++, st.stance.s, st.stance.len);
		worksheet_write_number(s->ws, s->row, col++, st.conf, c->conf);
		put_text(c, s, col++, t, tn);
		item_row_end(s, col, st.start, st.end);
	}
}

static void write_article(struct ctx *c, const struct tsv_reader *r)
{
	struct sheet *a = &c->articles;
	for (size_t i = 0; i < c->ncols; i++)
		get(r, c->idx[i], &c->val[i]);
	for (size_t k = 0; k < c->nlabels; k++)
		get(r, c->idx_label[k], &c->lab[k]);
	get(r, c->idx_text, &c->text);
	c->cursor = (struct sheet_cursor){0, 0};
	get(r, c->idx_mentions, &c->mentions_v);
	get(r, c->idx_stances, &c->stances_v);
	if ((c->mentions_v.len || c->stances_v.len) && c->idx_text < 0 && !c->warned_text) {
		np_warn("%s: no text column: mention and evidence text left empty", r->name);
		c->warned_text = 1;
	}

	if (next_row(a) == 0) {
		lxw_col_t col = 0;
		for (size_t i = 0; i < c->ncols; i++) {
			const char *v = c->val[i].buf;
			size_t n = c->val[i].len;
			if ((int)i == c->idx_url)
				put_url(c, a, col++, v, n);
			else if ((int)i == c->idx_published)
				put_date(c, a, col++, v, n);
			else
				put_text(c, a, col++, v, n);
			if (i == 2)
				for (size_t k = 0; k < c->nlabels; k++)
					if (c->label_on[k])
						put_text(c, a, col++, c->lab[k].buf, c->lab[k].len);
		}
		a->row++;
	}
	if (c->have_mentions)
		write_mentions(c, r);
	if (c->have_stances)
		write_stances(c, r);
}

/* ------------------------------------------------------------ xlsx */

static void open_workbook(struct ctx *c, const char *path)
{
	lxw_workbook_options o = {
	        .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
	c->wb = workbook_new_opt(path, &o);
	if (!c->wb)
		np_die(NP_EXIT_DATA, "%s: cannot create the workbook", path);
	c->bold = workbook_add_format(c->wb);
	format_set_bold(c->bold);
	c->date = workbook_add_format(c->wb);
	format_set_num_format(c->date, "yyyy-mm-dd");
	c->datetime = workbook_add_format(c->wb);
	format_set_num_format(c->datetime, "yyyy-mm-dd hh:mm:ss");
	c->conf = workbook_add_format(c->wb);
	format_set_num_format(c->conf, "0.00");
	c->articles.ws = workbook_add_worksheet(c->wb, "articles");
	c->articles.name = "articles";
	c->mentions.name = "mentions";
	c->stances.name = "stances";
	c->articles.row = c->mentions.row = c->stances.row = 1;
}

static void write_xlsx(struct ctx *c, const char *out, char **files, int n)
{
	/* Write beside the target and rename: no half-written workbook. */
	struct strbuf tmp = STRBUF_INIT;
	sb_addf(&tmp, "%s.%ld.part", out, (long)getpid());
	open_workbook(c, tmp.buf);
	int planned = 0;
	for (int i = 0; i < n; i++) {
		struct tsv_reader r;
		if (tsv_reader_open(&r, files[i]) != 0)
			continue;
		if (!planned) {
			plan_columns(c, &r);
			planned = 1;
		}
		map_input(c, &r);
		while (tsv_reader_next(&r))
			write_article(c, &r);
		tsv_reader_close(&r);
	}
	if (!planned) {
		struct tsv_reader none = {0};
		plan_columns(c, &none);
	}
	finish_sheet(&c->articles);
	if (c->have_mentions)
		finish_sheet(&c->mentions);
	if (c->have_stances)
		finish_sheet(&c->stances);
	if (c->cut_cells)
		np_warn("%lu cell%s longer than %d characters cut, marked with %s", c->cut_cells,
		        c->cut_cells == 1 ? "" : "s", SHEET_CELL_MAX, SHEET_CUT_MARKER);
	lxw_error e = workbook_close(c->wb);
	if (e != LXW_NO_ERROR) {
		unlink(tmp.buf);
		np_die(NP_EXIT_DATA, "%s: %s", out, lxw_strerror(e));
	}
	if (rename(tmp.buf, out) < 0) {
		int err = errno;
		unlink(tmp.buf);
		np_die(NP_EXIT_DATA, "%s: %s", out, strerror(err));
	}
	sb_release(&tmp);
}

/* ------------------------------------------------------------ --tsv */

static void write_tsv(char **files, int n)
{
	struct strbuf line = STRBUF_INIT, v = STRBUF_INIT;
	char **cols = NULL;
	size_t ncols = 0;
	int *map = NULL;
	unsigned long cut = 0;

	fputs("\xEF\xBB\xBF", stdout);
	for (int i = 0; i < n; i++) {
		struct tsv_reader r;
		if (tsv_reader_open(&r, files[i]) != 0)
			continue;
		if (!cols) {
			ncols = r.ncols;
			cols = xcalloc(ncols ? ncols : 1, sizeof *cols);
			map = xcalloc(ncols ? ncols : 1, sizeof *map);
			sb_reset(&line);
			for (size_t k = 0; k < ncols; k++) {
				cols[k] = xstrdup(r.cols[k]);
				if (k)
					sb_addch(&line, '\t');
				sheet_tsv_cell(&line, cols[k], strlen(cols[k]));
			}
			sb_addch(&line, '\n');
			if (!np_no_header)
				fwrite(line.buf, 1, line.len, stdout);
		}
		for (size_t k = 0; k < ncols; k++)
			map[k] = tsv_col(&r, cols[k]);
		for (size_t k = 0; k < r.ncols; k++) {
			size_t j = 0;
			while (j < ncols && strcmp(cols[j], r.cols[k]) != 0)
				j++;
			if (j == ncols)
				np_warn("%s: column '%s' is not in the first input; left out",
				        r.name, r.cols[k]);
		}
		while (tsv_reader_next(&r)) {
			sb_reset(&line);
			for (size_t k = 0; k < ncols; k++) {
				if (k)
					sb_addch(&line, '\t');
				sb_reset(&v);
				if (map[k] >= 0) {
					struct np_str f = tsv_field(&r, (size_t)map[k]);
					tsv_unescape(&v, f.s, f.len);
				}
				cut += sheet_tsv_cell(&line, v.buf, v.len) == 1;
			}
			sb_addch(&line, '\n');
			fwrite(line.buf, 1, line.len, stdout);
		}
		tsv_reader_close(&r);
	}
	if (cut)
		np_warn("%lu cell%s longer than %d characters cut, marked with %s", cut,
		        cut == 1 ? "" : "s", SHEET_CELL_MAX, SHEET_CUT_MARKER);
	for (size_t k = 0; k < ncols; k++)
		free(cols[k]);
	free(cols);
	free(map);
	sb_release(&line);
	sb_release(&v);
}

int main(int argc, char **argv)
{
	const char *arg, *out = NULL;
	int c, tsv = 0;
	static struct ctx ctx;

	np_init(&prog, argc, argv);
	for (size_t i = 0; i < MAX_COLS; i++)
		sb_init(&ctx.val[i], SIZE_MAX / 2);
	for (size_t i = 0; i < MAX_LABELS; i++)
		sb_init(&ctx.lab[i], SIZE_MAX / 2);
	sb_init(&ctx.text, SIZE_MAX / 2);
	sb_init(&ctx.mentions_v, SIZE_MAX / 2);
	sb_init(&ctx.stances_v, SIZE_MAX / 2);
	sb_init(&ctx.cell, SIZE_MAX / 2);
	set_labels(&ctx, "source,region,language");
	while ((c = np_getopt(argc, argv, &arg)) != -1) {
		switch (c) {
		case OPT_OUTPUT: out = arg; break;
		case OPT_TSV: tsv = 1; break;
		case OPT_LABELS:
			for (size_t i = 0; i < ctx.nlabels; i++)
				free((char *)ctx.labels[i]);
			set_labels(&ctx, arg);
			break;
		}
	}
	if (!tsv && !out)
		np_usage_error("-o FILE.xlsx is needed (or --tsv)");
	if (tsv && out)
		np_usage_error("-o and --tsv do not go together");
	char *dash[] = {"-"};
	char **files = np_optind < argc ? argv + np_optind : dash;
	int n = np_optind < argc ? argc - np_optind : 1;

	if (tsv)
		write_tsv(files, n);
	else
		write_xlsx(&ctx, out, files, n);

	for (size_t i = 0; i < MAX_COLS; i++)
		sb_release(&ctx.val[i]);
	for (size_t i = 0; i < MAX_LABELS; i++)
		sb_release(&ctx.lab[i]);
	for (size_t i = 0; i < ctx.nlabels; i++)
		free((char *)ctx.labels[i]);
	sb_release(&ctx.text);
	sb_release(&ctx.mentions_v);
	sb_release(&ctx.stances_v);
	sb_release(&ctx.cell);
	return np_exit();
}
