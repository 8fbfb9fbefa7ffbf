/* stance: see stance.h. */
#include "stance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sentences.h"
#ifdef STANCE_DEBUG
#include <stdio.h>
#endif

#define NONE          UINT32_MAX
#define MAX_AGENTS    4
#define SUBJECT_REACH 30 /* tokens scanned left for a subject */
#define OBJECT_REACH  15 /* tokens scanned right for an object */
#define COREF_REACH   60 /* mentions looked back for an antecedent */

struct st_mention {
	int type;
	const char *id;
	size_t idlen;
	size_t cs, ce; /* code points */
	size_t bs, be; /* bytes */
	int ent;
};

struct st_entity {
	const char *id;
	size_t idlen;
	int type;
};

struct st_tokinfo {
	int32_t ment;     /* mention the token is part of, or -1 */
	uint32_t phrase;  /* cue-lexicon phrase starting here, or NONE */
	uint32_t tphrase; /* topic-cue phrase starting here, or NONE */
	uint32_t mphrase; /* measure phrase starting here, or NONE */
	uint8_t plen;     /* length of `phrase` in tokens */
	uint8_t mplen;    /* length of `mphrase` in tokens */
	uint8_t used;     /* 1 consumed by a composed predicate, 2 in an object */
};

struct st_sentence {
	size_t ta, tb; /* tokens */
	size_t cs, ce; /* code points */
	int para;
	int ntopics;      /* in sent_topics */
	int inherited;    /* topics taken from context, not cues */
	int32_t speaker;  /* mention, or -1 */
	int speaker_near; /* the speaker is named in a sentence next to this one */
	size_t speech;    /* token of the speech verb, when there is a speaker */
};

struct st_vote {
	int ent, topic;
	float w;
	int8_t pol;
	int32_t sent;
	int32_t target;  /* entity whose stance this one mirrors, or -1 */
	int8_t fallback; /* polarity when the target's stance is unknown, or 0 */
	int8_t when;     /* -1 a position held before ("initially"), +1 one taken now ("later") */
	uint32_t tok;    /* token of the predicate */
};

/* Words the rules test by identity. */
struct words {
	uint64_t by, to, and_, from, s, comma, that, which, who, for_, under, over, after, but,
	        while_, because, despite, amid, as, since, with, of, period, semi, colon, quest,
	        excl, quote, apos, not_, against, pressure, urging, lobbying, we, our, and_amp, or_,
	        such, including, at, the, expense, cost, than;
};

static struct words W;
static int words_ready;

static void init_words(void)
{
	if (words_ready)
		return;
	W.by = sl_hash_word("by");
	W.to = sl_hash_word("to");
	W.and_ = sl_hash_word("and");
	W.from = sl_hash_word("from");
	W.s = sl_hash_word("'s");
	W.comma = sl_hash_word(",");
	W.that = sl_hash_word("that");
	W.which = sl_hash_word("which");
	W.who = sl_hash_word("who");
	W.for_ = sl_hash_word("for");
	W.under = sl_hash_word("under");
	W.over = sl_hash_word("over");
	W.after = sl_hash_word("after");
	W.but = sl_hash_word("but");
	W.while_ = sl_hash_word("while");
	W.because = sl_hash_word("because");
	W.despite = sl_hash_word("despite");
	W.amid = sl_hash_word("amid");
	W.as = sl_hash_word("as");
	W.since = sl_hash_word("since");
	W.with = sl_hash_word("with");
	W.of = sl_hash_word("of");
	W.period = sl_hash_word(".");
	W.semi = sl_hash_word(";");
	W.colon = sl_hash_word(":");
	W.quest = sl_hash_word("?");
	W.excl = sl_hash_word("!");
	W.quote = sl_hash_word("\"");
	W.apos = sl_hash_word("'");
	W.not_ = sl_hash_word("not");
	W.against = sl_hash_word("against");
	W.pressure = sl_hash_word("pressure");
	W.urging = sl_hash_word("urging");
	W.lobbying = sl_hash_word("lobbying");
	W.we = sl_hash_word("we");
	W.our = sl_hash_word("our");
	W.and_amp = sl_hash_word("&");
	W.or_ = sl_hash_word("or");
	W.such = sl_hash_word("such");
	W.including = sl_hash_word("including");
	W.at = sl_hash_word("at");
	W.the = sl_hash_word("the");
	W.expense = sl_hash_word("expense");
	W.cost = sl_hash_word("cost");
	W.than = sl_hash_word("than");
	words_ready = 1;
}

/* ---------------------------------------------------------------- context */

void stance_ctx_init(struct stance_ctx *c)
{
	memset(c, 0, sizeof(*c));
	sb_init(&c->topics, SIZE_MAX / 2);
	sb_init(&c->stances, SIZE_MAX / 2);
	sb_init(&c->err, 4096);
	init_words();
}

void stance_ctx_release(struct stance_ctx *c)
{
	sb_release(&c->topics);
	sb_release(&c->stances);
	sb_release(&c->err);
	free(c->ment);
	free(c->ent);
	free(c->ent_hash);
	free(c->tok);
	free(c->info);
	free(c->sent);
	free(c->vote);
	free(c->topic_count);
	free(c->topic_first);
	free(c->sent_topics);
	free(c->ent_count);
	memset(c, 0, sizeof(*c));
}

/* Grow *p (of *alloc elements of size sz) to hold at least n. */
static void reserve(void **p, size_t *alloc, size_t n, size_t sz)
{
	if (n <= *alloc)
		return;
	size_t a = *alloc ? *alloc : 16;
	while (a < n)
		a *= 2;
	*p = xrealloc(*p, a * sz);
	*alloc = a;
}

#define RESERVE(ptr, alloc, n) reserve((void **)&(ptr), &(alloc), (n), sizeof(*(ptr)))

/* ---------------------------------------------------------------- mentions */

static int type_bit(const char *s, size_t n)
{
	static const struct {
		const char *name;
		int bit;
	} types[] = {{"GOV", ET_GOV},
	             {"COMPANY", ET_COMPANY},
	             {"PERSON", ET_PERSON},
	             {"ORG", ET_ORG},
	             {"LAW", ET_LAW}};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].name) == n && memcmp(types[i].name, s, n) == 0)
			return types[i].bit;
	return 0;
}

static int parse_size(const char *s, size_t n, size_t *out)
{
	size_t v = 0;
	if (n == 0 || n > 12)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

int stance_parse_mention(const char *s, size_t n, int *type, const char **id, size_t *idlen,
                         size_t *start, size_t *end)
{
	const char *c1 = memchr(s, ':', n);
	const char *c2 = NULL;
	for (size_t i = n; i > 0; i--)
		if (s[i - 1] == ':') {
			c2 = s + i - 1;
			break;
		}
	if (!c1 || c2 == c1)
		return -1;
	*type = type_bit(s, (size_t)(c1 - s));
	*id = c1 + 1;
	*idlen = (size_t)(c2 - c1 - 1);
	const char *span = c2 + 1, *dash = memchr(span, '-', (size_t)(s + n - span));
	if (!*type || !*idlen || !dash)
		return -1;
	if (parse_size(span, (size_t)(dash - span), start) < 0 ||
	    parse_size(dash + 1, (size_t)(s + n - dash - 1), end) < 0 || *start >= *end)
		return -1;
	for (size_t i = 0; i < *idlen; i++)
		if ((*id)[i] == ';' || (*id)[i] == ' ')
			return -1;
	return 0;
}

static int cmp_mention(const void *a, const void *b)
{
	const struct st_mention *p = a, *q = b;
	if (p->cs != q->cs)
		return p->cs < q->cs ? -1 : 1;
	return p->ce > q->ce ? -1 : p->ce < q->ce;
}

static uint64_t id_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* Give every mention the index of its entity (one per distinct id). */
static void build_entities(struct stance_ctx *c)
{
	size_t nb = 16;
	while (nb < c->nment * 2)
		nb *= 2;
	if (nb > c->nent_hash) {
		free(c->ent_hash);
		c->ent_hash = xmalloc(nb * sizeof(*c->ent_hash));
		c->nent_hash = nb;
	}
	nb = c->nent_hash;
	for (size_t b = 0; b < nb; b++)
		c->ent_hash[b] = -1;
	c->nent = 0;
	RESERVE(c->ent, c->aent, c->nment + 1);
	for (size_t i = 0; i < c->nment; i++) {
		struct st_mention *m = &c->ment[i];
		size_t b = (size_t)id_hash(m->id, m->idlen) & (nb - 1);
		for (;;) {
			int32_t e = c->ent_hash[b];
			if (e < 0) {
				c->ent_hash[b] = (int32_t)c->nent;
				c->ent[c->nent].id = m->id;
				c->ent[c->nent].idlen = m->idlen;
				c->ent[c->nent].type = m->type;
				m->ent = (int)c->nent++;
				break;
			}
			if (c->ent[e].idlen == m->idlen && !memcmp(c->ent[e].id, m->id, m->idlen)) {
				m->ent = e;
				break;
			}
			b = (b + 1) & (nb - 1);
		}
	}
}

static int parse_mentions(struct stance_ctx *c, const char *s, size_t n, size_t text_cps)
{
	int bad = 0;
	size_t a = 0;
	c->nment = 0;
	sb_reset(&c->err);
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ';')
			continue;
		size_t b = i;
		while (a < b && s[a] == ' ')
			a++;
		if (b > a) {
			struct st_mention m = {0};
			if (stance_parse_mention(s + a, b - a, &m.type, &m.id, &m.idlen, &m.cs,
			                         &m.ce) < 0 ||
			    m.ce > text_cps) {
				if (!bad)
					sb_addf(&c->err, "bad mention '%.*s'",
					        (int)(b - a > 80 ? 80 : b - a), s + a);
				bad++;
			} else {
				RESERVE(c->ment, c->ament, c->nment + 1);
				c->ment[c->nment++] = m;
			}
		}
		a = i + 1;
	}
	if (c->nment)
		qsort(c->ment, c->nment, sizeof(*c->ment), cmp_mention);
	/* Drop mentions nested in or overlapping an earlier one. */
	size_t k = 0;
	for (size_t i = 0; i < c->nment; i++)
		if (k == 0 || c->ment[i].cs >= c->ment[k - 1].ce)
			c->ment[k++] = c->ment[i];
	c->nment = k;
	build_entities(c);
	return bad;
}

