/* Unit tests of the record stream: strbuf, utf8, TSV escaping, stage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prog.h"
#include "stage.h"
#include "strbuf.h"
#include "utf8.h"

static void test_strbuf_cap(void **state)
{
	(void)state;
	struct strbuf sb;
	sb_init(&sb, 8);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb_addstr(&sb, "12345678"), 0);
	assert_int_equal(sb_addch(&sb, 'x'), -1); /* over the cap: refused */
	assert_string_equal(sb.buf, "12345678");  /* and left as it was */
	sb_reset(&sb);
	assert_int_equal(sb_addf(&sb, "%d-%s", 42, "ab"), 0);
	assert_string_equal(sb.buf, "42-ab");
	sb_release(&sb);
	assert_ptr_equal(sb.buf, strbuf_empty);
}

static void test_strbuf_trim_detach(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	sb_addstr(&sb, " \t hello \n");
	sb_trim(&sb);
	assert_string_equal(sb.buf, "hello");
	size_t n;
	char *p = sb_detach(&sb, &n);
	assert_int_equal(n, 5);
	assert_string_equal(p, "hello");
	assert_int_equal(sb.len, 0);
	free(p);
}

static void test_utf8_decode(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xE2\x80\x99", 3, &cp), 3);
	assert_int_equal(cp, 0x2019);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* overlong, surrogate, truncated, stray continuation */
	utf8_decode("\xC0\xAF", 2, &cp);
	assert_int_equal(cp, UTF8_INVALID);
	utf8_decode("\xED\xA0\x80", 3, &cp);
	assert_int_equal(cp, UTF8_INVALID);
	utf8_decode("\xE2\x80", 2, &cp);
	assert_int_equal(cp, UTF8_INVALID);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, UTF8_INVALID);
}

static void test_utf8_repair_count(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	const char bad[] = "a\xE2\x80"
	                   "b\xFF"
	                   "c\xC3\xA9";
	assert_false(utf8_valid(bad, sizeof bad - 1));
	assert_int_equal(utf8_repair(&sb, bad, sizeof bad - 1), 2);
	assert_string_equal(sb.buf, "a\xEF\xBF\xBD"
	                            "b\xEF\xBF\xBD"
	                            "c\xC3\xA9");
	assert_true(utf8_valid(sb.buf, sb.len));
	/* counting agrees with the repaired text */
	assert_int_equal(utf8_count(bad, sizeof bad - 1), utf8_count(sb.buf, sb.len));
	assert_int_equal(utf8_count(sb.buf, sb.len), 6);
	sb_release(&sb);
}

static void test_tsv_escape_roundtrip(void **state)
{
	(void)state;
	const char v[] = "a\tb\nc\rd\\e\\nf";
	struct strbuf esc = STRBUF_INIT, back = STRBUF_INIT;
	tsv_escape(&esc, v, sizeof v - 1);
	assert_string_equal(esc.buf, "a\\tb\\nc\\rd\\\\e\\\\nf");
	assert_int_equal(tsv_unescape(&back, esc.buf, esc.len), 0);
	assert_memory_equal(back.buf, v, sizeof v);
	sb_reset(&back);
	/* unknown escapes and a lone trailing backslash stay literal */
	assert_int_equal(tsv_unescape(&back, "x\\qy\\", 5), 2);
	assert_string_equal(back.buf, "x\\qy\\");
	sb_release(&esc);
	sb_release(&back);
}

/* Run a small "upper-case column b, add column n" stage in a child process
 * over `input`; return its stdout, stderr and exit status. */
static const char *const in_cols[] = {"b", NULL};
static const char *const opt_cols[] = {"o", NULL};
static const char *const out_cols[] = {"n", "b2", NULL};

