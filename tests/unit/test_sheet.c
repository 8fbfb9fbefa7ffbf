/* Unit tests of news-sheet's pure helpers (pipeline/run_sheet.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "run_sheet.h"

static struct sheet_span S(const char *s) {
	return (struct sheet_span){s, strlen(s)};
}

static void
test_items(void **state)
{
	(void)state;
	const char *l = " GOV:gb:0-2;;COMPANY:apple:10-15 ;";
	size_t pos = 0;
	struct sheet_span it;
	struct sheet_mention m;
	assert_true(sheet_next_item(l, strlen(l), &pos, &it));
	assert_int_equal(sheet_parse_mention(it, &m), 0);
	assert_int_equal(m.type.len, 3);
	assert_memory_equal(m.id.s, "gb", 2);
	assert_int_equal(m.start, 0);
	assert_int_equal(m.end, 2);
	assert_true(sheet_next_item(l, strlen(l), &pos, &it));
	assert_int_equal(sheet_parse_mention(it, &m), 0);
	assert_int_equal(m.id.len, 5);
	assert_int_equal(m.end, 15);
	assert_false(sheet_next_item(l, strlen(l), &pos, &it));
	assert_int_equal(sheet_parse_mention(S("GOV:gb/home-office:4-15"), &m), 0);
	assert_int_equal(m.id.len, strlen("gb/home-office"));
	assert_int_equal(sheet_parse_mention(S("GOV:gb:5-2"), &m), -1);
	assert_int_equal(sheet_parse_mention(S("GOV::1-2"), &m), -1);
	assert_int_equal(sheet_parse_mention(S("GOV:gb:1-"), &m), -1);
	assert_int_equal(sheet_parse_mention(S("nothing"), &m), -1);
}

static void test_stance(void **state)
{
	(void)state;
	struct sheet_stance st;
	assert_int_equal(sheet_parse_stance(S("gb/home-office:encryption:support:0-81:0.80"), &st),
	                 0);
	assert_int_equal(st.actor.len, strlen("gb/home-office"));
	assert_memory_equal(st.topic.s, "encryption", 10);
	assert_memory_equal(st.stance.s, "support", 7);
	assert_int_equal(st.start, 0);
	assert_int_equal(st.end, 81);
	assert_true(fabs(st.conf - 0.8) < 1e-9);
	assert_int_equal(sheet_parse_stance(S("apple:t:oppose:1-2:1.5"), &st), -1);
	assert_int_equal(sheet_parse_stance(S("apple:t:oppose:1-2"), &st), -1);
	assert_int_equal(sheet_parse_stance(S(":t:oppose:1-2:0.5"), &st), -1);
}

static void test_cut(void **state)
{
	(void)state;
	const char *t = "a\xc3\xa9\xf0\x9f\x98\x80z"; /* a é 😀 z: 4 code points */
	size_t b0, b1;
	assert_int_equal(sheet_cut(t, strlen(t), 1, 3, &b0, &b1), 0);
	assert_int_equal(b0, 1);
	assert_int_equal(b1, 7);
	assert_int_equal(sheet_cut(t, strlen(t), 3, 4, &b0, &b1), 0);
	assert_int_equal(b0, 7);
	assert_int_equal(b1, 8);
	assert_int_equal(sheet_cut(t, strlen(t), 3, 5, &b0, &b1), -1);
	assert_int_equal(sheet_cut(t, strlen(t), 2, 2, &b0, &b1), -1);
	/* With a cursor: forward from the last start, back from the text's. */
	struct sheet_cursor cur = {0, 0};
	assert_int_equal(sheet_cut_at(t, strlen(t), &cur, 2, 3, &b0, &b1), 0);
	assert_int_equal(b0, 3);
	assert_int_equal(cur.cp, 2);
	assert_int_equal(sheet_cut_at(t, strlen(t), &cur, 3, 4, &b0, &b1), 0);
	assert_int_equal(b0, 7);
	assert_int_equal(sheet_cut_at(t, strlen(t), &cur, 0, 1, &b0, &b1), 0);
	assert_int_equal(b0, 0);
	assert_int_equal(b1, 1);
}

static void test_dates(void **state)
{
	(void)state;
	double v;
	int t;
	assert_int_equal(sheet_parse_date("2024-03-01", 10, &v, &t), 0);
	assert_int_equal(t, 0);
	assert_true(fabs(v - 45352) < 1e-9); /* as spreadsheets count */
	assert_int_equal(sheet_parse_date("2024-03-01T12:00:00Z", 20, &v, &t), 0);
	assert_true(fabs(v - 45352.5) < 1e-9);
	assert_int_equal(t, 1);
	const char *z = "2024-03-01 01:00:00+02:00"; /* the day before, 23:00 UTC */
	assert_int_equal(sheet_parse_date(z, strlen(z), &v, &t), 0);
	assert_true(fabs(v - (45351 + 23.0 / 24)) < 1e-9);
	const char *f = "2024-03-01T00:00:30.5-0130";
	assert_int_equal(sheet_parse_date(f, strlen(f), &v, &t), 0);
	assert_true(fabs(v - (45352 + (90 * 60 + 30.5) / 86400)) < 1e-9);
	assert_int_equal(sheet_parse_date("2023-02-29", 10, &v, &t), -1);
	assert_int_equal(sheet_parse_date("1899-01-01", 10, &v, &t), -1);
	assert_int_equal(sheet_parse_date("yesterday", 9, &v, &t), -1);
	assert_int_equal(sheet_parse_date("2024-03-01T25:00", 16, &v, &t), -1);
}

static void test_tsv_cell(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(sheet_tsv_cell(&sb, "=1+1", 4), 0);
	assert_string_equal(sb.buf, "'=1+1");
	sb_reset(&sb);
	assert_int_equal(sheet_tsv_cell(&sb, "-3", 2), 0);
	assert_string_equal(sb.buf, "'-3");
	sb_reset(&sb);
	assert_int_equal(sheet_tsv_cell(&sb, "a\tb \"q\"", 7), 0);
	assert_string_equal(sb.buf, "\"a\tb \"\"q\"\"\"");
	sb_reset(&sb);
	assert_int_equal(sheet_tsv_cell(&sb, "\rx", 2), 0);
	assert_string_equal(sb.buf, "\"'\rx\"");
	sb_reset(&sb);
	assert_int_equal(sheet_tsv_cell(&sb, "a = b", 5), 0);
	assert_string_equal(sb.buf, "a = b");
	sb_release(&sb);
	assert_true(sheet_is_link("https://x.test/a", 16));
	assert_false(sheet_is_link("javascript:alert(1)", 19));
	assert_false(sheet_is_link("http://x.test/a b", 17));
}

static void test_cell_fit(void **state)
{
	(void)state;
	static char big[40000];
	memset(big, 'x', sizeof big);
	int cut;
	assert_int_equal(sheet_cell_fit(big, 100, &cut), 100);
	assert_int_equal(cut, 0);
	assert_int_equal(sheet_cell_fit(big, SHEET_CELL_MAX, &cut), SHEET_CELL_MAX);
	assert_int_equal(cut, 0);
	size_t keep = sheet_cell_fit(big, SHEET_CELL_MAX + 1, &cut);
	assert_int_equal(cut, 1);
	assert_int_equal(keep, SHEET_CELL_MAX - 12); /* room for the 12-unit marker */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_items),    cmocka_unit_test(test_stance),
	        cmocka_unit_test(test_cut),      cmocka_unit_test(test_dates),
	        cmocka_unit_test(test_tsv_cell), cmocka_unit_test(test_cell_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
