/*
 * datetime: RFC 822 family and ISO 8601 dates to ISO 8601 UTC.
 * See datetime.h for what is accepted.
 */
#include "datetime.h"

#include <stdio.h>
#include <string.h>

struct scan {
	const char *p, *end;
};

struct civil {
	int year, mon, day, hour, min, sec;
	int offset; /* seconds east of UTC */
};

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int at_end(const struct scan *sc)
{
	return sc->p >= sc->end;
}

static int peek(const struct scan *sc)
{
	return sc->p < sc->end ? (unsigned char)*sc->p : -1;
}

static void skip_space(struct scan *sc)
{
	while (!at_end(sc) && is_space(*sc->p))
		sc->p++;
}

/* Read 1..max digits; returns the count read (0: none) and the value. */
static int read_num(struct scan *sc, int max, int *val)
{
	int n = 0, v = 0;

	while (n < max && !at_end(sc) && is_digit(*sc->p)) {
		v = v * 10 + (*sc->p - '0');
		sc->p++;
		n++;
	}
	*val = v;
	return n;
}

/* Exactly `n` digits, or -1 (scanner left where it was). */
static int read_fixed(struct scan *sc, int n, int *val)
{
	const char *save = sc->p;

	if (read_num(sc, n, val) != n) {
		sc->p = save;
		return -1;
	}
	return 0;
}

/* Read a run of letters (lower-cased into buf, truncated); returns its length. */
static size_t read_word(struct scan *sc, char *buf, size_t size)
{
	size_t n = 0;

	while (!at_end(sc) && is_alpha(*sc->p)) {
		if (n + 1 < size)
			buf[n] = (char)lower(*sc->p);
		n++;
		sc->p++;
	}
	buf[n + 1 < size ? n : size - 1] = '\0';
	return n;
}

/* ---------------------------------------------------------------- calendar */

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int civil_to_epoch(const struct civil *c, long long *epoch)
{
	int sec = c->sec;

	if (c->year < 1 || c->year > 9999 || c->mon < 1 || c->mon > 12 || c->day < 1 ||
	    c->day > days_in_month(c->year, c->mon))
		return -1;
	if (c->hour == 24 && (c->min || c->sec))
		return -1;
	if (c->hour > 24 || c->min > 59 || sec > 60)
		return -1;
	if (sec == 60)
		sec = 59; /* a leap second: the instant just before is close enough */
	*epoch = days_from_civil(c->year, c->mon, c->day) * 86400LL + c->hour * 3600LL +
	         c->min * 60LL + sec - c->offset;
	return 0;
}

int dt_format_iso(long long epoch, char out[DT_ISO_LEN])
{
	long long days = epoch / 86400, rem = epoch % 86400;
	int y, m, d;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y < 1 || y > 9999) {
		out[0] = '\0';
		return -1;
	}
	snprintf(out, DT_ISO_LEN, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(rem / 3600),
	         (int)(rem / 60 % 60), (int)(rem % 60));
	return 0;
}

/* ---------------------------------------------------------------- zones */

/* Numeric offset after the sign: hh, hhmm, hh:mm, h.  Returns seconds or -1. */
static int read_offset_digits(struct scan *sc)
{
	int h, m = 0, n;

	n = read_num(sc, 4, &h);
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (n == 3) {
		/* "+530": h mm */
		m = h % 100;
		h /= 100;
	} else if (n >= 1) {
		if (peek(sc) == ':') {
			sc->p++;
			if (read_fixed(sc, 2, &m) < 0)
				return -1;
		}
	} else {
		return -1;
	}
	if (h > 18 || m > 59)
		return -1;
	return h * 3600 + m * 60;
}

/* "+hh:mm" style offset starting at the sign; 0 on success. */
static int read_signed_offset(struct scan *sc, int *offset)
{
	int sign, v;

	if (peek(sc) != '+' && peek(sc) != '-')
		return -1;
	sign = *sc->p == '-' ? -1 : 1;
	sc->p++;
	v = read_offset_digits(sc);
	if (v < 0)
		return -1;
	*offset = sign * v;
	return 0;
}

