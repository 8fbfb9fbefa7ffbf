/*
 * article_meta: the page's own statements about itself.
 *
 * Sources, most trusted first: JSON-LD (schema.org *Article objects,
 * parsed with jansson), OpenGraph and other <meta> names, <link
 * rel=canonical>, <time datetime> and itemprop attributes, the <title>,
 * the URL path, and last a visible dateline.  Each field keeps the value
 * from the best-ranked source that had one.
 */
#include <ctype.h>
#include <jansson.h>
#include <libxml/uri.h>
#include <string.h>

#include "article_int.h"
#include "utf8.h"

/* Ranks: lower is better; RANK_NONE means not set yet. */
enum { RANK_LD = 0, RANK_NONE = 10000 };

enum field {
	F_TITLE,
	F_PUBLISHED,
	F_MODIFIED,
	F_AUTHOR,
	F_SITE,
	F_DESC,
	F_LANG,
	F_CANON,
	F_TYPE,
	NFIELD
};

/* <meta> names/properties and what they give, in order of trust. */
struct meta_key {
	const char *key;
	enum field field;
	int rank;
};

static const struct meta_key meta_keys[] = {
        {"og:title", F_TITLE, 10},
        {"twitter:title", F_TITLE, 12},
        {"dc.title", F_TITLE, 9},
        {"dcterms.title", F_TITLE, 9},
        {"parsely-title", F_TITLE, 13},
        {"sailthru.title", F_TITLE, 14},
        {"headline", F_TITLE, 9},
        {"title", F_TITLE, 15},

        {"article:published_time", F_PUBLISHED, 10},
        {"og:article:published_time", F_PUBLISHED, 10},
        {"og:published_time", F_PUBLISHED, 11},
        {"datepublished", F_PUBLISHED, 12},
        {"article.published", F_PUBLISHED, 20},
        {"article_date_original", F_PUBLISHED, 20},
        {"publish-date", F_PUBLISHED, 20},
        {"publishdate", F_PUBLISHED, 20},
        {"publish_date", F_PUBLISHED, 20},
        {"published_time", F_PUBLISHED, 20},
        {"publication_date", F_PUBLISHED, 20},
        {"pubdate", F_PUBLISHED, 20},
        {"parsely-pub-date", F_PUBLISHED, 21},
        {"sailthru.date", F_PUBLISHED, 21},
        {"citation_publication_date", F_PUBLISHED, 21},
        {"citation_date", F_PUBLISHED, 22},
        {"dc.date.issued", F_PUBLISHED, 22},
        {"dcterms.issued", F_PUBLISHED, 22},
        {"dc.date.created", F_PUBLISHED, 23},
        {"dcterms.created", F_PUBLISHED, 23},
        {"dc.date", F_PUBLISHED, 24},
        {"dcterms.date", F_PUBLISHED, 24},
        {"originalpublicationdate", F_PUBLISHED, 24},
        {"displaydate", F_PUBLISHED, 25},
        {"datecreated", F_PUBLISHED, 25},
        {"date", F_PUBLISHED, 26},
        {"created", F_PUBLISHED, 27},

        {"article:modified_time", F_MODIFIED, 10},
        {"og:updated_time", F_MODIFIED, 11},
        {"datemodified", F_MODIFIED, 12},
        {"dcterms.modified", F_MODIFIED, 20},
        {"dc.date.modified", F_MODIFIED, 20},
        {"last-modified", F_MODIFIED, 21},
        {"lastmod", F_MODIFIED, 22},
        {"article.updated", F_MODIFIED, 22},

        {"author", F_AUTHOR, 10},
        {"article:author", F_AUTHOR, 11},
        {"dc.creator", F_AUTHOR, 12},
        {"dcterms.creator", F_AUTHOR, 12},
        {"parsely-author", F_AUTHOR, 13},
        {"sailthru.author", F_AUTHOR, 13},
        {"byl", F_AUTHOR, 14},
        {"citation_author", F_AUTHOR, 15},

        {"og:site_name", F_SITE, 10},
        {"application-name", F_SITE, 20},
        {"publisher", F_SITE, 21},

        {"description", F_DESC, 10},
        {"og:description", F_DESC, 11},
        {"twitter:description", F_DESC, 12},
        {"dc.description", F_DESC, 13},

        {"content-language", F_LANG, 20},
        {"dc.language", F_LANG, 21},
        {"language", F_LANG, 22},
        {"og:locale", F_LANG, 23},

        {"og:url", F_CANON, 20},
        {"og:type", F_TYPE, 10},
        {NULL, 0, 0},
};

struct collect {
	struct art_meta *m;
	char *val[NFIELD];
	int rank[NFIELD];
	char *time_datetime; /* first <time datetime> */
	char *itemprop_date;
	char *dateline;         /* text of a small element hinted as a date */
	struct strbuf after_h1; /* visible text following the first h1 */
	int seen_h1;
	char first_date[64]; /* first date written anywhere on the page */
	unsigned n_text;
	const char *url;
	int n_ld;
	json_t *ld_root;             /* the JSON-LD document being read, for @id references */
	char *ld_headline, *ld_name; /* both set and different */
};

/* A metadata value folded to one line, entities decoded (malloc'd). */
static char *meta_value(const char *v, size_t n)
{
	char *s = art_fold(v, n, ART_META_MAX);
	if (strchr(s, '&')) {
		art_decode_entities(s);
		char *t = art_fold(s, strlen(s), ART_META_MAX);
		free(s);
		s = t;
	}
	return s;
}

/* Every distinct title the metadata gives, whatever its rank: a page's
 * headline may be the og:title while its JSON-LD says something else. */
static void add_alt_title(struct art_meta *m, const char *v, size_t n)
{
	if (m->n_alt_titles >= ART_MAX_ALT_TITLES || n == 0)
		return;
	char *s = meta_value(v, n);
	for (int i = 0; *s && i < m->n_alt_titles; i++)
		if (!strcmp(m->alt_titles[i], s))
			*s = 0;
	if (!*s) {
		free(s);
		return;
	}
	m->alt_titles[m->n_alt_titles++] = s;
}

/* Keep v as field f when its rank is better than the one kept.  A loose
 * copy (a <meta name> spelling of a property, "og:title" as a name) ranks
 * just behind the property it copies. */
static void set_field_as(struct collect *c, enum field f, int rank, int loose, const char *v,
                         size_t n)
{
	if (f == F_TITLE)
		add_alt_title(c->m, v, n);
	int key = 2 * rank + (loose != 0);
	if (key >= c->rank[f] || n == 0)
		return;
	char *s = meta_value(v, n);
	if (!*s) {
		free(s);
		return;
	}
	free(c->val[f]);
	c->val[f] = s;
	c->rank[f] = key;
}

static void set_field(struct collect *c, enum field f, int rank, const char *v, size_t n)
{
	set_field_as(c, f, rank, 0, v, n);
}

static int ascii_casecmp(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 1;
	return *a != *b;
}

/* A meta key may name several properties ("og:title twitter:title"). */
static void handle_meta_keys(struct collect *c, const char *keys, const char *content, int loose)
{
	char word[64];
	const char *p = keys;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		size_t n = 0;
		while (p[n] && p[n] != ' ' && p[n] != '\t' && p[n] != '\n')
			n++;
		if (n == 0)
			break;
		if (n < sizeof word - 1) {
			memcpy(word, p, n);
			word[n] = 0;
			/* Dublin Core is written "dc:title", "dc.title", "DC.Title",
			 * "dcterms:title": one spelling for the table. */
			if (!strncasecmp(word, "dc:", 3))
				word[2] = '.';
			else if (!strncasecmp(word, "dcterms:", 8))
				word[7] = '.';
			else if (!strncasecmp(word, "dcterm:", 7)) {
				memmove(word + 7, word + 6, n - 5);
				word[6] = 's';
				word[7] = '.';
			}
			for (const struct meta_key *k = meta_keys; k->key; k++)
				if (!ascii_casecmp(word, k->key)) {
					set_field_as(c, k->field, k->rank, loose, content,
					             strlen(content));
					break;
				}
		}
		p += n;
	}
}

