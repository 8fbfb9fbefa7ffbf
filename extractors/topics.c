/* topics: see topics.h. */
#include "topics.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COLS 16

struct field {
	const char *s;
	size_t len;
};

void topics_init(struct topic_table *t)
{
	memset(t, 0, sizeof(*t));
	sl_init(&t->lex);
	sl_init(&t->meas);
	sl_init(&t->cues);
	sl_init(&t->tone);
}

void topics_release(struct topic_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->ids[i]);
	free(t->ids);
	sl_release(&t->lex);
	sl_release(&t->meas);
	sl_release(&t->cues);
	sl_release(&t->tone);
	memset(t, 0, sizeof(*t));
}

int topics_find(const struct topic_table *t, const char *id, size_t len)
{
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->ids[i]) == len && memcmp(t->ids[i], id, len) == 0)
			return (int)i;
	return -1;
}

/* Undo TSV escaping of s[0..n) into out (unknown escapes kept). */
static void unescape(struct strbuf *out, const char *s, size_t n)
{
	sb_reset(out);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < n) {
			char d = s[i + 1];
			char r = d == 't'    ? '\t'
			         : d == 'n'  ? '\n'
			         : d == 'r'  ? '\r'
			         : d == '\\' ? '\\'
			                     : 0;
			if (r) {
				sb_addch(out, r);
				i++;
				continue;
			}
		}
		sb_addch(out, c);
	}
}

static size_t split(const char *line, size_t n, struct field *f, size_t max)
{
	size_t nf = 0, a = 0;
	for (size_t i = 0; i <= n; i++)
		if (i == n || line[i] == '\t') {
			if (nf < max) {
				f[nf].s = line + a;
				f[nf].len = i - a;
			}
			nf++;
			a = i + 1;
		}
	return nf;
}

typedef void (*row_fn)(struct topic_table *t, struct strbuf *vals, const char *name,
                       unsigned long line, struct strbuf *err, int *bad);

static void complain(struct strbuf *err, int *bad, const char *name, unsigned long line,
                     const char *what, const char *detail)
{
	if (err)
		sb_addf(err, "%s:%lu: %s%s%s\n", name, line, what, detail ? ": " : "",
		        detail ? detail : "");
	(*bad)++;
}

/*
 * Read a TSV table with a header; call fn for each data row with the
 * unescaped values of `cols` (missing optional columns read empty).
 * Columns named with a leading '?' are optional.
 */
static int each_row(struct topic_table *t, const char *name, const char *buf, size_t len,
                    const char *const *cols, size_t ncols, row_fn fn, struct strbuf *err)
{
	int bad = 0;
	int map[MAX_COLS];
	struct strbuf vals[MAX_COLS];
	struct field f[64];
	size_t pos = 0;
	unsigned long line = 0;
	int have_header = 0;

	for (size_t c = 0; c < ncols; c++) {
		sb_init(&vals[c], 1 << 20);
		map[c] = -1;
	}
	while (pos < len) {
		const char *l = buf + pos;
		const char *nl = memchr(l, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - l) : len - pos;
		pos += n + (nl != NULL);
		line++;
		if (n && l[n - 1] == '\r')
			n--;
		if (n == 0 || l[0] == '#')
			continue;
		size_t nf = split(l, n, f, 64);
		if (!have_header) {
			have_header = 1;
			for (size_t c = 0; c < ncols; c++) {
				const char *want = cols[c] + (cols[c][0] == '?');
				for (size_t k = 0; k < nf && k < 64; k++)
					if (f[k].len == strlen(want) &&
					    !memcmp(f[k].s, want, f[k].len))
						map[c] = (int)k;
				if (map[c] < 0 && cols[c][0] != '?') {
					complain(err, &bad, name, line, "missing column", want);
					goto out;
				}
			}
			continue;
		}
		for (size_t c = 0; c < ncols; c++) {
			if (map[c] >= 0 && (size_t)map[c] < nf)
				unescape(&vals[c], f[map[c]].s, f[map[c]].len);
			else
				sb_reset(&vals[c]);
		}
		fn(t, vals, name, line, err, &bad);
	}
	if (!have_header)
		complain(err, &bad, name, line, "no header row", NULL);
out:
	for (size_t c = 0; c < ncols; c++)
		sb_release(&vals[c]);
	return bad;
}

