/*
 * article_text: from DOM nodes to lines of text.
 *
 * White space is folded the way a browser renders it (a run of spaces,
 * tabs, line ends, no-break and other Unicode spaces is one space) except
 * inside <pre>; zero-width spaces are dropped since they only split words
 * for the eye.  Soft hyphens are the page's own and stay.  Block elements end a line, so the
 * result is one paragraph, heading, list item or table row a line.
 */
#include <assert.h>
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
	if (cp == 0x200b || cp == 0x2060 || cp == 0xfeff || cp == UTF8_INVALID)
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

struct tag_kind {
	const char *name;
	unsigned flags;
};

#define B ART_TAG_BLOCK
#define D ART_TAG_DIVBLOCK
#define I ART_TAG_INVISIBLE
#define U ART_TAG_UNSCORABLE
#define S ART_TAG_SCORED
#define C ART_TAG_CLUTTER
/* Element kinds by name, grouped by first letter (looked up by letter). */
static const struct tag_kind tag_kinds[] = {
        {"address", B},
        {"article", B | D},
        {"aside", B | C},
        {"audio", I | U},
        {"blockquote", B | D},
        {"body", B},
        {"button", I | U | C},
        {"canvas", I | U},
        {"caption", B},
        {"center", B},
        {"dd", B},
        {"details", B},
        {"dialog", B | U},
        {"dir", B},
        {"div", B | D},
        {"dl", B | D},
        {"dt", B},
        {"embed", I | U | C},
        {"fieldset", B},
        {"figcaption", B | C},
        {"figure", B},
        {"footer", B | C},
        {"form", B | C},
        {"h1", B},
        {"h2", B | S},
        {"h3", B | S},
        {"h4", B | S},
        {"h5", B | S},
        {"h6", B | S},
        {"head", I | U},
        {"header", B},
        {"hgroup", B},
        {"hr", B},
        {"html", B},
        {"iframe", I | U | C},
        {"img", D},
        {"input", I | U | C},
        {"legend", B},
        {"li", B},
        {"link", C},
        {"main", B},
        {"map", I | U},
        {"math", 0},
        {"menu", B},
        {"nav", B | C},
        {"noscript", I | U},
        {"object", I | U | C},
        {"ol", B | D},
        {"option", I},
        {"p", B | D | S},
        {"pre", B | D | S},
        {"rp", I}, /* ruby: the reading above the text (furigana), not the text */
        {"rt", I},
        {"script", I | U},
        {"section", B | D | S},
        {"select", I | U | C},
        {"style", I | U},
        {"summary", B},
        {"svg", I | U},
        {"table", B | D},
        {"tbody", B},
        {"td", S},
        {"template", I | U},
        {"textarea", I | U | C},
        {"tfoot", B},
        {"thead", B},
        {"title", I},
        {"tr", B},
        {"ul", B | D},
        {"video", I | U},
        {NULL, 0},
};
#undef B
#undef D
#undef I
#undef U
#undef S
#undef C

/* Set in xmlNode.extra (which nothing else uses in an HTML tree) once
 * art_tag has looked the node's name up: the passes ask it of every node
 * several times. */
#define TAG_CACHED 0x8000u

unsigned art_tag(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	if (n->extra & TAG_CACHED)
		return n->extra & ~TAG_CACHED;
	const char *name = (const char *)n->name;
	unsigned flags = 0;
	/* The table is sorted: scan only the entries of the first letter. */
	for (const struct tag_kind *k = tag_kinds; k->name; k++) {
		if (k->name[0] < name[0])
			continue;
		if (k->name[0] > name[0])
			break;
		if (!strcmp(k->name, name)) {
			flags = k->flags;
			break;
		}
	}
	assert(flags < TAG_CACHED);
	((xmlNode *)n)->extra = (unsigned short)(flags | TAG_CACHED);
	return flags;
}

/* Elements whose content is never text of the page. */
static int is_invisible(const xmlNode *n)
{
	return (art_tag(n) & ART_TAG_INVISIBLE) != 0;
}

int art_is_block(const xmlNode *n)
{
	return (art_tag(n) & ART_TAG_BLOCK) != 0;
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

/*
 * One pass over a text node: its length and commas (see article_int.h);
 * every text node is measured by two passes of the extractor.
 */
void art_text_measure(const char *s, unsigned *len, unsigned *commas)
{
	unsigned n = 0, k = 0;
	int space = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
			n += !space;
			space = 1;
			continue;
		}
		if ((c & 0xc0) == 0x80)
			continue;
		n++;
		space = 0;
		if (c == ',')
			k++;
		else if (c == 0xef && p[1] == 0xbc && p[2] == 0x8c) /* U+FF0C fullwidth */
			k++;
		else if (c == 0xd8 && p[1] == 0x8c) /* U+060C Arabic */
			k++;
		else if (c == 0xe3 && p[1] == 0x80 && p[2] == 0x81) /* U+3001 ideographic */
			k++;
	}
	*len = n;
	*commas = k;
}
