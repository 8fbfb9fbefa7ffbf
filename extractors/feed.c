/*
 * feed: RSS, Atom, JSON Feed and sitemaps to entries.  See feed.h.
 *
 * XML documents are read whole into a libxml2 tree (the record they come
 * in is already bounded by --max-record), then walked: each format has a
 * small function that fills one `struct entry` per item and hands it
 * to emit().
 */
#include "feed.h"

#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "datetime.h"
#include "feed_text.h"
#include "strbuf.h"
#include "url.h"

#define NS_ATOM10         "http://www.w3.org/2005/Atom"
#define NS_ATOM03         "http://purl.org/atom/ns#"
#define NS_RSS10          "http://purl.org/rss/1.0/"
#define NS_RSS090         "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF            "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC             "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS        "http://purl.org/dc/terms/"
#define NS_CONTENT        "http://purl.org/rss/1.0/modules/content/"
#define NS_ITUNES         "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_MEDIA          "http://search.yahoo.com/mrss/"
#define NS_XML            "http://www.w3.org/XML/1998/namespace"

#define DEFAULT_MAX_FIELD (1u << 20)
#define MIN_ID_CAP        (64u << 10)

enum { F_URL, F_TITLE, F_PUBLISHED, F_UPDATED, F_GUID, F_AUTHOR, F_CATEGORIES, F_SUMMARY, F_N };

/* Items kept in one ';'-list (authors, categories): the rest are cut. */
#define MAX_LIST_ITEMS 256

struct entry {
	struct strbuf f[F_N];
	unsigned list_items[F_N];
	const char *format;
};

struct parser {
	feed_entry_fn fn;
	void *arg;
	struct feed_result *res;
	size_t max_entries, max_field;
	int stop;
	const char *doc_base; /* NUL-terminated, may be "" */
	struct strbuf home;   /* fallback base: the feed's own home link */
	struct strbuf raw;    /* scratch: raw text of a node */
	struct strbuf tmp;    /* scratch: bases, dates */
	struct entry e;
	xmlDocPtr doc;
	const char *format;
	int rss_html_titles;
};

/* ---------------------------------------------------------------- entries */

static void entry_init(struct entry *e, size_t cap)
{
	size_t n = F_N, i;
	struct strbuf *f = e->f;

	for (i = 0; i < n; i++)
		sb_init(&f[i], cap);
	/* a link or id cut short is worse than none: these get more room */
	if (cap < MIN_ID_CAP) {
		sb_init(&f[F_URL], MIN_ID_CAP);
		sb_init(&f[F_GUID], MIN_ID_CAP);
	}
	e->format = "";
}

static void entry_reset(struct entry *e)
{
	size_t n = F_N, i;
	struct strbuf *f = e->f;

	for (i = 0; i < n; i++) {
		sb_reset(&f[i]);
		e->list_items[i] = 0;
	}
}

static void entry_release(struct entry *e)
{
	size_t n = F_N, i;
	struct strbuf *f = e->f;

	for (i = 0; i < n; i++)
		sb_release(&f[i]);
}

static void note_cut(struct parser *p, int cut)
{
	if (cut)
		p->res->cut_fields++;
}

static void emit(struct parser *p)
{
	struct entry *e = &p->e;
	struct feed_entry fe;
	size_t n = F_N, i;
	struct strbuf *f = e->f;

	if (p->stop)
		return;
	for (i = 0; i < n; i++)
		ft_finish(&f[i]);
	/* A feed entry with only an update date was published then at the
	 * latest; a sitemap's lastmod says nothing about publication. */
	if (e->f[F_PUBLISHED].len == 0 && e->f[F_UPDATED].len &&
	    strncmp(e->format, "sitemap", 7) != 0)
		(void)sb_add(&e->f[F_PUBLISHED], e->f[F_UPDATED].buf, e->f[F_UPDATED].len);
	if (p->max_entries && p->res->entries >= p->max_entries) {
		p->res->skipped++;
		return;
	}
	fe.url = e->f[F_URL].buf;
	fe.title = e->f[F_TITLE].buf;
	fe.published = e->f[F_PUBLISHED].buf;
	fe.updated = e->f[F_UPDATED].buf;
	fe.guid = e->f[F_GUID].buf;
	fe.author = e->f[F_AUTHOR].buf;
	fe.categories = e->f[F_CATEGORIES].buf;
	fe.summary = e->f[F_SUMMARY].buf;
	fe.format = e->format;
	p->res->entries++;
	if (p->fn(&fe, p->arg))
		p->stop = 1;
}

/* ---------------------------------------------------------------- XML nodes */

static int is_elem(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE;
}