static void handle_meta(struct collect *c, const xmlNode *n)
{
	const char *content = art_attr(n, "content");
	if (!*content)
		return;
	const char *name = art_attr(n, "name");
	const char *prop = art_attr(n, "property");
	const char *itemprop = art_attr(n, "itemprop");
	const char *equiv = art_attr(n, "http-equiv");
	if (*name)
		handle_meta_keys(c, name, content, strchr(name, ':') || strchr(name, '.'));
	if (*prop)
		handle_meta_keys(c, prop, content, 0);
	if (*itemprop)
		handle_meta_keys(c, itemprop, content, 0);
	if (*equiv && !ascii_casecmp(equiv, "content-language"))
		set_field(c, F_LANG, 20, content, strlen(content));
}

/* ---------------------------------------------------------- JSON-LD */

static int ld_type_is(json_t *type, const char *const *names)
{
	if (json_is_string(type)) {
		const char *t = json_string_value(type);
		/* "http://schema.org/NewsArticle" or "NewsArticle" */
		const char *slash = strrchr(t, '/');
		if (slash)
			t = slash + 1;
		for (size_t i = 0; names[i]; i++)
			if (!strcmp(t, names[i]))
				return 1;
		return 0;
	}
	if (json_is_array(type)) {
		for (size_t i = 0; i < json_array_size(type); i++)
			if (ld_type_is(json_array_get(type, i), names))
				return 1;
	}
	return 0;
}

static const char *const ld_article_types[] = {"Article",
                                               "NewsArticle",
                                               "ReportageNewsArticle",
                                               "AnalysisNewsArticle",
                                               "OpinionNewsArticle",
                                               "BackgroundNewsArticle",
                                               "ReviewNewsArticle",
                                               "BlogPosting",
                                               "LiveBlogPosting",
                                               "TechArticle",
                                               "ScholarlyArticle",
                                               "Report",
                                               "SocialMediaPosting",
                                               "DiscussionForumPosting",
                                               "SatiricalArticle",
                                               "AdvertiserContentArticle",
                                               "MedicalScholarlyArticle",
                                               "APIReference",
                                               NULL};
static const char *const ld_page_types[] = {"WebPage", "ItemPage",       "AboutPage", "FAQPage",
                                            "QAPage",  "MedicalWebPage", NULL};
static const char *const ld_index_types[] = {"CollectionPage", "ItemList", "SearchResultsPage",
                                             "ProfilePage", NULL};
static const char *const ld_site_types[] = {"WebSite", "NewsMediaOrganization", "Organization",
                                            NULL};

static const char *ld_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_object(v))
		v = json_object_get(v, "@value");
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void ld_set(struct collect *c, enum field f, int rank, const char *s)
{
	if (s)
		set_field(c, f, rank, s, strlen(s));
}

/* The object with this "@id" in a JSON-LD document: Yoast and other SEO
 * plugins write the author once in "@graph" and refer to it elsewhere as
 * {"@id": "...#author"}.  A bounded search; NULL when absent. */
static json_t *ld_find_id(json_t *v, const char *id, int depth, unsigned *budget)
{
	if (depth > 4 || !v || !*budget)
		return NULL;
	--*budget;
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *hit = ld_find_id(json_array_get(v, i), id, depth + 1, budget);
			if (hit)
				return hit;
		}
		return NULL;
	}
	if (!json_is_object(v))
		return NULL;
	const char *vid = ld_str(v, "@id");
	if (vid && !strcmp(vid, id) && json_object_get(v, "name"))
		return v;
	return ld_find_id(json_object_get(v, "@graph"), id, depth + 1, budget);
}

/* Names from "author": a string, a Person/Organization object (or a
 * reference to one by "@id"), or an array. */
static void ld_authors(struct strbuf *out, json_t *a, json_t *root, int depth)
{
	if (depth > 3 || !a)
		return;
	if (json_is_string(a)) {
		const char *s = json_string_value(a);
		if (strncmp(s, "http", 4) != 0) {
			if (out->len)
				sb_addch(out, ';');
			sb_addstr(out, s);
		}
	} else if (json_is_object(a)) {
		json_t *name = json_object_get(a, "name");
		const char *id = ld_str(a, "@id");
		unsigned budget = 400;
		if (!name && id && root) {
			json_t *target = ld_find_id(root, id, 0, &budget);
			name = target ? json_object_get(target, "name") : NULL;
		}
		ld_authors(out, name, root, depth + 1);
	} else if (json_is_array(a)) {
		for (size_t i = 0; i < json_array_size(a); i++)
			ld_authors(out, json_array_get(a, i), root, depth + 1);
	}
}

static void ld_article(struct collect *c, json_t *o, int rank)
{
	const char *headline = ld_str(o, "headline"), *name = ld_str(o, "name");
	if (rank == RANK_LD && headline && name && strcmp(headline, name) != 0) {
		/* Both given and different: decided against the <title> once
		 * the whole page is read. */
		if (!c->ld_headline && !c->ld_name) {
			c->ld_headline = xstrdup(headline);
			c->ld_name = xstrdup(name);
		}
	} else {
		ld_set(c, F_TITLE, rank, headline ? headline : name);
	}
	ld_set(c, F_PUBLISHED, rank, ld_str(o, "datePublished"));
	if (!ld_str(o, "datePublished"))
		ld_set(c, F_PUBLISHED, rank + 1, ld_str(o, "dateCreated"));
	ld_set(c, F_MODIFIED, rank, ld_str(o, "dateModified"));
	ld_set(c, F_DESC, rank, ld_str(o, "description"));
	ld_set(c, F_LANG, rank + 5, ld_str(o, "inLanguage"));
	struct strbuf names = STRBUF_INIT;
	ld_authors(&names, json_object_get(o, "author"), c->ld_root, 0);
	if (!names.len)
		ld_authors(&names, json_object_get(o, "creator"), c->ld_root, 0);
	if (names.len)
		set_field(c, F_AUTHOR, rank, names.buf, names.len);
	sb_release(&names);
	json_t *pub = json_object_get(o, "publisher");
	if (json_is_array(pub))
		pub = json_array_get(pub, 0);
	if (json_is_object(pub))
		ld_set(c, F_SITE, rank + 1, ld_str(pub, "name"));
	const char *body = ld_str(o, "articleBody");
	if (body && !c->m->ld_body && rank == RANK_LD)
		c->m->ld_body = xstrdup(body);
}

