/*
 * Unit tests for extractors/feed.c: one group per format, then links and
 * bases, malformed input, limits and the security properties (no XXE,
 * bounded entity expansion and nesting).  Fixtures are in
 * tests/fixtures/feed/ (written for these tests) or inline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed.h"
#include "strbuf.h"

#define MAX_ENTRIES 64

struct got {
	size_t n;
	char *f[MAX_ENTRIES]
	       [9]; /* url title published updated guid author categories summary format */
	struct feed_result res;
	int stop_after;
};

enum { URL, TITLE, PUBLISHED, UPDATED, GUID, AUTHOR, CATEGORIES, SUMMARY, FORMAT };

static int collect(const struct feed_entry *e, void *arg)
{
	struct got *g = arg;
	const char *v[9] = {e->url,    e->title,      e->published, e->updated, e->guid,
	                    e->author, e->categories, e->summary,   e->format};
	size_t i;

	assert_true(g->n < MAX_ENTRIES);
	for (i = 0; i < 9; i++) {
		assert_non_null(v[i]);
		/* one line of text: the stream's escaping is never needed for LF/TAB */
		assert_null(strchr(v[i], '\n'));
		assert_null(strchr(v[i], '\t'));
		g->f[g->n][i] = xstrdup(v[i]);
	}
	g->n++;
	return g->stop_after && g->n >= (size_t)g->stop_after;
}

static void got_free(struct got *g)
{
	size_t i, j;

	for (i = 0; i < g->n; i++)
		for (j = 0; j < 9; j++)
			free(g->f[i][j]);
	memset(g, 0, sizeof(*g));
}

static enum feed_status parse_lim(struct got *g, const char *buf, size_t len, const char *base,
                                  const struct feed_limits *lim)
{
	size_t i, j;

	for (i = 0; i < g->n; i++)
		for (j = 0; j < 9; j++)
			free(g->f[i][j]);
	g->n = 0;
	return feed_parse(buf, len, base, lim, collect, g, &g->res);
}

static enum feed_status parse(struct got *g, const char *s, const char *base)
{
	return parse_lim(g, s, strlen(s), base, NULL);
}

static char *load(const char *name, size_t *len)
{
	const char *home = getenv("NEWSPIPE_HOME");
	char path[1024];
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/tests/fixtures/feed/%s", home ? home : ".", name);
	fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static enum feed_status parse_file(struct got *g, const char *name, const char *base)
{
	size_t len;
	char *buf = load(name, &len);
	enum feed_status st = parse_lim(g, buf, len, base, NULL);

	free(buf);
	return st;
}

/* ---------------------------------------------------------------- RSS */

static void test_rss2(void **state)
{
	struct got g = {0};

	assert_int_equal(parse_file(&g, "rss2.xml", "https://news.example.org/feed.xml"), FEED_OK);
	assert_string_equal(g.res.format, "rss2.0");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0][URL], "https://news.example.org/2024/05/draft-rules");
	/* escaped markup stripped, a double-escaped & decoded */
	assert_string_equal(g.f[0][TITLE], "Ministry publishes draft rules on data & AI");
	assert_string_equal(g.f[0][PUBLISHED], "2024-05-14T07:30:00Z");
	assert_string_equal(g.f[0][UPDATED], "");
	assert_string_equal(g.f[0][GUID], "urn:example:1001");
	assert_string_equal(g.f[0][AUTHOR], "Ana Ruiz;Tom Berg");
	/* unique, in order, ';' inside one category made ',' */
	assert_string_equal(g.f[0][CATEGORIES], "AI;Data, privacy");
	assert_string_equal(g.f[0][SUMMARY], "The draft rules cover data. Comments close in June.");
	/* no <link>: the permalink guid; no description: content:encoded */
	assert_string_equal(g.f[1][URL], "https://news.example.org/2024/05/fine");
	assert_string_equal(g.f[1][PUBLISHED], "2024-05-13T22:00:00Z");
	assert_string_equal(g.f[1][AUTHOR], "Policy Desk");
	assert_string_equal(g.f[1][SUMMARY], "The regulator fined the carrier.");
	assert_string_equal(g.f[1][FORMAT], "rss2.0");
	got_free(&g);
}