static const char *ns_of(xmlNodePtr n)
{
	return n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

static int name_is(xmlNodePtr n, const char *name)
{
	return is_elem(n) && strcmp((const char *)n->name, name) == 0;
}

static int ns_is(xmlNodePtr n, const char *uri)
{
	const char *ns = ns_of(n);

	return ns && strcmp(ns, uri) == 0;
}

/* RSS's own elements: no namespace, or one of RSS 0.90/1.0's. */
static int is_rss(xmlNodePtr n, const char *name)
{
	const char *ns;

	if (!name_is(n, name))
		return 0;
	ns = ns_of(n);
	return !ns || strcmp(ns, NS_RSS10) == 0 || strcmp(ns, NS_RSS090) == 0 ||
	       strncmp(ns, "http://backend.userland.com/rss", 31) == 0 ||
	       strcmp(ns, "http://blogs.law.harvard.edu/tech/rss") == 0;
}

static int is_ns(xmlNodePtr n, const char *uri, const char *name)
{
	return name_is(n, name) && ns_is(n, uri);
}

/* Atom's elements; also without a namespace, as careless feeds write them. */
static int is_atom(xmlNodePtr n, const char *name)
{
	return name_is(n, name) && (!ns_of(n) || ns_is(n, NS_ATOM10) || ns_is(n, NS_ATOM03));
}

/* Sitemaps: any namespace (many are written with none or a wrong one). */
static int is_any(xmlNodePtr n, const char *name)
{
	return name_is(n, name);
}

static const char *attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && !a->ns && a->children &&
		    (a->children->type == XML_TEXT_NODE) && !a->children->next)
			return (const char *)a->children->content;
	return NULL;
}

static const char *attr_ns(xmlNodePtr n, const char *name, const char *uri)
{
	xmlAttrPtr a;

	for (a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->ns && a->ns->href &&
		    strcmp((const char *)a->ns->href, uri) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE && !a->children->next)
			return (const char *)a->children->content;
	return NULL;
}

/*
 * Append the character data under n to out: text and CDATA as they are,
 * a space at each block element's edge (inline XHTML in a feed), an
 * entity reference as its HTML meaning if it has one, else nothing
 * (entities are never expanded: see feed.h).
 */
static void gather(struct strbuf *out, xmlNodePtr n, int depth)
{
	xmlNodePtr c;

	if (depth > FEED_MAX_DEPTH)
		return;
	for (c = n->children; c; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content)
				(void)sb_addstr(out, (const char *)c->content);
			break;
		case XML_ENTITY_REF_NODE: {
			uint32_t cp =
			        ft_entity((const char *)c->name, strlen((const char *)c->name));

			if (cp)
				(void)sb_add_utf8(out, cp);
			break;
		}
		case XML_ELEMENT_NODE: {
			int block =
			        ft_is_block((const char *)c->name, strlen((const char *)c->name));

			if (block)
				(void)sb_addch(out, ' ');
			gather(out, c, depth + 1);
			if (block)
				(void)sb_addch(out, ' ');
			break;
		}
		default: break;
		}
	}
}

static const char *raw_text(struct parser *p, xmlNodePtr n)
{
	sb_reset(&p->raw);
	gather(&p->raw, n, 0);
	return p->raw.buf;
}

enum text_kind { TEXT_PLAIN, TEXT_HTML, TEXT_XHTML, TEXT_SKIP };

/* Add node n's text to out as `kind`, after a space if out has text. */
static void add_text(struct parser *p, struct strbuf *out, xmlNodePtr n, enum text_kind kind)
{
	int cut;

	if (kind == TEXT_SKIP)
		return;
	raw_text(p, n);
	if (out->len)
		note_cut(p, ft_add_plain(out, " ", 1));
	if (kind == TEXT_HTML)
		cut = ft_add_html(out, p->raw.buf, p->raw.len);
	else
		cut = ft_add_plain(out, p->raw.buf, p->raw.len);
	note_cut(p, cut);
}

/* Set an empty field from n's text. */
static void set_text(struct parser *p, struct strbuf *out, xmlNodePtr n, enum text_kind kind)
{
	if (out->len == 0)
		add_text(p, out, n, kind);
}

/* Atom text constructs (and Atom 0.3's mode attribute). */
static enum text_kind atom_kind(xmlNodePtr n, int content)
{
	const char *type = attr(n, "type"), *mode = attr(n, "mode");