static void ld_walk(struct collect *c, json_t *v, int depth)
{
	if (depth > 6)
		return;
	if (json_is_array(v)) {
		/* A page with thousands of objects is not worth reading all. */
		for (size_t i = 0; i < json_array_size(v) && i < 200; i++)
			ld_walk(c, json_array_get(v, i), depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	json_t *type = json_object_get(v, "@type");
	if (ld_type_is(type, ld_article_types)) {
		c->m->typed_article = 1;
		ld_article(c, v, RANK_LD);
	} else if (ld_type_is(type, ld_page_types)) {
		ld_article(c, v, 30);
		json_t *main = json_object_get(v, "mainEntity");
		if (main)
			ld_walk(c, main, depth + 1);
	} else if (ld_type_is(type, ld_index_types)) {
		c->m->typed_index = 1;
	} else if (ld_type_is(type, ld_site_types)) {
		ld_set(c, F_SITE, 15, ld_str(v, "name"));
	}
	json_t *graph = json_object_get(v, "@graph");
	if (graph)
		ld_walk(c, graph, depth + 1);
}

static void handle_ld(struct collect *c, const xmlNode *script)
{
	if (c->n_ld++ > 20)
		return;
	const xmlNode *t = script->children;
	if (!t || !t->content)
		return;
	const char *s = (const char *)t->content;
	size_t n = strlen(s);
	/* Tolerate the wrappers some sites put around the JSON. */
	while (n && (isspace((unsigned char)*s) || *s == ';'))
		s++, n--;
	if (n >= 4 && !strncmp(s, "<!--", 4))
		s += 4, n -= 4;
	if (n >= 2 && !strncmp(s, "//", 2))
		s += 2, n -= 2;
	if (n >= 9 && !strncmp(s, "<![CDATA[", 9))
		s += 9, n -= 9;
	json_error_t err;
	json_t *root = json_loadb(s, n, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &err);
	if (!root)
		return;
	c->ld_root = root;
	ld_walk(c, root, 0);
	c->ld_root = NULL;
	json_decref(root);
}

/* ------------------------------------------------------- the DOM pass */

/* 1 if one of the (lower-case) words occurs in s, case-insensitively. */
static int has_word(const char *s, const char *const *words)
{
	for (; *s; s++) {
		int c = tolower((unsigned char)*s);
		for (size_t i = 0; words[i]; i++)
			if (words[i][0] == c && !strncasecmp(s, words[i], strlen(words[i])))
				return 1;
	}
	return 0;
}

static int hinted(const xmlNode *n, const char *const *words)
{
	return has_word(art_attr(n, "class"), words) || has_word(art_attr(n, "id"), words);
}

/* A heading's permalink: a link whose whole text is a mark ("¶", "#",
 * "§"), as documentation generators and blogs add after a heading. */
static int is_permalink(const xmlNode *n)
{
	static const char *const marks[] = {"\xc2\xb6", "#", "\xc2\xa7", NULL};
	if (!art_is(n, "a"))
		return 0;
	char *t = art_node_text(n, 16);
	int yes = 0;
	for (size_t i = 0; marks[i] && !yes; i++)
		yes = !strcmp(t, marks[i]);
	free(t);
	return yes;
}

/* Kickers ("Climate:"), screen-reader labels: not part of a headline.
 * arg, when given, is set when a kicker the page marks as such went. */
static int skip_in_heading(const xmlNode *n, void *arg)
{
	static const char *const kickers[] = {"kicker",   "dachzeile",  "overline", "topline",
	                                      "roofline", "supertitle", "toptitle", "topic-label",
	                                      "eyebrow",  NULL};
	static const char *const hidden[] = {"visually-hidden", "sr-only", "screen-reader", NULL};
	if (hinted(n, kickers)) {
		if (arg)
			*(int *)arg = 1;
		return 1;
	}
	return hinted(n, hidden) || is_permalink(n);
}

/* A heading that is the site's logo or name rather than a headline: so
 * named in its class or id (or an ancestor's), or one link to the home. */
static int is_logo_heading(const xmlNode *n)
{
	static const char *const words[] = {"logo",  "site-title", "site-name", "sitename",
	                                    "brand", "masthead",   NULL};
	/* The heading or a close container of it: a page's <body> often says
	 * "custom-logo" of the whole theme. */
	int up = 0;
	for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE && up < 4;
	     p = p->parent, up++) {
		if (art_is(p, "body") || art_is(p, "main") || art_is(p, "article"))
			break;
		if (hinted(p, words))
			return 1;
	}
	const xmlNode *only = NULL;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE) {
			if (only)
				return 0;
			only = k;
		} else if (k->type == XML_TEXT_NODE && k->content) {
			for (const xmlChar *q = k->content; *q; q++)
				if (!isspace(*q))
					return 0;
		}
	}
	if (only && art_is(only, "a")) {
		const char *href = art_attr(only, "href");
		const char *path = strstr(href, "://");
		path = path ? strchr(path + 3, '/') : href;
		return !path || !strcmp(path, "/") || !*path;
	}
	return 0;
}

/* Keep the first few h1 and h2 texts as headline candidates. */
static void add_heading(struct art_meta *m, const xmlNode *n)
{
	int h1 = art_is(n, "h1");
	if (h1 ? m->n_h1 >= ART_MAX_H1 : m->n_h2 >= ART_MAX_HEADS - ART_MAX_H1)
		return;
	struct art_text t;
	art_text_init(&t, ART_META_MAX);
	int kicker = 0;
	art_serialize(&t, n, skip_in_heading, &kicker);
	art_text_finish(&t);
	for (size_t i = 0; i < t.sb.len; i++)
		if (t.sb.buf[i] == '\n')
			t.sb.buf[i] = ' ';
	if (!t.sb.len) {
		art_text_release(&t);
		return;
	}
	int i = h1 ? m->n_h1++ : ART_MAX_H1 + m->n_h2++;
	m->heads[i] = sb_detach(&t.sb, NULL);
	m->head_kicker[i] = kicker;
	m->head_logo[i] = is_logo_heading(n);
	if (h1 && !m->h1 && !m->head_logo[i]) {
		m->h1 = xstrdup(m->heads[i]);
		m->h1_in_article =
		        art_has_ancestor(n, "article", -1) || art_has_ancestor(n, "main", -1);
	}
}

/* A byline's role or job title ("Technology correspondent"): not a name. */
static int skip_byline_role(const xmlNode *n, void *arg)
{
	static const char *const words[] = {"role", "job", "position", "designation", NULL};
	(void)arg;
	return has_word(art_attr(n, "class"), words);
}

static int is_byline(const xmlNode *n)
{
	static const char *const words[] = {"byline", "author", "writtenby",
	                                    "autor",  "writer", NULL};
	if (art_is(n, "body") || art_is(n, "article") || art_is(n, "html") || art_is(n, "meta") ||
	    art_is(n, "link"))
		return 0;
	return !strcmp(art_attr(n, "rel"), "author") || strstr(art_attr(n, "itemprop"), "author") ||
	       hinted(n, words);
}

/* The first byline that still names someone once cleaned of "By", its
 * role and its date: the author when the metadata names none. */
static void take_byline(struct art_meta *m, const xmlNode *n)
{
	struct art_text tx;
	art_text_init(&tx, 400);
	art_serialize(&tx, n, skip_byline_role, NULL);
	art_text_finish(&tx);
	for (size_t i = 0; i < tx.sb.len; i++)
		if (tx.sb.buf[i] == '\n')
			tx.sb.buf[i] = ' ';
	size_t len = utf8_count(tx.sb.buf, tx.sb.len);
	if (len > 0 && len < 100) {
		char *names = art_clean_author(tx.sb.buf);
		if (*names)
			m->byline = names;
		else
			free(names);
	}
	art_text_release(&tx);
}

/* Whether the page's language writes 02/10/2020 for 2 October. */
static int day_first(const struct collect *c)
{
	return article_lang_day_first(c->val[F_LANG]);
}

static void visit_element(struct collect *c, const xmlNode *n)
{
	static const char *const date_hints[] = {"date",   "time",     "publish", "posted",
	                                         "byline", "dateline", NULL};
	struct art_meta *m = c->m;
	const char *name = (const char *)n->name;
	switch (name[0]) {
	case 'h':
		if (art_is(n, "html")) {
			const char *lang = art_attr(n, "lang");
			if (!*lang)
				lang = art_attr(n, "xml:lang");
			set_field(c, F_LANG, 10, lang, strlen(lang));
		} else if (art_is(n, "h1") || art_is(n, "h2")) {
			add_heading(m, n);
			c->seen_h1 |= art_is(n, "h1");
		}
		break;
	case 't':
		if (!m->title_tag && art_is(n, "title") && !(n->parent && art_is(n->parent, "svg")))
			m->title_tag = art_node_text(n, ART_META_MAX);
		else if (!c->time_datetime && art_is(n, "time") && art_has_attr(n, "datetime"))
			c->time_datetime = xstrdup(art_attr(n, "datetime"));
		break;
	case 'm':
		if (art_is(n, "meta"))
			handle_meta(c, n);
		break;
	case 'l':
		if (art_is(n, "link")) {
			const char *rel = art_attr(n, "rel");
			if (!ascii_casecmp(rel, "canonical"))
				set_field(c, F_CANON, 10, art_attr(n, "href"),
				          strlen(art_attr(n, "href")));
		}
		break;
	case 's':
		if (art_is(n, "script")) {
			if (strcasestr(art_attr(n, "type"), "ld+json"))
				handle_ld(c, n);
			return;
		}
		break;
	}
	if (!m->byline && n->properties && n->children && is_byline(n))
		take_byline(m, n);
	if (!c->itemprop_date) {
		const char *ip = art_attr(n, "itemprop");
		if (*ip && !ascii_casecmp(ip, "datePublished")) {
			const char *v = art_attr(n, "datetime");
			if (!*v)
				v = art_attr(n, "content");
			if (*v)
				c->itemprop_date = xstrdup(v);
			else
				c->itemprop_date = art_node_text(n, 200);
		}
	}
	if (!c->dateline && n->properties && n->children && hinted(n, date_hints)) {
		char *t = art_node_text(n, 400);
		char iso[64];
		if (strlen(t) < 200 &&
		    article_parse_date_order(t, strlen(t), day_first(c), iso, sizeof iso))
			c->dateline = xstrdup(iso);
		free(t);
	}
}

