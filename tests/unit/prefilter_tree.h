/*
 * prefilter_tree.h: the check that art_prefilter keeps its promise, shared
 * by tests/unit/test_prefilter.c and tests/fuzz/fuzz_prefilter.c.
 *
 * prefilter_differs(html, len, why, size) parses the page and its
 * prefiltered copy as article_extract does and compares the two trees
 * node by node: same node types, element names, text and comments; the
 * same attributes among those the prefilter keeps; and the same children, except that <style> and a <script> that
 * is not JSON-LD may have lost their text.  Returns 0 when they agree,
 * else 1 with the first difference described in `why`.
 *
 * Header-only (static functions): each test program includes it once.
 */
#ifndef NEWSPIPE_PREFILTER_TREE_H
#define NEWSPIPE_PREFILTER_TREE_H

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_int.h"

static int pt_differ(char *why, size_t size, const xmlNode *n, const char *what)
{
	snprintf(why, size, "%s at <%s> (line %d)", what, n && n->name ? (const char *)n->name : "",
	         n ? n->line : 0);
	return 1;
}

static xmlAttr *pt_next_kept(xmlAttr *a)
{
	while (a && !art_attr_kept((const char *)a->name, strlen((const char *)a->name)))
		a = a->next;
	return a;
}

static int pt_same_value(xmlDoc *da, xmlAttr *a, xmlDoc *db, xmlAttr *b)
{
	xmlChar *va = xmlNodeListGetString(da, a->children, 1);
	xmlChar *vb = xmlNodeListGetString(db, b->children, 1);
	int same = xmlStrEqual(va, vb);
	xmlFree(va);
	xmlFree(vb);
	return same;
}

static int pt_attrs_differ(xmlDoc *da, const xmlNode *a, xmlDoc *db, const xmlNode *b, char *why,
                           size_t size)
{
	/* Where the prefilter copied markup unchanged, the copy still has
	 * the attributes it would otherwise drop. */
	xmlAttr *x = pt_next_kept(a->properties), *y = pt_next_kept(b->properties);
	for (; x && y; x = pt_next_kept(x->next), y = pt_next_kept(y->next))
		if (!xmlStrEqual(x->name, y->name) || !pt_same_value(da, x, db, y))
			return pt_differ(why, size, a, "attribute differs");
	if (x || y)
		return pt_differ(why, size, a, x ? "attribute lost" : "attribute gained");
	return 0;
}

/* <style>, and <script> unless JSON-LD: their text may go. */
static int pt_text_may_go(const xmlNode *n)
{
	if (xmlStrEqual(n->name, BAD_CAST "style"))
		return 1;
	if (!xmlStrEqual(n->name, BAD_CAST "script"))
		return 0;
	xmlChar *type = xmlGetProp(n, BAD_CAST "type");
	int json = type && strstr((const char *)type, "ld+json");
	xmlFree(type);
	return !json;
}

static int pt_lists_differ(xmlDoc *da, const xmlNode *a, xmlDoc *db, const xmlNode *b, char *why,
                           size_t size);

static int pt_nodes_differ(xmlDoc *da, const xmlNode *a, xmlDoc *db, const xmlNode *b, char *why,
                           size_t size)
{
	if (a->type != b->type)
		return pt_differ(why, size, a, "node type differs");
	if (a->type == XML_ELEMENT_NODE) {
		if (!xmlStrEqual(a->name, b->name))
			return pt_differ(why, size, a, "element name differs");
		if (pt_attrs_differ(da, a, db, b, why, size))
			return 1;
		if (!b->children && pt_text_may_go(a))
			return 0;
		return pt_lists_differ(da, a->children, db, b->children, why, size);
	}
	if (a->type == XML_TEXT_NODE || a->type == XML_COMMENT_NODE ||
	    a->type == XML_CDATA_SECTION_NODE || a->type == XML_PI_NODE)
		if (!xmlStrEqual(a->content, b->content))
			return pt_differ(why, size, a->parent, "text differs");
	return 0;
}

static int pt_lists_differ(xmlDoc *da, const xmlNode *a, xmlDoc *db, const xmlNode *b, char *why,
                           size_t size)
{
	for (; a && b; a = a->next, b = b->next)
		if (pt_nodes_differ(da, a, db, b, why, size))
			return 1;
	if (a || b)
		return pt_differ(why, size, a ? a->parent : b->parent,
		                 a ? "children lost" : "children gained");
	return 0;
}

static xmlDoc *pt_parse(const char *html, size_t len)
{
	return htmlReadMemory(len ? html : " ", len ? (int)len : 1, NULL, "UTF-8",
	                      ART_PARSE_OPTIONS);
}

static int prefilter_differs(const char *html, size_t len, char *why, size_t size)
{
	char *copy = malloc(len + 1);
	if (!copy)
		return pt_differ(why, size, NULL, "out of memory");
	size_t n = art_prefilter(copy, html, len);
	if (n > len) {
		free(copy);
		return pt_differ(why, size, NULL, "copy longer than the page");
	}
	xmlDoc *da = pt_parse(html, len), *db = pt_parse(copy, n);
	int differs;
	if (!da || !db)
		differs = da != db ? pt_differ(why, size, NULL, "one of the two did not parse") : 0;
	else
		differs = pt_lists_differ(da, da->children, db, db->children, why, size);
	xmlFreeDoc(da);
	xmlFreeDoc(db);
	free(copy);
	return differs;
}

#endif
