/*
 * article_text: from DOM nodes to lines of text.
 *
 * White space is folded the way a browser renders it (a run of spaces,
 * tabs, line ends, no-break and other Unicode spaces is one space) except
 * inside <pre>; zero-width characters and soft hyphens are dropped since
 * they only split words for the eye.  Block elements end a line, so the
 * result is one paragraph, heading, list item or table row a line.
 */
#include <string.h>

#include "article_int.h"
#include "utf8.h"

/* Nesting deeper than this is not descended into (libxml2 stops at 256). */
#define ART_MAX_DEPTH 1024

enum cls { CH_VISIBLE, CH_SPACE, CH_NEWLINE, CH_DROP };

/* How a code point is rendered. */
static enum cls classify(uint32_t cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v')
		return CH_SPACE;
	if (cp == '\n' || cp == '\r')
		return CH_NEWLINE;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return cp == 0x85 ? CH_NEWLINE : CH_DROP;
	if (cp < 0xa0)
		return CH_VISIBLE;
	if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	    cp == 0x205f || cp == 0x3000)
		return CH_SPACE;
	if (cp == 0x2028 || cp == 0x2029)
		return CH_NEWLINE;
	if (cp == 0xad || cp == 0x200b || cp == 0x2060 || cp == 0xfeff || cp == UTF8_INVALID)
		return cp == UTF8_INVALID ? CH_VISIBLE : CH_DROP;
	return CH_VISIBLE;
}

void art_text_init(struct art_text *t, size_t cap)
{
	sb_init(&t->sb, cap);
	t->pending_space = 0;
	t->at_line_start = 1;
	t->pre = 0;
	t->pending_sep = NULL;
}

void art_text_release(struct art_text *t)
{
	sb_release(&t->sb);
}

static void trim_trailing_spaces(struct strbuf *sb)
{
	size_t n = sb->len;
	while (n > 0 && sb->buf[n - 1] == ' ')
		n--;
	if (n != sb->len)
		sb_setlen(sb, n);
}

void art_text_break(struct art_text *t)
{
	t->pending_space = 0;
	t->pending_sep = NULL;
	if (t->at_line_start)
		return;
	trim_trailing_spaces(&t->sb);
	sb_addch(&t->sb, '\n');
	t->at_line_start = 1;
}

void art_text_sep(struct art_text *t, const char *sep)
{
	if (!t->at_line_start)
		t->pending_sep = sep;
}

/* Emit what is owed before a visible character. */
static void flush_pending(struct art_text *t)
{
	if (t->pending_sep) {
		trim_trailing_spaces(&t->sb);
		sb_addstr(&t->sb, t->pending_sep);
	} else if (t->pending_space && !t->at_line_start) {
		sb_addch(&t->sb, ' ');
	}
	t->pending_sep = NULL;
	t->pending_space = 0;
	t->at_line_start = 0;
}

void art_text_add(struct art_text *t, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;
		if (c >= 0x21 && c < 0x7f) {
			/* ASCII fast path: copy a run of visible characters. */
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] >= 0x21 && (unsigned char)s[j] < 0x7f)
				j++;
			flush_pending(t);
			sb_add(&t->sb, s + i, j - i);
			i = j;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		switch (classify(cp)) {
		case CH_VISIBLE:
			flush_pending(t);
			if (cp == UTF8_INVALID)
				sb_add_utf8(&t->sb, UTF8_REPLACEMENT);
			else
				sb_add(&t->sb, s + i, k);
			break;
		case CH_SPACE:
			if (t->pre) {
				/* Indentation in <pre> is meaning. */
				flush_pending(t);
				sb_addch(&t->sb, ' ');
			} else {
				t->pending_space = 1;
			}
			break;
		case CH_NEWLINE:
			if (t->pre)
				art_text_break(t);
			else
				t->pending_space = 1;
			break;
		case CH_DROP: break;
		}
		i += k;
	}
}

void art_text_finish(struct art_text *t)
{
	trim_trailing_spaces(&t->sb);
	while (t->sb.len > 0 && t->sb.buf[t->sb.len - 1] == '\n')
		sb_setlen(&t->sb, t->sb.len - 1);
	t->pending_space = 0;
	t->pending_sep = NULL;
}