/* Text after the headline searched for a visible date (bytes). */
#define AFTER_H1_MAX 3000

static void art_text_add_raw(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);
	if (n > AFTER_H1_MAX)
		n = AFTER_H1_MAX;
	sb_add(sb, s, n);
	sb_addch(sb, ' ');
}

static void visit_text(struct collect *c, const char *s)
{
	if (c->seen_h1 && c->after_h1.len < AFTER_H1_MAX)
		art_text_add_raw(&c->after_h1, s);
	if (!c->first_date[0] && c->n_text++ < 5000) {
		size_t n = strlen(s);
		if (n < 300)
			article_parse_date_order(s, n, day_first(c), c->first_date,
			                         sizeof c->first_date);
	}
}

/* Pre-order walk without recursion (pages nest deeply). */
static void walk(struct collect *c, xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE)
			visit_element(c, n);
		else if (n->type == XML_TEXT_NODE && n->content)
			visit_text(c, (const char *)n->content);
		if (n->children && n->type == XML_ELEMENT_NODE && !art_is(n, "script") &&
		    !art_is(n, "style")) {
			n = n->children;
			continue;
		}
		n = art_next_after(n, root);
	}
}

/* ------------------------------------------------------------ cleanup */

static int is_url(const char *s)
{
	return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) || !strncmp(s, "//", 2) ||
	       (s[0] == '/' && s[1] != ' ');
}

/* Where a byline stops naming people: a date, a time, a separator. */
static int month_at(const char *s, size_t n, size_t *used);
static size_t names_end(const char *s);

/* 1 if s[0..n) ends with an en or em dash. */
static int ends_with_dash(const char *s, size_t n)
{
	return n >= 3 &&
	       (!memcmp(s + n - 3, "\xe2\x80\x93", 3) || !memcmp(s + n - 3, "\xe2\x80\x94", 3));
}

/* Cut the end of a byline after its names ("Jane Roe - May 5", "Jane Roe
 * Technology May 5, 2024"), at a digit or a stop word; a month name
 * left before the date's day ("Jane Roe March 25") and dashes left
 * dangling ("Jane Roe --") go too. */
static void cut_names_end(char *s)
{
	size_t n = names_end(s);
	int at_digit = isdigit((unsigned char)s[n]);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '-' || s[n - 1] == ',' || ends_with_dash(s, n)))
		n -= ends_with_dash(s, n) ? 3 : 1;
	s[n] = 0;
	char *sp = strrchr(s, ' ');
	size_t used = 0;
	if (at_digit && sp && sp > s && strchr(s, ' ') < sp &&
	    month_at(sp + 1, strlen(sp + 1), &used) && sp[1 + used] == 0)
		*sp = 0;
}

static size_t names_end(const char *s)
{
	static const char *const stops[] = {
	        " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ", "\xe2\x80\xa2", "|",
	        " on ", " am ", " le ", "published", "updated", "posted",
	        "ver\xc3\xb6"
	        "ffentlicht",
	        "aktualisiert", "@",
	        /* "Name / site.example", and the
	                                     * links a byline box adds after
	                                     * the name. */
	        " / ", " all articles", " all posts", " alle artikel", " alle beitr",
	        " \xc3\x9c"
	        "ber ",
	        " \xc3\xbc"
	        "ber ",
	        " view profile", " more by ", NULL};
	size_t n = strlen(s);
	int spaced = 0;
	for (size_t i = 0; i < n; i++) {
		spaced |= s[i] == ' ';
		/* Digits run into the first word are a handle ("freeman1984"),
		 * elsewhere the start of a date. */
		if (isdigit((unsigned char)s[i]) &&
		    (spaced || i == 0 || !isalnum((unsigned char)s[i - 1])))
			return i;
		for (size_t k = 0; stops[k]; k++)
			if (i > 0 && !strncasecmp(s + i, stops[k], strlen(stops[k])))
				return i;
	}
	return n;
}

static const char *skip_author_prefix(const char *p)
{
	static const char *const prefixes[] = {"written by",
	                                       "posted by",
	                                       "published by",
	                                       "posted on",
	                                       "posted",
	                                       "published",
	                                       "publiziert am",
	                                       "publiziert von",
	                                       "geschrieben von",
	                                       "veröffentlicht von",
	                                       "eingestellt von",
	                                       "erstellt von",
	                                       "verfasst von",
	                                       "beitrag von",
	                                       "publié par",
	                                       "écrit par",
	                                       "rédigé par",
	                                       "publicado por",
	                                       "escrito por",
	                                       "pubblicato da",
	                                       "scritto da",
	                                       "by",
	                                       "von",
	                                       "par",
	                                       "por",
	                                       "di",
	                                       "door",
	                                       "from",
	                                       "author",
	                                       "autor",
	                                       "autorin",
	                                       "autore",
	                                       "auteur",
	                                       "text",
	                                       "texto",
	                                       "redaktion",
	                                       NULL};
	for (int again = 1; again;) {
		again = 0;
		while (*p == ' ' || *p == ':' || *p == '|' || *p == '-' || *p == ',')
			p++;
		for (size_t i = 0; prefixes[i]; i++) {
			size_t k = strlen(prefixes[i]);
			/* The prefix as a whole word (then a space, ':' or the
			 * end), or run into the name by markup without a space
			 * ("Posted byJane Roe"). */
			if (!strncasecmp(p, prefixes[i], k) &&
			    (p[k] == ' ' || p[k] == ':' || p[k] == 0 ||
			     (islower((unsigned char)p[k - 1]) && isupper((unsigned char)p[k])))) {
				p += k;
				again = 1;
				break;
			}
		}
	}
	return p;
}

/* Link and button labels that bylines pick up ("Sign in", "Follow"). */
static int is_ui_label(const char *p, size_t n)
{
	static const char *const labels[] = {
	        "sign in", "sign up",       "log in",    "login", "logout",    "register",
	        "follow",  "follow author", "subscribe", "share", "menu",      "search",
	        "home",    "more",          "close",     "admin", "anonymous", "unknown",
	        "stand",   "updated",       "last",      "name",  NULL};
	for (size_t i = 0; labels[i]; i++)
		if (strlen(labels[i]) == n && !strncasecmp(p, labels[i], n))
			return 1;
	return 0;
}

/* A commenter ("Jane Roe says"), a form label ("Name *", "Name (required)"). */
static int is_comment_or_form(const char *p, size_t n)
{
	static const char *const ends[] = {" says", " said", " wrote", " schreibt", " sagt", NULL};
	if (memchr(p, '*', n) || (n > 6 && !strncasecmp(p, "name (", 6)))
		return 1;
	for (size_t i = 0; ends[i]; i++) {
		size_t k = strlen(ends[i]);
		if (n > k && !strncasecmp(p + n - k, ends[i], k))
			return 1;
	}
	return 0;
}

/* One lower-case token with a dot: a domain ("example.de") or a login
 * ("jane.roe"), not the name a reader would cite. */
static int is_domain_or_login(const char *p, size_t n)
{
	int dot = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == ' ' || isupper(c))
			return 0;
		dot |= c == '.' && i > 0 && i + 1 < n;
	}
	return dot;
}

/* A part that names a person or a desk: a few words, no link. */
static int plausible_name(const char *p, size_t n)
{
	size_t words = 1, used;
	if (n == 0 || n >= 80 || is_url(p) || is_ui_label(p, n) || is_comment_or_form(p, n) ||
	    is_domain_or_login(p, n))
		return 0;
	/* A month alone is the date that follows a byline. */
	if (month_at(p, n, &used) && used >= n - (p[n - 1] == '.'))
		return 0;
	for (size_t i = 0; i < n; i++)
		words += p[i] == ' ';
	return words <= 6;
}

/* A part naming a job rather than a person ("Brussels correspondent"). */
static int is_role(const char *p, size_t n)
{
	static const char *const jobs[] = {
	        "correspondent", "reporter",  "editor",        "writer", "columnist", "contributor",
	        "journalist",    "redakteur", "korrespondent", "staff",  NULL};
	for (size_t i = 0; jobs[i]; i++) {
		size_t k = strlen(jobs[i]);
		for (size_t j = 0; j + k <= n; j++)
			if (!strncasecmp(p + j, jobs[i], k))
				return 1;
	}
	return 0;
}

