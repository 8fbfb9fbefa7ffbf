/*
 * gazetteer: hashed token trie and entity table (gazetteer.h).
 */
#include "gazetteer.h"

#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "utf8.h"

/* ------------------------------------------------------------ token trie */

#define TT_INITIAL_EDGES 64

static inline uint64_t edge_key(uint64_t h, uint32_t parent)
{
	/* token hashes are well mixed (tn_hash); the parent is spread over
	 * the word by the golden-ratio multiply */
	return h ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ull);
}

static inline uint64_t nonzero(uint64_t h)
{
	return h ? h : 1;
}

void tt_init(struct gz_trie *tt)
{
	memset(tt, 0, sizeof(*tt));
	tt->edge_mask = TT_INITIAL_EDGES - 1;
	tt->edges = xcalloc(TT_INITIAL_EDGES, sizeof(*tt->edges));
	tt->arena = (struct strbuf)STRBUF_INIT;
	tn_init(&tt->own_tn);
	tt->scratch = &tt->own_tn;
	tt->first_mask = TT_INITIAL_EDGES * 2 - 1;
	tt->first_bits = xcalloc((tt->first_mask + 1) / 8, 1);
	tt->nodes_alloc = 256;
	tt->node_val = xmalloc(tt->nodes_alloc * sizeof(*tt->node_val));
	tt->node_val[0] = GZ_NONE; /* the root */
	tt->n_nodes = 1;
}

void tt_release(struct gz_trie *tt)
{
	free(tt->edges);
	free(tt->node_val);
	free(tt->vals);
	sb_release(&tt->arena);
	tn_release(&tt->own_tn);
	free(tt->first_bits);
	memset(tt, 0, sizeof(*tt));
}

static void tt_rehash(struct gz_trie *tt, size_t size)
{
	struct tt_edge *e = xcalloc(size, sizeof(*e));
	/* the first-token filter grows with the table: two bits a slot */
	uint8_t *bits = xcalloc(size * 2 / 8, 1);
	size_t bmask = size * 2 - 1;
	/* Only the old table is read: reading the new one would map its
	 * zero pages just to fault them again on the first write. */
	for (size_t i = 0; i <= tt->edge_mask; i++) {
		struct tt_edge *o = &tt->edges[i];
		if (!o->hash)
			continue;
		size_t s = edge_key(o->hash, o->parent) & (size - 1);
		while (e[s].hash)
			s = (s + 1) & (size - 1);
		e[s] = *o;
		if (o->parent == 0) {
			uint64_t b = o->hash & bmask;
			bits[b >> 3] |= (uint8_t)(1u << (b & 7));
		}
	}
	free(tt->edges);
	tt->edges = e;
	tt->edge_mask = size - 1;
	free(tt->first_bits);
	tt->first_bits = bits;
	tt->first_mask = bmask;
}

void tt_share(struct gz_trie *tt, struct gz_trie *other)
{
	tt->scratch = other->scratch;
}

void tt_reserve(struct gz_trie *tt, size_t n_edges)
{
	size_t size = tt->edge_mask + 1;
	while (n_edges * 5 > size * 3)
		size *= 2;
	if (size > tt->edge_mask + 1)
		tt_rehash(tt, size);
	/* one node per edge, about one value per two (realloc by doubling
	 * would copy, and fault in, each array several times) */
	if (tt->nodes_alloc < n_edges + 1) {
		tt->nodes_alloc = n_edges + 1;
		tt->node_val = xrealloc(tt->node_val, tt->nodes_alloc * sizeof(*tt->node_val));
	}
	if (tt->vals_alloc < n_edges * 5 / 8) {
		tt->vals_alloc = n_edges * 5 / 8;
		tt->vals = xrealloc(tt->vals, tt->vals_alloc * sizeof(*tt->vals));
	}
}

static inline uint32_t tt_child(const struct gz_trie *tt, uint32_t parent, uint64_t hash)
{
	uint64_t h = nonzero(hash);
	size_t s = edge_key(h, parent) & tt->edge_mask;
	for (;;) {
		const struct tt_edge *e = &tt->edges[s];
		if (!e->hash)
			return GZ_NONE;
		if (e->hash == h && e->parent == parent)
			return e->child;
		s = (s + 1) & tt->edge_mask;
	}
}

