/* Unit tests for extractors/datetime.c: RFC 822 family and ISO 8601. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "datetime.h"

static void expect(const char *in, const char *want)
{
	char out[DT_ISO_LEN];
	int rc = dt_parse(in, strlen(in), out);

	if (want == NULL) {
		if (rc != -1 || out[0] != '\0')
			fail_msg("\"%s\" should not parse, got \"%s\"", in, out);
		return;
	}
	if (rc != 0 || strcmp(out, want) != 0)
		fail_msg("\"%s\" -> \"%s\" (rc %d), want \"%s\"", in, out, rc, want);
}

static void test_rfc822_basic(void **state)
{
	expect("Tue, 02 Mar 2021 23:39:15 +0100", "2021-03-02T22:39:15Z");
	expect("Wed, 31 Jul 2019 11:54:28 GMT", "2019-07-31T11:54:28Z");
	expect("Wed, 31 Jul 2019 11:54:28 UT", "2019-07-31T11:54:28Z");
	expect("Wed, 31 Jul 2019 11:54:28 UTC", "2019-07-31T11:54:28Z");
	expect("Wed, 31 Jul 2019 11:54:28 Z", "2019-07-31T11:54:28Z");
	expect("Wed, 31 Jul 2019 11:54:28 -0000", "2019-07-31T11:54:28Z");
	expect("  Wed, 31 Jul 2019 11:54:28 +0000 \n", "2019-07-31T11:54:28Z");
}

static void test_rfc822_named_zones(void **state)
{
	expect("Mon, 06 Sep 2010 00:01:00 EST", "2010-09-06T05:01:00Z");
	expect("Mon, 06 Sep 2010 00:01:00 EDT", "2010-09-06T04:01:00Z");
	expect("Mon, 06 Sep 2010 00:01:00 CST", "2010-09-06T06:01:00Z");
	expect("Mon, 06 Sep 2010 00:01:00 MDT", "2010-09-06T06:01:00Z");
	expect("Mon, 06 Sep 2010 00:01:00 PDT", "2010-09-06T07:01:00Z");
	expect("Mon, 06 Sep 2010 00:01:00 PST", "2010-09-06T08:01:00Z");
	expect("Mon, 06 Sep 2010 00:01:00 pst", "2010-09-06T08:01:00Z");
	expect("Mon, 06 Sep 2010 12:00:00 CEST", "2010-09-06T10:00:00Z");
	expect("Mon, 06 Sep 2010 12:00:00 IST", "2010-09-06T06:30:00Z");
	expect("Mon, 06 Sep 2010 12:00:00 GMT+2", "2010-09-06T10:00:00Z");
	expect("Mon, 06 Sep 2010 12:00:00 +05:30", "2010-09-06T06:30:00Z");
	expect("Mon, 06 Sep 2010 12:00:00 -0930", "2010-09-06T21:30:00Z");
	/* military zones other than Z are unreliable: read as UTC */
	expect("Mon, 06 Sep 2010 12:00:00 A", "2010-09-06T12:00:00Z");
	expect("Mon, 06 Sep 2010 12:00:00 XYZT", NULL);
	expect("Mon, 06 Sep 2010 12:00:00 +99", NULL);
}

static void test_rfc822_lenient(void **state)
{
	/* no seconds */
	expect("Tue, 02 Mar 2021 23:39 +0100", "2021-03-02T22:39:00Z");
	/* no day name, single-digit day, no zone */
	expect("2 Mar 2021 23:39:15", "2021-03-02T23:39:15Z");
	/* full day and month names, no comma */
	expect("Tuesday 2 March 2021 08:00:00 GMT", "2021-03-02T08:00:00Z");
	expect("Thurs, 4 Sept 2014 08:00:00 GMT", "2014-09-04T08:00:00Z");
	/* month first */
	expect("March 2, 2021 8:05 PM EST", "2021-03-03T01:05:00Z");
	expect("Mar 2, 2021 12:05 AM", "2021-03-02T00:05:00Z");
	/* dashes */
	expect("02-Mar-2021 10:00:00 GMT", "2021-03-02T10:00:00Z");
	/* date only */
	expect("02 Mar 2021", "2021-03-02T00:00:00Z");
	/* asctime, and date(1) with the zone before the year */
	expect("Tue Mar  2 23:39:15 2021", "2021-03-02T23:39:15Z");
	expect("Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z");
	/* RFC 850 */
	expect("Thursday, 01-Jan-04 19:48:21 GMT", "2004-01-01T19:48:21Z");
	/* a trailing comment */
	expect("Tue, 02 Mar 2021 23:39:15 -0800 (PST)", "2021-03-03T07:39:15Z");
	/* a zone name repeating the offset */
	expect("Mon, 10 Sep 2018 13:00:00 +0000 GMT", "2018-09-10T13:00:00Z");
	expect("Mon, 10 Sep 2018 13:00:00 +0200 CEST", "2018-09-10T11:00:00Z");
	expect("Mon, 10 Sep 2018 13:00:00 +0200 Nowhere", NULL);
	/* fractional seconds are dropped */
	expect("Tue, 02 Mar 2021 23:39:15.250 GMT", "2021-03-02T23:39:15Z");
}

