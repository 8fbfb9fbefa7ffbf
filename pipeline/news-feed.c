/*
 * news-feed: one row per entry of the feeds in the body column.
 *
 * The parsing is extractors/feed.c; this file maps columns, reports, and
 * writes.  A feed gives zero or more rows (a stage that creates records
 * by design); a feed that cannot be read gives none and is reported.
 */
#include <string.h>

#include "feed.h"
#include "prog.h"
#include "stage.h"

enum { OPT_MAX_ENTRIES = NP_OPT_LONG, OPT_MAX_FIELD };

static const struct np_opt opts[] = {
        {"max-entries", OPT_MAX_ENTRIES, "N",
         "write at most N entries per feed (default 0: no limit); the rest are reported"},
        {"max-field", OPT_MAX_FIELD, "SIZE",
         "cut a title, summary or other field at SIZE bytes (default 1M); reported"},
        {0},
};

static const struct np_prog prog = {
        "news-feed",
        "[OPTION]... [FILE]...",
        "Read the RSS, Atom, JSON Feed or sitemap in the body column of each record and write one "
        "record per entry: feed_url, url, title, published, updated, guid, author, categories, "
        "summary, feed_format. Other columns are copied to every entry; body is dropped.",
        opts,
        NP_STREAM_OPTS,
};

static const char *const in_cols[] = {"body", NULL};
static const char *const opt_cols[] = {"url", "final_url", "http_status", "fetch_error", NULL};
enum { IN_BODY, IN_URL, IN_FINAL_URL, IN_HTTP_STATUS, IN_FETCH_ERROR };
static const char *const out_cols[] = {"feed_url", "url",         "title",  "published",
                                       "updated",  "guid",        "author", "categories",
                                       "summary",  "feed_format", NULL};
static const char *const drop_cols[] = {"body", NULL};

struct emit_ctx {
	struct np_stage *st;
	const struct np_row *row;
	struct np_str feed_url;
};

static struct np_str str(const char *s)
{
	return (struct np_str){s, strlen(s)};
}

static int write_entry(const struct feed_entry *e, void *arg)
{
	struct emit_ctx *c = arg;
	struct np_str out[] = {
	        c->feed_url,     str(e->url),    str(e->title),  str(e->published),
	        str(e->updated), str(e->guid),   str(e->author), str(e->categories),
	        str(e->summary), str(e->format),
	};

	np_stage_emit(c->st, c->row, out);
	return 0;
}

/* A record without a body: say why, unless there is nothing to say. */
static void no_body(const struct np_row *row, struct np_str feed_url, struct np_str status,
                    struct np_str fetch_error)
{
	if (status.len == 3 && memcmp(status.s, "304", 3) == 0)
		return; /* not modified since the last run: no new entries */
	if (fetch_error.len) {
		/* news-fetch has reported the failure already */
		np_row_warn(row, "%s: no feed to read (fetch_error: %s)", feed_url.s,
		            fetch_error.s);
		return;
	}
	np_row_error(row, "%s: empty body, no feed to read",
	             feed_url.len ? feed_url.s : "(no url)");
}

static void report(const struct np_row *row, struct np_str feed_url, const struct feed_result *r)
{
	const char *where = feed_url.len ? feed_url.s : "feed";

	if (r->status == FEED_FAILED) {
		if (r->line)
			np_row_error(row, "%s: cannot read feed: line %lu: %s", where, r->line,
			             r->message);
		else
			np_row_error(row, "%s: cannot read feed: %s", where, r->message);
		return;
	}
	if (r->status == FEED_RECOVERED)
		np_row_warn(row, "%s: malformed %s feed, line %lu: %s; %zu entr%s recovered", where,
		            r->format[0] ? r->format : "XML", r->line, r->message, r->entries,
		            r->entries == 1 ? "y" : "ies");
	if (r->bad_dates)
		np_row_warn(row, "%s: %zu date%s not understood, left empty (first: \"%s\")", where,
		            r->bad_dates, r->bad_dates == 1 ? "" : "s", r->bad_date);
	if (r->skipped)
		np_row_warn(row, "%s: %zu entr%s past --max-entries not written", where, r->skipped,
		            r->skipped == 1 ? "y" : "ies");
	if (r->cut_fields)
		np_row_warn(row, "%s: %zu field%s cut at --max-field", where, r->cut_fields,
		            r->cut_fields == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
	struct feed_limits lim = {0, 1 << 20};
	struct np_stage st;
	const char *arg;
	int c;

	np_init(&prog, argc, argv);
	while ((c = np_getopt(argc, argv, &arg)) != -1) {
		switch (c) {
		case OPT_MAX_ENTRIES:
			lim.max_entries =
			        (size_t)np_parse_long_opt("max-entries", arg, 0, 1L << 30);
			break;
		case OPT_MAX_FIELD: {
			long long v = np_parse_size(arg);

			if (v < 1 || v > (1LL << 30))
				np_usage_error(
				        "--max-field: expected a size from 1 to 1G, got '%s'", arg);
			lim.max_field = (size_t)v;
			break;
		}
		}
	}
	np_stage_open(&st, argc - np_optind, argv + np_optind, in_cols, opt_cols, out_cols,
	              drop_cols);
	while (np_stage_next(&st)) {
		struct emit_ctx ctx = {&st, np_stage_row(&st), NP_STR_EMPTY};
		struct np_str body = np_stage_in(&st, IN_BODY);
		struct np_str url = np_stage_in(&st, IN_URL);
		struct np_str final_url = np_stage_in(&st, IN_FINAL_URL);
		struct feed_result res;

		/* The address the user listed names the feed; the address it
		 * was finally fetched from is the base for its links. */
		ctx.feed_url = url.len ? url : final_url;
		if (body.len == 0) {
			no_body(ctx.row, ctx.feed_url, np_stage_in(&st, IN_HTTP_STATUS),
			        np_stage_in(&st, IN_FETCH_ERROR));
			continue;
		}
		feed_parse(body.s, body.len, final_url.len ? final_url.s : url.s, &lim, write_entry,
		           &ctx, &res);
		report(ctx.row, ctx.feed_url, &res);
	}
	np_stage_close(&st);
	return np_exit();
}
