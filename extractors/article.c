/*
 * article: find the main text of a page and assemble the result.
 *
 * The content finder follows the scoring idea of the Readability family
 * of extractors, on libxml2's tree and without rewriting it:
 *
 *  1. Every element gets a slot (node->_private) with its class/id hints,
 *     computed once.
 *  2. An attempt marks the nodes that cannot be content (hidden, menus,
 *     comment threads, bylines, the headline itself), measures what is
 *     left bottom-up (text, link text, commas), and scores each paragraph
 *     into its ancestors: a paragraph of plain prose with commas is worth
 *     more than a short or link-heavy one, and a parent gets more of it
 *     than a grandparent.
 *  3. The best ancestor, scaled down by its link density, wins; it may be
 *     widened to a parent that holds several strong candidates, and its
 *     siblings join when they score well or read like paragraphs.
 *  4. The chosen subtrees are cleaned bottom-up (lists of links, forms,
 *     share widgets, image galleries, asides go) and written as lines.
 *  5. If that leaves too little text, the attempt is repeated with less
 *     strict rules; the longest result is kept.
 *
 * Every pass is linear in the number of nodes (plus the ancestor walk of
 * at most five levels per paragraph), so the work is bounded on any page.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "article_int.h"
#include "utf8.h"

/* Enough text for an attempt to be accepted (code points). */
#define CHAR_THRESHOLD 500
#define TOP_CANDIDATES 5
/* A caption this short (code points) is a credit line, not prose. */
#define FIGCAP_MAX 60
/* Text output cap: no article is longer; pages that are get cut. */
#define TEXT_CAP (16u << 20)

/* Attempt flags, dropped one by one when an attempt finds too little. */
enum {
	FLAG_STRIP_UNLIKELY = 1,
	FLAG_WEIGHT_CLASSES = 2,
	FLAG_CLEAN_CONDITIONALLY = 4,
};

/* Hints from class and id (computed once per element). */
enum {
	H_UNLIKELY = 1 << 0, /* class/id says clutter */
	H_MAYBE = 1 << 1,    /* ... but also says content */
	H_CLS_POS = 1 << 2,
	H_CLS_NEG = 1 << 3,
	H_ID_POS = 1 << 4,
	H_ID_NEG = 1 << 5,
	H_BYLINE = 1 << 6,
	H_SHARE = 1 << 7,
	H_HIDDEN = 1 << 8,      /* hidden attribute, style or aria */
	H_ROLE_NAV = 1 << 9,    /* role=navigation, menu, dialog... */
	H_BLOCKDESC = 1 << 10,  /* has a block descendant (div, p, table...) */
	H_DATE = 1 << 11,       /* class/id speaks of a date or time */
	H_TEASER = 1 << 12,     /* a "Read more" line (found while cleaning) */
	H_CREDIT = 1 << 13,     /* an image credit or copyright line */
	H_KICKER = 1 << 14,     /* a section label above a headline */
	H_HEADER = 1 << 15,     /* class/id says header */
	H_MAINBODY = 1 << 16,   /* class/id/itemprop says: the article's body */
	H_HOLDS_MAIN = 1 << 17, /* has such a descendant */
	H_LEAD = 1 << 18        /* class/id says: the standfirst under a headline */
};

/* Per-attempt state bits. */
enum {
	S_REMOVED = 1 << 0,
	S_CANDIDATE = 1 << 1,   /* score initialised */
	S_TRANSPARENT = 1 << 2, /* div wrapping a single paragraph */
	S_PARA = 1 << 3,        /* div of inline content: a paragraph */
};

struct nstat {
	unsigned hints;
	unsigned state;
	double score;
	unsigned textlen; /* code points of visible text (folded) */
	double linklen;   /* of that, inside links (#anchors weigh 0.3) */
	unsigned commas;
};

/* A scored paragraph: an element, or a run of inline children of a div. */
struct para {
	xmlNode *node;         /* the element, or the div holding the run */
	xmlNode *first, *last; /* run bounds (NULL for an element) */
};

struct ctx {
	xmlDoc *doc;
	xmlNode *body;
	struct nstat *st;
	size_t n_st, a_st;
	struct art_meta meta;
	const char *title; /* cleaned title, for the duplicate-heading rule */
	int flags;
	struct para *paras;
	size_t n_paras, a_paras;
	xmlNode **cands;
	size_t n_cands, a_cands;
	xmlNode **chosen; /* nodes making up the article, document order */
	size_t n_chosen, a_chosen;
	char *byline;      /* text of the first byline seen */
	double readerable; /* sum of sqrt(len - 140) over long paragraphs */
	struct nstat scratch;
};

/* ------------------------------------------------------------ helpers */

const char *art_attr(const xmlNode *n, const char *name)
{
	ART_ASSERT_KEPT(name);
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name[0] == (xmlChar)name[0] && !strcmp((const char *)a->name, name)) {
			const xmlNode *t = a->children;
			if (t && t->type == XML_TEXT_NODE && t->content)
				return (const char *)t->content;
			return "";
		}
	return "";
}

int art_has_attr(const xmlNode *n, const char *name)
{
	ART_ASSERT_KEPT(name);
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name[0] == (xmlChar)name[0] && !strcmp((const char *)a->name, name))
			return 1;
	return 0;
}

static struct nstat *stat_of(struct ctx *c, const xmlNode *n)
{
	uintptr_t id = (uintptr_t)n->_private;
	if (id == 0 || id > c->n_st) {
		/* Nodes outside <body> (and text): a scratch slot. */
		memset(&c->scratch, 0, sizeof c->scratch);
		return &c->scratch;
	}
	return &c->st[id - 1];
}

static int is_removed(struct ctx *c, const xmlNode *n)
{
	return (stat_of(c, n)->state & S_REMOVED) != 0;
}

static int is_one_of(const xmlNode *n, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (art_is(n, names[i]))
			return 1;
	return 0;
}

static int is_heading(const xmlNode *n)
{
	const char *s = (const char *)n->name;
	return n->type == XML_ELEMENT_NODE && s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && !s[2];
}

/* ----------------------------------------------------- class/id hints */

struct hint_word {
	const char *word;
	unsigned on_class, on_id; /* hint bits when found in class / id */
	int boundary;             /* must stand as a word of its own */
};

