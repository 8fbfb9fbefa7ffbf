/*
 * news-strip: HTML in the body column to the article's text and metadata.
 *
 * A thin main around extractors/article.h: reads `body` (and the page's
 * address from `final_url` when present, else `url`), writes the article
 * columns, and drops `body` unless --keep-body.  A record whose body is
 * empty (a failed fetch) comes out with empty columns and is_article 0.
 */
#include <string.h>

#include "article.h"
#include "prog.h"
#include "stage.h"

enum { OPT_KEEP_BODY = 'k' };

static const struct np_opt opts[] = {
        {"keep-body", OPT_KEEP_BODY, NULL, "keep the body column in the output"},
        {0},
};

static const struct np_prog prog = {
        "news-strip",
        "[OPTION]... [FILE]...",
        "Extract the article text and metadata (title, dates, author, language, site,\n"
        "canonical URL, description) from the HTML in the body column.",
        opts,
        NP_STREAM_OPTS,
};

static const char *const in_cols[] = {"body", NULL};
static const char *const opt_cols[] = {"url", "final_url", NULL};
static const char *const out_cols[] = {
        "title",         "published",   "modified",   "author", "lang", "site_name",
        "canonical_url", "description", "is_article", "text",   NULL};
static const char *const drop_cols[] = {"body", NULL};

static struct np_str str(const char *s)
{
	return (struct np_str){s, strlen(s)};
}

int main(int argc, char **argv)
{
	const char *arg;
	int c, keep_body = 0;
	np_init(&prog, argc, argv);
	while ((c = np_getopt(argc, argv, &arg)) != -1)
		switch (c) {
		case OPT_KEEP_BODY: keep_body = 1; break;
		}

	struct np_stage st;
	np_stage_open(&st, argc - np_optind, argv + np_optind, in_cols, opt_cols, out_cols,
	              keep_body ? NULL : drop_cols);
	struct article a;
	article_init(&a);
	while (np_stage_next(&st)) {
		struct np_str body = np_stage_in(&st, 0);
		struct np_str url = np_stage_in(&st, 1);
		struct np_str final_url = np_stage_in(&st, 2);
		const char *page_url = final_url.len ? final_url.s : url.s;
		if (article_extract(&a, body.s, body.len, page_url) == 0 && a.repaired)
			np_row_warn(np_stage_row(&st), "%ld invalid UTF-8 sequences replaced",
			            a.repaired);
		struct np_str out[] = {
		        str(a.title),         str(a.published),   str(a.modified),
		        str(a.author),        str(a.lang),        str(a.site_name),
		        str(a.canonical_url), str(a.description), NP_STR("0"),
		        {a.text, a.text_len},
		};
		if (a.is_article)
			out[8] = NP_STR("1");
		np_stage_emit(&st, np_stage_row(&st), out);
	}
	article_release(&a);
	np_stage_close(&st);
	return np_exit();
}
