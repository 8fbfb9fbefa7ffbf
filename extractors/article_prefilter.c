/*
 * article_prefilter: a copy of the page without what the extractor never
 * reads, made before libxml2 parses it.
 *
 * Why: libxml2's HTML tokenizer costs far more per byte than a scan with
 * memchr, and half the bytes of a news page are script and style bodies
 * and attributes nobody reads (srcset, data-*, onclick...).  Dropping
 * them first makes the whole stage about a third faster.
 *
 * The rule that keeps it exact: the tree libxml2 builds from the copy is
 * the tree it builds from the page, less the dropped attributes and the
 * text of <script> (other than JSON-LD) and <style>.  So the scanner only
 * rewrites tags it reads exactly as libxml2 2.9 does (a strict subset of
 * its grammar), and at the first tag it is not sure of it copies the rest
 * of the page unchanged.  tests/unit/test_article.c and fuzz_prefilter
 * compare the two trees.
 */
#include <assert.h>
#include <string.h>

#include "article_int.h"

/* Every attribute the extractor reads (art_attr, art_has_attr and
 * element_hints), sorted; art_attr checks that it asks for one of them in
 * the checking builds (make check's sanitizer run, the fuzz targets). */
static const char *const kept_attrs[] = {
        "about",     "aria-hidden", "aria-modal", "charset", "class",      "content",
        "datatable", "datetime",    "hidden",     "href",    "http-equiv", "id",
        "itemprop",  "itemscope",   "itemtype",   "lang",    "name",       "property",
        "rel",       "role",        "style",      "summary", "type",       "xml:lang",
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* `s` (n bytes, any case) equals the lower-case `word`. */
static int ascii_eq(const char *s, size_t n, const char *word)
{
	size_t i = 0;
	for (; i < n && word[i]; i++)
		if (lower((unsigned char)s[i]) != word[i])
			return 0;
	return i == n && !word[i];
}

int art_attr_kept(const char *name, size_t n)
{
	if (n == 0)
		return 0;
	/* Most attributes are none of these: look at the first letter's only. */
	int c = lower((unsigned char)name[0]);
	for (size_t i = 0; i < sizeof kept_attrs / sizeof *kept_attrs; i++) {
		if (kept_attrs[i][0] > c)
			break;
		if (kept_attrs[i][0] == c && ascii_eq(name, n, kept_attrs[i]))
			return 1;
	}
	return 0;
}

/* libxml2's blanks and name characters (htmlParseHTMLName). */
static int blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int name_start(int c)
{
	return letter(c) || c == '_' || c == ':' || c == '.';
}

static int name_char(int c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* libxml2 truncates names at 100 bytes; such tags are left alone. */
#define NAME_MAX_LEN 90

struct scan {
	const char *page, *p, *end;
	char *copy, *out; /* the copy, never longer than what it was made of */
};

/* The invariant that lets the copy live in a buffer the page's size:
 * what is written never outruns what is read. */
static void check_room(const struct scan *s, const char *read_to)
{
	assert(s->out - s->copy <= read_to - s->page);
	(void)s, (void)read_to;
}

static void copy(struct scan *s, const char *from, const char *to)
{
	memmove(s->out, from, (size_t)(to - from));
	s->out += to - from;
	check_room(s, to);
}

static void put_blank(struct scan *s, const char *read_to)
{
	*s->out++ = ' ';
	check_room(s, read_to);
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && blank((unsigned char)*p))
		p++;
	return p;
}

/* A name at p: its end, or NULL when there is none or it is too long. */
static const char *scan_name(const char *p, const char *end)
{
	const char *q = p;
	if (q >= end || !name_start((unsigned char)*q))
		return NULL;
	while (q < end && name_char((unsigned char)*q))
		q++;
	return q - p > NAME_MAX_LEN ? NULL : q;
}

/* An attribute value at p (after '=' and blanks): its end, or NULL when
 * it is not one the strict grammar reads (unquoted with quotes in it...). */
static const char *scan_value(const char *p, const char *end)
{
	if (p >= end)
		return NULL;
	if (*p == '"' || *p == '\'') {
		const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
		return q ? q + 1 : NULL;
	}
	const char *q = p;
	while (q < end && !blank((unsigned char)*q) && *q != '>') {
		if (*q == '"' || *q == '\'' || *q == '<' || *q == '=' || *q == '`')
			return NULL;
		q++;
	}
	return q == p ? NULL : q;
}

/* What a start tag says about the raw text after it. */
enum raw { RAW_NONE, RAW_DROP, RAW_KEEP };

/*
 * The start tag at s->p ("<name"), rewritten with the kept attributes
 * only.  Returns 0 and advances past '>', setting *raw for script and
 * style; -1 (nothing written) when the tag is outside the strict grammar.
 */
static int start_tag(struct scan *s, enum raw *raw, const char **rawname)
{
	const char *p = s->p + 1, *end = s->end;
	const char *name_end = scan_name(p, end);
	if (!name_end || (name_end < end && !blank((unsigned char)*name_end) && *name_end != '>' &&
	                  *name_end != '/'))
		return -1;
	size_t name_len = (size_t)(name_end - p);
	int is_script = ascii_eq(p, name_len, "script");
	int is_style = ascii_eq(p, name_len, "style");
	int ld_json = 0, after_unquoted = 0;
	char *out = s->out;
	copy(s, s->p, name_end);
	p = name_end;
	for (;;) {
		const char *a = skip_blanks(p, end);
		if (a >= end)
			goto fail;
		if (*a == '>' || (*a == '/' && a + 1 < end && a[1] == '>')) {
			int closed = *a == '/';
			p = a + 1 + closed;
			/* "/>" right after an unquoted value would join it (the
			 * page had a blank after that value). */
			if (closed && after_unquoted)
				put_blank(s, a);
			copy(s, a, p);
			*raw = RAW_NONE;
			if ((is_script || is_style) && !closed) {
				*raw = is_script && ld_json ? RAW_KEEP : RAW_DROP;
				*rawname = is_script ? "script" : "style";
			}
			s->p = p;
			return 0;
		}
		const char *an_end = scan_name(a, end);
		if (!an_end)
			goto fail;
		const char *v = skip_blanks(an_end, end), *v_end = NULL;
		const char *attr_end = an_end;
		if (v < end && *v == '=') {
			v = skip_blanks(v + 1, end);
			v_end = scan_value(v, end);
			if (!v_end)
				goto fail;
			attr_end = v_end;
		}
		if (art_attr_kept(a, (size_t)(an_end - a))) {
			/* A blank before it where the page had one, or where
			 * no quote ends what comes before (the page then had a
			 * dropped attribute there). */
			if (a != p || (s->out[-1] != '"' && s->out[-1] != '\''))
				put_blank(s, a);
			copy(s, a, attr_end);
			after_unquoted = v_end && *v != '"' && *v != '\'';
			/* JSON-LD is kept; so is a type written with
			 * character references, which this scan does not
			 * decode. */
			if (is_script && v_end && ascii_eq(a, (size_t)(an_end - a), "type"))
				for (const char *q = v; q < v_end && !ld_json; q++)
					ld_json = *q == '&' ||
					          (q + 7 <= v_end && ascii_eq(q, 7, "ld+json"));
		}
		p = attr_end;
	}
fail:
	s->out = out;
	return -1;
}

/* 1 when p holds "</name" and the name ends there. */
static int end_tag_of(const char *p, const char *end, const char *name, size_t n)
{
	return p + 2 + n <= end && p[0] == '<' && p[1] == '/' && ascii_eq(p + 2, n, name) &&
	       (p + 2 + n == end || !name_char((unsigned char)p[2 + n]));
}

/* The first "</name" from p on (see raw_end). */
static const char *raw_end_after(const char *p, const char *end, const char *name, size_t n)
{
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt)
			return end;
		if (lt + 2 + n <= end && lt[1] == '/' && ascii_eq(lt + 2, n, name))
			return end_tag_of(lt, end, name, n) ? lt : NULL;
		p = lt + 1;
	}
	return end;
}

