/*
 * run_sheet: the pure parts of news-sheet (see run_sheet.h).
 */
#include "run_sheet.h"

#include <string.h>
#include <strings.h>

#include "utf8.h"

int sheet_next_item(const char *s, size_t n, size_t *pos, struct sheet_span *item)
{
	while (*pos < n) {
		const char *p = s + *pos;
		const char *semi = memchr(p, ';', n - *pos);
		size_t len = semi ? (size_t)(semi - p) : n - *pos;
		*pos += len + (semi ? 1 : 0);
		/* Tolerate spaces around items. */
		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len) {
			*item = (struct sheet_span){p, len};
			return 1;
		}
	}
	return 0;
}

/* Parse "START-END" (decimal) exactly. */
static int parse_range(const char *s, size_t n, unsigned long *start, unsigned long *end)
{
	unsigned long v[2] = {0, 0};
	int k = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (v[k] > 100000000000UL)
				return -1;
			v[k] = v[k] * 10 + (unsigned long)(s[i] - '0');
			digits++;
		} else if (s[i] == '-' && k == 0 && digits) {
			k = 1;
			digits = 0;
		} else {
			return -1;
		}
	}
	if (k != 1 || !digits || v[1] < v[0])
		return -1;
	*start = v[0];
	*end = v[1];
	return 0;
}

/* The last ':' in s[0..n), or NULL. */
static const char *last_colon(const char *s, size_t n)
{
	while (n--)
		if (s[n] == ':')
			return s + n;
	return NULL;
}

int sheet_parse_mention(struct sheet_span item, struct sheet_mention *m)
{
	const char *s = item.s, *end = item.s + item.len;
	const char *c1 = memchr(s, ':', item.len);
	const char *c2 = last_colon(s, item.len);
	if (!c1 || c2 == c1 || c1 == s || c2 == c1 + 1)
		return -1;
	m->type = (struct sheet_span){s, (size_t)(c1 - s)};
	m->id = (struct sheet_span){c1 + 1, (size_t)(c2 - c1 - 1)};
	return parse_range(c2 + 1, (size_t)(end - c2 - 1), &m->start, &m->end);
}

/* Parse a confidence "0.80" in [0,1]. */
static int parse_conf(const char *s, size_t n, double *conf)
{
	double v = 0, scale = 1;
	int dot = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.' && !dot) {
			dot = 1;
		} else if (s[i] >= '0' && s[i] <= '9') {
			digits++;
			if (dot) {
				scale /= 10;
				v += (s[i] - '0') * scale;
			} else {
				v = v * 10 + (s[i] - '0');
			}
		} else {
			return -1;
		}
	}
	if (!digits || v > 1)
		return -1;
	*conf = v;
	return 0;
}

int sheet_parse_stance(struct sheet_span item, struct sheet_stance *st)
{
	/* From the right: CONF, START-END, STANCE, TOPIC; the rest is ACTOR. */
	const char *end = item.s + item.len;
	const char *c[4];
	size_t n = item.len;
	for (int i = 0; i < 4; i++) {
		c[i] = last_colon(item.s, n);
		if (!c[i] || c[i] == item.s)
			return -1;
		n = (size_t)(c[i] - item.s);
	}
	st->actor = (struct sheet_span){item.s, (size_t)(c[3] - item.s)};
	st->topic = (struct sheet_span){c[3] + 1, (size_t)(c[2] - c[3] - 1)};
	st->stance = (struct sheet_span){c[2] + 1, (size_t)(c[1] - c[2] - 1)};
	st->conf_text = (struct sheet_span){c[0] + 1, (size_t)(end - c[0] - 1)};
	if (!st->topic.len || !st->stance.len)
		return -1;
	if (parse_range(c[1] + 1, (size_t)(c[0] - c[1] - 1), &st->start, &st->end) < 0)
		return -1;
	return parse_conf(st->conf_text.s, st->conf_text.len, &st->conf);
}

int sheet_cut_at(const char *s, size_t n, struct sheet_cursor *cur, unsigned long start,
                 unsigned long end, size_t *b_start, size_t *b_end)
{
	if (end <= start)
		return -1;
	if (start < cur->cp || cur->byte > n)
		*cur = (struct sheet_cursor){0, 0};
	unsigned long cp = cur->cp;
	size_t i = cur->byte;
	while (i < n && cp < start) {
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		cp++;
	}
	if (cp < start)
		return -1;
	*cur = (struct sheet_cursor){cp, i};
	*b_start = i;
	while (i < n && cp < end) {
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		cp++;
	}
	if (cp < end)
		return -1;
	*b_end = i;
	return 0;
}