/* Code points in valid UTF-8 are the bytes that are not continuations. */
static size_t count_cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Fill in byte offsets of the (sorted) mentions in one pass. */
static void mention_bytes(struct stance_ctx *c, const char *text, size_t len)
{
	size_t cp = 0, b = 0;
	for (size_t i = 0; i < c->nment; i++) {
		struct st_mention *m = &c->ment[i];
		while (cp < m->cs && b < len) {
			b++;
			while (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
				b++;
			cp++;
		}
		m->bs = b;
		size_t cp2 = cp, b2 = b;
		while (cp2 < m->ce && b2 < len) {
			b2++;
			while (b2 < len && ((unsigned char)text[b2] & 0xC0) == 0x80)
				b2++;
			cp2++;
		}
		m->be = b2;
	}
}

/* ---------------------------------------------------------------- tokens */

static const struct sl_sense *sense_of(const struct stance_lex *lex, uint32_t phrase, int kind)
{
	if (phrase == NONE)
		return NULL;
	const struct sl_phrase *p = &lex->phrases[phrase];
	const struct sl_sense *s = sl_senses(lex, p);
	for (uint32_t k = 0; k < p->nsense; k++)
		if (s[k].kind == kind)
			return &s[k];
	return NULL;
}

/* Greedy longest matches of one lexicon; calls back per match. */
static double match_lex(const struct stance_lex *lex, struct stance_ctx *c, size_t n, int which)
{
	double tone = 0;
	size_t hits = 0;
	for (size_t i = 0; i < n;) {
		size_t pl;
		const struct sl_phrase *p = sl_match(lex, c->tok + i, n - i, &pl);
		if (!p) {
			i++;
			continue;
		}
		uint32_t idx = (uint32_t)(p - lex->phrases);
		if (which == 0) {
			c->info[i].phrase = idx;
			c->info[i].plen = (uint8_t)pl;
		} else if (which == 1) {
			c->info[i].tphrase = idx;
		} else if (which == 3) {
			c->info[i].mphrase = idx;
			c->info[i].mplen = (uint8_t)pl;
		} else {
			const struct sl_sense *sv = sense_of(lex, idx, SK_TONE);
			if (sv) {
				tone += sv->value / 100.0;
				hits++;
			}
		}
		i += pl;
	}
	if (which == 2) {
		tone /= (double)hits + 3.0;
		return tone > 1 ? 1 : tone < -1 ? -1 : tone;
	}
	return 0;
}

static void tokenize(const struct topic_table *t, struct stance_ctx *c, const char *text,
                     size_t len, size_t *ntok)
{
	size_t n = sl_tokenize(text, len, 0, c->tok, c->atok);
	if (n > c->atok) {
		RESERVE(c->tok, c->atok, n);
		n = sl_tokenize(text, len, 0, c->tok, c->atok);
	}
	RESERVE(c->info, c->ainfo, n + 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		struct st_tokinfo *in = &c->info[i];
		while (m < c->nment && c->ment[m].be <= c->tok[i].start)
			m++;
		in->ment = m < c->nment && c->ment[m].bs < c->tok[i].end ? (int32_t)m : -1;
		in->phrase = NONE;
		in->tphrase = NONE;
		in->mphrase = NONE;
		in->plen = 0;
		in->mplen = 0;
		in->used = 0;
	}
	match_lex(&t->cues, c, n, 0);
	match_lex(&t->lex, c, n, 1);
	match_lex(&t->meas, c, n, 3);
	c->tone = match_lex(&t->tone, c, n, 2);
	*ntok = n;
}

static int tok_is(const struct stance_ctx *c, size_t i, size_t tb, uint64_t h)
{
	return i < tb && c->tok[i].hash == h;
}

static int is_stop_punct(const struct sl_token *tk)
{
	return tk->kind == SL_PUNCT && (tk->punct == '.' || tk->punct == ';' || tk->punct == ':' ||
	                                tk->punct == '?' || tk->punct == '!');
}

/* ---------------------------------------------------------------- analysis */

struct run {
	const struct topic_table *t;
	struct stance_ctx *c;
	const char *text;
	size_t ntok;
	int main_topic;          /* the article's dominant topic, or -1 */
	int main_state;          /* entity of the state named most often (twice at least), or -1 */
	int32_t main_state_ment; /* one of its mentions */
	size_t pred;             /* token of the predicate being read (for debugging) */
	int8_t fallback;         /* for relational votes cast now: see st_vote */
};

static const struct sl_sense *tsense(const struct run *r, size_t i, int kind)
{
	if (kind == SK_CUE)
		return sense_of(&r->t->lex, r->c->info[i].tphrase, kind);
	if (kind == SK_MEASURE)
		return sense_of(&r->t->meas, r->c->info[i].mphrase, kind);
	return sense_of(&r->t->cues, r->c->info[i].phrase, kind);
}

static const struct sl_sense *verb_sense(const struct run *r, size_t i, int carry);

/* First token of the mention that token i belongs to. */
static size_t mention_first_tok(const struct run *r, size_t i, size_t ta)
{
	int32_t m = r->c->info[i].ment;
	while (i > ta && r->c->info[i - 1].ment == m)
		i--;
	return i;
}

static size_t mention_end_tok(const struct run *r, size_t i, size_t tb)
{
	int32_t m = r->c->info[i].ment;
	while (i < tb && r->c->info[i].ment == m)
		i++;
	return i;
}

/* The most recent mention whose type is in `types` ending before byte pos. */
static int32_t antecedent(const struct run *r, size_t pos, int types)
{
	const struct stance_ctx *c = r->c;
	size_t lo = 0, hi = c->nment;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->ment[mid].be <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (types & ET_STATE && r->main_state >= 0)
		return r->main_state_ment; /* "the government" */
	for (size_t k = lo, seen = 0; k > 0 && seen < COREF_REACH; k--, seen++) {
		const struct st_mention *m = &c->ment[k - 1];
		if (!(m->type & types))
			continue;
		int body = m->type == ET_GOV && memchr(m->id, '/', m->idlen) != NULL;
		if ((types & ET_BODY && !body) || (types & ET_STATE && body))
			continue;
		return (int32_t)(k - 1);
	}
	if (types & (ET_BODY | ET_STATE)) /* no body or state: any GOV */
		return antecedent(r, pos, types & ~(ET_BODY | ET_STATE));
	return -1;
}

/* Is the token before `i` a preposition (so what starts at i is not a subject)? */
static int after_prep(const struct run *r, size_t i, size_t ta)
{
	if (i <= ta)
		return 0;
	size_t j = i - 1;
	/* "of the UK", "against the Home Office" */
	if (r->c->info[j].phrase != NONE && tsense(r, j, SK_DET) && j > ta)
		j--;
	while (j > ta && r->c->info[j].phrase == NONE && r->c->info[j].ment < 0 &&
	       r->c->tok[j].kind == SL_WORD && j + 2 >= i)
		j--; /* one bare word between: "of rival Google" */
	for (size_t k = j; k < i; k++)
		if (tsense(r, k, SK_PREP))
			return !(k > ta && tsense(r, k - 1, SK_HEAD)); /* "governments in X" */
	/* "wrote to Commission president X", "to Apple chief X": a name
	 * titled by a body (a capitalised word or a mention, then a lower-case
	 * title) that stands after a preposition is governed by it too. */
	size_t t = i - 1;
	const struct sl_token *tk = &r->c->tok[t];
	if (t <= ta + 1 || tk->kind != SL_WORD || tk->cap || r->c->info[t].ment >= 0 ||
	    (r->c->info[t].phrase != NONE && !tsense(r, t, SK_SPOKES)))
		return 0; /* a title is a plain word: not "the", not a verb */
	size_t k = t;
	int32_t m = r->c->info[k - 1].ment;
	if (m >= 0)
		while (k > ta && r->c->info[k - 1].ment == m)
			k--;
	else if (r->c->tok[k - 1].kind == SL_WORD && r->c->tok[k - 1].cap)
		k--;
	else
		return 0;
	if (k > ta + 1 && r->c->info[k - 1].phrase != NONE && tsense(r, k - 1, SK_DET))
		k--;
	return k > ta && tsense(r, k - 1, SK_PREP) && !(k > ta + 1 && tsense(r, k - 2, SK_HEAD));
}

struct agents {
	int32_t m[MAX_AGENTS]; /* mentions */
	float w[MAX_AGENTS];
	int n;
};

static void add_agent(struct agents *a, int32_t m, float w)
{
	if (m < 0)
		return;
	for (int k = 0; k < a->n; k++)
		if (a->m[k] == m)
			return;
	if (a->n < MAX_AGENTS) {
		a->m[a->n] = m;
		a->w[a->n] = w;
		a->n++;
	}
}

static int is_actor(const struct run *r, int32_t m)
{
	return m >= 0 && (r->c->ment[m].type & (ET_GOV | ET_COMPANY | ET_PERSON | ET_ORG));
}

/* Back past title words before a name at token f ("Representative",
 * "Ranking Member"): the first title token, or f. */
static size_t title_left(const struct run *r, size_t f, size_t ta)
{
	size_t k = f;
	int title = 0;
	for (int n = 0; n < 3 && k > ta && r->c->info[k - 1].ment < 0 &&
	                r->c->tok[k - 1].kind == SL_WORD && r->c->tok[k - 1].cap;
	     n++) {
		k--;
		if (tsense(r, k, SK_SPOKES))
			title = 1;
	}
	return title ? k : f;
}

/* "X and Y", "X, Y and Z" to the left of mention starting at token f. */
static void coordinated_left(const struct run *r, size_t f, size_t ta, struct agents *a, float w)
{
	while (f >= ta + 2) {
		f = title_left(r, f, ta);
		if (f < ta + 2)
			return;
		size_t j = f - 1;
		if (tsense(r, j, SK_DET) && j > ta + 1)
			j--; /* "X and the EU" */
		if (!(tok_is(r->c, j, f, W.and_) || tok_is(r->c, j, f, W.comma)))
			return;
		if (tok_is(r->c, j, f, W.and_) && j > ta + 1 && tok_is(r->c, j - 1, f, W.comma))
			j--; /* "X, Y, and Z" */
		if (j <= ta)
			return;
		int32_t m = r->c->info[j - 1].ment;
		if (!is_actor(r, m))
			return;
		add_agent(a, m, w);
		f = mention_first_tok(r, j - 1, ta);
	}
}

/* Past a bracketed aside right after a mention: "Jane Roe (D-CA)". */
static size_t skip_parenthesis(const struct run *r, size_t e, size_t tb)
{
	if (e >= tb || r->c->tok[e].kind != SL_PUNCT || r->c->tok[e].punct != '(')
		return e;
	for (size_t k = e + 1; k < tb && k < e + 8; k++)
		if (r->c->tok[k].kind == SL_PUNCT && r->c->tok[k].punct == ')')
			return k + 1;
	return e;
}

/* Past a determiner and up to three title words ("the", "Ranking Member",
 * "Economy Minister") before a name; returns the token after them. */
static size_t skip_title(const struct run *r, size_t j, size_t tb)
{
	if (j < tb && tsense(r, j, SK_DET))
		j++;
	size_t k = j;
	int title = 0;
	for (size_t n = 0; n < 3 && k < tb && r->c->info[k].ment < 0 &&
	                   r->c->tok[k].kind == SL_WORD && r->c->tok[k].cap;
	     n++, k++)
		if (tsense(r, k, SK_SPOKES))
			title = 1;
		else if (r->c->info[k].phrase != NONE)
			break;
	return title && k < tb && is_actor(r, r->c->info[k].ment) ? k : j;
}

/* "X and Y" to the right of the mention ending before token e; also "X and
 * the Y", "X (R-TX) and Ranking Member Y". */
static void coordinated_right(const struct run *r, size_t e, size_t tb, struct agents *a, float w)
{
	e = skip_parenthesis(r, e, tb);
	while (e + 1 < tb && (tok_is(r->c, e, tb, W.and_) || tok_is(r->c, e, tb, W.comma))) {
		size_t j = skip_title(r, e + 1, tb);
		if (j >= tb)
			return;
		int32_t m = r->c->info[j].ment;
		if (!is_actor(r, m))
			return;
		add_agent(a, m, w);
		e = skip_parenthesis(r, mention_end_tok(r, j, tb), tb);
	}
}

/* Agents after "by" at token j: "issued by the Home Office". */
static int by_agent(const struct run *r, size_t j, size_t tb, struct agents *a)
{
	if (!tok_is(r->c, j, tb, W.by))
		return 0;
	j++;
	/* "by the regulator": the latest body of that kind */
	const struct sl_sense *co = j < tb ? tsense(r, j, SK_COREF) : NULL;
	if (co && (j + r->c->info[j].plen >= tb || r->c->info[j + r->c->info[j].plen].ment < 0) &&
	    !(j + r->c->info[j].plen < tb && r->c->tok[j + r->c->info[j].plen].kind == SL_WORD &&
	      r->c->tok[j + r->c->info[j].plen].cap)) {
		int32_t m = antecedent(r, r->c->tok[j].start, co->types);
		if (m < 0)
			return 0;
		add_agent(a, m, 0.8f);
		return 1;
	}
	if (j < tb && tsense(r, j, SK_DET))
		j++;
	/* a role title between: "by interior minister Jane Roe", "by the
	 * telecoms regulator PTS" */
	for (size_t k = 0;
	     k < 3 && j < tb && r->c->info[j].ment < 0 && r->c->tok[j].kind == SL_WORD &&
	     (r->c->info[j].phrase == NONE || tsense(r, j, SK_SPOKES) || tsense(r, j, SK_BODY));
	     k++)
		j++;
	if (j >= tb || !is_actor(r, r->c->info[j].ment))
		return 0;
	/* "protected by Apple's service": the possessor is no agent */
	if (tok_is(r->c, mention_end_tok(r, j, tb), tb, W.s))
		return 0;
	/* "by Biden enforcers Jane Roe": a name modifying a title is not the
	 * agent; the person the title introduces is */
	size_t e = mention_end_tok(r, j, tb);
	if (e < tb && r->c->tok[e].kind == SL_WORD && r->c->info[e].ment < 0 &&
	    (r->c->info[e].phrase == NONE || tsense(r, e, SK_SPOKES)) &&
	    !tok_is(r->c, e, tb, W.and_) && !tok_is(r->c, e, tb, W.or_) &&
	    !tok_is(r->c, e, tb, W.s))
		for (size_t k = e + 1; k < e + 4 && k < tb && r->c->tok[k].kind == SL_WORD; k++)
			if (is_actor(r, r->c->info[k].ment)) {
				j = k;
				break;
			}
	add_agent(a, r->c->info[j].ment, 1.0f);
	coordinated_right(r, mention_end_tok(r, j, tb), tb, a, 1.0f);
	return 1;
}

static int after_prep(const struct run *r, size_t i, size_t ta);
static int noun_use(const struct run *r, const struct st_sentence *s, size_t i);
static size_t joined_predicate(const struct run *r, const struct st_sentence *s, size_t i);
static int state_body(const struct run *r, const struct st_sentence *s, size_t j, size_t i,
                      int32_t m);

/* Is anything named (an actor, a law) in tokens [a, b)? */
static int mention_between(const struct run *r, size_t a, size_t b)
{
	for (size_t j = a; j < b; j++)
		if (r->c->info[j].ment >= 0)
			return 1;
	return 0;
}

/* The subject of a sentence: its first actor of one of these types not
 * governed by a preposition, among its first words; else -1. */
static int32_t sentence_subject(const struct run *r, const struct st_sentence *s, int types)
{
	for (size_t j = s->ta; j < s->tb && j < s->ta + 12; j++) {
		int32_t m = r->c->info[j].ment;
		if (m < 0)
			continue;
		if ((r->c->ment[m].type & types & ~(ET_STATE | ET_BODY)) &&
		    !after_prep(r, j, s->ta))
			return m;
		return -1; /* the first actor is no subject: do not guess */
	}
	return -1;
}

static int32_t resolve_pronoun(const struct run *r, const struct st_sentence *s, size_t i,
                               const struct sl_sense *p)
{
	if (r->c->tok[i].hash == W.we || r->c->tok[i].hash == W.our)
		return s->speaker;
	/* "Asked if he had ..., Carney said": a pronoun before its speaker */
	if (s->speaker >= 0 && !s->speaker_near && i < s->speech &&
	    (r->c->ment[s->speaker].type & p->types)) {
		int32_t m = antecedent(r, r->c->tok[i].start, p->types);
		if (m < 0 || r->c->ment[m].bs < r->c->tok[s->ta].start)
			return s->speaker;
	}
	/* "The government said it would...": what the noun phrase before it
	 * in the sentence stands for */
	for (size_t j = i; j > s->ta;) {
		j--;
		const struct sl_sense *co = tsense(r, j, SK_COREF);
		if (co && (co->types & p->types & ~(ET_STATE | ET_BODY))) {
			int32_t m = antecedent(r, r->c->tok[j].start, co->types);
			if (m >= 0)
				return m;
		}
	}
	/* "The company said it would appeal": the speaker */
	if (s->speaker >= 0 && !s->speaker_near && i > s->speech &&
	    (r->c->ment[s->speaker].type & p->types))
		return s->speaker;
	/* "Germany has long hesitated, given its ties with China. In 2021 it
	 * passed a law": a pronoun with no name before it in its sentence
	 * stands for the previous sentence's subject, not its last name. */
	if (s > r->c->sent && !mention_between(r, s->ta, i)) {
		int32_t m = sentence_subject(r, s - 1, p->types);
		if (m >= 0)
			return m;
	}
	return antecedent(r, r->c->tok[i].start, p->types);
}

static int word_ends(const struct run *r, size_t i, const char *suffix)
{
	const struct sl_token *tk = &r->c->tok[i];
	size_t n = tk->end - tk->start, k = strlen(suffix);
	return n > k + 1 && memcmp(r->text + tk->end - k, suffix, k) == 0;
}

/* Is token e, right after a mention, the head noun the mention modifies
 * ("US lawmakers", "UK market")?  Then the mention is not the subject. */
static int modified_noun(const struct run *r, size_t e, size_t i)
{
	const struct stance_ctx *c = r->c;
	if (e >= i || c->tok[e].kind != SL_WORD || c->info[e].ment >= 0 || c->tok[e].cap)
		return 0;
	uint64_t h = c->tok[e].hash;
	if (h == W.and_ || h == W.or_ || h == W.which || h == W.who || h == W.that || h == W.s)
		return 0;
	static const int not_nouns[] = {SK_SKIP, SK_PASSIVE, SK_NEGATION, SK_MODAL,
	                                SK_VERB, SK_SPEECH,  SK_PRONOUN,  SK_PREP};
	for (size_t k = 0; k < sizeof(not_nouns) / sizeof(not_nouns[0]); k++)
		if (tsense(r, e, not_nouns[k]))
			return 0;
	return !word_ends(r, e, "ly");
}

/* Is token j inside a cue-lexicon phrase of `kind` that starts before it? */
static int covered_by(const struct run *r, const struct st_sentence *s, size_t j, int kind)
{
	for (size_t b = j; b > s->ta && b + SL_MAX_PHRASE > j; b--) {
		const struct st_tokinfo *in = &r->c->info[b - 1];
		if (in->phrase != NONE && b - 1 + in->plen > j)
			return tsense(r, b - 1, kind) != NULL;
	}
	return 0;
}

/* Does token j start or continue a cue-lexicon phrase of `kind`? */
static int is_kind(const struct run *r, const struct st_sentence *s, size_t j, int kind)
{
	return tsense(r, j, kind) || covered_by(r, s, j, kind);
}

/* Is the word right before the predicate at i (past auxiliaries and
 * adverbs) a plain noun, the subject itself ("restrictions tightened")? */
static int noun_subject(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	size_t j = i;
	while (j > s->ta) {
		j--;
		if (is_kind(r, s, j, SK_SKIP) || is_kind(r, s, j, SK_PASSIVE) ||
		    is_kind(r, s, j, SK_NEGATION) || is_kind(r, s, j, SK_MODAL))
			continue;
		if (c->tok[j].kind == SL_WORD && word_ends(r, j, "ly") && c->info[j].ment < 0)
			continue;
		break;
	}
	if (j == i || c->tok[j].kind != SL_WORD || c->info[j].ment >= 0)
		return 0;
	uint64_t h = c->tok[j].hash;
	if (h == W.and_ || h == W.or_ || h == W.which || h == W.who || h == W.that)
		return 0;
	if (c->info[j].phrase != NONE || covered_by(r, s, j, SK_COREF) ||
	    covered_by(r, s, j, SK_SPOKES) || covered_by(r, s, j, SK_BODY))
		return 0;
	/* "Privacy Watch and Freedomnet sued": a name the gazetteer does not
	 * know, joined to one it knows, is no plain noun */
	size_t f = j;
	while (f > s->ta && c->tok[f - 1].kind == SL_WORD && c->tok[f - 1].cap &&
	       c->info[f - 1].ment < 0 && c->info[f - 1].phrase == NONE && f + 3 > j)
		f--;
	if (c->tok[j].cap && f > s->ta + 1 &&
	    (c->tok[f - 1].hash == W.and_ || c->tok[f - 1].hash == W.comma) &&
	    is_actor(r, c->info[f - 2].ment))
		return 0;
	/* "Foreign Ministry Spokesman Lin Wei criticised": an unknown name
	 * after a title; the body speaks through it */
	if (c->tok[j].cap && f > s->ta && f < j + 1 &&
	    (tsense(r, f - 1, SK_SPOKES) || covered_by(r, s, f - 1, SK_SPOKES)))
		return 0;
	return 1;
}

/* "the UK trade minister", "Dutch officials": a state or body followed
 * by a title acts through the office holder, so the words from token e
 * on being a title (up to i) keep the actor as the subject; a plain noun
 * ("US lawmakers", "Apple users") does not. */
static int titled(const struct run *r, const struct st_sentence *s, size_t e, size_t i)
{
	const struct stance_ctx *c = r->c;
	int title = 0;
	for (size_t k = e; k < i && k < e + 4; k++) {
		if (c->tok[k].kind != SL_WORD || c->info[k].ment >= 0)
			break;
		if (tsense(r, k, SK_SPOKES) || covered_by(r, s, k, SK_SPOKES))
			title = 1;
		else if (c->info[k].phrase != NONE)
			break;
	}
	return title;
}

/* A "that", "which" or "who" in [a, b): a new clause with its own subject. */
static int clause_between(const struct run *r, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		uint64_t h = r->c->tok[k].hash;
		if (h == W.that || h == W.which || h == W.who)
			return 1;
	}
	return 0;
}