static void test_rss1(void **state)
{
	struct got g = {0};

	assert_int_equal(parse_file(&g, "rss1.xml", ""), FEED_OK);
	assert_string_equal(g.res.format, "rss1.0");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][URL], "https://rdf.example.org/a");
	assert_string_equal(g.f[0][GUID], "https://rdf.example.org/a"); /* rdf:about */
	assert_string_equal(g.f[0][PUBLISHED], "2023-12-16T00:00:00Z");
	assert_string_equal(g.f[0][CATEGORIES], "consultation");
	got_free(&g);
}

static void test_rss090(void **state)
{
	struct got g = {0};

	assert_int_equal(
	        parse(&g,
	              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	              "xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>S</title>"
	              "<link>http://s.example/</link></channel><item><title>One</title>"
	              "<link>http://s.example/1</link></item><item><title>Two</title>"
	              "<link>http://s.example/2</link></item></rdf:RDF>",
	              NULL),
	        FEED_OK);
	assert_string_equal(g.res.format, "rss0.90");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[1][TITLE], "Two");
	assert_string_equal(g.f[1][URL], "http://s.example/2");
	got_free(&g);
}

static void test_rss091_html_entities(void **state)
{
	struct got g = {0};

	/* declared ISO-8859-1 but (as news-fetch delivers it) UTF-8; HTML
	 * entities from the Netscape DTD, which is never loaded */
	assert_int_equal(parse_file(&g, "rss091.xml", NULL), FEED_OK);
	assert_string_equal(g.res.format, "rss0.91");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][TITLE],
	                    "Caf\xc3\xa9 owners meet the minister \xe2\x80\x93 again");
	assert_string_equal(g.f[0][SUMMARY], "A meeting in S\xc3\xa3o Paulo.");
	got_free(&g);
}

static void test_rss092_no_title(void **state)
{
	struct got g = {0};

	assert_int_equal(parse(&g,
	                       "<rss version=\"0.92\"><channel><item><description>Only a "
	                       "description &lt;a href=&quot;x&quot;&gt;here&lt;/a&gt;"
	                       "</description><enclosure url=\"http://e.example/a.mp3\" "
	                       "length=\"1\" type=\"audio/mpeg\"/></item></channel></rss>",
	                       NULL),
	                 FEED_OK);
	assert_string_equal(g.res.format, "rss0.92");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][TITLE], "");
	assert_string_equal(g.f[0][SUMMARY], "Only a description here");
	assert_string_equal(g.f[0][URL], "http://e.example/a.mp3"); /* the enclosure, last */
	got_free(&g);
}

static void test_rss_media_title(void **state)
{
	struct got g = {0};

	/* no <title>: Media RSS's or iTunes' title stands in */
	assert_int_equal(parse(&g,
	                       "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">"
	                       "<channel><item><media:title>Clip one</media:title><link>/c/1</link>"
	                       "</item></channel></rss>",
	                       "https://video.example/rss"),
	                 FEED_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][TITLE], "Clip one");
	assert_string_equal(g.f[0][URL], "https://video.example/c/1");
	got_free(&g);
}

static void test_rss_utf8_override(void **state)
{
	struct got g = {0};

	/* windows-1252 declared, UTF-8 bytes: read as UTF-8 */
	assert_int_equal(
	        parse(&g,
	              "\xef\xbb\xbf  \n<?xml version=\"1.0\" encoding=\"windows-1252\"?>"
	              "<rss version=\"2.0\"><channel><item><title>\xc3\xa9t\xc3\xa9 \xe2\x82\xac"
	              "</title><link>http://x.example/1</link></item></channel></rss>",
	              NULL),
	        FEED_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][TITLE], "\xc3\xa9t\xc3\xa9 \xe2\x82\xac");
	got_free(&g);
}

/* ---------------------------------------------------------------- Atom */

static void test_atom10(void **state)
{
	struct got g = {0};

	assert_int_equal(parse_file(&g, "atom.xml", "https://ignored.example/feed"), FEED_OK);
	assert_string_equal(g.res.format, "atom1.0");
	assert_int_equal(g.n, 2);
	/* xml:base on the feed; the alternate link, not self */
	assert_string_equal(g.f[0][URL], "https://blog.example.net/posts/court-blocks-order");
	assert_string_equal(g.f[0][TITLE], "Court blocks the order");
	assert_string_equal(g.f[0][PUBLISHED], "2024-03-01T13:15:30Z");
	assert_string_equal(g.f[0][UPDATED], "2024-03-02T09:00:00Z");
	assert_string_equal(g.f[0][GUID], "tag:blog.example.net,2024:1");
	assert_string_equal(g.f[0][AUTHOR], "Feed Author"); /* inherited from the feed */
	assert_string_equal(g.f[0][CATEGORIES], "courts;export-controls");
	assert_string_equal(g.f[0][SUMMARY], "First second & bold"); /* xhtml */
	/* nested xml:base, a link without rel; type=text keeps "<title>" */
	assert_string_equal(g.f[1][URL], "https://blog.example.net/archive/2024/senate-vote");
	assert_string_equal(g.f[1][TITLE], "Plain <title> text");
	/* only updated: published falls back to it */
	assert_string_equal(g.f[1][PUBLISHED], "2024-02-28T11:00:00Z");
	assert_string_equal(g.f[1][AUTHOR], "Lee Chen");
	assert_string_equal(g.f[1][SUMMARY], "The Senate voted."); /* content, html */
	got_free(&g);
}