	if (mode && strcmp(mode, "base64") == 0)
		return TEXT_SKIP;
	if (content && attr(n, "src"))
		return TEXT_SKIP;
	if (!type || strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0)
		return mode && strcmp(mode, "escaped") == 0 ? TEXT_HTML : TEXT_PLAIN;
	if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
		return mode && strcmp(mode, "xml") == 0 ? TEXT_XHTML : TEXT_HTML;
	if (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0)
		return mode && strcmp(mode, "escaped") == 0 ? TEXT_HTML : TEXT_XHTML;
	if (strncmp(type, "text/", 5) == 0)
		return TEXT_PLAIN;
	return content ? TEXT_SKIP : TEXT_PLAIN;
}

/* ---------------------------------------------------------------- bases and links */

static int has_xml_base(xmlNodePtr n)
{
	for (; is_elem(n); n = n->parent)
		if (attr_ns(n, "base", NS_XML))
			return 1;
	return 0;
}

/* The base URL in effect at element n, into out. */
static void base_of(struct parser *p, xmlNodePtr n, struct strbuf *out, int depth)
{
	const char *b;

	if (!is_elem(n) || depth > FEED_MAX_DEPTH) {
		const char *start = p->doc_base[0] ? p->doc_base : p->home.buf;

		sb_reset(out);
		(void)sb_addstr(out, start);
		return;
	}
	base_of(p, n->parent, out, depth + 1);
	b = attr_ns(n, "base", NS_XML);
	if (b) {
		struct strbuf r = STRBUF_INIT;

		if (url_resolve(&r, out->buf, out->len, b, strlen(b)) == 0) {
			sb_reset(out);
			(void)sb_add(out, r.buf, r.len);
		}
		sb_release(&r);
	}
}

/* Set an empty url field from `ref`, resolved at element `at`. */
static void set_url(struct parser *p, struct strbuf *out, xmlNodePtr at, const char *ref, size_t n)
{
	size_t i;

	if (out->len)
		return;
	base_of(p, at, &p->tmp, 0);
	if (url_resolve(out, p->tmp.buf, p->tmp.len, ref, n) < 0)
		note_cut(p, 1);
	/* a link never holds white space after clean-up, but be sure */
	for (i = 0; i < out->len; i++)
		if (out->buf[i] == '\t' || out->buf[i] == '\n' || out->buf[i] == '\r')
			out->buf[i] = ' ';
}

static void set_url_text(struct parser *p, struct strbuf *out, xmlNodePtr n)
{
	raw_text(p, n);
	if (p->raw.len)
		set_url(p, out, n, p->raw.buf, p->raw.len);
}

/* ---------------------------------------------------------------- dates, lists */

static void set_date_str(struct parser *p, struct strbuf *out, const char *s, size_t n)
{
	char iso[DT_ISO_LEN];
	size_t i;

	if (out->len)
		return;
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r');)
		i++;
	if (i == n)
		return;
	if (dt_parse(s, n, iso) == 0) {
		(void)sb_addstr(out, iso);
		return;
	}
	if (p->res->bad_dates++ == 0) {
		struct strbuf b;

		sb_init(&b, sizeof(p->res->bad_date) - 1);
		(void)ft_add_plain(&b, s, n);
		ft_finish(&b);
		memcpy(p->res->bad_date, b.buf, b.len + 1);
		sb_release(&b);
	}
}

static void set_date(struct parser *p, struct strbuf *out, xmlNodePtr n)
{
	if (out->len)
		return;
	raw_text(p, n);
	set_date_str(p, out, p->raw.buf, p->raw.len);
}

/* Add one item to a ';'-list, folded, unique; a ';' inside becomes ','. */
static void add_list_item(struct parser *p, struct strbuf *list, const char *s, size_t n)
{
	struct strbuf item;
	size_t i, start, k = (size_t)(list - p->e.f);

	/* bounded, so that the uniqueness check below stays cheap */
	if (k < F_N && p->e.list_items[k] >= MAX_LIST_ITEMS) {
		note_cut(p, 1);
		return;
	}
	sb_init(&item, p->max_field);
	note_cut(p, ft_add_html(&item, s, n));
	ft_finish(&item);
	for (i = 0; i < item.len; i++)
		if (item.buf[i] == ';')
			item.buf[i] = ',';
	if (item.len == 0)
		goto out;
	/* already there? */
	for (start = 0; start < list->len;) {
		const char *end = memchr(list->buf + start, ';', list->len - start);
		size_t len = end ? (size_t)(end - list->buf) - start : list->len - start;

		if (len == item.len && memcmp(list->buf + start, item.buf, len) == 0)
			goto out;
		start += len + 1;
	}
	if (sb_grow(list, item.len + 1) < 0) {
		note_cut(p, 1);
		goto out;
	}
	if (list->len)
		(void)sb_addch(list, ';');
	(void)sb_add(list, item.buf, item.len);
	if (k < F_N)
		p->e.list_items[k]++;
out:
	sb_release(&item);
}