/* "X, which/who VERB", "X which has VERB": X if it is an actor, else -1. */
static int32_t relative_antecedent(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	size_t j = i;
	while (j > s->ta) {
		j--;
		if (is_kind(r, s, j, SK_SKIP) || is_kind(r, s, j, SK_PASSIVE) ||
		    is_kind(r, s, j, SK_NEGATION) || is_kind(r, s, j, SK_MODAL) ||
		    (c->tok[j].kind == SL_WORD && word_ends(r, j, "ly") && c->info[j].ment < 0))
			continue;
		break;
	}
	if (j == i || j <= s->ta || !(c->tok[j].hash == W.which || c->tok[j].hash == W.who))
		return -1;
	j--;
	if (c->tok[j].hash == W.comma && j > s->ta)
		j--;
	if (is_actor(r, c->info[j].ment))
		return c->info[j].ment;
	/* "the court's 2020 decision, which struck down": the owner of a
	 * ruling or measure acts through it */
	if (c->info[j].mphrase == NONE && !verb_sense(r, j, 0))
		return -1;
	for (size_t k = j, n = 0; k > s->ta + 1 && n < 5; n++) {
		k--;
		if (c->tok[k].hash == W.s)
			return is_actor(r, c->info[k - 1].ment) ? c->info[k - 1].ment : -1;
		if (c->tok[k].kind == SL_PUNCT ||
		    (c->info[k].ment >= 0 && c->ment[c->info[k].ment].type != ET_LAW))
			return -1;
	}
	return -1;
}

/* "X-backed", "X-funded": a participle joined by a hyphen to the actor
 * before it, an adjective whose agent is that actor. */
static int hyphen_agent(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	return i >= s->ta + 2 && c->tok[i - 1].kind == SL_PUNCT && c->tok[i - 1].punct == '-' &&
	       c->tok[i - 1].start == c->tok[i - 2].end && c->tok[i].start == c->tok[i - 1].end &&
	       is_actor(r, c->info[i - 2].ment) && word_ends(r, i, "ed");
}

/* Is the mention at tokens [f, e) the object of a verb before it ("fined
 * Apple", "directs the ministry to", "warned the Commission against")?
 * Then it is not the subject of what follows. */
static int object_of_verb(const struct run *r, const struct st_sentence *s, size_t f, size_t e)
{
	const struct stance_ctx *c = r->c;
	if (f > s->ta && tsense(r, f - 1, SK_DET))
		f--;
	if (f <= s->ta || c->info[f - 1].ment >= 0)
		return 0;
	/* "a move Beijing condemned": a noun after its determiner */
	if (verb_sense(r, f - 1, 0) && !(f - 1 > s->ta && tsense(r, f - 2, SK_DET)))
		return !tsense(r, f - 1, SK_SPEECH); /* "said Apple would" */
	if (!tsense(r, f - 1, SK_SPEECH) || e >= s->tb)
		return 0;
	uint64_t h = c->tok[e].hash;
	return h == W.to || h == W.against || h == W.not_;
}

/* "the UK's decision to", "a ministry plan to", "its bid to": the owner of
 * the intention noun at token n (a carrier such as plan, move, decision),
 * or -1. */
static int32_t intention_owner(const struct run *r, const struct st_sentence *s, size_t n)
{
	const struct stance_ctx *c = r->c;
	const struct sl_sense *v = verb_sense(r, n, 1);
	if (!v || v->cls != VC_CARRY || c->info[n].ment >= 0 || word_ends(r, n, "ed") ||
	    word_ends(r, n, "ing"))
		return -1;
	size_t j = n;
	/* past an adjective or two: "the UK's controversial decision" */
	while (j > s->ta && j + 2 > n && c->tok[j - 1].kind == SL_WORD && !c->tok[j - 1].cap &&
	       c->info[j - 1].ment < 0 && c->info[j - 1].phrase == NONE)
		j--;
	if (j <= s->ta)
		return -1;
	int32_t m = -1;
	if (c->tok[j - 1].hash == W.s && j - 1 > s->ta)
		m = c->info[j - 2].ment;
	else if (c->info[j - 1].ment >= 0 && c->ment[c->info[j - 1].ment].type != ET_PERSON)
		m = c->info[j - 1].ment; /* "a Treasury decision to" */
	else if (tsense(r, j - 1, SK_DET) && tsense(r, j - 1, SK_PRONOUN))
		m = resolve_pronoun(r, s, j - 1, tsense(r, j - 1, SK_PRONOUN));
	return is_actor(r, m) ? m : -1;
}

/* The subject of a predicate at token i: see stance.h.  *coref is set
 * when it was found through a pronoun or "the company"; returns 0 when
 * the subject is a plain noun ("the backdoor would break"), which no
 * speaker stands in for, else 1. */
static int subject_agents_at(const struct run *r, const struct st_sentence *s, size_t i,
                             struct agents *a, int *coref, int depth);

static int subject_agents(const struct run *r, const struct st_sentence *s, size_t i,
                          struct agents *a, int *coref)
{
	return subject_agents_at(r, s, i, a, coref, 0);
}

/* The finite predicate an infinitive at token `to` + 1 serves: the nearest
 * predicate to the left in the same clause, not itself an infinitive or
 * an intention noun; its token, or 0. */
static size_t purpose_head(const struct run *r, const struct st_sentence *s, size_t to)
{
	const struct stance_ctx *c = r->c;
	for (size_t k = to; k > s->ta + 1;) {
		k--;
		const struct sl_token *tk = &c->tok[k];
		if (is_stop_punct(tk) || tk->hash == W.that || tk->hash == W.which ||
		    tk->hash == W.who)
			return 0;
		if (c->info[k].ment >= 0 || !verb_sense(r, k, 0) || tsense(r, k, SK_DET))
			continue;
		if (c->tok[k - 1].hash == W.to || tsense(r, k - 1, SK_DET) ||
		    c->tok[k - 1].hash == W.s || word_ends(r, k, "ing"))
			return 0;
		return k;
	}
	return 0;
}

/* "Ofcom, the UK regulator, defended": for a predicate at i right after an
 * appositive (", the ... ," or ", a ... ,") that follows the actor opening
 * the sentence, the position of the comma before the appositive, where
 * the subject search starts; else i. */
static size_t before_appositive(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	if (i < s->ta + 4 || c->tok[i - 1].hash != W.comma)
		return i;
	for (size_t k = i - 1; k > s->ta + 1 && i - k <= 10;) {
		k--;
		if (is_stop_punct(&c->tok[k]))
			return i;
		if (c->tok[k].hash != W.comma)
			continue;
		if (k + 2 >= i || !tsense(r, k + 1, SK_DET) || c->info[k - 1].ment < 0 ||
		    !is_actor(r, c->info[k - 1].ment))
			return i;
		/* the actor opens the sentence ("Critics of Apple, the iPhone
		 * maker, said": not Apple) */
		size_t f = mention_first_tok(r, k - 1, s->ta);
		while (f > s->ta && tsense(r, f - 1, SK_DET))
			f--;
		return f == s->ta ? k : i;
	}
	return i;
}

static int subject_agents_at(const struct run *r, const struct st_sentence *s, size_t i,
                             struct agents *a, int *coref, int depth)
{
	const struct stance_ctx *c = r->c;
	*coref = 0;
	if (hyphen_agent(r, s, i)) {
		add_agent(a, c->info[i - 2].ment, 1.0f);
		return 1;
	}
	/* "a notice requiring", "a law banning": the noun is the agent */
	size_t pv = i;
	while (pv > s->ta + 1 && word_ends(r, pv - 1, "ly") && c->info[pv - 1].ment < 0)
		pv--; /* "by entirely removing" */
	if (pv > s->ta && word_ends(r, i, "ing") && c->tok[pv - 1].kind == SL_WORD &&
	    c->info[pv - 1].ment < 0 && !tsense(r, pv - 1, SK_PASSIVE) &&
	    !tsense(r, pv - 1, SK_PREP) && !tsense(r, pv - 1, SK_SKIP) &&
	    !tsense(r, pv - 1, SK_NEGATION) && !tsense(r, pv - 1, SK_PRONOUN) &&
	    !tsense(r, pv - 1, SK_COREF) && c->tok[pv - 1].hash != W.while_ &&
	    c->tok[pv - 1].hash != W.after)
		return 0;
	/* an infinitive nobody carries, or a participle after a comma ("...,
	 * demanding access"): the subject of the sentence acts */
	/* ", demanding", "while criticising", "after challenging" */
	if (i > s->ta && (c->tok[i - 1].hash == W.to ||
	                  ((c->tok[i - 1].hash == W.comma || c->tok[i - 1].hash == W.while_ ||
	                    c->tok[i - 1].hash == W.after) &&
	                   word_ends(r, i, "ing")))) {
		/* "the UK's decision to ban": the owner of the intention */
		size_t n = i - 1; /* "decision not to renew" too */
		if (c->tok[n].hash == W.to && n > s->ta + 1 && tsense(r, n - 1, SK_NEGATION))
			n--;
		int32_t own =
		        c->tok[i - 1].hash == W.to && n > s->ta ? intention_owner(r, s, n - 1) : -1;
		if (own >= 0) {
			add_agent(a, own, 0.9f);
			return 1;
		}
		/* "prompting South Korea to seek", "leading Apple to pull": the
		 * actor right before "to", object of a verb, does what follows */
		if (c->tok[i - 1].hash == W.to && i - 1 > s->ta + 1 && c->info[i - 2].ment >= 0 &&
		    is_actor(r, c->info[i - 2].ment)) {
			size_t f = mention_first_tok(r, i - 2, s->ta);
			if (f > s->ta && c->info[f - 1].ment < 0 && c->tok[f - 1].kind == SL_WORD &&
			    word_ends(r, f - 1, "ing") && !tsense(r, f - 1, SK_PREP)) {
				add_agent(a, c->info[i - 2].ment, 0.8f);
				return 1;
			}
		}
		/* "criticised the government's plan to", "said the decision to":
		 * an intention of someone unnamed is not the subject's */
		if (c->tok[i - 1].hash == W.to && n > s->ta + 1 && verb_sense(r, n - 1, 1) &&
		    verb_sense(r, n - 1, 1)->cls == VC_CARRY && c->info[n - 1].ment < 0 &&
		    (tsense(r, n - 2, SK_DET) || c->tok[n - 2].hash == W.s)) {
			*coref = 0;
			return 0;
		}
		for (size_t j = s->ta; j + 1 < i && j < s->ta + 16; j++) {
			int32_t m = c->info[j].ment;
			if (m < 0)
				continue;
			size_t e = mention_end_tok(r, j, s->tb);
			size_t b = j;
			while (b > s->ta &&
			       (tsense(r, b - 1, SK_DET) || c->tok[b - 1].kind == SL_PUNCT))
				b--;
			int opening = b == s->ta || tok_is(c, j - 1, s->tb, W.comma) ||
			              (j > s->ta + 1 && tok_is(c, j - 2, s->tb, W.comma));
			if (is_actor(r, m) && opening && !after_prep(r, j, s->ta) &&
			    !modified_noun(r, e, i) && e + 25 >= i && !clause_between(r, e, i)) {
				add_agent(a, m, 0.7f);
				coordinated_right(r, e, s->tb, a, 0.7f);
				return 1;
			}
			if (c->ment[m].type != ET_LAW && !after_prep(r, j, s->ta))
				break;
			j = e - 1;
		}
		/* "invoked its powers under the act to ban the apps": an
		 * infinitive of purpose has the subject of the verb it serves */
		size_t k = c->tok[i - 1].hash == W.to && depth == 0 ? purpose_head(r, s, i - 1) : 0;
		if (k && subject_agents_at(r, s, k, a, coref, depth + 1) && a->n > 0) {
			for (int q = 0; q < a->n; q++)
				a->w[q] *= 0.8f;
			return 1;
		}
		a->n = 0;
		*coref = 0;
		return 0; /* no speaker stands in for an uncontrolled infinitive */
	}
	/* "the Ninth Circuit, which affirmed": the relative's antecedent */
	int32_t ante = relative_antecedent(r, s, i);
	if (ante >= 0) {
		add_agent(a, ante, 1.0f);
		/* "X and Y, who raised": both */
		size_t f = i;
		while (f > s->ta && c->info[f - 1].ment != ante)
			f--;
		if (f > s->ta)
			coordinated_left(r, mention_first_tok(r, f - 1, s->ta), s->ta, a, 1.0f);
		return 1;
	}
	/* "a bill that would have introduced": a plain noun's relative
	 * clause has that noun for subject, no actor */
	{
		size_t k = i;
		while (k > s->ta && c->info[k - 1].ment < 0 &&
		       (tsense(r, k - 1, SK_SKIP) || tsense(r, k - 1, SK_MODAL) ||
		        tsense(r, k - 1, SK_NEGATION) || tsense(r, k - 1, SK_TIME)))
			k--;
		if (k > s->ta + 1 &&
		    (c->tok[k - 1].hash == W.that || c->tok[k - 1].hash == W.which) &&
		    c->tok[k - 2].kind == SL_WORD && c->info[k - 2].ment < 0 &&
		    !verb_sense(r, k - 2, 0) && !tsense(r, k - 2, SK_SPEECH) &&
		    !tsense(r, k - 2, SK_PRONOUN) && !tsense(r, k - 2, SK_COREF) &&
		    !covered_by(r, s, k - 2, SK_COREF) && !covered_by(r, s, k - 2, SK_SPEECH))
			return 0;
	}
	/* "X resisted the ban but later agreed to it": a predicate joined by
	 * "but" or "and" to an earlier one shares its subject */
	size_t prev = depth == 0 ? joined_predicate(r, s, i) : 0;
	if (prev) {
		if (subject_agents_at(r, s, prev, a, coref, depth + 1) && a->n > 0)
			return 1;
		a->n = 0;
		*coref = 0;
	}
	i = before_appositive(r, s, i);
	if (noun_subject(r, s, i))
		return 0;
	size_t lo = i > s->ta + SUBJECT_REACH ? i - SUBJECT_REACH : s->ta;
	for (size_t j = i; j > lo;) {
		j--;
		const struct st_tokinfo *in = &c->info[j];
		if (in->ment >= 0) {
			size_t f = mention_first_tok(r, j, s->ta);
			const struct st_mention *m = &c->ment[in->ment];
			if (after_prep(r, f, s->ta)) {
				j = f;
				continue;
			}
			if (m->type == ET_LAW)
				return 0; /* "the act requires": no actor */
			/* "its High Court challenge": a modifier of someone's noun */
			if (f > s->ta && tsense(r, f - 1, SK_DET) && tsense(r, f - 1, SK_PRONOUN))
				return 1;
			if (object_of_verb(r, s, f, mention_end_tok(r, j, s->tb)))
				return 0; /* "directs the ministry to", "warned X against" */
			if (tok_is(c, j + 1, i, W.s) && state_body(r, s, j + 2, i, in->ment)) {
				add_agent(a, in->ment, 0.9f);
				return 1;
			}
			if (modified_noun(r, j + 1, i) &&
			    (m->type == ET_PERSON || !titled(r, s, j + 1, i)))
				return 0; /* "US lawmakers urged": not the US */
			/* "the government's concerns don't": a possessor is no
			 * subject, unless it speaks through its people ("Apple's
			 * lawyers argued") */
			if (tok_is(c, j + 1, i, W.s) && !(j + 2 < i && tsense(r, j + 2, SK_SPOKES)))
				return 1;
			add_agent(a, in->ment, 1.0f);
			coordinated_left(r, f, s->ta, a, 1.0f);
			return 1;
		}
		if (in->phrase == NONE)
			continue;
		const struct sl_sense *p = tsense(r, j, SK_PRONOUN);
		const struct sl_sense *co = tsense(r, j, SK_COREF);
		if (p && tsense(r, j, SK_DET) && !(j + 1 < i && tsense(r, j + 1, SK_SPOKES)))
			return 1; /* "its concerns": a possessor again */
		if (co && tok_is(c, j + in->plen, i, W.s) &&
		    !(j + in->plen + 1 < i && tsense(r, j + in->plen + 1, SK_SPOKES)))
			return 1;
		if ((p || co) && !after_prep(r, j, s->ta)) {
			int32_t m = p ? resolve_pronoun(r, s, j, p)
			              : antecedent(r, c->tok[j].start, co->types);
			if (m >= 0) {
				add_agent(a, m, 0.8f);
				*coref = 1;
			}
			return 1;
		}
	}
	return 1;
}

