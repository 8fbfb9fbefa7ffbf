/*
 * test_robots: RFC 9309 group selection, precedence and wildcards, as a
 * table of (robots.txt, agent, path, expected) cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "robots.h"
#include "strbuf.h"

struct rcase {
	const char *txt;
	const char *path;
	int allowed;
};

static const char *const agent = "newspipe";

static const struct rcase cases[] = {
        /* empty file, no groups: all allowed */
        {"", "/x", 1},
        {"# only a comment\n", "/x", 1},
        /* star group */
        {"User-agent: *\nDisallow: /private\n", "/private/a", 0},
        {"User-agent: *\nDisallow: /private\n", "/privateer", 0},
        {"User-agent: *\nDisallow: /private\n", "/public", 1},
        /* our own group replaces the star group entirely */
        {"User-agent: *\nDisallow: /\n\nUser-agent: newspipe\nDisallow: /x\n", "/y", 1},
        {"User-agent: *\nDisallow: /\n\nUser-agent: newspipe\nDisallow: /x\n", "/x", 0},
        /* product token matched case-insensitively; version ignored */
        {"User-agent: NewsPipe/2.0\nDisallow: /a\n", "/a", 0},
        {"User-agent: newspipebot\nDisallow: /a\n", "/a", 1},
        /* blank lines do not end a group: both agents share the rule */
        {"User-agent: newspipe\n\nUser-agent: *\nDisallow: /\n", "/a", 0},
        /* our group's rules replace the star group's */
        {"User-agent: newspipe\nAllow: /\nUser-agent: *\nDisallow: /\n", "/a", 1},
        {"User-agent: newspipe\nCrawl-delay: 1\nUser-agent: *\nDisallow: /\n", "/a", 1},
        /* several user-agent lines share a group */
        {"User-agent: other\nUser-agent: newspipe\nDisallow: /b\n", "/b", 0},
        /* groups for the same agent merge */
        {"User-agent: newspipe\nDisallow: /a\nUser-agent: x\nDisallow: /b\n"
         "User-agent: newspipe\nDisallow: /c\n",
         "/c", 0},
        {"User-agent: newspipe\nDisallow: /a\nUser-agent: x\nDisallow: /b\n"
         "User-agent: newspipe\nDisallow: /c\n",
         "/b", 1},
        /* longest match wins; allow wins a tie */
        {"User-agent: *\nDisallow: /a\nAllow: /a/b\n", "/a/b/c", 1},
        {"User-agent: *\nAllow: /a\nDisallow: /a/b\n", "/a/b/c", 0},
        {"User-agent: *\nDisallow: /a/\nAllow: /a/\n", "/a/x", 1},
        {"User-agent: *\nAllow: /page\nDisallow: /*.html\n", "/page.html", 0},
        /* wildcards and anchors */
        {"User-agent: *\nDisallow: /*.pdf$\n", "/doc/a.pdf", 0},
        {"User-agent: *\nDisallow: /*.pdf$\n", "/doc/a.pdf?x=1", 1},
        {"User-agent: *\nDisallow: /*?\n", "/a?b", 0},
        {"User-agent: *\nDisallow: /*?\n", "/a", 1},
        {"User-agent: *\nDisallow: /a*b*c\n", "/axxbyyc/z", 0},
        {"User-agent: *\nDisallow: /a*b*c\n", "/axxbyy", 1},
        {"User-agent: *\nDisallow: /$\n", "/", 0},
        {"User-agent: *\nDisallow: /$\n", "/a", 1},
        {"User-agent: *\nDisallow: /a$b\n", "/a$b", 0}, /* '$' inside is literal */
        /* empty disallow is no rule */
        {"User-agent: *\nDisallow:\n", "/a", 1},
        /* percent-encoding compared in normal form */
        {"User-agent: *\nDisallow: /caf\xC3\xA9\n", "/caf%c3%a9", 0},
        {"User-agent: *\nDisallow: /caf%C3%A9\n", "/caf\xC3\xA9", 0},
        {"User-agent: *\nDisallow: /a%2fb\n", "/a%2Fb", 0},
        /* robots.txt itself is always allowed */
        {"User-agent: *\nDisallow: /\n", "/robots.txt", 1},
        /* rules before any user-agent are ignored; comments and odd spacing */
        {"Disallow: /\nUser-agent: *\nAllow: /\n", "/a", 1},
        {"  user-AGENT :  *   # all\r\n  disallow :  /x # no\r\n", "/x/1", 0},
        {"User-agent: *\rDisallow: /cr\r", "/cr", 0},
        /* lines without a colon and unknown keys do not end the group */
        {"User-agent: *\nfoo bar\nNoindex: /x\nDisallow: /y\n", "/y", 0},
        /* sitemap lines do not end a run of user-agent lines */
        {"User-agent: a\nSitemap: http://x/s.xml\nUser-agent: newspipe\nDisallow: /q\n", "/q", 0},
        /* a BOM at the start is ignored */
        {"\xEF\xBB\xBFUser-agent: *\nDisallow: /b\n", "/b", 0},
};

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct robots r;
		int got;

		robots_parse(&r, cases[i].txt, strlen(cases[i].txt), agent);
		got = robots_allowed(&r, cases[i].path);
		if (got != cases[i].allowed)
			fail_msg("case %zu: %s on [%s]: got %d", i, cases[i].path, cases[i].txt,
			         got);
		robots_release(&r);
	}
}

