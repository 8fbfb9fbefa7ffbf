/* stance_lex: see stance_lex.h. */
#include "stance_lex.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME  1099511628211ull
#define NONE       UINT32_MAX

static uint64_t fnv_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Classify the character at s[i]: returns its byte width and stores in
 * *cls 'w' (word character), 's' (space) or the folded punctuation.
 */
static size_t char_class(const char *s, size_t n, size_t i, char *cls)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		if (is_alpha(c) || is_digit(c))
			*cls = 'w';
		else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
			*cls = 's';
		else
			*cls = (char)c;
		return 1;
	}
	if (c == 0xC2 && i + 1 < n) {
		unsigned char d = (unsigned char)s[i + 1];
		*cls = d == 0xA0 ? 's' : (d == 0xAB || d == 0xBB) ? '"' : 'w';
		return 2;
	}
	if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
		unsigned char d = (unsigned char)s[i + 2];
		if (d == 0x98 || d == 0x99)
			*cls = '\'';
		else if (d == 0x9C || d == 0x9D)
			*cls = '"';
		else if (d >= 0x90 && d <= 0x95)
			*cls = '-';
		else if (d == 0xA6)
			*cls = '.';
		else if (d <= 0x8F || d == 0xA8 || d == 0xA9 || d == 0xAF)
			*cls = 's'; /* spaces, zero widths, line separators */
		else
			*cls = 'w';
		return 3;
	}
	*cls = 'w';
	/* Step over the whole sequence so offsets stay on boundaries. */
	size_t w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	for (size_t k = 1; k < w; k++)
		if (i + k >= n || ((unsigned char)s[i + k] & 0xC0) != 0x80)
			return k;
	return w;
}

static uint64_t hash_fold(const char *s, size_t a, size_t b)
{
	uint64_t h = FNV_OFFSET;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = fnv_byte(h, c);
	}
	return h;
}

uint64_t sl_hash_word(const char *w)
{
	return hash_fold(w, 0, strlen(w));
}

static uint64_t hash_str(const char *w)
{
	return hash_fold(w, 0, strlen(w));
}

struct tok_out {
	struct sl_token *out;
	size_t max, count, base;
};

static void emit(struct tok_out *o, size_t a, size_t b, uint64_t h, int kind, int cap, char p)
{
	if (o->count < o->max) {
		struct sl_token *t = &o->out[o->count];
		t->start = (uint32_t)(o->base + a);
		t->end = (uint32_t)(o->base + b);
		t->hash = h;
		t->kind = (uint8_t)kind;
		t->cap = (uint8_t)cap;
		t->punct = p;
	}
	o->count++;
}

/* Letters from s[i] on, as long as they are ASCII letters. */
static size_t alpha_run(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && is_alpha((unsigned char)s[j]))
		j++;
	return j - i;
}

static int lower_eq(const char *s, size_t len, const char *w)
{
	size_t k;
	for (k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (!w[k] || c != (unsigned char)w[k])
			return 0;
	}
	return w[k] == '\0';
}

/*
 * Scan one word starting at s[i]; emits it (and a clitic: "'s", "n't",
 * "'re"...) and returns where scanning goes on.
 */
static size_t scan_word(const char *s, size_t n, size_t i, struct tok_out *o)
{
	size_t j = i, w;
	int all_digits = 1;
	char cls;
	while (j < n) {
		w = char_class(s, n, j, &cls);
		if (cls == 'w') {
			if (!is_digit((unsigned char)s[j]))
				all_digits = 0;
			j += w;
			continue;
		}
		/* 3.5 and 1,000 stay one number. */
		if ((cls == '.' || cls == ',') && w == 1 && all_digits && j + 1 < n &&
		    is_digit((unsigned char)s[j + 1])) {
			j++;
			continue;
		}
		if (cls == '\'') {
			size_t after = j + w, r = alpha_run(s, n, after);
			size_t rest_w = 0;
			char rc = 's';
			if (after + r < n)
				rest_w = char_class(s, n, after + r, &rc);
			(void)rest_w;
			int ends = rc != 'w';
			if (r == 0 && j > i && (s[j - 1] == 's' || s[j - 1] == 'S')) {
				/* plural possessive: companies' */
				emit(o, i, j, hash_fold(s, i, j), SL_WORD,
				     s[i] >= 'A' && s[i] <= 'Z', 0);
				emit(o, j, after, hash_str("'s"), SL_WORD, 0, 0);
				return after;
			}
			if (r && ends &&
			    (lower_eq(s + after, r, "s") || lower_eq(s + after, r, "re") ||
			     lower_eq(s + after, r, "ve") || lower_eq(s + after, r, "ll") ||
			     lower_eq(s + after, r, "d") || lower_eq(s + after, r, "m"))) {
				emit(o, i, j, hash_fold(s, i, j), SL_WORD,
				     s[i] >= 'A' && s[i] <= 'Z', 0);
				uint64_t h = fnv_byte(FNV_OFFSET, '\'');
				for (size_t k = after; k < after + r; k++) {
					unsigned char c = (unsigned char)s[k];
					h = fnv_byte(h, c >= 'A' && c <= 'Z' ? c + 32 : c);
				}
				emit(o, j, after + r, h, SL_WORD, 0, 0);
				return after + r;
			}
			if (r && ends && lower_eq(s + after, r, "t") && j > i + 1 &&
			    (s[j - 1] == 'n' || s[j - 1] == 'N')) {
				emit(o, i, j - 1, hash_fold(s, i, j - 1), SL_WORD,
				     s[i] >= 'A' && s[i] <= 'Z', 0);
				emit(o, j - 1, after + r, hash_str("n't"), SL_WORD, 0, 0);
				return after + r;
			}
			if (r && j > i) { /* O'Brien */
				j = after;
				all_digits = 0;
				continue;
			}
		}
		break;
	}
	emit(o, i, j, hash_fold(s, i, j), all_digits ? SL_NUM : SL_WORD, s[i] >= 'A' && s[i] <= 'Z',
	     0);
	return j;
}

