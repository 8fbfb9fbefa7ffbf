/*
 * entities: gazetteer matches, rules, context and composition
 * (entities.h).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "entities.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How far around a trigger word a rule looks by default, in tokens:
 * names before a head word ("... Data Protection Authority") and after a
 * context word ("chipmaker X").  Rules set their own (before, after). */
#define RULE_BEFORE 20
#define RULE_AFTER  30

/* Classes of the per-token scan trie (x->words[...] hold the lists). */
#define AUX_SHIFT 24
#define AUX_MASK  0xffffffu

const char *const ent_columns[ENT_NCOLS + 1] = {
        "mentions",      "governments", "companies",    "laws", "people",
        "organizations", "countries",   "entity_count", NULL,
};

static const char *const word_class_names[EW_NCLASSES] = {
        "stop",           "suffix",       "gov-word",
        "head",           "place-before", "place-after",
        "common",         "role",         "role-after",
        "product-before", "exchange",     "product-after",
        "title",          "subject-verb", "time-word",
        "person-cue",     "speech-verb",  "person-suffix",
        "name-particle",  "not-name",     "not-person-before",
        "needs-support",
};

/* Classes whose words are never part of an unknown person's name: one
 * trie holds them all (x->not_name), so a capitalised word costs one
 * probe, not one per class. */
static const int name_never[] = {EW_NOT_NAME,   EW_STOP,         EW_COMMON,        EW_TITLE,
                                 EW_ROLE_AFTER, EW_HEAD,         EW_PERSON_CUE,    EW_SPEECH_VERB,
                                 EW_TIME_WORD,  EW_SUBJECT_VERB, EW_PERSON_SUFFIX, EW_SUFFIX,
                                 EW_GOV_WORD};

void ent_init(struct ent_extractor *x, const struct gazetteer *gz)
{
	memset(x, 0, sizeof(*x));
	x->gz = gz;
	tt_init(&x->triggers);
	for (int i = 0; i < EW_NCLASSES; i++) {
		tt_init(&x->words[i]);
		tt_share(&x->words[i], &x->triggers);
	}
	tt_init(&x->veto_keys);
	tt_share(&x->veto_keys, &x->triggers);
	tt_init(&x->not_name);
	tt_share(&x->not_name, &x->triggers);
}

void ent_release(struct ent_extractor *x)
{
	for (size_t i = 0; i < x->n_rules; i++) {
		free(x->rules[i].name);
		pcre2_code_free(x->rules[i].re);
	}
	free(x->rules);
	tt_release(&x->triggers);
	for (int i = 0; i < EW_NCLASSES; i++)
		tt_release(&x->words[i]);
	tt_release(&x->veto_keys);
	tt_release(&x->not_name);
	for (size_t i = 0; i < x->n_veto_sets; i++)
		tt_release(&x->veto_sets[i]);
	free(x->veto_sets);
	free(x->vetoes);
	memset(x, 0, sizeof(*x));
}

/* ------------------------------------------------------------ TSV helpers */

struct tsv_cols {
	const char *const *names;
	int n;
	int pos[16];
	size_t header_width;
};

/* Find the named columns in the header line; returns the offset of the
 * first data line. */
static size_t tsv_header(struct tsv_cols *c, const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	size_t hl = nl ? (size_t)(nl - buf) : len;
	if (hl && buf[hl - 1] == '\r')
		hl--;
	for (int k = 0; k < c->n; k++)
		c->pos[k] = -1;
	size_t i = 0, col = 0;
	while (i <= hl) {
		const char *tab = memchr(buf + i, '\t', hl - i);
		size_t fl = tab ? (size_t)(tab - (buf + i)) : hl - i;
		for (int k = 0; k < c->n; k++)
			if (c->pos[k] < 0 && strlen(c->names[k]) == fl &&
			    memcmp(c->names[k], buf + i, fl) == 0)
				c->pos[k] = (int)col;
		col++;
		i += fl + 1;
	}
	c->header_width = col;
	return nl ? (size_t)(nl - buf) + 1 : len;
}

/* Split one line into the wanted fields (unescaped).  Returns the number
 * of fields on the line. */
static size_t tsv_fields(const struct tsv_cols *c, const char *p, size_t ll, struct strbuf *f)
{
	size_t i = 0, col = 0;
	for (int k = 0; k < c->n; k++)
		sb_reset(&f[k]);
	while (i <= ll) {
		const char *tab = memchr(p + i, '\t', ll - i);
		size_t fl = tab ? (size_t)(tab - (p + i)) : ll - i;
		for (int k = 0; k < c->n; k++) {
			if (c->pos[k] != (int)col)
				continue;
			/* runs without a backslash are copied whole */
			const char *q = p + i;
			size_t n = fl;
			while (n) {
				const char *bs = memchr(q, '\\', n);
				size_t run = bs ? (size_t)(bs - q) : n;
				sb_add(&f[k], q, run);
				q += run;
				n -= run;
				if (!n)
					break;
				char d = n > 1 ? q[1] : 0;
				if (d == '\\' || d == 't' || d == 'n' || d == 'r') {
					sb_addch(&f[k], d == '\\'  ? '\\'
					                : d == 't' ? '\t'
					                : d == 'n' ? '\n'
					                           : '\r');
					q += 2;
					n -= 2;
				} else {
					sb_addch(&f[k], '\\');
					q++;
					n--;
				}
			}
		}
		col++;
		i += fl + 1;
	}
	return col;
}

/* Iterate the data lines of a TSV buffer. */
struct tsv_iter {
	const char *buf;
	size_t len, pos;
	unsigned long line;
};

static int tsv_next_line(struct tsv_iter *it, const char **p, size_t *ll)
{
	while (it->pos < it->len) {
		const char *s = it->buf + it->pos;
		const char *nl = memchr(s, '\n', it->len - it->pos);
		size_t n = nl ? (size_t)(nl - s) : it->len - it->pos;
		it->pos += n + 1;
		it->line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n == 0 || s[0] == '#')
			continue;
		*p = s;
		*ll = n;
		return 1;
	}
	return 0;
}

/* Call fn for each ';'-separated, trimmed item of list. */
static void for_each_item(const char *list, void (*fn)(void *, const char *, size_t), void *arg)
{
	const char *p = list;
	while (p && *p) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		while (n && *p == ' ') {
			p++;
			n--;
		}
		while (n && p[n - 1] == ' ')
			n--;
		if (n)
			fn(arg, p, n);
		p = end ? end + 1 : NULL;
	}
}

/* ------------------------------------------------------------ loading */

struct trigger_arg {
	struct ent_extractor *x;
	uint32_t rule;
};

static void add_trigger(void *arg, const char *s, size_t n)
{
	struct trigger_arg *a = arg;
	tt_add(&a->x->triggers, s, n, 1, a->rule);
}

long ent_load_patterns(struct ent_extractor *x, const char *buf, size_t len, const char *source,
                       gz_error_fn *err, void *ctx)
{
	static const char *const names[] = {"name",    "type",   "trigger", "pattern",
	                                    "country", "before", "after"};
	struct tsv_cols c = {names, 7, {0}, 0};
	struct strbuf f[7];
	struct tsv_iter it = {buf, len, 0, 1};
	long loaded = 0;

	it.pos = tsv_header(&c, buf, len);
	for (int k = 0; k < 4; k++) {
		if (c.pos[k] < 0) {
			if (err)
				err(ctx, source, 1,
				    "header lacks a required column (name type trigger pattern)");
			return -1;
		}
	}
	for (int k = 0; k < 7; k++)
		f[k] = (struct strbuf)STRBUF_INIT;
	const char *p;
	size_t ll;
	while (tsv_next_line(&it, &p, &ll)) {
		if (tsv_fields(&c, p, ll, f) != c.header_width) {
			if (err)
				err(ctx, source, it.line, "wrong number of fields");
			continue;
		}
		int type = gz_type_parse(f[1].buf, f[1].len);
		if (type < 0) {
			if (err)
				err(ctx, source, it.line, "unknown type");
			continue;
		}
		int ec;
		PCRE2_SIZE eo;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)f[3].buf, f[3].len,
		                               PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &ec,
		                               &eo, NULL);
		if (!re) {
			char msg[256];
			struct strbuf full = STRBUF_INIT;
			pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof(msg));
			sb_addf(&full, "pattern does not compile at offset %zu: %s", (size_t)eo,
			        msg);
			if (err)
				err(ctx, source, it.line, full.buf);
			sb_release(&full);
			continue;
		}
		if (x->n_rules == x->rules_alloc) {
			x->rules_alloc = x->rules_alloc ? x->rules_alloc * 2 : 32;
			x->rules = xrealloc(x->rules, x->rules_alloc * sizeof(*x->rules));
		}
		struct ent_rule *r = &x->rules[x->n_rules];
		memset(r, 0, sizeof(*r));
		r->name = xstrdup(f[0].buf);
		r->type = (uint8_t)type;
		r->re = re;
		if (f[4].len == 2) {
			r->country[0] = (char)(f[4].buf[0] | 0x20);
			r->country[1] = (char)(f[4].buf[1] | 0x20);
		}
		int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "span");
		r->span_group = g > 0 ? (uint32_t)g : 0;
		g = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "name");
		r->name_group = g > 0 ? (uint32_t)g : r->span_group;
		r->before = f[5].len ? (uint32_t)strtoul(f[5].buf, NULL, 10) : RULE_BEFORE;
		r->after = f[6].len ? (uint32_t)strtoul(f[6].buf, NULL, 10) : RULE_AFTER;
		if (r->before > 200)
			r->before = 200;
		if (r->after > 200)
			r->after = 200;
		struct trigger_arg ta = {x, (uint32_t)x->n_rules};
		for_each_item(f[2].buf, add_trigger, &ta);
		x->n_rules++;
		loaded++;
	}
	for (int k = 0; k < 7; k++)
		sb_release(&f[k]);
	return loaded;
}

struct set_arg {
	struct gz_trie *tt;
	int cs;
};

static void add_to_set(void *arg, const char *s, size_t n)
{
	struct set_arg *a = arg;
	tt_add(a->tt, s, n, a->cs, 1);
}

long ent_load_words(struct ent_extractor *x, const char *buf, size_t len, const char *source,
                    gz_error_fn *err, void *ctx)
{
	static const char *const names[] = {"class", "word", "before", "after"};
	struct tsv_cols c = {names, 4, {0}, 0};
	struct strbuf f[4];
	struct tsv_iter it = {buf, len, 0, 1};
	long loaded = 0;

	it.pos = tsv_header(&c, buf, len);
	if (c.pos[0] < 0 || c.pos[1] < 0) {
		if (err)
			err(ctx, source, 1, "header lacks a required column (class word)");
		return -1;
	}
	for (int k = 0; k < 4; k++)
		f[k] = (struct strbuf)STRBUF_INIT;
	const char *p;
	size_t ll;
	while (tsv_next_line(&it, &p, &ll)) {
		if (tsv_fields(&c, p, ll, f) != c.header_width || !f[1].len) {
			if (err)
				err(ctx, source, it.line, "wrong number of fields or empty word");
			continue;
		}
		const char *w = f[1].buf;
		size_t wl = f[1].len;
		int cs = 0;
		if (*w == '=') {
			cs = 1;
			w++;
			wl--;
		}
		if (strcmp(f[0].buf, "veto") == 0) {
			x->vetoes = xrealloc(x->vetoes, (x->n_vetoes + 1) * sizeof(*x->vetoes));
			x->veto_sets = xrealloc(x->veto_sets,
			                        (x->n_veto_sets + 2) * sizeof(*x->veto_sets));
			struct ent_veto *v = &x->vetoes[x->n_vetoes];
			v->before_set = (uint32_t)x->n_veto_sets;
			v->after_set = (uint32_t)x->n_veto_sets + 1;
			v->after_digit = strstr(f[3].buf, "#") != NULL;
			v->before_digit = strstr(f[2].buf, "#") != NULL;
			tt_init(&x->veto_sets[x->n_veto_sets]);
			tt_init(&x->veto_sets[x->n_veto_sets + 1]);
			tt_share(&x->veto_sets[x->n_veto_sets], &x->triggers);
			tt_share(&x->veto_sets[x->n_veto_sets + 1], &x->triggers);
			struct set_arg b = {&x->veto_sets[x->n_veto_sets], 0};
			struct set_arg a = {&x->veto_sets[x->n_veto_sets + 1], 0};
			for_each_item(f[2].buf, add_to_set, &b);
			for_each_item(f[3].buf, add_to_set, &a);
			x->n_veto_sets += 2;
			tt_add(&x->veto_keys, w, wl, cs, (uint32_t)x->n_vetoes);
			x->n_vetoes++;
			loaded++;
			continue;
		}
		int cls = -1;
		for (int k = 0; k < EW_NCLASSES; k++)
			if (strcmp(f[0].buf, word_class_names[k]) == 0)
				cls = k;
		if (cls < 0) {
			if (err)
				err(ctx, source, it.line, "unknown class");
			continue;
		}
		tt_add(&x->words[cls], w, wl, cs, 1);
		for (size_t k = 0; k < sizeof(name_never) / sizeof(*name_never); k++)
			if (name_never[k] == cls)
				tt_add(&x->not_name, w, wl, cs, 1);
		loaded++;
	}
	for (int k = 0; k < 4; k++)
		sb_release(&f[k]);
	return loaded;
}

