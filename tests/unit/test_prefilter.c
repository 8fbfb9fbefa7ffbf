/*
 * Unit tests of the prefilter news-strip runs before libxml2: what it
 * drops (table of page -> copy), and that libxml2 builds the same tree
 * from the copy as from the page, on tricky markup and on every page of
 * the project's fixtures and samples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_int.h"
#include "prefilter_tree.h"

static const struct {
	const char *page, *copy;
} cases[] = {
        /* Script and style text goes; the elements stay. */
        {"<p>a</p><script>var x = '<p>';</script><p>b</p>", "<p>a</p><script></script><p>b</p>"},
        {"<style type=\"text/css\">p { color: red }</style>x",
         "<style type=\"text/css\"></style>x"},
        {"<SCRIPT>if (a</b) {}</SCRIPT >y", "<SCRIPT></SCRIPT >y"},
        /* ...ending at the first "</script".  libxml2 reads an end tag
         * right after the start tag as one, and goes on with raw text
         * after "</scripty>": the rest is copied as it is. */
        {"<script></script><p data-a=1>", "<script></script><p>"},
        {"<b data-a=1><script>a</scripty>b</script>", "<b><script>a</scripty>b</script>"},
        {"<b data-a=1><script></title>x</script>", "<b><script></title>x</script>"},
        /* JSON-LD is read: kept, as is a type the scan cannot decode. */
        {"<script type=\"application/ld+json\">{\"a\":1}</script>",
         "<script type=\"application/ld+json\">{\"a\":1}</script>"},
        {"<script type='application/LD+JSON'>{}</script>",
         "<script type='application/LD+JSON'>{}</script>"},
        {"<script type=\"application/ld&#43;json\">{}</script>",
         "<script type=\"application/ld&#43;json\">{}</script>"},
        /* Self-closed: no raw text follows. */
        {"<script src=a.js/>b</script>", "<script></script>"},
        {"<script src=\"a.js\" />b", "<script/>b"},
        /* No blank is added where the page had none. */
        {"<meta property=\"og:title \"content=\"x\">",
         "<meta property=\"og:title \"content=\"x\">"},
        {"<a data-x=\"1\"class=y>", "<a class=y>"},
        {"<a hidden/>", "<a hidden/>"},
        {"<a hidden data-x/>", "<a hidden/>"},
        {"<a class=b data-x/>", "<a class=b />"},
        /* "/>" after an unquoted value is kept apart from it. */
        {"<path class=a d=M1z />", "<path class=a />"},
        /* Attributes nobody reads go; the ones read stay, values as written. */
        {"<img srcset=\"a 1x, b 2x\" data-x=1 class=\"lead photo\" onclick=\"f('>')\">",
         "<img class=\"lead photo\">"},
        {"<DIV ID=main Data-Track='x' STYLE=\"display:none\" hidden>",
         "<DIV ID=main STYLE=\"display:none\" hidden>"},
        {"<a href = \"/x\" rel=author>n</a>", "<a href = \"/x\" rel=author>n</a>"},
        {"<time datetime=2024-01-02 title=\"Tuesday\">", "<time datetime=2024-01-02>"},
        /* Comments, doctypes, end tags and processing instructions are
         * copied as they are, a <script> inside them is no script. */
        {"<!-- <script>x</script> --><p data-a=1>", "<!-- <script>x</script> --><p>"},
        {"<!DOCTYPE html><html lang=en>", "<!DOCTYPE html><html lang=en>"},
        {"</div <script>>x", "</div <script>>x"},
        {"<p data-a=1></b<i data-b=2>", "<p></b<i data-b=2>"},
        {"<?xml version=\"1.0\"?><p data-a=1>", "<?xml version=\"1.0\"?><p>"},
        {"a < b and c<d", "a < b and c<d"},
        /* Markup the strict grammar does not read: the rest as it is. */
        {"<p data-a=1><a data-x=\"1\"/y=2 data-b=2><i data-c=3>",
         "<p><a data-x=\"1\"/y=2 data-b=2><i data-c=3>"},
        {"<p data-a=1><div a=b\"c data-b=2>", "<p><div a=b\"c data-b=2>"},
        {"<b data-a=1><!DOCTYPE x \"y>\"><i data-b=2>", "<b><!DOCTYPE x \"y>\"><i data-b=2>"},
        {"<b data-a=1><? x><i data-b=2>", "<b><? x><i data-b=2>"},
        {"<b data-a=1><!x><i data-b=2>", "<b><!x><i data-b=2>"},
        {"<b data-a=1></ x><i data-b=2>", "<b></ x><i data-b=2>"},
        {"<b data-a=1><div data-x=\"unterminated", "<b><div data-x=\"unterminated"},
        {"", ""},
};