/* "South Korea's parliament rejected", "Italy's competition authority
 * fined": a body of the state m, named by a common noun after its
 * possessive (past two plain modifiers) and before the predicate at i. */
static int state_body(const struct run *r, const struct st_sentence *s, size_t j, size_t i,
                      int32_t m)
{
	const struct stance_ctx *c = r->c;
	if (c->ment[m].type != ET_GOV)
		return 0;
	for (size_t k = j; k < i && k < j + 3 && k < s->tb; k++) {
		if (c->info[k].ment >= 0 || c->tok[k].kind != SL_WORD)
			return 0;
		if (tsense(r, k, SK_BODY))
			return k + c->info[k].plen <= i;
		if (c->tok[k].cap || c->info[k].phrase != NONE)
			return 0;
	}
	return 0;
}

/* "... but later agreed to", "... and urged": at token i, a predicate
 * joined by a conjunction (past adverbs and time words) to an earlier
 * finite predicate of the sentence; that one's token, or 0. */
static size_t joined_predicate(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	size_t k = i;
	while (k > s->ta && c->info[k - 1].ment < 0 &&
	       (tsense(r, k - 1, SK_SKIP) || tsense(r, k - 1, SK_TIME) ||
	        tsense(r, k - 1, SK_MODAL) || tsense(r, k - 1, SK_NEGATION)))
		k--;
	/* "pulled the service rather than build", "instead of complying" */
	int neg_conj = k > s->ta + 2 &&
	               (c->tok[k - 1].hash == W.than || c->tok[k - 1].hash == W.of) &&
	               tsense(r, k - 2, SK_NEGATION);
	if (neg_conj)
		k--;
	else if (k < s->ta + 2 || (c->tok[k - 1].hash != W.but && c->tok[k - 1].hash != W.and_))
		return 0;
	for (size_t p = k - 1; p > s->ta;) {
		p--;
		if (is_stop_punct(&c->tok[p]))
			return 0;
		if (c->info[p].ment >= 0 || !verb_sense(r, p, 0) || word_ends(r, p, "ing") ||
		    (p > s->ta && c->tok[p - 1].hash == W.to) || noun_use(r, s, p))
			continue;
		return p;
	}
	return 0;
}

/* "told", "tells": what follows is the one spoken to, not the speaker. */
static int tells(const struct run *r, size_t i)
{
	const struct sl_token *t = &r->c->tok[i];
	if (t->end - t->start < 4 || (r->text[t->start] | 32) != 't')
		return 0;
	char a = (char)(r->text[t->start + 1] | 32), b = (char)(r->text[t->start + 2] | 32),
	     d = (char)(r->text[t->start + 3] | 32);
	return (a == 'o' && b == 'l' && d == 'd') || (a == 'e' && b == 'l' && d == 'l');
}

/* The speaker of a sentence: "X said", "said X", "according to X". */
static int32_t find_speaker(const struct run *r, struct st_sentence *s)
{
	for (size_t i = s->ta; i < s->tb; i++) {
		const struct st_tokinfo *in = &r->c->info[i];
		if (in->ment >= 0 || !tsense(r, i, SK_SPEECH))
			continue;
		s->speech = i;
		/* left: "Apple said", "he said" */
		for (size_t j = i, k = 0; j > s->ta && k < 10; k++) {
			j--;
			int32_t m = r->c->info[j].ment;
			if (is_actor(r, m) &&
			    !after_prep(r, mention_first_tok(r, j, s->ta), s->ta) &&
			    (!modified_noun(r, j + 1, i) ||
			     (r->c->ment[m].type != ET_PERSON && titled(r, s, j + 1, i))))
				return m;
			const struct sl_sense *p = tsense(r, j, SK_PRONOUN);
			const struct sl_sense *co = tsense(r, j, SK_COREF);
			if (p && tsense(r, j, SK_DET))
				continue; /* "its creators said" */
			/* "X condemned the move. It said ...": a pronoun opening the
			 * sentence goes on with the previous sentence's speaker */
			const struct st_sentence *prev = s > r->c->sent ? s - 1 : NULL;
			if (p && j == s->ta && prev && prev->para == s->para &&
			    prev->speaker >= 0 && (r->c->ment[prev->speaker].type & p->types) &&
			    r->c->tok[j].hash != W.we)
				return prev->speaker;
			if ((p || co) && r->c->tok[j].hash != W.we)
				return antecedent(r, r->c->tok[j].start, p ? p->types : co->types);
			if (r->c->tok[j].kind == SL_PUNCT && r->c->tok[j].punct != ',')
				break;
		}
		/* right: "said Apple", "said the Commerce Department" */
		size_t e = i + in->plen;
		for (size_t j = e; j < s->tb && j < e + 3 && !tells(r, i); j++) {
			int32_t m = r->c->info[j].ment;
			if (is_actor(r, m)) {
				size_t me = mention_end_tok(r, j, s->tb);
				return modified_noun(r, me, s->tb) &&
				                       (r->c->ment[m].type == ET_PERSON ||
				                        !titled(r, s, me, s->tb))
				               ? -1
				               : m;
			}
			const struct sl_sense *co = tsense(r, j, SK_COREF);
			if (co)
				return antecedent(r, r->c->tok[j].start, co->types);
			if (r->c->tok[j].kind == SL_PUNCT)
				break;
		}
	}
	return -1;
}

/* "Apple spokesperson Jo Bloggs", "Wang, a ministry spokesman": the body
 * a spokesperson speaks for. */
static void spokes_body(const struct run *r, const struct st_sentence *s, int32_t pm,
                        struct agents *a, float w)
{
	const struct stance_ctx *c = r->c;
	size_t f = 0, e = 0;
	for (size_t i = s->ta; i < s->tb; i++)
		if (c->info[i].ment == pm) {
			f = i;
			e = mention_end_tok(r, i, s->tb);
			break;
		}
	if (e == 0)
		return;
	int spokes = 0;
	for (size_t j = f, k = 0; j > s->ta && k < 7; k++) {
		j--;
		if (tsense(r, j, SK_VERB) || is_stop_punct(&c->tok[j]))
			break;
		if (tsense(r, j, SK_SPOKES))
			spokes = 1;
		/* "US Senator Jane Roe and Representative Y": the title is
		 * Y's, the body is Roe's */
		if (tok_is(c, j, s->tb, W.and_) ||
		    (c->info[j].ment >= 0 && c->ment[c->info[j].ment].type == ET_PERSON))
			break;
		if (is_actor(r, c->info[j].ment)) {
			if (spokes)
				add_agent(a, c->info[j].ment, w);
			return;
		}
	}
	/* after: "Wilson, a spokesperson for Apple," */
	spokes = 0;
	for (size_t j = e; j < s->tb && j < e + 7; j++) {
		if (tsense(r, j, SK_VERB) || is_stop_punct(&c->tok[j]))
			break;
		if (tsense(r, j, SK_SPOKES))
			spokes = 1;
		if (is_actor(r, c->info[j].ment) && c->ment[c->info[j].ment].type != ET_PERSON) {
			if (spokes)
				add_agent(a, c->info[j].ment, w);
			return;
		}
	}
}

/* The predicate sense of token i: a carrier when `carry` and it has one,
 * else its first other predicate sense (a carrier if that is all). */
static const struct sl_sense *verb_sense(const struct run *r, size_t i, int carry)
{
	uint32_t ph = r->c->info[i].phrase;
	if (ph == NONE)
		return NULL;
	const struct sl_phrase *p = &r->t->cues.phrases[ph];
	const struct sl_sense *sv = sl_senses(&r->t->cues, p), *first = NULL, *carrier = NULL;
	for (uint32_t k = 0; k < p->nsense; k++) {
		if (sv[k].kind != SK_VERB)
			continue;
		if (sv[k].cls == VC_CARRY) {
			if (!carrier)
				carrier = &sv[k];
		} else if (!first) {
			first = &sv[k];
		}
	}
	if (carry && carrier)
		return carrier;
	return first ? first : carrier;
}

static const int16_t *sent_topics(const struct run *r, const struct st_sentence *s)
{
	return r->c->sent_topics + (size_t)(s - r->c->sent) * STANCE_SENT_TOPICS;
}

static int topic_in(const struct run *r, const struct st_sentence *s, int topic)
{
	const int16_t *st = sent_topics(r, s);
	for (int k = 0; k < s->ntopics; k++)
		if (st[k] == topic)
			return 1;
	return 0;
}

/* A measure sense of the phrase at token i that fits the sentence's topics. */
static const struct sl_sense *fitting_measure(const struct run *r, const struct st_sentence *s,
                                              size_t i)
{
	uint32_t ph = r->c->info[i].mphrase;
	if (ph == NONE)
		return NULL;
	const struct sl_phrase *p = &r->t->meas.phrases[ph];
	const struct sl_sense *sv = sl_senses(&r->t->meas, p), *fallback = NULL;
	for (uint32_t k = 0; k < p->nsense; k++) {
		if (sv[k].kind != SK_MEASURE)
			continue;
		if (topic_in(r, s, sv[k].topic))
			return &sv[k];
		/* a sentence on no topic of its own, or a measure of the
		 * article's main topic ("such a demand" in an article on it) */
		if (((!s->ntopics || s->inherited) && r->c->topic_count[sv[k].topic] >= 2) ||
		    sv[k].topic == r->main_topic)
			if (!fallback)
				fallback = &sv[k];
	}
	return fallback;
}

struct object {
	const struct sl_sense *measure;
	int law;        /* a law is the object */
	int32_t target; /* an actor is the object */
	size_t end;     /* token after the object */
	int contested;  /* the measure is the object of a challenge in it */
	int other;      /* a measure of a topic the sentence is not on comes first */
	int weaker;     /* "looser rules": the measure is qualified the other way */
};

/* "looser", "weaker", "fewer" in the two tokens before the measure at
 * token m (not before the object's start). */
static int weaker_before(const struct run *r, const struct st_sentence *s, size_t start, size_t m)
{
	for (size_t k = m; k > start && k > s->ta && k + 3 > m; k--)
		if (tsense(r, k - 1, SK_WEAKER))
			return 1;
	return 0;
}

/* A word that is no mention and no cue of any kind: "firm", "fair". */
static int plain_word(const struct run *r, size_t j)
{
	const struct stance_ctx *c = r->c;
	return c->tok[j].kind == SL_WORD && c->info[j].ment < 0 && c->info[j].phrase == NONE &&
	       c->info[j].mphrase == NONE && c->info[j].tphrase == NONE &&
	       c->tok[j].hash != W.and_ && c->tok[j].hash != W.or_;
}

static int stops_object(const struct run *r, size_t j, size_t start, size_t tb)
{
	const struct sl_token *tk = &r->c->tok[j];
	if (is_stop_punct(tk))
		return 1;
	if (tk->kind == SL_PUNCT && tk->punct == ',') {
		/* "Epic sued, claiming": no object; ", also ordering": a new
		 * clause; long lists end */
		if (j + 1 >= tb || j > start + 8)
			return 1;
		if (j == start) /* "demanded, in a notice, that": a parenthesis */
			return !tsense(r, j + 1, SK_PREP);
		size_t n = j + 1;
		return word_ends(r, n, "ing") || r->c->tok[n].hash == W.and_ ||
		       verb_sense(r, n, 0) || tsense(r, n, SK_SKIP) || tsense(r, n, SK_SPEECH);
	}
	uint64_t h = tk->hash;
	if (h == W.but && plain_word(r, j - 1) && j + 1 < tb && plain_word(r, j + 1) &&
	    !r->c->tok[j + 1].cap)
		return 0; /* "firm but fair rules": one object */
	return h == W.for_ || h == W.under || h == W.over || h == W.after || h == W.but ||
	       h == W.while_ || h == W.because || h == W.despite || h == W.amid || h == W.since ||
	       h == W.which || h == W.who;
}

/* "signed an order that halts the ban", "a bill to scrap the tax": at
 * token j, "that" or "to" opens a clause whose predicate takes a measure
 * away or opposes it; what the clause does is what the object is for, so
 * the object ends here and the clause speaks for itself. */
static int reversing_clause(const struct run *r, const struct st_sentence *s, size_t j)
{
	const struct stance_ctx *c = r->c;
	if (c->tok[j].hash != W.that && c->tok[j].hash != W.to)
		return 0;
	size_t k = j + 1;
	for (int n = 0; n < 2 && k < s->tb &&
	                (tsense(r, k, SK_SKIP) || tsense(r, k, SK_MODAL) ||
	                 (c->tok[k].kind == SL_WORD && word_ends(r, k, "ly")));
	     n++)
		k++;
	if (k >= s->tb || c->info[k].ment >= 0)
		return 0;
	const struct sl_sense *v = verb_sense(r, k, 0);
	return v && v->value < 0 && (v->cls == VC_ENACT || v->cls == VC_ATTITUDE);
}