static void test_atom03(void **state)
{
	struct got g = {0};

	assert_int_equal(parse_file(&g, "atom03.xml", NULL), FEED_OK);
	assert_string_equal(g.res.format, "atom0.3");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][URL], "http://atom03.example.org/2003/12/13/robots");
	assert_string_equal(g.f[0][PUBLISHED], "2003-12-13T12:29:29Z"); /* issued */
	assert_string_equal(g.f[0][UPDATED], "2003-12-13T18:30:02Z");   /* modified */
	assert_string_equal(g.f[0][SUMMARY], "Some text.");             /* mode=escaped */
	assert_string_equal(g.f[0][AUTHOR], "Mark");
	got_free(&g);
}

static void test_atom_entry_document_and_no_link(void **state)
{
	struct got g = {0};

	assert_int_equal(
	        parse(&g,
	              "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title>Lone</title>"
	              "<id>urn:uuid:1225c695</id><updated>2009-08-31T18:55:12.569Z</updated>"
	              "<content type=\"image/png\" src=\"a.png\"/></entry>",
	              NULL),
	        FEED_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][TITLE], "Lone");
	assert_string_equal(g.f[0][URL], ""); /* a urn id is no link */
	assert_string_equal(g.f[0][PUBLISHED], "2009-08-31T18:55:12Z");
	assert_string_equal(g.f[0][SUMMARY], "");
	got_free(&g);
}

static void test_atom_relative_without_base(void **state)
{
	struct got g = {0};
	const char *doc = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>R</title>"
	                  "<link href=\"/blog/2003/12/13/robots\"/></entry></feed>";

	/* no base at all: the reference as written */
	assert_int_equal(parse(&g, doc, ""), FEED_OK);
	assert_string_equal(g.f[0][URL], "/blog/2003/12/13/robots");
	/* the document's URL resolves it */
	assert_int_equal(parse(&g, doc, "https://site.example/feeds/atom.xml"), FEED_OK);
	assert_string_equal(g.f[0][URL], "https://site.example/blog/2003/12/13/robots");
	got_free(&g);
}

/* ---------------------------------------------------------------- JSON Feed */

static void test_jsonfeed(void **state)
{
	struct got g = {0};

	assert_int_equal(parse_file(&g, "feed.json", NULL), FEED_OK);
	assert_string_equal(g.res.format, "jsonfeed1.1");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0][URL], "https://json.example.com/posts/2");
	assert_string_equal(g.f[0][TITLE], "Parliament passes & publishes the act");
	assert_string_equal(g.f[0][PUBLISHED], "2024-04-10T10:00:00Z");
	assert_string_equal(g.f[0][UPDATED], "2024-04-11T08:00:00Z");
	assert_string_equal(g.f[0][GUID], "2");
	assert_string_equal(g.f[0][AUTHOR], "Mia Kahn;Jo Park");
	assert_string_equal(g.f[0][CATEGORIES], "law;parliament");
	assert_string_equal(g.f[0][SUMMARY], "The act was passed.");
	/* relative url against home_page_url (no document URL); numeric id;
	 * JSON Feed 1.0's author */
	assert_string_equal(g.f[1][URL], "https://json.example.com/posts/1");
	assert_string_equal(g.f[1][GUID], "1");
	assert_string_equal(g.f[1][AUTHOR], "Old Style");
	assert_string_equal(g.f[1][TITLE], "");
	got_free(&g);
}