static uint32_t tt_add_edge(struct gz_trie *tt, uint32_t parent, uint64_t hash)
{
	uint32_t c = tt_child(tt, parent, hash);
	if (c != GZ_NONE)
		return c;
	if ((tt->n_edges + 1) * 5 > (tt->edge_mask + 1) * 3) /* load <= 0.6 */
		tt_rehash(tt, (tt->edge_mask + 1) * 2);
	if (tt->n_nodes == tt->nodes_alloc) {
		tt->nodes_alloc *= 2;
		tt->node_val = xrealloc(tt->node_val, tt->nodes_alloc * sizeof(*tt->node_val));
	}
	c = (uint32_t)tt->n_nodes++;
	tt->node_val[c] = GZ_NONE;
	uint64_t h = nonzero(hash);
	size_t s = edge_key(h, parent) & tt->edge_mask;
	while (tt->edges[s].hash)
		s = (s + 1) & tt->edge_mask;
	tt->edges[s].hash = h;
	tt->edges[s].parent = parent;
	tt->edges[s].child = c;
	tt->n_edges++;
	if (parent == 0) {
		uint64_t b = hash & tt->first_mask;
		tt->first_bits[b >> 3] |= (uint8_t)(1u << (b & 7));
	}
	return c;
}

/* Keys of up to this many tokens take the ASCII path (tn_key_ascii). */
#define TT_KEY_MAX 32

/* Append value `payload` to `node` unless the same payload with the same
 * case rule is there; a case-sensitive value keeps its exact forms,
 * written to the arena by the caller from exact_off on. */
static int tt_has_value(const struct gz_trie *tt, uint32_t node, uint32_t payload,
                        int case_sensitive)
{
	/* Case-sensitive twins may differ in case: only an insensitive
	 * duplicate is dropped. */
	if (case_sensitive)
		return 0;
	for (uint32_t v = tt->node_val[node]; v != GZ_NONE; v = tt->vals[v].next)
		if (tt->vals[v].payload == payload && tt->vals[v].exact_off == GZ_NONE)
			return 1;
	return 0;
}

static struct tt_val *tt_new_value(struct gz_trie *tt, uint32_t payload, uint16_t nword)
{
	if (tt->n_vals == tt->vals_alloc) {
		tt->vals_alloc = tt->vals_alloc ? tt->vals_alloc * 2 : 256;
		tt->vals = xrealloc(tt->vals, tt->vals_alloc * sizeof(*tt->vals));
	}
	struct tt_val *v = &tt->vals[tt->n_vals];
	v->payload = payload;
	v->nword = nword;
	v->exact_off = GZ_NONE;
	v->next = GZ_NONE;
	return v;
}

/* Link the value made last by tt_new_value at the end of the node's
 * list: first added, first listed. */
static void tt_link_value(struct gz_trie *tt, uint32_t node)
{
	uint32_t *link = &tt->node_val[node];
	while (*link != GZ_NONE)
		link = &tt->vals[*link].next;
	*link = (uint32_t)tt->n_vals++;
}

/* One exact form in the arena: two bytes of length, then the bytes. */
static void arena_add_exact(struct gz_trie *tt, const char *e, size_t el)
{
	if (el > 0xffff)
		el = 0xffff;
	unsigned char l2[2] = {(unsigned char)(el >> 8), (unsigned char)el};
	sb_add(&tt->arena, l2, 2);
	sb_add(&tt->arena, e, el);
}

/* The fast path of tt_add: a pure-ASCII key, tokenised without utf8proc
 * or a tn_text (almost every alias of the gazetteer). */
static int tt_add_ascii(struct gz_trie *tt, const char *text, const struct tn_key *key, int n,
                        int case_sensitive, uint32_t payload)
{
	uint32_t node = 0;
	uint16_t nword = 0;
	for (int i = 0; i < n; i++) {
		node = tt_add_edge(tt, node, key[i].hash);
		nword += key[i].kind == TN_WORD;
	}
	if (tt_has_value(tt, node, payload, case_sensitive))
		return 0;
	struct tt_val *v = tt_new_value(tt, payload, nword);
	if (case_sensitive) {
		v->exact_off = (uint32_t)tt->arena.len;
		for (int i = 0; i < n; i++)
			if (key[i].kind == TN_WORD)
				arena_add_exact(tt, text + key[i].start, key[i].len);
	}
	tt_link_value(tt, node);
	return 0;
}