/* Drop the role parts of "Name;Role" when a name remains. */
static void drop_roles(struct strbuf *names)
{
	struct strbuf kept = STRBUF_INIT;
	const char *p = names->buf, *end = names->buf + names->len;
	while (p < end) {
		const char *semi = memchr(p, ';', end - p);
		size_t n = semi ? (size_t)(semi - p) : (size_t)(end - p);
		if (!is_role(p, n)) {
			if (kept.len)
				sb_addch(&kept, ';');
			sb_add(&kept, p, n);
		}
		p += n + 1;
	}
	if (kept.len) {
		sb_release(names);
		*names = kept;
	} else {
		sb_release(&kept);
	}
}

/* Length of the " and " (in English, German or French) at s, else 0. */
static size_t and_at(const char *s)
{
	static const char *const ands[] = {" and ", " und ", " et ", NULL};
	for (size_t i = 0; ands[i]; i++) {
		size_t k = strlen(ands[i]);
		if (!strncasecmp(s, ands[i], k))
			return k;
	}
	return 0;
}

/* "By Jane Doe and John Roe, Staff | 5 May 2024" -> "Jane Doe;John Roe;Staff". */
char *art_clean_author(const char *s)
{
	struct strbuf out = STRBUF_INIT;
	char *folded = art_fold(s, strlen(s), ART_META_MAX);
	char *p = folded;
	/* "Section by Jane Roe": the names follow the "by". */
	char *by = strcasestr(p, " by ");
	if (by && !memchr(p, ',', by - p) && !memchr(p, ';', by - p))
		p = by + 4;
	p = (char *)skip_author_prefix(p);
	cut_names_end(p);
	while (*p) {
		p = (char *)skip_author_prefix(p);
		while (*p == ' ' || *p == ';' || *p == ',')
			p++;
		const char *end = p;
		/* A name ends at ';' ',' or " and " ("und", "et"). */
		while (*end && *end != ';' && *end != ',' && !and_at(end))
			end++;
		size_t n = end - p;
		/* Trailing blanks and punctuation go, but not the period of a
		 * final initial ("Nicolas Gutierrez C."). */
		while (n && (p[n - 1] == ' ' || p[n - 1] == ':' ||
		             (p[n - 1] == '.' &&
		              !(n >= 3 && isupper((unsigned char)p[n - 2]) && p[n - 3] == ' '))))
			n--;
		if (plausible_name(p, n)) {
			if (out.len)
				sb_addch(&out, ';');
			sb_add(&out, p, n);
		}
		p = (char *)end;
		p += and_at(p);
	}
	free(folded);
	drop_roles(&out);
	return sb_detach(&out, NULL);
}

/* "en_US" -> "en-US"; keeps only a plausible BCP 47 shape. */
static char *clean_lang(const char *s)
{
	char buf[36];
	size_t n = 0;
	while (*s == ' ')
		s++;
	for (; *s && *s != ',' && *s != ';' && *s != ' ' && n < sizeof buf - 1; s++) {
		char ch = *s == '_' ? '-' : *s;
		if (!isalnum((unsigned char)ch) && ch != '-')
			return NULL;
		buf[n++] = ch;
	}
	buf[n] = 0;
	if (n < 2)
		return NULL;
	/* language lower case, region upper case */
	size_t i = 0;
	for (; i < n && buf[i] != '-'; i++)
		buf[i] = tolower((unsigned char)buf[i]);
	if (i > 3 || i < 2)
		return NULL;
	if (i < n && n - i == 3)
		for (size_t j = i + 1; j < n; j++)
			buf[j] = toupper((unsigned char)buf[j]);
	return xstrdup(buf);
}

/* Resolve href against the page URL (enough for canonical links). */
static char *resolve_url(const char *href, const char *base)
{
	if (!strncmp(href, "http://", 7) || !strncmp(href, "https://", 8))
		return xstrdup(href);
	if (!base || !*base)
		return NULL;
	xmlChar *r = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	if (!r)
		return NULL;
	char *s = xstrdup((const char *)r);
	xmlFree(r);
	return s;
}

static char *iso_date(const char *s, int day_first)
{
	char iso[64];
	if (s && article_parse_date_order(s, strlen(s), day_first, iso, sizeof iso))
		return xstrdup(iso);
	return NULL;
}

void art_meta_collect(struct art_meta *m, xmlDoc *doc, const char *url)
{
	struct collect c;
	memset(&c, 0, sizeof c);
	memset(m, 0, sizeof *m);
	c.m = m;
	c.url = url;
	for (int i = 0; i < NFIELD; i++)
		c.rank[i] = RANK_NONE;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root)
		walk(&c, root);

	if (c.ld_headline) {
		/* Wikipedia-like pages put a summary in "headline": take the
		 * one of headline and name closer to the <title>. */
		const char *t = m->title_tag ? m->title_tag : "";
		double sh = art_text_similarity(c.ld_headline, t);
		double sn = art_text_similarity(c.ld_name, t);
		const char *best = sn > sh ? c.ld_name : c.ld_headline;
		set_field(&c, F_TITLE, RANK_LD, best, strlen(best));
		free(c.ld_headline);
		free(c.ld_name);
	}
	m->title = c.val[F_TITLE];
	m->description = c.val[F_DESC];
	m->site_name = c.val[F_SITE];
	if (c.val[F_AUTHOR]) {
		m->author = art_clean_author(c.val[F_AUTHOR]);
		free(c.val[F_AUTHOR]);
	}
	int dmy = day_first(&c);
	if (c.val[F_LANG]) {
		m->lang = clean_lang(c.val[F_LANG]);
		free(c.val[F_LANG]);
	}
	if (c.val[F_CANON]) {
		m->canonical = resolve_url(c.val[F_CANON], url);
		free(c.val[F_CANON]);
	}
	if (c.val[F_TYPE]) {
		if (strcasestr(c.val[F_TYPE], "article"))
			m->typed_article = 1;
		else if (!strcasecmp(c.val[F_TYPE], "website"))
			m->typed_website = 1;
		free(c.val[F_TYPE]);
	}
	/* Dates in order of trust; a source that does not parse is skipped.
	 * <time> and itemprop dates are kept apart: on an index page they
	 * date the teasers, not the page. */
	m->published = iso_date(c.val[F_PUBLISHED], dmy);
	m->time_date = iso_date(c.time_datetime, dmy);
	if (!m->time_date)
		m->time_date = iso_date(c.itemprop_date, dmy);
	if (!m->published && !m->time_date && url) {
		char iso[32];
		if (article_url_date(url, iso, sizeof iso))
			m->published = xstrdup(iso);
	}
	if (!m->published && !m->time_date && m->canonical) {
		char iso[32];
		if (article_url_date(m->canonical, iso, sizeof iso))
			m->published = xstrdup(iso);
	}
	/* What follows is read off the visible page, which on an index
	 * page dates its teasers, not the page: kept apart. */
	if (c.dateline)
		m->seen_date = xstrdup(c.dateline);
	else
		m->seen_date = iso_date(c.after_h1.buf, dmy);
	if (c.first_date[0])
		m->any_date = xstrdup(c.first_date);
	sb_release(&c.after_h1);
	m->modified = iso_date(c.val[F_MODIFIED], dmy);
	free(c.val[F_PUBLISHED]);
	free(c.val[F_MODIFIED]);
	free(c.time_datetime);
	free(c.itemprop_date);
	free(c.dateline);
}

void art_meta_release(struct art_meta *m)
{
	free(m->title);
	free(m->title_tag);
	free(m->h1);
	for (int i = 0; i < ART_MAX_HEADS; i++)
		free(m->heads[i]);
	for (int i = 0; i < m->n_alt_titles; i++)
		free(m->alt_titles[i]);
	free(m->published);
	free(m->modified);
	free(m->author);
	free(m->lang);
	free(m->site_name);
	free(m->canonical);
	free(m->description);
	free(m->ld_body);
	free(m->any_date);
	free(m->seen_date);
	free(m->time_date);
	free(m->byline);
	memset(m, 0, sizeof *m);
}

/* -------------------------------------------------------------- dates */

struct month_name {
	const char *name;
	int month;
};

