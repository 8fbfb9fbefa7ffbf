/*
 * news-cat: concatenate record streams, keeping one header.  Inputs
 * whose columns differ are merged by name: the output has every column
 * seen, in the order first seen, and a record lacking one has it empty;
 * --strict refuses such inputs instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "run_tsv.h"

enum { OPT_STRICT = 's' };

static const struct np_opt opts[] = {
        {"strict", OPT_STRICT, NULL,
         "refuse (exit 1, writing nothing) when an input's columns are not those of the\n"
         "first input, in any order, instead of merging them"},
        {0},
};

static const struct np_prog prog = {
        "news-cat",
        "[OPTION]... [FILE]...",
        "Concatenate record streams (TSV with one header row) into one, with one header.\n"
        "Fields are matched by column name, so inputs may list their columns in any order;\n"
        "inputs with different columns are merged: the output has every column seen, in\n"
        "the order first seen, empty where an input lacks it.  With no FILE, or when FILE\n"
        "is -, read standard input.",
        opts,
        NP_STREAM_OPTS,
};

struct columns {
	char **name;
	size_t n, alloc;
};

static int col_find(const struct columns *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return (int)i;
	return -1;
}

static void col_add(struct columns *c, const char *name)
{
	if (col_find(c, name) >= 0)
		return;
	if (c->n == c->alloc) {
		c->alloc = c->alloc ? c->alloc * 2 : 16;
		c->name = xrealloc(c->name, c->alloc * sizeof *c->name);
	}
	c->name[c->n++] = xstrdup(name);
}

/* "a, b" of the names in `a` that are not in `b`. */
static void list_missing(struct strbuf *out, char **a, size_t na, char **b, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		int found = 0;
		for (size_t j = 0; j < nb && !found; j++)
			found = strcmp(a[i], b[j]) == 0;
		if (!found)
			sb_addf(out, "%s%s", out->len ? ", " : "", a[i]);
	}
}

/* --strict: the same set of names as the first input, or die. */
static void check_same(const struct tsv_reader *first, const struct tsv_reader *r)
{
	struct strbuf missing = STRBUF_INIT, extra = STRBUF_INIT;
	list_missing(&missing, first->cols, first->ncols, r->cols, r->ncols);
	list_missing(&extra, r->cols, r->ncols, first->cols, first->ncols);
	if (missing.len || extra.len)
		np_die(NP_EXIT_DATA,
		       "%s: columns differ from %s's (missing: %s; extra: %s); nothing written "
		       "(--strict)",
		       r->name, first->name, missing.len ? missing.buf : "none",
		       extra.len ? extra.buf : "none");
	sb_release(&missing);
	sb_release(&extra);
}

static void write_header(const struct columns *out)
{
	struct np_str *f = xcalloc(out->n ? out->n : 1, sizeof *f);
	for (size_t i = 0; i < out->n; i++)
		f[i] = (struct np_str){out->name[i], strlen(out->name[i])};
	tsv_write_fields(stdout, f, out->n);
	free(f);
}

/* Copy the records of r, mapped onto the output columns. */
static void copy_records(struct tsv_reader *r, const struct columns *out, struct strbuf *line)
{
	int *map = xcalloc(out->n ? out->n : 1, sizeof *map);
	int lost = 0;
	for (size_t i = 0; i < out->n; i++)
		map[i] = tsv_col(r, out->name[i]);
	for (size_t c = 0; c < r->ncols; c++)
		lost += col_find(out, r->cols[c]) < 0;
	if (lost)
		np_error("%s: its header changed while it was read; %d column%s dropped", r->name,
		         lost, lost == 1 ? "" : "s");
	while (tsv_reader_next(r)) {
		sb_reset(line);
		for (size_t i = 0; i < out->n; i++) {
			if (i)
				sb_addch(line, '\t');
			if (map[i] >= 0) {
				struct np_str f = tsv_field(r, (size_t)map[i]);
				sb_add(line, f.s, f.len);
			}
		}
		sb_addch(line, '\n');
		fwrite(line->buf, 1, line->len, stdout);
	}
	free(map);
}

int main(int argc, char **argv)
{
	const char *arg;
	int c, strict = 0;
	struct columns out = {0};
	struct tsv_reader first = {0}, in_stdin = {0};
	int have_first = 0, stdin_open = 0;

	np_init(&prog, argc, argv);
	while ((c = np_getopt(argc, argv, &arg)) != -1)
		if (c == OPT_STRICT)
			strict = 1;
	char *dash[] = {"-"};
	char **files = np_optind < argc ? argv + np_optind : dash;
	int n = np_optind < argc ? argc - np_optind : 1;

	/* Pass 1: the headers, to know the output's columns before writing. */
	char *readable = xcalloc((size_t)n, 1);
	for (int i = 0; i < n; i++) {
		struct tsv_reader r;
		int is_stdin = strcmp(files[i], "-") == 0;
		if (is_stdin && stdin_open)
			continue;
		if (tsv_reader_open(&r, files[i]) != 0)
			continue;
		readable[i] = 1;
		if (!have_first) {
			first = r;
			have_first = 1;
		} else if (strict) {
			check_same(&first, &r);
		}
		for (size_t k = 0; k < r.ncols; k++)
			col_add(&out, r.cols[k]);
		if (is_stdin) {
			in_stdin = r;
			stdin_open = 1;
		} else if (first.lines.fp != r.lines.fp) {
			tsv_reader_close(&r);
		}
	}
	if (have_first && first.lines.fp != stdin)
		tsv_reader_close(&first);

	if (!np_no_header && out.n)
		write_header(&out);

	/* Pass 2: the records. */
	struct strbuf line = STRBUF_INIT;
	for (int i = 0; i < n; i++) {
		struct tsv_reader r;
		if (strcmp(files[i], "-") == 0) {
			if (!stdin_open)
				continue;
			copy_records(&in_stdin, &out, &line);
			tsv_reader_close(&in_stdin);
			stdin_open = 0;
			continue;
		}
		if (!readable[i] || tsv_reader_open(&r, files[i]) != 0)
			continue;
		copy_records(&r, &out, &line);
		tsv_reader_close(&r);
	}
	sb_release(&line);
	free(readable);
	for (size_t i = 0; i < out.n; i++)
		free(out.name[i]);
	free(out.name);
	return np_exit();
}