static void test_rfc822_years(void **state)
{
	expect("Fri, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z");
	expect("Fri, 01 Jan 49 00:00:00 GMT", "2049-01-01T00:00:00Z");
	expect("Fri, 01 Jan 50 00:00:00 GMT", "1950-01-01T00:00:00Z");
	expect("Fri, 01 Jan 04 00:00:00 GMT", "2004-01-01T00:00:00Z");
	expect("Fri, 01 Jan 104 00:00:00 GMT", "2004-01-01T00:00:00Z");
	/* an offset that crosses a year boundary */
	expect("Thu, 31 Dec 2020 23:30:00 -0100", "2021-01-01T00:30:00Z");
	expect("Fri, 01 Jan 2021 00:30:00 +0100", "2020-12-31T23:30:00Z");
}

static void test_iso8601(void **state)
{
	expect("2019-07-31T11:54:28Z", "2019-07-31T11:54:28Z");
	expect("2019-07-31t11:54:28z", "2019-07-31T11:54:28Z");
	expect("2009-08-31T18:55:12.569Z", "2009-08-31T18:55:12Z");
	expect("2009-08-31T18:55:12,5+02:00", "2009-08-31T16:55:12Z");
	expect("2022-04-21T00:00:00+00:00", "2022-04-21T00:00:00Z");
	expect("2022-04-21T00:00:00-05:00", "2022-04-21T05:00:00Z");
	expect("2022-04-21T00:00:00+0530", "2022-04-20T18:30:00Z");
	expect("2022-04-21T00:00:00+01", "2022-04-20T23:00:00Z");
	expect("2022-04-21 10:20:30", "2022-04-21T10:20:30Z");
	expect("2022-04-21T10:20Z", "2022-04-21T10:20:00Z");
	expect("2022-04-21T10:20", "2022-04-21T10:20:00Z");
	expect("2022-04-21", "2022-04-21T00:00:00Z");
	expect("2022-04", "2022-04-01T00:00:00Z");
	expect("2022", "2022-01-01T00:00:00Z");
	expect("20221", NULL);
	expect("20220421T102030Z", "2022-04-21T10:20:30Z");
	expect("20220421", "2022-04-21T00:00:00Z");
	expect("2022-04-21T24:00:00Z", "2022-04-22T00:00:00Z");
	expect("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z");
	expect("2022-04-21T10:20:30 GMT", "2022-04-21T10:20:30Z");
	/* slashes and dots, as some generators write them */
	expect("2021/03/02 23:39:15", "2021-03-02T23:39:15Z");
	expect("2021.3.2", "2021-03-02T00:00:00Z");
	expect("2021/03-02", NULL);
}

static void test_invalid(void **state)
{
	expect("", NULL);
	expect("   ", NULL);
	expect("yesterday", NULL);
	expect("2022-13-01", NULL);
	expect("2022-02-29", NULL);
	expect("2024-02-29", "2024-02-29T00:00:00Z");
	expect("2022-04-31", NULL);
	expect("2022-04-21T25:00:00Z", NULL);
	expect("2022-04-21T24:01:00Z", NULL);
	expect("2022-04-21T10:61:00Z", NULL);
	expect("2022-04-21T10:20:30Zjunk", NULL);
	expect("31 Foo 2021", NULL);
	expect("Tue, 32 Mar 2021 10:00:00 GMT", NULL);
	expect("Tue, 02 Mar 2021 10:00:00 GMT trailing", NULL);
	/* a day name in another language, with its comma */
	expect("mer, 16 nov 2022 00:38:15 +0100", "2022-11-15T23:38:15Z");
	expect("Foo 16 Nov 2022", NULL);
	expect("0000-01-01", NULL);
	expect("2021-03-02T10:00:00+25:00", NULL);
	expect("Tue, 02 Mar 2021 10:00:00 (unterminated", NULL);
	expect("Tue, 02", NULL);
	expect("Tue,", NULL);
}

static void test_epoch(void **state)
{
	long long e;
	char out[DT_ISO_LEN];

	assert_int_equal(dt_parse_epoch("1970-01-01T00:00:00Z", 20, &e), 0);
	assert_int_equal(e, 0);
	assert_int_equal(dt_parse_epoch("1969-12-31T23:59:59Z", 20, &e), 0);
	assert_int_equal(e, -1);
	assert_int_equal(dt_format_iso(-1, out), 0);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	assert_int_equal(dt_format_iso(951782400LL, out), 0);
	assert_string_equal(out, "2000-02-29T00:00:00Z");
	assert_int_equal(dt_format_iso(253402300800LL, out), -1); /* year 10000 */
	/* not NUL-terminated input: the length is the truth */
	assert_int_equal(dt_parse("2021-03-02XXXX", 10, out), 0);
	assert_string_equal(out, "2021-03-02T00:00:00Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_rfc822_basic),   cmocka_unit_test(test_rfc822_named_zones),
	        cmocka_unit_test(test_rfc822_lenient), cmocka_unit_test(test_rfc822_years),
	        cmocka_unit_test(test_iso8601),        cmocka_unit_test(test_invalid),
	        cmocka_unit_test(test_epoch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