/* 1 when the start tag whose name begins at p makes libxml2 close the
 * open element `name` (its htmlAutoCloseTag table). */
static int start_closes(const char *p, const char *end, const char *name)
{
	char tag[NAME_MAX_LEN + 1];
	size_t k = 0;
	for (; p < end && name_char((unsigned char)*p); p++) {
		if (k == NAME_MAX_LEN)
			return 1; /* a name libxml2 truncates: not sure, stop */
		tag[k++] = (char)lower((unsigned char)*p);
	}
	tag[k] = 0;
	xmlNode open = {.type = XML_ELEMENT_NODE, .name = (const xmlChar *)tag};
	return htmlAutoCloseTag(NULL, (const xmlChar *)name, &open) != 0;
}

/*
 * Where the raw text of <script> or <style> that starts at p ends: the
 * first "</" followed by the element's name, in any case.  NULL when
 * libxml2 would read it otherwise: raw text that starts with some other
 * end tag (which it parses as one before reading raw text, the element
 * still open), or that ends at a longer name ("</scripts>", after which
 * the element is still open and its raw text goes on).
 */
static const char *raw_end(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	if (p + 1 < end && p[0] == '<' && p[1] == '/')
		return end_tag_of(p, end, name, n) ? p : NULL;
	/* A start tag right away is first checked against the element:
	 * one that closes it (<noscript> closes <script>, by libxml2's own
	 * table) ends the raw text before it starts. */
	if (p + 1 < end && p[0] == '<' && letter((unsigned char)p[1]))
		return start_closes(p + 1, end, name) ? p : raw_end_after(p, end, name, n);
	return raw_end_after(p, end, name, n);
}