static void test_crawl_delay(void **state)
{
	struct robots r;
	const char *t1 = "User-agent: *\nCrawl-delay: 5\nUser-agent: newspipe\nCrawl-delay: 2.5\n";
	const char *t2 = "User-agent: *\nCrawl-delay: soon\n";
	const char *t3 = "User-agent: *\nCrawl-delay: 3\nDisallow: /x\n";

	(void)state;
	robots_parse(&r, t1, strlen(t1), agent);
	assert_true(r.crawl_delay == 2.5);
	robots_release(&r);
	robots_parse(&r, t2, strlen(t2), agent);
	assert_true(r.crawl_delay < 0);
	robots_release(&r);
	robots_parse(&r, t3, strlen(t3), agent);
	assert_true(r.crawl_delay == 3);
	assert_int_equal(r.n_rules, 1);
	robots_release(&r);
	assert_true(r.crawl_delay < 0);
}

static void test_all_none(void **state)
{
	struct robots r;

	(void)state;
	robots_disallow_all(&r);
	assert_int_equal(robots_allowed(&r, "/"), 0);
	assert_int_equal(robots_allowed(&r, "/robots.txt"), 1);
	robots_release(&r);
	assert_int_equal(robots_allowed(&r, "/"), 1);
	robots_allow_all(&r);
	assert_int_equal(robots_allowed(&r, "/anything"), 1);
}

static void test_size_limit(void **state)
{
	/* rules past 500 KiB are not read */
	struct strbuf sb = STRBUF_INIT;
	struct robots r;

	(void)state;
	sb_addstr(&sb, "User-agent: *\n");
	while (sb.len < ROBOTS_MAX_SIZE + 10)
		sb_addstr(&sb, "# padding padding padding padding padding padding\n");
	sb_addstr(&sb, "Disallow: /late\n");
	robots_parse(&r, sb.buf, sb.len, agent);
	assert_int_equal(robots_allowed(&r, "/late"), 1);
	robots_release(&r);
	sb_release(&sb);
}

static void test_product_token(void **state)
{
	char tok[32];

	(void)state;
	assert_int_equal(robots_product_token("newspipe/0.1 (+https://x)", tok, sizeof(tok)), 8);
	assert_string_equal(tok, "newspipe");
	assert_int_equal(robots_product_token("My_Bot-x 1.0", tok, sizeof(tok)), 8);
	assert_string_equal(tok, "My_Bot-x");
	assert_int_equal(robots_product_token("averyveryverylongname", tok, 5), 4);
	assert_string_equal(tok, "aver");
	assert_int_equal(robots_product_token("/x", tok, sizeof(tok)), 0);
}

static void test_pathological(void **state)
{
	/* many stars against a long path must not blow up */
	struct strbuf path = STRBUF_INIT;
	struct robots r;
	const char *t = "User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*a*b$\n";

	(void)state;
	sb_addch(&path, '/');
	while (path.len < 20000)
		sb_addch(&path, 'a');
	robots_parse(&r, t, strlen(t), agent);
	assert_int_equal(robots_allowed(&r, path.buf), 1);
	sb_addch(&path, 'b');
	assert_int_equal(robots_allowed(&r, path.buf), 0);
	robots_release(&r);
	sb_release(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_cases),         cmocka_unit_test(test_crawl_delay),
	        cmocka_unit_test(test_all_none),      cmocka_unit_test(test_size_limit),
	        cmocka_unit_test(test_product_token), cmocka_unit_test(test_pathological),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
