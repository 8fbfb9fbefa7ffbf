/*
 * Fuzz the entity matcher: tokenising, the gazetteer trie, the rules and
 * every context pass over arbitrary bytes.  Invariants checked: mentions
 * come in order, do not overlap, lie inside the text (in code points) and
 * start and end on the tokens they claim; ids are never empty and hold
 * no ':' or ';'; formatting gives one mention per entry.
 *
 * Input: the text, matched against the fixture gazetteer with the
 * shipped rules.  An input starting with "G\t" is instead "G\t" + a
 * gazetteer TSV + a 0x01 byte + the text: the loader is fuzzed too and
 * the text is matched against that gazetteer.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "gazetteer.h"
#include "gazload.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gazetteer fixed_gz;
static struct ent_extractor fixed_x;
static char *patterns, *words;
static size_t patterns_len, words_len;

static const char fixture[] = "id\ttype\tname\taliases\tcountry\tkind\tcapital\tmodifiers\n"
                              "gb\tGOV\tUnited Kingdom\t=UK;=U.K.;=Britain;British "
                              "government;=London\tgb\tstate\t=London\tBritish;UK\n"
                              "us\tGOV\tUnited States\t=US;=U.S.;United "
                              "States;=Washington\tus\tstate\t=Washington\tAmerican;US\n"
                              "in\tGOV\tIndia\t=India;Indian government\tin\tstate\t\tIndian\n"
                              "gb/home-office\tGOV\tHome Office\tHome Office\tgb\tministry\t\t\n"
                              "us/congress\tGOV\tCongress\t=Congress\tus\tlegislature\t\t\n"
                              "eu/european-commission\tGOV\tEuropean Commission\tEuropean "
                              "Commission;=Commission\teu\tgovernment\t\t\n";
static const char fixture2[] =
        "id\ttype\tname\taliases\tcountry\tformer_names\n"
        "apple\tCOMPANY\tApple\t=Apple;Apple Inc.\tus\t\n"
        "meta\tCOMPANY\tMeta\t=Meta\tus\t=Facebook\n"
        "ipa\tLAW\tInvestigatory Powers Act\tInvestigatory Powers Act;=IPA\tgb\t\n"
        "theresa-may\tPERSON\tTheresa May\tTheresa May;=May\tgb\t\n"
        "inc\tORG\tIndian National Congress\t=Congress\tin\t\n";

static void setup(void)
{
	gz_init(&fixed_gz);
	gz_load_tsv(&fixed_gz, fixture, sizeof(fixture) - 1, "fixture", NULL, NULL);
	gz_load_tsv(&fixed_gz, fixture2, sizeof(fixture2) - 1, "fixture2", NULL, NULL);
	ent_init(&fixed_x, &fixed_gz);
	patterns = gazload_read("config/patterns.tsv", &patterns_len);
	words = gazload_read("config/entity-words.tsv", &words_len);
	if (patterns)
		ent_load_patterns(&fixed_x, patterns, patterns_len, "patterns", NULL, NULL);
	if (words)
		ent_load_words(&fixed_x, words, words_len, "words", NULL, NULL);
}

static void check(struct ent_extractor *x, const char *text, size_t n)
{
	struct ent_result r;
	ent_result_init(&r);
	if (ent_extract(x, &r, text, n, text, n < 64 ? n : 64) == 0) {
		size_t cps = utf8_count(text, n);
		uint32_t last = 0;
		for (size_t i = 0; i < r.n; i++) {
			const struct ent_mention *m = &r.m[i];
			assert(m->cp_start < m->cp_end && m->cp_end <= cps);
			assert(m->cp_start >= last);
			last = m->cp_end;
			assert(m->tok_start < m->tok_end && m->tok_end <= r.tn.n);
			assert(r.tn.tok[m->tok_start].cp_start == m->cp_start);
			assert(r.tn.tok[m->tok_end - 1].cp_end == m->cp_end);
			const char *id = ent_mention_id(x, &r, m);
			assert(*id && !strpbrk(id, ":;"));
			assert(m->type < GZ_NTYPES);
		}
		struct strbuf out[ENT_NCOLS];
		for (int c = 0; c < ENT_NCOLS; c++)
			out[c] = (struct strbuf)STRBUF_INIT;
		ent_format(x, &r, out);
		size_t entries = out[0].len ? 1 : 0;
		for (size_t k = 0; k < out[0].len; k++)
			entries += out[0].buf[k] == ';';
		assert(entries == r.n);
		for (int c = 0; c < ENT_NCOLS; c++)
			sb_release(&out[c]);
	}
	ent_result_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		setup();
		ready = 1;
	}
	const char *s = (const char *)data;
	const char *sep;
	if (size > 2 && s[0] == 'G' && s[1] == '\t' && (sep = memchr(s, 1, size))) {
		struct gazetteer gz;
		struct ent_extractor x;
		gz_init(&gz);
		gz_load_tsv(&gz, s + 2, (size_t)(sep - s) - 2, "fuzz", NULL, NULL);
		ent_init(&x, &gz);
		if (patterns)
			ent_load_patterns(&x, patterns, patterns_len, "patterns", NULL, NULL);
		if (words)
			ent_load_words(&x, words, words_len, "words", NULL, NULL);
		check(&x, sep + 1, size - (size_t)(sep + 1 - s));
		ent_release(&x);
		gz_release(&gz);
		return 0;
	}
	check(&fixed_x, s, size);
	return 0;
}
