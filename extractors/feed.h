/*
 * feed: parse a feed document held in memory into entries.
 *
 * Formats: RSS 0.90, 0.91, 0.92, 0.93/0.94, 1.0 (RDF) and 2.0; Atom 0.3
 * and 1.0 (also a lone <entry> document); JSON Feed 1.0 and 1.1; XML
 * sitemaps (<urlset>, with Google News extensions) and sitemap indexes
 * (<sitemapindex>, whose entries are the sitemaps it lists).
 *
 * Safety: XML goes through libxml2 with network access, DTD loading,
 * entity substitution and the "huge" option all off, so an external
 * entity (XXE) is never read and an entity bomb is never expanded;
 * references to entities the document declares itself give no text.
 * libxml2's own limits bound nesting (256 levels) and entity
 * amplification; the walkers here also stop at FEED_MAX_DEPTH.  JSON
 * goes through jansson (nesting bounded by jansson).  The body is parsed
 * as UTF-8 whatever the XML declaration says (news-fetch has already
 * converted it), and a leading BOM or white space is skipped.
 *
 * Errors: a document libxml2 can only read in recover mode still gives
 * the entries it recovered, and feed_parse() reports FEED_RECOVERED with
 * the first error; one it cannot read at all, or whose root is not a
 * feed, gives no entries and FEED_FAILED.
 *
 * Entry fields (all UTF-8, NUL-terminated, never NULL, "" when absent,
 * white space folded to single spaces, no TAB/LF):
 *   url         the entry's link, resolved against xml:base and the
 *               document's base URL (see feed_parse); for RSS <link>,
 *               else an Atom link, else a permalink <guid>, else an
 *               enclosure; for Atom the alternate link, else another
 *               non-self link, else an http(s) <id>; JSON: url, else
 *               external_url; sitemaps: <loc>.
 *   title       plain text (HTML tags stripped, references decoded).
 *   published   ISO 8601 UTC, from pubDate/dc:date/published/issued/
 *               created/date_published/news:publication_date; falls back
 *               to the updated date when a feed entry has no other (not
 *               for sitemaps, whose lastmod is only an update date).
 *   updated     ISO 8601 UTC, from atom:updated/modified/dcterms:modified/
 *               date_modified/lastmod.
 *   guid        <guid>, rdf:about, <id>, JSON id.
 *   author      names, ';'-separated (RSS "mail (Name)" gives Name).
 *   categories  ';'-separated, unique, in document order (a ';' inside
 *               one becomes ',').
 *   summary     plain text of the summary/description, else the content.
 *   format      "rss0.90", "rss0.91", "rss0.92", "rss2.0", "rss1.0",
 *               "atom0.3", "atom1.0", "jsonfeed1.0", "jsonfeed1.1",
 *               "sitemap", "sitemap-news", "sitemapindex".
 *
 * Ownership: the entry handed to the callback, and its strings, belong
 * to the parser and are valid only during the call.  Pure: no I/O, no
 * state kept between calls (libxml2's one-time initialisation aside).
 */
#ifndef NEWSPIPE_FEED_H
#define NEWSPIPE_FEED_H

#include <stddef.h>

#define FEED_MAX_DEPTH 256

struct feed_entry {
	const char *url, *title, *published, *updated, *guid, *author, *categories, *summary;
	const char *format;
};

/* Return 0 to go on, anything else to stop the parse (no error). */
typedef int (*feed_entry_fn)(const struct feed_entry *e, void *arg);

struct feed_limits {
	size_t max_entries; /* entries given at most per document; 0: no limit */
	size_t max_field;   /* bytes per field, longer ones cut; 0: 1 MiB */
};

enum feed_status {
	FEED_OK = 0,
	FEED_RECOVERED, /* malformed, entries are what could be recovered */
	FEED_FAILED     /* nothing could be read: no entries */
};

struct feed_result {
	enum feed_status status;
	const char *format; /* as in feed_entry, or "" when unknown */
	unsigned long line; /* of the first error, 0 if none or unknown */
	char message[256];  /* the first error, "" if none */
	size_t entries;     /* entries given to the callback */
	size_t skipped;     /* entries past max_entries, not given */
	size_t bad_dates;   /* dates present but not understood */
	char bad_date[64];  /* the first of them, cut to fit */
	size_t cut_fields;  /* fields cut at max_field */
};

/*
 * Parse buf[0..len) (which need not be NUL-terminated) and call fn for
 * each entry in document order.  `base` (may be NULL or "") is the URL
 * the document was fetched from; relative links are resolved against it
 * (after any xml:base).  When it is empty and the document sets no
 * xml:base, the feed's own home link (RSS channel <link>, Atom feed
 * alternate link, JSON home_page_url) serves as base instead.
 * `lim` may be NULL for the defaults.  Returns res->status.
 */
enum feed_status feed_parse(const char *buf, size_t len, const char *base,
                            const struct feed_limits *lim, feed_entry_fn fn, void *arg,
                            struct feed_result *res);

#endif