static void find_object(const struct run *r, const struct st_sentence *s, size_t start,
                        struct object *o)
{
	o->measure = NULL;
	o->law = 0;
	o->target = -1;
	o->end = start;
	o->contested = 0;
	o->other = 0;
	o->weaker = 0;
	int instead = 0;
	size_t contest_at = 0;
	size_t lim = start + OBJECT_REACH < s->tb ? start + OBJECT_REACH : s->tb;
	for (size_t j = start; j < lim; j++) {
		if (stops_object(r, j, start, s->tb))
			break;
		/* another predicate starts another clause: "signed an order aimed
		 * at halting the ban" */
		if (j > start && r->c->info[j].ment < 0 && verb_sense(r, j, 0) &&
		    (word_ends(r, j, "ing") || word_ends(r, j, "ed")) && !tsense(r, j - 1, SK_DET))
			break;
		if (j > start && reversing_clause(r, s, j))
			break;
		o->end = j + 1;
		const struct st_tokinfo *in = &r->c->info[j];
		/* the challenge governs what follows it closely ("the appeal
		 * against the ban"), not a measure in a later clause */
		if (contest_at && j <= contest_at + 4 &&
		    (in->ment >= 0 || fitting_measure(r, s, j)))
			o->contested = 1;
		if (in->ment >= 0) {
			size_t e = mention_end_tok(r, j, s->tb);
			const struct st_mention *m = &r->c->ment[in->ment];
			/* A measure inside a law's name ("Online Safety Act") tells the topic. */
			const struct sl_sense *ms = fitting_measure(r, s, j);
			if (m->type == ET_LAW) {
				if (!o->measure && !o->law) {
					o->law = 1;
					o->measure = ms;
				}
				j = e - 1;
				continue;
			}
			/* owner of what follows ("the UK's demand"), or a modifier */
			int owner = tok_is(r->c, e, s->tb, W.s) ||
			            (e < s->tb && fitting_measure(r, s, e));
			if (!owner && o->target < 0 && !o->measure && !o->law)
				o->target = in->ment;
			j = e - 1;
			continue;
		}
		/* "dismissed the appeal against the ban": what is done to the
		 * challenge is done the other way to the measure */
		const struct sl_sense *cv = verb_sense(r, j, 0);
		const struct sl_sense *ms = fitting_measure(r, s, j);
		/* "an investigation into the tax" acts against the tax; "an
		 * antitrust investigation" is itself the measure */
		if (j > start && cv && cv->cls == VC_CONTEST && !o->measure && !o->law && !ms)
			contest_at = j;
		/* "pushed for self-regulation instead of binding rules": what
		 * follows is what the agent does not want */
		if (j > start && tsense(r, j, SK_NEGATION) && r->c->info[j].plen > 1 &&
		    !o->measure && !o->law) {
			instead = 1;
			j += r->c->info[j].plen - 1;
			continue;
		}
		/* "ordered tariffs on imports": a measure of another topic */
		if (!ms && !cv && !o->measure && !o->law && r->c->info[j].mphrase != NONE &&
		    tsense(r, j, SK_MEASURE) && !r->c->info[j].used) {
			o->other = 1;
			return;
		}
		if (ms && !o->measure) {
			size_t first = j;
			/* "an encryption backdoor": the last noun is the head */
			for (size_t k = j + r->c->info[j].mplen; k < lim && r->c->info[k].ment < 0;
			     k += r->c->info[k].mplen) {
				const struct sl_sense *head = fitting_measure(r, s, k);
				if (!head)
					break;
				ms = head;
				j = k;
			}
			o->measure = ms;
			o->weaker = weaker_before(r, s, start, first) != instead;
			o->end = j + r->c->info[j].mplen; /* past the whole phrase */
			if (o->target < 0 && !o->law)
				return;
		}
	}
}

/* "initially opposed", "at first insisted on" (-1); "later backed", "has
 * since withdrawn", "no longer supports" (+1): a time word in the few
 * tokens before the predicate, in its clause. */
static int vote_time(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	for (size_t j = i, k = 0; j > s->ta && k < 6; k++) {
		j--;
		if (c->info[j].ment >= 0 || c->tok[j].kind == SL_PUNCT)
			break;
		const struct sl_sense *t = tsense(r, j, SK_TIME);
		if (t)
			return t->value;
	}
	return 0;
}

static void add_vote(struct run *r, int32_t ment, int topic, int pol, float w, size_t sent,
                     int32_t target)
{
	struct stance_ctx *c = r->c;
	if (!is_actor(r, ment) || topic < 0 || pol == 0 || w <= 0.0f)
		return;
	if (target >= 0 && c->ment[target].ent == c->ment[ment].ent)
		return;
	RESERVE(c->vote, c->avote, c->nvote + 1);
	struct st_vote *v = &c->vote[c->nvote++];
	v->ent = c->ment[ment].ent;
	v->topic = topic;
	v->pol = (int8_t)(pol > 0 ? 1 : -1);
	v->w = w;
	v->sent = (int32_t)sent;
	v->target = target >= 0 ? c->ment[target].ent : -1;
	v->fallback = target >= 0 ? r->fallback : 0;
	v->tok = (uint32_t)r->pred;
	v->when = (int8_t)vote_time(r, &c->sent[sent], r->pred);
#ifdef STANCE_DEBUG
	const struct sl_token *pt = &c->tok[r->pred];
	fprintf(stderr, "vote %.*s %s %+d %.2f [%.*s] tgt=%d\n", (int)c->ment[ment].idlen,
	        c->ment[ment].id, r->t->ids[topic], pol, w, (int)(pt->end - pt->start),
	        r->text + pt->start, v->target);
#endif
}

/* Negation and modality in the few tokens before a predicate. */
static void qualifiers(const struct run *r, const struct st_sentence *s, size_t i, int *neg,
                       int *modal)
{
	*neg = 0;
	*modal = 0;
	for (size_t j = i, k = 0; j > s->ta && k < 4; k++) {
		j--;
		const struct st_tokinfo *in = &r->c->info[j];
		if (in->ment >= 0 || r->c->tok[j].kind == SL_PUNCT)
			break;
		/* "whether or not they will": a question, not a negation */
		if (tsense(r, j, SK_NEGATION) && !covered_by(r, s, j, SK_MODAL))
			*neg = !*neg;
		if (is_kind(r, s, j, SK_MODAL))
			*modal = 1;
	}
}

/* Vote for each agent on the topic(s) the predicate is about. */
static void cast(struct run *r, const struct st_sentence *s, const struct agents *a,
                 const struct sl_sense *measure, int pol, float w, int32_t target)
{
	size_t si = (size_t)(s - r->c->sent);
	if (s->inherited)
		w *= 0.8f;
	if (measure) {
		for (int k = 0; k < a->n; k++)
			add_vote(r, a->m[k], measure->topic, pol, w * a->w[k], si, target);
		return;
	}
	const int16_t *st = sent_topics(r, s);
	int nt = s->ntopics > 2 ? 2 : s->ntopics;
	if (nt == 2)
		w *= 0.8f;
	for (int t = 0; t < nt; t++)
		for (int k = 0; k < a->n; k++)
			add_vote(r, a->m[k], st[t], pol, w * a->w[k], si, target);
}

static int is_participle(const struct run *r, size_t i)
{
	const struct sl_token *tk = &r->c->tok[i];
	size_t n = tk->end - tk->start;
	const char *w = r->text + tk->start;
	return (n > 2 && w[n - 2] == 'e' && w[n - 1] == 'd') ||
	       (n > 1 && w[n - 1] == 'n'); /* drawn, struck down... */
}

/* Where the patient of a passive predicate at token i starts: "the law
 * was signed by", "an order issued by". */
static size_t passive_subject(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	/* "a backdoor demanded by X": a reduced relative stands for the
	 * noun phrase right before it */
	if (i > s->ta + 1 && c->tok[i - 1].kind == SL_WORD && c->info[i - 1].ment < 0 &&
	    !tsense(r, i - 1, SK_PASSIVE) && !word_ends(r, i - 1, "ly") &&
	    !tsense(r, i - 1, SK_SKIP) && !tsense(r, i - 1, SK_NEGATION) &&
	    c->tok[i - 1].hash != W.and_ && c->tok[i - 1].hash != W.or_ &&
	    c->tok[i - 1].hash != W.but && !verb_sense(r, i - 1, 0)) {
		size_t b = i - 1;
		for (int k = 0; b > s->ta && k < 3; k++) {
			if (tsense(r, b - 1, SK_DET)) {
				b--;
				break;
			}
			if (c->tok[b - 1].kind != SL_WORD || c->info[b - 1].ment >= 0 ||
			    tsense(r, b - 1, SK_PREP) || verb_sense(r, b - 1, 0))
				break;
			b--;
		}
		return b;
	}
	size_t j = i;
	for (size_t k = 0; j > s->ta && k < 16; k++) {
		j--;
		/* "the bill, sponsored by X,": the participle in apposition
		 * stands for the noun before the comma */
		if (j + 1 == i && tok_is(r->c, j, s->tb, W.comma))
			continue;
		if (r->c->tok[j].kind == SL_PUNCT && r->c->tok[j].punct != '-' &&
		    r->c->tok[j].punct != '"')
			return j + 1;
	}
	return j;
}

/* Only punctuation (an opening quote) before token i in its sentence. */
static int opens_sentence(const struct stance_ctx *c, const struct st_sentence *s, size_t i)
{
	for (size_t j = s->ta; j < i; j++)
		if (c->tok[j].kind != SL_PUNCT)
			return 0;
	return 1;
}

/* Where the phrase opened at token i ends: the first comma or stopping
 * mark after it, or s->tb. */
static size_t phrase_end(const struct stance_ctx *c, const struct st_sentence *s, size_t i)
{
	size_t k = i + 1;
	while (k < s->tb && !is_stop_punct(&c->tok[k]) &&
	       !(c->tok[k].kind == SL_PUNCT && c->tok[k].punct == ','))
		k++;
	return k;
}

/* "In response to X's fines, the White House threatened ...": a
 * predicate in a phrase opening the sentence has the subject of the main
 * clause after the comma. */
static void opening_phrase_agents(const struct run *r, const struct st_sentence *s, size_t i,
                                  struct agents *a, int *coref)
{
	const struct stance_ctx *c = r->c;
	if (!opens_sentence(c, s, i))
		return;
	size_t k = phrase_end(c, s, i);
	if (k >= s->tb || c->tok[k].punct != ',')
		return;
	for (size_t p = k + 1; p < s->tb && p < k + 12; p++) {
		if (is_stop_punct(&c->tok[p]))
			return;
		if (c->info[p].ment >= 0 || !verb_sense(r, p, 0) || noun_use(r, s, p))
			continue;
		if (!subject_agents_at(r, s, p, a, coref, 1) || a->n == 0) {
			a->n = 0;
			*coref = 0;
		}
		return;
	}
}

/* Agents of the predicate at token i (phrase of plen tokens); 1 when the
 * predicate is a passive with its agent after "by". */
static int predicate_agents(const struct run *r, const struct st_sentence *s, size_t i, size_t end,
                            int cls, struct agents *a)
{
	a->n = 0;
	/* passive or reduced relative with "by": "was issued by X", "an order issued by X" */
	if (by_agent(r, end, s->tb, a))
		return 1;
	/* "introduced in the Senate by X": past a short phrase */
	for (size_t k = end; k < end + 5 && k + 1 < s->tb; k++) {
		if (r->c->tok[k].kind == SL_PUNCT || (k > end && verb_sense(r, k, 0)))
			break;
		if (by_agent(r, k + 1, s->tb, a))
			return 1;
	}
	for (size_t j = i, k = 0; j > s->ta && k < 2; k++) {
		j--;
		/* "Apple was ordered to": the subject is the target; "it was
		 * firmly opposed to" holds the attitude itself */
		if (tsense(r, j, SK_PASSIVE) && is_participle(r, i) &&
		    !(cls == VC_ATTITUDE && tok_is(r->c, end, s->tb, W.to)))
			return 0;
		if (r->c->tok[j].kind != SL_WORD)
			break;
	}
	int coref;
	int open = subject_agents(r, s, i, a, &coref);
	if (a->n == 0 && open)
		opening_phrase_agents(r, s, i, a, &coref);
	if (a->n == 0 && open && s->speaker >= 0 && !s->speaker_near)
		add_agent(a, s->speaker, 0.8f);
	/* "X said the company would appeal": the spokesperson too */
	else if (coref && s->speaker >= 0 && !s->speaker_near &&
	         r->c->ment[s->speaker].type == ET_PERSON)
		add_agent(a, s->speaker, 0.7f);
	for (int k = 0, n = a->n; k < n; k++)
		if (r->c->ment[a->m[k]].type == ET_PERSON)
			spokes_body(r, s, a->m[k], a, a->w[k] * 0.9f);
	return 0;
}

/* "backs X but not at the expense of Y": a contrast right after the object
 * puts Y first.  Returns 1 when one starts within a few tokens of j. */
static int at_expense_of(const struct run *r, size_t j, size_t tb)
{
	const struct stance_ctx *c = r->c;
	for (size_t k = j; k < j + 3 && k < tb; k++) {
		if (!tok_is(c, k, tb, W.but))
			continue;
		size_t m = k + 1;
		if (!tok_is(c, m, tb, W.not_) || !tok_is(c, m + 1, tb, W.at))
			return 0;
		m += 2;
		if (tok_is(c, m, tb, W.the))
			m++;
		return (tok_is(c, m, tb, W.expense) || tok_is(c, m, tb, W.cost)) &&
		       tok_is(c, m + 1, tb, W.of);
	}
	return 0;
}

/* Is the cue at token i a noun here ("the ban", "its demand", "a legal
 * challenge", "tax benefits")?  Inflected forms (-ed, -ing) are verbs; a
 * base or -s form is a verb only after what can stand before a verb: a
 * subject (an actor, a pronoun, "the company", a plural noun), an
 * auxiliary, a modal, a negation or "to". */
static int noun_use(const struct run *r, const struct st_sentence *s, size_t i)
{
	const struct stance_ctx *c = r->c;
	if (word_ends(r, i, "ed") || word_ends(r, i, "ing"))
		return 0;
	if (i == s->ta)
		return 0; /* a headline's first word: "Ban on..." is rare */
	size_t j = i - 1;
	/* "an order that halts": "that" before a plural form is no determiner */
	if (c->tok[j].hash == W.that && word_ends(r, i, "s"))
		return 0;
	if (tsense(r, j, SK_DET) || c->tok[j].hash == W.s)
		return 1;
	if (c->info[j].ment >= 0) /* "the Home Office order", not "Canada withdrew" */
	{
		if (!tsense(r, i, SK_MEASURE))
			return 0;
		return !word_ends(r, i, "s") || !verb_sense(r, i, 0);
	}
	if (c->tok[j].hash == W.to || c->tok[j].kind != SL_WORD || c->tok[j].hash == W.which ||
	    c->tok[j].hash == W.who)
		return 0; /* "to ban", "which upheld" */
	static const int verb_before[] = {SK_PRONOUN,  SK_COREF,   SK_SKIP, SK_MODAL,
	                                  SK_NEGATION, SK_PASSIVE, SK_TIME, SK_BODY};
	for (size_t k = 0; k < sizeof(verb_before) / sizeof(verb_before[0]); k++)
		if (tsense(r, j, verb_before[k]) || covered_by(r, s, j, verb_before[k]))
			return 0;
	/* the last word of "the company" */
	for (size_t b = j; b > s->ta && b + 3 > j; b--)
		if (c->info[b - 1].phrase != NONE && c->info[b - 1].plen > j - (b - 1) &&
		    tsense(r, b - 1, SK_COREF))
			return 0;
	if (word_ends(r, j, "s") || word_ends(r, j, "ly"))
		return 0; /* "lawmakers oppose", "firmly reject" */
	return 1;
}

/* The first measure fitting the sentence from token k on, outside
 * mentions, or NULL. */
static const struct sl_sense *later_measure(const struct run *r, const struct st_sentence *s,
                                            size_t k)
{
	for (; k < s->tb; k++)
		if (r->c->info[k].ment < 0 && r->c->info[k].mphrase != NONE) {
			const struct sl_sense *ms = fitting_measure(r, s, k);
			if (ms)
				return ms;
		}
	return NULL;
}

/* "the UK's demand", "a Home Office order", "requests from Washington":
 * the owner of a measure supports it in its direction. */