struct zone {
	const char *name;
	int minutes;
};

/* RFC 822's zones, then abbreviations common in feeds.  Ambiguous ones
 * take their most frequent meaning in news feeds (IST: India). */
static const struct zone zones[] = {
        {"ut", 0},        {"utc", 0},       {"gmt", 0},        {"z", 0},          {"est", -5 * 60},
        {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},  {"mst", -7 * 60},  {"mdt", -6 * 60},
        {"pst", -8 * 60}, {"pdt", -7 * 60}, {"akst", -9 * 60}, {"akdt", -8 * 60}, {"hst", -10 * 60},
        {"ast", -4 * 60}, {"adt", -3 * 60}, {"nst", -210},     {"ndt", -150},     {"wet", 0},
        {"west", 60},     {"bst", 60},      {"ist", 330},      {"cet", 60},       {"cest", 120},
        {"met", 60},      {"mest", 120},    {"eet", 120},      {"eest", 180},     {"msk", 180},
        {"sgt", 480},     {"hkt", 480},     {"awst", 480},     {"jst", 540},      {"kst", 540},
        {"acst", 570},    {"acdt", 630},    {"aest", 600},     {"aedt", 660},     {"nzst", 720},
        {"nzdt", 780},
};

static int zone_lookup(const char *name, int *offset)
{
	size_t i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strcmp(zones[i].name, name) == 0) {
			*offset = zones[i].minutes * 60;
			return 0;
		}
	/* RFC 2822 military zones other than Z carry no reliable meaning
	 * (RFC 822 had their signs backwards): read as UTC. */
	if (name[0] && !name[1] && name[0] != 'j') {
		*offset = 0;
		return 0;
	}
	return -1;
}

/* A zone after the time: numeric, named, or named plus numeric ("GMT+2"). */
static int read_zone(struct scan *sc, int *offset)
{
	char w[8];
	int extra;

	skip_space(sc);
	if (at_end(sc))
		return 0; /* none: *offset keeps what it had */
	if (peek(sc) == '+' || peek(sc) == '-') {
		const char *save;

		if (read_signed_offset(sc, offset) < 0)
			return -1;
		/* "+0000 GMT": a zone name after the offset says it again */
		save = sc->p;
		skip_space(sc);
		if (is_alpha(peek(sc)) &&
		    (read_word(sc, w, sizeof(w)) >= sizeof(w) || zone_lookup(w, &extra) < 0))
			sc->p = save;
		return 0;
	}
	if (!is_alpha(peek(sc)))
		return 0;
	if (read_word(sc, w, sizeof(w)) >= sizeof(w) || zone_lookup(w, offset) < 0)
		return -1;
	if ((peek(sc) == '+' || peek(sc) == '-') && read_signed_offset(sc, &extra) == 0)
		*offset += extra;
	return 0;
}

/* Nothing but white space and a parenthesised comment may follow. */
static int only_trailer(struct scan *sc)
{
	skip_space(sc);
	if (peek(sc) == '(') {
		while (!at_end(sc) && *sc->p != ')')
			sc->p++;
		if (at_end(sc))
			return -1;
		sc->p++;
		skip_space(sc);
	}
	return at_end(sc) ? 0 : -1;
}

/* ---------------------------------------------------------------- ISO 8601 */

static int read_iso_time(struct scan *sc, struct civil *c, int basic)
{
	if (read_fixed(sc, 2, &c->hour) < 0)
		return -1;
	if (!basic && peek(sc) == ':')
		sc->p++;
	if (read_fixed(sc, 2, &c->min) < 0)
		return -1;
	if (peek(sc) == ':' || (basic && is_digit(peek(sc)))) {
		if (peek(sc) == ':')
			sc->p++;
		if (read_fixed(sc, 2, &c->sec) < 0)
			return -1;
		if (peek(sc) == '.' || peek(sc) == ',') {
			int dummy;

			sc->p++;
			if (read_num(sc, 32, &dummy) == 0)
				return -1;
			while (is_digit(peek(sc)))
				sc->p++;
		}
	}
	skip_space(sc);
	if (peek(sc) == 'Z' || peek(sc) == 'z') {
		sc->p++;
		c->offset = 0;
	} else if (peek(sc) == '+' || peek(sc) == '-') {
		if (read_signed_offset(sc, &c->offset) < 0)
			return -1;
	} else if (is_alpha(peek(sc))) {
		if (read_zone(sc, &c->offset) < 0)
			return -1;
	}
	return 0;
}