#define UN (H_UNLIKELY)
#define CN (H_CLS_NEG)
#define IN (H_ID_NEG)
#define CP (H_CLS_POS)
#define IP (H_ID_POS)
static const struct hint_word hint_words[] = {
        /* clutter */
        {"-ad-", UN | CN, UN | IN, 0},
        {"ad-break", UN, UN, 0},
        {"about-author", UN | CN, UN | IN, 0},
        {"agegate", UN, UN, 0},
        {"author-bio", UN | CN, UN | IN, 0},
        {"author-box", UN | CN, UN | IN, 0},
        {"authorbio", UN | CN, UN | IN, 0},
        {"authorbox", UN | CN, UN | IN, 0},
        {"ai2html", UN, UN, 0},
        {"banner", UN | CN, UN | IN, 0},
        {"breadcrumb", UN, UN, 0},
        {"combx", UN | CN, UN | IN, 0},
        {"comment", UN | CN, UN | IN, 0},
        {"community", UN, UN, 0},
        {"cookie", UN | CN, UN | IN, 0},
        {"consent", UN | CN, UN | IN, 0},
        {"cover-wrap", UN, UN, 0},
        {"disclosure", UN | CN, UN | IN, 0},
        {"disqus", UN, UN, 0},
        {"extra", UN, UN, 0},
        {"footer", UN | CN, UN | IN, 0},
        {"gdpr", UN | CN, UN | IN, 0},
        {"header", UN | H_HEADER, UN | H_HEADER, 0},
        {"legends", UN, UN, 0},
        {"menu", UN, UN, 0},
        {"newsletter", UN | CN, UN | IN, 0},
        {"paywall", UN | CN, UN | IN, 0},
        {"subscribe", UN | CN, UN | IN, 0},
        {"subscription", UN | CN, UN | IN, 0},
        {"table-of-contents", UN | CN, UN | IN, 0},
        {"toc-container", UN | CN, UN | IN, 0},
        {"toc_container", UN | CN, UN | IN, 0},
        {"related", UN | CN, UN | IN, 0},
        {"remark", UN, UN, 0},
        {"replies", UN, UN, 0},
        {"rss", UN, UN, 0},
        {"shoutbox", UN | CN, UN | IN, 0},
        {"sidebar", UN | CN, UN | IN, 0},
        {"skyscraper", UN | CN, UN | IN, 0},
        {"social", UN, UN, 0},
        {"sponsor", UN | CN, UN | IN, 0},
        {"supplemental", UN, UN, 0},
        {"pagination", UN | CP, UN | IP, 0},
        {"pager", UN, UN, 0},
        {"popup", UN, UN, 0},
        {"yom-remote", UN, UN, 0},
        /* negative only */
        {"hidden", CN, IN, 0},
        {"com-", CN, IN, 0},
        {"contact", CN, IN, 0},
        {"masthead", CN, IN, 0},
        {"media", CN, IN, 0},
        {"meta", CN, IN, 0},
        {"outbrain", CN, IN, 0},
        {"promo", CN, IN, 0},
        {"scroll", CN, IN, 0},
        {"share", CN, IN, 0},
        {"shopping", CN, IN, 0},
        {"tags", CN, IN, 0},
        {"widget", CN, IN, 0},
        /* content */
        {"and", H_MAYBE, H_MAYBE, 0},
        {"article", H_MAYBE | CP, H_MAYBE | IP, 0},
        {"body", H_MAYBE | CP, H_MAYBE | IP, 0},
        {"column", H_MAYBE, H_MAYBE, 0},
        {"content", H_MAYBE | CP, H_MAYBE | IP, 0},
        {"main", H_MAYBE | CP, H_MAYBE | IP, 0},
        {"mathjax", H_MAYBE, H_MAYBE, 0},
        {"shadow", H_MAYBE, H_MAYBE, 0},
        {"entry", CP, IP, 0},
        {"hentry", CP, IP, 0},
        {"page", CP, IP, 0},
        {"post", CP, IP, 0},
        {"text", CP, IP, 0},
        {"blog", CP, IP, 0},
        {"story", CP, IP, 0},
        /* the article's body, by the names templates give it */
        {"article-body", H_MAINBODY, H_MAINBODY, 0},
        {"articlebody", H_MAINBODY, H_MAINBODY, 0},
        {"article-content", H_MAINBODY, H_MAINBODY, 0},
        {"entry-content", H_MAINBODY, H_MAINBODY, 0},
        {"post-body", H_MAINBODY, H_MAINBODY, 0},
        {"post-content", H_MAINBODY, H_MAINBODY, 0},
        /* the standfirst */
        {"lead", H_LEAD, H_LEAD, 1},
        {"intro", H_LEAD, H_LEAD, 0},
        {"standfirst", H_LEAD, H_LEAD, 0},
        {"summary", H_LEAD, H_LEAD, 0},
        {"excerpt", H_LEAD, H_LEAD, 0},
        {"teaser-text", H_LEAD, H_LEAD, 0},
        {"dek", H_LEAD, H_LEAD, 1},
        /* bylines and share widgets */
        {"byline", H_BYLINE, H_BYLINE, 0},
        {"author", H_BYLINE, H_BYLINE, 0},
        {"dateline", H_BYLINE, H_BYLINE, 0},
        {"writtenby", H_BYLINE, H_BYLINE, 0},
        {"autor", H_BYLINE, H_BYLINE, 0},
        {"writer", H_BYLINE, H_BYLINE, 0},
        {"p-author", H_BYLINE, H_BYLINE, 0},
        {"date", H_DATE, H_DATE, 0},
        {"publish", H_DATE, H_DATE, 0},
        {"posted", H_DATE, H_DATE, 0},
        {"credit", H_CREDIT, H_CREDIT, 0},
        {"kicker", H_KICKER, H_KICKER, 0},
        {"eyebrow", H_KICKER, H_KICKER, 0},
        {"overline", H_KICKER, H_KICKER, 0},
        {"dachzeile", H_KICKER, H_KICKER, 0},
        {"topline", H_KICKER, H_KICKER, 0},
        {"roofline", H_KICKER, H_KICKER, 0},
        {"copyright", H_CREDIT, H_CREDIT, 0},
        {"share", H_SHARE, H_SHARE, 1},
        {"sharedaddy", H_SHARE, H_SHARE, 1},
        {NULL, 0, 0, 0},
};
#undef UN
#undef CN
#undef IN
#undef CP
#undef IP

static int word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

#define N_HINT_WORDS (sizeof hint_words / sizeof hint_words[0] - 1)

/* A class or id value seen before and its hints: pages repeat the same
 * few class names on thousands of elements. */
#define HINT_MEMO     512 /* slots, a power of two */
#define HINT_MEMO_LEN 56  /* longer values are not remembered */
struct hint_memo {
	unsigned char len; /* value length + 1; 0: empty slot */
	unsigned char on_id;
	unsigned bits;
	char s[HINT_MEMO_LEN];
};

/* The hint words chained by first letter, so that a class name is matched
 * against the few words that can start at each of its characters. */
struct hint_index {
	short first[128];
	short next[N_HINT_WORDS];
	struct hint_memo memo[HINT_MEMO];
};

static void hint_index_init(struct hint_index *x)
{
	memset(x->memo, 0, sizeof x->memo);
	for (size_t i = 0; i < 128; i++)
		x->first[i] = -1;
	for (size_t w = N_HINT_WORDS; w-- > 0;) {
		unsigned char c = (unsigned char)hint_words[w].word[0];
		x->next[w] = x->first[c];
		x->first[c] = (short)w;
	}
}

/* Hint bits of one attribute value (on_id selects the id column). */
static unsigned hints_of(const struct hint_index *x, const char *s, int on_id)
{
	unsigned bits = 0;
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c >= 128)
			continue;
		for (short wi = x->first[c]; wi >= 0; wi = x->next[wi]) {
			const struct hint_word *w = &hint_words[wi];
			size_t k = 1;
			while (w->word[k] && tolower((unsigned char)s[i + k]) == w->word[k])
				k++;
			if (w->word[k])
				continue;
			/* "share" as a word: not inside "shared" or "timeshare";
			 * '_' and '-' count as separators. */
			if (w->boundary && ((i > 0 && word_char((unsigned char)s[i - 1])) ||
			                    word_char((unsigned char)s[i + k])))
				continue;
			bits |= on_id ? w->on_id : w->on_class;
		}
	}
	return bits;
}

/* hints_of, remembered by value. */
static unsigned hints_memo(struct hint_index *x, const char *s, int on_id)
{
	size_t n = strlen(s);
	if (n >= HINT_MEMO_LEN)
		return hints_of(x, s, on_id);
	uint32_t h = 2166136261u ^ (uint32_t)on_id;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	struct hint_memo *m = &x->memo[h & (HINT_MEMO - 1)];
	if (m->len == n + 1 && m->on_id == on_id && !memcmp(m->s, s, n))
		return m->bits;
	m->bits = hints_of(x, s, on_id);
	m->len = (unsigned char)(n + 1);
	m->on_id = (unsigned char)on_id;
	memcpy(m->s, s, n);
	return m->bits;
}

static int style_hidden(const char *style)
{
	if (!*style)
		return 0;
	const char *p = strcasestr(style, "display");
	if (p) {
		p += 7;
		while (*p == ' ' || *p == ':')
			p++;
		if (!strncasecmp(p, "none", 4))
			return 1;
	}
	p = strcasestr(style, "visibility");
	if (p) {
		p += 10;
		while (*p == ' ' || *p == ':')
			p++;
		if (!strncasecmp(p, "hidden", 6))
			return 1;
	}
	return 0;
}