int tt_add(struct gz_trie *tt, const char *text, size_t len, int case_sensitive, uint32_t payload)
{
	struct tn_key key[TT_KEY_MAX];
	int nk = tn_key_ascii(text, len, key, TT_KEY_MAX);
	if (nk == 0)
		return -1;
	if (nk > 0)
		return tt_add_ascii(tt, text, key, nk, case_sensitive, payload);
	struct tn_text *t = tt->scratch;
	if (tn_tokenize(t, text, len) < 0 || t->n == 0)
		return -1;
	uint32_t node = 0;
	uint16_t nword = 0;
	for (size_t i = 0; i < t->n; i++) {
		node = tt_add_edge(tt, node, t->tok[i].hash);
		nword += t->tok[i].kind == TN_WORD;
	}
	if (tt_has_value(tt, node, payload, case_sensitive))
		return 0;
	struct tt_val *v = tt_new_value(tt, payload, nword);
	if (case_sensitive) {
		struct strbuf tmp = STRBUF_INIT;
		v->exact_off = (uint32_t)tt->arena.len;
		for (size_t i = 0; i < t->n; i++) {
			const struct tn_token *k = &t->tok[i];
			if (k->kind != TN_WORD)
				continue;
			size_t el;
			const char *e = tn_exact(t, k, &tmp, &el);
			arena_add_exact(tt, e, el);
		}
		sb_release(&tmp);
	}
	tt_link_value(tt, node);
	return 0;
}

/* Do the word tokens [i, j) equal the exact forms stored at `off`? */
static int exact_equal(const struct gz_trie *tt, uint32_t off, const struct tn_text *t, size_t i,
                       size_t j, struct strbuf *scratch)
{
	const unsigned char *p = (const unsigned char *)tt->arena.buf + off;
	for (; i < j; i++) {
		const struct tn_token *k = &t->tok[i];
		if (k->kind != TN_WORD)
			continue;
		size_t el = ((size_t)p[0] << 8) | p[1];
		size_t tl;
		const char *te = tn_exact(t, k, scratch, &tl);
		if (tl != el || memcmp(te, p + 2, el) != 0)
			return 0;
		p += 2 + el;
	}
	return 1;
}

int tt_longest(const struct gz_trie *tt, const struct tn_text *t, size_t i, size_t limit,
               struct tt_match *m, struct strbuf *scratch)
{
	const struct tn_token *k = &t->tok[i];
	uint64_t b = k->hash & tt->first_mask;
	if (!(tt->first_bits[b >> 3] & (1u << (b & 7))))
		return 0;
	uint32_t node = 0;
	int found = 0;
	for (size_t j = i; j < limit; j++) {
		k = &t->tok[j];
		if (j > i && (k->flags & TN_NEWLINE))
			break;
		node = tt_child(tt, node, k->hash);
		if (node == GZ_NONE)
			break;
		uint32_t v = tt->node_val[node];
		if (v == GZ_NONE)
			continue;
		size_t n = 0;
		for (; v != GZ_NONE && n < TT_MAX_HITS; v = tt->vals[v].next) {
			const struct tt_val *val = &tt->vals[v];
			if (val->exact_off != GZ_NONE &&
			    !exact_equal(tt, val->exact_off, t, i, j + 1, scratch))
				continue;
			int dup = 0;
			for (size_t q = 0; q < n; q++)
				dup |= m->payload[q] == val->payload;
			if (dup)
				continue;
			m->payload[n] = val->payload;
			m->case_sensitive[n] = val->exact_off != GZ_NONE;
			n++;
		}
		if (n) {
			m->tok_start = i;
			m->tok_end = j + 1;
			m->n = n;
			found = 1;
		}
	}
	return found;
}

int tt_lookup(const struct gz_trie *tt, const char *s, size_t n, uint32_t *payload)
{
	struct tn_text t;
	struct tt_match m;
	struct strbuf scratch = STRBUF_INIT;
	int ok = 0;
	tn_init(&t);
	if (tn_tokenize(&t, s, n) == 0 && t.n && tt_longest(tt, &t, 0, t.n, &m, &scratch) &&
	    m.tok_end == t.n) {
		ok = 1;
		if (payload)
			*payload = m.payload[0];
	}
	tn_release(&t);
	sb_release(&scratch);
	return ok;
}

/* ------------------------------------------------------------ gazetteer */

/* Entity strings live in chunks that never move and are freed at once:
 * thousands of small strdup/free pairs made start-up and exit slow. */
