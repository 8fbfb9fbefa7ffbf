/* Unit tests for extractors/url.c: RFC 3986 section 5 reference resolution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "url.h"

static void expect(const char *base, const char *ref, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(url_resolve(&out, base, strlen(base), ref, strlen(ref)), 0);
	if (strcmp(out.buf, want) != 0)
		fail_msg("\"%s\" + \"%s\" -> \"%s\", want \"%s\"", base, ref, out.buf, want);
	sb_release(&out);
}

/* RFC 3986 5.4.1 */
static void test_rfc3986_normal(void **state)
{
	const char *b = "http://a/b/c/d;p?q";

	expect(b, "g:h", "g:h");
	expect(b, "g", "http://a/b/c/g");
	expect(b, "./g", "http://a/b/c/g");
	expect(b, "g/", "http://a/b/c/g/");
	expect(b, "/g", "http://a/g");
	expect(b, "//g", "http://g/"); /* WHATWG: http(s) paths are at least "/" */
	expect(b, "?y", "http://a/b/c/d;p?y");
	expect(b, "g?y", "http://a/b/c/g?y");
	expect(b, "#s", "http://a/b/c/d;p?q#s");
	expect(b, "g#s", "http://a/b/c/g#s");
	expect(b, "g?y#s", "http://a/b/c/g?y#s");
	expect(b, ";x", "http://a/b/c/;x");
	expect(b, "g;x", "http://a/b/c/g;x");
	expect(b, "g;x?y#s", "http://a/b/c/g;x?y#s");
	expect(b, "", "http://a/b/c/d;p?q");
	expect(b, ".", "http://a/b/c/");
	expect(b, "./", "http://a/b/c/");
	expect(b, "..", "http://a/b/");
	expect(b, "../", "http://a/b/");
	expect(b, "../g", "http://a/b/g");
	expect(b, "../..", "http://a/");
	expect(b, "../../", "http://a/");
	expect(b, "../../g", "http://a/g");
}

/* RFC 3986 5.4.2 */
static void test_rfc3986_abnormal(void **state)
{
	const char *b = "http://a/b/c/d;p?q";

	expect(b, "../../../g", "http://a/g");
	expect(b, "../../../../g", "http://a/g");
	expect(b, "/./g", "http://a/g");
	expect(b, "/../g", "http://a/g");
	expect(b, "g.", "http://a/b/c/g.");
	expect(b, ".g", "http://a/b/c/.g");
	expect(b, "g..", "http://a/b/c/g..");
	expect(b, "..g", "http://a/b/c/..g");
	expect(b, "./../g", "http://a/b/g");
	expect(b, "./g/.", "http://a/b/c/g/");
	expect(b, "g/./h", "http://a/b/c/g/h");
	expect(b, "g/../h", "http://a/b/c/h");
	expect(b, "g;x=1/./y", "http://a/b/c/g;x=1/y");
	expect(b, "g;x=1/../y", "http://a/b/c/y");
	expect(b, "g?y/./x", "http://a/b/c/g?y/./x");
	expect(b, "g?y/../x", "http://a/b/c/g?y/../x");
	expect(b, "g#s/./x", "http://a/b/c/g#s/./x");
	expect(b, "g#s/../x", "http://a/b/c/g#s/../x");
	expect(b, "http:g", "http:g"); /* strict */
}

static void test_feed_links(void **state)
{
	/* a host with no path */
	expect("https://example.org", "post/1", "https://example.org/post/1");
	expect("https://example.org?x=1", "?y=2", "https://example.org/?y=2");
	expect("", "https://example.com", "https://example.com/");
	/* host names lower-cased for http(s), user info and path left alone */
	expect("", "http://User@WWW.Example.COM/A/B", "http://User@www.example.com/A/B");
	expect("", "foo://Host/X", "foo://Host/X");
	/* absolute reference: dots removed, scheme lower-cased */
	expect("https://example.org/a/", "HTTPS://Other.example/x/../y", "https://other.example/y");
	/* white space and line breaks, as hand-written feeds have them */
	expect("https://example.org/a/", "\n   /news/item 1.html \t\n",
	       "https://example.org/news/item%201.html");
	expect("https://example.org/a/", "/news/\nitem", "https://example.org/news/item");
	/* no base: the reference as given */
	expect("", "/notes/2019/05/02/entry", "/notes/2019/05/02/entry");
	expect("", "post.html", "post.html");
	/* a relative base (xml:base with no document URL) */
	expect("/blog/", "post.html", "/blog/post.html");
	expect("//cdn.example/a/", "b", "//cdn.example/a/b");
	/* a base that is not hierarchical */
	expect("mailto:x@example.org", "#y", "mailto:x@example.org#y");
	/* non-ASCII stays as it is */
	expect("https://example.org/", "caf\xc3\xa9", "https://example.org/caf\xc3\xa9");
	/* protocol-relative */
	expect("https://example.org/a", "//cdn.example.net/x.png", "https://cdn.example.net/x.png");
}

static void test_cap(void **state)
{
	struct strbuf out;

	sb_init(&out, 10);
	assert_int_equal(sb_addstr(&out, "abc"), 0);
	assert_int_equal(url_resolve(&out, "http://example.org/", 19, "xyz", 3), -1);
	assert_string_equal(out.buf, "abc");
	sb_release(&out);
}

static void test_predicates(void **state)
{
	assert_true(url_has_scheme("tag:example.org,2003:1", 22));
	assert_true(url_has_scheme("  http://x", 10));
	assert_false(url_has_scheme("/a:b", 4));
	assert_false(url_has_scheme("1a:b", 4));
	assert_false(url_has_scheme("", 0));
	assert_true(url_is_http("https://example.org/", 20));
	assert_true(url_is_http("HTTP://example.org", 18));
	assert_false(url_is_http("http:///x", 9));
	assert_false(url_is_http("http://", 7));
	assert_false(url_is_http("urn:uuid:1", 10));
	assert_false(url_is_http("ftp://x/", 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_rfc3986_normal), cmocka_unit_test(test_rfc3986_abnormal),
	        cmocka_unit_test(test_feed_links),     cmocka_unit_test(test_cap),
	        cmocka_unit_test(test_predicates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
