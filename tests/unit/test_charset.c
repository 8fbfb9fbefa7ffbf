/*
 * test_charset: encoding sniffing (WHATWG rules) and conversion to UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "charset.h"
#include "strbuf.h"

#define LEN(s) (sizeof(s) - 1)

static void test_labels(void **state)
{
	static const struct {
		const char *label;
		const char *name;
	} cases[] = {
	        {"utf-8", "UTF-8"},
	        {"  UTF8 ", "UTF-8"},
	        {"ISO-8859-1", "windows-1252"}, /* the standard's rule, not a typo */
	        {"us-ascii", "windows-1252"},
	        {"latin1", "windows-1252"},
	        {"iso-8859-9", "windows-1254"},
	        {"Shift_JIS", "Shift_JIS"},
	        {"x-sjis", "Shift_JIS"},
	        {"gb2312", "GBK"},
	        {"koi8-r", "KOI8-R"},
	        {"utf-16", "UTF-16LE"},
	        {"iso-2022-kr", "replacement"},
	        {"euc-kr", "EUC-KR"},
	        {"windows-1251", "windows-1251"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int enc = charset_lookup(cases[i].label, strlen(cases[i].label));
		assert_string_equal(charset_name(enc), cases[i].name);
	}
	assert_int_equal(charset_lookup("utf-9", 5), CHARSET_UNKNOWN);
	assert_int_equal(charset_lookup("", 0), CHARSET_UNKNOWN);
	assert_string_equal(charset_name(CHARSET_UNKNOWN), "");
}

static void test_content_type(void **state)
{
	static const struct {
		const char *ct;
		const char *name; /* "" for unknown */
	} cases[] = {
	        {"text/html; charset=UTF-8", "UTF-8"},
	        {"text/html;charset=\"iso-8859-2\"", "ISO-8859-2"},
	        {"text/html; charset='koi8-r'", "KOI8-R"},
	        {"text/html; CHARSET = windows-1251 ; foo=bar", "windows-1251"},
	        {"text/html", ""},
	        {"text/html; charset=bogus", ""},
	        {"text/html; charset=\"utf-8", ""}, /* unclosed quote */
	        {"text/charset=utf-8", ""},         /* not a parameter */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int enc = charset_from_content_type(cases[i].ct, strlen(cases[i].ct));
		assert_string_equal(charset_name(enc), cases[i].name);
	}
	assert_int_equal(charset_from_content_type(NULL, 0), CHARSET_UNKNOWN);
}

static void test_prescan(void **state)
{
	static const struct {
		const char *html;
		const char *name;
	} cases[] = {
	        {"<html><head><meta charset=\"windows-1251\">", "windows-1251"},
	        {"<meta charset=utf-8>", "UTF-8"},
	        {"<META CHARSET='ISO-8859-2'/>", "ISO-8859-2"},
	        {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">",
	         "KOI8-R"},
	        {"<meta content=\"text/html; charset=koi8-r\" http-equiv=content-type>", "KOI8-R"},
	        /* content without http-equiv does not count */
	        {"<meta content=\"text/html; charset=koi8-r\">", ""},
	        /* a meta in a comment does not count */
	        {"<!-- <meta charset=koi8-r> --><meta charset=iso-8859-7>", "ISO-8859-7"},
	        /* nor one inside another tag's attribute */
	        {"<div title='<meta charset=koi8-r>'><meta charset=euc-jp>", "EUC-JP"},
	        /* UTF-16 in a meta means UTF-8 */
	        {"<meta charset=utf-16le>", "UTF-8"},
	        {"<meta charset=x-user-defined>", "windows-1252"},
	        /* first valid one wins; an unknown label is skipped */
	        {"<meta charset=nonsense><meta charset=gbk>", "GBK"},
	        /* <metadata> is not <meta> */
	        {"<metadata charset=koi8-r>", ""},
	        {"<!doctype html><?php x ?><meta charset=big5>", "Big5"},
	        /* unclosed comment: nothing */
	        {"<!-- <meta charset=koi8-r>", ""},
	        {"", ""},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int enc = charset_prescan(cases[i].html, strlen(cases[i].html));
		assert_string_equal(charset_name(enc), cases[i].name);
	}
}

static void test_prescan_1024(void **state)
{
	char buf[1200];
	const char meta[] = "<meta charset=koi8-r>";

	(void)state;
	memset(buf, ' ', sizeof(buf));
	memcpy(buf + 1010, meta, LEN(meta));
	assert_int_equal(charset_prescan(buf, sizeof(buf)), CHARSET_UNKNOWN);
	memcpy(buf + 100, meta, LEN(meta));
	assert_string_equal(charset_name(charset_prescan(buf, sizeof(buf))), "KOI8-R");
}