/* Call add() for each ';'-separated, trimmed, non-empty item of s. */
static void each_item(const char *s, size_t n, void (*add)(void *, const char *, size_t), void *ctx)
{
	size_t a = 0;
	for (size_t i = 0; i <= n; i++)
		if (i == n || s[i] == ';') {
			size_t b = i;
			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			if (b > a)
				add(ctx, s + a, b - a);
			a = i + 1;
		}
}

struct item_ctx {
	struct topic_table *t;
	int topic;
	int kind;
	int bad_items;
};

/* Add a term and its plural (cues and measures are nouns mostly). */
static void add_term(struct item_ctx *c, const char *s, size_t n, struct sl_sense sense)
{
	struct stance_lex *lex = sense.kind == SK_MEASURE ? &c->t->meas : &c->t->lex;
	if (sl_add(lex, s, n, sense, 0) < 0) {
		c->bad_items++;
		return;
	}
	char buf[128];
	if (n + 2 >= sizeof(buf))
		return;
	memcpy(buf, s, n);
	char last = s[n - 1];
	if ((last >= 'a' && last <= 'z') && last != 's') {
		int es = last == 'x' || last == 'h' || last == 'z';
		if (last == 'y' && n > 1 && !strchr("aeiou", s[n - 2])) {
			memcpy(buf + n - 1, "ies", 3);
			sl_add(lex, buf, n + 2, sense, 0);
		} else {
			memcpy(buf + n, es ? "es" : "s", es ? 2 : 1);
			sl_add(lex, buf, n + (es ? 2 : 1), sense, 0);
		}
	}
}

static void add_cue(void *ctx, const char *s, size_t n)
{
	struct item_ctx *c = ctx;
	struct sl_sense sense = {SK_CUE, 0, 0, 0, (int16_t)c->topic};
	if (n > 1 && *s == '~') { /* weak: counts for the article only */
		sense.value = 1;
		s++;
		n--;
	}
	add_term(c, s, n, sense);
}

static void add_measure(void *ctx, const char *s, size_t n)
{
	struct item_ctx *c = ctx;
	int dir = 1;
	if (*s == '+' || *s == '-') {
		dir = *s == '-' ? -1 : 1;
		s++;
		n--;
	} else {
		c->bad_items++; /* direction is required */
		return;
	}
	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (!n) {
		c->bad_items++;
		return;
	}
	struct sl_sense sense = {SK_MEASURE, 0, 0, (int8_t)dir, (int16_t)c->topic};
	add_term(c, s, n, sense);
}

static int valid_id(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return 0;
	return 1;
}

static void topic_row(struct topic_table *t, struct strbuf *v, const char *name, unsigned long line,
                      struct strbuf *err, int *bad)
{
	if (!valid_id(v[0].buf, v[0].len)) {
		complain(err, bad, name, line, "bad topic id (want lowercase letters, digits, '-')",
		         v[0].buf);
		return;
	}
	if (topics_find(t, v[0].buf, v[0].len) >= 0) {
		complain(err, bad, name, line, "duplicate topic", v[0].buf);
		return;
	}
	if (t->n >= TOPICS_MAX) {
		complain(err, bad, name, line, "too many topics", NULL);
		return;
	}
	t->ids = xrealloc(t->ids, (t->n + 1) * sizeof(*t->ids));
	t->ids[t->n] = xmemdup(v[0].buf, v[0].len);
	struct item_ctx c = {t, (int)t->n, 0, 0};
	t->n++;
	each_item(v[1].buf, v[1].len, add_cue, &c);
	each_item(v[2].buf, v[2].len, add_measure, &c);
	if (c.bad_items)
		complain(err, bad, name, line,
		         "some terms skipped (a measure needs a leading + or -; at most 8 words)",
		         NULL);
}

int topics_load(struct topic_table *t, const char *name, const char *buf, size_t len,
                struct strbuf *err)
{
	static const char *const cols[] = {"id", "cues", "measures"};
	return each_row(t, name, buf, len, cols, 3, topic_row, err);
}

static int parse_types(const char *s)
{
	int types = 0;
	static const struct {
		const char *name;
		int bit;
	} names[] = {{"GOV", ET_GOV},  {"COMPANY", ET_COMPANY}, {"PERSON", ET_PERSON},
	             {"ORG", ET_ORG},  {"SPEAKER", ET_SPEAKER}, {"STATE", ET_STATE},
	             {"BODY", ET_BODY}};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strstr(s, names[i].name))
			types |= names[i].bit;
	return types;
}

