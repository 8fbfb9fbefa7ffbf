/*
 * Unit tests of the matcher's lower layers: textnorm (tokens, folding,
 * offsets, flags), the token trie and the gazetteer loader (columns by
 * name, bad rows, ids, case-sensitive aliases, former names).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "strbuf.h"
#include "textnorm.h"

static const char *fold_of(const struct tn_text *t, size_t i, char *buf, size_t n)
{
	size_t l = t->tok[i].fold_len < n - 1 ? t->tok[i].fold_len : n - 1;
	memcpy(buf, t->fold.buf + t->tok[i].fold_off, l);
	buf[l] = '\0';
	return buf;
}

static void test_tokens_and_offsets(void **state)
{
	(void)state;
	struct tn_text t;
	char b[64];
	tn_init(&t);
	/* "Ré" is 2 code points, 3 bytes; the curly apostrophe folds */
	const char *s = "Ré\xe2\x80\x99s U.S. 5G\n\xe2\x80\x94 OK";
	assert_int_equal(tn_tokenize(&t, s, strlen(s)), 0);
	assert_int_equal(t.n, 10);
	assert_string_equal(fold_of(&t, 0, b, sizeof b), "re");
	assert_int_equal(t.tok[0].cp_start, 0);
	assert_int_equal(t.tok[0].cp_end, 2);
	assert_int_equal(t.tok[0].end, 3);
	assert_string_equal(fold_of(&t, 1, b, sizeof b), "'");
	assert_int_equal(t.tok[1].kind, TN_PUNCT);
	assert_string_equal(fold_of(&t, 2, b, sizeof b), "s");
	assert_int_equal(t.tok[2].cp_start, 3);
	assert_string_equal(fold_of(&t, 3, b, sizeof b), "u");
	assert_true(t.tok[3].flags & TN_SPACE);
	assert_true(t.tok[3].flags & TN_CAP);
	assert_string_equal(fold_of(&t, 7, b, sizeof b), "5g");
	assert_string_equal(fold_of(&t, 8, b, sizeof b), "-"); /* em dash */
	assert_true(t.tok[8].flags & TN_NEWLINE);
	assert_true(t.tok[9].flags & TN_ALLCAPS);
	assert_int_equal(t.tok[9].cp_end, 17);
	tn_release(&t);
}

static void test_sentence_starts(void **state)
{
	(void)state;
	struct tn_text t;
	tn_init(&t);
	const char *s = "Apple won. The U.S. rules. Up 2.5 points";
	assert_int_equal(tn_tokenize(&t, s, strlen(s)), 0);
	assert_true(t.tok[0].flags & TN_SENT_START);   /* Apple */
	assert_true(t.tok[3].flags & TN_SENT_START);   /* The */
	assert_false(t.tok[8].flags & TN_SENT_START);  /* rules: after U.S. */
	assert_true(t.tok[10].flags & TN_SENT_START);  /* Up */
	assert_false(t.tok[13].flags & TN_SENT_START); /* 5 in 2.5 */
	tn_release(&t);
}

static void test_nfc_fold(void **state)
{
	(void)state;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	tn_fold_word(&a, "Société", strlen("Société"));
	tn_fold_word(&b, "Socie\xcc\x81te\xcc\x81", strlen("Socie\xcc\x81te\xcc\x81"));
	assert_string_equal(a.buf, "societe");
	assert_string_equal(b.buf, "societe");
	sb_release(&a);
	sb_release(&b);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	struct tn_text t;
	tn_init(&t);
	const char *s = "\xff"
	                "a\xc3";
	assert_int_equal(tn_tokenize(&t, s, 3), 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.tok[2].cp_start, 2);
	assert_int_equal(t.tok[2].cp_end, 3);
	tn_release(&t);
}

static void test_trie_longest_and_case(void **state)
{
	(void)state;
	struct gz_trie tt;
	struct tn_text t;
	struct tt_match m;
	struct strbuf scratch = STRBUF_INIT;
	tt_init(&tt);
	tn_init(&t);
	assert_int_equal(tt_add(&tt, "Home Office", 11, 0, 1), 0);
	assert_int_equal(tt_add(&tt, "Home", 4, 0, 2), 0);
	assert_int_equal(tt_add(&tt, "US", 2, 1, 3), 0);
	assert_int_equal(tt_add(&tt, "", 0, 0, 4), -1);
	/* many keys: the table grows and still finds all */
	char key[32];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "Body %d Agency", i);
		assert_int_equal(tt_add(&tt, key, (size_t)n, 0, 100 + (uint32_t)i), 0);
	}
	const char *s = "the HOME  OFFICE and home us US body 4321 agency";
	tn_tokenize(&t, s, strlen(s));
	assert_true(tt_longest(&tt, &t, 1, t.n, &m, &scratch));
	assert_int_equal(m.tok_end, 3);
	assert_int_equal(m.payload[0], 1);
	assert_true(tt_longest(&tt, &t, 4, t.n, &m, &scratch));
	assert_int_equal(m.payload[0], 2);
	assert_false(tt_longest(&tt, &t, 5, t.n, &m, &scratch)); /* us */
	assert_true(tt_longest(&tt, &t, 6, t.n, &m, &scratch));  /* US */
	assert_int_equal(m.payload[0], 3);
	assert_true(m.case_sensitive[0]);
	assert_true(tt_longest(&tt, &t, 7, t.n, &m, &scratch));
	assert_int_equal(m.payload[0], 100 + 4321);
	uint32_t p;
	assert_true(tt_lookup(&tt, "home office", 11, &p));
	assert_int_equal(p, 1);
	assert_false(tt_lookup(&tt, "office", 6, &p));
	tn_release(&t);
	tt_release(&tt);
	sb_release(&scratch);
}