int sheet_cut(const char *s, size_t n, unsigned long start, unsigned long end, size_t *b_start,
              size_t *b_end)
{
	struct sheet_cursor cur = {0, 0};
	return sheet_cut_at(s, n, &cur, start, end, b_start, b_end);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

/* Read exactly `digits` digits at s[*i]. */
static int read_num(const char *s, size_t n, size_t *i, int digits, int *out)
{
	int v = 0;
	for (int k = 0; k < digits; k++) {
		if (*i >= n || s[*i] < '0' || s[*i] > '9')
			return -1;
		v = v * 10 + (s[(*i)++] - '0');
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : dm[m - 1];
}

/* Parse "[T ]HH:MM[:SS[.fff]][Z|+HH[:]MM|-HH[:]MM]" at s[*i]: seconds of
 * the day, minus the zone offset, in *secs. */
static int parse_time(const char *s, size_t n, size_t *i, double *secs)
{
	int hh, mm, ss = 0, oh = 0, om = 0;
	double frac = 0;
	if (read_num(s, n, i, 2, &hh) < 0 || *i >= n || s[(*i)++] != ':' ||
	    read_num(s, n, i, 2, &mm) < 0)
		return -1;
	if (*i < n && s[*i] == ':') {
		(*i)++;
		if (read_num(s, n, i, 2, &ss) < 0)
			return -1;
		if (*i < n && (s[*i] == '.' || s[*i] == ',')) {
			double scale = 1;
			(*i)++;
			if (*i >= n || s[*i] < '0' || s[*i] > '9')
				return -1;
			while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
				scale /= 10;
				frac += (s[(*i)++] - '0') * scale;
			}
		}
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return -1;
	double t = hh * 3600.0 + mm * 60.0 + (ss > 59 ? 59 : ss) + frac;
	if (*i < n && (s[*i] == 'Z' || s[*i] == 'z')) {
		(*i)++;
	} else if (*i < n && (s[*i] == '+' || s[*i] == '-')) {
		int sign = s[(*i)++] == '-' ? -1 : 1;
		if (read_num(s, n, i, 2, &oh) < 0)
			return -1;
		if (*i < n && s[*i] == ':')
			(*i)++;
		if (*i < n && read_num(s, n, i, 2, &om) < 0)
			return -1;
		if (oh > 23 || om > 59)
			return -1;
		t -= sign * (oh * 3600.0 + om * 60.0);
	}
	*secs = t;
	return 0;
}

int sheet_parse_date(const char *s, size_t n, double *serial, int *has_time)
{
	int y, m, d;
	size_t i = 0;
	double secs = 0;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (read_num(s, n, &i, 4, &y) < 0 || i >= n || s[i++] != '-' ||
	    read_num(s, n, &i, 2, &m) < 0 || i >= n || s[i++] != '-' ||
	    read_num(s, n, &i, 2, &d) < 0)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*has_time = 0;
	if (i < n) {
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			return -1;
		i++;
		if (parse_time(s, n, &i, &secs) < 0 || i != n)
			return -1;
		*has_time = 1;
	}
	/* Spreadsheet day 0 is 1899-12-30, which makes 1900-03-01 day 61. */
	double v = (double)(days_from_civil(y, (unsigned)m, (unsigned)d) -
	                    days_from_civil(1899, 12, 30)) +
	           secs / 86400.0;
	if (v < 61)
		return -1;
	*serial = v;
	return 0;
}

size_t sheet_cell_fit(const char *s, size_t n, int *cut)
{
	const size_t marker_units = utf8_count(SHEET_CUT_MARKER, sizeof(SHEET_CUT_MARKER) - 1);
	size_t units = 0, i = 0, keep = 0;
	*cut = 0;
	if (n <= SHEET_CELL_MAX) /* a UTF-16 unit takes at least a byte */
		return n;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		size_t u = cp != UTF8_INVALID && cp > 0xFFFF ? 2 : 1;
		if (units + u <= SHEET_CELL_MAX - marker_units)
			keep = i + k;
		units += u;
		if (units > SHEET_CELL_MAX) {
			*cut = 1;
			return keep;
		}
		i += k;
	}
	return n;
}

int sheet_is_formula_like(const char *s, size_t n)
{
	return n && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	             s[0] == '\r');
}

int sheet_tsv_cell(struct strbuf *out, const char *s, size_t n)
{
	int cut;
	size_t keep = sheet_cell_fit(s, n, &cut);
	int quote = 0;
	for (size_t i = 0; i < keep; i++)
		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '"') {
			quote = 1;
			break;
		}
	if (quote && sb_addch(out, '"') < 0)
		return -1;
	if (sheet_is_formula_like(s, keep) && sb_addch(out, '\'') < 0)
		return -1;
	for (size_t i = 0; i < keep;) {
		const char *q = quote ? memchr(s + i, '"', keep - i) : NULL;
		size_t run = q ? (size_t)(q - s - i) + 1 : keep - i;
		if (sb_add(out, s + i, run) < 0)
			return -1;
		if (q && sb_addch(out, '"') < 0)
			return -1;
		i += run;
	}
	if (cut && sb_addstr(out, SHEET_CUT_MARKER) < 0)
		return -1;
	if (quote && sb_addch(out, '"') < 0)
		return -1;
	return cut;
}

int sheet_is_link(const char *s, size_t n)
{
	if (n > 2079)
		return 0;
	if (!((n > 7 && strncasecmp(s, "http://", 7) == 0) ||
	      (n > 8 && strncasecmp(s, "https://", 8) == 0)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '"')
			return 0;
	return 1;
}