static void test_jsonfeed10_and_errors(void **state)
{
	struct got g = {0};

	assert_int_equal(
	        parse(&g,
	              "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"id\":\"a\","
	              "\"external_url\":\"https://ext.example/x\",\"title\":\"T\"},3]}",
	              NULL),
	        FEED_OK);
	assert_string_equal(g.res.format, "jsonfeed1.0");
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][URL], "https://ext.example/x");
	assert_int_equal(parse(&g, "{\"items\": [", NULL), FEED_FAILED);
	assert_int_equal(g.n, 0);
	assert_int_equal(g.res.line, 1);
	assert_true(g.res.message[0] != '\0');
	assert_int_equal(parse(&g, "{\"title\": \"no items\"}", NULL), FEED_FAILED);
	assert_non_null(strstr(g.res.message, "items"));
	got_free(&g);
}

/* ---------------------------------------------------------------- sitemaps */

static void test_sitemap_news(void **state)
{
	struct got g = {0};

	assert_int_equal(parse_file(&g, "sitemap-news.xml", NULL), FEED_OK);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0][FORMAT], "sitemap-news");
	assert_string_equal(g.f[0][URL], "https://paper.example.com/world/2024/06/01/summit-ends");
	assert_string_equal(g.f[0][TITLE], "Summit ends with chip deal");
	assert_string_equal(g.f[0][PUBLISHED], "2024-06-01T17:30:00Z");
	assert_string_equal(g.f[0][UPDATED], "2024-06-01T20:00:00Z");
	assert_string_equal(g.f[0][CATEGORIES], "chips;trade;summit");
	assert_string_equal(g.f[1][FORMAT], "sitemap");
	assert_string_equal(g.f[1][UPDATED], "2024-01-01T00:00:00Z");
	assert_string_equal(g.f[1][PUBLISHED], ""); /* lastmod is no publication date */
	got_free(&g);
}

static void test_sitemap_index(void **state)
{
	struct got g = {0};

	assert_int_equal(parse_file(&g, "sitemap-index.xml", NULL), FEED_OK);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0][FORMAT], "sitemapindex");
	assert_string_equal(g.f[0][URL], "https://paper.example.com/sitemap-2024-06.xml");
	assert_string_equal(g.f[1][URL], "https://paper.example.com/sitemap-2024-05.xml");
	got_free(&g);
}

/* ---------------------------------------------------------------- errors */

static void test_not_a_feed(void **state)
{
	struct got g = {0};

	assert_int_equal(parse(&g, "<html><body><p>hello</p></body></html>", NULL), FEED_FAILED);
	assert_int_equal(g.n, 0);
	assert_non_null(strstr(g.res.message, "<html>"));
	assert_int_equal(parse(&g, "", NULL), FEED_FAILED);
	assert_int_equal(parse(&g, " \n\t", NULL), FEED_FAILED);
	assert_int_equal(parse(&g, "just some text", NULL), FEED_FAILED);
	assert_int_equal(g.n, 0);
	got_free(&g);
}

static void test_malformed_recovered(void **state)
{
	struct got g = {0};

	/* an unclosed <b> in the second item, a stray & in the third */
	assert_int_equal(
	        parse(&g,
	              "<rss version=\"2.0\"><channel>\n"
	              "<item><title>One</title><link>http://m.example/1</link></item>\n"
	              "<item><title>Two <b>bold</title><link>http://m.example/2</link></item>\n"
	              "<item><title>Tom & Jerry</title><link>http://m.example/3</link></item>\n"
	              "</channel></rss>",
	              NULL),
	        FEED_RECOVERED);
	assert_true(g.n >= 1);
	assert_string_equal(g.f[0][TITLE], "One");
	assert_true(g.res.line >= 2);
	assert_true(g.res.message[0] != '\0');
	assert_int_equal(g.res.entries, g.n);
	got_free(&g);
}

static void test_bare_ampersands(void **state)
{
	struct got g = {0};

	/* the commonest slip in hand-made feeds: taken as meant, not an error */
	assert_int_equal(parse(&g,
	                       "<rss version=\"2.0\"><channel><item><title>AT&T & Verizon</title>"
	                       "<link>http://amp.example/?a=1&b=2</link><description><![CDATA["
	                       "Q&amp;A]]></description></item></channel></rss>",
	                       NULL),
	                 FEED_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][TITLE], "AT&T & Verizon");
	assert_string_equal(g.f[0][URL], "http://amp.example/?a=1&b=2");
	assert_string_equal(g.f[0][SUMMARY], "Q&A");
	got_free(&g);
}

/* ---------------------------------------------------------------- limits */