struct gz_chunk {
	struct gz_chunk *next;
	size_t used, size;
	char data[];
};

#define GZ_CHUNK 65536

static char *gz_strdup(struct gazetteer *gz, const char *s)
{
	size_t n = strlen(s) + 1;
	if (n == 1)
		return (char *)"";
	struct gz_chunk *c = gz->chunks;
	if (!c || c->size - c->used < n) {
		size_t size = n > GZ_CHUNK ? n : GZ_CHUNK;
		c = xmalloc(sizeof(*c) + size);
		c->next = gz->chunks;
		c->used = 0;
		c->size = size;
		gz->chunks = c;
	}
	char *p = c->data + c->used;
	memcpy(p, s, n);
	c->used += n;
	return p;
}

const char *const gz_type_names[GZ_NTYPES] = {"GOV", "COMPANY", "LAW", "PERSON", "ORG"};

int gz_type_parse(const char *s, size_t n)
{
	for (int i = 0; i < GZ_NTYPES; i++)
		if (strlen(gz_type_names[i]) == n && strncasecmp(gz_type_names[i], s, n) == 0)
			return i;
	if (n == 12 && strncasecmp(s, "ORGANIZATION", n) == 0)
		return GZ_ORG;
	return -1;
}

void gz_init(struct gazetteer *gz)
{
	memset(gz, 0, sizeof(*gz));
	tt_init(&gz->aliases);
	tt_init(&gz->modifiers);
	tt_share(&gz->modifiers, &gz->aliases);
	gz->id_mask = 1023;
	gz->id_index = xmalloc((gz->id_mask + 1) * sizeof(*gz->id_index));
	memset(gz->id_index, 0xff, (gz->id_mask + 1) * sizeof(*gz->id_index));
}

void gz_release(struct gazetteer *gz)
{
	for (size_t i = 0; i < gz->n_ents; i++) {
	}
	free(gz->ents);
	free(gz->id_index);
	while (gz->chunks) {
		struct gz_chunk *c = gz->chunks;
		gz->chunks = c->next;
		free(c);
	}
	tt_release(&gz->aliases);
	tt_release(&gz->modifiers);
	memset(gz, 0, sizeof(*gz));
}

uint32_t gz_find(const struct gazetteer *gz, int type, const char *id)
{
	size_t s = (tn_hash(id, strlen(id)) + (uint64_t)type) & gz->id_mask;
	for (;;) {
		uint32_t e = gz->id_index[s];
		if (e == GZ_NONE)
			return GZ_NONE;
		if (gz->ents[e].type == type && strcmp(gz->ents[e].id, id) == 0)
			return e;
		s = (s + 1) & gz->id_mask;
	}
}

static void id_insert(struct gazetteer *gz, uint32_t e);

void gz_reserve(struct gazetteer *gz, size_t bytes)
{
	/* gazetteer rows run to about 150 bytes, aliases to 16 bytes a token */
	size_t ents = gz->n_ents + bytes / 150;
	if (gz->ents_alloc < ents) {
		gz->ents_alloc = ents;
		gz->ents = xrealloc(gz->ents, gz->ents_alloc * sizeof(*gz->ents));
	}
	tt_reserve(&gz->aliases, gz->aliases.n_edges + bytes / 32);
	/* the id index at most half full: sized now, it is never rebuilt */
	size_t size = gz->id_mask + 1;
	while (ents * 2 > size)
		size *= 2;
	if (size > gz->id_mask + 1) {
		free(gz->id_index);
		gz->id_index = xmalloc(size * sizeof(*gz->id_index));
		memset(gz->id_index, 0xff, size * sizeof(*gz->id_index));
		gz->id_mask = size - 1;
		for (uint32_t i = 0; i < gz->n_ents; i++)
			id_insert(gz, i);
	}
}

uint32_t gz_find_id(const struct gazetteer *gz, const char *id)
{
	for (int type = 0; type < GZ_NTYPES; type++) {
		uint32_t e = gz_find(gz, type, id);
		if (e != GZ_NONE)
			return e;
	}
	return GZ_NONE;
}

