/* Unit tests for extractors/feed_text.c: text folding, HTML to text, entities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "feed_text.h"

static void html(const char *in, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(ft_add_html(&out, in, strlen(in)), 0);
	ft_finish(&out);
	if (strcmp(out.buf, want) != 0)
		fail_msg("html \"%s\" -> \"%s\", want \"%s\"", in, out.buf, want);
	sb_release(&out);
}

static void plain(const char *in, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(ft_add_plain(&out, in, strlen(in)), 0);
	ft_finish(&out);
	if (strcmp(out.buf, want) != 0)
		fail_msg("plain \"%s\" -> \"%s\", want \"%s\"", in, out.buf, want);
	sb_release(&out);
}

static void test_plain(void **state)
{
	plain("", "");
	plain("  a  b\t\nc \r\n", "a b c");
	plain("a\xc2\xa0\xc2\xa0"
	      "b",
	      "a b");                    /* NBSP folds */
	plain("x\x01y\x7fz", "xyz");     /* controls dropped */
	plain("&amp; <b>", "&amp; <b>"); /* plain means plain */
	plain("caf\xc3\xa9", "caf\xc3\xa9");
}

static void test_html_tags(void **state)
{
	html("<p>One</p><p>Two</p>", "One Two");
	html("in<b>line</b> and <a href=\"x>y\">link</a>", "inline and link");
	html("line<br>break<br/>here", "line break here");
	html("a<!-- hidden <p> -->b", "ab");
	html("a<script>var x = '<p>';</script>b<style>p{}</style>c", "abc");
	html("a<SCRIPT type=x>1</Script >b", "ab");
	html("x < y and y > z", "x < y and y > z"); /* not tags */
	html("3<4", "3<4");
	html("<unclosed", "<unclosed");
	html("a<!DOCTYPE html>b<?php echo 1 ?>c", "abc");
	html("<div><ul><li>one</li><li>two</li></ul></div>", "one two");
	html("<img src=x alt=\"a picture\">text", "text");
}

static void test_html_refs(void **state)
{
	html("Tom &amp; Jerry", "Tom & Jerry");
	html("&lt;b&gt; &quot;q&quot; &apos;a&apos;", "<b> \"q\" 'a'");
	html("caf&eacute; &euro;5 &hellip;", "caf\xc3\xa9 \xe2\x82\xac"
	                                     "5 \xe2\x80\xa6");
	html("&#233;&#xE9;&#XE9;", "\xc3\xa9\xc3\xa9\xc3\xa9");
	html("&#146;s", "\xe2\x80\x99s"); /* windows-1252 reading of C1 */
	html("&#0;&#xD800;&#x110000;", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	html("a&nbsp;&nbsp;b", "a b");
	html("&#10;x&#9;y", "x y");
	html("AT&T &unknown; &;&#;& x", "AT&T &unknown; &;&#;& x");
	html("&#65", "A"); /* no ';' after a numeric reference: still one */
}

static void test_truncation(void **state)
{
	struct strbuf out;

	sb_init(&out, 5);
	/* "aé" is 3 bytes, "é" two more: 5 fit, the next é does not */
	assert_int_equal(ft_add_html(&out, "a&eacute;\xc3\xa9\xc3\xa9", 13), 1);
	assert_string_equal(out.buf, "a\xc3\xa9\xc3\xa9");
	sb_release(&out);
	sb_init(&out, 4);
	assert_int_equal(ft_add_plain(&out, "ab\xe2\x82\xac", 5), 1); /* € would split */
	assert_string_equal(out.buf, "ab");
	sb_release(&out);
}

static void test_entities(void **state)
{
	assert_int_equal(ft_entity("amp", 3), '&');
	assert_int_equal(ft_entity("apos", 4), '\'');
	assert_int_equal(ft_entity("eacute", 6), 0xE9);
	assert_int_equal(ft_entity("nope", 4), 0);
	assert_int_equal(ft_entity("", 0), 0);
	assert_true(ft_is_block("p", 1));
	assert_true(ft_is_block("br", 2));
	assert_false(ft_is_block("b", 1));
	assert_false(ft_is_block("span", 4));
}

static void fix(const char *in, long want_count, const char *want)
{
	struct strbuf out = STRBUF_INIT;
	long n = ft_fix_xml_refs(&out, in, strlen(in));

	if (n != want_count || strcmp(out.buf, want) != 0)
		fail_msg("fix \"%s\" -> %ld \"%s\", want %ld \"%s\"", in, n, out.buf, want_count,
		         want);
	sb_release(&out);
}

static void test_fix_xml_refs(void **state)
{
	/* undeclared HTML entities become numeric; XML's own and numeric stay */
	fix("<t>caf&eacute; &amp; &lt; &#233; &#x41; &bogus;</t>", 1,
	    "<t>caf&#233; &amp; &lt; &#233; &#x41; &bogus;</t>");
	/* bare ampersands */
	fix("<t>AT&T &eacute</t><l>?a=1&b=2</l><x>& &#; &#x;</x>", 6,
	    "<t>AT&amp;T &amp;eacute</t><l>?a=1&amp;b=2</l><x>&amp; &amp;#; &amp;#x;</x>");
	/* CDATA and comments untouched */
	fix("<t><![CDATA[a & b &eacute;]]></t><!-- & -->", 0, "");
	fix("<t><![CDATA[a & b]]>&</t>", 1, "<t><![CDATA[a & b]]>&amp;</t>");
	/* nothing to do */
	fix("<t>&amp; only</t>", 0, "");
	/* an unterminated CDATA: the rest is left as it is */
	fix("<t>&x <![CDATA[ & ", 1, "<t>&amp;x <![CDATA[ & ");
	/* a document declaring its own entities is left alone */
	fix("<!DOCTYPE t [<!ENTITY eacute \"E\">]><t>&eacute; & </t>", 0, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_plain),     cmocka_unit_test(test_html_tags),
	        cmocka_unit_test(test_html_refs), cmocka_unit_test(test_truncation),
	        cmocka_unit_test(test_entities),  cmocka_unit_test(test_fix_xml_refs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