static void add_list_node(struct parser *p, struct strbuf *list, xmlNodePtr n)
{
	raw_text(p, n);
	add_list_item(p, list, p->raw.buf, p->raw.len);
}

/* "a, b, c" (news:keywords) into the list. */
static void add_list_split(struct parser *p, struct strbuf *list, const char *s, size_t n, char sep)
{
	size_t i = 0;

	while (i < n) {
		const char *end = memchr(s + i, sep, n - i);
		size_t len = end ? (size_t)(end - s) - i : n - i;

		add_list_item(p, list, s + i, len);
		i += len + 1;
	}
}

/* RSS <author>: "mail@example.org (Name)" gives Name. */
static void add_rss_author(struct parser *p, struct strbuf *list, xmlNodePtr n)
{
	const char *s = raw_text(p, n), *open = strchr(s, '('), *close = strrchr(s, ')');

	if (open && close && close > open + 1 && memchr(s, '@', (size_t)(open - s)))
		add_list_item(p, list, open + 1, (size_t)(close - open - 1));
	else
		add_list_item(p, list, p->raw.buf, p->raw.len);
}

/* ---------------------------------------------------------------- Atom */

static int atom_person_name(struct parser *p, struct strbuf *list, xmlNodePtr person)
{
	xmlNodePtr c, email = NULL;

	for (c = person->children; c; c = c->next) {
		if (is_atom(c, "name")) {
			add_list_node(p, list, c);
			return 1;
		}
		if (is_atom(c, "email"))
			email = c;
	}
	if (email) {
		add_list_node(p, list, email);
		return 1;
	}
	return 0;
}

/* Rank an Atom link as the entry's address: lower is better, -1 never. */
static int link_rank(xmlNodePtr l)
{
	const char *rel = attr(l, "rel"), *type = attr(l, "type");
	int html = !type || strcmp(type, "text/html") == 0 ||
	           strcmp(type, "application/xhtml+xml") == 0;

	if (!attr(l, "href"))
		return -1;
	if (!rel || strcmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0)
		return html ? 0 : 1;
	if (strcmp(rel, "self") == 0 || strcmp(rel, "edit") == 0 ||
	    strcmp(rel, "edit-media") == 0 || strcmp(rel, "replies") == 0 ||
	    strcmp(rel, "license") == 0)
		return 4;
	if (strcmp(rel, "enclosure") == 0)
		return 3;
	return 2;
}

/* The best link among n's Atom <link> children into out. */
static void atom_links(struct parser *p, struct strbuf *out, xmlNodePtr n, int allow_self)
{
	xmlNodePtr c, best = NULL;
	int best_rank = 99;

	for (c = n->children; c; c = c->next) {
		int r;

		if (!is_atom(c, "link"))
			continue;
		r = link_rank(c);
		if (r < 0 || (r == 4 && !allow_self))
			continue;
		if (r < best_rank) {
			best = c;
			best_rank = r;
		}
	}
	if (best) {
		const char *href = attr(best, "href");

		set_url(p, out, best, href, strlen(href));
	}
}

