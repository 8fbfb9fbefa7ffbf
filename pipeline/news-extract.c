/*
 * news-extract: find governments, companies, laws, people and
 * organisations in the text column (see man/news-extract.1.in).
 */
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "gazetteer.h"
#include "gazload.h"
#include "prog.h"
#include "stage.h"

enum {
	OPT_PATTERNS = NP_OPT_LONG,
	OPT_WORDS,
	OPT_NO_RULES,
};

static const struct np_opt opts[] = {
        {"gazetteer", 'g', "PATH",
         "read the gazetteer from PATH, a directory (its *.tsv files) or a file,\n"
         "instead of data/ and countries.tsv; may be repeated"},
        {"patterns", OPT_PATTERNS, "FILE", "read the rules from FILE, not config/patterns.tsv"},
        {"words", OPT_WORDS, "FILE", "read the word lists from FILE, not config/entity-words.tsv"},
        {"no-rules", OPT_NO_RULES, NULL, "use the gazetteer only: no pattern rules"},
        {0},
};

static const struct np_prog prog = {
        "news-extract",
        "[OPTION]... [FILE]...",
        "Find the governments, companies, laws, people and organisations named in the text\n"
        "column (title, when present, helps decide the article's country) and write their\n"
        "mentions with code-point offsets and the summary columns.",
        opts,
        NP_STREAM_OPTS,
};

static const char *const in_cols[] = {"text", NULL};
static const char *const opt_cols[] = {"title", NULL};

int main(int argc, char **argv)
{
	const char *arg;
	const char *paths[64];
	size_t n_paths = 0;
	const char *patterns = NULL, *words = NULL;
	int rules = 1;
	int c;

	np_init(&prog, argc, argv);
	while ((c = np_getopt(argc, argv, &arg)) != -1) {
		switch (c) {
		case 'g':
			if (n_paths == sizeof(paths) / sizeof(*paths))
				np_usage_error("too many --gazetteer options");
			paths[n_paths++] = arg;
			break;
		case OPT_PATTERNS: patterns = arg; break;
		case OPT_WORDS: words = arg; break;
		case OPT_NO_RULES: rules = 0; break;
		default: np_usage_error("unknown option");
		}
	}

	struct gazetteer gz;
	gz_init(&gz);
	int files = 0;
	if (n_paths) {
		for (size_t i = 0; i < n_paths; i++) {
			int n = gazload_path(&gz, paths[i]);
			if (n < 0)
				np_die(NP_EXIT_USAGE, "cannot read the gazetteer '%s'", paths[i]);
			files += n;
		}
	} else {
		files = gazload_default(&gz);
	}
	if (files == 0 || gz.n_ents == 0)
		np_warn("no gazetteer entities loaded: only rules will find names");

	struct ent_extractor x;
	ent_init(&x, &gz);
	if (gazload_words(&x, words) < 0 && words)
		np_die(NP_EXIT_USAGE, "cannot read the word lists '%s'", words);
	if (rules && gazload_patterns(&x, patterns) < 0 && patterns)
		np_die(NP_EXIT_USAGE, "cannot read the patterns '%s'", patterns);

	struct np_stage st;
	np_stage_open(&st, argc - np_optind, argv + np_optind, in_cols, opt_cols, ent_columns,
	              NULL);
	struct ent_result r;
	ent_result_init(&r);
	struct strbuf out[ENT_NCOLS];
	struct np_str vals[ENT_NCOLS];
	for (int k = 0; k < ENT_NCOLS; k++)
		out[k] = (struct strbuf)STRBUF_INIT;
	while (np_stage_next(&st)) {
		struct np_str text = np_stage_in(&st, 0);
		struct np_str title = np_stage_in(&st, 1);
		if (ent_extract(&x, &r, text.s, text.len, title.s, title.len) < 0) {
			np_row_error(np_stage_row(&st),
			             "text too long to index; no entities written");
			r.n = 0;
		}
		ent_format(&x, &r, out);
		for (int k = 0; k < ENT_NCOLS; k++)
			vals[k] = (struct np_str){out[k].buf, out[k].len};
		np_stage_emit(&st, np_stage_row(&st), vals);
	}
	np_stage_close(&st);
	for (int k = 0; k < ENT_NCOLS; k++)
		sb_release(&out[k]);
	ent_result_release(&r);
	ent_release(&x);
	gz_release(&gz);
	return np_exit();
}