/* From the first NUL on, the page is copied as it is. */
static void test_nul(void **state)
{
	static const char page[] = "<p data-a=1><script>x\0</script><p data-b=2>";
	char out[sizeof page];
	(void)state;
	size_t n = art_prefilter(out, page, sizeof page - 1);
	assert_int_equal(n, sizeof page - 1 - strlen(" data-a=1"));
	assert_memory_equal(out, "<p><script>x\0</script><p data-b=2>", n);
	static const char tag[] = "<b data-a=1><i data-b=\0x>";
	n = art_prefilter(out, tag, sizeof tag - 1);
	assert_memory_equal(out, "<b><i data-b=\0x>", n);
}

static void test_copies(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t len = strlen(cases[i].page);
		char *out = malloc(len + 1);
		size_t n = art_prefilter(out, cases[i].page, len);
		out[n] = 0;
		if (strcmp(out, cases[i].copy))
			fail_msg("case %zu: %s\n  gave     %s\n  expected %s", i, cases[i].page,
			         out, cases[i].copy);
		free(out);
	}
}

static void assert_same_tree(const char *page, size_t len, const char *name)
{
	char why[256];
	if (prefilter_differs(page, len, why, sizeof why))
		fail_msg("%s: %s", name, why);
}

/* Markup whose tree depends on how libxml2 tokenizes it. */
static const char *const tricky[] = {
        "<html><head><title>T <script>x</script></title><style>a{}</style></head>"
        "<body><p>x<script>document.write('</p>')</script>y</p></body></html>",
        "<textarea><script>a</script></textarea><p data-a=1>b",
        "<noscript><img src=x data-y=1></noscript><p>after",
        "<table><tr><script>s</script><td data-a=1>c</td></tr></table>",
        "<svg><style>.a{}</style><title data-a=1>t</title></svg>",
        "<p>a  <script></script>  <b>b</b>  <style>x</style>  </p>",
        "<div><script>a</script>\n\n<script>b</script>\n</div>",
        "<ul><li data-a=1>one<li>two <script>x</script></ul>",
        "<script>never closed <p>",
        "<style>never closed",
        "<p title=\"a > b\" class='c'>x</p><div id=\"</script>\">y</div>",
        "<a href='x' / data-a=1>bad slash</a><p data-b=2>",
        "<!--> <script>a</script> -->",
        "<!---> <script>a</script> --><p data-a=1>",
        "<br/><hr /><img src=a/><p>x",
        "<P CLASS=A><SCRIPT TYPE=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</SCRIPT>",
        "<xmp><script>a</script></xmp><plaintext><style>b</style>",
        "<iframe><script>a</script></iframe><noembed><script>b</script></noembed>",
        "<title><style>x</style></title><body data-a=1>",
        "<title><script></title>=",
        "<div><style></div><p data-a=1>x</style>y",
        "<script>a</script.x>b</script><p data-a=1>",
        "<!<script><script>x",
        "<script ><noscript",
        "E<!DOCTYPE></s<script><a >",
        "</b<p data-a=1>x",
        "<?php echo '<p data-a=1>'; ?><p data-b=2>",
        "<style><body>x</style><p data-a=1>",
        "<script><p>x</p></script><p data-a=1>",
        "</div <script>>x<p data-a=1><script>y</script>",
        "</ <script>x</script><p data-a=1>",
        "<!doctype html><!DOCTYPE x><p data-a=1><script>y</script>",
        "<html data-a=1><body data-b=2><html lang=fr><body class=x>",
};

static void test_tricky_markup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
		char name[32];
		snprintf(name, sizeof name, "tricky[%zu]", i);
		assert_same_tree(tricky[i], strlen(tricky[i]), name);
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n + 65536 > cap)
			buf = realloc(buf, cap = cap * 2 + 65536);
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

static int check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	int pages = 0;
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t k = strlen(e->d_name);
		if (k < 5 || strcmp(e->d_name + k - 5, ".html"))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len = 0;
		char *page = slurp(path, &len);
		assert_non_null(page);
		assert_same_tree(page, len, path);
		free(page);
		pages++;
	}
	closedir(d);
	return pages;
}

static void test_fixture_pages(void **state)
{
	(void)state;
	const char *home = getenv("NEWSPIPE_HOME");
	char dir[4096];
	int pages = 0;
	snprintf(dir, sizeof dir, "%s/tests/fixtures/strip", home ? home : ".");
	pages += check_dir(dir);
	snprintf(dir, sizeof dir, "%s/data/samples", home ? home : ".");
	pages += check_dir(dir);
	assert_true(pages >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_copies),
	        cmocka_unit_test(test_nul),
	        cmocka_unit_test(test_tricky_markup),
	        cmocka_unit_test(test_fixture_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