struct errs {
	char buf[1024];
	int n;
};

static void collect(void *ctx, const char *source, unsigned long line, const char *msg)
{
	struct errs *e = ctx;
	size_t l = strlen(e->buf);
	snprintf(e->buf + l, sizeof e->buf - l, "%s:%lu: %s\n", source, line, msg);
	e->n++;
}

static void test_load_and_ids(void **state)
{
	(void)state;
	struct gazetteer gz;
	struct errs e = {"", 0};
	gz_init(&gz);
	const char *tsv = "name\tid\taliases\ttype\tcountry\tkind\textra\n"
	                  "United Kingdom\tgb\t=UK;Britain\tGOV\tGB\tstate\tx\n"
	                  "Home Office\thome-office\tHome Office\tGOV\tgb\tministry\tx\n"
	                  "Bureau\tus/bis\t=BIS\tGOV\t\tagency\tx\n"
	                  "BT Group\tbt\t=BT\tCOMPANY\tgb\t\tx\n"
	                  "Bhutan\tbt\t=Bhutan\tGOV\tbt\tstate\tx\n"
	                  "# a comment\n"
	                  "\n"
	                  "Nowhere\tnowhere\tNowhere\tGOV\t\tagency\tx\n"
	                  "Bad\tbad\tBad\tTHING\t\t\tx\n"
	                  "Odd\todd\tOdd\tLAW\tzzz\t\tx\n"
	                  "Short\tshort\n"
	                  "Has space\thas space\tX\tORG\t\t\tx\n"
	                  "United Kingdom\tgb\tGreat Britain\tGOV\tgb\tstate\tx\n";
	assert_int_equal(gz_load_tsv(&gz, tsv, strlen(tsv), "t.tsv", collect, &e), 6);
	assert_string_equal(e.buf, "t.tsv:9: GOV row without country\n"
	                           "t.tsv:10: unknown type (GOV COMPANY LAW PERSON ORG)\n"
	                           "t.tsv:11: country is not an ISO 3166-1 alpha-2 code or eu\n"
	                           "t.tsv:12: wrong number of fields\n"
	                           "t.tsv:13: id holds ':', ';' or white space\n");
	assert_int_equal(gz.n_ents, 5);
	uint32_t gb = gz_find(&gz, GZ_GOV, "gb");
	assert_int_not_equal(gb, GZ_NONE);
	assert_true(gz.ents[gb].flags & GZ_STATE);
	assert_string_equal(gz.ents[gb].country, "gb");
	assert_int_not_equal(gz_find(&gz, GZ_GOV, "gb/home-office"), GZ_NONE);
	uint32_t bis = gz_find(&gz, GZ_GOV, "us/bis");
	assert_string_equal(gz.ents[bis].country, "us");
	/* one id, two types */
	assert_int_not_equal(gz_find(&gz, GZ_COMPANY, "bt"), GZ_NONE);
	assert_int_not_equal(gz_find(&gz, GZ_GOV, "bt"), GZ_NONE);
	assert_int_equal(gz_find_id(&gz, "bt"), gz_find(&gz, GZ_GOV, "bt"));
	/* the second gb row added an alias */
	uint32_t p;
	assert_true(tt_lookup(&gz.aliases, "great britain", 13, &p));
	assert_int_equal(p & GZ_ALIAS_ENTITY, gb);
	assert_false(tt_lookup(&gz.aliases, "uk", 2, &p));
	assert_true(tt_lookup(&gz.aliases, "UK", 2, &p));
	/* a header without the required columns loads nothing */
	e.buf[0] = '\0';
	assert_int_equal(gz_load_tsv(&gz, "id\tname\nx\ty\n", 12, "u.tsv", collect, &e), -1);
	assert_string_equal(e.buf,
	                    "u.tsv:1: header lacks a required column (id type name aliases)\n");
	gz_release(&gz);
}

static void test_former_names_and_modifiers(void **state)
{
	(void)state;
	struct gazetteer gz;
	gz_init(&gz);
	const char *tsv =
	        "id\ttype\tname\taliases\tcountry\tkind\tcapital\tmodifiers\tformer_names\n"
	        "fr\tGOV\tFrance\t=France;French government;=Paris\tfr\tstate\t=Paris\tGallic\t\n"
	        "meta\tCOMPANY\tMeta\t=Meta\tus\t\t\t\t=Facebook\n";
	assert_int_equal(gz_load_tsv(&gz, tsv, strlen(tsv), "t", NULL, NULL), 2);
	uint32_t p;
	assert_true(tt_lookup(&gz.aliases, "Facebook", 8, &p));
	assert_true(p & GZ_ALIAS_FORMER);
	assert_true(tt_lookup(&gz.modifiers, "Gallic", 6, &p));
	assert_true(tt_lookup(&gz.modifiers, "French", 6, &p)); /* from "French government" */
	assert_int_equal(p, gz_find(&gz, GZ_GOV, "fr"));
	gz_release(&gz);
}

