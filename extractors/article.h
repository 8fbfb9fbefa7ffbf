/*
 * article: the main text and metadata of a news page, from its HTML.
 *
 * A pure function over a buffer: no I/O, no global state.  Give it the
 * page as UTF-8 HTML (invalid sequences are repaired to U+FFFD and
 * counted) and, when known, the page's URL (used to resolve the canonical
 * link and as the last source of a publication date); get back an
 * `struct article` whose strings it owns:
 *
 *   struct article a;
 *   article_init(&a);
 *   if (article_extract(&a, html, len, url) == 0)
 *       use(a.title, a.text, ...);
 *   article_release(&a);   // frees every string; a is empty again
 *
 * The same `struct article` may be reused for the next page: article_extract
 * releases what the previous call left.  Every string field is non-NULL
 * after article_init (empty when unknown), NUL-terminated, valid UTF-8
 * without control characters other than LF in `text`.
 *
 *   title          the headline as the page shows it (the heading its
 *                  metadata title names), without a " | Site" part
 *   published      ISO 8601 ("2024-03-05" or "2024-03-05T14:30:00+01:00"),
 *                  trusted in this order: JSON-LD, OpenGraph article:*,
 *                  <meta> date names, <time datetime>/itemprop, the URL
 *                  path, a visible dateline or a date in the text
 *   modified       ISO 8601, from JSON-LD, OpenGraph or <meta> only
 *   author         names, ';'-separated, without "By " or roles
 *   lang           BCP 47 tag ("en", "pt-BR"), from the markup or, when
 *                  it says nothing, guessed from the text's common words
 *   site_name      the publication
 *   canonical_url  <link rel=canonical> or og:url, absolute; else url
 *   description    the page's summary (meta description, og:description)
 *   is_article     1 when the page looks like an article (typed so, or
 *                  with enough running text), 0 for index pages and such
 *   text           the main text: headings, paragraphs, list items, quotes
 *                  and table rows, one a line, joined by LF; navigation,
 *                  comments, share widgets, notices, the article's header
 *                  (label, headline, standfirst, byline, dateline),
 *                  captions and credits left out; empty for a page that
 *                  declares itself a collection of others and has no
 *                  prose.  Entities decoded, white space folded
 *                  (no-break and zero-width spaces included), letters kept.
 *                  At most 16 MiB.
 *
 * Bounded work: the page is parsed once by libxml2's HTML parser (which
 * caps nesting depth), and each later pass is linear in the number of
 * nodes.  Memory is a small multiple of the page size and freed before
 * article_extract returns.
 *
 * article_extract returns 0, or -1 when the buffer holds no HTML at all
 * (empty or blank): the fields are then empty and is_article is 0.
 */
#ifndef NEWSPIPE_ARTICLE_H
#define NEWSPIPE_ARTICLE_H

#include <stddef.h>

struct article {
	char *title;
	char *published;
	char *modified;
	char *author;
	char *lang;
	char *site_name;
	char *canonical_url;
	char *description;
	char *text;
	size_t text_len;
	int is_article;
	long repaired; /* invalid UTF-8 sequences replaced in the input */
};

void article_init(struct article *a);
void article_release(struct article *a);
int article_extract(struct article *a, const char *html, size_t len, const char *url);

/*
 * Helpers the extractor is built from, exposed for tests and for other
 * stages.  Each writes a NUL-terminated result into `out` (of `size`
 * bytes) and returns its length, or 0 when nothing was recognised.
 *
 * article_parse_date: a date in any of the common written forms (ISO 8601,
 * RFC 822, "5 March 2024", "March 5, 2024", "05.03.2024", "2024/03/05")
 * to ISO 8601; a time and offset are kept when given.
 */
size_t article_parse_date(const char *s, size_t n, char *out, size_t size);
/* The same, reading an ambiguous 02/10/2020 day first (2 October) when
 * day_first is set; article_parse_date reads it month first. */
size_t article_parse_date_order(const char *s, size_t n, int day_first, char *out, size_t size);
/* 1 if a page in this BCP 47 language writes dates day first: every
 * language but English, and English outside the US, Canada and the
 * Philippines ("en-GB", "en-IN"); 0 for "en" alone or no language. */
int article_lang_day_first(const char *lang);
/* A date in a URL path ("/2024/03/05/", "/2024-03-05-", "/20240305/"). */
size_t article_url_date(const char *url, char *out, size_t size);
/* The headline part of a <title>, given the site name when known. */
size_t article_clean_title(const char *title, const char *site, char *out, size_t size);

#endif