static void id_insert(struct gazetteer *gz, uint32_t e)
{
	if ((gz->n_ents + 1) * 2 > gz->id_mask + 1) {
		size_t size = (gz->id_mask + 1) * 2;
		free(gz->id_index);
		gz->id_index = xmalloc(size * sizeof(*gz->id_index));
		memset(gz->id_index, 0xff, size * sizeof(*gz->id_index));
		gz->id_mask = size - 1;
		for (uint32_t i = 0; i < e; i++)
			id_insert(gz, i);
	}
	size_t s =
	        (tn_hash(gz->ents[e].id, strlen(gz->ents[e].id)) + gz->ents[e].type) & gz->id_mask;
	while (gz->id_index[s] != GZ_NONE)
		s = (s + 1) & gz->id_mask;
	gz->id_index[s] = e;
}

size_t gz_slug(struct strbuf *out, const char *s, size_t n)
{
	size_t before = out->len;
	utf8proc_uint8_t *d = NULL;
	size_t ascii = 0;
	while (ascii < n && !((unsigned char)s[ascii] & 0x80))
		ascii++;
	utf8proc_ssize_t r =
	        ascii == n ? -1
	                   : utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &d,
	                                  UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
	                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
	const char *p = r >= 0 ? (const char *)d : s;
	size_t len = r >= 0 ? (size_t)r : n;
	int dash = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len > before)
				sb_addch(out, '-');
			dash = 0;
			sb_addch(out, c);
		} else if (c == '\'' ||
		           (c == 0xe2 && i + 2 < len && (unsigned char)p[i + 1] == 0x80 &&
		            (unsigned char)p[i + 2] == 0x99)) {
			/* apostrophes vanish: "McDonald's" -> mcdonalds */
			if (c == 0xe2)
				i += 2;
		} else if (c < 0x80 || (c & 0xc0) == 0xc0) {
			dash = 1;
		}
	}
	free(d);
	return out->len - before;
}

static int valid_country(const char *c)
{
	return c[0] >= 'a' && c[0] <= 'z' && c[1] >= 'a' && c[1] <= 'z' && c[2] == '\0';
}

/* Copy s into a 3-byte country code, lowercased; "" if s is empty. */
static int parse_country(char out[3], const char *s)
{
	size_t n = strlen(s);
	out[0] = '\0';
	while (n && (s[n - 1] == ' '))
		n--;
	if (n == 0)
		return 0;
	if (n != 2)
		return -1;
	out[0] = (char)(s[0] >= 'A' && s[0] <= 'Z' ? s[0] + 32 : s[0]);
	out[1] = (char)(s[1] >= 'A' && s[1] <= 'Z' ? s[1] + 32 : s[1]);
	out[2] = '\0';
	return valid_country(out) ? 0 : -1;
}

/* Add each ';'-separated alias of list to `tt` for entity e. */
static void add_to(struct gz_trie *tt, size_t *count, const char *list, uint32_t e, uint32_t flag,
                   int force_cs, struct gz_trie *derive)
{
	const char *p = list;
	while (p && *p) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		while (n && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		int cs = 0;
		if (n && *p == '=') {
			cs = 1;
			p++;
			n--;
		}
		if (n && tt_add(tt, p, n, cs || force_cs, e | flag) == 0 && count)
			(*count)++;
		if (n > 11 && derive && strncasecmp(p + n - 11, " government", 11) == 0) {
			/* "British government": British is a modifier of the state */
			size_t m = n - 11;
			while (m && p[m - 1] == ' ')
				m--;
			if (m)
				tt_add(derive, p, m, 1, e);
		}
		p = end ? end + 1 : NULL;
	}
}

static void add_aliases(struct gazetteer *gz, const char *list, uint32_t e, uint32_t flag)
{
	add_to(&gz->aliases, &gz->n_aliases, list, e, flag, 0,
	       (gz->ents[e].flags & GZ_STATE) ? &gz->modifiers : NULL);
}

void gz_set_parent(struct gazetteer *gz, uint32_t e, const char *parent)
{
	if (!parent || !*parent || gz->ents[e].parent[0])
		return;
	gz->ents[e].parent = gz_strdup(gz, parent);
}

void gz_add_state_extras(struct gazetteer *gz, uint32_t e, const char *capital,
                         const char *modifiers)
{
	/* The capital's forms are also listed as aliases: adding them again
	 * with the flag makes a second value on the same key, and the
	 * matcher treats a key holding a capital value as a capital. */
	if (capital && *capital)
		add_to(&gz->aliases, NULL, capital, e, GZ_ALIAS_CAPITAL, 0, NULL);
	if (modifiers && *modifiers)
		add_to(&gz->modifiers, NULL, modifiers, e, 0, 1, NULL);
}