static void noun_predicate(struct run *r, const struct st_sentence *s, size_t i)
{
	const struct sl_sense *ms = fitting_measure(r, s, i);
	const struct sl_sense *vb = verb_sense(r, i, 0);
	struct agents a = {.n = 0};
	size_t j = i;
	/* step back over adjectives: "the UK's controversial demand", "X's
	 * new under-18 age verification rules" */
	while (j > s->ta && j + 7 > i && r->c->info[j - 1].ment < 0 &&
	       (r->c->tok[j - 1].kind == SL_WORD || r->c->tok[j - 1].kind == SL_NUM ||
	        r->c->tok[j - 1].punct == '-') &&
	       (r->c->info[j - 1].phrase == NONE || r->c->tok[j].punct == '-' ||
	        (tsense(r, j - 1, SK_DET) && !tsense(r, j - 1, SK_PRONOUN) && j > s->ta + 1 &&
	         r->c->tok[j - 2].hash == W.s)) &&
	       r->c->tok[j - 1].hash != W.s)
		j--;
	/* the long reach only up to a possessive; "a Home Office order" is
	 * the name right before the noun, past two adjectives at most */
	if (!(j > s->ta && r->c->tok[j - 1].hash == W.s))
		while (j + 2 < i && j < s->tb)
			j++;
	/* A measure belongs to a state or a person ("the UK's demand", "a Home
	 * Office order"); a company before a measure is mostly its target
	 * ("the Meta antitrust trial").  An attitude belongs to anyone
	 * ("Huawei's appeal"). */
	int owners = ms ? ET_GOV | ET_PERSON : ET_GOV | ET_PERSON | ET_COMPANY | ET_ORG;
	if (j > s->ta && r->c->tok[j - 1].hash == W.s && j - 1 > s->ta) {
		int32_t m = r->c->info[j - 2].ment;
		if (is_actor(r, m) && (r->c->ment[m].type & owners))
			add_agent(&a, m, 0.9f);
		const struct sl_sense *p = tsense(r, j - 2, SK_PRONOUN);
		if (p && r->c->info[i].used != 2)
			add_agent(&a, resolve_pronoun(r, s, j - 2, p), 0.7f);
	} else if (j > s->ta && is_actor(r, r->c->info[j - 1].ment) &&
	           (r->c->ment[r->c->info[j - 1].ment].type & owners & ~ET_PERSON) &&
	           (!ms || ms->value > 0)) {
		/* "a ministry order" is the ministry's; "French user privacy",
		 * "UK exports" are only where the thing restricted is */
		add_agent(&a, r->c->info[j - 1].ment, 0.7f);
	} else if (j > s->ta && tsense(r, j - 1, SK_DET) && tsense(r, j - 1, SK_PRONOUN) &&
	           r->c->info[i].used != 2) {
		/* its, their: owned like a name is ("its demand" is a state's
		 * or a person's; "its encryption", "their rules" as a firm's own
		 * say nothing) */
		const struct sl_sense *p = tsense(r, j - 1, SK_PRONOUN);
		int32_t m = resolve_pronoun(r, s, j - 1, p);
		if (m >= 0 && (r->c->ment[m].type & owners) && (!ms || ms->value > 0))
			add_agent(&a, m, 0.7f);
	}
	size_t end = i + (r->c->info[i].plen > r->c->info[i].mplen ? r->c->info[i].plen
	                                                           : r->c->info[i].mplen);
	/* "the revocation of licences by X", "the lifting of the ban by X":
	 * the owner acts against the measure */
	int flip = 1;
	size_t q = j;
	if (q > s->ta && tsense(r, q - 1, SK_DET))
		q--;
	if (ms && q > s->ta + 1 && r->c->tok[q - 1].hash == W.of) {
		const struct sl_sense *rv = verb_sense(r, q - 2, 0);
		if (rv && ((rv->cls == VC_ENACT && rv->value < 0) || rv->cls == VC_RESTRICT)) {
			flip = -1;
			a.n = 0;
		}
	}
	int from = 0;
	size_t obj = end; /* where what the noun is about starts */
	if (a.n == 0) {
		size_t k = end;
		if (tok_is(r->c, k, s->tb, W.from) || tok_is(r->c, k, s->tb, W.by)) {
			from = 1;
			k++;
			if (k < s->tb && tsense(r, k, SK_DET))
				k++;
			size_t e = k;
			if (k < s->tb && is_actor(r, r->c->info[k].ment)) {
				e = mention_end_tok(r, k, s->tb);
				if (!modified_noun(r, e, s->tb))
					add_agent(&a, r->c->info[k].ment, 0.9f);
			}
			/* "criticism from US tech firms and the White House": the
			 * first conjunct, a noun, may stand for no actor */
			for (size_t n = 0;
			     n < 3 && e < s->tb && (modified_noun(r, e, s->tb) || plain_word(r, e));
			     n++)
				e++;
			coordinated_right(r, e, s->tb, &a, 0.9f);
			/* "opposition from X to the bill": what it is about follows
			 * the agents */
			while (e < s->tb &&
			       (r->c->info[e].ment >= 0 || tok_is(r->c, e, s->tb, W.and_) ||
			        tok_is(r->c, e, s->tb, W.comma) || tsense(r, e, SK_DET)))
				e++;
			obj = e;
		}
	}
	if (a.n == 0)
		return;
	if (ms) {
		cast(r, s, &a, ms, flip * ms->value, 0.8f, -1);
		return;
	}
	/* "support for the ban": "for" opens an attitude's object */
	if (vb && vb->cls == VC_ATTITUDE && tok_is(r->c, obj, s->tb, W.for_))
		obj++;
	if (vb && (vb->cls == VC_ATTITUDE || vb->cls == VC_CONTEST)) {
		struct object o;
		find_object(r, s, obj, &o);
		/* "Despite Huawei's appeal, the court upheld the ban": with no
		 * object of its own, the attitude is about the sentence's measure */
		const struct sl_sense *ms2 = o.measure ? NULL : later_measure(r, s, o.end);
		if (o.measure)
			cast(r, s, &a, o.measure, vb->value * o.measure->value, 0.7f, -1);
		else if (ms2 && vb->value < 0)
			cast(r, s, &a, ms2, vb->value * ms2->value, 0.7f, -1);
		else if (vb->value < 0 && (vb->cls == VC_ATTITUDE || !from))
			cast(r, s, &a, NULL, -1, 0.6f, -1); /* "Huawei's appeal", "pleas from X" */
	}
}

/* "to VERB" after token e, possibly past an object ("forced Apple to
 * provide", "asked the firm to unlock"): the token of VERB, or 0. */
static size_t complement_verb(const struct run *r, const struct st_sentence *s, size_t e)
{
	const struct stance_ctx *c = r->c;
	for (size_t j = e, k = 0; j + 1 < s->tb && k < 6; j++, k++) {
		if (c->tok[j].hash == W.to)
			return c->info[j + 1].ment < 0 && verb_sense(r, j + 1, 0) ? j + 1 : 0;
		/* "announced its decision to", "unveiled plans to": an
		 * intention noun passes the predicate on */
		const struct sl_sense *v = verb_sense(r, j, 0);
		if (c->tok[j].kind == SL_PUNCT || (v && v->cls != VC_CARRY) ||
		    (v && intention_owner(r, s, j) >= 0))
			return 0; /* "fought the UK's plan to": the plan is the UK's */
		/* a carrier counts as a noun right after the verb or after a
		 * determiner; "disagreed ... and planned to appeal" is a new
		 * predicate */
		if (v && j > e && !tsense(r, j - 1, SK_DET))
			return 0;
		if (c->tok[j].hash == W.and_ || c->tok[j].hash == W.or_)
			return 0;
		/* "introduce legislation to require": the measure is the
		 * object, what it is for is no second predicate */
		if (c->info[j].mphrase != NONE && c->info[j].ment < 0 && tsense(r, j, SK_MEASURE) &&
		    !(v && v->cls == VC_CARRY))
			return 0;
	}
	return 0;
}

/* "under pressure from X", "at the urging of X", "after lobbying by X"
 * after token k: the actors who pressed for what the predicate does
 * (past a noun conjunct, "top US leaders, including Y"). */
static void pressure_agents(const struct run *r, const struct st_sentence *s, size_t k,
                            struct agents *a)
{
	const struct stance_ctx *c = r->c;
	/* right after the predicate's object: "under", "after", "amid" and
	 * the like, with no other predicate between */
	size_t lim = k + 5;
	for (; k + 2 < s->tb && k < lim; k++) {
		uint64_t h = c->tok[k].hash, n = c->tok[k + 1].hash;
		if ((h == W.pressure || h == W.urging || h == W.lobbying) &&
		    (n == W.from || n == W.by || n == W.of))
			break;
		if (verb_sense(r, k, 0) || is_stop_punct(&c->tok[k]))
			return;
	}
	if (k + 2 >= s->tb || k >= lim)
		return;
	size_t e = skip_title(r, k + 2, s->tb);
	if (e < s->tb && is_actor(r, c->info[e].ment)) {
		size_t me = mention_end_tok(r, e, s->tb);
		if (!modified_noun(r, me, s->tb))
			add_agent(a, c->info[e].ment, 0.7f);
		e = me;
	}
	for (size_t n = 0; n < 3 && e < s->tb && (modified_noun(r, e, s->tb) || plain_word(r, e));
	     n++)
		e++;
	coordinated_right(r, e, s->tb, a, 0.7f);
	/* ", including Vice President Y" */
	while (e < s->tb &&
	       (c->info[e].ment >= 0 || c->tok[e].hash == W.and_ || c->tok[e].hash == W.comma ||
	        plain_word(r, e) || tsense(r, e, SK_SPOKES)))
		e++;
	if (e > 0 && tok_is(c, e, s->tb, W.including)) {
		size_t j = skip_title(r, e + 1, s->tb);
		if (j < s->tb && is_actor(r, c->info[j].ment)) {
			add_agent(a, c->info[j].ment, 0.7f);
			coordinated_right(r, mention_end_tok(r, j, s->tb), s->tb, a, 0.7f);
		}
	}
}

/* The pressing actors favour the act as done: "dropped the tax under
 * pressure from X" is X opposing the tax, whoever gave in. */
static void pressure_cast(struct run *r, const struct st_sentence *s, size_t end, int cls, int pol,
                          int mult, float w, const struct object *o)
{
	struct agents p = {.n = 0};
	pressure_agents(r, s, end, &p);
	if (p.n == 0)
		return;
	int dir = cls == VC_RESTRICT ? -1 : 1;
	if (o->measure)
		cast(r, s, &p, o->measure, dir * mult * pol * o->measure->value, w, -1);
	else if (o->law)
		cast(r, s, &p, NULL, dir * mult * pol, w, -1);
	else if (cls == VC_ENACT && mult * pol < 0)
		cast(r, s, &p, NULL, -1, w, -1); /* "backed down under pressure" */
}

/* "criticising it", "signed off on it": a pronoun object stands for the
 * nearest measure or law before the predicate at i in its sentence. */
static void pronoun_object(const struct run *r, const struct st_sentence *s, size_t i, size_t e,
                           struct object *o)
{
	const struct stance_ctx *c = r->c;
	if (o->measure || o->law || o->target >= 0 || e >= s->tb || c->info[e].ment >= 0 ||
	    !tsense(r, e, SK_PRONOUN) || tsense(r, e, SK_DET) || c->tok[e].hash == W.we)
		return;
	for (size_t k = i; k > s->ta; k--) {
		int32_t m = c->info[k - 1].ment;
		if (m >= 0 && c->ment[m].type == ET_LAW) {
			o->law = 1;
			o->measure = fitting_measure(r, s, mention_first_tok(r, k - 1, s->ta));
			return;
		}
		if (m < 0 && c->info[k - 1].mphrase != NONE) {
			const struct sl_sense *ms = fitting_measure(r, s, k - 1);
			if (ms) {
				o->measure = ms;
				return;
			}
		}
	}
}

/* "the move", "this decision", "the step": a determiner and an act noun
 * (an intention or a predicate used as a noun) ending the object. */
static int anaphoric_object(const struct run *r, const struct st_sentence *s, size_t e,
                            const struct object *o)
{
	const struct stance_ctx *c = r->c;
	if (e < s->tb && tsense(r, e, SK_PREP)) /* "opposed to the move" */
		e++;
	if (e + 1 >= s->tb || !tsense(r, e, SK_DET) || tsense(r, e, SK_PRONOUN) ||
	    c->info[e + 1].ment >= 0 || !verb_sense(r, e + 1, 1) || o->end > e + 2)
		return 0;
	return 1;
}

/* The direction of the latest act on the sentence's first topic in the
 * sentences just before (same paragraph) or earlier in this one: +1, -1
 * or 0. */
static int last_act(const struct run *r, const struct st_sentence *s, size_t i,
                    const struct object *o)
{
	const struct stance_ctx *c = r->c;
	(void)o;
	if (!s->ntopics)
		return 0;
	int topic = sent_topics(r, s)[0];
	size_t si = (size_t)(s - c->sent);
	for (size_t k = c->nvote; k > 0; k--) {
		const struct st_vote *v = &c->vote[k - 1];
		if (v->topic != topic || v->target >= 0 || v->w <= 0)
			continue;
		if ((size_t)v->sent + 1 < si || c->sent[v->sent].para != s->para)
			return 0;
		if ((size_t)v->sent == si && v->tok >= i)
			continue;
		return v->pol;
	}
	return 0;
}

/* After an attitude verb, from token e: "the court's decision to V",
 * "the UK's plan to V" (a possessor, an intention noun, "to", a cue
 * verb); the token of V, or 0. */
static size_t owned_intention(const struct run *r, const struct st_sentence *s, size_t e)
{
	const struct stance_ctx *c = r->c;
	for (size_t j = e; j + 2 < s->tb && j < e + 6; j++) {
		if (c->tok[j].kind == SL_PUNCT && c->tok[j].hash != W.s)
			return 0;
		if (c->tok[j].hash != W.s)
			continue;
		/* an actor's intention is judged through the actor ("challenged
		 * Portugal's decision to": against Portugal's stance) */
		if (j > e && is_actor(r, c->info[j - 1].ment))
			return 0;
		size_t n = j + 1;
		const struct sl_sense *v = verb_sense(r, n, 1);
		if (!v || v->cls != VC_CARRY || c->info[n].ment >= 0 ||
		    !tok_is(c, n + 1, s->tb, W.to) || n + 2 >= s->tb || c->info[n + 2].ment >= 0)
			return 0;
		const struct sl_sense *v2 = verb_sense(r, n + 2, 0);
		return v2 && v2->cls != VC_CARRY ? n + 2 : 0;
	}
	return 0;
}