static unsigned element_hints(struct hint_index *x, const xmlNode *n)
{
	unsigned h = 0;
	const char *cls = "", *id = "", *style = "", *role = "";
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		const char *v =
		        a->children && a->children->type == XML_TEXT_NODE && a->children->content
		                ? (const char *)a->children->content
		                : "";
		switch (name[0]) { /* most attributes are none of these */
		case 'c':
			if (!strcmp(name, "class"))
				cls = v;
			break;
		case 'i':
			if (!strcmp(name, "id"))
				id = v;
			else if (!strcmp(name, "itemprop") && strstr(v, "author"))
				h |= H_BYLINE;
			else if (!strcmp(name, "itemprop") && strstr(v, "articleBody"))
				h |= H_MAINBODY;
			break;
		case 's':
			if (!strcmp(name, "style"))
				style = v;
			break;
		case 'r':
			if (!strcmp(name, "role"))
				role = v;
			else if (!strcmp(name, "rel") && !strcmp(v, "author"))
				h |= H_BYLINE;
			break;
		case 'h':
			if (!strcmp(name, "hidden"))
				h |= H_HIDDEN;
			break;
		case 'a':
			if ((!strcmp(name, "aria-hidden") || !strcmp(name, "aria-modal")) &&
			    !strcmp(v, "true"))
				h |= H_HIDDEN;
			break;
		}
	}
	if (*cls)
		h |= hints_memo(x, cls, 0);
	if (*id)
		h |= hints_memo(x, id, 1);
	if (style_hidden(style))
		h |= H_HIDDEN;
	/* An image fallback marked aria-hidden is still shown. */
	if ((h & H_HIDDEN) && strstr(cls, "fallback-image"))
		h &= ~H_HIDDEN;
	if (*role) {
		static const char *const roles[] = {"menu",       "menubar", "complementary",
		                                    "navigation", "alert",   "alertdialog",
		                                    "dialog",     NULL};
		for (size_t i = 0; roles[i]; i++)
			if (!strcmp(role, roles[i]))
				h |= H_ROLE_NAV;
	}
	return h;
}

/* Elements that make a div a container rather than a paragraph. */
static int is_div_block(const xmlNode *n)
{
	return (art_tag(n) & ART_TAG_DIVBLOCK) != 0;
}

/* ------------------------------------------------------- first pass */

/* Set a hint bit on the ancestors of n, stopping at the first that has it
 * already (then so do all above it): linear over the whole page. */
static void mark_ancestors(struct ctx *c, const xmlNode *n, unsigned bit)
{
	for (xmlNode *p = n->parent;
	     p && p->type == XML_ELEMENT_NODE && !(stat_of(c, p)->hints & bit); p = p->parent)
		stat_of(c, p)->hints |= bit;
}

/* Give each element a slot and its hints; note block descendants. */
static void index_nodes(struct ctx *c, xmlNode *root)
{
	struct hint_index hx;
	xmlNode *n = root;
	hint_index_init(&hx);
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			if (c->n_st == c->a_st) {
				c->a_st = c->a_st ? 2 * c->a_st : 1024;
				c->st = xrealloc(c->st, c->a_st * sizeof *c->st);
			}
			memset(&c->st[c->n_st], 0, sizeof *c->st);
			c->st[c->n_st].hints = element_hints(&hx, n);
			n->_private = (void *)(uintptr_t)(++c->n_st);
			if (is_div_block(n))
				mark_ancestors(c, n, H_BLOCKDESC);
			/* "story-body-supplemental" is a sidebar, not the body. */
			unsigned h = c->st[c->n_st - 1].hints;
			if ((h & H_MAINBODY) && !(h & H_UNLIKELY))
				mark_ancestors(c, n, H_HOLDS_MAIN);
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		n = art_next_after(n, root);
	}
}

/* ------------------------------------------------- per-attempt passes */

static int is_unscorable_tag(const xmlNode *n)
{
	return (art_tag(n) & ART_TAG_UNSCORABLE) != 0;
}

static void add_para(struct ctx *c, xmlNode *node, xmlNode *first, xmlNode *last)
{
	if (c->n_paras == c->a_paras) {
		c->a_paras = c->a_paras ? 2 * c->a_paras : 256;
		c->paras = xrealloc(c->paras, c->a_paras * sizeof *c->paras);
	}
	c->paras[c->n_paras++] = (struct para){node, first, last};
}

/* Raw text present in a subtree (early exit; for "empty" checks). */
static int has_text(const xmlNode *n, int depth)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content) {
			for (const xmlChar *p = k->content; *p; p++)
				if (!isspace(*p))
					return 1;
		} else if (k->type == XML_ELEMENT_NODE && depth < 64 && !art_is(k, "script") &&
		           !art_is(k, "style") && has_text(k, depth + 1)) {
			return 1;
		}
	}
	return 0;
}

/* Only br/hr elements and blank text inside. */
static int without_content(const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && !art_is(k, "br") && !art_is(k, "hr"))
			return 0;
	return !has_text(n, 0);
}

static int is_phrasing(const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	return !art_is_block(n) && !is_div_block(n) && !art_is(n, "br");
}

/* Inline runs inside a div that also holds blocks: each is a paragraph. */
static void add_runs(struct ctx *c, xmlNode *div)
{
	xmlNode *first = NULL, *last = NULL;
	int text = 0;
	for (xmlNode *k = div->children;; k = k->next) {
		if (k && (is_phrasing(k) || k->type == XML_COMMENT_NODE)) {
			if (!first)
				first = k;
			last = k;
			if (k->type == XML_TEXT_NODE) {
				for (const xmlChar *p = k->content; p && *p && !text; p++)
					text = !isspace(*p);
			} else if (k->type == XML_ELEMENT_NODE && !text) {
				text = has_text(k, 0);
			}
			continue;
		}
		if (first && text)
			add_para(c, div, first, last);
		first = last = NULL;
		text = 0;
		if (!k)
			break;
	}
}

static void remove_node(struct ctx *c, const xmlNode *n)
{
	stat_of(c, n)->state |= S_REMOVED;
}

static int byline_text_ok(const xmlNode *n)
{
	char *t = art_node_text(n, 400);
	size_t len = utf8_count(t, strlen(t));
	free(t);
	return len > 0 && len < 100;
}

/*
 * Mark what cannot be content and collect the paragraphs to score.
 * Returns whether to descend into n.
 */
static int grab_visit(struct ctx *c, xmlNode *n, int *title_removed)
{
	struct nstat *s = stat_of(c, n);
	unsigned h = s->hints;
	if (is_unscorable_tag(n) || (h & H_HIDDEN)) {
		remove_node(c, n);
		return 0;
	}
	if ((h & H_BYLINE) && !art_is(n, "body") && !art_is(n, "article") && byline_text_ok(n)) {
		remove_node(c, n);
		return 0;
	}
	if (!*title_removed && (art_is(n, "h1") || art_is(n, "h2")) && c->title && *c->title) {
		char *t = art_node_text(n, ART_META_MAX);
		double sim = art_text_similarity(c->title, t);
		free(t);
		if (sim >= 0.75) {
			*title_removed = 1;
			remove_node(c, n);
			return 0;
		}
	}
	if (c->flags & FLAG_STRIP_UNLIKELY) {
		/* Not a wrapper ("above-footer") around what the template
		 * itself calls the article's body. */
		if ((h & H_UNLIKELY) && !(h & (H_MAYBE | H_HOLDS_MAIN)) && !art_is(n, "body") &&
		    !art_is(n, "a") && !art_has_ancestor(n, "table", 3) &&
		    !art_has_ancestor(n, "code", 3)) {
			remove_node(c, n);
			return 0;
		}
		if (h & H_ROLE_NAV) {
			remove_node(c, n);
			return 0;
		}
	}
	if ((art_is(n, "div") || art_is(n, "section") || art_is(n, "header") || is_heading(n)) &&
	    without_content(n)) {
		remove_node(c, n);
		return 0;
	}
	if (art_tag(n) & ART_TAG_SCORED) {
		add_para(c, n, NULL, NULL);
	} else if (art_is(n, "div")) {
		/* A div holding one paragraph and nothing else is that
		 * paragraph: skip it when walking up the ancestors. */
		xmlNode *only = NULL;
		int other = 0;
		for (xmlNode *k = n->children; k && !other; k = k->next) {
			if (k->type == XML_ELEMENT_NODE) {
				if (only)
					other = 1;
				only = k;
			} else if (k->type == XML_TEXT_NODE && k->content) {
				for (const xmlChar *p = k->content; *p && !other; p++)
					other = !isspace(*p);
			}
		}
		if (!other && only && art_is(only, "p")) {
			s->state |= S_TRANSPARENT;
		} else if (!(h & H_BLOCKDESC)) {
			s->state |= S_PARA;
			add_para(c, n, NULL, NULL);
		} else {
			add_runs(c, n);
		}
	}
	return 1;
}

static void grab(struct ctx *c)
{
	int title_removed = 0;
	xmlNode *root = c->body, *n = root;
	c->n_paras = 0;
	while (n) {
		int down = n->type == XML_ELEMENT_NODE && grab_visit(c, n, &title_removed);
		if (down && n->children) {
			n = n->children;
			continue;
		}
		n = art_next_after(n, root);
	}
}