/*
 * Markup that is not a start tag, at s->p ('<'): copied unchanged through
 * its end.  Returns -1 when the scanner cannot tell where libxml2 ends it.
 */
static int other_markup(struct scan *s)
{
	const char *p = s->p, *end = s->end, *stop;
	if (p + 4 <= end && !memcmp(p, "<!--", 4)) {
		/* libxml2 may end a comment earlier ("<!-->"), never later. */
		stop = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
		stop = stop ? stop + 3 : end;
	} else if (p + 1 < end && (p[1] == '/' || p[1] == '!' || p[1] == '?')) {
		/* End tags, doctypes and processing instructions end at the
		 * first '>'; a quote inside a doctype may hide one, and a '<'
		 * before it may start a tag.  Other
		 * uses of "<!", "</" and "<?" libxml2 reads as text or not at
		 * all, which this scan does not follow. */
		if (p[1] == '/' && (p + 2 >= end || !name_start((unsigned char)p[2])))
			return -1;
		if (p[1] == '?' && (p + 2 >= end || !letter((unsigned char)p[2])))
			return -1;
		if (p[1] == '!' && (p + 9 > end || !ascii_eq(p + 2, 7, "doctype")))
			return -1;
		stop = memchr(p, '>', (size_t)(end - p));
		size_t span = (size_t)((stop ? stop : end) - p);
		if (p[1] == '!' && (memchr(p, '"', span) || memchr(p, '\'', span)))
			return -1;
		/* libxml2 may read "</a<b>" as text and a tag: not followed. */
		if (memchr(p + 1, '<', span - 1))
			return -1;
		stop = stop ? stop + 1 : end;
	} else {
		stop = p + 1; /* a '<' that is text */
	}
	copy(s, p, stop);
	s->p = stop;
	return 0;
}

size_t art_prefilter(char *out, const char *html, size_t len)
{
	/* libxml2 reads a NUL as the end of a name, a value or raw text:
	 * from the first one on, the page is copied as it is. */
	const char *nul = memchr(html, '\0', len);
	struct scan s = {html, html, nul ? nul : html + len, out, out};
	while (s.p < s.end) {
		const char *lt = memchr(s.p, '<', (size_t)(s.end - s.p));
		if (!lt)
			lt = s.end;
		copy(&s, s.p, lt);
		s.p = lt;
		if (lt == s.end)
			break;
		int ok;
		if (lt + 1 < s.end && letter((unsigned char)lt[1])) {
			enum raw raw = RAW_NONE;
			const char *name = NULL;
			ok = start_tag(&s, &raw, &name) == 0;
			if (ok && raw != RAW_NONE) {
				const char *e = raw_end(s.p, s.end, name);
				if (!e)
					ok = 0;
				else if (raw == RAW_KEEP || (e == s.end && nul))
					copy(&s, s.p, e);
				if (e)
					s.p = e;
			}
		} else {
			ok = other_markup(&s) == 0;
		}
		if (!ok) { /* not sure how libxml2 reads it: the rest as it is */
			copy(&s, s.p, s.end);
			s.p = s.end;
		}
	}
	copy(&s, s.p, html + len);
	return (size_t)(s.out - out);
}