/* ------------------------------------------------------------ results */

void ent_result_init(struct ent_result *r)
{
	memset(r, 0, sizeof(*r));
	tn_init(&r->tn);
	tn_init(&r->title_tn);
	r->arena = (struct strbuf)STRBUF_INIT;
	r->scratch = (struct strbuf)STRBUF_INIT;
}

void ent_result_release(struct ent_result *r)
{
	tn_release(&r->tn);
	tn_release(&r->title_tn);
	free(r->m);
	free(r->taken);
	sb_release(&r->arena);
	sb_release(&r->scratch);
	if (r->md)
		pcre2_match_data_free(r->md);
	memset(r, 0, sizeof(*r));
}

static struct ent_mention *new_mention(struct ent_result *r)
{
	if (r->n == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 64;
		r->m = xrealloc(r->m, r->alloc * sizeof(*r->m));
	}
	struct ent_mention *m = &r->m[r->n++];
	memset(m, 0, sizeof(*m));
	m->ent = GZ_NONE;
	m->id_off = m->name_off = GZ_NONE;
	return m;
}

static void set_span(const struct tn_text *t, struct ent_mention *m, size_t a, size_t b)
{
	m->tok_start = (uint32_t)a;
	m->tok_end = (uint32_t)b;
	m->cp_start = t->tok[a].cp_start;
	m->cp_end = t->tok[b - 1].cp_end;
}

const char *ent_mention_id(const struct ent_extractor *x, const struct ent_result *r,
                           const struct ent_mention *m)
{
	if (m->id_off != GZ_NONE)
		return r->arena.buf + m->id_off;
	return x->gz->ents[m->ent].id;
}

const char *ent_mention_name(const struct ent_extractor *x, const struct ent_result *r,
                             const struct ent_mention *m)
{
	if (m->name_off != GZ_NONE)
		return r->arena.buf + m->name_off;
	return x->gz->ents[m->ent].name;
}

/* A demonym or country modifier at token i ("British", "UK"). */
static int demonym_at(const struct ent_extractor *x, const struct tn_text *t, size_t i,
                      size_t limit, struct tt_match *m, struct strbuf *scratch)
{
	return tt_longest(&x->gz->modifiers, t, i, limit, m, scratch);
}

/* ------------------------------------------------------------ token tests */

static int tok_is(const struct tn_text *t, size_t i, const char *folded)
{
	size_t n = strlen(folded);
	return i < t->n && t->tok[i].fold_len == n &&
	       memcmp(t->fold.buf + t->tok[i].fold_off, folded, n) == 0;
}

/* Is token i one of the folded words of a NULL-terminated list? */
static int tok_in(const struct tn_text *t, size_t i, const char *const *folded)
{
	for (; *folded; folded++)
		if (tok_is(t, i, *folded))
			return 1;
	return 0;
}

/* Does a key of `set` cover exactly tokens [i, j)?  (j = 0: any length;
 * returns the end token via *end.) */
static int set_at(const struct gz_trie *tt, const struct tn_text *t, size_t i, size_t limit,
                  size_t *end, struct strbuf *scratch)
{
	struct tt_match m;
	if (i >= t->n || !tt->n_vals)
		return 0;
	if (!tt_longest(tt, t, i, limit, &m, scratch))
		return 0;
	if (end)
		*end = m.tok_end;
	return 1;
}

/* Is token i a one-token key of word class `cls`? */
static int word_in(const struct ent_extractor *x, struct ent_result *r, int cls, size_t i)
{
	return set_at(&x->words[cls], &r->tn, i, i + 1, NULL, &r->scratch);
}

/* Is there a state (gazetteer) or demonym ending exactly at token `end`,
 * starting at or after `floor`?  Returns its country entity and start. */
static uint32_t country_before(const struct ent_extractor *x, struct ent_result *r, size_t end,
                               size_t floor, size_t *start)
{
	const struct tn_text *t = &r->tn;
	struct tt_match m;
	for (size_t k = 1; k <= 4 && k <= end; k++) {
		size_t s = end - k;
		if (s < floor)
			break;
		if (demonym_at(x, t, s, end, &m, &r->scratch) && m.tok_end == end) {
			*start = s;
			return m.payload[0];
		}
		if (tt_longest(&x->gz->aliases, t, s, end, &m, &r->scratch) && m.tok_end == end) {
			for (size_t q = 0; q < m.n; q++) {
				uint32_t e = m.payload[q] & GZ_ALIAS_ENTITY;
				if (x->gz->ents[e].flags & GZ_STATE) {
					*start = s;
					return e;
				}
			}
		}
	}
	return GZ_NONE;
}

/* The country a body's own name gives: a country or demonym at its
 * start ("Swedish Post and Telecommunications Authority") or ending it
 * after "of" ("Cyberspace Administration of China").  A country in the
 * middle is the body's subject ("Select Committee on China"), not its
 * owner. */
static uint32_t country_inside(const struct ent_extractor *x, struct ent_result *r, size_t a,
                               size_t b)
{
	const struct tn_text *t = &r->tn;
	struct tt_match m;
	if (demonym_at(x, t, a, b, &m, &r->scratch) && m.tok_end < b)
		return m.payload[0];
	if (tt_longest(&x->gz->aliases, t, a, b, &m, &r->scratch) && m.tok_end < b)
		for (size_t q = 0; q < m.n; q++) {
			uint32_t e = m.payload[q] & GZ_ALIAS_ENTITY;
			if (x->gz->ents[e].flags & GZ_STATE)
				return e;
		}
	for (size_t i = a + 1; i < b; i++) {
		if (!tok_is(t, i - 1, "of") &&
		    !(tok_is(t, i - 1, "the") && i >= 2 && tok_is(t, i - 2, "of")))
			continue;
		if (tt_longest(&x->gz->aliases, t, i, b, &m, &r->scratch) && m.tok_end == b)
			for (size_t q = 0; q < m.n; q++) {
				uint32_t e = m.payload[q] & GZ_ALIAS_ENTITY;
				if (x->gz->ents[e].flags & GZ_STATE)
					return e;
			}
	}
	return GZ_NONE;
}

/* ------------------------------------------------------------ pass 1: gazetteer */

static int vetoed(const struct ent_extractor *x, struct ent_result *r, size_t a, size_t b)
{
	const struct tn_text *t = &r->tn;
	struct tt_match m;
	if (!x->n_vetoes || !tt_longest(&x->veto_keys, t, a, b, &m, &r->scratch) || m.tok_end != b)
		return 0;
	const struct ent_veto *v = &x->vetoes[m.payload[0]];
	if (a > 0 && !(t->tok[a].flags & TN_NEWLINE)) {
		if (v->before_digit && (t->tok[a - 1].flags & TN_DIGITS))
			return 1;
		/* a word right before: try one and two tokens back */
		for (size_t k = 1; k <= 2 && k <= a; k++) {
			size_t end;
			if (set_at(&x->veto_sets[v->before_set], t, a - k, a, &end, &r->scratch) &&
			    end == a)
				return 1;
		}
	}
	if (b < t->n && !(t->tok[b].flags & TN_NEWLINE)) {
		if (v->after_digit && (t->tok[b].flags & TN_DIGITS))
			return 1;
		if (set_at(&x->veto_sets[v->after_set], t, b, t->n, NULL, &r->scratch))
			return 1;
	}
	return 0;
}

static int place_context(const struct ent_extractor *x, struct ent_result *r, size_t a, size_t b,
                         int subnational)
{
	const struct tn_text *t = &r->tn;
	size_t end;
	if (a > 0 && !(t->tok[a].flags & TN_NEWLINE) &&
	    set_at(&x->words[EW_PLACE_BEFORE], t, a - 1, a, &end, &r->scratch))
		return 1;
	/* "Phoenix, Arizona", "TSMC Arizona": a place, or part of a name */
	if (a > 0 && !(t->tok[a].flags & TN_NEWLINE)) {
		size_t k = a - 1;
		if (tok_is(t, k, ",") && k > 0)
			k--;
		if (t->tok[k].kind == TN_WORD && (t->tok[k].flags & TN_CAP) &&
		    !(t->tok[k].flags & TN_SENT_START) && !(t->tok[k + 1].flags & TN_NEWLINE))
			return 1;
	}
	/* "Doha Mekki", "Ortiz-Vega": part of another name */
	if (b < t->n && !(t->tok[b].flags & TN_NEWLINE)) {
		size_t k = b;
		if (tok_is(t, k, "-") && !(t->tok[k].flags & TN_SPACE) && k + 1 < t->n)
			k++;
		/* ... but a state's officer is the state's ("Texas Attorney
		 * General", "California Governor") */
		if (t->tok[k].kind == TN_WORD && (t->tok[k].flags & TN_CAP) &&
		    !(t->tok[k].flags & TN_SENT_START) && !word_in(x, r, EW_HEAD, k) &&
		    !word_in(x, r, EW_GOV_WORD, k) &&
		    !(subnational && k == b &&
		      (set_at(&x->words[EW_TITLE], t, k, t->n, NULL, &r->scratch) ||
		       word_in(x, r, EW_ROLE_AFTER, k))))
			return 1;
	}
	/* "London-based", "London time" */
	size_t j = b;
	if (j < t->n && tok_is(t, j, "-") && !(t->tok[j].flags & TN_SPACE))
		j++;
	if (j < t->n && set_at(&x->words[EW_PLACE_AFTER], t, j, t->n, &end, &r->scratch))
		return 1;
	return 0;
}

/* Most of a line in capitals: case tells nothing there.  Judged once a
 * line (the last line's answer is kept in r). */
static int shouting(struct ent_result *r, size_t i)
{
	const struct tn_text *t = &r->tn;
	if (r->shout_end > i && r->shout_line <= i)
		return r->shout;
	size_t a = i, b = i;
	while (a > 0 && !(t->tok[a].flags & TN_NEWLINE))
		a--;
	while (b + 1 < t->n && !(t->tok[b + 1].flags & TN_NEWLINE))
		b++;
	size_t words = 0, caps = 0;
	for (size_t k = a; k <= b && words < 40; k++) {
		if (t->tok[k].kind != TN_WORD || (t->tok[k].flags & TN_DIGITS))
			continue;
		words++;
		caps += (t->tok[k].flags & TN_ALLCAPS) != 0;
	}
	r->shout_line = a;
	r->shout_end = b + 1;
	r->shout = words >= 4 && caps * 10 >= words * 8;
	return r->shout;
}

/* Inside a role title ("Minister for Home Affairs"): not the body. */
static int role_title(const struct ent_extractor *x, struct ent_result *r, size_t a)
{
	const struct tn_text *t = &r->tn;
	size_t end;
	for (size_t k = 1; k <= 5 && k <= a; k++)
		if (set_at(&x->words[EW_ROLE], t, a - k, a, &end, &r->scratch) && end == a)
			return 1;
	return 0;
}