/* Add a finished node's text, link text and commas to its parent. */
static void fold_into_parent(struct ctx *c, xmlNode *n)
{
	struct nstat *ps = stat_of(c, n->parent);
	if (n->type == XML_TEXT_NODE && n->content) {
		unsigned len, commas;
		art_text_measure((const char *)n->content, &len, &commas);
		ps->textlen += len;
		ps->commas += commas;
	} else if (n->type == XML_ELEMENT_NODE && !is_removed(c, n)) {
		struct nstat *s = stat_of(c, n);
		if (art_is(n, "a"))
			s->linklen = s->textlen * (art_attr(n, "href")[0] == '#' ? 0.3 : 1);
		ps->textlen += s->textlen;
		ps->linklen += s->linklen;
		ps->commas += s->commas;
	}
}

static void zero_stats(struct ctx *c, xmlNode *n)
{
	struct nstat *s = stat_of(c, n);
	s->textlen = 0, s->linklen = 0, s->commas = 0;
}

/* Text, link text and commas of every element, bottom-up, skipping the
 * removed.  Iterative post-order: pages nest deeply. */
static void measure(struct ctx *c, xmlNode *root)
{
	zero_stats(c, root);
	xmlNode *n = root->children;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && !is_removed(c, n)) {
			zero_stats(c, n);
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		/* n is complete: fold it up, then its finished ancestors. */
		for (;;) {
			fold_into_parent(c, n);
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == root)
				return;
		}
	}
}

static double link_density(struct ctx *c, const xmlNode *n)
{
	struct nstat *s = stat_of(c, n);
	return s->textlen ? s->linklen / s->textlen : 0;
}

static int class_weight(struct ctx *c, const xmlNode *n)
{
	if (!(c->flags & FLAG_WEIGHT_CLASSES))
		return 0;
	unsigned h = stat_of(c, n)->hints;
	int w = 0;
	if (h & H_CLS_NEG)
		w -= 25;
	if (h & H_CLS_POS)
		w += 25;
	if (h & H_ID_NEG)
		w -= 25;
	if (h & H_ID_POS)
		w += 25;
	return w;
}

static void init_candidate(struct ctx *c, xmlNode *n)
{
	struct nstat *s = stat_of(c, n);
	static const char *const minus3[] = {"address", "ol", "ul",   "dl", "dd",
	                                     "dt",      "li", "form", NULL};
	static const char *const plus3[] = {"pre", "td", "blockquote", NULL};
	double score = 0;
	if (art_is(n, "div"))
		score = 5;
	else if (is_one_of(n, plus3))
		score = 3;
	else if (is_one_of(n, minus3))
		score = -3;
	else if (is_heading(n) || art_is(n, "th"))
		score = -5;
	s->score = score + class_weight(c, n);
	s->state |= S_CANDIDATE;
	if (c->n_cands == c->a_cands) {
		c->a_cands = c->a_cands ? 2 * c->a_cands : 256;
		c->cands = xrealloc(c->cands, c->a_cands * sizeof *c->cands);
	}
	c->cands[c->n_cands++] = n;
}

/* Length and commas of an inline run (its text nodes and elements). */
static void run_stats(struct ctx *c, const struct para *p, unsigned *len, unsigned *commas,
                      double *linklen)
{
	*len = 0, *commas = 0, *linklen = 0;
	for (xmlNode *k = p->first;; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content) {
			unsigned tl, tc;
			art_text_measure((const char *)k->content, &tl, &tc);
			*len += tl;
			*commas += tc;
		} else if (k->type == XML_ELEMENT_NODE && !is_removed(c, k)) {
			struct nstat *s = stat_of(c, k);
			*len += s->textlen;
			*commas += s->commas;
			*linklen += s->linklen;
		}
		if (k == p->last)
			break;
	}
}

static void score_paragraphs(struct ctx *c)
{
	c->n_cands = 0;
	for (size_t i = 0; i < c->n_paras; i++) {
		struct para *p = &c->paras[i];
		unsigned len, commas;
		double linklen;
		xmlNode *up;
		if (is_removed(c, p->node))
			continue;
		if (p->first) {
			run_stats(c, p, &len, &commas, &linklen);
			up = p->node; /* the run's parent is the div */
		} else {
			struct nstat *s = stat_of(c, p->node);
			len = s->textlen, commas = s->commas;
			up = p->node->parent;
		}
		if (len < 25 || !up || up->type != XML_ELEMENT_NODE)
			continue;
		/* Skip removed ancestors' descendants: removal is inherited. */
		int gone = 0;
		for (xmlNode *a = up; a && a->type == XML_ELEMENT_NODE && !gone; a = a->parent)
			gone = is_removed(c, a);
		if (gone)
			continue;
		double score = 1 + (commas + 1) + (len / 100 < 3 ? len / 100 : 3);
		int level = 0;
		for (xmlNode *a = up; a && level < 5; a = a->parent) {
			if (a->type != XML_ELEMENT_NODE || !a->parent ||
			    a->parent->type != XML_ELEMENT_NODE)
				break;
			struct nstat *s = stat_of(c, a);
			if (s->state & S_TRANSPARENT)
				continue;
			if (!(s->state & S_CANDIDATE))
				init_candidate(c, a);
			double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
			s->score += score / div;
			level++;
		}
	}
	for (size_t i = 0; i < c->n_cands; i++) {
		struct nstat *s = stat_of(c, c->cands[i]);
		s->score *= 1 - link_density(c, c->cands[i]);
	}
}

static double score_of(struct ctx *c, const xmlNode *n)
{
	return stat_of(c, n)->score;
}

static size_t element_children(const xmlNode *n)
{
	size_t k = 0;
	for (const xmlNode *x = n->children; x; x = x->next)
		k += x->type == XML_ELEMENT_NODE;
	return k;
}

static int is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (const xmlNode *p = n->parent; p; p = p->parent)
		if (p == a)
			return 1;
	return 0;
}

/* The best candidate, possibly widened to a common ancestor. */
static xmlNode *pick_top(struct ctx *c)
{
	xmlNode *top[TOP_CANDIDATES] = {0};
	for (size_t i = 0; i < c->n_cands; i++) {
		xmlNode *n = c->cands[i];
		double sc = score_of(c, n);
		for (int k = 0; k < TOP_CANDIDATES; k++) {
			if (!top[k] || sc > score_of(c, top[k])) {
				memmove(top + k + 1, top + k,
				        (TOP_CANDIDATES - k - 1) * sizeof top[0]);
				top[k] = n;
				break;
			}
		}
	}
	xmlNode *best = top[0];
	if (!best || art_is(best, "body"))
		return NULL;
	/* Several strong candidates under one ancestor: take the ancestor. */
	int alts = 0;
	for (int k = 1; k < TOP_CANDIDATES && top[k]; k++)
		if (score_of(c, top[k]) / score_of(c, best) >= 0.75)
			alts++;
	if (alts >= 3) {
		for (xmlNode *p = best->parent;
		     p && !art_is(p, "body") && p->type == XML_ELEMENT_NODE; p = p->parent) {
			int holding = 0;
			for (int k = 1; k < TOP_CANDIDATES && top[k]; k++)
				if (score_of(c, top[k]) / score_of(c, best) >= 0.75 &&
				    is_ancestor(p, top[k]))
					holding++;
			if (holding >= 3) {
				best = p;
				break;
			}
		}
	}
	if (!(stat_of(c, best)->state & S_CANDIDATE))
		init_candidate(c, best);
	/* Climb while the parent scores better (it holds more of the text). */
	double last = score_of(c, best), threshold = last / 3;
	for (xmlNode *p = best->parent; p && p->type == XML_ELEMENT_NODE && !art_is(p, "body");
	     p = p->parent) {
		if (!(stat_of(c, p)->state & S_CANDIDATE))
			continue;
		double ps = score_of(c, p);
		if (ps < threshold)
			break;
		if (ps > last) {
			best = p;
			break;
		}
		last = ps;
	}
	/* An only child says nothing its parent does not. */
	while (best->parent && best->parent->type == XML_ELEMENT_NODE &&
	       !art_is(best->parent, "body") && element_children(best->parent) == 1)
		best = best->parent;
	if (!(stat_of(c, best)->state & S_CANDIDATE))
		init_candidate(c, best);
	return best;
}