static void verb_predicate(struct run *r, const struct st_sentence *s, size_t i)
{
	struct stance_ctx *c = r->c;
	size_t end = i + c->info[i].plen;
	size_t j2 = complement_verb(r, s, end);
	/* "opposed banning the app", "resisted excluding Huawei": a gerund
	 * right after an attitude verb is what it takes a side on */
	if (!j2 && end < s->tb && c->info[end].ment < 0 && word_ends(r, end, "ing") &&
	    verb_sense(r, i, 0)->cls == VC_ATTITUDE) {
		const struct sl_sense *g = verb_sense(r, end, 0);
		if (g && (g->cls == VC_RESTRICT || g->cls == VC_ENACT))
			j2 = end;
	}
	/* "praised the court's decision to strike down X", "fought the UK's
	 * plan to ban": taking a side on someone's intention is taking it on
	 * what is intended; the predicate still speaks for its owner too */
	int shared = 0;
	if (!j2 &&
	    (verb_sense(r, i, 0)->cls == VC_ATTITUDE || verb_sense(r, i, 0)->cls == VC_CONTEST)) {
		size_t k = owned_intention(r, s, end);
		if (k) {
			j2 = k;
			shared = 1;
		}
	}
	/* "dropped its plan to ban", "scrapped the UK's proposal to tax":
	 * giving up an intention is acting against what was intended, and
	 * leaves its owner no vote for it */
	if (!j2 && verb_sense(r, i, 0)->cls == VC_ENACT && verb_sense(r, i, 0)->value < 0)
		for (size_t k = end; k + 2 < s->tb && k < end + 5; k++) {
			if (c->tok[k].kind == SL_PUNCT && c->tok[k].hash != W.s)
				break;
			const struct sl_sense *cv = verb_sense(r, k, 1);
			if (cv && cv->cls == VC_CARRY && c->info[k].ment < 0 &&
			    tok_is(c, k + 1, s->tb, W.to) && c->info[k + 2].ment < 0 &&
			    verb_sense(r, k + 2, 0) && verb_sense(r, k + 2, 0)->cls != VC_CARRY) {
				j2 = k + 2;
				break;
			}
		}
	const struct sl_sense *v = verb_sense(r, i, j2 != 0);
	const struct sl_sense *carrier = verb_sense(r, i, 1);
	if (!j2 && carrier->cls == VC_CARRY && tok_is(c, end, s->tb, W.to))
		return; /* "seeking to resolve": what is sought is no predicate */
	int cls = v->cls, mult = 1, pol = v->value;
	float w = 1.0f;

	/* "refused to comply", "vowed to fight", "declined to block", "forced
	 * Apple to provide": the second predicate, turned by the first. */
	if (j2) {
		const struct sl_sense *v2 = verb_sense(r, j2, 0);
		if (!shared)
			c->info[j2].used = 1;
		mult = pol;
		/* "decided not to proceed with"; "has not decided whether to
		 * appeal" is undecided */
		for (size_t k = i + c->info[i].plen; k < j2; k++) {
			if (tsense(r, k, SK_NEGATION))
				mult = -mult;
			if (tsense(r, k, SK_MODAL))
				return;
		}
		cls = v2->cls;
		pol = v2->value;
		end = j2 + c->info[j2].plen;
	}
	if (cls == VC_CARRY)
		return;
	int answer = pol == -2; /* see the "answer" kind in topics.c */
	if (answer)
		pol = -1;

	int neg, modal;
	qualifiers(r, s, i, &neg, &modal);
	/* complying says nothing (a firm may comply and still object);
	 * refusing to comply does */
	if (cls == VC_COMPLY && (neg ? -mult : mult) > 0)
		return;
	if (modal && cls == VC_ENACT && pol * mult < 0) {
		/* "may back down": the measure still stands, but those pressing
		 * for the retreat stand against it */
		struct object po;
		find_object(r, s, end, &po);
		pressure_cast(r, s, po.end, cls, pol, neg ? -mult : mult, 1.0f, &po);
		return;
	}
	if (neg)
		mult = -mult;
	if (modal)
		w *= 0.6f;

	struct agents a;
	int passive = predicate_agents(r, s, i, end, cls, &a);
#ifdef STANCE_DEBUG
	fprintf(stderr, "speaker=%d ", s->speaker);
	for (int k = 0; k < a.n; k++)
		fprintf(stderr, "ag=%d(%.2f) ", a.m[k], a.w[k]);
	fprintf(stderr, "pred %.*s cls=%d pol=%d mult=%d agents=%d passive=%d\n",
	        (int)(c->tok[i].end - c->tok[i].start), r->text + c->tok[i].start, cls, pol, mult,
	        a.n, passive);
#endif
	struct object o;
	find_object(r, s, passive ? passive_subject(r, s, i) : end, &o);
	if (!passive)
		pronoun_object(r, s, i, end, &o);
	/* "was delayed under pressure from X": X speaks even when no agent does */
	pressure_cast(r, s, passive ? end : o.end, cls, pol, mult, w, &o);
	if (a.n == 0)
		return;
	for (size_t k = end; k < o.end; k++)
		if (!c->info[k].used)
			c->info[k].used = 2; /* "withdrew its tax": the verb speaks */

	/* "backed open markets, though not at any cost to jobs": backing a
	 * counter-measure only so far as it does not cost the measure's aim
	 * is backing the measure; backing the measure with that reserve is a
	 * weaker support. */
	if (o.contested && (o.measure || o.law))
		mult = -mult;
	if (o.weaker && o.measure) /* "pushing for looser rules" */
		mult = -mult;
	if (o.measure && at_expense_of(r, o.end, s->tb)) {
		if (o.measure->value < 0)
			mult = -mult;
		else
			w *= 0.6f;
	}
	switch (cls) {
	case VC_COMPLY:
	case VC_CONTEST:
		if (answer && o.target >= 0)
			break; /* "in response to": against a measure, not an actor */
		if (o.measure)
			cast(r, s, &a, o.measure, mult * pol * o.measure->value, w, -1);
		else if (o.law)
			cast(r, s, &a, NULL, mult * pol, w, -1);
		else if (o.target >= 0) {
			/* "the FTC sued Amazon": a state taking a firm to court
			 * enforces the topic's rules when the firm's own stance
			 * is unknown */
			if (cls == VC_CONTEST && r->c->ment[a.m[0]].type == ET_GOV &&
			    r->c->ment[o.target].type == ET_COMPANY)
				r->fallback = (int8_t)(mult > 0 ? 1 : -1);
			cast(r, s, &a, NULL, mult * pol, w * 0.8f, o.target);
			r->fallback = 0;
		}
		break;
	case VC_ATTITUDE:
		if (o.measure)
			cast(r, s, &a, o.measure, mult * pol * o.measure->value, w, -1);
		else if (o.law)
			cast(r, s, &a, NULL, mult * pol, w, -1);
		else if (o.target >= 0) {
			r->fallback = (int8_t)(mult * pol < 0 ? -1 : 0); /* "criticised X" */
			cast(r, s, &a, NULL, mult * pol, w * 0.8f, o.target);
			r->fallback = 0;
		} else if (anaphoric_object(r, s, end, &o)) {
			/* "opposed the move", "welcomed the decision": the act
			 * just reported, in the direction it took */
			int dir = last_act(r, s, i, &o);
			if (dir)
				cast(r, s, &a, NULL, mult * pol * dir, w * 0.9f, -1);
			else if (pol < 0)
				cast(r, s, &a, NULL, mult * pol, w * 0.6f, -1);
		} else if (pol < 0)
			cast(r, s, &a, NULL, mult * pol, w * 0.6f, -1); /* "Apple objected" */
		break;
	case VC_ENACT:
		/* "the Roe-backed plan": the name before the hyphen enacted
		 * what the sentence is about */
		if (!o.measure && !o.law && pol > 0 && hyphen_agent(r, s, i))
			cast(r, s, &a, NULL, mult * pol, w * 0.7f, -1);
		if (!o.measure && !o.law && (pol > 0 || o.other))
			break; /* "announced", "opened": enacting what is not said;
				  "ordered tariffs": a measure of another topic */
		if (mult * pol > 0 && r->c->ment[a.m[0]].type == ET_COMPANY)
			break; /* a firm building, signing, investing: business, not policy */
		/* Undoing a firm's presence ("ordered operators to remove Huawei
		 * gear", "pulled TikTok from its stores") restricts the firm, as
		 * "banned Huawei" does: it is no retreat from a measure. */
		if (pol < 0 && !o.measure && !o.law && o.target >= 0 &&
		    r->c->ment[o.target].type == ET_COMPANY &&
		    r->c->ment[a.m[0]].type != ET_COMPANY) {
			cast(r, s, &a, NULL, mult, w * 0.8f, -1);
			break;
		}
		/* A company withdrawing its own protective service in answer to a
		 * measure protests against the measure: "pulled its encrypted
		 * backup from the market" is opposing, not favouring, access. */
		if (o.measure && pol < 0 && o.measure->value < 0 &&
		    r->c->ment[a.m[0]].type == ET_COMPANY)
			cast(r, s, &a, o.measure, mult * pol, w, -1);
		else if (o.measure)
			cast(r, s, &a, o.measure, mult * pol * o.measure->value, w, -1);
		else if (o.law || !s->inherited)
			cast(r, s, &a, NULL, mult * pol, w * (o.law ? 1.0f : 0.7f), -1);
		break;
	case VC_RESTRICT:
		if (o.law)
			cast(r, s, &a, o.measure, -mult * pol, w, -1);
		else if (o.measure)
			cast(r, s, &a, o.measure, -mult * pol * o.measure->value, w, -1);
		else if (r->c->ment[a.m[0]].type != ET_COMPANY)
			cast(r, s, &a, NULL, mult * pol, w * 0.8f, -1); /* "banned Huawei" */
		break;
	default: break;
	}
}

/* The state a bare "the government" most likely means: the one named
 * most often (a GOV id without a body part), if named twice or more. */
static void find_main_state(struct run *r)
{
	struct stance_ctx *c = r->c;
	int best = -1, best_n = 1;
	r->main_state = -1;
	r->main_state_ment = -1;
	RESERVE(c->ent_count, c->aent_count, c->nent + 1);
	for (size_t e = 0; e < c->nent; e++)
		c->ent_count[e] = 0;
	for (size_t i = 0; i < c->nment; i++)
		c->ent_count[c->ment[i].ent]++;
	for (size_t i = 0; i < c->nment; i++) {
		const struct st_mention *m = &c->ment[i];
		if (m->type != ET_GOV || memchr(m->id, '/', m->idlen))
			continue;
		if (c->ent_count[m->ent] > best_n) {
			best_n = c->ent_count[m->ent];
			best = m->ent;
			r->main_state_ment = (int32_t)i;
		}
	}
	r->main_state = best;
}

static int opens_quote(const struct run *r, const struct st_sentence *s)
{
	return s->tb > s->ta && r->c->tok[s->ta].kind == SL_PUNCT && r->c->tok[s->ta].punct == '"';
}

static int has_quote(const struct run *r, const struct st_sentence *s)
{
	for (size_t i = s->ta; i < s->tb; i++)
		if (r->c->tok[i].kind == SL_PUNCT && r->c->tok[i].punct == '"')
			return 1;
	return 0;
}

/* Speakers of all sentences.  A quote that names no speaker takes the one
 * of the next sentence when that closes the quote ("... ," he said), or of
 * the sentence before when it goes on in the first person: `speaker_near`,
 * good for "we" and for judgements, not for a missing subject. */
static void find_speakers(struct run *r)
{
	struct stance_ctx *c = r->c;
	for (size_t si = 0; si < c->nsent; si++) {
		c->sent[si].speaker = find_speaker(r, &c->sent[si]);
		c->sent[si].speaker_near = 0;
	}
	for (size_t si = 0; si < c->nsent; si++) {
		struct st_sentence *s = &c->sent[si];
		if (s->speaker >= 0)
			continue;
		struct st_sentence *next = si + 1 < c->nsent ? s + 1 : NULL;
		struct st_sentence *prev = si > 0 ? s - 1 : NULL;
		if (opens_quote(r, s) && next && next->para == s->para && next->speaker >= 0 &&
		    !next->speaker_near) {
			s->speaker = next->speaker;
		} else if (opens_quote(r, s) && prev && prev->para + 1 >= s->para &&
		           prev->speaker >= 0 && has_quote(r, prev)) {
			/* "“A,” she said. “B.”": quotes in a row, one voice; also
			 * a quote running on into the next paragraph */
			s->speaker = prev->speaker;
		} else if (prev && prev->para == s->para && prev->speaker >= 0) {
			for (size_t i = s->ta; i < s->tb; i++)
				if (c->tok[i].hash == W.we || c->tok[i].hash == W.our) {
					s->speaker = prev->speaker;
					break;
				}
		}
		if (s->speaker >= 0) {
			s->speaker_near = 1;
			s->speech = s->ta;
		}
	}
}

/* The token where the sentence's last clause of contrast starts: "but",
 * "however", a mid-sentence "although" (contrast words), or the comma
 * closing an opening concession ("While X backed the act, it ...";
 * "while" later in a sentence is mostly time, not contrast); s->ta when
 * there is none. */
static size_t last_contrast(const struct run *r, const struct st_sentence *s)
{
	const struct stance_ctx *c = r->c;
	size_t at = s->ta;
	for (size_t i = s->ta; i < s->tb; i++) {
		const struct sl_sense *k = tsense(r, i, SK_CLAUSE);
		if (!k || c->info[i].ment >= 0)
			continue;
		if (opens_sentence(c, s, i)) {
			size_t j = phrase_end(c, s, i);
			if (j < s->tb && c->tok[j].punct == ',')
				at = j;
			i = j;
		} else if (k->value == 2) {
			at = i;
		}
	}
	return at;
}

/* Within a sentence, the clause after a contrast holds the actor's
 * position: "While X backed the goals of the act, it said the rules
 * were flawed", "X first resisted the ban but agreed to it". */
static void settle_contrast(struct run *r, const struct st_sentence *s, size_t votes_before)
{
	struct stance_ctx *c = r->c;
	size_t at = last_contrast(r, s);
	if (at == s->ta)
		return;
	int later = 0; /* the clause after the contrast says "now", "later" */
	for (size_t j = at; j < s->tb && !later; j++) {
		const struct sl_sense *t = tsense(r, j, SK_TIME);
		later = t && t->value > 0;
	}
	for (size_t k = votes_before; k < c->nvote; k++) {
		struct st_vote *u = &c->vote[k];
		if (u->tok >= at)
			continue;
		if (u->when < 0 && later) { /* "initially tried to ban it, but now ...": given up */
			u->w = 0;
			continue;
		}
		for (size_t m = votes_before; m < c->nvote; m++) {
			const struct st_vote *v = &c->vote[m];
			if (v->tok >= at && v->ent == u->ent && v->topic == u->topic &&
			    v->pol == -u->pol && v->target < 0 && u->target < 0) {
				u->w = 0;
				break;
			}
		}
	}
}

/* "This decision is flawed," Meta said: the speaker judges the measure
 * the sentence is about. */
static void speaker_judgement(struct run *r, const struct st_sentence *s, size_t votes_before)
{
	struct stance_ctx *c = r->c;
	if (s->speaker < 0)
		return;
	/* a predicate spoke for it already, in the clause that counts */
	size_t from = last_contrast(r, s);
	for (size_t k = votes_before; k < c->nvote; k++)
		if (c->vote[k].ent == c->ment[s->speaker].ent && c->vote[k].tok >= from)
			return;
	int eval = 0, harm = 0;
	const struct sl_sense *measure = NULL;
	int law = 0;
	for (size_t i = s->ta; i < s->tb; i++) {
		const struct sl_sense *e = tsense(r, i, SK_EVAL);
		if (e && c->info[i].ment < 0 && i >= from) {
			int neg, modal;
			qualifiers(r, s, i, &neg, &modal);
			/* harming what follows ("violates privacy") is judged like
			 * welcoming its opposite: the speaker stands by the object */
			int v = e->value == 2 ? 1 : e->value;
			v = neg ? -v : v;
			if (e->value == 2 && !harm) {
				/* the object right after the word counts, if a measure */
				harm = 1;
				measure = NULL;
				law = 0;
				for (size_t k = i + 1; k < s->tb && k < i + 6 && !measure; k++) {
					if (c->info[k].ment >= 0 || is_stop_punct(&c->tok[k]))
						break;
					measure = fitting_measure(r, s, k);
				}
				/* else the measure doing the harm: "tariffs on chips
				 * could undermine the competitiveness of ..." judges
				 * the tariffs, as "would stifle" does */
				for (size_t k = i; !measure && k > s->ta && k + 8 > i; k--) {
					if (c->info[k - 1].ment >= 0 ||
					    is_stop_punct(&c->tok[k - 1]))
						break;
					measure = fitting_measure(r, s, k - 1);
					if (measure)
						v = neg ? 1 : -1;
				}
				if (!measure)
					return;
			}
			if (eval && eval != v)
				return; /* mixed: no judgement */
			eval = v;
			r->pred = i;
		}
		/* the speaker's own name is not what it judges ("TikTok said
		 * the risks don't justify a restriction") */
		if (!measure && (c->info[i].ment < 0 ||
		                 c->ment[c->info[i].ment].ent != c->ment[s->speaker].ent))
			measure = fitting_measure(r, s, i);
		if (c->info[i].ment >= 0 && c->ment[c->info[i].ment].type == ET_LAW)
			law = 1;
	}
	/* "the Commission is bullying our firms," he said: condemning a state
	 * or body with no measure named is standing against its stance */
	int32_t judged = -1;
	if (eval < 0 && !measure && !law && !harm)
		for (size_t i = s->ta; i < s->tb && judged < 0; i++) {
			int32_t m = c->info[i].ment;
			if (m >= 0 && c->ment[m].type == ET_GOV &&
			    c->ment[m].ent != c->ment[s->speaker].ent &&
			    !tok_is(c, mention_end_tok(r, i, s->tb), s->tb, W.s) &&
			    !after_prep(r, mention_first_tok(r, i, s->ta), s->ta))
				judged = m;
		}
	if (!eval || (!measure && judged < 0 && (!law || harm)))
		return; /* "might breach the Data Act": a law is no side taken */
	struct agents a = {.n = 0};
	add_agent(&a, s->speaker, 0.75f);
	if (r->c->ment[s->speaker].type == ET_PERSON)
		spokes_body(r, s, s->speaker, &a, 0.6f);
	if (judged >= 0) {
		cast(r, s, &a, NULL, -1, 0.8f, judged);
		return;
	}
	cast(r, s, &a, measure, eval * (measure ? measure->value : 1), 0.8f, -1);
}