static void test_slug(void **state)
{
	(void)state;
	struct strbuf s = STRBUF_INIT;
	gz_slug(&s, "Regulation (EU) 2016/679", 24);
	assert_string_equal(s.buf, "regulation-eu-2016-679");
	sb_reset(&s);
	gz_slug(&s, "Société Générale's", strlen("Société Générale's"));
	assert_string_equal(s.buf, "societe-generales");
	sb_reset(&s);
	gz_slug(&s, " -- ", 4);
	assert_string_equal(s.buf, "");
	sb_release(&s);
}

/* Fields are TSV-escaped: \\ \t \n \r decode, any other backslash
 * stays, and a row's fields do not leak into the next row's. */
static void test_load_escapes(void **state)
{
	(void)state;
	struct gazetteer gz;
	gz_init(&gz);
	const char *tsv = "id\ttype\tname\taliases\taffiliation\n"
	                  "acme\tCOMPANY\tAcme\\tTwo\tAcme\\\\Co\\x;Acme Co\tnobody\\n\n"
	                  "bolt\tCOMPANY\t\tBolt\t\n";
	assert_int_equal(gz_load_tsv(&gz, tsv, strlen(tsv), "t", NULL, NULL), 2);
	uint32_t a = gz_find(&gz, GZ_COMPANY, "acme");
	uint32_t b = gz_find(&gz, GZ_COMPANY, "bolt");
	assert_int_not_equal(a, GZ_NONE);
	assert_int_not_equal(b, GZ_NONE);
	assert_string_equal(gz.ents[a].name, "Acme\tTwo");
	assert_string_equal(gz.ents[a].affiliation, "nobody\n");
	assert_string_equal(gz.ents[b].name, "bolt"); /* empty name: the id */
	assert_string_equal(gz.ents[b].affiliation, "");
	uint32_t p;
	assert_true(tt_lookup(&gz.aliases, "Acme Co", 7, &p));
	assert_int_equal(p, a);
	assert_true(tt_lookup(&gz.aliases, "acme\\co\\x", 9, &p));
	assert_int_equal(p, a);
	assert_true(tt_lookup(&gz.aliases, "Bolt", 4, &p));
	assert_int_equal(p, b);
	gz_release(&gz);
}

/* The start-up path for ASCII aliases (tn_key_ascii) must cut and hash
 * keys exactly as tn_tokenize does, or an alias would never match. */
static void test_key_ascii_as_tokenize(void **state)
{
	(void)state;
	static const char *const keys[] = {
	        "Home Office",
	        "=U.K.",
	        "AT&T",
	        "Section 702",
	        "  Ofcom  ",
	        "x",
	        "Regulation (EU) 2016/679",
	        "McDonald's",
	        "O`Neil",
	        "a\tb\nc",
	        "MiXeD-case 5G",
	        "!!",
	        "--",
	        "Bureau of Industry and Security",
	        "12345",
	        "e-CNY",
	};
	struct tn_text t;
	struct tn_key k[32];
	tn_init(&t);
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		const char *s = keys[i];
		size_t n = strlen(s);
		assert_int_equal(tn_tokenize(&t, s, n), 0);
		int nk = tn_key_ascii(s, n, k, 32);
		assert_int_equal(nk, (int)t.n);
		for (size_t j = 0; j < t.n; j++) {
			assert_true(k[j].hash == t.tok[j].hash);
			assert_int_equal(k[j].kind, t.tok[j].kind);
			assert_int_equal(k[j].start, t.tok[j].start);
			assert_int_equal(k[j].len, t.tok[j].end - t.tok[j].start);
		}
	}
	/* non-ASCII, or more tokens than room: the caller must fall back */
	assert_int_equal(tn_key_ascii("Bundesnetzagentur für", 22, k, 32), -1);
	assert_int_equal(tn_key_ascii("caf\xc3\xa9", 5, k, 32), -1);
	assert_int_equal(tn_key_ascii("a b c", 5, k, 2), -1);
	assert_int_equal(tn_key_ascii("   ", 3, k, 32), 0);
	tn_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_tokens_and_offsets),
	        cmocka_unit_test(test_sentence_starts),
	        cmocka_unit_test(test_nfc_fold),
	        cmocka_unit_test(test_invalid_utf8),
	        cmocka_unit_test(test_trie_longest_and_case),
	        cmocka_unit_test(test_load_and_ids),
	        cmocka_unit_test(test_former_names_and_modifiers),
	        cmocka_unit_test(test_slug),
	        cmocka_unit_test(test_key_ascii_as_tokenize),
	        cmocka_unit_test(test_load_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