uint32_t gz_add(struct gazetteer *gz, enum gz_type type, const char *id, const char *name,
                const char *aliases, const char *former, const char *country, const char *kind,
                const char *affiliation, const char **why)
{
	char cc[3];
	struct strbuf full = STRBUF_INIT;
	*why = NULL;
	if (!id || !*id) {
		*why = "empty id";
		return GZ_NONE;
	}
	if (strpbrk(id, ":; \t")) {
		*why = "id holds ':', ';' or white space";
		return GZ_NONE;
	}
	if (parse_country(cc, country ? country : "") < 0) {
		*why = "country is not an ISO 3166-1 alpha-2 code or eu";
		return GZ_NONE;
	}
	kind = kind ? kind : "";
	uint8_t flags = 0;
	if (type == GZ_GOV) {
		const char *slash = strchr(id, '/');
		size_t idlen = strlen(id);
		if (strcmp(kind, "state") == 0 ||
		    (idlen == 2 && (!cc[0] || strncmp(id, cc, 2) == 0))) {
			if (!cc[0] && parse_country(cc, id) < 0) {
				*why = "state id is not a country code";
				return GZ_NONE;
			}
			flags |= GZ_STATE;
			sb_addstr(&full, cc);
		} else if (slash) {
			char pre[3] = {0};
			if (slash - id == 2) {
				pre[0] = id[0];
				pre[1] = id[1];
			}
			if (!valid_country(pre)) {
				*why = "GOV id prefix is not a country code";
				return GZ_NONE;
			}
			if (!cc[0])
				memcpy(cc, pre, 3);
			sb_addstr(&full, id);
		} else {
			if (!cc[0]) {
				*why = "GOV row without country";
				return GZ_NONE;
			}
			sb_addf(&full, "%s/%s", cc, id);
		}
		if (strcmp(kind, "capital") == 0)
			flags |= GZ_CAPITAL;
	} else {
		sb_addstr(&full, id);
	}

	uint32_t e = gz_find(gz, type, full.buf);
	if (e == GZ_NONE) {
		if (gz->n_ents == gz->ents_alloc) {
			gz->ents_alloc = gz->ents_alloc ? gz->ents_alloc * 2 : 512;
			gz->ents = xrealloc(gz->ents, gz->ents_alloc * sizeof(*gz->ents));
		}
		e = (uint32_t)gz->n_ents;
		struct gz_entity *en = &gz->ents[e];
		en->id = gz_strdup(gz, full.buf);
		en->name = gz_strdup(gz, name && *name ? name : en->id);
		en->kind = gz_strdup(gz, kind);
		en->affiliation = gz_strdup(gz, affiliation ? affiliation : "");
		en->parent = gz_strdup(gz, "");
		memcpy(en->country, cc, 3);
		en->type = (uint8_t)type;
		en->flags = flags;
		id_insert(gz, e);
		gz->n_ents++;
	}
	sb_release(&full);
	add_aliases(gz, aliases, e, 0);
	add_aliases(gz, former, e, GZ_ALIAS_FORMER);
	return e;
}

/* ------------------------------------------------------------ TSV loading */

enum col {
	COL_ID,
	COL_TYPE,
	COL_NAME,
	COL_ALIASES,
	COL_COUNTRY,
	COL_HQ,
	COL_JURIS,
	COL_KIND,
	COL_FORMER,
	COL_AFFIL,
	COL_CAPITAL,
	COL_MODIFIERS,
	COL_PARENT,
	NCOLS
};

static const char *const col_names[NCOLS] = {
        "id",   "type",         "name",        "aliases", "country",   "hq_country", "jurisdiction",
        "kind", "former_names", "affiliation", "capital", "modifiers", "parent",
};

/* Unescape the TSV field s[0..n) in place (\\ \t \n \r; other
 * backslashes kept) and NUL-terminate it; returns its new length.  It
 * only ever shrinks, so the line is its own output buffer. */
static size_t unescape_in_place(char *s, size_t n)
{
	char *bs = memchr(s, '\\', n);
	if (!bs) {
		s[n] = '\0';
		return n;
	}
	size_t r = (size_t)(bs - s), w = r;
	while (r < n) {
		char c = s[r];
		char d = r + 1 < n ? s[r + 1] : 0;
		if (c == '\\' && (d == '\\' || d == 't' || d == 'n' || d == 'r')) {
			s[w++] = d == '\\' ? '\\' : d == 't' ? '\t' : d == 'n' ? '\n' : '\r';
			r += 2;
		} else {
			s[w++] = c;
			r++;
		}
	}
	s[w] = '\0';
	return w;
}