static void test_detect_order(void **state)
{
	size_t bom;
	const char utf8_bom[] = "\xEF\xBB\xBF<meta charset=koi8-r>";
	const char plain[] = "<p>caf\xE9</p>";
	const char utf8[] = "<p>caf\xC3\xA9</p>";
	const char meta[] = "<meta charset=iso-8859-7><p>x</p>";
	const char xml[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>";

	(void)state;
	/* BOM beats header and meta */
	assert_int_equal(
	        charset_detect("text/html; charset=koi8-r", 25, utf8_bom, LEN(utf8_bom), &bom),
	        CHARSET_UTF8);
	assert_int_equal(bom, 3);
	/* header beats meta */
	assert_string_equal(charset_name(charset_detect("text/html; charset=koi8-r", 25, meta,
	                                                LEN(meta), &bom)),
	                    "KOI8-R");
	assert_int_equal(bom, 0);
	assert_string_equal(charset_name(charset_detect("text/html", 9, meta, LEN(meta), &bom)),
	                    "ISO-8859-7");
	/* no label: windows-1252 for HTML, UTF-8 when the bytes are UTF-8 */
	assert_int_equal(charset_detect("text/html", 9, plain, LEN(plain), &bom),
	                 CHARSET_WINDOWS_1252);
	assert_int_equal(charset_detect("text/html", 9, utf8, LEN(utf8), &bom), CHARSET_UTF8);
	assert_int_equal(charset_detect(NULL, 0, plain, LEN(plain), &bom), CHARSET_WINDOWS_1252);
	/* XML: the declaration; JSON and unlabelled XML: UTF-8 */
	assert_int_equal(charset_detect("application/rss+xml", 19, xml, LEN(xml), &bom),
	                 CHARSET_WINDOWS_1252);
	assert_int_equal(charset_detect(NULL, 0, xml, LEN(xml), &bom), CHARSET_WINDOWS_1252);
	assert_int_equal(charset_detect("application/json", 16, plain, LEN(plain), &bom),
	                 CHARSET_UTF8);
	/* the meta prescan is for HTML only */
	assert_int_equal(charset_detect("application/xml", 15, meta, LEN(meta), &bom),
	                 CHARSET_UTF8);
	assert_int_equal(charset_bom("\xFF\xFEx", 3, &bom), CHARSET_UTF16LE);
	assert_int_equal(bom, 2);
	assert_int_equal(charset_bom("\xFE\xFFx", 3, &bom), CHARSET_UTF16BE);
	assert_int_equal(charset_bom("\xEF\xBB", 2, &bom), CHARSET_UNKNOWN);
	assert_int_equal(bom, 0);
}

static void test_doc_kind(void **state)
{
	(void)state;
	assert_int_equal(charset_doc_kind("text/html", 9, "", 0), CHARSET_DOC_HTML);
	assert_int_equal(charset_doc_kind("application/xhtml+xml", 21, "", 0), CHARSET_DOC_HTML);
	assert_int_equal(charset_doc_kind("application/atom+xml; charset=x", 31, "", 0),
	                 CHARSET_DOC_XML);
	assert_int_equal(charset_doc_kind("application/feed+json", 21, "", 0), CHARSET_DOC_JSON);
	assert_int_equal(charset_doc_kind("text/plain", 10, "", 0), CHARSET_DOC_TEXT);
	assert_int_equal(charset_doc_kind(NULL, 0, " <?xml version", 14), CHARSET_DOC_XML);
	assert_int_equal(charset_doc_kind(NULL, 0, "{\"a\":1}", 7), CHARSET_DOC_JSON);
}

/* Convert and compare with the expected UTF-8 and replacement count. */
static void check_conv(const char *label, const char *in, size_t n, const char *want, long bad)
{
	struct strbuf out = STRBUF_INIT;
	int enc = charset_lookup(label, strlen(label));

	assert_int_not_equal(enc, CHARSET_UNKNOWN);
	assert_int_equal(charset_to_utf8(&out, enc, in, n), bad);
	assert_int_equal(out.len, strlen(want));
	assert_memory_equal(out.buf, want, out.len);
	sb_release(&out);
}

static void test_convert(void **state)
{
	(void)state;
	/* windows-1252, including the C1 range and its holes */
	check_conv("windows-1252", "caf\xE9 \x80 \x93x\x94 \x81", 12,
	           "caf\xC3\xA9 \xE2\x82\xAC \xE2\x80\x9Cx\xE2\x80\x9D \xC2\x81", 0);
	check_conv("iso-8859-1", "\xA3", 1, "\xC2\xA3", 0);
	check_conv("x-user-defined", "a\x80", 2, "a\xEF\x9E\x80", 0);
	/* UTF-8 repaired */
	check_conv("utf-8",
	           "a\xFF"
	           "b",
	           3,
	           "a\xEF\xBF\xBD"
	           "b",
	           1);
	/* iconv encodings */
	check_conv("koi8-r", "\xF0\xD2\xC9", 3, "\xD0\x9F\xD1\x80\xD0\xB8", 0);
	check_conv("windows-1251", "\xCF\xF0\xE8", 3, "\xD0\x9F\xD1\x80\xD0\xB8", 0);
	check_conv("shift_jis", "\x93\xFA\x96\x7B", 4, "\xE6\x97\xA5\xE6\x9C\xAC", 0);
	check_conv("iso-2022-jp", "\x1B$BF|K\\\x1B(B", 10, "\xE6\x97\xA5\xE6\x9C\xAC", 0);
	check_conv("utf-16le", "h\0i\0", 4, "hi", 0);
	check_conv("utf-16be", "\0h\0i", 4, "hi", 0);
	/* a lone surrogate and a truncated unit */
	check_conv("utf-16le", "\x00\xD8x\0y", 5, "\xEF\xBF\xBDx\xEF\xBF\xBD", 2);
	/* invalid multibyte */
	check_conv("euc-jp", "a\xA4", 2, "a\xEF\xBF\xBD", 1);
	/* the replacement encoding: one U+FFFD for any input, nothing for none */
	check_conv("iso-2022-kr", "abc", 3, "\xEF\xBF\xBD", 1);
	check_conv("iso-2022-kr", "", 0, "", 0);
}

static void test_convert_cap(void **state)
{
	struct strbuf out;

	(void)state;
	sb_init(&out, 4);
	assert_int_equal(sb_add(&out, "ab", 2), 0);
	/* too long for the cap: fails and leaves the buffer as it was */
	assert_int_equal(charset_to_utf8(&out, CHARSET_WINDOWS_1252, "\xE9\xE9", 2), -1);
	assert_int_equal(out.len, 2);
	assert_int_equal(charset_to_utf8(&out, charset_lookup("koi8-r", 6), "\xF0\xD2", 2), -1);
	assert_int_equal(out.len, 2);
	assert_int_equal(charset_to_utf8(&out, CHARSET_WINDOWS_1252, "\xE9", 1), 0);
	assert_memory_equal(out.buf, "ab\xC3\xA9", 4);
	sb_release(&out);
}

static void test_convert_large(void **state)
{
	/* longer than iconv's chunk: conversion must carry on across chunks */
	static char in[20000];
	struct strbuf out = STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i % 2 ? 0xF0 : 'a');
	assert_int_equal(charset_to_utf8(&out, charset_lookup("koi8-r", 6), in, sizeof(in)), 0);
	assert_int_equal(out.len, sizeof(in) / 2 * 3);
	sb_release(&out);
}

