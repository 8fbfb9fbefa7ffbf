/*
 * robots: RFC 9309 parser and matcher (see robots.h).
 */
#include "robots.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

struct rule_list {
	struct robots_rule *v;
	size_t n, alloc;
	double crawl_delay;
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

static int is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * Percent-encoded form of s[0..n) in out: escapes get upper-case hex,
 * bytes that must be encoded (controls, space, non-ASCII) are encoded.
 * '*' and '$' are left alone (the matcher decides what they mean).
 */
static void normalise(struct strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	sb_reset(out);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%' && i + 2 < n && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
			char esc[3] = {'%', (char)upper(s[i + 1]), (char)upper(s[i + 2])};
			sb_add(out, esc, 3);
			i += 2;
		} else if (c <= 0x20 || c >= 0x7F) {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			sb_add(out, esc, 3);
		} else {
			sb_addch(out, c);
		}
	}
}

static void list_add(struct rule_list *l, const char *pat, size_t n, int allow, struct strbuf *tmp)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 8;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	normalise(tmp, pat, n);
	l->v[l->n].pattern = xmemdup(tmp->buf, tmp->len);
	l->v[l->n].len = tmp->len;
	l->v[l->n].allow = allow;
	l->n++;
}

static void list_free(struct rule_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].pattern);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void robots_release(struct robots *r)
{
	size_t i;

	for (i = 0; i < r->n_rules; i++)
		free(r->rules[i].pattern);
	free(r->rules);
	robots_allow_all(r);
}

void robots_allow_all(struct robots *r)
{
	r->rules = NULL;
	r->n_rules = 0;
	r->crawl_delay = -1;
	r->disallow_all = 0;
}

void robots_disallow_all(struct robots *r)
{
	robots_allow_all(r);
	r->disallow_all = 1;
}

size_t robots_product_token(const char *ua, char *out, size_t size)
{
	size_t n = 0;

	if (!size)
		return 0;
	while (ua && n + 1 < size) {
		char c = ua[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
			break;
		out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

/* Does the user-agent line value v[0..n) name our product token? */
static int names_agent(const char *v, size_t n, const char *agent)
{
	size_t i, al = strlen(agent);

	/* Compare the line's own product token, case-insensitively. */
	for (i = 0; i < n; i++) {
		char c = v[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-'))
			break;
	}
	if (i != al || al == 0)
		return 0;
	for (i = 0; i < al; i++)
		if (lower((unsigned char)v[i]) != lower((unsigned char)agent[i]))
			return 0;
	return 1;
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

static int key_is(const char *k, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!lit[i] || lower((unsigned char)k[i]) != lit[i])
			return 0;
	return lit[n] == '\0';
}

static double parse_delay(const char *v, size_t n)
{
	char buf[32];
	char *end;
	double d;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	d = strtod(buf, &end);
	if (end == buf || *end || !(d >= 0) || d > 86400)
		return -1;
	return d;
}

void robots_parse(struct robots *r, const char *text, size_t n, const char *agent)
{
	struct rule_list mine = {0}, star = {0}, *chosen;
	struct strbuf tmp = STRBUF_INIT;
	int in_agents = 0, for_me = 0, for_star = 0, seen_me = 0, seen_star = 0;
	size_t pos = 0;

	robots_allow_all(r);
	mine.crawl_delay = star.crawl_delay = -1;
	if (n > ROBOTS_MAX_SIZE)
		n = ROBOTS_MAX_SIZE;
	/* A UTF-8 BOM is allowed at the start. */
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < n) {
		const char *line = text + pos, *colon, *hash, *key, *val;
		size_t len = 0, klen, vlen;

		while (pos + len < n && text[pos + len] != '\n' && text[pos + len] != '\r')
			len++;
		pos += len + 1;
		hash = memchr(line, '#', len);
		if (hash)
			len = (size_t)(hash - line);
		colon = memchr(line, ':', len);
		if (!colon)
			continue;
		key = line;
		klen = (size_t)(colon - line);
		val = colon + 1;
		vlen = len - klen - 1;
		trim(&key, &klen);
		trim(&val, &vlen);
		if (key_is(key, klen, "user-agent")) {
			if (!in_agents)
				for_me = for_star = 0;
			in_agents = 1;
			if (vlen == 1 && val[0] == '*') {
				for_star = 1;
				seen_star = 1;
			} else if (names_agent(val, vlen, agent)) {
				for_me = 1;
				seen_me = 1;
			}
			continue;
		}
		if (key_is(key, klen, "sitemap"))
			continue; /* not part of any group */
		in_agents = 0;
		if (key_is(key, klen, "allow") || key_is(key, klen, "disallow")) {
			int allow = key_is(key, klen, "allow");
			if (vlen == 0)
				continue; /* "Disallow:" with nothing allows all */
			if (for_me)
				list_add(&mine, val, vlen, allow, &tmp);
			if (for_star)
				list_add(&star, val, vlen, allow, &tmp);
		} else if (key_is(key, klen, "crawl-delay")) {
			double d = parse_delay(val, vlen);
			if (d >= 0 && for_me && d > mine.crawl_delay)
				mine.crawl_delay = d;
			if (d >= 0 && for_star && d > star.crawl_delay)
				star.crawl_delay = d;
		}
	}
	sb_release(&tmp);
	chosen = seen_me ? &mine : seen_star ? &star : NULL;
	if (chosen) {
		r->rules = chosen->v;
		r->n_rules = chosen->n;
		r->crawl_delay = chosen->crawl_delay;
		memset(chosen, 0, sizeof(*chosen));
	}
	list_free(&mine);
	list_free(&star);
}

/* Does pattern p[0..pn) match path t[0..tn)?  '*' is any run; a final
 * '$' anchors the end; otherwise a match of a prefix is enough.  The
 * single-backtrack glob walk is linear-ish and never recursive. */
static int match(const char *p, size_t pn, const char *t, size_t tn)
{
	size_t i = 0, j = 0, star_i = 0, star_j = 0;
	int anchored = pn > 0 && p[pn - 1] == '$', have_star = 0;

	if (anchored)
		pn--;
	for (;;) {
		if (i == pn && (!anchored || j == tn))
			return 1;
		if (i < pn && p[i] == '*') {
			have_star = 1;
			star_i = ++i;
			star_j = j;
			continue;
		}
		if (i < pn && j < tn && p[i] == t[j]) {
			i++;
			j++;
			continue;
		}
		if (!have_star || star_j >= tn)
			return 0;
		i = star_i;
		j = ++star_j;
	}
}

int robots_allowed(const struct robots *r, const char *path)
{
	struct strbuf np = STRBUF_INIT;
	size_t i, best_len = 0;
	int found = 0, allow = 1;

	if (strcmp(path, "/robots.txt") == 0)
		return 1;
	if (r->disallow_all)
		return 0;
	if (r->n_rules == 0)
		return 1;
	normalise(&np, path, strlen(path));
	for (i = 0; i < r->n_rules; i++) {
		const struct robots_rule *rule = &r->rules[i];

		if (found && (rule->len < best_len || (rule->len == best_len && !rule->allow)))
			continue; /* cannot beat the current best */
		if (!match(rule->pattern, rule->len, np.buf, np.len))
			continue;
		if (!found || rule->len > best_len || rule->allow) {
			best_len = rule->len;
			allow = rule->allow;
			found = 1;
		}
	}
	sb_release(&np);
	return allow;
}