static int run_stage(const char *input, char **out, char **err, const char *const *drop)
{
	char inpath[] = "/tmp/np-test-in-XXXXXX", outpath[] = "/tmp/np-test-out-XXXXXX";
	char errpath[] = "/tmp/np-test-err-XXXXXX";
	int fi = mkstemp(inpath), fo = mkstemp(outpath), fe = mkstemp(errpath);
	assert_true(write(fi, input, strlen(input)) == (ssize_t)strlen(input));
	close(fi);
	pid_t pid = fork();
	if (pid == 0) {
		static const struct np_prog prog = {"test-stage", "", "", NULL, NP_STREAM_OPTS};
		dup2(fo, 1);
		dup2(fe, 2);
		char *argv[] = {"test-stage", inpath, NULL};
		np_init(&prog, 2, argv);
		struct np_stage st;
		np_stage_open(&st, 1, argv + 1, in_cols, opt_cols, out_cols, drop);
		while (np_stage_next(&st)) {
			struct np_str b = np_stage_in(&st, 0);
			char *up = xmemdup(b.s, b.len);
			for (char *p = up; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p -= 32;
			char n[32];
			snprintf(n, sizeof n, "%zu", b.len);
			struct np_str o[2] = {{n, strlen(n)}, {up, b.len}};
			np_stage_emit(&st, np_stage_row(&st), o);
			free(up);
		}
		np_stage_close(&st);
		_exit(np_exit());
	}
	int status;
	waitpid(pid, &status, 0);
	FILE *f = fdopen(fo, "r");
	rewind(f);
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sb, buf, n);
	*out = sb_detach(&sb, NULL);
	fclose(f);
	f = fdopen(fe, "r");
	rewind(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sb, buf, n);
	*err = sb_detach(&sb, NULL);
	fclose(f);
	unlink(inpath);
	unlink(outpath);
	unlink(errpath);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void test_stage_passthrough_and_append(void **state)
{
	(void)state;
	char *out, *err;
	int st = run_stage("a\tb\tc\nx\thi\\tthere\tz\n", &out, &err, NULL);
	assert_int_equal(st, 0);
	assert_string_equal(out, "a\tb\tc\tn\tb2\nx\thi\\tthere\tz\t8\tHI\\tTHERE\n");
	assert_string_equal(err, "");
	free(out);
	free(err);
}

static void test_stage_replace_in_place_and_drop(void **state)
{
	(void)state;
	static const char *const drop[] = {"b", NULL};
	char *out, *err;
	/* n exists already: replaced where it stands; b dropped; b2 appended */
	int st = run_stage("n\ta\tb\nold\t1\tq\n", &out, &err, drop);
	assert_int_equal(st, 0);
	assert_string_equal(out, "n\ta\tb2\n1\t1\tQ\n");
	free(out);
	free(err);
}

static void test_stage_bad_rows_kept_going(void **state)
{
	(void)state;
	char *out, *err;
	int st = run_stage("a\tb\n1\tx\n2\n3\ty\tz\n4\t\xFF\n5\tw\n", &out, &err, NULL);
	assert_int_equal(st, 1);
	/* wrong-width rows skipped and reported, invalid UTF-8 repaired */
	assert_string_equal(out, "a\tb\tn\tb2\n1\tx\t1\tX\n4\t\xEF\xBF\xBD\t3\t\xEF\xBF\xBD\n"
	                         "5\tw\t1\tW\n");
	assert_non_null(strstr(err, ":3: 1 field, the header has 2; record skipped"));
	assert_non_null(strstr(err, ":4: 3 fields, the header has 2; record skipped"));
	assert_non_null(strstr(err, ":5: invalid UTF-8"));
	free(out);
	free(err);
}

static void test_stage_missing_column(void **state)
{
	(void)state;
	char *out, *err;
	int st = run_stage("a\tc\n1\t2\n", &out, &err, NULL);
	assert_int_equal(st, 1);
	assert_non_null(strstr(err, "missing column 'b' (columns: a, c)"));
	assert_string_equal(out, "b\tn\tb2\n"); /* still a typed, empty stream */
	free(out);
	free(err);
}

static void test_stage_url_list(void **state)
{
	(void)state;
	static const char *const drop[] = {NULL};
	(void)drop;
	char *out, *err;
	/* a header-less URL list is read as column "url"; our stage wants b */
	int st = run_stage("https://a.example/x\n# comment\n\nhttp://b.example/\n", &out, &err,
	                   NULL);
	assert_int_equal(st, 1); /* no column b */
	assert_non_null(strstr(err, "missing column 'b' (columns: url)"));
	free(out);
	free(err);
}

static void test_stage_nul_and_cr(void **state)
{
	(void)state;
	char *out, *err;
	const char in[] = "a\tb\r\n1\tx\ry\r\n";
	int st = run_stage(in, &out, &err, NULL);
	assert_int_equal(st, 1);
	assert_string_equal(out, "a\tb\tn\tb2\n1\tx\\ry\t3\tX\\rY\n");
	assert_non_null(strstr(err, "unescaped CR"));
	free(out);
	free(err);
}

/* A repaired line may be longer than the cap its buffer had (each bad byte
 * becomes three): it must come through whole, not be lost. */
static void test_line_repair_grows_past_cap(void **state)
{
	(void)state;
	struct strbuf raw;
	sb_init(&raw, 4);
	assert_int_equal(sb_add(&raw, "\xff\xff\xff\xff", 4), 0);
	struct tsv_lines l = {.name = "t", .line = 7};
	tsv_line_repair(&l, &raw);
	assert_int_equal(raw.len, 12);
	assert_true(utf8_valid(raw.buf, raw.len));
	assert_true(raw.cap >= 4);
	sb_release(&raw);
	size_t *start = NULL, *len = NULL, alloc = 0;
	assert_int_equal(tsv_split("a\tbc\t", 5, &start, &len, &alloc), 3);
	assert_int_equal(start[1], 2);
	assert_int_equal(len[1], 2);
	assert_int_equal(len[2], 0);
	free(start);
	free(len);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_strbuf_cap),
	        cmocka_unit_test(test_strbuf_trim_detach),
	        cmocka_unit_test(test_utf8_decode),
	        cmocka_unit_test(test_utf8_repair_count),
	        cmocka_unit_test(test_tsv_escape_roundtrip),
	        cmocka_unit_test(test_stage_passthrough_and_append),
	        cmocka_unit_test(test_stage_replace_in_place_and_drop),
	        cmocka_unit_test(test_stage_bad_rows_kept_going),
	        cmocka_unit_test(test_stage_missing_column),
	        cmocka_unit_test(test_stage_url_list),
	        cmocka_unit_test(test_stage_nul_and_cr),
	        cmocka_unit_test(test_line_repair_grows_past_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
