/*
 * article_int: what the parts of the article extractor share (not an API).
 *
 *   article.c       parse, pick the main content, assemble the result
 *   article_meta.c  <meta>, JSON-LD, dates, title, author, language
 *   article_text.c  DOM to text: white space, blocks, lines
 *
 * Ownership: struct art_meta owns its strings (malloc'd, NULL when
 * unknown) until art_meta_release(); functions returning char * hand the
 * caller a malloc'd string to free; const char * results point into the
 * libxml2 tree and live as long as the document.
 */
#ifndef NEWSPIPE_ARTICLE_INT_H
#define NEWSPIPE_ARTICLE_INT_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "article.h"
#include "strbuf.h"

/* Largest field we keep for metadata (a title, a description). */
#define ART_META_MAX 4096

/* Headings kept as title candidates. */
#define ART_MAX_HEADS 20
#define ART_MAX_H1    4

/* Distinct metadata titles kept (og:title, twitter:title, JSON-LD...). */
#define ART_MAX_ALT_TITLES 4

/* Metadata found before content extraction: each a malloc'd string or NULL. */
struct art_meta {
	char *title;                          /* best headline candidate before cleaning */
	char *title_tag;                      /* <title> text */
	char *alt_titles[ART_MAX_ALT_TITLES]; /* every distinct metadata title */
	int n_alt_titles;
	char *h1;                       /* first <h1> text that is not a logo */
	int h1_in_article;              /* ... and it stands in <article> or <main> */
	char *heads[ART_MAX_HEADS];     /* texts of the first h1s, then h2s */
	int head_logo[ART_MAX_HEADS];   /* that heading is the site's logo */
	int head_kicker[ART_MAX_HEADS]; /* a kicker it marks as such went */
	int n_h1, n_h2;
	char *published, *modified;
	char *author;
	char *lang;
	char *site_name;
	char *canonical;
	char *description;
	char *ld_body;     /* JSON-LD articleBody, for the cross-check */
	char *any_date;    /* the first date written anywhere: a last resort */
	char *seen_date;   /* a dateline or a date after the headline */
	char *byline;      /* names from the first byline on the page */
	char *time_date;   /* the first <time datetime> or itemprop=datePublished */
	int typed_article; /* og:type article or JSON-LD *Article / BlogPosting */
	int typed_index;   /* JSON-LD CollectionPage, ItemList, SearchResultsPage */
	int typed_website; /* og:type website */
};

/* ---- node helpers (article.c) ---- */

/* The node after n's subtree in document order, without leaving `root`
 * (NULL when the walk is done): the step of the iterative walks, which
 * stay iterative so that nesting thousands deep costs no stack. */
static inline xmlNode *art_next_after(xmlNode *n, const xmlNode *root)
{
	while (n && !n->next && n != root)
		n = n->parent;
	return !n || n == root ? NULL : n->next;
}

/* 1 if n is an element named `name` (libxml2 lower-cases HTML names). */
static inline int art_is(const xmlNode *n, const char *name)
{
	const char *a = (const char *)n->name, *b = name;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* 1 if an ancestor of n within max levels (-1: any) is a `tag` element. */
static inline int art_has_ancestor(const xmlNode *n, const char *tag, int max)
{
	for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE && max-- != 0;
	     p = p->parent)
		if (art_is(p, tag))
			return 1;
	return 0;
}

/* An attribute's value without copying ("" when absent or empty). */
const char *art_attr(const xmlNode *n, const char *name);
/* 1 when the attribute exists. */
int art_has_attr(const xmlNode *n, const char *name);

/* ---- text (article_text.c) ---- */

/*
 * Text output with white space folding: every run of white space
 * (ASCII, no-break and the Unicode spaces) becomes one space, zero-width
 * spaces and joiners-to-nothing (U+200B, U+2060, U+FEFF) vanish, and line
 * breaks are only made by art_text_break().  Letters are never changed;
 * soft hyphens are kept, as the page has them.
 */
struct art_text {
	struct strbuf sb;
	int pending_space; /* a space is owed before the next visible char */
	int at_line_start;
	int pre;                 /* inside <pre>: keep line breaks and spaces */
	const char *pending_sep; /* owed before the next visible char */
};