static void gazetteer_pass(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	const struct gazetteer *gz = x->gz;
	struct tt_match m, m2;
	size_t i = 0;
	while (i < t->n) {
		if (!tt_longest(&gz->aliases, t, i, t->n, &m, &r->scratch)) {
			i++;
			continue;
		}
		size_t a = m.tok_start, b = m.tok_end;
		/* "The Information Commissioner's Office": an alias that
		 * starts with "the" gives way to a longer name after it. */
		if (b - a > 1 && tok_is(t, a, "the") &&
		    tt_longest(&gz->aliases, t, a + 1, t->n, &m2, &r->scratch) &&
		    m2.tok_start == a + 1 && m2.tok_end > b) {
			i++;
			continue;
		}
		/* No leading "the" in a span (an alias "the Pentagon"). */
		if (b - a > 1 && tok_is(t, a, "the"))
			a++;
		int cs_all = 1;
		for (size_t q = 0; q < m.n; q++)
			cs_all &= m.case_sensitive[q];
		if (vetoed(x, r, a, b) || (cs_all && shouting(r, a))) {
			i++;
			continue;
		}
		/* "President Trump": the title is not the person */
		if (b - a > 1 && (gz->ents[m.payload[0] & GZ_ALIAS_ENTITY].type == GZ_PERSON)) {
			size_t end;
			while (b - a > 1 &&
			       set_at(&x->words[EW_TITLE], t, a, b - 1, &end, &r->scratch))
				a = end;
		}
		struct ent_mention *mm = new_mention(r);
		set_span(t, mm, a, b);
		mm->src = ENT_GAZ;
		mm->cs = (uint8_t)cs_all;
		int place = -1;
		for (size_t q = 0; q < m.n; q++) {
			uint32_t e = m.payload[q] & GZ_ALIAS_ENTITY;
			int capital = 0;
			for (size_t p = 0; p < m.n; p++)
				capital |= (m.payload[p] & GZ_ALIAS_ENTITY) == e &&
				           (m.payload[p] & GZ_ALIAS_CAPITAL);
			capital |= (gz->ents[e].flags & GZ_CAPITAL) != 0;
			int sub = !capital && strcmp(gz->ents[e].kind, "subnational") == 0;
			if (capital || sub) {
				if (place < 0)
					place = place_context(x, r, a, b, sub);
				if (place)
					continue;
			}
			int dup = 0;
			for (size_t p = 0; p < mm->n_cand; p++)
				dup |= mm->cand[p] == e;
			if (!dup)
				mm->cand[mm->n_cand++] = e;
		}
		if (mm->n_cand && gz->ents[mm->cand[0]].type == GZ_GOV &&
		    !(gz->ents[mm->cand[0]].flags & GZ_STATE) &&
		    (role_title(x, r, a) ||
		     (b - a == 1 && b < t->n && !(t->tok[b].flags & TN_NEWLINE) &&
		      word_in(x, r, EW_ROLE_AFTER, b))))
			mm->n_cand = 0;
		/* "Parliament Hill", "Congress Avenue": a one-word body name
		 * before another capitalised word is part of a longer name */
		if (mm->n_cand && b - a == 1 && gz->ents[mm->cand[0]].type == GZ_GOV &&
		    !(gz->ents[mm->cand[0]].flags & GZ_STATE) && !(t->tok[a].flags & TN_ALLCAPS) &&
		    b < t->n && t->tok[b].kind == TN_WORD && (t->tok[b].flags & TN_CAP) &&
		    !(t->tok[b].flags & (TN_NEWLINE | TN_SENT_START)) &&
		    !word_in(x, r, EW_HEAD, b) && !word_in(x, r, EW_ROLE_AFTER, b) &&
		    !(strcmp(gz->ents[mm->cand[0]].kind, "subnational") == 0 &&
		      set_at(&x->words[EW_TITLE], t, b, t->n, NULL, &r->scratch)) &&
		    !tt_longest(&gz->aliases, t, b, t->n, &m2, &r->scratch))
			mm->n_cand = 0;
		/* "(NASDAQ:SMCI)": a ticker */
		if (mm->n_cand && a >= 2 && tok_is(t, a - 1, ":") &&
		    set_at(&x->words[EW_EXCHANGE], t, a - 2, a - 1, NULL, &r->scratch))
			mm->n_cand = 0;
		if (!mm->n_cand) {
			r->n--;
			i = b;
			continue;
		}
		mm->ent = mm->cand[0];
		mm->type = gz->ents[mm->ent].type;
		memcpy(mm->country, gz->ents[mm->ent].country, 3);
		i = b;
	}
}

/* ------------------------------------------------------------ context */

#define MAX_COUNTRIES 64

struct country_count {
	char code[MAX_COUNTRIES][3];
	unsigned count[MAX_COUNTRIES];
	size_t n;
};

static void country_add(struct country_count *cc, const char *code, unsigned weight)
{
	size_t c;
	for (c = 0; c < cc->n; c++)
		if (memcmp(cc->code[c], code, 3) == 0)
			break;
	if (c == cc->n) {
		if (cc->n == MAX_COUNTRIES)
			return;
		memcpy(cc->code[cc->n], code, 3);
		cc->count[cc->n++] = 0;
	}
	cc->count[c] += weight;
}

/* Count the GOV mentions of each country in t (unambiguous ones only). */
static void count_countries(const struct ent_extractor *x, const struct tn_text *t,
                            struct ent_result *r, struct country_count *cc, unsigned weight)
{
	struct tt_match m;
	for (size_t i = 0; i < t->n;) {
		if (!tt_longest(&x->gz->aliases, t, i, t->n, &m, &r->scratch)) {
			i++;
			continue;
		}
		i = m.tok_end;
		const struct gz_entity *e = &x->gz->ents[m.payload[0] & GZ_ALIAS_ENTITY];
		int same = 1;
		for (size_t q = 1; q < m.n; q++)
			same &= strcmp(x->gz->ents[m.payload[q] & GZ_ALIAS_ENTITY].country,
			               e->country) == 0;
		if (!same || e->type != GZ_GOV || !e->country[0])
			continue;
		country_add(cc, e->country, weight);
	}
}

/* The dominant country: most GOV mentions (the title's count double);
 * on a tie, the first seen in the text. */
static void find_dominant(struct ent_extractor *x, struct ent_result *r)
{
	struct country_count cc;
	cc.n = 0;
	r->dominant[0] = '\0';
	/* the text's GOV mentions are found already: count them */
	for (size_t i = 0; i < r->n; i++) {
		const struct ent_mention *m = &r->m[i];
		int same = 1;
		for (size_t q = 1; q < m->n_cand; q++)
			same &= strcmp(x->gz->ents[m->cand[q]].country, m->country) == 0;
		if (m->type == GZ_GOV && m->country[0] && same)
			country_add(&cc, m->country, 1);
	}
	if (r->title_tn.n)
		count_countries(x, &r->title_tn, r, &cc, 2);
	/* Rank by count; ties keep the order of first mention. */
	r->n_ranked = 0;
	uint8_t used[MAX_COUNTRIES] = {0};
	while (r->n_ranked < sizeof r->ranked / sizeof r->ranked[0] && r->n_ranked < cc.n) {
		size_t best = SIZE_MAX;
		for (size_t c = 0; c < cc.n; c++)
			if (!used[c] && (best == SIZE_MAX || cc.count[c] > cc.count[best]))
				best = c;
		used[best] = 1;
		memcpy(r->ranked[r->n_ranked++], cc.code[best], 3);
	}
	if (r->n_ranked)
		memcpy(r->dominant, r->ranked[0], 3);
}

/* Pick one entity among a mention's candidates: the one of the country
 * `prefer`, else of the article's countries in order of how often they are
 * mentioned (the dominant one first), else the first listed.  "The Supreme
 * Court" in an article that names India twice and the US once is India's. */
static void choose(const struct ent_extractor *x, struct ent_result *r, struct ent_mention *m,
                   const char *prefer)
{
	if (m->n_cand <= 1)
		return;
	uint32_t pick = m->cand[0];
	int found = 0;
	for (size_t pass = 0; pass <= r->n_ranked && !found; pass++) {
		const char *cc = pass == 0 ? prefer : r->ranked[pass - 1];
		if (!cc || !cc[0])
			continue;
		for (size_t q = 0; q < m->n_cand; q++)
			if (strcmp(x->gz->ents[m->cand[q]].country, cc) == 0) {
				pick = m->cand[q];
				found = 1;
				break;
			}
	}
	m->ent = pick;
	m->type = x->gz->ents[pick].type;
	memcpy(m->country, x->gz->ents[pick].country, 3);
}

/* ------------------------------------------------------------ pass 2: rules */

static size_t tok_starting_at(const struct tn_text *t, size_t lo, size_t hi, size_t byte)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->tok[mid].start < byte)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t arena_add(struct strbuf *a, const char *s, size_t n)
{
	uint32_t off = (uint32_t)a->len;
	sb_add(a, s, n);
	sb_addch(a, '\0');
	return off;
}

/* The display text of tokens [a, b): original bytes, white space runs as
 * one space. */
static void span_text(const struct tn_text *t, size_t a, size_t b, struct strbuf *out)
{
	sb_reset(out);
	for (size_t i = a; i < b; i++) {
		if (i > a && (t->tok[i].flags & TN_SPACE))
			sb_addch(out, ' ');
		const struct tn_token *k = &t->tok[i];
		if (k->kind == TN_PUNCT && !(k->flags & TN_ASCII))
			sb_add(out, t->fold.buf + k->fold_off, k->fold_len);
		else
			sb_add(out, t->src + k->start, k->end - k->start);
	}
}

/* A line in title case: most of its longer words capitalised. */
static int title_case(const struct tn_text *t, size_t lt0, size_t lt1)
{
	size_t words = 0, caps = 0;
	for (size_t k = lt0; k < lt1 && words < 40; k++) {
		const struct tn_token *w = &t->tok[k];
		if (w->kind != TN_WORD || w->cp_end - w->cp_start < 4 || (w->flags & TN_DIGITS))
			continue;
		words++;
		caps += (w->flags & TN_CAP) != 0;
	}
	return words >= 4 && caps * 10 >= words * 7;
}

/* Name a mention no gazetteer entry names: its text is tokens [a, b), its
 * id their slug ("x" when nothing sluggable is left), after "cc/" for a
 * body of state cc. */
static void name_mention(struct ent_result *r, struct ent_mention *m, size_t a, size_t b,
                         const char *cc)
{
	span_text(&r->tn, a, b, &r->scratch);
	m->name_off = arena_add(&r->arena, r->scratch.buf, r->scratch.len);
	struct strbuf id = STRBUF_INIT;
	if (cc)
		sb_addf(&id, "%s/", cc);
	size_t before = id.len;
	gz_slug(&id, r->scratch.buf, r->scratch.len);
	if (id.len == before)
		sb_addstr(&id, "x");
	m->id_off = arena_add(&r->arena, id.buf, id.len);
	sb_release(&id);
}