static void cue_row(struct topic_table *t, struct strbuf *v, const char *name, unsigned long line,
                    struct strbuf *err, int *bad)
{
	static const struct {
		const char *kind;
		uint8_t sk, cls;
		int8_t value;
	} kinds[] = {
	        {"support", SK_VERB, VC_ATTITUDE, 1},
	        {"oppose", SK_VERB, VC_ATTITUDE, -1},
	        {"enact", SK_VERB, VC_ENACT, 1},
	        {"reverse", SK_VERB, VC_ENACT, -1},
	        {"restrict", SK_VERB, VC_RESTRICT, 1},
	        {"carry", SK_VERB, VC_CARRY, 1},
	        {"negator", SK_VERB, VC_CARRY, -1},
	        {"contest", SK_VERB, VC_CONTEST, -1},
	        {"answer", SK_VERB, VC_CONTEST, -2},
	        {"comply", SK_VERB, VC_COMPLY, 1},
	        {"negation", SK_NEGATION, 0, 0},
	        {"modal", SK_MODAL, 0, 0},
	        {"speech", SK_SPEECH, 0, 0},
	        {"coref", SK_COREF, 0, 0},
	        {"pronoun", SK_PRONOUN, 0, 0},
	        {"prep", SK_PREP, 0, 0},
	        {"passive", SK_PASSIVE, 0, 0},
	        {"det", SK_DET, 0, 0},
	        {"spokes", SK_SPOKES, 0, 0},
	        {"skip", SK_SKIP, 0, 0},
	        {"head", SK_HEAD, 0, 0},
	        {"good", SK_EVAL, 0, 1},
	        {"bad", SK_EVAL, 0, -1},
	        {"harm", SK_EVAL, 0, 2},
	        {"earlier", SK_TIME, 0, -1},
	        {"later", SK_TIME, 0, 1},
	        {"concession", SK_CLAUSE, 0, 1},
	        {"contrast", SK_CLAUSE, 0, 2},
	        {"body", SK_BODY, 0, 0},
	        {"weaker", SK_WEAKER, 0, -1},
	};
	const char *term = v[1].buf;
	size_t n = v[1].len;
	int exact = 0;
	if (n && term[0] == '=') {
		exact = 1;
		term++;
		n--;
	}
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		if (strcmp(kinds[k].kind, v[0].buf) != 0)
			continue;
		struct sl_sense s = {kinds[k].sk, kinds[k].cls, 0, kinds[k].value, -1};
		if (s.kind == SK_COREF || s.kind == SK_PRONOUN) {
			s.types = (uint8_t)parse_types(v[2].buf);
			if (!s.types) {
				complain(err, bad, name, line, "coref/pronoun needs entity types",
				         term);
				return;
			}
		}
		int inflect = !exact && (s.kind == SK_VERB || s.kind == SK_SPEECH);
		if (sl_add(&t->cues, term, n, s, inflect) < 0)
			complain(err, bad, name, line, "empty or too long term", term);
		return;
	}
	complain(err, bad, name, line, "unknown kind", v[0].buf);
}

int topics_load_cues(struct topic_table *t, const char *name, const char *buf, size_t len,
                     struct strbuf *err)
{
	static const char *const cols[] = {"kind", "term", "?value"};
	return each_row(t, name, buf, len, cols, 3, cue_row, err);
}

static void tone_row(struct topic_table *t, struct strbuf *v, const char *name, unsigned long line,
                     struct strbuf *err, int *bad)
{
	char *end;
	double score = strtod(v[1].buf, &end);
	if (end == v[1].buf || *end || !(score >= -1.0 && score <= 1.0)) {
		complain(err, bad, name, line, "score must be a number in [-1,1]", v[1].buf);
		return;
	}
	struct sl_sense s = {SK_TONE, 0, 0, (int8_t)(score * 100.0 + (score < 0 ? -0.5 : 0.5)), -1};
	if (sl_add(&t->tone, v[0].buf, v[0].len, s, 0) < 0)
		complain(err, bad, name, line, "empty or too long term", v[0].buf);
}

int topics_load_tone(struct topic_table *t, const char *name, const char *buf, size_t len,
                     struct strbuf *err)
{
	static const char *const cols[] = {"term", "score"};
	return each_row(t, name, buf, len, cols, 2, tone_row, err);
}

void topics_finish(struct topic_table *t)
{
	sl_finish(&t->lex);
	sl_finish(&t->meas);
	sl_finish(&t->cues);
	sl_finish(&t->tone);
}