void art_text_init(struct art_text *t, size_t cap);
void art_text_release(struct art_text *t);
void art_text_add(struct art_text *t, const char *s, size_t n);
void art_text_break(struct art_text *t);
void art_text_sep(struct art_text *t, const char *sep); /* between table cells */
/* Finish: trim the trailing break; the buffer holds the lines. */
void art_text_finish(struct art_text *t);

/* Folded text content of a subtree (for titles, bylines, dates). */
char *art_node_text(const xmlNode *n, size_t max);
/* Fold white space of s[0..n) into a fresh string. */
char *art_fold(const char *s, size_t n, size_t max);

/* The length of the NUL-terminated s in code points, a run of white space
 * counting as one, and its commas (',' and the fullwidth, Arabic and
 * ideographic ones). */
void art_text_measure(const char *s, unsigned *len, unsigned *commas);

/* What kind of element n is (0 for unknown names and non-elements); the
 * answer is cached in the node's `extra` field. */
#define ART_TAG_BLOCK      1u  /* starts a line of its own */
#define ART_TAG_DIVBLOCK   2u  /* makes a div a container, not a paragraph */
#define ART_TAG_INVISIBLE  4u  /* its content is never shown as text */
#define ART_TAG_UNSCORABLE 8u  /* never part of the content */
#define ART_TAG_SCORED     16u /* a paragraph-like element that is scored */
#define ART_TAG_CLUTTER    32u /* dropped from the chosen content */
unsigned art_tag(const xmlNode *n);

/* 1 for elements that start a line of their own. */
int art_is_block(const xmlNode *n);

/*
 * Serialise the subtree under n as lines into t.  `skip(node, arg)` says
 * whether an element is dropped (NULL: nothing is).
 */
void art_serialize(struct art_text *t, const xmlNode *n, int (*skip)(const xmlNode *, void *),
                   void *arg);

/* ---- prefilter (article_prefilter.c) ---- */

/* How article_extract asks libxml2 to parse a page (the buffer is UTF-8). */
#define ART_PARSE_OPTIONS                                                                          \
	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |       \
	 HTML_PARSE_COMPACT)

/*
 * Copy the page `html` (len bytes) into `out` (at least len bytes) without
 * the text of <script> (except JSON-LD) and <style> and without the
 * attributes the extractor never reads; returns the copy's length (never
 * more than len).  libxml2 builds the same tree from the copy, less what
 * was dropped.
 */
size_t art_prefilter(char *out, const char *html, size_t len);
/* 1 when the attribute `name` (n bytes, any case) is one the prefilter
 * keeps: every name passed to art_attr and art_has_attr must be. */
int art_attr_kept(const char *name, size_t n);
#ifdef NEWSPIPE_CHECKS
#define ART_ASSERT_KEPT(name) assert(art_attr_kept((name), strlen(name)))
#else
#define ART_ASSERT_KEPT(name) ((void)0)
#endif

/* ---- metadata (article_meta.c) ---- */

void art_meta_collect(struct art_meta *m, xmlDoc *doc, const char *url);
void art_meta_release(struct art_meta *m);
/* Decode character references left in a string (in place; never grows):
 * metadata is often escaped twice. */
void art_decode_entities(char *s);
/* "By A and B, C" -> "A;B;C" (malloc'd). */
char *art_clean_author(const char *s);
/* A guess of the language from common words of `text`; NULL if unsure. */
const char *art_guess_lang(const char *text, size_t n);
/* Similarity of two strings' words in [0,1] (for title vs heading). */
double art_text_similarity(const char *a, const char *b);
/* 1 if part is the title's text before its first separator (" | ",
 * " - "...): "Technology" of "Technology | Site"; 2 if it is the text
 * after its last; else 0. */
int art_title_part_is(const char *title, const char *part);
/* Length of a leading dateline in a title ("23.01.2022 - Headline"), 0 if
 * none; the headline after it keeps at least three words. */
size_t art_title_dateline(const char *title);

#endif