size_t sl_tokenize(const char *s, size_t n, size_t base, struct sl_token *out, size_t max)
{
	struct tok_out o = {out, max, 0, base};
	size_t i = 0;
	while (i < n) {
		char cls;
		size_t w = char_class(s, n, i, &cls);
		if (cls == 's') {
			i += w;
		} else if (cls == 'w') {
			i = scan_word(s, n, i, &o);
		} else {
			emit(&o, i, i + w, fnv_byte(FNV_OFFSET, (unsigned char)cls), SL_PUNCT, 0,
			     cls);
			i += w;
		}
	}
	return o.count;
}

/* ---------------------------------------------------------------- building */

void sl_init(struct stance_lex *lex)
{
	memset(lex, 0, sizeof(*lex));
}

void sl_release(struct stance_lex *lex)
{
	free(lex->phrases);
	free(lex->senses);
	free(lex->buckets);
	memset(lex, 0, sizeof(*lex));
}

/* Building keeps one phrase per sense (phrase.sense = its sense); sl_finish()
 * merges equal phrases. */
static void push(struct stance_lex *lex, const uint64_t *hash, size_t n, struct sl_sense sense)
{
	if (lex->nphrases == lex->aphrases) {
		lex->aphrases = lex->aphrases ? lex->aphrases * 2 : 256;
		lex->phrases = xrealloc(lex->phrases, lex->aphrases * sizeof(*lex->phrases));
		lex->senses = xrealloc(lex->senses, lex->aphrases * sizeof(*lex->senses));
	}
	struct sl_phrase *p = &lex->phrases[lex->nphrases];
	memset(p, 0, sizeof(*p));
	memcpy(p->hash, hash, n * sizeof(*hash));
	p->n = (uint8_t)n;
	p->sense = (uint32_t)lex->nphrases;
	p->nsense = 1;
	lex->senses[lex->nphrases] = sense;
	lex->nphrases++;
	lex->nsenses = lex->nphrases;
}

static int consonant(char c)
{
	return is_alpha((unsigned char)c) && !strchr("aeiouAEIOU", c);
}

/* Push the phrase with its first word replaced by `w` + `suffix`. */
static void push_form(struct stance_lex *lex, uint64_t *hash, size_t n, const char *w, size_t wl,
                      const char *suffix, struct sl_sense sense)
{
	char buf[64];
	size_t sl = strlen(suffix);
	if (wl + sl >= sizeof(buf))
		return;
	memcpy(buf, w, wl);
	memcpy(buf + wl, suffix, sl + 1);
	uint64_t keep = hash[0];
	hash[0] = hash_fold(buf, 0, wl + sl);
	push(lex, hash, n, sense);
	hash[0] = keep;
}

static void push_inflections(struct stance_lex *lex, uint64_t *hash, size_t n, const char *w,
                             size_t wl, struct sl_sense sense)
{
	if (wl < 2 || !is_alpha((unsigned char)w[wl - 1]))
		return;
	char last = w[wl - 1], before = w[wl - 2];
	if (last == 'e') {
		push_form(lex, hash, n, w, wl, "s", sense);
		push_form(lex, hash, n, w, wl, "d", sense);
		push_form(lex, hash, n, w, wl - 1, "ing", sense);
		return;
	}
	if (last == 'y' && consonant(before)) {
		push_form(lex, hash, n, w, wl - 1, "ies", sense);
		push_form(lex, hash, n, w, wl - 1, "ied", sense);
		push_form(lex, hash, n, w, wl, "ing", sense);
		return;
	}
	if (last == 's' || last == 'x' || last == 'z' || last == 'h')
		push_form(lex, hash, n, w, wl, "es", sense);
	else
		push_form(lex, hash, n, w, wl, "s", sense);
	push_form(lex, hash, n, w, wl, "ed", sense);
	push_form(lex, hash, n, w, wl, "ing", sense);
	/* ban -> banned, banning; harmless extra forms otherwise. */
	if (consonant(last) && !strchr("wxyWXY", last) && !consonant(before) && wl >= 3 &&
	    consonant(w[wl - 3])) {
		char dbl[3] = {last, 0, 0};
		char suf[8];
		memcpy(suf, dbl, 1);
		memcpy(suf + 1, "ed", 3);
		push_form(lex, hash, n, w, wl, suf, sense);
		memcpy(suf + 1, "ing", 4);
		push_form(lex, hash, n, w, wl, suf, sense);
	}
}