static void rule_match(struct ent_extractor *x, struct ent_result *r, const struct ent_rule *rule,
                       size_t lt0, size_t lt1, size_t so, size_t eo, size_t no, size_t ne)
{
	const struct tn_text *t = &r->tn;
	size_t a = tok_starting_at(t, lt0, lt1, so);
	size_t b = tok_starting_at(t, lt0, lt1, eo);
	/* Spans must fall on token boundaries: that is the word boundary. */
	if (a >= lt1 || t->tok[a].start != so || b == a || t->tok[b - 1].end != eo)
		return;
	size_t na = tok_starting_at(t, lt0, lt1, no);
	size_t nb = tok_starting_at(t, lt0, lt1, ne);
	if (na < a || nb > b || nb <= na)
		na = a, nb = b;
	/* No leading "the" (or other stop word), no lower-case start. */
	for (;;) {
		size_t end;
		if (a + 1 < b && (t->tok[a].flags & TN_DIGITS)) { /* "21 The ..." */
			if (na == a)
				na = a + 1;
			a++;
			continue;
		}
		if (a < b && set_at(&x->words[EW_STOP], t, a, b, &end, &r->scratch) && end < b) {
			/* ... unless it begins a known place's name ("New Zealand", "New York") */
			struct tt_match sm;
			if (tt_longest(&x->gz->aliases, t, a, b, &sm, &r->scratch) &&
			    sm.tok_start == a && sm.tok_end > end &&
			    x->gz->ents[sm.payload[0] & GZ_ALIAS_ENTITY].type == GZ_GOV)
				break;
			if (na == a)
				na = end;
			a = end;
			continue;
		}
		break;
	}
	/* In a headline ("Reining In Platforms Under the Competition Act")
	 * every word is capitalised, so a law's name starts after the last
	 * small word before its head. */
	size_t te;
	if (rule->type == GZ_LAW && title_case(t, lt0, lt1) &&
	    /* ... unless the name starts with its head ("Act on ...") */
	    !set_at(&x->triggers, t, a, a + 1, &te, &r->scratch)) {
		static const char *const small[] = {"of", "and",  "for", "the",  "on",   "to", "in",
		                                    "by", "with", "at",  "from", "over", NULL};
		int depth = 0; /* inside "(...)" the small words belong to the name */
		for (size_t k = b - 1; k > a; k--) {
			depth += tok_is(t, k - 1, ")") - tok_is(t, k - 1, "(");
			if (depth == 0 && tok_in(t, k - 1, small)) {
				if (na < k)
					na = k;
				a = k;
				break;
			}
		}
	}
	/* "Judge Rules Against Harbour Fees": in a headline every word is
	 * capitalised, but no name holds a stop word */
	for (size_t k = a; rule->type == GZ_PERSON && k < b; k++)
		if (t->tok[k].kind == TN_WORD && word_in(x, r, EW_STOP, k))
			return;
	/* A leading country is a mention of its own (LAW, COMPANY, ORG). */
	if (rule->type != GZ_GOV) {
		struct tt_match m;
		if (demonym_at(x, t, a, b, &m, &r->scratch) && m.tok_end < b) {
			if (na == a)
				na = m.tok_end;
			a = m.tok_end;
		} else if (tt_longest(&x->gz->aliases, t, a, b, &m, &r->scratch) && m.tok_end < b &&
		           (x->gz->ents[m.payload[0] & GZ_ALIAS_ENTITY].flags & GZ_STATE)) {
			if (na == a)
				na = m.tok_end;
			a = m.tok_end;
		}
	}
	/* A body's name without its country ("French Data Protection
	 * Authority" is fr/data-protection-authority). */
	if (rule->type == GZ_GOV && na == a) {
		struct tt_match m;
		if (demonym_at(x, t, a, b, &m, &r->scratch) && m.tok_end + 1 < b)
			na = m.tok_end;
	}
	/* No trailing possessive. */
	if (b - a > 2 && tok_is(t, b - 1, "s") && tok_is(t, b - 2, "'"))
		b -= 2;
	else if (b - a > 1 && tok_is(t, b - 1, "'")) /* "Rodgers'" */
		b--;
	if (nb > b)
		nb = b;
	if (na < a)
		na = a;
	if (b <= a || nb <= na)
		return;
	/* Nothing left but a head word ("Commission"): that is pass 4's job. */
	size_t end;
	if (b - a == 1 && set_at(&x->words[EW_HEAD], t, a, b, &end, &r->scratch))
		return;
	/* "Policy Regulation" in a tag line is no law: a law named by one
	 * word and its head is written "the Patriot Act", "China's
	 * Cybersecurity Law", with its year, or is an amendment ("First
	 * Amendment"). */
	if (rule->type == GZ_LAW && b - a == 2 && t->tok[a].kind == TN_WORD &&
	    !(t->tok[b - 1].flags & TN_DIGITS) && !tok_is(t, b - 1, "amendment") &&
	    !(a > 0 && tok_is(t, a - 1, "the")) &&
	    !(a > 1 && tok_is(t, a - 1, "s") && tok_is(t, a - 2, "'")))
		return;
	/* A trigger word alone ("Act", "Inc") names nothing. */
	if (b - a == 1 && set_at(&x->triggers, t, a, b, &end, &r->scratch))
		return;
	const struct tn_token *first = &t->tok[a];
	if (first->kind == TN_WORD && !(first->flags & (TN_CAP | TN_DIGITS)))
		return;
	/* In a line of capitals every word looks like a name ("MI MAMI SE") */
	if (shouting(r, a))
		return;

	char cc[3] = "";
	if (rule->type == GZ_GOV) {
		uint32_t ce = GZ_NONE;
		size_t st;
		if (rule->country[0])
			memcpy(cc, rule->country, 3);
		else if ((ce = country_inside(x, r, a, b)) != GZ_NONE)
			memcpy(cc, x->gz->ents[ce].country, 3);
		else if ((ce = country_before(x, r, a, lt0, &st)) != GZ_NONE)
			memcpy(cc, x->gz->ents[ce].country, 3);
		else
			memcpy(cc, r->dominant, 3);
		if (!cc[0])
			return; /* a body of no known state: cannot attribute */
	}
	struct ent_mention *m = new_mention(r);
	set_span(t, m, a, b);
	m->src = ENT_RULE;
	m->type = rule->type;
	memcpy(m->country, cc, 3);
	name_mention(r, m, na, nb, rule->type == GZ_GOV ? cc : NULL);
}

/* Run one rule over tokens [w0, w1) of the text (a window around its
 * triggers).  The subject ends with the window; lookbehinds see the text
 * before it. */
