/*
 * news-stance: tag each actor's stance on the tech-policy topics an
 * article discusses.  Reads `text` and `mentions`, writes `topics`,
 * `stances` and `tone` (see man/news-stance.1.in, README.md, "news-stance").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "stage.h"
#include "stance.h"
#include "strbuf.h"
#include "topics.h"

enum { OPT_TOPICS = NP_OPT_LONG, OPT_CUES, OPT_TONE, OPT_MIN_CONF, OPT_LANG };

static const struct np_opt opts[] = {
        {"topics", OPT_TOPICS, "FILE", "read topics from FILE (default config/topics.tsv)"},
        {"cues", OPT_CUES, "FILE",
         "read predicate and attribution cues from FILE\n(default config/stance-cues.LANG.tsv)"},
        {"tone", OPT_TONE, "FILE",
         "read the tone lexicon from FILE (default config/tone.LANG.tsv)"},
        {"lang", OPT_LANG, "LANG", "language of the cue and tone files (default en)"},
        {"min-conf", OPT_MIN_CONF, "X",
         "write only stances with a confidence of at least X, in [0,1] (default 0.5)"},
        {0},
};

static const struct np_prog prog = {
        "news-stance",
        "[OPTION]... [FILE]...",
        "Find the tech-policy topics an article discusses and the stance (support or oppose)\n"
        "each actor named in `mentions` takes on them, with the evidence sentence.\n"
        "Reads the columns text and mentions (optional); writes topics, stances and tone.",
        opts,
        NP_STREAM_OPTS,
};

/* Read a whole config file; NULL (after a message) when it cannot be. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		np_warn_errno("%s", path);
		return NULL;
	}
	struct strbuf sb;
	sb_init(&sb, 64u << 20);
	char buf[8192];
	size_t n;
	int ok = 1;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (sb_add(&sb, buf, n) < 0) {
			np_warn("%s: file too large", path);
			ok = 0;
			break;
		}
	if (ferror(fp)) {
		np_warn_errno("%s", path);
		ok = 0;
	}
	fclose(fp);
	if (!ok) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb, len);
}

typedef int (*loader)(struct topic_table *, const char *, const char *, size_t, struct strbuf *);

/* Load one config file: `path` as given, else found under config/. */
static void load(struct topic_table *t, const char *path, const char *rel, loader fn, int required)
{
	char *found = NULL;
	if (!path) {
		found = np_find_file(rel);
		if (!found) {
			if (required)
				np_die(NP_EXIT_DATA, "cannot find %s (set NEWSPIPE_HOME)", rel);
			return;
		}
		path = found;
	}
	size_t len;
	char *buf = slurp(path, &len);
	if (!buf)
		np_die(NP_EXIT_DATA, "cannot read %s", path);
	struct strbuf err;
	sb_init(&err, 1 << 20);
	if (fn(t, path, buf, len, &err) > 0) {
		fputs(err.buf, stderr);
		np_status = NP_EXIT_DATA;
	}
	sb_release(&err);
	free(buf);
	free(found);
}

static int valid_lang(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 8)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	static const char *const in_cols[] = {"text", NULL};
	static const char *const opt_cols[] = {"mentions", NULL};
	static const char *const out_cols[] = {"topics", "stances", "tone", NULL};
	const char *topics_path = NULL, *cues_path = NULL, *tone_path = NULL, *lang = "en";
	struct stance_opts so = STANCE_OPTS_DEFAULT;
	const char *arg;
	int c;

	np_init(&prog, argc, argv);
	while ((c = np_getopt(argc, argv, &arg)) != -1) {
		switch (c) {
		case OPT_TOPICS: topics_path = arg; break;
		case OPT_CUES: cues_path = arg; break;
		case OPT_TONE: tone_path = arg; break;
		case OPT_LANG:
			if (!valid_lang(arg))
				np_usage_error("bad --lang '%s'", arg);
			lang = arg;
			break;
		case OPT_MIN_CONF: {
			char *end;
			errno = 0;
			so.min_conf = strtod(arg, &end);
			if (end == arg || *end || errno || !(so.min_conf >= 0 && so.min_conf <= 1))
				np_usage_error("--min-conf wants a number in [0,1], not '%s'", arg);
			break;
		}
		default: np_usage_error("unknown option");
		}
	}

	char rel_cues[64], rel_tone[64];
	snprintf(rel_cues, sizeof(rel_cues), "config/stance-cues.%s.tsv", lang);
	snprintf(rel_tone, sizeof(rel_tone), "config/tone.%s.tsv", lang);
	struct topic_table t;
	topics_init(&t);
	load(&t, topics_path, "config/topics.tsv", topics_load, 1);
	load(&t, cues_path, rel_cues, topics_load_cues, 1);
	load(&t, tone_path, rel_tone, topics_load_tone, 0);
	topics_finish(&t);

	struct np_stage st;
	struct stance_ctx ctx;
	char tone[16];
	stance_ctx_init(&ctx);
	np_stage_open(&st, argc - np_optind, argv + np_optind, in_cols, opt_cols, out_cols, NULL);
	while (np_stage_next(&st)) {
		struct np_str text = np_stage_in(&st, 0);
		struct np_str ment = np_stage_in(&st, 1);
		int bad = stance_analyze(&t, &so, &ctx, text.s, text.len, ment.s, ment.len);
		if (bad)
			np_row_error(np_stage_row(&st),
			             "%d unusable mention%s (first: %s), skipped", bad,
			             bad > 1 ? "s" : "", ctx.err.buf);
		int tl = snprintf(tone, sizeof(tone), "%.2f", ctx.tone);
		if (strcmp(tone, "-0.00") == 0)
			tl = snprintf(tone, sizeof(tone), "0.00");
		struct np_str out[3] = {{ctx.topics.buf, ctx.topics.len},
		                        {ctx.stances.buf, ctx.stances.len},
		                        {tone, (size_t)tl}};
		np_stage_emit(&st, np_stage_row(&st), out);
	}
	np_stage_close(&st);
	stance_ctx_release(&ctx);
	topics_release(&t);
	return np_exit();
}