/* Elements whose content is never text of the page. */
static int is_invisible(const xmlNode *n)
{
	static const char *const names[] = { "script", "style",  "noscript", "template", "head",
					     "title",  "select", "option",   "textarea", "svg",
					     "math",   "iframe", "object",   "embed",    "canvas",
					     "button", "input",  "video",    "audio",    "map",
					     NULL };
	for (size_t i = 0; names[i]; i++)
		if (art_is(n, names[i]))
			return 1;
	return 0;
}

int art_is_block(const xmlNode *n)
{
	static const char *const names[] = {
		"p",	  "div",	"h1",	   "h2",      "h3",	 "h4",	    "h5",
		"h6",	  "li",		"ul",	   "ol",      "dl",	 "dt",	    "dd",
		"blockquote", "pre",	"table",   "tr",      "tbody",	 "thead",   "tfoot",
		"caption",    "section", "article", "aside",   "header", "footer",  "nav",
		"main",	  "figure",	"figcaption", "address", "hr",	 "form",    "fieldset",
		"legend",     "details", "summary", "center",  "hgroup", "dialog",  "menu",
		"dir",	  "body",	"html",	   NULL
	};
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; names[i]; i++)
		if (art_is(n, names[i]))
			return 1;
	return 0;
}

static void serialize_rec(struct art_text *t, const xmlNode *n,
			  int (*skip)(const xmlNode *, void *), void *arg, int depth)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				art_text_add(t, (const char *)c->content,
					     strlen((const char *)c->content));
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || is_invisible(c))
			continue;
		if (skip && skip(c, arg))
			continue;
		if (art_is(c, "br")) {
			art_text_break(t);
			continue;
		}
		if (depth >= ART_MAX_DEPTH)
			continue;
		if (art_is(c, "td") || art_is(c, "th")) {
			art_text_sep(t, " | ");
			serialize_rec(t, c, skip, arg, depth + 1);
			continue;
		}
		int block = art_is_block(c);
		int pre = art_is(c, "pre");
		if (block)
			art_text_break(t);
		else if (t->at_line_start == 0 && (art_is(c, "img") || art_is(c, "wbr")))
			continue;
		if (pre)
			t->pre++;
		serialize_rec(t, c, skip, arg, depth + 1);
		if (pre)
			t->pre--;
		if (block)
			art_text_break(t);
	}
}

void art_serialize(struct art_text *t, const xmlNode *n, int (*skip)(const xmlNode *, void *),
		   void *arg)
{
	if (n->type == XML_TEXT_NODE) {
		if (n->content)
			art_text_add(t, (const char *)n->content, strlen((const char *)n->content));
		return;
	}
	serialize_rec(t, n, skip, arg, 0);
}

char *art_fold(const char *s, size_t n, size_t max)
{
	struct art_text t;
	art_text_init(&t, max ? max : SIZE_MAX / 2);
	/* Line breaks inside metadata are just spaces. */
	art_text_add(&t, s, n);
	art_text_finish(&t);
	return sb_detach(&t.sb, NULL);
}

char *art_node_text(const xmlNode *n, size_t max)
{
	struct art_text t;
	art_text_init(&t, SIZE_MAX / 2);
	art_serialize(&t, n, NULL, NULL);
	art_text_finish(&t);
	for (size_t i = 0; i < t.sb.len; i++)
		if (t.sb.buf[i] == '\n')
			t.sb.buf[i] = ' ';
	if (max && t.sb.len > max) {
		/* Cut at a character boundary. */
		size_t k = max;
		while (k > 0 && ((unsigned char)t.sb.buf[k] & 0xc0) == 0x80)
			k--;
		sb_setlen(&t.sb, k);
	}
	return sb_detach(&t.sb, NULL);
}

size_t art_text_len(const char *s, size_t n)
{
	size_t count = 0;
	int space = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
			if (!space)
				count++;
			space = 1;
		} else if ((c & 0xc0) != 0x80) {
			count++;
			space = 0;
		}
	}
	return count;
}