static void choose(struct ctx *c, xmlNode *n)
{
	if (c->n_chosen == c->a_chosen) {
		c->a_chosen = c->a_chosen ? 2 * c->a_chosen : 16;
		c->chosen = xrealloc(c->chosen, c->a_chosen * sizeof *c->chosen);
	}
	c->chosen[c->n_chosen++] = n;
}

static int ends_sentence(struct ctx *c, const xmlNode *n)
{
	char *t = art_node_text(n, 0);
	size_t len = strlen(t);
	int ok = 0;
	for (size_t i = 0; i < len && !ok; i++)
		ok = t[i] == '.' && (i + 1 == len || t[i + 1] == ' ');
	free(t);
	return ok;
}

/* The top candidate and the siblings that belong with it. */
static void gather(struct ctx *c, xmlNode *top)
{
	c->n_chosen = 0;
	double threshold = score_of(c, top) * 0.2;
	if (threshold < 10)
		threshold = 10;
	const char *top_class = art_attr(top, "class");
	for (xmlNode *s = top->parent->children; s; s = s->next) {
		if (s == top) {
			choose(c, s);
			continue;
		}
		if (s->type != XML_ELEMENT_NODE || is_removed(c, s))
			continue;
		struct nstat *ss = stat_of(c, s);
		double bonus = 0;
		if (*top_class && !strcmp(art_attr(s, "class"), top_class))
			bonus = score_of(c, top) * 0.2;
		if ((ss->state & S_CANDIDATE) && ss->score + bonus >= threshold) {
			choose(c, s);
		} else if (art_is(s, "p")) {
			double ld = link_density(c, s);
			unsigned len = ss->textlen;
			if (len > 80 && ld < 0.25)
				choose(c, s);
			else if (len < 80 && len > 0 && ld == 0 && ends_sentence(c, s))
				choose(c, s);
		}
	}
}

/* ------------------------------------------------------------ cleaning */

/* What the cleaner needs to know of a subtree after its own cleaning. */
struct msr {
	unsigned text, commas;
	double links;
	unsigned p, img, li, input, embed;
	unsigned heading_text, textish_text;
};

static int is_data_table(const xmlNode *t)
{
	const char *role = art_attr(t, "role");
	if (!strcmp(role, "presentation") || !strcmp(art_attr(t, "datatable"), "0"))
		return 0;
	if (*art_attr(t, "summary"))
		return 1;
	unsigned rows = 0, cols = 0;
	/* Walk the table (not nested tables) counting rows and cells. */
	const xmlNode *n = t->children;
	while (n && n != t) {
		if (n->type == XML_ELEMENT_NODE) {
			if (art_is(n, "caption") || art_is(n, "th") || art_is(n, "thead") ||
			    art_is(n, "tfoot") || art_is(n, "col") || art_is(n, "colgroup"))
				return 1;
			if (art_is(n, "table"))
				return 0;
			if (art_is(n, "tr")) {
				unsigned k = 0;
				rows++;
				for (const xmlNode *x = n->children; x; x = x->next)
					if (art_is(x, "td"))
						k++;
				if (k > cols)
					cols = k;
			}
			if (n->children && !art_is(n, "tr")) {
				n = n->children;
				continue;
			}
		}
		while (n != t && !n->next)
			n = n->parent;
		if (n == t)
			break;
		n = n->next;
	}
	if (rows >= 10 || cols > 4)
		return 1;
	return rows * cols > 10;
}

struct clean_env {
	int in_figure, in_code, in_datatable;
	int depth;
};

static int is_textish(const xmlNode *n)
{
	return art_is(n, "span") || art_is(n, "li") || art_is(n, "td") || is_div_block(n);
}

static int conditional_remove(struct ctx *c, const xmlNode *n, const struct msr *m,
                              const struct clean_env *env)
{
	int is_list = art_is(n, "ul") || art_is(n, "ol");
	if (env->in_datatable || env->in_code)
		return 0;
	int weight = class_weight(c, n);
	if (weight < 0)
		return 1;
	if (m->commas >= 10)
		return 0;
	double ld = m->text ? m->links / m->text : 0;
	double heading_density = m->text ? (double)m->heading_text / m->text : 0;
	double textish = m->text ? (double)m->textish_text / m->text : 0;
	int li = (int)m->li - 100;
	int remove = (!env->in_figure && m->img > 1 && (double)m->p / m->img < 0.5) ||
	             (!is_list && li > (int)m->p) || (m->input > m->p / 3) ||
	             (!is_list && !env->in_figure && heading_density < 0.9 && m->text < 25 &&
	              (m->img == 0 || m->img > 2) && ld > 0) ||
	             (!is_list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
	             ((m->embed == 1 && m->text < 75) || m->embed > 1) ||
	             (m->img == 0 && textish == 0);
	/* A list of images (a gallery) is content, though it has no text. */
	if (is_list && remove && m->img && m->img == m->li)
		return 0;
	return remove;
}

static void clean_rec(struct ctx *c, xmlNode *n, struct clean_env env, struct msr *out);

/*
 * Lines that point away from the article: "Read more:", "Related
 * articles", "Lesen Sie auch", "Le puede interesar"...  Lower case; a line
 * is matched on its start, after any leading punctuation.
 */
static const char *const teaser_phrases[] = {
        /* en */
        "read more",
        "read also",
        "also read",
        "related articles",
        "related stories",
        "related posts",
        "related content",
        "related coverage",
        "related:",
        "you may also like",
        "you might also like",
        "more from",
        "more stories",
        "recommended for you",
        "most read",
        "most popular",
        "follow us on",
        "sign up for our",
        "subscribe to our",
        "subscribe now",
        "to view the full story",
        "click here to",
        "advertisement",
        /* de */
        "lesen sie auch",
        "lesen sie mehr",
        "mehr zum thema",
        "mehr themen",
        "auch interessant",
        "das k\xc3\xb6nnte sie auch interessieren",
        "das k\xc3\xb6nnte dich auch interessieren",
        "weiterf\xc3\xbchrende links",
        "weitere artikel",
        "weitere informationen:",
        "zur\xc3\xbc"
        "ck zur liste",
        "folgen sie uns",
        "anzeige",
        "zum thema:",
        /* fr */
        "lire aussi",
        "\xc3\xa0 lire aussi",
        "a lire aussi",
        "voir aussi :",
        "sur le m\xc3\xaame sujet",
        "articles similaires",
        "suivez-nous",
        /* es */
        "le puede interesar",
        "te puede interesar",
        "tambi\xc3\xa9n te puede interesar",
        "lea tambi\xc3\xa9n",
        "lee tambi\xc3\xa9n",
        "mira:",
        "s\xc3\xadguenos",
        "siguenos",
        "noticias relacionadas",
        /* it, pt, nl */
        "leggi anche",
        "potrebbe interessarti",
        "leia tamb\xc3\xa9m",
        "veja tamb\xc3\xa9m",
        "lees ook",
        /* more, any language */
        "back to top",
        "was this article helpful",
        "never miss",
        "tags:",
        "topics:",
        "schlagworte:",
        "weiterlesen",
        "nach oben",
        "zur\xc3\xbc"
        "ck",
        "war der artikel",
        "vorschau auf den",
        "lesen sie hier",
        "\xc3\x80 lire aussi",
        "czytaj te\xc5\xbc",
        "czytaj tak\xc5\xbc"
        "e",
        "zobacz te\xc5\xbc",
        NULL,
};

/* The first bytes of a subtree's text, white space folded, into buf
 * (no allocation: this runs for many small elements). */
static size_t first_text(const xmlNode *n, char *buf, size_t size, size_t len, int depth)
{
	for (const xmlNode *k = n->children; k && len + 1 < size; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content) {
			for (const xmlChar *p = k->content; *p && len + 1 < size; p++) {
				int sp = isspace(*p);
				if (sp && (len == 0 || buf[len - 1] == ' '))
					continue;
				buf[len++] = sp ? ' ' : (char)*p;
			}
		} else if (k->type == XML_ELEMENT_NODE && depth < 16 && !is_unscorable_tag(k)) {
			len = first_text(k, buf, size, len, depth + 1);
		}
	}
	buf[len] = 0;
	return len;
}

/* A short line starting with one of the phrases above; a line that only
 * names a subject ("Related") must hold a link, be a heading or be short. */