static void run_rule(struct ent_extractor *x, struct ent_result *r, size_t ri, size_t lt0,
                     size_t lt1, size_t w0, size_t w1)
{
	const struct tn_text *t = &r->tn;
	struct ent_rule *rule = &x->rules[ri];
	size_t b0 = t->tok[w0].start, b1 = t->tok[w1 - 1].end;
	/* JIT-compiled on first use: start-up pays only for the rules a
	 * stream needs (when JIT is unavailable the interpreter runs). */
	if (!rule->jit_tried) {
		pcre2_jit_compile(rule->re, PCRE2_JIT_COMPLETE);
		rule->jit_tried = 1;
	}
	if (!r->md)
		r->md = pcre2_match_data_create(32, NULL);
	pcre2_match_data *md = r->md;
	PCRE2_SIZE off = b0;
	while (off < b1) {
		int rc = pcre2_match(rule->re, (PCRE2_SPTR)t->src, b1, off, 0, md, NULL);
		if (rc <= 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		uint32_t g = rule->span_group < (uint32_t)rc ? rule->span_group : 0;
		uint32_t ng = rule->name_group < (uint32_t)rc ? rule->name_group : g;
		size_t so = ov[2 * g], eo = ov[2 * g + 1];
		size_t no = ov[2 * ng], ne = ov[2 * ng + 1];
		if (so != PCRE2_UNSET && eo > so) {
			if (no == PCRE2_UNSET)
				no = so, ne = eo;
			rule_match(x, r, rule, lt0, lt1, so, eo, no, ne);
		}
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
}

struct trigger_hit {
	uint32_t rule, tok;
};

/* Where the name a trigger word belongs to may start: walk back over
 * capitalised words, numbers, connectors ("of", "and") and the marks
 * names hold, to `floor` at most.  A rule's search starts there, so
 * PCRE2 tries one or two places instead of every capital in the window. */
static size_t run_start(const struct ent_result *r, size_t tok, size_t floor)
{
	static const char *const connectors[] = {"and", "of", "for", "the", "on", "to",
	                                         "in",  "by", "de",  "v",   NULL};
	const struct tn_text *t = &r->tn;
	size_t s = tok;
	while (s > floor) {
		const struct tn_token *p = &t->tok[s - 1];
		int ok = 0;
		if (p->kind == TN_WORD) {
			ok = (p->flags & (TN_CAP | TN_DIGITS)) != 0;
			ok = ok || tok_in(t, s - 1, connectors);
		} else {
			char ch = t->fold.buf[p->fold_off];
			ok = p->fold_len == 1 &&
			     (ch == '(' || ch == ')' || ch == '&' || ch == '-' || ch == '/' ||
			      (ch == '.' && !(t->tok[s].flags & TN_SPACE)));
		}
		if (!ok)
			break;
		s--;
	}
	return s;
}

/* The rules triggered on line [lt0, lt1), each over the merged windows
 * around its trigger words. */
static void run_line(struct ent_extractor *x, struct ent_result *r, const struct trigger_hit *h,
                     size_t nh, size_t lt0, size_t lt1)
{
	for (size_t k = 0; k < x->n_rules; k++) {
		size_t w0 = 0, w1 = 0;
		int open = 0;
		for (size_t i = 0; i < nh; i++) {
			if (h[i].rule != k)
				continue;
			const struct ent_rule *rule = &x->rules[k];
			size_t a = run_start(
			        r, h[i].tok,
			        h[i].tok >= lt0 + rule->before ? h[i].tok - rule->before : lt0);
			size_t b =
			        h[i].tok + rule->after + 1 < lt1 ? h[i].tok + rule->after + 1 : lt1;
			if (open && a <= w1) {
				w1 = b > w1 ? b : w1;
				continue;
			}
			if (open)
				run_rule(x, r, k, lt0, lt1, w0, w1);
			w0 = a;
			w1 = b;
			open = 1;
		}
		if (open)
			run_rule(x, r, k, lt0, lt1, w0, w1);
	}
}

static void rules_pass(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	if (!x->n_rules || !t->n)
		return;
	/* A trigger inside a known name of the rule's type ("Commission" in
	 * "European Commission") can only find that name again or a longer
	 * span around it, which the selection drops for a GOV and extend()
	 * covers otherwise: skip it.  cover[i] = 1 + type of the gazetteer
	 * mention of two or more tokens holding token i. */
	if (r->taken_alloc < t->n + 1) {
		free(r->taken);
		r->taken_alloc = t->n + 1;
		r->taken = xmalloc(r->taken_alloc);
	}
	uint8_t *cover = r->taken;
	memset(cover, 0, t->n + 1);
	for (size_t i = 0; i < r->n; i++) {
		const struct ent_mention *g = &r->m[i];
		if (g->src == ENT_GAZ && g->tok_end - g->tok_start > 1)
			memset(cover + g->tok_start, 1 + g->type, g->tok_end - g->tok_start);
	}
	struct trigger_hit *hits = NULL;
	size_t nh = 0, alloc = 0;
	size_t line0 = 0;
	struct tt_match m;
	for (size_t i = 0; i <= t->n; i++) {
		if (i == t->n || (i > line0 && (t->tok[i].flags & TN_NEWLINE))) {
			if (nh)
				run_line(x, r, hits, nh, line0, i);
			nh = 0;
			line0 = i;
			if (i == t->n)
				break;
		}
		if (!tt_longest(&x->triggers, t, i, i + 1, &m, &r->scratch))
			continue;
		for (size_t q = 0; q < m.n; q++) {
			/* (but "X Commission of Ireland" may still be a longer name) */
			if (cover[i] == 1 + x->rules[m.payload[q]].type &&
			    !(tok_is(t, i + 1, "of") && cover[i + 1] != cover[i]))
				continue;
			if (nh == alloc) {
				alloc = alloc ? alloc * 2 : 32;
				hits = xrealloc(hits, alloc * sizeof(*hits));
			}
			hits[nh].rule = m.payload[q];
			hits[nh].tok = (uint32_t)i;
			nh++;
		}
	}
	free(hits);
}

/* ------------------------------------------------------------ extensions */

/* Company + legal suffix ("Intel Corp."), law + year ("... Act 2016"),
 * state + "government". */
static void extend(struct ent_extractor *x, struct ent_result *r, struct ent_mention *m)
{
	const struct tn_text *t = &r->tn;
	size_t b = m->tok_end, end;
	if (m->type == GZ_COMPANY) {
		/* "TSMC Arizona", "Apple UK": a unit named by its place */
		struct tt_match pm;
		if (b < t->n && !(t->tok[b].flags & (TN_NEWLINE)) && (t->tok[b].flags & TN_CAP) &&
		    tt_longest(&x->gz->aliases, t, b, t->n, &pm, &r->scratch)) {
			const struct gz_entity *pe = &x->gz->ents[pm.payload[0] & GZ_ALIAS_ENTITY];
			if (pe->type == GZ_GOV && pm.n == 1 &&
			    ((pe->flags & GZ_STATE) || strcmp(pe->kind, "subnational") == 0) &&
			    !(pm.tok_end < t->n && tok_is(t, pm.tok_end, "'")))
				b = pm.tok_end;
		}
		for (int k = 0; k < 3; k++) {
			size_t j = b;
			if (j < t->n && tok_is(t, j, ","))
				j++;
			if (j < t->n && !(t->tok[j].flags & TN_NEWLINE) &&
			    set_at(&x->words[EW_SUFFIX], t, j, t->n, &end, &r->scratch))
				b = end;
			else
				break;
		}
	} else if (m->type == GZ_LAW) {
		size_t j = b;
		/* "No. 151 of 2020": a number, then maybe its year */
		if (j + 1 < t->n && tok_is(t, j, "no") && !(t->tok[j].flags & TN_NEWLINE)) {
			size_t q = j + 1 +
			           (tok_is(t, j + 1, ".") && !(t->tok[j + 1].flags & TN_SPACE));
			if (q < t->n && (t->tok[q].flags & TN_DIGITS) && t->tok[q].fold_len <= 4) {
				b = j = q + 1;
				if (j + 1 < t->n && tok_is(t, j, "/") &&
				    !(t->tok[j].flags & TN_SPACE) &&
				    !(t->tok[j + 1].flags & TN_SPACE))
					j++; /* "No. 27/2022" */
			}
		}
		if (j < t->n && tok_is(t, j, "of"))
			j++;
		if (j < t->n && (t->tok[j].flags & TN_DIGITS) && !(t->tok[j].flags & TN_NEWLINE) &&
		    t->tok[j].fold_len == 4 &&
		    (t->fold.buf[t->tok[j].fold_off] == '1' ||
		     t->fold.buf[t->tok[j].fold_off] == '2'))
			b = j + 1;
	} else if (m->type == GZ_GOV && m->ent != GZ_NONE &&
	           (x->gz->ents[m->ent].flags & GZ_STATE)) {
		if (b < t->n && !(t->tok[b].flags & TN_NEWLINE) &&
		    set_at(&x->words[EW_GOV_WORD], t, b, b + 1, &end, &r->scratch))
			b = end;
	}
	if (b != m->tok_end)
		set_span(t, m, m->tok_start, b);
}

/* "<person> administration" is the state of the person; a demonym +
 * "government" ("Ruritanian government") is the state too. */
static void person_and_demonym_governments(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	size_t n0 = r->n, end;
	for (size_t i = 0; i < n0; i++) {
		struct ent_mention *m = &r->m[i];
		if (m->type != GZ_PERSON || m->ent == GZ_NONE)
			continue;
		size_t b = m->tok_end;
		if (b >= t->n || (t->tok[b].flags & TN_NEWLINE) ||
		    !set_at(&x->words[EW_GOV_WORD], t, b, b + 1, &end, &r->scratch))
			continue;
		const struct gz_entity *p = &x->gz->ents[m->ent];
		const char *cc = p->country;
		if (!cc[0] && p->affiliation[0]) {
			uint32_t a = gz_find_id(x->gz, p->affiliation);
			if (a != GZ_NONE)
				cc = x->gz->ents[a].country;
		}
		uint32_t st = cc[0] ? gz_find(x->gz, GZ_GOV, cc) : GZ_NONE;
		if (st == GZ_NONE)
			continue;
		m->ent = st;
		m->n_cand = 0;
		m->type = GZ_GOV;
		memcpy(m->country, x->gz->ents[st].country, 3);
		set_span(t, m, m->tok_start, end);
	}
	/* Demonym + government word where the gazetteer has no alias. */
	struct tt_match dm;
	for (size_t i = 0; i < t->n; i++) {
		if (!(t->tok[i].flags & TN_CAP) || !demonym_at(x, t, i, t->n, &dm, &r->scratch))
			continue;
		size_t b = dm.tok_end;
		if (b < t->n && !(t->tok[b].flags & TN_NEWLINE) &&
		    set_at(&x->words[EW_GOV_WORD], t, b, b + 1, &end, &r->scratch)) {
			struct ent_mention *m = new_mention(r);
			set_span(t, m, i, end);
			m->src = ENT_GAZ;
			m->ent = dm.payload[0];
			m->type = GZ_GOV;
			memcpy(m->country, x->gz->ents[m->ent].country, 3);
			i = end - 1;
		}
	}
}

/* ------------------------------------------------------------ selection */

/* Mention indices by length, longest first (qsort_r: no global state). */
static int by_length(const void *pa, const void *pb, void *ctx)
{
	const struct ent_result *r = ctx;
	const struct ent_mention *a = &r->m[*(const uint32_t *)pa];
	const struct ent_mention *b = &r->m[*(const uint32_t *)pb];
	uint32_t la = a->cp_end - a->cp_start, lb = b->cp_end - b->cp_start;
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	if (a->cp_start != b->cp_start)
		return a->cp_start < b->cp_start ? -1 : 1;
	return 0;
}

static int by_start(const void *pa, const void *pb)
{
	const struct ent_mention *a = pa, *b = pb;
	if (a->cp_start != b->cp_start)
		return a->cp_start < b->cp_start ? -1 : 1;
	return a->cp_end < b->cp_end ? -1 : a->cp_end > b->cp_end;
}

/* Head words whose named bodies are nearly always a state's: a form
 * name ending in one ("Competition Commission") is a body in its own
 * right.  "Council", "Board" and the like also head NGOs and trade
 * bodies ("Marine Stewardship Council"), so they are not here. */
static int state_head(const struct tn_text *t, size_t i)
{
	static const char *const heads[] = {
	        "commission",   "authority",   "agency",   "ministry",  "department",
	        "office",       "court",       "tribunal", "regulator", "bureau",
	        "inspectorate", "directorate", NULL};
	return tok_in(t, i, heads);
}

/* Longest first; a rule's span that holds a gazetteer match of another
 * type (a company name inside "X Office") loses to it. */
static void select_mentions(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	if (r->taken_alloc < t->n + 1) {
		free(r->taken);
		r->taken_alloc = t->n + 1;
		r->taken = xmalloc(r->taken_alloc);
	}
	memset(r->taken, 0, t->n + 1);
	/* Most texts: gazetteer matches only, already in order and apart. */
	int plain = 1;
	for (size_t i = 0; i < r->n && plain; i++)
		plain = !r->m[i].dead && r->m[i].src == ENT_GAZ &&
		        (i == 0 || r->m[i - 1].tok_end <= r->m[i].tok_start);
	if (plain) {
		for (size_t i = 0; i < r->n; i++)
			memset(r->taken + r->m[i].tok_start, 1,
			       r->m[i].tok_end - r->m[i].tok_start);
		return;
	}
	uint32_t *order = xmalloc((r->n + 1) * sizeof(*order));
	for (size_t i = 0; i < r->n; i++)
		order[i] = (uint32_t)i;
	for (size_t i = 0; i < r->n; i++) {
		struct ent_mention *m = &r->m[i];
		if (m->src != ENT_RULE)
			continue;
		for (size_t j = 0; j < r->n; j++) {
			const struct ent_mention *g = &r->m[j];
			/* Countries and bodies may sit inside a law's or a
			 * body's name ("Regulation (EU) ..."): length decides. */
			if (g->src != ENT_GAZ || g->type == m->type || g->type == GZ_GOV || g->dead)
				continue;
			/* a law may be named after anyone ("Epic Games v. Apple") */
			if (m->type == GZ_LAW)
				continue;
			if (g->tok_start < m->tok_end && m->tok_start < g->tok_end) {
				m->dead = 1;
				break;
			}
		}
		/* A form rule around a known body ("Office of <known body>")
		 * names nothing new. */
		for (size_t j = 0; j < r->n && m->type == GZ_GOV && !m->dead; j++) {
			struct ent_mention *g = &r->m[j];
			if (g->src != ENT_GAZ || g->type != GZ_GOV || g->ent == GZ_NONE ||
			    (x->gz->ents[g->ent].flags & GZ_STATE) || g->tok_start < m->tok_start ||
			    g->tok_end > m->tok_end ||
			    (g->tok_start == m->tok_start && g->tok_end == m->tok_end))
				continue;
			/* a head word alone ("Commission" read as the European
			 * Commission) is the rule name's own head, not a known
			 * body inside it: "Competition Commission" */
			if (g->tok_end - g->tok_start == 1 && state_head(&r->tn, g->tok_start))
				continue;
			if (g->tok_start == m->tok_start && tok_is(&r->tn, g->tok_end, "of")) {
				/* "General Court of the European Union": the known
				 * body, named with its owner */
				size_t s = g->tok_end + 1 + tok_is(&r->tn, g->tok_end + 1, "the");
				size_t cs;
				if (country_before(x, r, m->tok_end, s, &cs) != GZ_NONE &&
				    cs == s) {
					set_span(&r->tn, g, g->tok_start, m->tok_end);
					m->dead = 1;
				}
				continue; /* else a longer name of another body */
			}
			m->dead = 1;
		}
	}
	qsort_r(order, r->n, sizeof(*order), by_length, r);
	for (size_t k = 0; k < r->n; k++) {
		struct ent_mention *m = &r->m[order[k]];
		if (m->dead)
			continue;
		int free_span = 1;
		for (size_t i = m->tok_start; i < m->tok_end; i++)
			free_span &= !r->taken[i];
		if (!free_span) {
			m->dead = 1;
			continue;
		}
		memset(r->taken + m->tok_start, 1, m->tok_end - m->tok_start);
	}
	free(order);
	size_t w = 0;
	for (size_t i = 0; i < r->n; i++)
		if (!r->m[i].dead)
			r->m[w++] = r->m[i];
	r->n = w;
	qsort(r->m, r->n, sizeof(*r->m), by_start);
}

/* ------------------------------------------------------------ pass 4: composition */

static int is_state(const struct ent_extractor *x, const struct ent_mention *m)
{
	return m->type == GZ_GOV && m->ent != GZ_NONE && m->id_off == GZ_NONE &&
	       (x->gz->ents[m->ent].flags & GZ_STATE) && m->n_cand <= 1;
}

/* "UK Home Office", "Irish Data Protection Commission": one span. */
static void join_countries(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	for (size_t i = 0; i < r->n; i++) {
		struct ent_mention *m = &r->m[i];
		if (m->type != GZ_GOV || is_state(x, m) || m->dead)
			continue;
		if (m->tok_start == 0 || (t->tok[m->tok_start].flags & TN_NEWLINE))
			continue;
		struct ent_mention *p = i > 0 ? &r->m[i - 1] : NULL;
		uint32_t ce = GZ_NONE;
		size_t st = m->tok_start;
		if (p && !p->dead && p->tok_end == m->tok_start && m->ent != GZ_NONE &&
		    m->id_off == GZ_NONE && p->type == GZ_GOV && p->ent != GZ_NONE &&
		    p->id_off == GZ_NONE &&
		    strcmp(x->gz->ents[m->ent].parent, x->gz->ents[p->ent].id) == 0) {
			/* "White House National Economic Council": a body
			 * named with the body above it */
			set_span(t, m, p->tok_start, m->tok_end);
			p->dead = 1;
			continue;
		}
		if (p && !p->dead && p->tok_end == m->tok_start && is_state(x, p) &&
		    x->gz->ents[p->ent].country[0]) {
			ce = p->ent;
			st = p->tok_start;
			p->dead = 1;
		} else if (!r->taken[m->tok_start - 1]) {
			size_t s;
			uint32_t d = country_before(x, r, m->tok_start, 0, &s);
			if (d != GZ_NONE) {
				int free_span = 1;
				for (size_t k = s; k < m->tok_start; k++)
					free_span &= !r->taken[k];
				if (free_span && t->tok[s].kind == TN_WORD) {
					ce = d;
					st = s;
				}
			}
		}
		if (ce == GZ_NONE)
			continue;
		const char *cc = x->gz->ents[ce].country;
		if (m->src == ENT_GAZ) {
			choose(x, r, m, cc);
		} else if (strcmp(m->country, cc) != 0) {
			/* A rule-made body takes the country it is joined to. */
			const char *old = r->arena.buf + m->id_off;
			const char *slash = strchr(old, '/');
			struct strbuf id = STRBUF_INIT;
			sb_addf(&id, "%s%s", cc, slash ? slash : "/x");
			m->id_off = arena_add(&r->arena, id.buf, id.len);
			sb_release(&id);
			memcpy(m->country, cc, 3);
		}
		set_span(t, m, st, m->tok_end);
		memset(r->taken + st, 1, m->tok_end - st);
	}
}

/* Last word of a name, folded, equal to the head word at token i? */
static int name_has_head(const struct ent_extractor *x, struct ent_result *r, const char *name,
                         size_t i)
{
	const struct tn_text *t = &r->tn;
	const char *h = t->fold.buf + t->tok[i].fold_off;
	size_t hl = t->tok[i].fold_len;
	size_t nl = strlen(name);
	for (size_t k = 0; k + hl <= nl; k++) {
		if (strncasecmp(name + k, h, hl) != 0)
			continue;
		int left = k == 0 || name[k - 1] == ' ';
		int right = k + hl == nl || name[k + hl] == ' ' || name[k + hl] == ',';
		if (left && right)
			return 1;
	}
	(void)x;
	return 0;
}

/* "the Commission" after "the European Commission": the same body. */
static void head_references(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	size_t n0 = r->n, end;
	size_t mi = 0;
	for (size_t i = 0; i < t->n; i++) {
		while (mi < n0 && r->m[mi].tok_end <= i)
			mi++;
		if (!(t->tok[i].flags & TN_CAP) || !word_in(x, r, EW_HEAD, i))
			continue;
		/* a mention of the head word alone from the gazetteer may be
		 * replaced; any longer mention stays */
		struct ent_mention *own = NULL;
		if (mi < n0 && r->m[mi].tok_start <= i) {
			own = &r->m[mi];
			if (own->tok_start != i || own->tok_end != i + 1 || own->src != ENT_GAZ)
				continue;
		}
		/* A role title ("Commission President"): no. */
		if (i + 1 < t->n && set_at(&x->words[EW_HEAD], t, i + 1, i + 2, &end, &r->scratch))
			continue;
		const struct ent_mention *ante = NULL;
		for (size_t k = mi; k-- > 0;) {
			const struct ent_mention *c = &r->m[k];
			if (c->dead || c->type != GZ_GOV || is_state(x, c) || c->tok_end > i)
				continue;
			if (name_has_head(x, r, ent_mention_name(x, r, c), i)) {
				ante = c;
				break;
			}
		}
		if (!ante)
			continue;
		struct ent_mention tmp = *ante;
		set_span(t, &tmp, i, i + 1);
		tmp.src = ENT_GAZ;
		if (own) {
			*own = tmp;
		} else {
			struct ent_mention *m = new_mention(r);
			*m = tmp;
			r->taken[i] = 1;
		}
	}
	qsort(r->m, r->n, sizeof(*r->m), by_start);
}

/* ------------------------------------------------------------ unknown people */

/* Words of one unknown name at most (initials and particles aside). */
#define NAME_MAX_WORDS 4

/* Capitals inside a word ("OpenAI", "iPhone") mark a brand, except after
 * a name prefix ("McAllister", "DeSantis", "MacKenzie"). */
static int inner_capitals(const struct tn_text *t, size_t i)
{
	const struct tn_token *k = &t->tok[i];
	if (!(k->flags & TN_ASCII))
		return 0;
	const char *s = t->src + k->start;
	size_t n = k->end - k->start, from = 1;
	if (n > 2 &&
	    (memcmp(s, "Mc", 2) == 0 || memcmp(s, "De", 2) == 0 || memcmp(s, "La", 2) == 0 ||
	     memcmp(s, "Le", 2) == 0 || memcmp(s, "Di", 2) == 0))
		from = 3;
	else if (n > 3 && memcmp(s, "Mac", 3) == 0)
		from = 4;
	for (size_t k2 = from; k2 < n; k2++)
		if (s[k2] >= 'A' && s[k2] <= 'Z')
			return 1;
	return 0;
}

/* May token i be a word of an unknown person's name?  Capitalised, not
 * in capitals, no number, not taken by a mention, and in no word class
 * that names something else (a title, a role, a stop word, a month). */
static int name_word(const struct ent_extractor *x, struct ent_result *r, size_t i)
{
	const struct tn_text *t = &r->tn;
	if (i >= t->n)
		return 0;
	const struct tn_token *k = &t->tok[i];
	if (k->kind != TN_WORD || !(k->flags & TN_CAP) || (k->flags & (TN_ALLCAPS | TN_DIGITS)) ||
	    r->taken[i] || inner_capitals(t, i))
		return 0;
	if (set_at(&x->not_name, t, i, i + 1, NULL, &r->scratch))
		return 0;
	return 1;
}

/* A punctuation token glued to both neighbours ("Ortiz-Vega", "O'Neil"). */
static int glued(const struct tn_text *t, size_t i)
{
	return i + 1 < t->n && t->tok[i].kind == TN_PUNCT && !(t->tok[i].flags & TN_SPACE) &&
	       !(t->tok[i + 1].flags & TN_SPACE) && (tok_is(t, i, "-") || tok_is(t, i, "'"));
}

/* The name run starting at token a: its end, and how many name words it
 * holds (an initial "K." counts, a hyphenated name once, particles not). */
static size_t name_run(const struct ent_extractor *x, struct ent_result *r, size_t a, size_t *words)
{
	const struct tn_text *t = &r->tn;
	size_t k = a;
	*words = 0;
	while (name_word(x, r, k)) {
		if (k > a && (t->tok[k].flags & (TN_NEWLINE | TN_SENT_START)))
			break;
		(*words)++;
		k++;
		/* an initial: "K." */
		if (t->tok[k - 1].cp_end - t->tok[k - 1].cp_start == 1 && tok_is(t, k, ".") &&
		    !(t->tok[k].flags & TN_SPACE))
			k++;
		/* a hyphenated or apostrophe name */
		while (glued(t, k) && name_word(x, r, k + 1))
			k += 2;
		if (k >= t->n || !(t->tok[k].flags & TN_SPACE) || (t->tok[k].flags & TN_NEWLINE))
			break;
		/* "de", "van der", "bin" before the next name word */
		size_t p = k;
		while (p < k + 2 && p < t->n && word_in(x, r, EW_NAME_PARTICLE, p) &&
		       !(t->tok[p].flags & TN_NEWLINE))
			p++;
		if (p > k && p < t->n && !(t->tok[p].flags & TN_NEWLINE) && name_word(x, r, p))
			k = p;
	}
	return k;
}

/* Does a key of class `cls` end exactly at token `end`, starting in the
 * same line at most `span` tokens before?  Its start in *start. */
static int class_ends_at(const struct ent_extractor *x, struct ent_result *r, int cls, size_t end,
                         size_t span, size_t *start)
{
	const struct tn_text *t = &r->tn;
	size_t e;
	for (size_t k = 1; k <= span && k <= end; k++) {
		if (t->tok[end - k + 1].flags & TN_NEWLINE && k > 1)
			break;
		if (set_at(&x->words[cls], t, end - k, end, &e, &r->scratch) && e == end) {
			if (start)
				*start = end - k;
			return 1;
		}
	}
	return 0;
}

/* A cue before the name at token a: a title ("Judge"), a role noun
 * ("spokeswoman", "chief executive"), a role with its body ("Minister
 * for Home Affairs"), or a speech verb ("said"). */
static int cue_before(const struct ent_extractor *x, struct ent_result *r, size_t a)
{
	const struct tn_text *t = &r->tn;
	size_t s;
	if (a == 0 || (t->tok[a].flags & TN_NEWLINE))
		return 0;
	/* "former" alone only strips a title from a known name */
	if (class_ends_at(x, r, EW_TITLE, a, 3, &s) && !(a - s == 1 && tok_is(t, s, "former")))
		return 1;
	if (class_ends_at(x, r, EW_ROLE_AFTER, a, 2, NULL) ||
	    class_ends_at(x, r, EW_PERSON_CUE, a, 2, NULL) ||
	    (word_in(x, r, EW_SPEECH_VERB, a - 1) && !(t->tok[a - 1].flags & TN_CAP)))
		return 1;
	/* "Minister for Ports J. Bloggs": a role, its portfolio */
	size_t k = a;
	while (k > 0 && a - k < 5 && !(t->tok[k].flags & TN_NEWLINE) &&
	       t->tok[k - 1].kind == TN_WORD && (t->tok[k - 1].flags & TN_CAP))
		k--;
	return k < a && role_title(x, r, k);
}

/* A role noun ("lawyer", "Secretary", "chief executive") starts at token k. */
static int role_noun_at(const struct ent_extractor *x, struct ent_result *r, size_t k, size_t *end)
{
	const struct tn_text *t = &r->tn;
	return set_at(&x->words[EW_PERSON_CUE], t, k, t->n, end, &r->scratch) ||
	       set_at(&x->words[EW_TITLE], t, k, t->n, end, &r->scratch) ||
	       set_at(&x->words[EW_ROLE_AFTER], t, k, t->n, end, &r->scratch);
}

/* A cue after the name ending at token b: a suffix ("KC"), a speech verb
 * ("said", "on Tuesday said"), an age (", 41,"), or an apposition naming a role (", a
 * spokesman for", ", the former judge"; but not ", a spokesman said",
 * whose spokesman is someone else). */
static int cue_after(const struct ent_extractor *x, struct ent_result *r, size_t b)
{
	static const char *const det[] = {"a", "an", "the", "who", "senior", "former", NULL};
	const struct tn_text *t = &r->tn;
	size_t end;
	if (b >= t->n || (t->tok[b].flags & TN_NEWLINE))
		return 0;
	if (word_in(x, r, EW_PERSON_SUFFIX, b))
		return 1;
	size_t v = b;
	while (v < t->n && v < b + 3 && !(t->tok[v].flags & TN_NEWLINE) &&
	       word_in(x, r, EW_TIME_WORD, v))
		v++;
	if (v < t->n && !(t->tok[v].flags & TN_NEWLINE) && word_in(x, r, EW_SPEECH_VERB, v))
		return 1;
	/* an age: "X Y, 41, was charged", "X Y (41)" */
	if (b + 2 < t->n && (tok_is(t, b, ",") || tok_is(t, b, "(")) &&
	    (t->tok[b + 1].flags & TN_DIGITS) && t->tok[b + 1].fold_len == 2 &&
	    t->fold.buf[t->tok[b + 1].fold_off] != '0' &&
	    (tok_is(t, b + 2, ",") || tok_is(t, b + 2, ")")) &&
	    (tok_is(t, b, "(") == tok_is(t, b + 2, ")")))
		return 1;
	if (!tok_is(t, b, ",") || b + 2 >= t->n)
		return 0;
	int hit = tok_in(t, b + 1, det);
	/* ", Ghana's minister for ...": an owner's possessive for the article */
	size_t k0 = b + 2;
	if (!hit && b + 4 < t->n && t->tok[b + 1].kind == TN_WORD &&
	    (t->tok[b + 1].flags & TN_CAP) && tok_is(t, b + 2, "'") && tok_is(t, b + 3, "s") &&
	    !(t->tok[b + 3].flags & TN_SPACE))
		hit = 1, k0 = b + 4;
	/* ", chairman of the authority", ", chief technology officer of":
	 * a role noun right after the comma, its organisation after it */
	if (!hit && role_noun_at(x, r, b + 1, &end)) {
		size_t q = end;
		while (q < t->n && q < end + 2 && t->tok[q].kind == TN_WORD &&
		       !(t->tok[q].flags & TN_CAP) && !tok_is(t, q, "of") && !tok_is(t, q, "at") &&
		       !tok_is(t, q, "for"))
			q++; /* "chief technology officer" */
		return q < t->n &&
		       (tok_is(t, q, "of") || tok_is(t, q, "at") || tok_is(t, q, "for"));
	}
	if (!hit)
		return 0;
	/* the role noun within three words: ", a senior Acme lawyer", ", the
	 * agency's director general" */
	for (size_t k = k0, words = 0; k < t->n && words < 3; k++) {
		if (t->tok[k].flags & TN_NEWLINE)
			return 0;
		if (k + 1 < t->n && tok_is(t, k, "'") && tok_is(t, k + 1, "s") &&
		    !(t->tok[k + 1].flags & TN_SPACE) && k > k0) {
			k++; /* "the agency's" */
			continue;
		}
		if (t->tok[k].kind != TN_WORD)
			return 0;
		if (role_noun_at(x, r, k, &end))
			return !(end < t->n && word_in(x, r, EW_SPEECH_VERB, end));
		words++;
	}
	return 0;
}

/* Do tokens [a, b) hold a known alias or a demonym anywhere? */
static int holds_known_name(const struct ent_extractor *x, struct ent_result *r, size_t a, size_t b)
{
	const struct tn_text *t = &r->tn;
	struct tt_match m;
	for (size_t k = a; k < b; k++)
		if (t->tok[k].kind == TN_WORD &&
		    (tt_longest(&x->gz->aliases, t, k, b, &m, &r->scratch) ||
		     demonym_at(x, t, k, b, &m, &r->scratch)))
			return 1;
	return 0;
}

/* Same words, same case: tokens [a, b) and [c, d). */
static int same_tokens(const struct tn_text *t, size_t a, size_t b, size_t c, size_t d)
{
	if (b - a != d - c)
		return 0;
	for (size_t k = 0; k < b - a; k++) {
		const struct tn_token *p = &t->tok[a + k], *q = &t->tok[c + k];
		if (p->hash != q->hash || p->end - p->start != q->end - q->start ||
		    memcmp(t->src + p->start, t->src + q->start, p->end - p->start) != 0)
			return 0;
	}
	return 1;
}

struct name_cand {
	uint64_t key; /* hash of the name's tokens */
	uint32_t a, b;
	uint8_t cued;   /* next to a cue */
	uint8_t vetoed; /* where a place or a firm stands ("at X", "X spokesman") */
};

static int by_key(const void *pa, const void *pb)
{
	const struct name_cand *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->a < b->a ? -1 : a->a > b->a;
}

/* An occurrence of a name that says it is no person: after "at", "in"
 * ("at Whole Shops"), or before a role noun or a service noun, as the
 * employer or the product ("a Whole Shops spokeswoman", "Acme Widget
 * users"). */
static int not_person_here(const struct ent_extractor *x, struct ent_result *r, size_t a, size_t b)
{
	const struct tn_text *t = &r->tn;
	size_t end;
	if (a > 0 && !(t->tok[a].flags & TN_NEWLINE) && word_in(x, r, EW_NOT_PERSON_BEFORE, a - 1))
		return 1;
	if (b < t->n && !(t->tok[b].flags & TN_NEWLINE) && !(t->tok[b].flags & TN_CAP) &&
	    (set_at(&x->words[EW_PERSON_CUE], t, b, t->n, &end, &r->scratch) ||
	     word_in(x, r, EW_PRODUCT_AFTER, b)))
		return 1;
	return 0;
}

/* A date starts at token k: "July 10, 2025", "4 Apr, 2018", "19.08.2025". */
static int date_at(const struct tn_text *t, size_t k)
{
	static const char *const months[] = {
	        "january", "february",  "march",   "april",    "may",      "june", "july",
	        "august",  "september", "october", "november", "december", "jan",  "feb",
	        "mar",     "apr",       "jun",     "jul",      "aug",      "sep",  "sept",
	        "oct",     "nov",       "dec",     NULL};
	for (int digit_first = 0; digit_first < 2; digit_first++) {
		size_t w = k + (size_t)digit_first, d = digit_first ? k : k + 1;
		if (w >= t->n || d >= t->n || !(t->tok[d].flags & TN_DIGITS))
			continue;
		if (!digit_first && w + 2 < t->n && tok_is(t, w + 1, ".") &&
		    (t->tok[w + 2].flags & TN_DIGITS))
			d = w + 2;                                   /* "Jul. 10" */
		uint32_t dl = t->tok[d].cp_end - t->tok[d].cp_start; /* a day or a year */
		if (dl == 3 || dl > 4)
			continue;
		if (tok_in(t, w, months) && (d != k + 1 || !(t->tok[d].flags & TN_NEWLINE)))
			return 1;
	}
	/* "19.08.2025", "2025-08-19", "08/19/2025": three numbers, one a year */
	if (k + 4 >= t->n)
		return 0;
	for (size_t q = k; q <= k + 4; q += 2)
		if (!(t->tok[q].flags & TN_DIGITS) || (q > k && (t->tok[q].flags & TN_SPACE)) ||
		    (q > k && (t->tok[q - 1].flags & TN_SPACE)))
			return 0;
	if (!(tok_is(t, k + 1, ".") || tok_is(t, k + 1, "/") || tok_is(t, k + 1, "-")) ||
	    t->fold.buf[t->tok[k + 1].fold_off] != t->fold.buf[t->tok[k + 3].fold_off] ||
	    t->tok[k + 3].kind != TN_PUNCT)
		return 0;
	return t->tok[k].cp_end - t->tok[k].cp_start == 4 ||
	       t->tok[k + 4].cp_end - t->tok[k + 4].cp_start == 4;
}

/* A byline: a name (or a list of names) alone on its line next to a
 * line that starts with a date, or followed by "/" or "|" and a date
 * ("Jane Roe | 19.08.2025"). */
static int byline(const struct ent_extractor *x, struct ent_result *r, size_t a, size_t b)
{
	const struct tn_text *t = &r->tn;
	int line_start = a == 0 || (t->tok[a].flags & TN_NEWLINE);
	size_t k = b, w;
	for (int g = 0; line_start && g < 3 && k + 1 < t->n; g++) {
		if (t->tok[k].flags & TN_NEWLINE ||
		    !(tok_is(t, k, ",") || tok_is(t, k, "and") || tok_is(t, k, "&")))
			break;
		size_t e = name_run(x, r, k + 1, &w);
		if (w < 2 || w > NAME_MAX_WORDS)
			break;
		k = e;
	}
	if (k < t->n && !(t->tok[k].flags & TN_NEWLINE))
		return (tok_is(t, k, "|") || tok_is(t, k, "/")) && k + 1 < t->n &&
		       !(t->tok[k + 1].flags & TN_NEWLINE) && date_at(t, k + 1);
	if (!line_start)
		return 0;
	if (k < t->n && date_at(t, k))
		return 1;
	/* the line before: a date alone ("December 8, 2025") */
	if (a == 0)
		return 0;
	size_t p = a - 1;
	while (p > 0 && !(t->tok[p].flags & TN_NEWLINE))
		p--;
	return a - p <= 6 && date_at(t, p);
}

/* "Mr." or "Ms" right before token i: a surname alone names a person. */
static int honorific_before(const struct tn_text *t, size_t i)
{
	static const char *const hon[] = {"mr", "mrs", "ms", NULL};
	if (i == 0 || (t->tok[i].flags & TN_NEWLINE))
		return 0;
	size_t k = i - 1;
	if (tok_is(t, k, ".") && k > 0 && !(t->tok[k].flags & TN_SPACE))
		k--;
	if (!(t->tok[k].flags & TN_CAP) || (k + 1 < i && (t->tok[k + 1].flags & TN_NEWLINE)))
		return 0;
	return tok_in(t, k, hon);
}

/* Unknown people: name runs next to a cue, and the same names elsewhere.
 * A name is judged on all its occurrences: one cue makes every one a
 * person, one occurrence as a place or firm makes none. */
static void unknown_people(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	struct name_cand *c = NULL;
	size_t nc = 0, alloc = 0, n_cued = 0;
	size_t line0 = 0;
	int skip_line = -1;
	for (size_t i = 0; i < t->n;) {
		const struct tn_token *k = &t->tok[i];
		if (k->flags & TN_NEWLINE) { /* a new line: judged when it holds a name */
			line0 = i;
			skip_line = -1;
		}
		if (k->kind != TN_WORD || !(k->flags & TN_CAP) || r->taken[i]) {
			i++;
			continue;
		}
		/* Most capitals start a sentence before a word in lower case:
		 * a name needs a second word, an initial's "." or a joiner. */
		const struct tn_token *nx = i + 1 < t->n ? &t->tok[i + 1] : NULL;
		int hon = honorific_before(t, i) && k->cp_end - k->cp_start > 1;
		if (!hon &&
		    (!nx || (nx->flags & TN_NEWLINE) ||
		     (nx->kind == TN_WORD && !(nx->flags & TN_CAP) &&
		      (nx->end - nx->start > 5 || !word_in(x, r, EW_NAME_PARTICLE, i + 1))) ||
		     (nx->kind == TN_PUNCT && (nx->flags & TN_SPACE)))) {
			i++;
			continue;
		}
		size_t words, b = name_run(x, r, i, &words);
		if (b == i) {
			i++;
			continue;
		}
		/* part of a longer capitalised name ("Jane Doe Foundation") or
		 * word ("Kim Yong-hyun") */
		int longer = b < t->n && t->tok[b].kind == TN_WORD && (t->tok[b].flags & TN_CAP) &&
		             !(t->tok[b].flags & (TN_NEWLINE | TN_SENT_START)) &&
		             !word_in(x, r, EW_PERSON_SUFFIX, b) &&
		             !word_in(x, r, EW_SPEECH_VERB, b);
		longer |= glued(t, b) && t->tok[b + 1].kind == TN_WORD;
		if ((words < 2 && !hon) || words > NAME_MAX_WORDS || longer ||
		    (i > 0 && tok_is(t, i - 1, "the") && !(k->flags & TN_NEWLINE))) {
			i = b;
			continue;
		}
		if (nc == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			c = xrealloc(c, alloc * sizeof(*c));
		}
		uint64_t key = 1469598103934665603ull;
		for (size_t q = i; q < b; q++)
			key = (key ^ t->tok[q].hash) * 1099511628211ull;
		c[nc].key = key;
		c[nc].a = (uint32_t)i;
		c[nc].b = (uint32_t)b;
		int bl = !hon && byline(x, r, i, b);
		c[nc].cued = cue_before(x, r, i) || cue_after(x, r, b);
		/* headlines (title case, capitals) hold no cue */
		if (c[nc].cued && skip_line < 0) {
			size_t line1 = b;
			while (line1 < t->n && !(t->tok[line1].flags & TN_NEWLINE))
				line1++;
			skip_line = title_case(t, line0, line1) || shouting(r, i);
		}
		c[nc].cued &= !skip_line;
		c[nc].cued |= bl && !shouting(r, i); /* a byline is in title case */
		c[nc].vetoed = (uint8_t)not_person_here(x, r, i, b);
		n_cued += c[nc].cued;
		nc++;
		i = b;
	}
	if (!n_cued) {
		free(c);
		return;
	}
	/* group the occurrences of each name (sorting: n log n, not n^2) */
	qsort(c, nc, sizeof(*c), by_key);
	for (size_t g = 0; g < nc;) {
		size_t h = g + 1;
		int cued = c[g].cued, vetoed = c[g].vetoed;
		while (h < nc && c[h].key == c[g].key &&
		       same_tokens(t, c[g].a, c[g].b, c[h].a, c[h].b)) {
			cued |= c[h].cued;
			vetoed |= c[h].vetoed;
			h++;
		}
		/* the same tokens hold the same known names: judged once */
		if (cued && !vetoed)
			vetoed = holds_known_name(x, r, c[g].a, c[g].b);
		for (size_t j = g; j < h; j++)
			c[j].cued = (uint8_t)(cued && !vetoed);
		g = h;
	}
	for (size_t j = 0; j < nc; j++) {
		if (!c[j].cued)
			continue;
		/* "Mr Okonkwo" where a longer name ends in it: the surname
		 * pass makes it that person */
		int known = 0;
		for (size_t q = 0; q < nc && c[j].b - c[j].a == 1 && !known; q++)
			known = c[q].cued && c[q].b - c[q].a > 1 &&
			        t->tok[c[q].b - 1].hash == t->tok[c[j].a].hash;
		for (size_t q = 0; q < r->n && c[j].b - c[j].a == 1 && !known; q++)
			known = r->m[q].type == GZ_PERSON &&
			        r->m[q].tok_end - r->m[q].tok_start > 1 &&
			        t->tok[r->m[q].tok_end - 1].hash == t->tok[c[j].a].hash;
		if (known)
			continue;
		struct ent_mention *m = new_mention(r);
		set_span(t, m, c[j].a, c[j].b);
		m->src = ENT_RULE;
		m->type = GZ_PERSON;
		name_mention(r, m, c[j].a, c[j].b, NULL);
		memset(r->taken + c[j].a, 1, c[j].b - c[j].a);
	}
	free(c);
	qsort(r->m, r->n, sizeof(*r->m), by_start);
}

/* "Amit Mehta ... Mehta said": a person's surname alone, after the full
 * name, is the same person.  The surname must stand alone (not "Mehta
 * Foundation") and not be taken by another mention. */
struct surname {
	uint64_t hash; /* of the surname token */
	uint32_t m;    /* the mention with the full name */
	uint32_t end;  /* ... and where it ends */
};

static int by_surname(const void *pa, const void *pb)
{
	const struct surname *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->m < b->m ? -1 : a->m > b->m;
}

/* One pass over the tokens, whatever the number of people: the surnames
 * (one per person) are sorted by hash and looked up per capitalised
 * word.  The first person named (by start) with that surname before the
 * word takes it. */
static void surnames(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	size_t n0 = r->n, ns = 0;
	struct surname *sn = NULL;
	for (size_t i = 0; i < n0; i++) {
		const struct ent_mention *p = &r->m[i];
		if (p->type != GZ_PERSON || p->tok_end - p->tok_start < 2)
			continue;
		const struct tn_token *last = &t->tok[p->tok_end - 1];
		if (last->kind != TN_WORD || !(last->flags & TN_CAP) ||
		    last->cp_end - last->cp_start < 3)
			continue;
		/* "Ortiz-Vega" is not "Vega" */
		if (glued(t, p->tok_end - 2))
			continue;
		if (!sn)
			sn = xmalloc(n0 * sizeof(*sn));
		sn[ns].hash = last->hash;
		sn[ns].m = (uint32_t)i;
		sn[ns].end = p->tok_end;
		ns++;
	}
	if (!ns)
		return;
	qsort(sn, ns, sizeof(*sn), by_surname);
	/* a person named again adds nothing: keep the first mention of each */
	size_t w = 0;
	for (size_t j = 0, g = 0; j < ns; j++) {
		if (j == 0 || sn[j].hash != sn[j - 1].hash)
			g = w;
		const char *id = ent_mention_id(x, r, &r->m[sn[j].m]);
		int dup = 0;
		for (size_t q = g; q < w && !dup; q++)
			dup = r->m[sn[q].m].type == r->m[sn[j].m].type &&
			      strcmp(ent_mention_id(x, r, &r->m[sn[q].m]), id) == 0;
		if (!dup)
			sn[w++] = sn[j];
	}
	ns = w;
	uint64_t bloom = 0; /* a bit per surname hash: most words miss at once */
	for (size_t j = 0; j < ns; j++)
		bloom |= 1ull << (sn[j].hash >> 58);
	for (size_t k = 0; k < t->n; k++) {
		const struct tn_token *tk = &t->tok[k];
		if (!(bloom & (1ull << (tk->hash >> 58))) || tk->kind != TN_WORD ||
		    !(tk->flags & TN_CAP) || r->taken[k])
			continue;
		size_t lo = 0, hi = ns;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (sn[mid].hash < tk->hash)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = lo; j < ns && sn[j].hash == tk->hash; j++) {
			if (sn[j].end > k)
				continue;
			const struct tn_token *last = &t->tok[sn[j].end - 1];
			size_t nl = last->end - last->start;
			if (tk->end - tk->start != nl ||
			    memcmp(t->src + tk->start, t->src + last->start, nl))
				continue;
			if (k + 1 < t->n && t->tok[k + 1].kind == TN_WORD &&
			    (t->tok[k + 1].flags & TN_CAP) && !(t->tok[k + 1].flags & TN_NEWLINE))
				break;
			if (vetoed(x, r, k, k + 1)) /* "in May" */
				break;
			/* another first name ("Sarah Quill" after "Ada Quill") */
			if (k > 0 && !(tk->flags & (TN_NEWLINE | TN_SENT_START)) &&
			    t->tok[k - 1].kind == TN_WORD && (t->tok[k - 1].flags & TN_CAP) &&
			    !r->taken[k - 1] && !word_in(x, r, EW_TITLE, k - 1) &&
			    !word_in(x, r, EW_PERSON_CUE, k - 1) &&
			    !word_in(x, r, EW_ROLE_AFTER, k - 1))
				break;
			struct ent_mention *m = new_mention(r);
			*m = r->m[sn[j].m]; /* new_mention may move the array */
			set_span(t, m, k, k + 1);
			r->taken[k] = 1;
			break;
		}
	}
	free(sn);
	qsort(r->m, r->n, sizeof(*r->m), by_start);
}

/* Support for a single-word mention m at token a: "Apple's", a subject
 * verb after it ("Meta on Tuesday said"), or a person's possessive before
 * it ("Elon Musk's X"). */
static int local_support(struct ent_extractor *x, struct ent_result *r, size_t i, int needs)
{
	const struct tn_text *t = &r->tn;
	const struct ent_mention *m = &r->m[i];
	size_t a = m->tok_start, b = m->tok_end;
	if (!needs && b + 1 < t->n && tok_is(t, b, "'") && tok_is(t, b + 1, "s") &&
	    !(t->tok[b].flags & TN_SPACE))
		return 1;
	size_t v = b;
	while (v < t->n && v < b + 3 && word_in(x, r, EW_TIME_WORD, v))
		v++;
	if (v < t->n && !(t->tok[v].flags & TN_NEWLINE) && word_in(x, r, EW_SUBJECT_VERB, v))
		return 1;
	return a >= 2 && i > 0 && tok_is(t, a - 1, "s") && tok_is(t, a - 2, "'") &&
	       r->m[i - 1].type == GZ_PERSON && r->m[i - 1].tok_end == a - 2 && !r->m[i - 1].dead;
}

/* A capitalised common word at a sentence start ("Apple", "Meta"), or an
 * alias needing support anywhere ("X"), counts only with support: its own
 * (local_support), or the entity named elsewhere in a way that needs none. */
static void sentence_starts(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	size_t end;
	for (size_t i = 0; i < r->n; i++) {
		struct ent_mention *m = &r->m[i];
		if (m->src != ENT_GAZ || m->tok_end - m->tok_start != 1)
			continue;
		size_t a = m->tok_start;
		int needs = word_in(x, r, EW_NEEDS_SUPPORT, a);
		if (needs && ((a + 1 < t->n && t->tok[a + 1].kind == TN_PUNCT &&
		               !(t->tok[a + 1].flags & TN_SPACE) && !tok_is(t, a + 1, "'") &&
		               !tok_is(t, a + 1, ",")) ||
		              (a > 0 && t->tok[a - 1].kind == TN_PUNCT &&
		               !(t->tok[a].flags & TN_SPACE) && !(t->tok[a].flags & TN_NEWLINE)))) {
			m->dead = 1; /* "X-ray", "X.com" */
			continue;
		}
		/* "Xbox One X", "X Games", "the X button": part of another name */
		if (needs && ((a > 0 && !(t->tok[a].flags & (TN_NEWLINE | TN_SENT_START)) &&
		               ((t->tok[a - 1].kind == TN_WORD && (t->tok[a - 1].flags & TN_CAP)) ||
		                tok_is(t, a - 1, "the"))) ||
		              (a + 1 < t->n && !(t->tok[a + 1].flags & TN_NEWLINE) &&
		               t->tok[a + 1].kind == TN_WORD && (t->tok[a + 1].flags & TN_CAP)))) {
			m->dead = 1;
			continue;
		}
		if (!needs && (!(t->tok[a].flags & TN_SENT_START) || !word_in(x, r, EW_COMMON, a)))
			continue;
		int support = local_support(x, r, i, needs);
		for (size_t k = 0; k < r->n && !support; k++) {
			const struct ent_mention *o = &r->m[k];
			if (k == i || o->dead || o->ent != m->ent || o->id_off != GZ_NONE)
				continue;
			size_t oa = o->tok_start;
			int o_needs = o->tok_end - oa == 1 && set_at(&x->words[EW_NEEDS_SUPPORT], t,
			                                             oa, oa + 1, &end, &r->scratch);
			if (o_needs)
				support = local_support(x, r, k, 1);
			else
				support = o->tok_end - oa > 1 ||
				          !(t->tok[oa].flags & TN_SENT_START) || needs;
		}
		if (!support)
			m->dead = 1;
	}
	size_t w = 0;
	for (size_t i = 0; i < r->n; i++)
		if (!r->m[i].dead)
			r->m[w++] = r->m[i];
	r->n = w;
}

/* Joined by "," "and" "or" only: tokens [a, b) */
static int list_glue(const struct tn_text *t, size_t a, size_t b)
{
	if (b <= a || b - a > 2)
		return 0;
	for (size_t k = a; k < b; k++)
		if (!tok_is(t, k, ",") && !tok_is(t, k, "and") && !tok_is(t, k, "or"))
			return 0;
	return 1;
}

/* Is company mention m named as a service rather than as a firm acting?
 * After a product-before phrase ("apps such as X"); after its owner
 * ("SpaceX's Starlink"); before a service noun in lower case ("Starlink
 * terminals", "Instagram platform": a product name in capitals after it,
 * "Apple iPhones", leaves the firm). */
static int service_mention(struct ent_extractor *x, struct ent_result *r, size_t i)
{
	const struct tn_text *t = &r->tn;
	const struct ent_mention *m = &r->m[i];
	size_t a = m->tok_start, b = m->tok_end, end;
	for (size_t k = 1; k <= 5 && k <= a; k++)
		if (set_at(&x->words[EW_PRODUCT], t, a - k, a, &end, &r->scratch) && end == a)
			return 1;
	if (a >= 2 && tok_is(t, a - 1, "s") && tok_is(t, a - 2, "'") && i > 0 &&
	    r->m[i - 1].type == GZ_COMPANY && r->m[i - 1].tok_end == a - 2 &&
	    r->m[i - 1].ent != m->ent)
		return 1;
	if (b < t->n && !(t->tok[b].flags & TN_NEWLINE) && word_in(x, r, EW_PRODUCT_AFTER, b))
		return 1;
	return 0;
}

/* Services are not the firms: drop them, and the companies listed with
 * them ("Facebook and Instagram platforms", "such as X, Y and Z"). */
static void products(struct ent_extractor *x, struct ent_result *r)
{
	const struct tn_text *t = &r->tn;
	for (size_t i = 0; i < r->n; i++) {
		struct ent_mention *m = &r->m[i];
		if (m->type != GZ_COMPANY || m->dead || !service_mention(x, r, i))
			continue;
		m->dead = 1;
		for (size_t j = i; j > 0; j--) { /* back along the list */
			struct ent_mention *p = &r->m[j - 1];
			if (p->type != GZ_COMPANY || !list_glue(t, p->tok_end, r->m[j].tok_start))
				break;
			p->dead = 1;
		}
		for (size_t j = i + 1; j < r->n; j++) { /* and on */
			struct ent_mention *q = &r->m[j];
			if (q->type != GZ_COMPANY ||
			    !list_glue(t, r->m[j - 1].tok_end, q->tok_start))
				break;
			q->dead = 1;
			i = j;
		}
	}
	size_t w = 0;
	for (size_t i = 0; i < r->n; i++)
		if (!r->m[i].dead)
			r->m[w++] = r->m[i];
	r->n = w;
}

/* ------------------------------------------------------------ driver */

int ent_extract(struct ent_extractor *x, struct ent_result *r, const char *text, size_t n,
                const char *title, size_t title_len)
{
	r->n = 0;
	sb_reset(&r->arena);
	r->dominant[0] = '\0';
	r->n_ranked = 0;
	r->shout_line = r->shout_end = 0;
	if (tn_tokenize(&r->tn, text, n) < 0)
		return -1;
	r->title_tn.n = 0;
	if (title && title_len && tn_tokenize(&r->title_tn, title, title_len) < 0)
		r->title_tn.n = 0;

	gazetteer_pass(x, r);
	find_dominant(x, r);
	for (size_t i = 0; i < r->n; i++)
		choose(x, r, &r->m[i], NULL);
	person_and_demonym_governments(x, r);
	for (size_t i = 0; i < r->n; i++)
		extend(x, r, &r->m[i]);
	rules_pass(x, r);
	select_mentions(x, r);
	join_countries(x, r);
	size_t w = 0;
	for (size_t i = 0; i < r->n; i++)
		if (!r->m[i].dead)
			r->m[w++] = r->m[i];
	r->n = w;
	head_references(x, r);
	unknown_people(x, r);
	surnames(x, r);
	sentence_starts(x, r);
	products(x, r);
	return 0;
}

/* ------------------------------------------------------------ output */

/* Append `s` to a ';'-list; ';' in s becomes ','. */
static void list_add(struct strbuf *out, const char *s)
{
	if (out->len)
		sb_addch(out, ';');
	size_t start = out->len;
	sb_addstr(out, s);
	for (char *p = out->buf + start; (p = strchr(p, ';')); p++)
		*p = ',';
}

static void add_uint(struct strbuf *out, uint32_t v)
{
	char d[12];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		sb_addch(out, d[--n]);
}

void ent_format(const struct ent_extractor *x, const struct ent_result *r, struct strbuf *out)
{
	static const int col_of_type[GZ_NTYPES] = {1, 2, 3, 4, 5};
	for (int c = 0; c < ENT_NCOLS; c++)
		sb_reset(&out[c]);
	/* Hashes of (type, id) and (type, name) decide "first mention"
	 * without comparing strings pairwise; equal hashes are confirmed. */
	uint64_t small[2 * 64];
	uint64_t *h = r->n <= 64 ? small : xmalloc(2 * r->n * sizeof(*h));
	size_t distinct = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct ent_mention *m = &r->m[i];
		const char *id = ent_mention_id(x, r, m);
		const char *name = ent_mention_name(x, r, m);
		h[2 * i] = tn_hash(id, strlen(id)) + m->type;
		h[2 * i + 1] = tn_hash(name, strlen(name)) + m->type;
		if (out[0].len)
			sb_addch(&out[0], ';');
		sb_addstr(&out[0], gz_type_names[m->type]);
		sb_addch(&out[0], ':');
		sb_addstr(&out[0], id);
		sb_addch(&out[0], ':');
		add_uint(&out[0], m->cp_start);
		sb_addch(&out[0], '-');
		add_uint(&out[0], m->cp_end);
		int new_ent = 1, new_name = 1, new_cc = m->type == GZ_GOV && m->country[0];
		for (size_t k = 0; k < i && (new_ent || new_name || new_cc); k++) {
			const struct ent_mention *o = &r->m[k];
			if (new_ent && h[2 * k] == h[2 * i] && o->type == m->type &&
			    strcmp(ent_mention_id(x, r, o), id) == 0)
				new_ent = 0;
			if (new_name && h[2 * k + 1] == h[2 * i + 1] && o->type == m->type &&
			    strcmp(ent_mention_name(x, r, o), name) == 0)
				new_name = 0;
			if (new_cc && o->type == GZ_GOV && memcmp(o->country, m->country, 3) == 0)
				new_cc = 0;
		}
		distinct += new_ent;
		if (new_name)
			list_add(&out[col_of_type[m->type]], name);
		if (new_cc)
			list_add(&out[6], m->country);
	}
	add_uint(&out[7], (uint32_t)distinct);
	if (h != small)
		free(h);
}