static int parse_iso(struct scan *sc, struct civil *c)
{
	int basic = 0;

	if (read_fixed(sc, 4, &c->year) < 0)
		return -1;
	if (at_end(sc)) {
		/* a year alone (W3C-DTF allows it): its first day */
		c->mon = c->day = 1;
		return 0;
	}
	if (peek(sc) == '-') {
		sc->p++;
		if (read_fixed(sc, 2, &c->mon) < 0)
			return -1;
		c->day = 1;
		if (peek(sc) == '-') {
			sc->p++;
			if (read_fixed(sc, 2, &c->day) < 0)
				return -1;
		}
	} else if (peek(sc) == '/' || peek(sc) == '.') {
		/* not ISO, but written by feed generators: 2021/03/02, 2021.3.2 */
		int sep = peek(sc);

		sc->p++;
		if (read_num(sc, 2, &c->mon) == 0 || peek(sc) != sep)
			return -1;
		sc->p++;
		if (read_num(sc, 2, &c->day) == 0)
			return -1;
	} else {
		basic = 1;
		if (read_fixed(sc, 2, &c->mon) < 0 || read_fixed(sc, 2, &c->day) < 0)
			return -1;
	}
	if (peek(sc) == 'T' || peek(sc) == 't' || peek(sc) == ' ') {
		const char *save = sc->p;

		sc->p++;
		skip_space(sc);
		if (is_digit(peek(sc))) {
			if (read_iso_time(sc, c, basic) < 0)
				return -1;
		} else {
			sc->p = save;
		}
	}
	return only_trailer(sc);
}

/* ---------------------------------------------------------------- RFC 822 */

static int month_number(const char *w, size_t n)
{
	static const char *const names[12] = {"january",   "february", "march",    "april",
	                                      "may",       "june",     "july",     "august",
	                                      "september", "october",  "november", "december"};
	int i;

	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if (strncmp(names[i], w, 3) == 0 &&
		    (n == 3 || strcmp(names[i], w) == 0 || strcmp(w, "sept") == 0))
			return i + 1;
	return 0;
}

static int is_day_name(const char *w, size_t n)
{
	static const char *const names[7] = {"monday", "tuesday",  "wednesday", "thursday",
	                                     "friday", "saturday", "sunday"};
	int i;

	if (n < 3)
		return 0;
	for (i = 0; i < 7; i++)
		if (strncmp(names[i], w, 3) == 0 &&
		    (n == 3 || strcmp(names[i], w) == 0 || strcmp(w, "tues") == 0 ||
		     strcmp(w, "thur") == 0 || strcmp(w, "thurs") == 0))
			return 1;
	return 0;
}

static void skip_date_sep(struct scan *sc)
{
	while (!at_end(sc) && (is_space(*sc->p) || *sc->p == ',' || *sc->p == '-' ||
	                       *sc->p == '/' || *sc->p == '.'))
		sc->p++;
}

static int fix_year(int year, int digits)
{
	if (digits == 2)
		return year < 50 ? 2000 + year : 1900 + year;
	if (digits == 3)
		return 1900 + year;
	return year;
}