static void atom_entry(struct parser *p, xmlNodePtr entry, xmlNodePtr feed_author)
{
	struct entry *e = &p->e;
	xmlNodePtr c, content = NULL;

	entry_reset(e);
	e->format = p->format;
	for (c = entry->children; c; c = c->next) {
		if (!is_elem(c))
			continue;
		if (is_atom(c, "title"))
			set_text(p, &e->f[F_TITLE], c, atom_kind(c, 0));
		else if (is_atom(c, "id"))
			set_text(p, &e->f[F_GUID], c, TEXT_PLAIN);
		else if (is_atom(c, "published") || is_atom(c, "issued") || is_atom(c, "created") ||
		         is_ns(c, NS_DCTERMS, "issued") || is_ns(c, NS_DC, "date"))
			set_date(p, &e->f[F_PUBLISHED], c);
		else if (is_atom(c, "updated") || is_atom(c, "modified") ||
		         is_ns(c, NS_DCTERMS, "modified"))
			set_date(p, &e->f[F_UPDATED], c);
		else if (is_atom(c, "author"))
			atom_person_name(p, &e->f[F_AUTHOR], c);
		else if (is_ns(c, NS_DC, "creator"))
			add_list_node(p, &e->f[F_AUTHOR], c);
		else if (is_atom(c, "category")) {
			const char *term = attr(c, "term");

			if (!term)
				term = attr(c, "label");
			if (term)
				add_list_item(p, &e->f[F_CATEGORIES], term, strlen(term));
			else
				add_list_node(p, &e->f[F_CATEGORIES], c);
		} else if (is_ns(c, NS_DC, "subject"))
			add_list_node(p, &e->f[F_CATEGORIES], c);
		else if (is_atom(c, "summary"))
			set_text(p, &e->f[F_SUMMARY], c, atom_kind(c, 1));
		else if (is_atom(c, "content") && !content)
			content = c;
	}
	atom_links(p, &e->f[F_URL], entry, 0);
	if (!e->f[F_URL].len && url_is_http(e->f[F_GUID].buf, e->f[F_GUID].len))
		set_url(p, &e->f[F_URL], entry, e->f[F_GUID].buf, e->f[F_GUID].len);
	if (!e->f[F_SUMMARY].len && content)
		set_text(p, &e->f[F_SUMMARY], content, atom_kind(content, 1));
	if (!e->f[F_SUMMARY].len) {
		/* Media RSS in Atom (YouTube): media:group/media:description */
		for (c = entry->children; c && !e->f[F_SUMMARY].len; c = c->next)
			if (is_ns(c, NS_MEDIA, "group")) {
				xmlNodePtr d;

				for (d = c->children; d; d = d->next)
					if (is_ns(d, NS_MEDIA, "description"))
						set_text(p, &e->f[F_SUMMARY], d, TEXT_PLAIN);
			}
	}
	if (!e->f[F_AUTHOR].len && feed_author)
		/* an entry without author inherits the feed's (RFC 4287 4.2.1) */
		atom_person_name(p, &e->f[F_AUTHOR], feed_author);
	emit(p);
}

static void parse_atom(struct parser *p, xmlNodePtr root)
{
	xmlNodePtr c, author = NULL;

	p->format = ns_is(root, NS_ATOM03) ? "atom0.3" : "atom1.0";
	if (name_is(root, "entry")) {
		atom_entry(p, root, NULL);
		return;
	}
	if (!p->doc_base[0] && !has_xml_base(root))
		atom_links(p, &p->home, root, 0);
	for (c = root->children; c && !author; c = c->next)
		if (is_atom(c, "author"))
			author = c;
	for (c = root->children; c && !p->stop; c = c->next)
		if (is_atom(c, "entry"))
			atom_entry(p, c, author);
}

/* ---------------------------------------------------------------- RSS */

static void rss_item(struct parser *p, xmlNodePtr item)
{
	struct entry *e = &p->e;
	xmlNodePtr c, content = NULL, itunes_summary = NULL, media_desc = NULL, guid = NULL;
	xmlNodePtr enclosure = NULL, rss_author = NULL, alt_title = NULL;
	const char *about;

	entry_reset(e);
	e->format = p->format;
	for (c = item->children; c; c = c->next) {
		if (!is_elem(c))
			continue;
		if (is_rss(c, "title") || is_ns(c, NS_DC, "title"))
			set_text(p, &e->f[F_TITLE], c, TEXT_HTML);
		else if (is_ns(c, NS_MEDIA, "title") || is_ns(c, NS_ITUNES, "title")) {
			if (!alt_title)
				alt_title = c;
		} else if (is_rss(c, "link"))
			set_url_text(p, &e->f[F_URL], c);
		else if (is_rss(c, "guid")) {
			if (!guid)
				guid = c;
		} else if (is_rss(c, "pubDate") || is_ns(c, NS_DC, "date") ||
		           is_ns(c, NS_DCTERMS, "issued") || is_ns(c, NS_DCTERMS, "created") ||
		           is_atom(c, "published"))
			set_date(p, &e->f[F_PUBLISHED], c);
		else if (is_atom(c, "updated") || is_ns(c, NS_DCTERMS, "modified"))
			set_date(p, &e->f[F_UPDATED], c);
		else if (is_rss(c, "description") || is_ns(c, NS_DC, "description"))
			set_text(p, &e->f[F_SUMMARY], c, TEXT_HTML);
		else if (is_ns(c, NS_CONTENT, "encoded")) {
			if (!content)
				content = c;
		} else if (is_ns(c, NS_ITUNES, "summary")) {
			if (!itunes_summary)
				itunes_summary = c;
		} else if (is_ns(c, NS_MEDIA, "description")) {
			if (!media_desc)
				media_desc = c;
		} else if (is_ns(c, NS_DC, "creator"))
			add_list_node(p, &e->f[F_AUTHOR], c);
		else if (is_rss(c, "author") || is_ns(c, NS_ITUNES, "author")) {
			if (!rss_author)
				rss_author = c;
		} else if (is_atom(c, "author")) {
			if (!rss_author)
				rss_author = c;
		} else if (is_rss(c, "category") || is_ns(c, NS_DC, "subject"))
			add_list_node(p, &e->f[F_CATEGORIES], c);
		else if (is_rss(c, "enclosure")) {
			if (!enclosure)
				enclosure = c;
		}
	}
	if (!e->f[F_TITLE].len && alt_title)
		set_text(p, &e->f[F_TITLE], alt_title, TEXT_HTML);
	if (guid)
		set_text(p, &e->f[F_GUID], guid, TEXT_PLAIN);
	about = attr_ns(item, "about", NS_RDF);
	if (!e->f[F_GUID].len && about)
		(void)ft_add_plain(&e->f[F_GUID], about, strlen(about));
	if (!e->f[F_URL].len)
		atom_links(p, &e->f[F_URL], item, 0);
	if (!e->f[F_URL].len && guid) {
		const char *perma = attr(guid, "isPermaLink");

		if ((!perma || strcmp(perma, "false") != 0) &&
		    url_has_scheme(e->f[F_GUID].buf, e->f[F_GUID].len))
			set_url(p, &e->f[F_URL], guid, e->f[F_GUID].buf, e->f[F_GUID].len);
	}
	if (!e->f[F_URL].len && about && url_is_http(about, strlen(about)))
		set_url(p, &e->f[F_URL], item, about, strlen(about));
	if (!e->f[F_URL].len && enclosure && attr(enclosure, "url")) {
		const char *u = attr(enclosure, "url");

		set_url(p, &e->f[F_URL], enclosure, u, strlen(u));
	}
	if (!e->f[F_SUMMARY].len && content)
		set_text(p, &e->f[F_SUMMARY], content, TEXT_HTML);
	if (!e->f[F_SUMMARY].len && itunes_summary)
		set_text(p, &e->f[F_SUMMARY], itunes_summary, TEXT_HTML);
	if (!e->f[F_SUMMARY].len && media_desc)
		set_text(p, &e->f[F_SUMMARY], media_desc, TEXT_HTML);
	if (!e->f[F_AUTHOR].len && rss_author) {
		if (!is_rss(rss_author, "author") && is_atom(rss_author, "author"))
			atom_person_name(p, &e->f[F_AUTHOR], rss_author);
		else
			add_rss_author(p, &e->f[F_AUTHOR], rss_author);
	}
	emit(p);
}