/* "the UK's Online Safety Act", "its proposed AI Act": a state or person
 * owning a law favours it, on the topics the law's name shows. */
static void law_owner(struct run *r, const struct st_sentence *s, size_t i)
{
	struct stance_ctx *c = r->c;
	size_t j = i;
	for (int k = 0; k < 2 && j > s->ta && c->info[j - 1].ment < 0; k++) {
		const struct sl_token *t = &c->tok[j - 1];
		if (t->kind != SL_WORD || t->cap || t->hash == W.s ||
		    (tsense(r, j - 1, SK_PRONOUN) && tsense(r, j - 1, SK_DET)))
			break;
		j--; /* "proposed", "landmark" */
	}
	int32_t owner = -1;
	if (j > s->ta + 1 && c->tok[j - 1].hash == W.s && is_actor(r, c->info[j - 2].ment))
		owner = c->info[j - 2].ment;
	else if (j > s->ta && tsense(r, j - 1, SK_PRONOUN) && tsense(r, j - 1, SK_DET)) {
		/* "its proposed bill": a law's owner is a state or a person, so
		 * "its" looks for one of those */
		struct sl_sense p = *tsense(r, j - 1, SK_PRONOUN);
		p.types &= ET_GOV | ET_PERSON | ET_SPEAKER;
		if (p.types)
			owner = resolve_pronoun(r, s, j - 1, &p);
	}
	if (owner < 0 || !(c->ment[owner].type & (ET_GOV | ET_PERSON)))
		return;
	r->pred = i;
	size_t e = mention_end_tok(r, i, s->tb);
	for (size_t k = i; k < e; k++) {
		const struct sl_sense *cue = tsense(r, k, SK_CUE);
		if (cue && !cue->value)
			add_vote(r, owner, cue->topic, 1, 0.6f, (size_t)(s - c->sent), -1);
	}
}

static void analyse_sentence(struct run *r, size_t si)
{
	size_t votes_before = r->c->nvote;
	struct stance_ctx *c = r->c;
	struct st_sentence *s = &c->sent[si];
#ifdef STANCE_DEBUG
	{
		const struct sl_token *a = &c->tok[s->ta], *b = &c->tok[s->tb - 1];
		fprintf(stderr, "\n## [%d%s] %.*s\n", s->ntopics ? sent_topics(r, s)[0] : -1,
		        s->inherited ? "i" : "", (int)(b->end - a->start), r->text + a->start);
	}
#endif
	if (!s->ntopics)
		return;
	for (size_t i = s->ta; i < s->tb; i++) {
		const struct st_tokinfo *in = &c->info[i];
		if (in->ment >= 0 && c->ment[in->ment].type == ET_LAW &&
		    (i == s->ta || c->info[i - 1].ment != in->ment))
			law_owner(r, s, i);
		if ((in->phrase == NONE && in->mphrase == NONE) || in->used == 1 || in->ment >= 0)
			continue;
		const struct sl_sense *v = verb_sense(r, i, 0);
		r->pred = i;
		/* "contested proposed changes", "the revised rules": an adjective */
		if (v && i > s->ta && word_ends(r, i, "ed") &&
		    (tsense(r, i - 1, SK_DET) || verb_sense(r, i - 1, 0)))
			continue;
		/* "this is fine because ...": a bare form after a copula, with
		 * nothing after it, is an adjective */
		if (v && i > s->ta && tsense(r, i - 1, SK_PASSIVE) && !word_ends(r, i, "ed") &&
		    !word_ends(r, i, "en") && !word_ends(r, i, "wn") && !word_ends(r, i, "ing") &&
		    c->info[i].plen == 1 &&
		    (i + 1 >= s->tb || is_stop_punct(&c->tok[i + 1]) ||
		     c->tok[i + 1].punct == ',' || c->tok[i + 1].hash == W.because ||
		     c->tok[i + 1].hash == W.and_ || c->tok[i + 1].hash == W.but))
			continue;
		if (v && !noun_use(r, s, i))
			verb_predicate(r, s, i);
		else if (tsense(r, i, SK_MEASURE) || v)
			noun_predicate(r, s, i);
	}
	speaker_judgement(r, s, votes_before);
	settle_contrast(r, s, votes_before);
}

/* ---------------------------------------------------------------- topics */

static void sentence_topics(struct run *r)
{
	struct stance_ctx *c = r->c;
	size_t nt = r->t->n;
	RESERVE(c->topic_count, c->atopic, nt + 1);
	c->topic_first = xrealloc(c->topic_first, (c->atopic ? c->atopic : 1) * sizeof(int));
	for (size_t k = 0; k < nt; k++) {
		c->topic_count[k] = 0;
		c->topic_first[k] = -1;
	}
	RESERVE(c->sent_topics, c->asent_topics, (c->nsent + 1) * STANCE_SENT_TOPICS);
	int order = 0;
	for (size_t si = 0; si < c->nsent; si++) {
		struct st_sentence *s = &c->sent[si];
		int16_t *st = c->sent_topics + si * STANCE_SENT_TOPICS;
		s->ntopics = 0;
		s->inherited = 0;
		for (size_t i = s->ta; i < s->tb; i++) {
			uint32_t ph = c->info[i].tphrase;
			if (ph == NONE)
				continue;
			const struct sl_phrase *p = &r->t->lex.phrases[ph];
			const struct sl_sense *sv = sl_senses(&r->t->lex, p);
			for (uint32_t k = 0; k < p->nsense; k++) {
				if (sv[k].kind != SK_CUE)
					continue;
				int tp = sv[k].topic;
				if (c->topic_count[tp]++ == 0)
					c->topic_first[tp] = order++;
				if (sv[k].value)
					continue; /* weak cue */
				int have = 0;
				for (int q = 0; q < s->ntopics; q++)
					have |= st[q] == tp;
				if (!have && s->ntopics < STANCE_SENT_TOPICS)
					st[s->ntopics++] = (int16_t)tp;
			}
		}
	}
	/* The main topic: clearly the most discussed one. */
	int best = -1, total = 0;
	for (size_t k = 0; k < nt; k++) {
		total += c->topic_count[k];
		if (best < 0 || c->topic_count[k] > c->topic_count[best])
			best = (int)k;
	}
	r->main_topic = best >= 0 && c->topic_count[best] >= 2 && c->topic_count[best] * 2 > total
	                        ? best
	                        : -1;
	/* Sentences without cues inherit from the one before (same paragraph),
	 * else take the main topic. */
	for (size_t si = 0; si < c->nsent; si++) {
		struct st_sentence *s = &c->sent[si];
		if (s->ntopics)
			continue;
		int16_t *st = c->sent_topics + si * STANCE_SENT_TOPICS;
		if (si > 0 && c->sent[si - 1].para == s->para && c->sent[si - 1].ntopics) {
			for (int k = 0; k < STANCE_SENT_TOPICS; k++)
				st[k] = st[k - STANCE_SENT_TOPICS];
			s->ntopics = c->sent[si - 1].ntopics;
			s->inherited = 1;
		} else if (r->main_topic >= 0) {
			st[0] = (int16_t)r->main_topic;
			s->ntopics = 1;
			s->inherited = 1;
		}
	}
}

/* Set by write_stances(): topics with a stance written. */
static int topic_has_stance(const struct stance_ctx *c, int topic)
{
	for (size_t k = 0; k < c->nvote; k++)
		if (c->vote[k].topic == topic && c->vote[k].target == -2)
			return 1;
	return 0;
}

static void write_topics(struct run *r)
{
	struct stance_ctx *c = r->c;
	size_t nt = r->t->n;
	sb_reset(&c->topics);
	/* in order of first cue */
	for (int ord = 0;; ord++) {
		int found = 0;
		for (size_t k = 0; k < nt; k++) {
			if (c->topic_first[k] != ord)
				continue;
			found = 1;
			if (c->topic_count[k] >= 2 || (int)k == r->main_topic ||
			    topic_has_stance(c, (int)k)) {
				if (c->topics.len)
					sb_addch(&c->topics, ';');
				sb_addstr(&c->topics, r->t->ids[k]);
			}
		}
		if (!found)
			break;
	}
}

/* ---------------------------------------------------------------- aggregation */

static int cmp_vote(const void *a, const void *b)
{
	const struct st_vote *p = a, *q = b;
	if (p->ent != q->ent)
		return p->ent < q->ent ? -1 : 1;
	if (p->topic != q->topic)
		return p->topic < q->topic ? -1 : 1;
	return (p->sent > q->sent) - (p->sent < q->sent);
}

/* Net stance of (ent, topic) from direct votes: +1, -1 or 0. */
static int direct_stance(const struct stance_ctx *c, int ent, int topic)
{
	float sum = 0;
	for (size_t k = 0; k < c->nvote; k++)
		if (c->vote[k].ent == ent && c->vote[k].topic == topic && c->vote[k].target < 0)
			sum += c->vote[k].pol * c->vote[k].w;
	return sum > 0.3f ? 1 : sum < -0.3f ? -1 : 0;
}

static void resolve_relations(struct stance_ctx *c)
{
	for (size_t k = 0; k < c->nvote; k++) {
		struct st_vote *v = &c->vote[k];
		if (v->target < 0)
			continue;
		int ts = direct_stance(c, v->target, v->topic);
		v->pol = (int8_t)(v->pol * ts);
		if (ts == 0 && v->fallback) { /* criticising an actor in a topic sentence */
			v->pol = v->fallback;
			v->w *= 0.6f;
		} else if (ts == 0) {
			v->w = 0;
		}
	}
}

static int vote_before(const struct st_vote *u, const struct st_vote *v)
{
	return u->sent < v->sent || (u->sent == v->sent && u->tok < v->tok);
}

/* Where an actor shifts, its last position counts: a vote marked as taken
 * now ("later backed", "has since withdrawn") outweighs the opposite votes
 * before it, and one marked as held before ("initially opposed") gives way
 * to any opposite vote after it.  Votes [a, b) share actor and topic. */
static void settle_shifts(struct stance_ctx *c, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		const struct st_vote *v = &c->vote[k];
		if (v->w <= 0 || v->pol == 0)
			continue;
		for (size_t m = a; m < b; m++) {
			struct st_vote *u = &c->vote[m];
			if (m == k || u->pol != -v->pol)
				continue;
			if ((v->when > 0 && vote_before(u, v)) ||
			    (u->when < 0 && vote_before(u, v)))
				u->w = 0;
		}
	}
}

static void write_stances(struct run *r, const struct stance_opts *o)
{
	struct stance_ctx *c = r->c;
	resolve_relations(c);
	if (c->nvote)
		qsort(c->vote, c->nvote, sizeof(*c->vote), cmp_vote);
	sb_reset(&c->stances);
	for (size_t a = 0; a < c->nvote;) {
		size_t b = a;
		while (b < c->nvote && c->vote[b].ent == c->vote[a].ent &&
		       c->vote[b].topic == c->vote[a].topic)
			b++;
		settle_shifts(c, a, b);
		b = a;
		float pos = 0, neg = 0, best_w = -1;
		int32_t pos_sent = -1, neg_sent = -1;
		float pos_best = -1, neg_best = -1;
		while (b < c->nvote && c->vote[b].ent == c->vote[a].ent &&
		       c->vote[b].topic == c->vote[a].topic) {
			const struct st_vote *v = &c->vote[b];
			if (v->pol > 0) {
				pos += v->w;
				if (v->w > pos_best) {
					pos_best = v->w;
					pos_sent = v->sent;
				}
			} else if (v->pol < 0) {
				neg += v->w;
				if (v->w > neg_best) {
					neg_best = v->w;
					neg_sent = v->sent;
				}
			}
			b++;
		}
		(void)best_w;
		float win = pos > neg ? pos : neg, all = pos + neg;
		if (all > 0 && pos != neg) {
			double conf = (win - (all - win)) / all * (1.0 - exp(-1.5 * win));
			if (conf >= o->min_conf) {
				c->vote[a].target = -2; /* written: see topic_has_stance() */
				const struct st_entity *e = &c->ent[c->vote[a].ent];
				const struct st_sentence *s =
				        &c->sent[pos > neg ? pos_sent : neg_sent];
				if (c->stances.len)
					sb_addch(&c->stances, ';');
				sb_addf(&c->stances, "%.*s:%s:%s:%zu-%zu:%.2f", (int)e->idlen,
				        e->id, r->t->ids[c->vote[a].topic],
				        pos > neg ? "support" : "oppose", s->cs, s->ce, conf);
			}
		}
		a = b;
	}
}

/* ---------------------------------------------------------------- driver */

static void split_sentences(struct run *r, const char *text, size_t len)
{
	struct stance_ctx *c = r->c;
	struct sent_iter it;
	size_t s, e, tk = 0, cp = 0, pos = 0;
	int para = 0;
	c->nsent = 0;
	sent_iter_init(&it, text, len);
	while (sent_next(&it, &s, &e)) {
		if (memchr(text + pos, '\n', s - pos))
			para++;
		cp += count_cps(text + pos, s - pos);
		RESERVE(c->sent, c->asent, c->nsent + 1);
		struct st_sentence *st = &c->sent[c->nsent++];
		st->cs = cp;
		cp += count_cps(text + s, e - s);
		st->ce = cp;
		pos = e;
		st->para = para;
		while (tk < r->ntok && c->tok[tk].start < s)
			tk++;
		st->ta = tk;
		while (tk < r->ntok && c->tok[tk].start < e)
			tk++;
		st->tb = tk;
		st->speaker = -1;
	}
}

int stance_analyze(const struct topic_table *t, const struct stance_opts *o, struct stance_ctx *c,
                   const char *text, size_t len, const char *mentions, size_t mlen)
{
	struct run r = {t, c, text, 0, -1, -1, -1, 0, 0};
	int bad = parse_mentions(c, mentions ? mentions : "", mentions ? mlen : 0,
	                         count_cps(text, len));
	mention_bytes(c, text, len);
	tokenize(t, c, text, len, &r.ntok);
	split_sentences(&r, text, len);
	sentence_topics(&r);
	find_main_state(&r);
	find_speakers(&r);
	c->nvote = 0;
	for (size_t si = 0; si < c->nsent; si++)
		analyse_sentence(&r, si);
	write_stances(&r, o);
	write_topics(&r);
	return bad;
}