static int is_teaser(const xmlNode *n, int has_link, unsigned text_len)
{
	char buf[96];
	first_text(n, buf, sizeof buf, 0, 0);
	const char *p = buf;
	while (*p &&
	       !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80))
		p++;
	int yes = 0;
	for (size_t i = 0; teaser_phrases[i] && !yes; i++) {
		size_t k = strlen(teaser_phrases[i]);
		if (strncasecmp(p, teaser_phrases[i], k) != 0)
			continue;
		/* A whole word: "Anzeige" but not "Anzeigepflicht". */
		unsigned char next = (unsigned char)p[k];
		yes = !(next >= 'a' && next <= 'z') && !(next >= 'A' && next <= 'Z') && next < 0x80;
	}
	if (yes && !has_link && !is_heading(n))
		yes = text_len < 60;
	return yes;
}

/* 1 if an h1 is inside n (a few levels down). */
static int holds_h1(const xmlNode *n, int depth)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    (art_is(k, "h1") || (depth < 4 && holds_h1(k, depth + 1))))
			return 1;
	return 0;
}

static int is_article_header(struct ctx *c, const xmlNode *n)
{
	return (art_is(n, "header") || (stat_of(c, n)->hints & H_HEADER)) && holds_h1(n, 0);
}

/* The standfirst of an article's header: a block so named, or a paragraph
 * of a sentence or more; not a byline, date or label. */
static int is_lead(struct ctx *c, const xmlNode *n)
{
	unsigned h = stat_of(c, n)->hints;
	if (is_heading(n) || is_removed(c, n) ||
	    (h & (H_BYLINE | H_DATE | H_KICKER | H_SHARE | H_CREDIT | H_HIDDEN)))
		return 0;
	if (!(h & H_LEAD) && !art_is(n, "p"))
		return 0;
	char *t = art_node_text(n, 2000);
	size_t len = utf8_count(t, strlen(t));
	free(t);
	return len >= 80;
}

static int holds_lead(struct ctx *c, const xmlNode *n, int depth)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    (is_lead(c, k) || (depth < 4 && holds_lead(c, k, depth + 1))))
			return 1;
	return 0;
}

/* Everything in the header but its standfirst goes: the rest (label,
 * headline, byline, date, share buttons) are columns already. */
static void keep_only_lead(struct ctx *c, const xmlNode *n, int depth)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || is_lead(c, k))
			continue;
		if (depth < 4 && holds_lead(c, k, depth + 1))
			keep_only_lead(c, k, depth + 1);
		else
			remove_node(c, k);
	}
}

/* What is left of a cleaned subtree: its text, commas and paragraphs (no
 * second cleaning: headers nest, and cleaning twice per level would
 * double the work at each). */
static void measure_kept(struct ctx *c, xmlNode *root, struct msr *m)
{
	memset(m, 0, sizeof *m);
	xmlNode *n = root->children;
	while (n) {
		if (n->type == XML_TEXT_NODE && n->content) {
			unsigned len, commas;
			art_text_measure((const char *)n->content, &len, &commas);
			m->text += len, m->commas += commas;
		} else if (n->type == XML_ELEMENT_NODE && !is_removed(c, n)) {
			m->p += art_is(n, "p");
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		n = art_next_after(n, root);
	}
}

/* A short line that is mostly a date ("Published 7 March 2024, 14:20"):
 * clutter repeated from the metadata. */
static int is_dateline(const xmlNode *n)
{
	char *t = art_node_text(n, 200), iso[64];
	size_t words = 0;
	for (const char *p = t; *p; p++)
		words += (p == t || p[-1] == ' ') && *p != ' ';
	int yes = words <= 10 && article_parse_date(t, strlen(t), iso, sizeof iso);
	free(t);
	return yes;
}

static void add_msr(struct msr *to, const struct msr *m)
{
	to->text += m->text, to->commas += m->commas, to->links += m->links;
	to->p += m->p, to->img += m->img, to->li += m->li, to->input += m->input;
	to->embed += m->embed, to->heading_text += m->heading_text;
	to->textish_text += m->textish_text;
}

/* Always dropped from the article, whatever their content. */
static int is_clutter_tag(const xmlNode *n)
{
	return (art_tag(n) & ART_TAG_CLUTTER) != 0;
}

/*
 * Clean n's children and sum what is left.  Inline runs straight inside a
 * div count as paragraphs (which is what they are on the screen).
 */
static void clean_children(struct ctx *c, xmlNode *n, struct clean_env env, struct msr *m)
{
	int div = art_is(n, "div"), in_run = 0, after_teaser = 0;
	memset(m, 0, sizeof *m);
	for (xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content) {
			const char *t = (const char *)k->content;
			unsigned len, commas;
			art_text_measure(t, &len, &commas);
			m->text += len;
			m->commas += commas;
			if (div && len > 1) {
				m->textish_text += len;
				if (!in_run)
					m->p++;
				in_run = 1;
			}
		} else if (k->type == XML_ELEMENT_NODE) {
			struct msr km;
			clean_rec(c, k, env, &km);
			/* After a "Related articles" heading, the lists of links
			 * that follow it go too. */
			if (after_teaser && !is_removed(c, k)) {
				if (km.text == 0 || km.links > 0.3 * km.text) {
					remove_node(c, k);
					continue;
				}
				after_teaser = 0;
			}
			if (is_heading(k) && is_removed(c, k) && stat_of(c, k)->hints & H_TEASER)
				after_teaser = 1;
			add_msr(m, &km);
			if (!is_phrasing(k))
				in_run = 0;
		}
	}
}

static void clean_rec(struct ctx *c, xmlNode *n, struct clean_env env, struct msr *out)
{
	memset(out, 0, sizeof *out);
	if (is_removed(c, n))
		return;
	if (env.depth > 512 || is_unscorable_tag(n)) {
		remove_node(c, n);
		return;
	}
	if (art_is(n, "img") || art_is(n, "picture")) {
		out->img = 1;
		return;
	}
	if (is_clutter_tag(n)) {
		if (art_is(n, "embed") || art_is(n, "object") || art_is(n, "iframe"))
			out->embed = 1;
		if (art_is(n, "input"))
			out->input = 1;
		remove_node(c, n);
		return;
	}
	unsigned h = stat_of(c, n)->hints;
	struct clean_env kenv = env;
	kenv.depth++;
	if (art_is(n, "figure"))
		kenv.in_figure = 1;
	if (art_is(n, "code"))
		kenv.in_code = 1;
	int table = art_is(n, "table");
	if (table && is_data_table(n))
		kenv.in_datatable = 1;
	struct msr m;
	clean_children(c, n, kenv, &m);
	if (art_is(n, "a"))
		m.links = m.text * (art_attr(n, "href")[0] == '#' ? 0.3 : 1);
	/* Share widgets, short ones only (a long block is not a widget). */
	if (((h & H_CREDIT) || art_is(n, "figcaption")) && m.text < FIGCAP_MAX) {
		remove_node(c, n);
		return;
	}
	if ((h & H_KICKER) && m.text < 80) {
		remove_node(c, n);
		return;
	}
	/* The article's own header (section label, headline, standfirst,
	 * byline, dateline, share buttons): its parts are columns already. */
	if (m.text < 1000 && is_article_header(c, n)) {
		if (!holds_lead(c, n, 0)) {
			remove_node(c, n);
			return;
		}
		keep_only_lead(c, n, 0);
		measure_kept(c, n, &m);
	}
	if ((h & H_SHARE) && m.text < CHAR_THRESHOLD) {
		remove_node(c, n);
		return;
	}
	if (m.text < 250 &&
	    (is_heading(n) || art_is(n, "p") || art_is(n, "div") || art_is(n, "li") ||
	     art_is(n, "strong")) &&
	    is_teaser(n, m.links > 0, m.text)) {
		stat_of(c, n)->hints |= H_TEASER;
		remove_node(c, n);
		return;
	}
	if ((h & H_DATE) && m.text < 100 && (art_is(n, "p") || art_is(n, "div")) &&
	    is_dateline(n)) {
		remove_node(c, n);
		return;
	}
	if ((art_is(n, "h1") || art_is(n, "h2")) && class_weight(c, n) < 0) {
		remove_node(c, n);
		return;
	}
	int para = (stat_of(c, n)->state & S_PARA) != 0;
	if ((c->flags & FLAG_CLEAN_CONDITIONALLY) && !para &&
	    ((table && !kenv.in_datatable) || art_is(n, "ul") || art_is(n, "ol") ||
	     art_is(n, "div") || art_is(n, "fieldset")) &&
	    conditional_remove(c, n, &m, &env)) {
		remove_node(c, n);
		return;
	}
	*out = m;
	if (art_is(n, "p") || para)
		out->p++;
	if (art_is(n, "li"))
		out->li++;
	if (is_heading(n))
		out->heading_text = m.text;
	if (is_textish(n))
		out->textish_text = m.text;
}

