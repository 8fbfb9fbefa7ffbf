/*
 * feed_text: plain text out of feed text constructs.  See feed_text.h.
 */
#include "feed_text.h"

#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "utf8.h"

/* Append as much of s[0..n) as the cap allows, cut at a character
 * boundary: 0 when all of it went in, 1 when it was cut. */
static int put(struct strbuf *out, const char *s, size_t n)
{
	size_t room;

	if (sb_add(out, s, n) == 0)
		return 0;
	room = out->cap > out->len ? out->cap - out->len : 0;
	if (room > n)
		room = n;
	while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
		room--;
	if (room > 0)
		(void)sb_add(out, s, room);
	return 1;
}

static int put_space(struct strbuf *out)
{
	if (out->len == 0 || out->buf[out->len - 1] == ' ')
		return 0;
	return put(out, " ", 1);
}

static int put_cp(struct strbuf *out, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp == 0xA0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')
		return put_space(out);
	if (cp < 0x20 || cp == 0x7F)
		return 0; /* other control characters carry nothing */
	n = utf8_encode(cp, b);
	if (n == 0)
		n = utf8_encode(UTF8_REPLACEMENT, b);
	return put(out, b, n);
}

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

int ft_add_plain(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0, run;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (is_ws(c)) {
			if (put_space(out))
				return 1;
			i++;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			if (put_space(out))
				return 1;
			i += 2;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			i++;
			continue;
		}
		/* copy the run up to the next white space or control in one go */
		run = i + 1;
		while (run < n) {
			unsigned char d = (unsigned char)s[run];

			if (is_ws(d) || d < 0x20 || d == 0x7F ||
			    (d == 0xC2 && run + 1 < n && (unsigned char)s[run + 1] == 0xA0))
				break;
			run++;
		}
		if (put(out, s + i, run - i))
			return 1;
		i = run;
	}
	return 0;
}

void ft_finish(struct strbuf *out)
{
	if (out->len > 0 && out->buf[out->len - 1] == ' ')
		sb_setlen(out, out->len - 1);
}

/* ---------------------------------------------------------------- references */

uint32_t ft_entity(const char *name, size_t n)
{
	char buf[32];
	const htmlEntityDesc *d;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	if (n == 4 && memcmp(name, "apos", 4) == 0)
		return '\'';
	memcpy(buf, name, n);
	buf[n] = '\0';
	d = htmlEntityLookup((const xmlChar *)buf);
	return d ? d->value : 0;
}

/* What browsers make of &#128; to &#159; (windows-1252's meanings). */
static uint32_t c1_fix(uint32_t cp)
{
	static const uint16_t w1252[32] = {
	        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
	};

	if (cp >= 0x80 && cp <= 0x9F)
		return w1252[cp - 0x80];
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return UTF8_REPLACEMENT;
	return cp;
}

/*
 * A character reference at s[0] == '&': its length (including the ';'),
 * with the code point in *cp; 0 if it is not one.
 */
static size_t parse_ref(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 1;

	if (i < n && s[i] == '#') {
		uint32_t v = 0;
		int hex = 0, digits = 0;

		i++;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (; i < n; i++) {
			int c = (unsigned char)s[i], d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			if (v <= 0x10FFFF)
				v = v * (hex ? 16 : 10) + (uint32_t)d;
			digits++;
		}
		if (digits == 0)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		*cp = c1_fix(v);
		return i;
	}
	while (i < n && i < 40 && is_alnum((unsigned char)s[i]))
		i++;
	if (i == 1 || i >= n || s[i] != ';' || !is_alpha((unsigned char)s[1]))
		return 0;
	*cp = ft_entity(s + 1, i - 1);
	return *cp ? i + 1 : 0;
}

/* ---------------------------------------------------------------- HTML */