static void test_fix_xml_decl(void **state)
{
	static const struct {
		const char *in, *out;
		int r;
	} cases[] = {
	        {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
	         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>", 1},
	        {"<?xml version='1.0' encoding = 'windows-1251' "
	         "standalone='yes'?>\n<r>\xd0\x9f</r>",
	         "<?xml version='1.0' encoding = 'UTF-8' standalone='yes'?>\n<r>\xd0\x9f</r>", 1},
	        {"<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>", NULL, 0},
	        {"<?xml version=\"1.0\"?><a encoding=\"x\"/>", NULL,
	         0}, /* not in the declaration */
	        {"<rss encoding=\"latin1\"/>", NULL, 0},
	        {"<?xml version=\"1.0\" encoding=\"latin1", NULL, 0}, /* unterminated */
	        {"", NULL, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;

		sb_addstr(&sb, cases[i].in);
		assert_int_equal(charset_fix_xml_decl(&sb), cases[i].r);
		assert_string_equal(sb.buf, cases[i].out ? cases[i].out : cases[i].in);
		sb_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_labels),        cmocka_unit_test(test_content_type),
	        cmocka_unit_test(test_prescan),       cmocka_unit_test(test_prescan_1024),
	        cmocka_unit_test(test_detect_order),  cmocka_unit_test(test_doc_kind),
	        cmocka_unit_test(test_convert),       cmocka_unit_test(test_convert_cap),
	        cmocka_unit_test(test_convert_large), cmocka_unit_test(test_fix_xml_decl),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