static void clean_chosen(struct ctx *c)
{
	for (size_t i = 0; i < c->n_chosen; i++) {
		struct clean_env env = {0};
		struct msr m;
		xmlNode *n = c->chosen[i];
		env.in_figure = art_has_ancestor(n, "figure", -1);
		env.in_code = art_has_ancestor(n, "code", -1);
		/* The chosen node itself is kept, unless it is the article's
		 * header; its children are judged. */
		if (c->n_chosen > 1 && is_article_header(c, n)) {
			remove_node(c, n);
			continue;
		}
		env.depth = 1;
		clean_children(c, n, env, &m);
	}
}

/* ---------------------------------------------------------- attempts */

static int skip_removed(const xmlNode *n, void *arg)
{
	return is_removed(arg, n);
}

static void reset_attempt(struct ctx *c)
{
	for (size_t i = 0; i < c->n_st; i++) {
		c->st[i].state = 0;
		c->st[i].score = 0;
	}
	c->n_cands = 0;
	c->n_chosen = 0;
}

/* One attempt with c->flags; the text goes to out. */
static void attempt(struct ctx *c, struct art_text *out)
{
	reset_attempt(c);
	grab(c);
	measure(c, c->body);
	score_paragraphs(c);
	xmlNode *top = pick_top(c);
	if (top) {
		gather(c, top);
	} else {
		choose(c, c->body);
	}
	clean_chosen(c);
	for (size_t i = 0; i < c->n_chosen; i++) {
		if (is_removed(c, c->chosen[i]))
			continue;
		art_text_break(out);
		art_serialize(out, c->chosen[i], skip_removed, c);
	}
	art_text_finish(out);
}

/* How readable the page is: long paragraphs of visible text. */
static void readerable_score(struct ctx *c)
{
	c->readerable = 0;
	for (size_t i = 0; i < c->n_paras; i++) {
		xmlNode *n = c->paras[i].node;
		if (c->paras[i].first || !(art_is(n, "p") || art_is(n, "pre")))
			continue;
		unsigned h = stat_of(c, n)->hints;
		if ((h & H_UNLIKELY) && !(h & H_MAYBE))
			continue;
		unsigned len = stat_of(c, n)->textlen;
		if (len >= 140)
			c->readerable += sqrt(len - 140.0);
	}
}

static void extract_text(struct ctx *c, struct art_text *best)
{
	static const int flag_sets[] = {
	        FLAG_STRIP_UNLIKELY | FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
	        FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
	        FLAG_CLEAN_CONDITIONALLY,
	        0,
	};
	size_t best_len = 0;
	for (size_t i = 0; i < sizeof flag_sets / sizeof flag_sets[0]; i++) {
		struct art_text t;
		art_text_init(&t, TEXT_CAP);
		c->flags = flag_sets[i];
		attempt(c, &t);
		if (i == 0)
			readerable_score(c);
		size_t len = utf8_count(t.sb.buf, t.sb.len);
		if (i == 0 || len > best_len) {
			art_text_release(best);
			*best = t;
			best_len = len;
		} else {
			art_text_release(&t);
		}
		if (len >= CHAR_THRESHOLD)
			break;
	}
}

/* ------------------------------------------------------------ result */

void article_init(struct article *a)
{
	memset(a, 0, sizeof *a);
	a->title = a->published = a->modified = a->author = a->lang = a->site_name =
	        a->canonical_url = a->description = a->text = strbuf_empty;
}

static void free_field(char **p)
{
	if (*p != strbuf_empty)
		free(*p);
	*p = strbuf_empty;
}

void article_release(struct article *a)
{
	free_field(&a->title);
	free_field(&a->published);
	free_field(&a->modified);
	free_field(&a->author);
	free_field(&a->lang);
	free_field(&a->site_name);
	free_field(&a->canonical_url);
	free_field(&a->description);
	free_field(&a->text);
	a->text_len = 0;
	a->is_article = 0;
	a->repaired = 0;
}

/* Take ownership of s (may be NULL) as a field. */
static void set_out(char **field, char *s)
{
	free_field(field);
	if (s && *s)
		*field = s;
	else
		free(s);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* A heading is the headline the title names when they share most words
 * or one holds most of the other. */
static int heading_matches(const char *head, const char *title)
{
	size_t hl = strlen(head), tl = strlen(title);
	if (hl >= 8 && hl * 5 >= tl * 3 && strcasestr(title, head))
		return 1;
	if (tl >= 8 && tl * 5 >= hl * 3 && strcasestr(head, title))
		return 1;
	return art_text_similarity(head, title) >= 0.75;
}

/* A heading that is the site's name (a logo) rather than a headline. */
static int is_site_name(const char *h, const char *site)
{
	if (site && *site && art_text_similarity(h, site) >= 0.5)
		return 1;
	return 0;
}

/* Words of a folded (single-spaced) string; a lone ":" or "–" is none. */
static size_t words_in(const char *s)
{
	size_t w = 0;
	int counted = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ')
			counted = 0;
		else if (!counted && (isalnum(c) || c >= 0x80)) {
			/* "–" is three bytes above 0x7f, a word it is not. */
			if (!(c == 0xe2 && (unsigned char)s[1] == 0x80))
				w++, counted = 1;
		}
	}
	return w;
}

/* A visible heading that ends with the title the metadata gives, after a
 * few more words that no metadata title carries (a kicker or a dateline
 * in a <span>: "Data protection EU court voids the pact"), is that title
 * as the page writes it. */
static const char *without_kicker(const char *head, const char *title, const char *raw,
                                  const char *tag)
{
	size_t hl = strlen(head), tl = strlen(title);
	if (tl < 8 || tl + 2 > hl || (head[hl - tl - 1] != ' ' && head[hl - tl - 1] != ':'))
		return head;
	/* Two words make a title when a colon sets the kicker apart. */
	if (strcasecmp(head + hl - tl, title) ||
	    words_in(title) < (hl - tl >= 2 && head[hl - tl - 2] == ':' ? 2u : 3u))
		return head;
	if (words_in(head) - words_in(title) > 6)
		return head;
	/* Kept when the metadata carries it too: then it is part of the title. */
	char kicker[ART_META_MAX];
	snprintf(kicker, sizeof kicker, "%.*s", (int)(hl - tl - 1), head);
	if ((raw && strcasestr(raw, kicker)) || (tag && strcasestr(tag, kicker)))
		return head;
	return head + hl - tl;
}

/* A matching heading without its kicker, the kicker found before the
 * title the metadata gives or, failing that, before the <title>. */
static const char *heading_headline(const struct art_meta *m, const char *h, const char *buf,
                                    const char *raw)
{
	const char *t = without_kicker(h, buf, raw, m->title_tag);
	char tag[ART_META_MAX];
	if (t == h && m->title && m->title_tag &&
	    article_clean_title(m->title_tag, m->site_name, tag, sizeof tag))
		t = without_kicker(h, tag, raw, m->title_tag);
	return t;
}

static int names_site_in(const char *title, const char *site)
{
	char buf[ART_META_MAX];
	return title && article_clean_title(title, site, buf, sizeof buf) < strlen(title);
}

/* Whether the metadata title or the <title> carries the site's name. */
static int names_site(const struct art_meta *m)
{
	return names_site_in(m->title, m->site_name) || names_site_in(m->title_tag, m->site_name);
}

/* A headline without the date it may start with ("23.01.2022 - ..."). */
static char *without_dateline(const char *t)
{
	return xstrdup(t + art_title_dateline(t));
}

/*
 * The headline: the metadata title (else the <title>) without the site's
 * name; but the visible h1 (or h2) that it names, as written on the page,
 * when there is one.
 */