static void rss_home(struct parser *p, xmlNodePtr channel)
{
	xmlNodePtr c;

	if (p->doc_base[0] || p->home.len)
		return;
	for (c = channel->children; c; c = c->next)
		if (is_rss(c, "link")) {
			raw_text(p, c);
			if (url_has_scheme(p->raw.buf, p->raw.len))
				(void)url_resolve(&p->home, "", 0, p->raw.buf, p->raw.len);
			return;
		}
}

static void rss_items(struct parser *p, xmlNodePtr parent, int depth)
{
	xmlNodePtr c;

	for (c = parent->children; c && !p->stop; c = c->next) {
		if (is_rss(c, "item"))
			rss_item(p, c);
		else if (is_rss(c, "channel") && depth == 0) {
			rss_home(p, c);
			rss_items(p, c, depth + 1);
		}
	}
}

static void parse_rss(struct parser *p, xmlNodePtr root)
{
	const char *v = attr(root, "version");
	xmlNodePtr c;

	if (name_is(root, "RDF")) {
		p->format = "rss1.0";
		for (c = root->children; c; c = c->next)
			if (is_elem(c) && ns_is(c, NS_RSS090))
				p->format = "rss0.90";
	} else if (v &&
	           (strcmp(v, "0.91") == 0 || strcmp(v, "0.92") == 0 || strcmp(v, "0.93") == 0 ||
	            strcmp(v, "0.94") == 0 || strcmp(v, "0.90") == 0)) {
		static const char *const names[] = {"rss0.90", "rss0.91", "rss0.92", "rss0.93",
		                                    "rss0.94"};

		p->format = names[v[3] - '0'];
	} else {
		p->format = "rss2.0";
	}
	if (!has_xml_base(root))
		for (c = root->children; c; c = c->next)
			if (is_rss(c, "channel"))
				rss_home(p, c);
	rss_items(p, root, 0);
}

/* ---------------------------------------------------------------- sitemaps */

static void sitemap_news(struct parser *p, xmlNodePtr news)
{
	struct entry *e = &p->e;
	xmlNodePtr c;

	for (c = news->children; c; c = c->next) {
		if (is_any(c, "publication_date"))
			set_date(p, &e->f[F_PUBLISHED], c);
		else if (is_any(c, "title"))
			set_text(p, &e->f[F_TITLE], c, TEXT_HTML);
		else if (is_any(c, "keywords")) {
			raw_text(p, c);
			add_list_split(p, &e->f[F_CATEGORIES], p->raw.buf, p->raw.len, ',');
		}
	}
}