/* H:MM[:SS[.frac]] [AM|PM] */
static int read_clock(struct scan *sc, struct civil *c)
{
	char w[4];

	if (read_num(sc, 2, &c->hour) == 0 || peek(sc) != ':')
		return -1;
	sc->p++;
	if (read_fixed(sc, 2, &c->min) < 0)
		return -1;
	if (peek(sc) == ':') {
		sc->p++;
		if (read_fixed(sc, 2, &c->sec) < 0)
			return -1;
		if (peek(sc) == '.' || peek(sc) == ',') {
			sc->p++;
			while (is_digit(peek(sc)))
				sc->p++;
		}
	}
	skip_space(sc);
	if (is_alpha(peek(sc))) {
		const char *save = sc->p;
		size_t n = read_word(sc, w, sizeof(w));

		if (n == 2 && (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)) {
			if (c->hour < 1 || c->hour > 12)
				return -1;
			c->hour = c->hour % 12 + (w[0] == 'p' ? 12 : 0);
		} else {
			sc->p = save;
		}
	}
	return 0;
}

static int parse_rfc822(struct scan *sc, struct civil *c)
{
	char w[12];
	size_t n;
	int digits, have_year = 0;

	skip_space(sc);
	/* Optional day name, with or without a comma. */
	if (is_alpha(peek(sc))) {
		const char *save = sc->p;

		n = read_word(sc, w, sizeof(w));
		if (is_day_name(w, n) || (!month_number(w, n) && peek(sc) == ','))
			skip_date_sep(sc); /* a day name, in English or not ("mer,") */
		else
			sc->p = save;
	}
	/* "2 Mar 2021" or "Mar 2, 2021". */
	if (is_digit(peek(sc))) {
		if (read_num(sc, 2, &c->day) == 0 || is_digit(peek(sc)))
			return -1;
		skip_date_sep(sc);
		n = read_word(sc, w, sizeof(w));
		if (!(c->mon = month_number(w, n)))
			return -1;
	} else {
		n = read_word(sc, w, sizeof(w));
		if (!(c->mon = month_number(w, n)))
			return -1;
		skip_date_sep(sc);
		if (read_num(sc, 2, &c->day) == 0 || is_digit(peek(sc)))
			return -1;
	}
	skip_date_sep(sc);
	/* The year, unless a clock comes first (asctime: "Mar 2 23:39:15 2021"). */
	{
		const char *save = sc->p;

		digits = read_num(sc, 4, &c->year);
		if (digits >= 1 && peek(sc) == ':') {
			sc->p = save;
		} else if (digits >= 2 && !is_digit(peek(sc))) {
			c->year = fix_year(c->year, digits);
			have_year = 1;
		} else {
			return -1;
		}
	}
	skip_space(sc);
	if (is_digit(peek(sc))) {
		if (read_clock(sc, c) < 0)
			return -1;
	} else if (!have_year) {
		return -1;
	}
	if (read_zone(sc, &c->offset) < 0)
		return -1;
	if (!have_year) {
		skip_space(sc);
		digits = read_num(sc, 4, &c->year);
		if (digits != 4)
			return -1;
		if (read_zone(sc, &c->offset) < 0)
			return -1;
	}
	return only_trailer(sc);
}

/* ---------------------------------------------------------------- entry */

int dt_parse_epoch(const char *s, size_t n, long long *epoch)
{
	struct scan sc = {s, s + n};
	struct civil c = {0, 0, 0, 0, 0, 0, 0};
	int rc;

	skip_space(&sc);
	while (sc.end > sc.p && is_space(sc.end[-1]))
		sc.end--;
	if (at_end(&sc))
		return -1;
	if (sc.end - sc.p >= 4 && is_digit(sc.p[0]) && is_digit(sc.p[1]) && is_digit(sc.p[2]) &&
	    is_digit(sc.p[3]))
		rc = parse_iso(&sc, &c);
	else
		rc = parse_rfc822(&sc, &c);
	if (rc < 0)
		return -1;
	return civil_to_epoch(&c, epoch);
}

int dt_parse(const char *s, size_t n, char out[DT_ISO_LEN])
{
	long long epoch;

	out[0] = '\0';
	if (dt_parse_epoch(s, n, &epoch) < 0)
		return -1;
	return dt_format_iso(epoch, out);
}
