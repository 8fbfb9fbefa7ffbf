/* Unit tests of the article extractor: one small page per rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "strbuf.h"
#include "utf8.h"

/* Prose long enough to count as a paragraph of an article. */
#define PROSE1                                                                                     \
	"The committee heard evidence from three ministries on Tuesday, and its chair said the "   \
	"draft rules on data retention would be revised before the summer recess, after "          \
	"objections from industry and from privacy groups."
#define PROSE2                                                                                     \
	"Officials said the revised text would shorten the retention period, narrow the list "     \
	"of agencies allowed to ask for records, and require a judge to approve each request, "    \
	"which critics had demanded for years."
#define PROSE3                                                                                     \
	"A final vote is expected in the autumn, although several members warned that the "        \
	"timetable could slip if the ministries disagree again about who pays for the storage, "   \
	"as they did last year."

static struct article a;

static int setup(void **state)
{
	(void)state;
	article_init(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	article_release(&a);
	return 0;
}

static void extract(const char *html, const char *url)
{
	assert_int_equal(article_extract(&a, html, strlen(html), url), 0);
}

static void assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("expected \"%s\" in:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("did not expect \"%s\" in:\n%s", needle, hay);
}

/* ---------------------------------------------------------- content */

static void test_main_text_over_clutter(void **state)
{
	(void)state;
	extract("<html><body>"
	        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
	        "<header class='masthead'><a href='/'>Daily Example</a></header>"
	        "<div id='content'><p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3 "</p></div>"
	        "<aside><p>Popular this week: five quick recipes for busy evenings at "
	        "home.</p></aside>"
	        "<footer><p>Copyright Daily Example, all rights reserved.</p></footer>"
	        "</body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3);
	assert_int_equal(a.is_article, 1);
}

static void test_comments_related_share_cookie_dropped(void **state)
{
	(void)state;
	extract("<html><body><article>"
	        "<div class='cookie-notice'><p>This site uses cookies. By continuing you accept "
	        "our use of cookies.</p></div>"
	        "<div class='social-share'><a href='#'>Share</a><a href='#'>Tweet</a></div>"
	        "<p>" PROSE1 "</p><p>" PROSE2 "</p>"
	        "<ul class='related-links'><li><a href='/1'>Another story about rules</a></li>"
	        "<li><a href='/2'>A second story about votes</a></li></ul>"
	        "<p>" PROSE3 "</p>"
	        "<div id='comments'><p>First! I think the committee is completely wrong about "
	        "this, as usual.</p></div>"
	        "</article></body></html>",
	        NULL);
	assert_has(a.text, PROSE1);
	assert_has(a.text, PROSE3);
	assert_lacks(a.text, "cookies");
	assert_lacks(a.text, "Tweet");
	assert_lacks(a.text, "Another story");
	assert_lacks(a.text, "First!");
	/* An affiliate disclosure is a notice too. */
	extract("<html><body><article><div class='affiliate-disclosure'><p>We may earn a "
	        "commission when you buy through links on this page, at no cost to you.</p>"
	        "</div><p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3 "</p></article></body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3);
	/* A table of contents repeats the headings as links: it goes, the
	 * headings its plugin marks as sections stay. */
	extract("<html><body><article><p>" PROSE1
	        "</p><div class='ez-toc-container'><div class='toc-head'><p>"
	        "Contents</p></div><nav><ul><li><a href='#s1'>Why the harbour "
	        "changed</a></li><li><a "
	        "href='#s2'>What comes next</a></li></ul></nav></div><h2 id='s1' "
	        "class='ez-toc-section'>"
	        "Why the harbour changed</h2><p>" PROSE2 "</p><h2 id='s2' "
	        "class='ez-toc-section'>What comes next</h2><p>" PROSE3
	        "</p></article></body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\nWhy the harbour changed\n" PROSE2
	                                   "\nWhat comes next\n" PROSE3);
}

/* An author's biography box inside the article, however long, is about
 * the writer, not the story. */
static void test_author_bio_dropped(void **state)
{
	(void)state;
	extract("<html><body><article><div class='entry-content'><div class='row'><div "
	        "class='col'><p>" PROSE1
	        "</p></div></div><div class='row'><div class='col'><p>" PROSE2
	        "</p></div></div><div class='row'><div class='col'><p>" PROSE3 "</p>"
	        "</div></div></div>"
	        "<div class='author-bio'><p>Jo Bloggs has written about harbours, shipping, "
	        "ferries and the people who work on the water for twenty years, first for a "
	        "local weekly, then for a national daily, and now for this site.</p><p>She "
	        "lives by the sea with two cats, a rowing boat, a garden of stubborn roses and "
	        "far too many books about lighthouses, tides, storms and old charts.</p><p>She "
	        "still answers every letter her readers send her, by hand, and she is always "
	        "glad to hear about a harbour, a boat or a keeper she has not met yet.</p></div>"
	        "</article></body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3);
}

/* A wrapper whose class says clutter ("above-footer") around what the
 * template calls the article's body is not clutter itself. */
static void test_unlikely_wrapper_of_article_body_kept(void **state)
{
	(void)state;
	extract("<html><body><div class='above-footer'><div class='wrap'><div class='article-body'>"
	        "<p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3 "</p></div></div></div>"
	        "<section class='disclosure-body'><p>Some of the offers on this site come from "
	        "partners who pay us when readers follow a link, and this may change where and "
	        "how offers appear, including their order on the page.</p><p>We do not list "
	        "every partner or every offer on the market, and our writers choose what to "
	        "cover without any say from the partners, whose views are not ours.</p><p>"
	        "Please read our policy page for the details of how we work with partners, how "
	        "we are paid and how we keep our reviews independent of them.</p><p>Questions "
	        "about a partner or an offer can be sent to our editors, who answer within a "
	        "week.</p></section></body></html>",
	        NULL);
	/* The article leads (the notice, a sibling block, may follow it). */
	assert_memory_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3,
	                    strlen(PROSE1 "\n" PROSE2 "\n" PROSE3));
}

static void test_byline_dropped_and_used_as_author(void **state)
{
	(void)state;
	extract("<html><body><div class='story'>"
	        "<p class='byline'>By Ana Ortiz and Lee Park</p>"
	        "<p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3 "</p>"
	        "</div></body></html>",
	        NULL);
	assert_lacks(a.text, "Ana Ortiz");
	assert_string_equal(a.author, "Ana Ortiz;Lee Park");
}

static void test_teasers_and_credits_dropped(void **state)
{
	(void)state;
	extract("<html><body><article>"
	        "<p>" PROSE1 "</p>"
	        "<figure><img src='a.jpg'><figcaption>Photo: Agency staff</figcaption></figure>"
	        "<p><strong>Read more:</strong> <a href='/x'>Rules for storage</a></p>"
	        "<p>" PROSE2 "</p>"
	        "<p>Lesen Sie auch: <a href='/y'>Ein anderer Artikel</a></p>"
	        "<div class='paywall'><p>Subscribe to read the rest of our reporting, from only "
	        "one euro a month.</p></div>"
	        "<p>" PROSE3 "</p>"
	        "<h3>Related articles</h3><ul><li><a href='/1'>First teaser</a></li>"
	        "<li><a href='/2'>Second teaser</a></li></ul>"
	        "</article></body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3);
}

static void test_article_header_dropped(void **state)
{
	(void)state;
	extract("<html><body><article><header class='story-header'>"
	        "<a class='kicker' href='/tech'>Technology</a>"
	        "<h1>Storage rules to be revised</h1>"
	        "<p class='standfirst'>Ministers bow to pressure from industry and privacy "
	        "groups</p>"
	        "<div class='byline'>By <a rel='author' href='/p/ana'>Ana Ortiz</a>, "
	        "<span class='role'>Home affairs correspondent</span></div>"
	        "<div class='dateline'><time datetime='2024-05-02T09:00:00+01:00'>2 "
	        "May</time></div>"
	        "</header><div class='story-body'><p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3
	        "</p></div></article></body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3);
	assert_string_equal(a.title, "Storage rules to be revised");
	assert_string_equal(a.author, "Ana Ortiz");
	assert_string_equal(a.published, "2024-05-02T09:00:00+01:00");
	/* A standfirst of a sentence or more is the article's first line; the
	 * rest of the header still goes. */
	extract("<html><body><article><header>"
	        "<a class='kicker' href='/tech'>Technology</a>"
	        "<h1>Storage rules to be revised</h1>"
	        "<div class='intro'>Ministers bow to pressure from industry and privacy groups "
	        "and promise a shorter retention period.</div>"
	        "<div class='byline'>By <a rel='author' href='/p/ana'>Ana Ortiz</a></div>"
	        "</header><p>" PROSE1 "</p><p>" PROSE2 "</p><p>" PROSE3
	        "</p></article></body></html>",
	        NULL);
	assert_string_equal(a.text,
	                    "Ministers bow to pressure from industry and privacy groups and "
	                    "promise a shorter retention period.\n" PROSE1 "\n" PROSE2 "\n" PROSE3);
	assert_string_equal(a.title, "Storage rules to be revised");
	assert_string_equal(a.author, "Ana Ortiz");
}

static void test_hidden_dropped(void **state)
{
	(void)state;
	extract("<html><body><div class='story'>"
	        "<p>" PROSE1 "</p>"
	        "<p style='display:none'>Hidden paragraph one, which readers never see at all.</p>"
	        "<p hidden>Hidden paragraph two, which readers never see at all.</p>"
	        "<div aria-hidden='true'><p>Hidden paragraph three, never seen at all.</p></div>"
	        "<p>" PROSE2 "</p><p>" PROSE3 "</p>"
	        "</div></body></html>",
	        NULL);
	assert_lacks(a.text, "Hidden");
	assert_has(a.text, PROSE2);
}

static void test_lines_for_blocks(void **state)
{
	(void)state;
	extract("<html><body><div class='article-body'>"
	        "<h2>What changes</h2><p>" PROSE1 "</p>"
	        "<ul><li>shorter retention,</li><li>fewer agencies,</li></ul>"
	        "<blockquote>We will not store what we do not need.</blockquote>"
	        "<table><tr><th>Year</th><th>Requests</th></tr>"
	        "<tr><td>2022</td><td>1,204</td></tr></table>"
	        "<p>" PROSE2 "<br>Second line of the same paragraph.</p><p>" PROSE3 "</p>"
	        "</div></body></html>",
	        NULL);
	assert_has(a.text, "What changes\n" PROSE1 "\n");
	assert_has(a.text, "\nshorter retention,\nfewer agencies,\n");
	assert_has(a.text, "\nWe will not store what we do not need.\n");
	assert_has(a.text, "\nYear | Requests\n2022 | 1,204\n");
	assert_has(a.text, PROSE2 "\nSecond line of the same paragraph.\n");
}

static void test_div_with_text_is_a_paragraph(void **state)
{
	(void)state;
	/* Old markup: prose straight in divs, separated by <br>. */
	extract("<html><body><div id='sidebar'><a href='/a'>Archive</a></div>"
	        "<div class='entry'>" PROSE1 "<br><br>" PROSE2 "<br><br>" PROSE3 "</div>"
	        "</body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3);
}

static void test_whitespace_and_entities(void **state)
{
	(void)state;
	extract("<html><body><article><p>" PROSE1 "</p>"
	        "<p>caf&eacute;&nbsp;&amp;&#160;th\xc3\xa9\xe2\x80\x8b, a&shy;b \t\n  c&#x2019;d"
	        "\xe2\x80\xaf"
	        "e</p><p>" PROSE2 "</p></article></body></html>",
	        NULL);
	assert_has(a.text, "\ncaf\xc3\xa9 & th\xc3\xa9, a\xc2\xad"
	                   "b c\xe2\x80\x99"
	                   "d e\n");
}

static void test_pre_keeps_lines(void **state)
{
	(void)state;
	extract("<html><body><article><p>" PROSE1 "</p>"
	        "<pre>line one\n  indented two\n</pre><p>" PROSE2 "</p></article></body></html>",
	        NULL);
	assert_has(a.text, "\nline one\n  indented two\n");
}

static void test_invalid_utf8_repaired(void **state)
{
	(void)state;
	const char html[] = "<html><body><article><p>" PROSE1 "</p><p>bad \xff byte and "
	                    "\xe2\x82 cut</p><p>" PROSE2 "</p></article></body></html>";
	assert_int_equal(article_extract(&a, html, sizeof html - 1, NULL), 0);
	assert_int_equal(a.repaired, 2);
	assert_has(a.text, "bad \xef\xbf\xbd byte and \xef\xbf\xbd cut");
	assert_true(utf8_valid(a.text, a.text_len));
}

static void test_empty_and_blank(void **state)
{
	(void)state;
	assert_int_equal(article_extract(&a, "", 0, NULL), -1);
	assert_string_equal(a.text, "");
	assert_string_equal(a.title, "");
	assert_int_equal(a.is_article, 0);
	assert_int_equal(article_extract(&a, " \n\t ", 4, NULL), -1);
	/* Not HTML at all is still text. */
	extract("just some words", NULL);
	assert_string_equal(a.text, "just some words");
}

static void test_deep_nesting_bounded(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 20000; i++)
		sb_addstr(&sb, "<div><span>");
	sb_addstr(&sb, "<p>" PROSE1 "</p>");
	assert_int_equal(article_extract(&a, sb.buf, sb.len, NULL), 0);
	sb_release(&sb);
}

static void test_index_page_not_article(void **state)
{
	(void)state;
	extract("<html><head><title>World news</title></head><body><h1>World</h1><ul>"
	        "<li><a href='/1'>Ministers meet on trade ahead of the summit</a></li>"
	        "<li><a href='/2'>Storm closes ports along the coast</a></li>"
	        "<li><a href='/3'>Court rules on the ferry contract dispute</a></li>"
	        "</ul></body></html>",
	        NULL);
	assert_int_equal(a.is_article, 0);
}

static void test_collection_page_has_no_text(void **state)
{
	(void)state;
	extract("<html><head><title>Technology | Daily Example</title>"
	        "<script type='application/ld+json'>{\"@type\":\"CollectionPage\","
	        "\"name\":\"Technology\"}</script></head><body><h1>Technology</h1>"
	        "<div class='card'><a href='/1'><h3>Ministers meet on trade</h3></a>"
	        "<p>Talks resume on Monday</p><span class='byline'>Ana Ortiz</span> "
	        "<time datetime='2024-05-02T09:00:00Z'>2 May</time></div>"
	        "<div class='card'><a href='/2'><h3>Storm closes ports</h3></a>"
	        "<p>Ferries cancelled along the coast</p><span class='byline'>Lee Park</span> "
	        "<time datetime='2024-05-01T09:00:00Z'>1 May</time></div></body></html>",
	        NULL);
	assert_int_equal(a.is_article, 0);
	assert_string_equal(a.text, "");
	assert_string_equal(a.title, "Technology");
	assert_string_equal(a.published, "");
	assert_string_equal(a.author, "");
}

static void test_jsonld_body_cross_check(void **state)
{
	(void)state;
	extract("<html><head><script type='application/ld+json'>"
	        "{\"@type\":\"NewsArticle\",\"headline\":\"Storage rules revised\","
	        "\"articleBody\":\"" PROSE1 "\\n" PROSE2 "\\n" PROSE3 "\"}"
	        "</script></head><body><div id='root'>Loading</div></body></html>",
	        NULL);
	assert_string_equal(a.text, PROSE1 "\n" PROSE2 "\n" PROSE3);
	assert_string_equal(a.title, "Storage rules revised");
	assert_int_equal(a.is_article, 1);
}

/* --------------------------------------------------------- metadata */

static void test_title_without_site(void **state)
{
	(void)state;
	extract("<html><head><title>Storage rules revised after objections | Daily Example"
	        "</title></head><body><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Storage rules revised after objections");
	/* The visible headline wins when the metadata names it. */
	extract("<html><head><meta property='og:title' content='Storage rules revised - Daily "
	        "Example'><meta property='og:site_name' content='Daily Example'></head><body>"
	        "<h1>Storage  rules revised</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Storage rules revised");
	assert_string_equal(a.site_name, "Daily Example");
	/* Twice-escaped metadata is decoded. */
	extract("<html><head><meta property='og:title' content='Rock &amp;amp; roll &amp;#8217;"
	        "s law'></head><body></body></html>",
	        NULL);
	assert_string_equal(a.title, "Rock & roll \xe2\x80\x99s law");
}

/* Headings are headline candidates unless they or a close container are
 * the site's logo; a theme's class on <body> says nothing of them. */
static void test_title_logo_hints(void **state)
{
	(void)state;
	extract("<html><head><title>Tug fleet electrified \xe2\x80\x93 Notes From The Harbour"
	        "</title></head><body class='home wp-custom-logo'><div><h1 class='entry-title'>"
	        "Tug fleet electrified</h1><p>" PROSE1 "</p></div></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tug fleet electrified");
	/* A heading inside the masthead is the logo, not the headline. */
	extract("<html><head><title>Harbour authority buys two electric tugs | Port Notes</title>"
	        "</head><body><div class='masthead'><h1>Harbour authority buys two electric "
	        "tugs</h1></div><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour authority buys two electric tugs");
	extract("<html><head><title>Port Notes</title></head><body><header class='site-logo'>"
	        "<h1>Port Notes</h1></header><h2>Tug fleet goes electric</h2><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Port Notes");
}

/* When no heading is the best metadata title, one that another metadata
 * title names exactly is the headline (JSON-LD may carry an SEO title). */
static void test_title_other_metadata(void **state)
{
	(void)state;
	extract("<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
	        "\"headline\":\"Tug operators switch to batteries\"}</script><meta "
	        "property='og:title' content='Why a small port bet on electric tugs'></head>"
	        "<body><h1>Why a small port bet on electric tugs</h1><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Why a small port bet on electric tugs");
	/* A property outranks a <meta name> copy of it, wherever each stands. */
	extract("<html><head><meta name='DC.title' content='Harbour plan, name copy'><meta "
	        "property='dc:title' content='Harbour plan, the property'></head><body><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour plan, the property");
	/* Without such a heading the best metadata title stays. */
	extract("<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
	        "\"headline\":\"Tug operators switch to batteries\"}</script><meta "
	        "property='og:title' content='Why a small port bet on electric tugs'></head>"
	        "<body><h1>Harbour news</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tug operators switch to batteries");
}

/* A kicker or dateline the heading adds in front of the metadata title is
 * dropped, unless the metadata carries it too. */
static void test_title_kicker_and_dateline(void **state)
{
	(void)state;
	extract("<html><head><title>Court voids the data transfer pact - Daily Example</title>"
	        "</head><body><h1><span>Data protection</span> Court voids the data transfer "
	        "pact</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Court voids the data transfer pact");
	/* The metadata names the kicker: it is part of the headline. */
	extract("<html><head><title>Data protection: Court voids the data transfer pact"
	        "</title></head><body><h1>Data protection: Court voids the data transfer pact"
	        "</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Data protection: Court voids the data transfer pact");
	/* A colon sets a kicker apart from a title of two words. */
	extract("<html><head><meta property='og:title' content='Tugs electrified?'><title>Tugs "
	        "electrified? - Port Notes</title></head><body><h1>Harbour energy: Tugs "
	        "electrified?</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tugs electrified?");
	/* A leading date is a dateline, in the heading or in the title. */
	extract("<html><head><title>Ministry publishes chip export rules - Example News</title>"
	        "</head><body><h1><time>3. March 2024</time> Ministry publishes chip export "
	        "rules</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Ministry publishes chip export rules");
	extract("<html><head><title>05.03.2024 - Ministry publishes chip export rules</title>"
	        "</head><body><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Ministry publishes chip export rules");
	/* A year alone is not a dateline; nor is a date leaving a short title. */
	extract("<html><head><title>2024 Olympics open in Paris "
	        "today</title></head><body><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "2024 Olympics open in Paris today");
	extract("<html><head><title>05.03.2024 Budget day</title></head><body><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "05.03.2024 Budget day");
}

/* The metadata title may name the site or a section and not the story:
 * a first h1 of four words or more that shares little with it is the
 * headline, without a kicker it runs into the <title> with. */
static void test_title_unrelated_h1(void **state)
{
	(void)state;
	extract("<html><head><title>Home</title></head><body><h1>Harbour board retires its "
	        "last diesel tug</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour board retires its last diesel tug");
	extract("<html><head><meta property='og:title' content='Press releases'><title>Tugs "
	        "go electric this spring</title></head><body><h1><span>Notice of the port "
	        "authority <span>:</span></span>Tugs go electric this spring</h1><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tugs go electric this spring");
	/* A short h1 ("Overview") is a section name: the metadata title stays. */
	extract("<html><head><title>Tug fleet plan for 2030</title></head><body><h1>Overview"
	        "</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tug fleet plan for 2030");
	/* A short h1 in the <article> is the headline when the title names the
	 * site, so the page is a site's and the title its SEO line; a test page
	 * with a bare <title> keeps it. */
	extract("<html><head><title>Affordable harbour services for every fleet | Port Notes"
	        "</title></head><body><article><h1>Tugs</h1><p>" PROSE1
	        "</p></article></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tugs");
	extract("<html><head><title>Tug fleet plan for 2030</title></head><body><article><h1>"
	        "Overview</h1><p>" PROSE1 "</p></article></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tug fleet plan for 2030");
	/* An h1 that shares half its words with the title is about the same
	 * story: not unrelated, the metadata title stays. */
	extract("<html><head><title>Harbour orders two electric tugs from Dutch yard</title>"
	        "</head><body><h1>Harbour orders two electric tugs, more to come</h1><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour orders two electric tugs from Dutch yard");
}

/* A heading that is the metadata title word for word wins over an earlier
 * one that is merely like it; kicker labels inside a heading go. */
static void test_title_exact_heading_and_labels(void **state)
{
	(void)state;
	extract("<html><head><meta property='og:title' content='Tugs go electric: the port "
	        "votes yes'></head><body><h1>The port votes yes: tugs go electric</h1>"
	        "<h2>Tugs go electric: the port votes yes</h2><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Tugs go electric: the port votes yes");
	extract("<html><head><title>Energy: Harbour retires its diesel tugs</title></head>"
	        "<body><h1><div class='topic-label'>Energy</div> Harbour retires its diesel "
	        "tugs</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour retires its diesel tugs");
	extract("<html><head><title>Harbour retires its diesel tugs</title></head><body><h1>"
	        "<span class='supertitle'>Energy</span> Harbour retires its diesel "
	        "tugs</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour retires its diesel tugs");
	/* A heading that is the title's last part, the site's place, gives
	 * way to one that is its first. */
	extract("<html><head><title>Shared tug history \xe2\x80\x94 Harbour Project</title>"
	        "</head><body><div class='header'><h1>Harbour Project</h1></div><div><h1>Shared "
	        "tug history</h1><p>" PROSE1 "</p></div></body></html>",
	        NULL);
	assert_string_equal(a.title, "Shared tug history");
	/* A heading's permalink mark is no part of it. */
	extract("<html><head><title>Harbour opens a new berth - Port Notes</title></head><body>"
	        "<h1>Harbour opens a new berth<a class='headerlink' href='#berth'>\xc2\xb6</a>"
	        "</h1><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour opens a new berth");
	/* The kicker the page marks as one goes even when an earlier heading
	 * (a breadcrumb's last step) is the metadata title word for word; many
	 * navigation h2s before it do not hide it. */
	extract("<html><head><meta property='og:title' content='Energy: Harbour retires its "
	        "diesel tugs'></head><body><ol><li><h1>Energy: Harbour retires its diesel tugs"
	        "</h1></li></ol><nav><h2>One</h2><h2>Two</h2><h2>Three</h2><h2>Four</h2><h2>Five"
	        "</h2><h2>Six</h2><h2>Seven</h2><h2>Eight</h2><h2>Nine</h2></nav><h2><span "
	        "class='article-kicker'>Energy</span> Harbour retires its diesel "
	        "tugs</h2><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Harbour retires its diesel tugs");
}

/* "New draft law published today for comment", "Tech channel", "Example net". */
#define CJK_HEAD                                                                                   \
	"\xe6\x96\xb0\xe6\xb3\x95\xe5\xbe\x8b\xe8\x8d\x89\xe6\xa1\x88\xe4\xbb\x8a\xe6\x97\xa5\xe5" \
	"\x85\xac\xe5\xb8\x83\xe5\xbe\x81\xe6\xb1\x82\xe6\x84\x8f\xe8\xa7\x81"
#define CJK_CHANNEL "\xe7\xa7\x91\xe6\x8a\x80\xe9\xa2\x91\xe9\x81\x93"
#define CJK_SITE    "\xe7\xa4\xba\xe4\xbe\x8b\xe7\xbd\x91"

static void test_clean_title_helper(void **state)
{
	(void)state;
	char out[256];
	article_clean_title("Ministers agree on chip subsidy plan - The Example Times", NULL, out,
	                    sizeof out);
	assert_string_equal(out, "Ministers agree on chip subsidy plan");
	article_clean_title("Example Times | Ministers agree on chip subsidy plan", "Example Times",
	                    out, sizeof out);
	assert_string_equal(out, "Ministers agree on chip subsidy plan");
	/* Too short a remainder: the whole title is kept. */
	article_clean_title("Budget - Example Times", NULL, out, sizeof out);
	assert_string_equal(out, "Budget - Example Times");
	article_clean_title("No separator here", NULL, out, sizeof out);
	assert_string_equal(out, "No separator here");
	/* Separators without spaces split off only the site's own name. */
	article_clean_title("EXAMPLE NEWS|\xe6\x96\xb0\xe6\xb3\x95\xe5\xbe\x8b", "Example News",
	                    out, sizeof out);
	assert_string_equal(out, "\xe6\x96\xb0\xe6\xb3\x95\xe5\xbe\x8b");
	article_clean_title("\xe6\x96\xb0\xe6\xb3\x95\xe5\xbe\x8b_Example News", "Example News",
	                    out, sizeof out);
	assert_string_equal(out, "\xe6\x96\xb0\xe6\xb3\x95\xe5\xbe\x8b");
	article_clean_title("Anti-trust case opens", "Anti", out, sizeof out);
	assert_string_equal(out, "Anti-trust case opens");
	article_clean_title("Chip-makers|Example", "Other Site", out, sizeof out);
	assert_string_equal(out, "Chip-makers|Example");
	/* A CJK title carries its portal (and channel) after a tight
	 * separator, even when the page does not name its site. */
	article_clean_title(CJK_HEAD "-" CJK_SITE, NULL, out, sizeof out);
	assert_string_equal(out, CJK_HEAD);
	article_clean_title(CJK_HEAD "_" CJK_CHANNEL "_" CJK_SITE, NULL, out, sizeof out);
	assert_string_equal(out, CJK_HEAD);
	/* Not a tail: Latin letters after it, or a tail as long as the rest. */
	article_clean_title(CJK_HEAD "-Example", NULL, out, sizeof out);
	assert_string_equal(out, CJK_HEAD "-Example");
	article_clean_title(CJK_SITE "-" CJK_CHANNEL, NULL, out, sizeof out);
	assert_string_equal(out, CJK_SITE "-" CJK_CHANNEL);
}

static void test_dates_in_order_of_trust(void **state)
{
	(void)state;
	const char *tail =
	        "<body><time datetime='2021-01-01'>1 Jan</time><p>" PROSE1 "</p></body></html>";
	char page[4096];
	snprintf(page, sizeof page,
	         "<html><head><script type='application/ld+json'>{\"@type\":\"Article\","
	         "\"datePublished\":\"2024-03-05T10:15:00+01:00\"}</script>"
	         "<meta property='article:published_time' content='2024-03-04'>"
	         "<meta name='date' content='2024-03-03'></head>%s",
	         tail);
	extract(page, "https://x.example/2020/02/02/story");
	assert_string_equal(a.published, "2024-03-05T10:15:00+01:00");
	snprintf(page, sizeof page,
	         "<html><head><meta property='article:published_time' content='2024-03-04'>"
	         "<meta name='date' content='2024-03-03'></head>%s",
	         tail);
	extract(page, "https://x.example/2020/02/02/story");
	assert_string_equal(a.published, "2024-03-04");
	snprintf(page, sizeof page, "<html><head><meta name='date' content='2024-03-03'></head>%s",
	         tail);
	extract(page, "https://x.example/2020/02/02/story");
	assert_string_equal(a.published, "2024-03-03");
	extract("<html><body><time datetime='2021-01-01T08:00Z'>x</time><p>" PROSE1
	        "</p></body></html>",
	        "https://x.example/2020/02/02/story");
	assert_string_equal(a.published, "2021-01-01T08:00:00Z");
	extract("<html><body><p>" PROSE1 "</p></body></html>",
	        "https://x.example/2020/02/02/story");
	assert_string_equal(a.published, "2020-02-02");
	extract("<html><body><h1>Rules</h1><p>Posted on March 9, 2019</p><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.published, "2019-03-09");
}

static void test_parse_date_forms(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	        {"2024-03-05", "2024-03-05"},
	        {"2024-03-05T14:30:00.000Z", "2024-03-05T14:30:00Z"},
	        {"2024-03-05 14:30+0100", "2024-03-05T14:30:00+01:00"},
	        {"Tue, 05 Mar 2024 14:30:00 GMT", "2024-03-05T14:30:00Z"},
	        {"March 5, 2024", "2024-03-05"},
	        {"Mar. 5th 2024", "2024-03-05"},
	        {"5 March 2024", "2024-03-05"},
	        {"5. M\xc3\xa4rz 2024, 14:20 Uhr", "2024-03-05T14:20:00"},
	        {"le 5 mars 2024", "2024-03-05"},
	        {"5 de marzo de 2024", "2024-03-05"},
	        {"05.03.2024", "2024-03-05"},
	        {"2024/03/05", "2024-03-05"},
	        {"20240305", "2024-03-05"},
	        {"updated 12/25/2023", "2023-12-25"},
	};
	char out[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = article_parse_date(cases[i][0], strlen(cases[i][0]), out, sizeof out);
		if (n == 0 || strcmp(out, cases[i][1]) != 0)
			fail_msg("%s -> '%s', expected %s", cases[i][0], out, cases[i][1]);
	}
	static const char *const none[] = {"",           "no date here",  "2024-13-01",
	                                   "31.02.2024", "version 1.2.3", "1234567"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		if (article_parse_date(none[i], strlen(none[i]), out, sizeof out))
			fail_msg("'%s' parsed as %s", none[i], out);
}

/* 02/10/2020 is 2 October outside the US: the page's language decides. */
static void test_date_order_by_language(void **state)
{
	(void)state;
	char out[32];
	const char *s = "Posted 02/10/2020";
	article_parse_date_order(s, strlen(s), article_lang_day_first("en-GB"), out, sizeof out);
	assert_string_equal(out, "2020-10-02");
	article_parse_date_order(s, strlen(s), article_lang_day_first("en-US"), out, sizeof out);
	assert_string_equal(out, "2020-02-10");
	/* A day above 12 is unambiguous whatever the language. */
	article_parse_date_order("10/22/2020", 10, 1, out, sizeof out);
	assert_string_equal(out, "2020-10-22");
	assert_true(article_lang_day_first("de"));
	assert_true(article_lang_day_first("es-VE"));
	assert_true(article_lang_day_first("en_IN"));
	assert_false(article_lang_day_first("en"));
	assert_false(article_lang_day_first("en-CA"));
	assert_false(article_lang_day_first(""));
	assert_false(article_lang_day_first(NULL));
	/* Through the page: <html lang> sets the order of a visible date. */
	extract("<html lang='en-GB'><head><title>Halls reopen for students</title></head><body>"
	        "<h1>Halls reopen for students</h1><div class='date'>02/10/2020</div><p>" PROSE1
	        "</p></body></html>",
	        NULL);
	assert_string_equal(a.published, "2020-10-02");
}

static void test_url_date(void **state)
{
	(void)state;
	char out[32];
	assert_true(article_url_date("https://a.example/2024/03/05/x", out, sizeof out));
	assert_string_equal(out, "2024-03-05");
	assert_true(article_url_date("https://a.example/news/2024-03-05-x.html", out, sizeof out));
	assert_string_equal(out, "2024-03-05");
	assert_true(article_url_date("https://a.example/n/20240305/x", out, sizeof out));
	assert_string_equal(out, "2024-03-05");
	assert_false(article_url_date("https://a.example/2024/x", out, sizeof out));
	assert_false(article_url_date("https://20240305.example/x", out, sizeof out));
}

static void test_jsonld_metadata(void **state)
{
	(void)state;
	extract("<html><head><script type='application/ld+json'>"
	        "[{\"@type\":\"WebSite\",\"name\":\"Example Wire\"},"
	        "{\"@graph\":[{\"@type\":[\"NewsArticle\"],\"headline\":\"Ports reopen\","
	        "\"datePublished\":\"2024-05-01\",\"dateModified\":\"2024-05-02\","
	        "\"inLanguage\":\"pt_BR\",\"description\":\"Short summary.\","
	        "\"author\":[{\"@type\":\"Person\",\"name\":\"Rui Dias\"},\"Eva Lima\"]}]}]"
	        "</script><script type='application/ld+json'>{broken json</script></head>"
	        "<body><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Ports reopen");
	assert_string_equal(a.published, "2024-05-01");
	assert_string_equal(a.modified, "2024-05-02");
	assert_string_equal(a.author, "Rui Dias;Eva Lima");
	assert_string_equal(a.lang, "pt-BR");
	assert_string_equal(a.site_name, "Example Wire");
	assert_string_equal(a.description, "Short summary.");
}

/* The author given by "@id" reference to a Person elsewhere in the graph
 * (the way WordPress SEO plugins write it). */
static void test_jsonld_author_reference(void **state)
{
	(void)state;
	extract("<html><head><script type='application/ld+json'>{\"@graph\":["
	        "{\"@type\":\"Article\",\"headline\":\"Ports reopen\","
	        "\"author\":{\"@id\":\"https://a.example/#/person/1\"}},"
	        "{\"@type\":\"WebPage\",\"@id\":\"https://a.example/p\"},"
	        "{\"@type\":\"Person\",\"@id\":\"https://a.example/#/person/1\","
	        "\"name\":\"Rui Dias\"}]}</script></head><body><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.author, "Rui Dias");
	/* A reference to nothing names no one. */
	extract("<html><head><script type='application/ld+json'>{\"@type\":\"Article\","
	        "\"headline\":\"Ports reopen\",\"author\":{\"@id\":\"#nobody\"}}</script>"
	        "</head><body><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.author, "");
}

static void test_jsonld_in_cdata(void **state)
{
	(void)state;
	extract("<html><head><script type='application/ld+json'>\n  <![CDATA[\n"
	        "{\"@type\":\"NewsArticle\",\"datePublished\":\"2015-10-15T02:19:15.607Z\"}\n"
	        "]]></script><meta property='article:published_time' content='2015-12-11'>"
	        "</head><body><p>" PROSE1 "</p></body></html>",
	        NULL);
	assert_string_equal(a.published, "2015-10-15T02:19:15Z");
}

static void test_meta_author_lang_canonical(void **state)
{
	(void)state;
	extract("<html lang='en'><head><meta name='author' content='By Jo Bloggs, Sam Lee'>"
	        "<meta name='description' content='  What  happened. '>"
	        "<link rel='canonical' href='/story/1?x=1'></head>"
	        "<body><p>" PROSE1 "</p></body></html>",
	        "https://www.example.org/a/b?utm=1");
	assert_string_equal(a.author, "Jo Bloggs;Sam Lee");
	assert_string_equal(a.lang, "en");
	assert_string_equal(a.canonical_url, "https://www.example.org/story/1?x=1");
	assert_string_equal(a.description, "What happened.");
	/* No canonical link: the page's own address. */
	extract("<html><body><p>" PROSE1 "</p></body></html>", "https://example.org/p");
	assert_string_equal(a.canonical_url, "https://example.org/p");
}

/* A byline's section before "by", its dateline and dangling dashes are
 * not names; nor are a commenter, a form label or a month. */
static void test_author_byline_tails(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	        {"Policy by Jo Bloggs", "Jo Bloggs"},
	        {"By Jo Bloggs March 25, 2024", "Jo Bloggs"},
	        {"Sam Lee Sept. 3, 2024 10:00", "Sam Lee"},
	        {"Jo Bloggs \xe2\x80\x94", "Jo Bloggs"},
	        {"Jo Bloggs -", "Jo Bloggs"},
	        {"Theresa May", "Theresa May"},
	        {"Sign In", ""},
	        {"Follow;Jo Bloggs", "Jo Bloggs"},
	        /* Bylines in other languages, and run into the name. */
	        {"Ver\xc3\xb6"
	         "ffentlicht von Jo Bloggs",
	         "Jo Bloggs"},
	        {"Eingestellt von Sam Lee", "Sam Lee"},
	        {"Publi\xc3\xa9 par Jo Bloggs", "Jo Bloggs"},
	        {"Posted byJo Bloggs", "Jo Bloggs"},
	        /* Commenters, form labels and a month are no authors. */
	        {"Jo Bloggs says", ""},
	        {"Jo Bloggs sagt", ""},
	        {"Name *", ""},
	        {"Name (required)", ""},
	        {"September", ""},
	        {"Auteur: Jo Bloggs", "Jo Bloggs"},
	        /* Names joined by "and" in German and French are two names. */
	        {"Jo Bloggs und Sam Lee", "Jo Bloggs;Sam Lee"},
	        {"Jo Bloggs et Sam Lee", "Jo Bloggs;Sam Lee"},
	        /* A handle keeps its digits; a date after a name does not stay. */
	        {"sailor1984", "sailor1984"},
	        {"Jo Bloggs 12.03.2024", "Jo Bloggs"},
	        /* A final initial keeps its period. */
	        {"Jo Bloggs R.", "Jo Bloggs R."},
	        /* A domain or a login is not a name. */
	        {"example.de", ""},
	        {"jo.bloggs", ""},
	        {"Stand: 12.03.2024", ""},
	        /* The site after a slash, a byline box's links after the name. */
	        {"Jo Bloggs / example.de", "Jo Bloggs"},
	        {"Jo Bloggs Alle Artikel", "Jo Bloggs"},
	        {"Sam Lee All articles", "Sam Lee"},
	        {"Jo Bloggs \xc3\x9c"
	         "ber Autorenseite",
	         "Jo Bloggs"},
	        {"Sam Lee View profile", "Sam Lee"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char html[512];
		snprintf(html, sizeof html,
		         "<html><head><meta name='author' content='%s'></head><body><p>" PROSE1
		         "</p></body></html>",
		         cases[i][0]);
		extract(html, NULL);
		assert_string_equal(a.author, cases[i][1]);
	}
}

static void test_lang_guessed_from_text(void **state)
{
	(void)state;
	extract("<html><body><p>Die Regierung hat am Montag einen Entwurf vorgelegt, der die "
	        "Speicherung von Daten neu regelt und den Zugriff der Beh\xc3\xb6rden auf die "
	        "Daten begrenzt. Die Opposition kritisiert, dass der Entwurf nicht weit genug "
	        "geht und die Kontrolle durch die Gerichte zu schwach sei.</p></body></html>",
	        NULL);
	assert_string_equal(a.lang, "de");
	extract("<html><body><p>12 34 56</p></body></html>", NULL);
	assert_string_equal(a.lang, "");
}

/* Ruby readings (furigana in Japanese news for learners) sit above the
 * words they spell: the text is the words, once. */
static void test_ruby_reading_dropped(void **state)
{
	(void)state;
	extract("<html><body><article><p>" PROSE1 "</p><p><ruby>\xe6\xb3\x95\xe5\xbe\x8b<rp>("
	        "</rp><rt>\xe3\x81\xbb\xe3\x81\x86\xe3\x82\x8a\xe3\x81\xa4</rt><rp>)</rp>"
	        "</ruby>\xe3\x81\x8c\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe\xe3\x81\x97"
	        "\xe3\x81\x9f\xe3\x80\x82</p></article></body></html>",
	        NULL);
	/* "法律ができました。" without "ほうりつ" or the parentheses. */
	assert_non_null(strstr(a.text, "\xe6\xb3\x95\xe5\xbe\x8b\xe3\x81\x8c"));
	assert_null(strstr(a.text, "\xe3\x81\xbb\xe3\x81\x86"));
}

static void test_charset_meta_ignored(void **state)
{
	(void)state;
	/* The buffer is UTF-8 whatever the page claims. */
	extract("<html><head><meta charset='iso-8859-1'><title>Se\xc3\xb1or</title></head>"
	        "<body><p>Espa\xc3\xb1"
	        "a</p></body></html>",
	        NULL);
	assert_string_equal(a.title, "Se\xc3\xb1or");
	assert_string_equal(a.text, "Espa\xc3\xb1"
	                            "a");
}

static void test_reuse_releases(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++) {
		extract("<html><head><title>A title long enough</title></head><body><p>" PROSE1
		        "</p></body></html>",
		        NULL);
		assert_string_equal(a.title, "A title long enough");
	}
	article_release(&a);
	assert_string_equal(a.title, "");
	article_release(&a); /* twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_main_text_over_clutter, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_comments_related_share_cookie_dropped, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_author_bio_dropped, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unlikely_wrapper_of_article_body_kept, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_byline_dropped_and_used_as_author, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_teasers_and_credits_dropped, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_article_header_dropped, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hidden_dropped, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_lines_for_blocks, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_div_with_text_is_a_paragraph, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_whitespace_and_entities, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_pre_keeps_lines, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_invalid_utf8_repaired, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_empty_and_blank, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_deep_nesting_bounded, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_index_page_not_article, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_collection_page_has_no_text, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_jsonld_body_cross_check, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_title_without_site, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_title_kicker_and_dateline, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_title_logo_hints, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_title_other_metadata, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_title_unrelated_h1, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_title_exact_heading_and_labels, setup,
	                                        teardown),
	        cmocka_unit_test(test_clean_title_helper),
	        cmocka_unit_test_setup_teardown(test_dates_in_order_of_trust, setup, teardown),
	        cmocka_unit_test(test_parse_date_forms),
	        cmocka_unit_test_setup_teardown(test_date_order_by_language, setup, teardown),
	        cmocka_unit_test(test_url_date),
	        cmocka_unit_test_setup_teardown(test_jsonld_metadata, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_jsonld_in_cdata, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_jsonld_author_reference, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_meta_author_lang_canonical, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_author_byline_tails, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_lang_guessed_from_text, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_ruby_reading_dropped, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_charset_meta_ignored, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_reuse_releases, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