static void parse_sitemap(struct parser *p, xmlNodePtr root, int index)
{
	const char *item = index ? "sitemap" : "url";
	xmlNodePtr c, d;

	for (c = root->children; c && !p->stop; c = c->next) {
		struct entry *e = &p->e;

		if (!is_any(c, item))
			continue;
		entry_reset(e);
		e->format = index ? "sitemapindex" : "sitemap";
		for (d = c->children; d; d = d->next) {
			if (is_any(d, "loc"))
				set_url_text(p, &e->f[F_URL], d);
			else if (is_any(d, "lastmod"))
				set_date(p, &e->f[F_UPDATED], d);
			else if (!index && is_any(d, "news")) {
				e->format = "sitemap-news";
				sitemap_news(p, d);
			}
		}
		if (e->f[F_URL].len)
			emit(p);
	}
}

/* ---------------------------------------------------------------- XML driver */

static void on_xml_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parser *p = ctxt ? ctxt->_private : NULL;
	size_t n, i;

	if (!p || !err || err->level == XML_ERR_WARNING || p->res->message[0])
		return;
	p->res->line = err->line > 0 ? (unsigned long)err->line : 0;
	snprintf(p->res->message, sizeof(p->res->message), "%s", err->message ? err->message : "?");
	n = strlen(p->res->message);
	while (n > 0 && (p->res->message[n - 1] == '\n' || p->res->message[n - 1] == ' '))
		p->res->message[--n] = '\0';
	/* one line on stderr: some of libxml2's messages span two */
	for (i = 0; i < n; i++)
		if (p->res->message[i] == '\n' || p->res->message[i] == '\r' ||
		    p->res->message[i] == '\t')
			p->res->message[i] = ' ';
}

static void fail(struct parser *p, const char *msg)
{
	p->res->status = FEED_FAILED;
	if (!p->res->message[0])
		snprintf(p->res->message, sizeof(p->res->message), "%s", msg);
}

static void parse_xml(struct parser *p, const char *buf, size_t len)
{
	struct strbuf fixed = STRBUF_INIT;
	xmlParserCtxtPtr ctxt;
	xmlNodePtr root;
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
	           XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

	if (len > INT32_MAX) {
		fail(p, "document too large");
		return;
	}
	/* Bare '&' and undeclared HTML entities (feed_text.h). */
	if (ft_fix_xml_refs(&fixed, buf, len) > 0) {
		buf = fixed.buf;
		len = fixed.len;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		fail(p, "out of memory");
		sb_release(&fixed);
		return;
	}
	ctxt->_private = p;
	ctxt->sax->serror = on_xml_error;
	p->doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8", opts);
	if (p->doc && !ctxt->wellFormed)
		p->res->status = FEED_RECOVERED;
	xmlFreeParserCtxt(ctxt);
	sb_release(&fixed);
	root = p->doc ? xmlDocGetRootElement(p->doc) : NULL;
	if (!root) {
		fail(p, "not XML");
		return;
	}
	if (name_is(root, "rss") || (name_is(root, "RDF") && ns_is(root, NS_RDF)))
		parse_rss(p, root);
	else if (is_atom(root, "feed") || is_atom(root, "entry"))
		parse_atom(p, root);
	else if (name_is(root, "urlset"))
		parse_sitemap(p, root, 0);
	else if (name_is(root, "sitemapindex"))
		parse_sitemap(p, root, 1);
	else if (name_is(root, "channel")) {
		/* a bare <channel>: RSS without its envelope */
		p->format = "rss2.0";
		rss_items(p, root, 1);
	} else {
		char msg[128];

		snprintf(msg, sizeof(msg), "not a feed: root element <%.60s>",
		         (const char *)root->name);
		p->res->message[0] = '\0';
		p->res->line = (unsigned long)xmlGetLineNo(root);
		fail(p, msg);
	}
}

/* ---------------------------------------------------------------- JSON Feed */

static const char *jstr(json_t *obj, const char *key, size_t *n)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v)) {
		*n = 0;
		return NULL;
	}
	*n = json_string_length(v);
	return json_string_value(v);
}

static void json_author(struct parser *p, struct strbuf *list, json_t *a)
{
	size_t n;
	const char *name = jstr(a, "name", &n);

	if (name)
		add_list_item(p, list, name, n);
}