int ft_is_block(const char *name, size_t n)
{
	static const char *const inline_tags[] = {
	        "a",    "abbr", "acronym", "b",    "bdi",   "bdo",  "big",    "cite",   "code",
	        "data", "del",  "dfn",     "em",   "font",  "i",    "img",    "ins",    "kbd",
	        "mark", "q",    "s",       "samp", "small", "span", "strike", "strong", "sub",
	        "sup",  "time", "tt",      "u",    "var",   "wbr",  "label",  "nobr",
	};
	size_t i;

	for (i = 0; i < sizeof(inline_tags) / sizeof(inline_tags[0]); i++)
		if (strlen(inline_tags[i]) == n && strncmp(inline_tags[i], name, n) == 0)
			return 0;
	return 1;
}

static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

/* How far a tag is read honouring quoted attribute values. */
#define TAG_QUOTE_SCAN 256

/* End of a tag starting at s[0] == '<' (index just past '>'), honouring
 * quoted attribute values; 0 if it never closes. */
static size_t tag_end(const char *s, size_t n)
{
	size_t i = 1, quoted_limit = n < TAG_QUOTE_SCAN ? n : TAG_QUOTE_SCAN;
	char quote = 0;
	const char *gt;

	for (; i < quoted_limit; i++) {
		if (quote) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	/* Past the scan limit, or an unbalanced quote: the first '>' ends
	 * it.  The bound keeps text full of stray '<' linear: a tag found is
	 * consumed, and the caller never calls this past the last '>'. */
	gt = n > 1 ? memchr(s + 1, '>', n - 1) : NULL;
	return gt ? (size_t)(gt - s) + 1 : 0;
}

/*
 * Handle markup at s[0] == '<'.  Returns the bytes consumed, or 0 when
 * this '<' is text.  Sets *space when the markup separates words.
 */
static size_t skip_markup(const char *s, size_t n, int *space)
{
	size_t i = 1, name_start, name_len, end;
	char name[16];
	const char *p;

	*space = 0;
	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		p = find_ci(s + 4, n - 4, "-->");
		return p ? (size_t)(p - s) + 3 : n;
	}
	if (n >= 2 && (s[1] == '!' || s[1] == '?')) {
		end = tag_end(s, n);
		return end ? end : n;
	}
	if (i < n && s[i] == '/')
		i++;
	if (i >= n || !is_alpha((unsigned char)s[i]))
		return 0;
	name_start = i;
	while (i < n && (is_alnum((unsigned char)s[i]) || s[i] == '-' || s[i] == ':'))
		i++;
	name_len = i - name_start;
	end = tag_end(s, n);
	if (end == 0)
		return 0;
	if (name_len >= sizeof(name))
		name_len = sizeof(name) - 1;
	for (i = 0; i < name_len; i++) {
		char c = s[name_start + i];

		name[i] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
	}
	name[name_len] = '\0';
	*space = ft_is_block(name, name_len);
	if (s[1] != '/' && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
		char close[10];
		size_t close_end;

		*space = 0; /* never shown, so it separates nothing */
		close[0] = '<';
		close[1] = '/';
		memcpy(close + 2, name, name_len + 1);
		p = find_ci(s + end, n - end, close);
		if (!p)
			return n;
		close_end = tag_end(p, n - (size_t)(p - s));
		return close_end ? (size_t)(p - s) + close_end : n;
	}
	return end;
}

int ft_add_html(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0, run;
	const char *last_gt = n ? memrchr(s, '>', n) : NULL;
	size_t markup_end = last_gt ? (size_t)(last_gt - s) + 1 : 0;

	while (i < n) {
		if (i < markup_end && s[i] == '<') {
			int space;
			size_t used = skip_markup(s + i, n - i, &space);

			if (used) {
				if (space && put_space(out))
					return 1;
				i += used;
				continue;
			}
		} else if (s[i] == '&') {
			uint32_t cp;
			size_t used = parse_ref(s + i, n - i, &cp);

			if (used) {
				if (put_cp(out, cp))
					return 1;
				i += used;
				continue;
			}
		}
		/* plain text up to the next markup character */
		run = i + 1;
		while (run < n && s[run] != '<' && s[run] != '&')
			run++;
		if (ft_add_plain(out, s + i, run - i))
			return 1;
		i = run;
	}
	return 0;
}