/* English, German, French, Spanish, Italian, Portuguese, Dutch. */
static const struct month_name months[] = {
        {"january", 1},    {"jan", 1},        {"januar", 1},     {"janvier", 1},   {"enero", 1},
        {"gennaio", 1},    {"janeiro", 1},    {"januari", 1},    {"february", 2},  {"feb", 2},
        {"februar", 2},    {"février", 2},    {"febrero", 2},    {"febbraio", 2},  {"fevereiro", 2},
        {"februari", 2},   {"march", 3},      {"mar", 3},        {"märz", 3},      {"mars", 3},
        {"marzo", 3},      {"março", 3},      {"maart", 3},      {"april", 4},     {"apr", 4},
        {"avril", 4},      {"abril", 4},      {"aprile", 4},     {"may", 5},       {"mai", 5},
        {"mayo", 5},       {"maggio", 5},     {"maio", 5},       {"mei", 5},       {"june", 6},
        {"jun", 6},        {"juni", 6},       {"juin", 6},       {"junio", 6},     {"giugno", 6},
        {"junho", 6},      {"july", 7},       {"jul", 7},        {"juli", 7},      {"juillet", 7},
        {"julio", 7},      {"luglio", 7},     {"julho", 7},      {"august", 8},    {"aug", 8},
        {"août", 8},       {"agosto", 8},     {"augustus", 8},   {"september", 9}, {"sep", 9},
        {"sept", 9},       {"septembre", 9},  {"septiembre", 9}, {"settembre", 9}, {"setembro", 9},
        {"october", 10},   {"oct", 10},       {"oktober", 10},   {"octobre", 10},  {"octubre", 10},
        {"ottobre", 10},   {"outubro", 10},   {"november", 11},  {"nov", 11},      {"novembre", 11},
        {"noviembre", 11}, {"novembro", 11},  {"december", 12},  {"dec", 12},      {"dezember", 12},
        {"décembre", 12},  {"diciembre", 12}, {"dicembre", 12},  {"dezembro", 12}, {NULL, 0},
};

/* Month named at s (a whole word, optionally followed by '.'); 0 if none. */
static int month_at(const char *s, size_t n, size_t *used)
{
	size_t w = 0;
	while (w < n && (isalpha((unsigned char)s[w]) || ((unsigned char)s[w] >= 0x80)))
		w++;
	if (w < 3 || w > 12)
		return 0;
	char word[16];
	for (size_t i = 0; i < w; i++)
		word[i] = tolower((unsigned char)s[i]);
	word[w] = 0;
	for (const struct month_name *mn = months; mn->name; mn++)
		if (mn->name[0] == word[0] && !strcmp(word, mn->name)) {
			*used = w + (w < n && s[w] == '.');
			return mn->month;
		}
	return 0;
}

static int num_at(const char *s, size_t n, size_t min, size_t max, size_t *used)
{
	size_t i = 0;
	int v = 0;
	while (i < n && i < max && isdigit((unsigned char)s[i]))
		v = v * 10 + (s[i++] - '0');
	if (i < min || (i < n && isdigit((unsigned char)s[i])))
		return -1;
	*used = i;
	return v;
}

struct date {
	int y, mo, d, h, mi, s;
	int has_time;
	char tz[16];   /* "Z", "+01:00" or "" */
	int day_first; /* input: read 02/10/2020 as 2 October */
};

static int valid_date(const struct date *d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return d->y >= 1970 && d->y <= 2100 && d->mo >= 1 && d->mo <= 12 && d->d >= 1 &&
	       d->d <= mdays[d->mo - 1];
}

/* Optional time "T14:30[:00][.123][Z|+01:00|+0100| GMT]" after a date. */
static void parse_time(const char *s, size_t n, struct date *d)
{
	size_t i = 0, k;
	if (i < n && (s[i] == 'T' || s[i] == ' ' || s[i] == ','))
		i++;
	while (i < n && s[i] == ' ')
		i++;
	int h = num_at(s + i, n - i, 1, 2, &k);
	if (h < 0 || h > 23 || i + k >= n || s[i + k] != ':')
		return;
	i += k + 1;
	int mi = num_at(s + i, n - i, 2, 2, &k);
	if (mi < 0 || mi > 59)
		return;
	i += k;
	int sec = 0;
	if (i < n && s[i] == ':') {
		sec = num_at(s + i + 1, n - i - 1, 2, 2, &k);
		if (sec < 0 || sec > 60)
			return;
		i += k + 1;
		if (i < n && (s[i] == '.' || s[i] == ','))
			for (i++; i < n && isdigit((unsigned char)s[i]); i++)
				;
	}
	d->h = h, d->mi = mi, d->s = sec, d->has_time = 1;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == 'Z') {
		memcpy(d->tz, "Z", 2);
	} else if (i + 2 < n && (s[i] == '+' || s[i] == '-') && isdigit((unsigned char)s[i + 1]) &&
	           isdigit((unsigned char)s[i + 2])) {
		int oh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0'), om = 0;
		size_t j = i + 3;
		if (j < n && s[j] == ':')
			j++;
		if (j + 1 < n && isdigit((unsigned char)s[j]) && isdigit((unsigned char)s[j + 1]))
			om = (s[j] - '0') * 10 + (s[j + 1] - '0');
		if (oh <= 14 && om < 60)
			snprintf(d->tz, sizeof d->tz, "%c%02d:%02d", s[i], oh, om);
	} else if (i + 2 < n && (!strncmp(s + i, "GMT", 3) || !strncmp(s + i, "UTC", 3))) {
		memcpy(d->tz, "Z", 2);
	}
}

/* Numeric forms starting at s: Y-M-D, Y/M/D, Y.M.D, YYYYMMDD, D.M.Y, D/M/Y. */
static int parse_numeric(const char *s, size_t n, struct date *d)
{
	size_t k, i;
	int a = num_at(s, n, 1, 8, &k);
	if (a < 0)
		return 0;
	if (k == 8) { /* YYYYMMDD */
		d->y = a / 10000, d->mo = a / 100 % 100, d->d = a % 100;
		if (!valid_date(d))
			return 0;
		parse_time(s + 8, n - 8, d);
		return 1;
	}
	if (k == 4 && k < n && (s[k] == '-' || s[k] == '/' || s[k] == '.')) {
		char sep = s[k];
		i = k + 1;
		int mo = num_at(s + i, n - i, 1, 2, &k);
		if (mo < 0 || i + k >= n || s[i + k] != sep)
			return 0;
		i += k + 1;
		int day = num_at(s + i, n - i, 1, 2, &k);
		if (day < 0)
			return 0;
		d->y = a, d->mo = mo, d->d = day;
		if (!valid_date(d))
			return 0;
		i += k;
		parse_time(s + i, n - i, d);
		return 1;
	}
	if (k <= 2 && k < n && (s[k] == '.' || s[k] == '/' || s[k] == '-')) {
		char sep = s[k];
		i = k + 1;
		while (sep == '.' && i < n && s[i] == ' ')
			i++;
		int b = num_at(s + i, n - i, 1, 2, &k);
		if (b < 0 || i + k >= n || s[i + k] != sep)
			return 0;
		i += k + 1;
		while (sep == '.' && i < n && s[i] == ' ')
			i++;
		int y = num_at(s + i, n - i, 4, 4, &k);
		if (y < 0)
			return 0;
		/* D.M.Y in Europe; with '/' only when unambiguous or day first
		 * is forced by a value above 12. */
		if (sep == '/' && a <= 12 && b > 12)
			d->mo = a, d->d = b;
		else if (sep == '/' && a <= 12 && b <= 12 && !d->day_first)
			d->mo = a, d->d = b; /* US order, unless the page's language says */
		else
			d->d = a, d->mo = b;
		d->y = y;
		if (!valid_date(d))
			return 0;
		i += k;
		parse_time(s + i, n - i, d);
		return 1;
	}
	return 0;
}

static size_t skip_seps(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '-'))
		i++;
	return i;
}

