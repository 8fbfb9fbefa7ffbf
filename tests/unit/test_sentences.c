/* Unit tests of sentence segmentation (extractors/sentences.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sentences.h"

/* The sentences of text joined with " | ". */
static const char *split(const char *text)
{
	static char out[4096];
	struct sent_iter it;
	size_t s, e, n = 0;
	out[0] = '\0';
	sent_iter_init(&it, text, strlen(text));
	while (sent_next(&it, &s, &e)) {
		int w = snprintf(out + n, sizeof(out) - n, "%s%.*s", n ? " | " : "", (int)(e - s),
		                 text + s);
		if (w < 0 || (size_t)w >= sizeof(out) - n)
			break;
		n += (size_t)w;
	}
	return out;
}

static void test_plain(void **state)
{
	(void)state;
	assert_string_equal(split("The ban starts today. Apple objected! Will it hold? Yes."),
	                    "The ban starts today. | Apple objected! | Will it hold? | Yes.");
	assert_string_equal(split(""), "");
	assert_string_equal(split("   \n\n  "), "");
	assert_string_equal(split("No final stop"), "No final stop");
}

static void test_abbreviations(void **state)
{
	(void)state;
	assert_string_equal(
	        split("Mr. Cook met Dr. Weber and Sen. Ruiz in Jan. 2024. They talked."),
	        "Mr. Cook met Dr. Weber and Sen. Ruiz in Jan. 2024. | They talked.");
	assert_string_equal(split("She works at No. 10 Downing Street. He does not."),
	                    "She works at No. 10 Downing Street. | He does not.");
	assert_string_equal(split("The answer was No. Then silence."),
	                    "The answer was No. | Then silence.");
	assert_string_equal(split("Acme Corp. said so. Widgets Inc. The firm agreed."),
	                    "Acme Corp. said so. | Widgets Inc. | The firm agreed.");
	assert_string_equal(split("J. R. Smith wrote it. Fine."), "J. R. Smith wrote it. | Fine.");
}

static void test_acronyms_and_numbers(void **state)
{
	(void)state;
	/* A dotted acronym ends a sentence only before a common opener. */
	assert_string_equal(split("U.S. officials met U.K. ministers. Talks went on."),
	                    "U.S. officials met U.K. ministers. | Talks went on.");
	assert_string_equal(split("Chips were sent to the U.S. The ministry objected."),
	                    "Chips were sent to the U.S. | The ministry objected.");
	assert_string_equal(split("Growth was 3.5 percent, e.g. in chips. Exports fell."),
	                    "Growth was 3.5 percent, e.g. in chips. | Exports fell.");
	assert_string_equal(split("A U.S.-led group formed. It grew."),
	                    "A U.S.-led group formed. | It grew.");
}

static void test_quotes_and_ellipses(void **state)
{
	(void)state;
	assert_string_equal(split("\"We will appeal.\" The company said so."),
	                    "\"We will appeal.\" | The company said so.");
	assert_string_equal(split("\xE2\x80\x9CWe will appeal.\xE2\x80\x9D The company said so."),
	                    "\xE2\x80\x9CWe will appeal.\xE2\x80\x9D | The company said so.");
	assert_string_equal(split("\"Why now?\" he asked. Nobody knew."),
	                    "\"Why now?\" he asked. | Nobody knew.");
	assert_string_equal(split("It was... fine. Then... Another thing."),
	                    "It was... fine. | Then... | Another thing.");
	assert_string_equal(split("Wait\xE2\x80\xA6 Then it came."),
	                    "Wait\xE2\x80\xA6 | Then it came.");
	assert_string_equal(split("(A side note.) Back to it."), "(A side note.) | Back to it.");
}

static void test_paragraphs(void **state)
{
	(void)state;
	assert_string_equal(split("Headline without stop\nFirst sentence. Second\n\nThird"),
	                    "Headline without stop | First sentence. | Second | Third");
	assert_string_equal(split("  padded  \n"), "padded");
}

static void test_spans_are_bytes(void **state)
{
	(void)state;
	const char *t = "Caf\xC3\xA9 opens. Next one.";
	struct sent_iter it;
	size_t s, e;
	sent_iter_init(&it, t, strlen(t));
	assert_true(sent_next(&it, &s, &e));
	assert_int_equal(s, 0);
	assert_int_equal(e, 12);
	assert_true(sent_next(&it, &s, &e));
	assert_int_equal(s, 13);
	assert_int_equal(e, strlen(t));
	assert_false(sent_next(&it, &s, &e));
	assert_false(sent_next(&it, &s, &e)); /* stays at the end */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_plain),
	        cmocka_unit_test(test_abbreviations),
	        cmocka_unit_test(test_acronyms_and_numbers),
	        cmocka_unit_test(test_quotes_and_ellipses),
	        cmocka_unit_test(test_paragraphs),
	        cmocka_unit_test(test_spans_are_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