static void test_limits(void **state)
{
	struct got g = {0};
	struct feed_limits lim = {2, 8};
	const char *doc = "<rss version=\"2.0\"><channel>"
	                  "<item><title>\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9</title></item>"
	                  "<item><title>b</title></item><item><title>c</title></item>"
	                  "</channel></rss>";

	assert_int_equal(parse_lim(&g, doc, strlen(doc), NULL, &lim), FEED_OK);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.res.skipped, 1);
	/* cut at 8 bytes, on a character boundary */
	assert_string_equal(g.f[0][TITLE], "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	assert_int_equal(g.res.cut_fields, 1);
	/* the callback can stop the parse */
	g.stop_after = 1;
	assert_int_equal(parse_lim(&g, doc, strlen(doc), NULL, NULL), FEED_OK);
	assert_int_equal(g.n, 1);
	got_free(&g);
}

static void test_bad_dates_counted(void **state)
{
	struct got g = {0};

	assert_int_equal(parse(&g,
	                       "<rss version=\"2.0\"><channel><item><title>a</title>"
	                       "<pubDate>last Tuesday</pubDate></item><item><title>b</title>"
	                       "<pubDate>2024-13-45</pubDate></item></channel></rss>",
	                       NULL),
	                 FEED_OK);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.f[0][PUBLISHED], "");
	assert_int_equal(g.res.bad_dates, 2);
	assert_string_equal(g.res.bad_date, "last Tuesday");
	got_free(&g);
}

/* Input that is not NUL-terminated: the length is the truth. */
static void test_length_not_nul(void **state)
{
	struct got g = {0};
	const char *doc = "<rss version=\"2.0\"><channel><item><title>x</title></item></channel>"
	                  "</rss>GARBAGE";
	char *copy = xmemdup(doc, strlen(doc) - 7);

	copy[strlen(doc) - 7] = '<'; /* overwrite the NUL: a reader past len would see it */
	assert_int_equal(parse_lim(&g, copy, strlen(doc) - 7, NULL, NULL), FEED_OK);
	assert_int_equal(g.n, 1);
	free(copy);
	got_free(&g);
}

/* ---------------------------------------------------------------- security */

static void test_xxe_not_loaded(void **state)
{
	struct got g = {0};
	char doc[1024];

	/* an external entity naming a file that exists: never read */
	snprintf(doc, sizeof(doc),
	         "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
	         "]><rss version=\"2.0\"><channel><item><title>A&xxe;B</title><description>"
	         "&xxe;</description><link>http://x.example/</link></item></channel></rss>");
	parse(&g, doc, NULL);
	assert_int_equal(g.n, 1);
	assert_null(strstr(g.f[0][TITLE], "root"));
	assert_string_equal(g.f[0][TITLE], "AB");
	assert_string_equal(g.f[0][SUMMARY], "");
	/* a parameter entity pulling an external DTD: not loaded either */
	parse(&g,
	      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "
	      "\"file:///etc/passwd\"> %ext;]><rss version=\"2.0\"><channel><item><title>P"
	      "</title></item></channel></rss>",
	      NULL);
	assert_true(g.n <= 1);
	if (g.n)
		assert_string_equal(g.f[0][TITLE], "P");
	/* nor over the network */
	parse(&g,
	      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY net SYSTEM "
	      "\"http://127.0.0.1:9/x\">]><rss version=\"2.0\"><channel><item><title>N&net;"
	      "</title></item></channel></rss>",
	      NULL);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][TITLE], "N");
	got_free(&g);
}

static void test_billion_laughs_bounded(void **state)
{
	struct got g = {0};
	struct strbuf doc = STRBUF_INIT;
	int i, j;

	sb_addstr(&doc, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 \"lol\">");
	for (i = 1; i <= 10; i++) {
		sb_addf(&doc, "<!ENTITY l%d \"", i);
		for (j = 0; j < 10; j++)
			sb_addf(&doc, "&l%d;", i - 1);
		sb_addstr(&doc, "\">");
	}
	sb_addstr(&doc, "]><rss version=\"2.0\"><channel><item><title>x&l10;y</title>"
	                "<description>&l10;</description></item></channel></rss>");
	parse_lim(&g, doc.buf, doc.len, NULL, NULL);
	/* whatever libxml2 recovers, no field holds the expansion */
	for (i = 0; i < (int)g.n; i++) {
		assert_true(strlen(g.f[i][TITLE]) < 100);
		assert_true(strlen(g.f[i][SUMMARY]) < 100);
	}
	sb_release(&doc);
	got_free(&g);
}