static void json_item(struct parser *p, json_t *item)
{
	struct entry *e = &p->e;
	json_t *v, *a;
	const char *s;
	size_t n, i;

	entry_reset(e);
	e->format = p->format;
	if ((s = jstr(item, "url", &n)) || (s = jstr(item, "external_url", &n))) {
		const char *base = p->doc_base[0] ? p->doc_base : p->home.buf;

		if (url_resolve(&e->f[F_URL], base, strlen(base), s, n) < 0)
			note_cut(p, 1);
	}
	if ((s = jstr(item, "title", &n)))
		note_cut(p, ft_add_html(&e->f[F_TITLE], s, n));
	if ((s = jstr(item, "date_published", &n)))
		set_date_str(p, &e->f[F_PUBLISHED], s, n);
	if ((s = jstr(item, "date_modified", &n)))
		set_date_str(p, &e->f[F_UPDATED], s, n);
	v = json_object_get(item, "id");
	if (json_is_string(v))
		note_cut(p,
		         ft_add_plain(&e->f[F_GUID], json_string_value(v), json_string_length(v)));
	else if (json_is_integer(v))
		(void)sb_addf(&e->f[F_GUID], "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	v = json_object_get(item, "authors");
	json_array_foreach(v, i, a) if (json_is_object(a)) json_author(p, &e->f[F_AUTHOR], a);
	if (!e->f[F_AUTHOR].len && json_is_object(json_object_get(item, "author")))
		json_author(p, &e->f[F_AUTHOR], json_object_get(item, "author"));
	v = json_object_get(item, "tags");
	json_array_foreach(v, i, a) if (json_is_string(a))
	        add_list_item(p, &e->f[F_CATEGORIES], json_string_value(a), json_string_length(a));
	if ((s = jstr(item, "summary", &n)))
		note_cut(p, ft_add_html(&e->f[F_SUMMARY], s, n));
	else if ((s = jstr(item, "content_text", &n)))
		note_cut(p, ft_add_plain(&e->f[F_SUMMARY], s, n));
	else if ((s = jstr(item, "content_html", &n)))
		note_cut(p, ft_add_html(&e->f[F_SUMMARY], s, n));
	emit(p);
}

static void parse_json(struct parser *p, const char *buf, size_t len)
{
	json_error_t err;
	json_t *root, *items, *item;
	const char *version, *home;
	size_t i, n;

	root = json_loadb(buf, len, 0, &err);
	if (!root) {
		p->res->line = err.line > 0 ? (unsigned long)err.line : 0;
		fail(p, err.text);
		return;
	}
	items = json_object_get(root, "items");
	if (!json_is_object(root) || !json_is_array(items)) {
		fail(p, "not a feed: JSON without an \"items\" array");
		json_decref(root);
		return;
	}
	version = jstr(root, "version", &n);
	p->format = version && n >= 3 && strcmp(version + n - 3, "1.1") == 0 ? "jsonfeed1.1"
	                                                                     : "jsonfeed1.0";
	if (!p->doc_base[0] && (home = jstr(root, "home_page_url", &n)) && url_has_scheme(home, n))
		(void)url_resolve(&p->home, "", 0, home, n);
	json_array_foreach(items, i, item)
	{
		if (p->stop)
			break;
		if (json_is_object(item))
			json_item(p, item);
	}
	json_decref(root);
}

/* ---------------------------------------------------------------- entry point */

enum feed_status feed_parse(const char *buf, size_t len, const char *base,
                            const struct feed_limits *lim, feed_entry_fn fn, void *arg,
                            struct feed_result *res)
{
	struct parser p;

	memset(res, 0, sizeof(*res));
	res->format = "";
	memset(&p, 0, sizeof(p));
	p.fn = fn;
	p.arg = arg;
	p.res = res;
	p.max_entries = lim ? lim->max_entries : 0;
	p.max_field = lim && lim->max_field ? lim->max_field : DEFAULT_MAX_FIELD;
	p.doc_base = base ? base : "";
	p.format = "";
	sb_init(&p.home, 8192);
	sb_init(&p.raw, p.max_field * 4 + 64);
	sb_init(&p.tmp, 8192);
	entry_init(&p.e, p.max_field);

	/* A BOM or white space before the document is a common slip. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		buf += 3, len -= 3;
	while (len > 0 && (*buf == ' ' || *buf == '\t' || *buf == '\n' || *buf == '\r'))
		buf++, len--;
	if (len == 0)
		fail(&p, "empty document");
	else if (*buf == '{')
		parse_json(&p, buf, len);
	else
		parse_xml(&p, buf, len);
	res->format = p.format;
	if (p.doc)
		xmlFreeDoc(p.doc);
	entry_release(&p.e);
	sb_release(&p.home);
	sb_release(&p.raw);
	sb_release(&p.tmp);
	return res->status;
}