int sl_add(struct stance_lex *lex, const char *phrase, size_t n, struct sl_sense sense, int inflect)
{
	struct sl_token tok[SL_MAX_PHRASE + 1];
	uint64_t hash[SL_MAX_PHRASE];
	size_t nt = sl_tokenize(phrase, n, 0, tok, SL_MAX_PHRASE + 1);
	if (nt == 0 || nt > SL_MAX_PHRASE)
		return -1;
	for (size_t i = 0; i < nt; i++)
		hash[i] = tok[i].hash;
	push(lex, hash, nt, sense);
	if (inflect && tok[0].kind == SL_WORD) {
		char w[64];
		size_t wl = tok[0].end - tok[0].start;
		if (wl < sizeof(w)) {
			for (size_t k = 0; k < wl; k++) {
				char c = phrase[tok[0].start + k];
				w[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			}
			push_inflections(lex, hash, nt, w, wl, sense);
		}
	}
	lex->finished = 0;
	return 0;
}

static int cmp_phrase(const void *a, const void *b)
{
	const struct sl_phrase *p = a, *q = b;
	size_t n = p->n < q->n ? p->n : q->n;
	for (size_t i = 0; i < n; i++)
		if (p->hash[i] != q->hash[i])
			return p->hash[i] < q->hash[i] ? -1 : 1;
	if (p->n != q->n)
		return p->n < q->n ? -1 : 1;
	return p->sense < q->sense ? -1 : p->sense > q->sense;
}

static int same_phrase(const struct sl_phrase *p, const struct sl_phrase *q)
{
	return p->n == q->n && memcmp(p->hash, q->hash, p->n * sizeof(p->hash[0])) == 0;
}

void sl_finish(struct stance_lex *lex)
{
	size_t n = lex->nphrases;
	if (n)
		qsort(lex->phrases, n, sizeof(*lex->phrases), cmp_phrase);

	/* Lay the senses out in phrase order, merging equal phrases and
	 * dropping a sense repeated for the same phrase. */
	struct sl_sense *senses = xmalloc((n ? n : 1) * sizeof(*senses));
	size_t ns = 0, np = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i, first = ns;
		while (j < n && same_phrase(&lex->phrases[i], &lex->phrases[j])) {
			struct sl_sense s = lex->senses[lex->phrases[j].sense];
			int dup = 0;
			for (size_t k = first; k < ns; k++)
				if (memcmp(&senses[k], &s, sizeof(s)) == 0)
					dup = 1;
			if (!dup)
				senses[ns++] = s;
			j++;
		}
		lex->phrases[np] = lex->phrases[i];
		lex->phrases[np].sense = (uint32_t)first;
		lex->phrases[np].nsense = (uint32_t)(ns - first);
		np++;
		i = j;
	}
	free(lex->senses);
	lex->senses = senses;
	lex->nsenses = ns;
	lex->nphrases = np;

	size_t nb = 64;
	while (nb < np * 2)
		nb *= 2;
	free(lex->buckets);
	lex->buckets = xmalloc(nb * sizeof(*lex->buckets));
	lex->nbuckets = nb;
	for (size_t b = 0; b < nb; b++)
		lex->buckets[b] = NONE;
	/* Insert shortest first so each chain reads longest first. */
	for (size_t len = 1; len <= SL_MAX_PHRASE; len++)
		for (size_t i = 0; i < np; i++) {
			struct sl_phrase *p = &lex->phrases[i];
			if (p->n != len)
				continue;
			size_t b = (size_t)(p->hash[0] ^ (p->hash[0] >> 29)) & (nb - 1);
			p->next = lex->buckets[b];
			lex->buckets[b] = (uint32_t)i;
		}
	lex->finished = 1;
}

const struct sl_phrase *sl_match(const struct stance_lex *lex, const struct sl_token *tok,
                                 size_t ntok, size_t *len)
{
	if (!lex->nbuckets || ntok == 0)
		return NULL;
	uint64_t h = tok[0].hash;
	uint32_t i = lex->buckets[(size_t)(h ^ (h >> 29)) & (lex->nbuckets - 1)];
	for (; i != NONE; i = lex->phrases[i].next) {
		const struct sl_phrase *p = &lex->phrases[i];
		if (p->n > ntok || p->hash[0] != h)
			continue;
		size_t k = 1;
		while (k < p->n && p->hash[k] == tok[k].hash)
			k++;
		if (k == p->n) {
			*len = p->n;
			return p;
		}
	}
	return NULL;
}