/* "5 March 2024", "5. März 2024", "March 5, 2024", "Mar 5th 2024". */
static int parse_words(const char *s, size_t n, struct date *d)
{
	size_t k, i = 0;
	int day = -1, mo;
	if (isdigit((unsigned char)s[0])) {
		day = num_at(s, n, 1, 2, &k);
		if (day < 0)
			return 0;
		i = k;
		if (i + 1 < n && isalpha((unsigned char)s[i]) && isalpha((unsigned char)s[i + 1]) &&
		    (!strncmp(s + i, "st", 2) || !strncmp(s + i, "nd", 2) ||
		     !strncmp(s + i, "rd", 2) || !strncmp(s + i, "th", 2)))
			i += 2;
		i = skip_seps(s, n, i);
		if (i + 3 < n && !strncasecmp(s + i, "de ", 3))
			i += 3;
		if (i + 3 < n && !strncasecmp(s + i, "of ", 3))
			i += 3;
		mo = month_at(s + i, n - i, &k);
		if (!mo)
			return 0;
		i = skip_seps(s, n, i + k);
		if (i + 3 < n && !strncasecmp(s + i, "de ", 3))
			i += 3;
	} else {
		mo = month_at(s, n, &k);
		if (!mo)
			return 0;
		i = skip_seps(s, n, k);
		day = num_at(s + i, n - i, 1, 2, &k);
		if (day < 0)
			return 0;
		i += k;
		if (i + 1 < n && (!strncmp(s + i, "st", 2) || !strncmp(s + i, "nd", 2) ||
		                  !strncmp(s + i, "rd", 2) || !strncmp(s + i, "th", 2)))
			i += 2;
		i = skip_seps(s, n, i);
	}
	int y = num_at(s + i, n - i, 4, 4, &k);
	if (y < 0)
		return 0;
	d->y = y, d->mo = mo, d->d = day;
	if (!valid_date(d))
		return 0;
	i += k;
	parse_time(s + i, n - i, d);
	return 1;
}

static size_t format_date(const struct date *d, char *out, size_t size)
{
	int w;
	if (d->has_time)
		w = snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%s", d->y, d->mo, d->d, d->h,
		             d->mi, d->s, d->tz);
	else
		w = snprintf(out, size, "%04d-%02d-%02d", d->y, d->mo, d->d);
	return w > 0 && (size_t)w < size ? (size_t)w : 0;
}

/* Every written form has a four-digit year: no run of four digits, no date. */
static int has_year(const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		run = isdigit((unsigned char)s[i]) ? run + 1 : 0;
		if (run == 4)
			return 1;
	}
	return 0;
}

int article_lang_day_first(const char *lang)
{
	if (!lang || !*lang)
		return 0;
	if (strncasecmp(lang, "en", 2) || (lang[2] != '-' && lang[2] != '_'))
		return strncasecmp(lang, "en", 2) != 0;
	/* English writes month first in the US, Canada and the Philippines. */
	return strncasecmp(lang + 3, "us", 2) && strncasecmp(lang + 3, "ca", 2) &&
	       strncasecmp(lang + 3, "ph", 2);
}

size_t article_parse_date(const char *s, size_t n, char *out, size_t size)
{
	return article_parse_date_order(s, n, 0, out, size);
}

size_t article_parse_date_order(const char *s, size_t n, int day_first, char *out, size_t size)
{
	struct date d;
	if (size)
		out[0] = 0;
	if (!has_year(s, n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		/* Start only at a word boundary. */
		if (i > 0 && (isalnum((unsigned char)s[i - 1]) || (unsigned char)s[i - 1] >= 0x80))
			continue;
		memset(&d, 0, sizeof d);
		d.day_first = day_first;
		if (isdigit(c) &&
		    (parse_numeric(s + i, n - i, &d) || parse_words(s + i, n - i, &d)))
			return format_date(&d, out, size);
		if (isalpha(c) && parse_words(s + i, n - i, &d))
			return format_date(&d, out, size);
	}
	return 0;
}

size_t article_url_date(const char *url, char *out, size_t size)
{
	size_t n = strlen(url);
	struct date d;
	if (size)
		out[0] = 0;
	/* Skip the scheme and host. */
	const char *p = strstr(url, "://");
	size_t i = p ? (size_t)(p - url) + 3 : 0;
	while (i < n && url[i] != '/')
		i++;
	for (; i + 8 <= n; i++) {
		if (url[i] != '/' && url[i] != '-' && url[i] != '_')
			continue;
		const char *s = url + i + 1;
		size_t m = n - i - 1, k;
		memset(&d, 0, sizeof d);
		int y = num_at(s, m, 4, 8, &k);
		if (y < 0)
			continue;
		if (k == 8) {
			d.y = y / 10000, d.mo = y / 100 % 100, d.d = y % 100;
		} else if (k == 4 && k < m && (s[k] == '/' || s[k] == '-')) {
			size_t j = k + 1, k2;
			int mo = num_at(s + j, m - j, 2, 2, &k2);
			if (mo < 0 || j + k2 >= m || s[j + k2] != s[k])
				continue;
			j += k2 + 1;
			int day = num_at(s + j, m - j, 2, 2, &k2);
			if (day < 0)
				continue;
			d.y = y, d.mo = mo, d.d = day;
		} else {
			continue;
		}
		if (valid_date(&d))
			return format_date(&d, out, size);
	}
	return 0;
}

/* -------------------------------------------------------------- title */

static size_t count_words(const char *s, size_t n)
{
	size_t w = 0;
	int in = 0;
	for (size_t i = 0; i < n; i++) {
		int sp = s[i] == ' ';
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* Separators between a headline and the site's name. */
static size_t sep_at(const char *s)
{
	static const char *const seps[] = {" | ", " - ", " – ",  " — ", " :: ", " : ", " · ",
	                                   " » ", " / ", " \\ ", " > ", " • ",  NULL};
	for (size_t i = 0; seps[i]; i++) {
		size_t k = strlen(seps[i]);
		if (!strncmp(s, seps[i], k))
			return k;
	}
	return 0;
}

static size_t put(char *out, size_t size, const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = 0;
	return n;
}

static int same_name(const char *a, size_t an, const char *site)
{
	char *x = art_fold(a, an, 512);
	int same = art_text_similarity(x, site) >= 0.75 || strcasestr(site, x) != NULL;
	free(x);
	return same;
}

/* Separators written without spaces, as CJK titles do ("Site|Headline"). */
static size_t tight_sep_at(const char *s)
{
	static const char *const seps[] = {
	        "|", "_", "-", "\xef\xbd\x9c", "\xe2\x80\x93", "\xe2\x80\x94", NULL};
	for (size_t i = 0; seps[i]; i++) {
		size_t k = strlen(seps[i]);
		if (!strncmp(s, seps[i], k))
			return k;
	}
	return 0;
}

/* A tight separator at title[i]; a hyphen between ASCII letters or
 * digits joins a word ("Anti-trust") rather than separating. */
static size_t tight_sep_in(const char *title, size_t i)
{
	size_t k = tight_sep_at(title + i);
	if (k && (title[i] == '-' || title[i] == '_') && i > 0 &&
	    isalnum((unsigned char)title[i - 1]) && isalnum((unsigned char)title[i + 1]))
		return 0;
	return k;
}

/* A Han, kana or hangul character, or CJK punctuation ("，", "！"). */
static int is_cjk(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) ||
	       (c >= 0xff00 && c <= 0xffef);
}

/* Where a CJK title ends and the portal's name after it begins: Chinese
 * sites write "Headline-Site" or "Headline_Channel_Site" with no blanks,
 * the name a few CJK characters after the last tight separator, the
 * headline ending in a CJK character. 0 when the title is not so. */
static size_t cjk_site_tail(const char *title, size_t n)
{
	size_t cut = 0, k;
	for (size_t i = 1; i < n; i++)
		if ((k = tight_sep_in(title, i)))
			cut = i, i += k - 1;
	if (!cut)
		return 0;
	size_t tail = n - cut - tight_sep_at(title + cut), chars = 0, head_chars = 0;
	uint32_t c = 0;
	for (size_t i = n - tail; i < n; chars++) {
		size_t len = utf8_decode(title + i, n - i, &c);
		if (!len || !is_cjk(c))
			return 0;
		i += len;
	}
	size_t back = cut;
	while (back > 0 && ((unsigned char)title[back - 1] & 0xc0) == 0x80)
		back--;
	if (back == 0 || !utf8_decode(title + back - 1, cut - back + 1, &c) || !is_cjk(c))
		return 0;
	head_chars = utf8_count(title, cut);
	return chars >= 2 && chars <= 8 && head_chars >= 2 * chars ? cut : 0;
}

/* A title with no spaced separator: the site's name goes only when it is
 * exactly the part before the first or after the last tight separator, or
 * is the short tail of a CJK title. */
static size_t tight_site(const char *title, const char *site, char *out, size_t size)
{
	size_t n = strlen(title), sn = site ? strlen(site) : 0, k;
	if (sn && sn < n && !strncasecmp(title, site, sn) && (k = tight_sep_in(title, sn)))
		return put(out, size, title + sn + k, n - sn - k);
	for (size_t i = n > sn + 3 ? n - sn - 3 : 0; sn && i + sn < n; i++)
		if ((k = tight_sep_in(title, i)) && i + k + sn == n && i > 0 &&
		    !strcasecmp(title + i + k, site))
			return put(out, size, title, i);
	/* "_Channel_Site": each short tail goes. */
	for (int tails = 0; tails < 3 && (k = cjk_site_tail(title, n)); tails++)
		n = k;
	return put(out, size, title, n);
}

size_t article_clean_title(const char *title, const char *site, char *out, size_t size)
{
	size_t n = strlen(title), first = 0, last = 0, firstlen = 0, lastlen = 0, nsep = 0;
	int hier = 0;
	if (size == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = sep_at(title + i);
		if (k) {
			hier |= strchr("/\\>»", title[i + 1]) != NULL;
			if (!nsep)
				first = i, firstlen = k;
			last = i, lastlen = k;
			nsep++;
			i += k - 1;
		}
	}
	if (!nsep)
		return tight_site(title, site, out, size);
	/* The site's name at either end goes, whatever its length. */
	if (site && *site) {
		if (same_name(title + last + lastlen, n - last - lastlen, site))
			return put(out, size, title, last);
		if (same_name(title, first, site))
			return put(out, size, title + first + firstlen, n - first - firstlen);
	}
	/* Else the part before the last separator, unless that is too short
	 * to be a headline, in which case the part after the first.  A result
	 * of four words or less is kept only when exactly one part went
	 * after a hierarchical separator ("Section / Headline"). */
	const char *s = title;
	size_t len = last;
	if (count_words(title, last) < 3) {
		s = title + first + firstlen;
		len = n - first - firstlen;
	}
	size_t words = count_words(s, len);
	if (words <= 4 && (!hier || words != count_words(title, n) - nsep - 1))
		return put(out, size, title, n);
	return put(out, size, s, len);
}

/* Bytes of a leading dateline ("23.01.2022 - ", "1. Februar 2022 ") before
 * a headline: digits, date punctuation and at most one month word, ending
 * in a digit, that parse as a date; 0 when there is none or when fewer
 * than three words would be left. */
size_t art_title_dateline(const char *title)
{
	size_t n = strlen(title), words = 0;
	char iso[64];
	int in_word = 0;
	for (size_t e = 1; e < n && e <= 24; e++) {
		unsigned char c = (unsigned char)title[e - 1];
		if (isalpha(c) || c >= 0x80) {
			words += !in_word;
			in_word = 1;
		} else {
			in_word = 0;
			if (!isdigit(c) && !strchr(" ./-,", c))
				return 0;
		}
		if (words > 1)
			return 0;
		if (!isdigit(c) || (title[e] != ' ' && title[e] != ':'))
			continue;
		if (!article_parse_date(title, e, iso, sizeof iso))
			continue;
		size_t k = e;
		while (k < n && (title[k] == ' ' || title[k] == ':'))
			k++;
		size_t sep = sep_at(title + k - 1);
		if (k > e && sep)
			k += sep - 1;
		while (k < n && title[k] == ' ')
			k++;
		return count_words(title + k, n - k) >= 3 ? k : 0;
	}
	return 0;
}

int art_title_part_is(const char *title, const char *part)
{
	size_t n = strlen(title), pn = strlen(part);
	size_t first = n, last = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = sep_at(title + i);
		if (k) {
			if (first == n)
				first = i;
			last = i + k;
			i += k - 1;
		}
	}
	if (first == n || pn == 0)
		return 0;
	if (first == pn && !strncasecmp(title, part, pn))
		return 1;
	return n - last == pn && !strncasecmp(title + last, part, pn) ? 2 : 0;
}

/* Word-set overlap: shared words / words of the longer. */
double art_text_similarity(const char *a, const char *b)
{
	size_t na = 0, nb = 0, shared = 0;
	const char *p = a;
	if (!a || !b)
		return 0;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			p++;
		const char *w = p;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
		size_t wl = p - w;
		if (!wl)
			continue;
		na++;
		/* Look the word up in b (as a whole word, case-insensitively). */
		const char *q = b;
		while (*q) {
			while (*q && !isalnum((unsigned char)*q) && (unsigned char)*q < 0x80)
				q++;
			const char *v = q;
			while (*q && (isalnum((unsigned char)*q) || (unsigned char)*q >= 0x80))
				q++;
			if ((size_t)(q - v) == wl && !strncasecmp(v, w, wl)) {
				shared++;
				break;
			}
		}
	}
	for (p = b; *p;) {
		while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			p++;
		const char *w = p;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
		if (p > w)
			nb++;
	}
	size_t longer = na > nb ? na : nb;
	return longer ? (double)shared / longer : 0;
}

