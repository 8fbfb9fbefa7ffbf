/*
 * Fuzz news-stance's analysis: the input is an article text and a
 * mentions cell separated by the first NUL byte (no NUL: text only).
 * Whatever the bytes, the analysis must not read out of bounds, and its
 * output must keep its promises: every stance is ACTOR:TOPIC:STANCE:S-E:C
 * with S < E within the text's code points and C in [0,1], and the tone is
 * in [-1,1].  Config: the shipped files when run from the source tree,
 * else a small table of its own.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stance.h"
#include "strbuf.h"
#include "topics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct topic_table table;
static struct stance_ctx ctx;
static int ready;

static const char own_topics[] =
        "id\tdescription\tcues\tmeasures\n"
        "lawful-access\tx\tencryption;backdoor\t+backdoor;+order;-encryption\n"
        "tariffs\tx\ttariff;~chips\t+tariff;-exemption\n";
static const char own_cues[] = "kind\tterm\tvalue\n"
                               "support\tback\t\noppose\treject\t\nenact\timpose\t\n"
                               "reverse\twithdraw\t\nrestrict\tban\t\ncarry\tvow\t\n"
                               "negator\tdecline\t\ncontest\tsue\t\nnegation\tnot\t\n"
                               "modal\tmay\t\nspeech\t=said\t\ncoref\tthe company\tCOMPANY\n"
                               "pronoun\tit\tCOMPANY|GOV\npronoun\twe\tSPEAKER\nprep\tof\t\n"
                               "passive\twas\t\ndet\tthe\t\nspokes\tspokesperson\t\nskip\thas\t\n"
                               "bad\tflawed\t\ngood\twelcome\t\n";

static int load(const char *path, int (*fn)(struct topic_table *, const char *, const char *,
                                            size_t, struct strbuf *))
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return -1;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&sb, buf, n);
	fclose(fp);
	fn(&table, path, sb.buf, sb.len, NULL);
	sb_release(&sb);
	return 0;
}

static void setup(void)
{
	topics_init(&table);
	if (load("config/topics.tsv", topics_load) < 0 ||
	    load("config/stance-cues.en.tsv", topics_load_cues) < 0) {
		topics_release(&table);
		topics_init(&table);
		topics_load(&table, "own", own_topics, sizeof(own_topics) - 1, NULL);
		topics_load_cues(&table, "own", own_cues, sizeof(own_cues) - 1, NULL);
	}
	load("config/tone.en.tsv", topics_load_tone);
	topics_finish(&table);
	stance_ctx_init(&ctx);
	ready = 1;
}

static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready)
		setup();
	const char *text = (const char *)data;
	const char *nul = memchr(data, '\0', size);
	size_t tlen = nul ? (size_t)(nul - text) : size;
	const char *ments = nul ? nul + 1 : NULL;
	size_t mlen = nul ? size - tlen - 1 : 0;
	struct stance_opts o = STANCE_OPTS_DEFAULT;

	int bad = stance_analyze(&table, &o, &ctx, text, tlen, ments, mlen);
	assert(bad >= 0);
	assert(ctx.tone >= -1.0 && ctx.tone <= 1.0);
	size_t ncp = cps(text, tlen);
	char *copy = xmemdup(ctx.stances.buf, ctx.stances.len);
	for (char *save, *item = strtok_r(copy, ";", &save); item;
	     item = strtok_r(NULL, ";", &save)) {
		char *c = strrchr(item, ':');
		assert(c);
		double conf = atof(c + 1);
		assert(conf >= 0.0 && conf <= 1.0);
		*c = '\0';
		char *span = strrchr(item, ':');
		assert(span);
		unsigned long s, e;
		assert(sscanf(span + 1, "%lu-%lu", &s, &e) == 2);
		assert(s < e && e <= ncp);
		assert(strstr(item, ":support") || strstr(item, ":oppose"));
	}
	free(copy);
	return 0;
}