static char *pick_title(struct ctx *c)
{
	struct art_meta *m = &c->meta;
	const char *raw = m->title && *m->title ? m->title : m->title_tag;
	char buf[ART_META_MAX];
	if (!raw || !*raw)
		return dup_or_null(m->h1);
	if (!article_clean_title(raw, m->site_name, buf, sizeof buf))
		snprintf(buf, sizeof buf, "%s", raw);
	/* A heading the page shows under a kicker it marks as one, the rest
	 * of the title after that kicker ("Kicker: Headline"), is the
	 * headline without it. */
	size_t bl = strlen(buf);
	for (int i = 0; i < ART_MAX_HEADS; i++) {
		const char *h = m->heads[i];
		size_t hl = h ? strlen(h) : 0;
		if (h && m->head_kicker[i] && !m->head_logo[i] && hl + 2 < bl && words_in(h) >= 3 &&
		    !strcasecmp(buf + bl - hl, h) && buf[bl - hl - 1] == ' ' &&
		    buf[bl - hl - 2] == ':')
			return without_dateline(h);
	}
	/* A heading that is the title word for word beats one like it. */
	for (int i = 0; i < ART_MAX_HEADS; i++) {
		const char *h = m->heads[i];
		if (h && !m->head_logo[i] && !strcasecmp(h, buf))
			return without_dateline(h);
	}
	/* A heading that is only the title's last part, where sites put their
	 * name ("Headline — Project"), gives way to a later one that the
	 * title names otherwise. */
	const char *tail = NULL;
	for (int i = 0; i < ART_MAX_HEADS; i++) {
		const char *h = m->heads[i];
		if (!h || m->head_logo[i] || is_site_name(h, m->site_name))
			continue;
		if (heading_matches(h, buf) || (m->title && heading_matches(h, m->title)) ||
		    (m->title_tag && heading_matches(h, m->title_tag)))
			return without_dateline(heading_headline(m, h, buf, raw));
		int part = art_title_part_is(raw, h);
		if (part == 1)
			return without_dateline(heading_headline(m, h, buf, raw));
		if (part == 2 && !tail)
			tail = h;
	}
	if (tail)
		return without_dateline(heading_headline(m, tail, buf, raw));
	/* No heading is the best metadata title: one that another metadata
	 * title names exactly is the headline. */
	for (int i = 0; i < ART_MAX_HEADS; i++) {
		const char *h = m->heads[i];
		if (!h || m->head_logo[i] || is_site_name(h, m->site_name))
			continue;
		for (int k = 0; k < m->n_alt_titles; k++)
			if (!strcasecmp(h, m->alt_titles[k]))
				return without_dateline(h);
	}
	/* A first h1 of a few words that has little in common with the
	 * metadata title: that title names the site or a section ("Home", an
	 * SEO line), the h1 is the headline the reader sees. */
	if (m->h1 && (words_in(m->h1) >= 4 || (m->h1_in_article && names_site(m))) &&
	    art_text_similarity(m->h1, buf) < 0.5)
		return without_dateline(heading_headline(m, m->h1, buf, raw));
	return without_dateline(buf);
}

static xmlDoc *parse(const char *page, size_t page_len, const char *url)
{
	char *html = xmalloc(page_len + 1);
	size_t len = art_prefilter(html, page, page_len);
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		free(html);
		return NULL;
	}
	/* The buffer is UTF-8 whatever its <meta charset> says. */
	xmlDoc *doc = htmlCtxtReadMemory(ctxt, html, (int)len, url, "UTF-8", ART_PARSE_OPTIONS);
	htmlFreeParserCtxt(ctxt);
	free(html);
	return doc;
}

static xmlNode *find_body(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root)
		return NULL;
	for (xmlNode *k = root->children; k; k = k->next)
		if (art_is(k, "body"))
			return k;
	return root;
}

static void free_ctx(struct ctx *c)
{
	art_meta_release(&c->meta);
	free(c->st);
	free(c->paras);
	free(c->cands);
	free(c->chosen);
	if (c->doc)
		xmlFreeDoc(c->doc);
}

/* Text of the JSON-LD articleBody, folded but keeping its line breaks. */
static char *ld_body_text(const char *body)
{
	struct art_text t;
	art_text_init(&t, TEXT_CAP);
	t.pre = 0;
	const char *p = body;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		art_text_add(&t, p, n);
		art_text_break(&t);
		p += n + (e != NULL);
	}
	art_text_finish(&t);
	return sb_detach(&t.sb, NULL);
}

int article_extract(struct article *a, const char *html, size_t len, const char *url)
{
	struct ctx c;
	struct strbuf fixed = STRBUF_INIT;
	article_release(a);
	if (url && !*url)
		url = NULL;
	if (!utf8_valid(html, len)) {
		long r = utf8_repair(&fixed, html, len);
		a->repaired = r > 0 ? r : 0;
		html = fixed.buf, len = fixed.len;
	}
	size_t blank = 0;
	while (blank < len && isspace((unsigned char)html[blank]))
		blank++;
	if (blank == len || len > INT32_MAX) {
		sb_release(&fixed);
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.doc = parse(html, len, url);
	sb_release(&fixed);
	if (!c.doc || !(c.body = find_body(c.doc))) {
		free_ctx(&c);
		return -1;
	}
	art_meta_collect(&c.meta, c.doc, url);
	char *title = pick_title(&c);
	c.title = title;
	index_nodes(&c, c.body);

	struct art_text text;
	art_text_init(&text, TEXT_CAP);
	extract_text(&c, &text);
	size_t text_cp = utf8_count(text.sb.buf, text.sb.len);

	/* JSON-LD articleBody cross-check: when the page's markup gave much
	 * less than the publisher's own copy of the text (a script-rendered
	 * or truncated page), trust the copy. */
	if (c.meta.ld_body) {
		size_t ld_cp = utf8_count(c.meta.ld_body, strlen(c.meta.ld_body));
		if (ld_cp >= CHAR_THRESHOLD && text_cp * 2 < ld_cp) {
			art_text_release(&text);
			art_text_init(&text, TEXT_CAP);
			char *t = ld_body_text(c.meta.ld_body);
			sb_addstr(&text.sb, t);
			free(t);
			text_cp = utf8_count(text.sb.buf, text.sb.len);
		}
	}

	set_out(&a->title, title);
	/* A page that calls itself a list of other pages and has no prose is
	 * no article: its teasers' text, dates and bylines are not its own. */
	int index_page = !c.meta.typed_article && c.readerable < 10 && c.meta.typed_index;
	if (index_page)
		sb_reset(&text.sb);
	if (!c.meta.published && !index_page) {
		/* Then <time>, a visible dateline, a date in the text, any date. */
		char iso[64];
		if (c.meta.time_date)
			c.meta.published = xstrdup(c.meta.time_date);
		else if (c.meta.seen_date)
			c.meta.published = xstrdup(c.meta.seen_date);
		else if (article_parse_date_order(text.sb.buf, text.sb.len,
		                                  article_lang_day_first(c.meta.lang), iso,
		                                  sizeof iso))
			c.meta.published = xstrdup(iso);
		else if (c.meta.any_date)
			c.meta.published = xstrdup(c.meta.any_date);
	}
	set_out(&a->published, dup_or_null(c.meta.published));
	set_out(&a->modified, dup_or_null(c.meta.modified));
	if (c.meta.author && *c.meta.author)
		set_out(&a->author, xstrdup(c.meta.author));
	else if (c.meta.byline && !index_page)
		set_out(&a->author, xstrdup(c.meta.byline));
	set_out(&a->site_name, dup_or_null(c.meta.site_name));
	set_out(&a->canonical_url, dup_or_null(c.meta.canonical ? c.meta.canonical : url));
	set_out(&a->description, dup_or_null(c.meta.description));
	if (c.meta.lang && *c.meta.lang) {
		set_out(&a->lang, xstrdup(c.meta.lang));
	} else {
		const char *g = art_guess_lang(text.sb.buf, text.sb.len);
		set_out(&a->lang, dup_or_null(g));
	}
	/* An article: typed so with some text, or long paragraphs of prose
	 * (fewer will do when the extracted text is substantial). */
	a->is_article = !index_page && ((c.meta.typed_article && text_cp >= 250) ||
	                                c.readerable > 20 || (c.readerable > 10 && text_cp >= 400));
	a->text_len = text.sb.len;
	set_out(&a->text, sb_detach(&text.sb, NULL));
	if (!*a->text)
		a->text_len = 0;
	free_ctx(&c);
	return 0;
}