void art_decode_entities(char *s)
{
	char *w = s;
	const char *r = s;
	while (*r) {
		if (*r != '&') {
			*w++ = *r++;
			continue;
		}
		const char *semi = strchr(r, ';');
		uint32_t cp = 0;
		if (semi && semi - r <= 10) {
			if (r[1] == '#') {
				char *end;
				long v = (r[2] == 'x' || r[2] == 'X') ? strtol(r + 3, &end, 16)
				                                      : strtol(r + 2, &end, 10);
				if (end == semi && v > 0 && v <= 0x10ffff &&
				    !(v >= 0xd800 && v < 0xe000))
					cp = (uint32_t)v;
			} else {
				char name[12];
				size_t k = semi - r - 1;
				memcpy(name, r + 1, k);
				name[k] = 0;
				const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
				if (e)
					cp = e->value;
			}
		}
		char enc[4];
		size_t k = cp ? utf8_encode(cp, enc) : 0;
		if (k && (size_t)(semi + 1 - r) >= k) {
			memcpy(w, enc, k);
			w += k;
			r = semi + 1;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
}

/* ----------------------------------------------------------- language */

struct lang_words {
	const char *lang;
	const char *words; /* space-separated, with a space at both ends */
};

static const struct lang_words lang_words[] = {
        {"en", " the and of to is in that it was for with are this have be not "},
        {"de", " der die und das ist nicht mit den von sich des auf ein eine auch "},
        {"fr", " le la les et des est une pour dans que qui pas sur du au avec "},
        {"es", " el los las que del por una con para como pero sus más está "},
        {"it", " il di che è della per non una sono con gli del nel alla anche "},
        {"pt", " o os que não uma com para do da dos das mais por como ao "},
        {"nl", " de het een en van is niet dat op te zijn met voor ook aan "},
        {NULL, NULL},
};

const char *art_guess_lang(const char *text, size_t n)
{
	int counts[8] = {0};
	size_t words = 0, i = 0;
	char w[24];
	while (i < n && words < 2000) {
		while (i < n &&
		       !(isalpha((unsigned char)text[i]) || (unsigned char)text[i] >= 0xc0))
			i++;
		size_t k = 0;
		w[k++] = ' ';
		while (i < n &&
		       (isalpha((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80)) {
			if (k < sizeof w - 2)
				w[k++] = tolower((unsigned char)text[i]);
			i++;
		}
		if (k < 2 || k >= sizeof w - 2)
			continue;
		w[k++] = ' ';
		w[k] = 0;
		words++;
		for (int l = 0; lang_words[l].lang; l++)
			if (strstr(lang_words[l].words, w))
				counts[l]++;
	}
	int best = -1, second = 0;
	for (int l = 0; lang_words[l].lang; l++) {
		if (best < 0 || counts[l] > counts[best]) {
			if (best >= 0)
				second = counts[best];
			best = l;
		} else if (counts[l] > second) {
			second = counts[l];
		}
	}
	/* Sure enough: common words are a good share and clearly ahead. */
	if (best >= 0 && words >= 20 && counts[best] * 10 >= (int)words &&
	    counts[best] >= 2 * second)
		return lang_words[best].lang;
	return NULL;
}