/* ---------------------------------------------------------------- XML fix-up */

static int is_xml_entity(const char *s, size_t n)
{
	return (n == 3 && memcmp(s, "amp", 3) == 0) || (n == 2 && memcmp(s, "lt", 2) == 0) ||
	       (n == 2 && memcmp(s, "gt", 2) == 0) || (n == 4 && memcmp(s, "quot", 4) == 0) ||
	       (n == 4 && memcmp(s, "apos", 4) == 0);
}

/* A reference the XML parser will accept: &name; or &#n; or &#xh; */
static size_t xml_ref_len(const char *s, size_t n)
{
	size_t i = 1;

	if (i < n && s[i] == '#') {
		int hex = 0;
		size_t digits = 0;

		i++;
		if (i < n && s[i] == 'x') {
			hex = 1;
			i++;
		}
		for (; i < n; i++, digits++) {
			int c = (unsigned char)s[i];

			if (!((c >= '0' && c <= '9') ||
			      (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))))
				break;
		}
		return digits && i < n && s[i] == ';' ? i + 1 : 0;
	}
	if (i >= n || !(is_alpha((unsigned char)s[i]) || s[i] == '_' || s[i] == ':'))
		return 0;
	while (i < n && i < 64 &&
	       (is_alnum((unsigned char)s[i]) || s[i] == '_' || s[i] == ':' || s[i] == '-' ||
	        s[i] == '.'))
		i++;
	return i < n && s[i] == ';' ? i + 1 : 0;
}

/* Copy s[done..upto) to out, then the replacement text. */
static int splice(struct strbuf *out, const char *s, size_t done, size_t upto, const char *rep,
                  size_t rep_len)
{
	if (sb_add(out, s + done, upto - done) < 0 || sb_add(out, rep, rep_len) < 0)
		return -1;
	return 0;
}

long ft_fix_xml_refs(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0, done = 0;
	long count = 0;

	sb_reset(out);
	/* A document that declares entities of its own means what it says. */
	if (memmem(s, n, "<!ENTITY", 8))
		return 0;
	while (i < n) {
		const char *p = s + i;
		size_t rest = n - i, len;
		char rep[16];
		uint32_t cp;

		if (*p == '<') {
			/* CDATA and comments hold '&' literally: step over them */
			const char *end = NULL;

			if (rest >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
				end = memmem(p + 9, rest - 9, "]]>", 3);
			else if (rest >= 4 && memcmp(p, "<!--", 4) == 0)
				end = memmem(p + 4, rest - 4, "-->", 3);
			else {
				i++;
				continue;
			}
			if (!end)
				break;
			i = (size_t)(end - s) + 3;
			continue;
		}
		if (*p != '&') {
			i++;
			continue;
		}
		len = xml_ref_len(p, rest);
		if (len == 0) {
			/* a bare '&' ("AT&T", "?a=1&b=2"): what was meant is the character */
			if (splice(out, s, done, i, "&amp;", 5) < 0)
				return -1;
			i++;
		} else if (p[1] != '#' && !is_xml_entity(p + 1, len - 2) &&
		           (cp = ft_entity(p + 1, len - 2)) != 0) {
			/* an HTML entity the document never declares */
			int k = snprintf(rep, sizeof(rep), "&#%u;", (unsigned)cp);

			if (splice(out, s, done, i, rep, (size_t)k) < 0)
				return -1;
			i += len;
		} else {
			i += len;
			continue;
		}
		count++;
		done = i;
	}
	if (count == 0) {
		sb_reset(out);
		return 0;
	}
	if (sb_add(out, s + done, n - done) < 0)
		return -1;
	return count;
}