long gz_load_tsv(struct gazetteer *gz, const char *buf, size_t len, const char *source,
                 gz_error_fn *err, void *ctx)
{
	int colpos[NCOLS];
	const char *f[NCOLS]; /* this row's fields, in `row` (or "") */
	size_t flen[NCOLS];
	struct strbuf row = STRBUF_INIT;
	size_t pos = 0;
	unsigned long line = 0;
	long loaded = 0;
	size_t ncols_header = 0;

	for (int c = 0; c < NCOLS; c++)
		colpos[c] = -1;
	/* The header. */
	{
		const char *nl = memchr(buf, '\n', len);
		size_t hl = nl ? (size_t)(nl - buf) : len;
		if (hl && buf[hl - 1] == '\r')
			hl--;
		size_t i = 0, col = 0;
		while (i <= hl) {
			const char *tab = memchr(buf + i, '\t', hl - i);
			size_t fl = tab ? (size_t)(tab - (buf + i)) : hl - i;
			for (int c = 0; c < NCOLS; c++)
				if (strlen(col_names[c]) == fl &&
				    memcmp(col_names[c], buf + i, fl) == 0 && colpos[c] < 0)
					colpos[c] = (int)col;
			col++;
			i += fl + 1;
		}
		ncols_header = col;
		pos = nl ? (size_t)(nl - buf) + 1 : len;
		line = 1;
	}
	/* which of our columns each field of a line is (-1: none) */
	int field_col[64];
	for (size_t k = 0; k < 64; k++)
		field_col[k] = -1;
	for (int c = 0; c < NCOLS; c++)
		if (colpos[c] >= 0 && colpos[c] < 64)
			field_col[colpos[c]] = c;
	for (int c = COL_ID; c <= COL_ALIASES; c++) {
		if (colpos[c] < 0) {
			if (err)
				err(ctx, source, 1,
				    "header lacks a required column (id type name aliases)");
			return -1;
		}
	}
	while (pos < len) {
		const char *p = buf + pos;
		const char *nl = memchr(p, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - p) : len - pos;
		pos += ll + 1;
		line++;
		if (ll && p[ll - 1] == '\r')
			ll--;
		if (ll == 0 || p[0] == '#')
			continue;
		for (int c = 0; c < NCOLS; c++) {
			f[c] = "";
			flen[c] = 0;
		}
		/* One copy of the line, cut into fields and unescaped where it
		 * lies (the file's own buffer may be read-only). */
		sb_reset(&row);
		sb_add(&row, p, ll);
		char *q = row.buf;
		size_t i = 0, col = 0;
		while (i <= ll) {
			char *tab = memchr(q + i, '\t', ll - i);
			size_t fl = tab ? (size_t)(tab - (q + i)) : ll - i;
			if (col < 64 && field_col[col] >= 0) {
				int c = field_col[col];
				flen[c] = unescape_in_place(q + i, fl);
				f[c] = q + i;
			}
			col++;
			i += fl + 1;
		}
		if (col != ncols_header) {
			if (err)
				err(ctx, source, line, "wrong number of fields");
			continue;
		}
		int type = gz_type_parse(f[COL_TYPE], flen[COL_TYPE]);
		if (type < 0) {
			if (err)
				err(ctx, source, line, "unknown type (GOV COMPANY LAW PERSON ORG)");
			continue;
		}
		const char *country = flen[COL_COUNTRY] ? f[COL_COUNTRY]
		                      : flen[COL_HQ]    ? f[COL_HQ]
		                                        : f[COL_JURIS];
		const char *why;
		uint32_t e = gz_add(gz, (enum gz_type)type, f[COL_ID], f[COL_NAME], f[COL_ALIASES],
		                    f[COL_FORMER], country, f[COL_KIND], f[COL_AFFIL], &why);
		if (e == GZ_NONE) {
			if (err)
				err(ctx, source, line, why);
			continue;
		}
		if (gz->ents[e].flags & GZ_STATE)
			gz_add_state_extras(gz, e, f[COL_CAPITAL], f[COL_MODIFIERS]);
		else if (type == GZ_GOV)
			gz_set_parent(gz, e, f[COL_PARENT]);
		loaded++;
	}
	sb_release(&row);
	return loaded;
}