static void test_deep_nesting(void **state)
{
	struct got g = {0};
	struct strbuf doc = STRBUF_INIT;
	int i;

	sb_addstr(&doc, "<rss version=\"2.0\"><channel><item><title>deep</title><description>");
	for (i = 0; i < 50000; i++)
		sb_addstr(&doc, "<div>");
	sb_addstr(&doc, "x");
	for (i = 0; i < 50000; i++)
		sb_addstr(&doc, "</div>");
	sb_addstr(&doc, "</description></item></channel></rss>");
	assert_int_equal(parse_lim(&g, doc.buf, doc.len, NULL, NULL), FEED_RECOVERED);
	assert_non_null(strstr(g.res.message, "depth"));
	sb_reset(&doc);
	/* deep JSON: jansson's depth limit */
	sb_addstr(&doc, "{\"items\":[{\"title\":\"t\",\"x\":");
	for (i = 0; i < 50000; i++)
		sb_addch(&doc, '[');
	for (i = 0; i < 50000; i++)
		sb_addch(&doc, ']');
	sb_addstr(&doc, "}]}");
	assert_int_equal(parse_lim(&g, doc.buf, doc.len, NULL, NULL), FEED_FAILED);
	assert_int_equal(g.n, 0);
	sb_release(&doc);
	got_free(&g);
}

/*
 * Inputs built to make a careless parser quadratic: text full of '<'
 * that never closes, thousands of categories on one entry, thousands of
 * entries inheriting the feed's author.  These finish at once when the
 * work is linear (the test runner's timeout is the bound).
 */
static void test_adversarial_sizes(void **state)
{
	struct got g = {0};
	struct strbuf doc = STRBUF_INIT;
	struct feed_limits lim = {3, 0};
	int i;

	sb_addstr(&doc, "<rss version=\"2.0\"><channel><item><title>t</title><description>");
	for (i = 0; i < 200000; i++)
		sb_addstr(&doc, "&lt;a ");
	sb_addstr(&doc, "&gt;</description>");
	for (i = 0; i < 100000; i++)
		sb_addf(&doc, "<category>c%d</category>", i);
	sb_addstr(&doc, "</item></channel></rss>");
	assert_int_equal(parse_lim(&g, doc.buf, doc.len, NULL, NULL), FEED_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.f[0][SUMMARY], ""); /* one long tag */
	assert_true(g.res.cut_fields > 0);        /* categories past the list cap */
	assert_true(strlen(g.f[0][CATEGORIES]) < 256 * 8);

	sb_reset(&doc);
	sb_addstr(&doc,
	          "<feed xmlns=\"http://www.w3.org/2005/Atom\"><author><name>A</name></author>");
	for (i = 0; i < 100000; i++)
		sb_addf(&doc, "<entry><title>%d</title></entry>", i);
	sb_addstr(&doc, "</feed>");
	assert_int_equal(parse_lim(&g, doc.buf, doc.len, NULL, &lim), FEED_OK);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.res.skipped, 100000 - 3);
	assert_string_equal(g.f[2][AUTHOR], "A");
	sb_release(&doc);
	got_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_rss2),
	        cmocka_unit_test(test_rss1),
	        cmocka_unit_test(test_rss090),
	        cmocka_unit_test(test_rss091_html_entities),
	        cmocka_unit_test(test_rss092_no_title),
	        cmocka_unit_test(test_rss_media_title),
	        cmocka_unit_test(test_rss_utf8_override),
	        cmocka_unit_test(test_atom10),
	        cmocka_unit_test(test_atom03),
	        cmocka_unit_test(test_atom_entry_document_and_no_link),
	        cmocka_unit_test(test_atom_relative_without_base),
	        cmocka_unit_test(test_jsonfeed),
	        cmocka_unit_test(test_jsonfeed10_and_errors),
	        cmocka_unit_test(test_sitemap_news),
	        cmocka_unit_test(test_sitemap_index),
	        cmocka_unit_test(test_not_a_feed),
	        cmocka_unit_test(test_malformed_recovered),
	        cmocka_unit_test(test_bare_ampersands),
	        cmocka_unit_test(test_limits),
	        cmocka_unit_test(test_bad_dates_counted),
	        cmocka_unit_test(test_length_not_nul),
	        cmocka_unit_test(test_xxe_not_loaded),
	        cmocka_unit_test(test_billion_laughs_bounded),
	        cmocka_unit_test(test_deep_nesting),
	        cmocka_unit_test(test_adversarial_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
