/*
 * url: RFC 3986 reference resolution.  See url.h.
 */
#include "url.h"

#include <string.h>

/* One parsed URI reference; each part points into a cleaned copy. */
struct uri {
	const char *scheme, *auth, *path, *query, *frag;
	size_t scheme_len, auth_len, path_len, query_len, frag_len;
	int has_scheme, has_auth, has_query, has_frag;
};

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_ctl_or_space(unsigned char c)
{
	return c <= 0x20 || c == 0x7f;
}

/* The WHATWG clean-up described in url.h, into `out` (reset first). */
static int clean(struct strbuf *out, const char *s, size_t n)
{
	size_t i;

	sb_reset(out);
	while (n > 0 && is_ctl_or_space((unsigned char)s[0])) {
		s++;
		n--;
	}
	while (n > 0 && is_ctl_or_space((unsigned char)s[n - 1]))
		n--;
	for (i = 0; i < n; i++) {
		int rc;

		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			continue;
		if (s[i] == ' ')
			rc = sb_add(out, "%20", 3);
		else
			rc = sb_addch(out, s[i]);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static size_t scheme_length(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !is_alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ':')
			return i;
		if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
			return 0;
	}
	return 0;
}

/* Split per RFC 3986 appendix B. */
static void parse(struct uri *u, const char *s, size_t n)
{
	size_t i = 0, start;

	memset(u, 0, sizeof(*u));
	u->scheme_len = scheme_length(s, n);
	if (u->scheme_len) {
		u->has_scheme = 1;
		u->scheme = s;
		i = u->scheme_len + 1;
	}
	if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		i += 2;
		start = i;
		while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#')
			i++;
		u->has_auth = 1;
		u->auth = s + start;
		u->auth_len = i - start;
	}
	start = i;
	while (i < n && s[i] != '?' && s[i] != '#')
		i++;
	u->path = s + start;
	u->path_len = i - start;
	if (i < n && s[i] == '?') {
		start = ++i;
		while (i < n && s[i] != '#')
			i++;
		u->has_query = 1;
		u->query = s + start;
		u->query_len = i - start;
	}
	if (i < n && s[i] == '#') {
		u->has_frag = 1;
		u->frag = s + i + 1;
		u->frag_len = n - i - 1;
	}
}

/*
 * RFC 3986 5.2.4 remove_dot_segments, of in[0..n), appended to out.
 * Works on a copy of the input it consumes from the front.
 */
static int remove_dots(struct strbuf *out, const char *in, size_t n)
{
	size_t base = out->len;

	while (n > 0) {
		if (n >= 3 && memcmp(in, "../", 3) == 0) {
			in += 3, n -= 3;
		} else if (n >= 2 && memcmp(in, "./", 2) == 0) {
			in += 2, n -= 2;
		} else if (n >= 3 && memcmp(in, "/./", 3) == 0) {
			in += 2, n -= 2;
		} else if (n == 2 && memcmp(in, "/.", 2) == 0) {
			/* "/." at the end: becomes "/" */
			if (sb_addch(out, '/') < 0)
				return -1;
			break;
		} else if ((n >= 4 && memcmp(in, "/../", 4) == 0) ||
		           (n == 3 && memcmp(in, "/..", 3) == 0)) {
			/* drop the last segment written, and its slash */
			size_t len = out->len;

			while (len > base && out->buf[len - 1] != '/')
				len--;
			if (len > base)
				len--;
			sb_setlen(out, len);
			if (n == 3) {
				if (sb_addch(out, '/') < 0)
					return -1;
				break;
			}
			in += 3, n -= 3;
		} else if ((n == 1 && in[0] == '.') || (n == 2 && memcmp(in, "..", 2) == 0)) {
			break;
		} else {
			/* move the first segment, with its leading slash if any */
			size_t i = in[0] == '/' ? 1 : 0;

			while (i < n && in[i] != '/')
				i++;
			if (sb_add(out, in, i) < 0)
				return -1;
			in += i, n -= i;
		}
	}
	return 0;
}

/* RFC 3986 5.2.3 merge, then remove_dot_segments, appended to out. */
static int merge_paths(struct strbuf *out, struct strbuf *tmp, const struct uri *b,
                       const struct uri *r)
{
	sb_reset(tmp);
	if (b->has_auth && b->path_len == 0) {
		if (sb_addch(tmp, '/') < 0)
			return -1;
	} else {
		size_t keep = b->path_len;

		while (keep > 0 && b->path[keep - 1] != '/')
			keep--;
		if (sb_add(tmp, b->path, keep) < 0)
			return -1;
	}
	if (sb_add(tmp, r->path, r->path_len) < 0)
		return -1;
	return remove_dots(out, tmp->buf, tmp->len);
}

static int add_scheme(struct strbuf *out, const struct uri *u)
{
	size_t i;

	for (i = 0; i < u->scheme_len; i++) {
		char c = u->scheme[i];

		if (sb_addch(out, (c >= 'A' && c <= 'Z') ? c + 32 : c) < 0)
			return -1;
	}
	return sb_addch(out, ':');
}

static int add_part(struct strbuf *out, int present, const char *prefix, const char *s, size_t n)
{
	if (!present)
		return 0;
	if (sb_addstr(out, prefix) < 0 || sb_add(out, s, n) < 0)
		return -1;
	return 0;
}

static int is_web(const struct uri *u)
{
	return (u->scheme_len == 4 && strncasecmp(u->scheme, "http", 4) == 0) ||
	       (u->scheme_len == 5 && strncasecmp(u->scheme, "https", 5) == 0);
}

/* Host names are case-insensitive: lower-case the host just written
 * (the last auth_len bytes of out), not any user:password@ before it. */
static void lower_host(struct strbuf *out, size_t auth_len)
{
	char *a = out->buf + out->len - auth_len, *end = out->buf + out->len;
	char *at = memrchr(a, '@', auth_len);

	for (a = at ? at + 1 : a; a < end; a++)
		if (*a >= 'A' && *a <= 'Z')
			*a += 32;
}

/* 1 when out ends right after the authority (nothing of a path yet). */
static int is_host_end(const struct strbuf *out, size_t auth_len)
{
	return out->len >= auth_len + 2 && out->buf[out->len - auth_len - 1] == '/' &&
	       out->buf[out->len - auth_len - 2] == '/';
}

/* RFC 3986 5.2.2, writing the recomposition of 5.3 as it goes. */
static int transform(struct strbuf *out, struct strbuf *tmp, const struct uri *b,
                     const struct uri *r)
{
	const struct uri *sch = r->has_scheme ? r : b;
	const struct uri *auth;
	const char *query;
	size_t query_len;
	int has_query;

	if (sch->has_scheme && add_scheme(out, sch) < 0)
		return -1;
	if (r->has_scheme || r->has_auth)
		auth = r;
	else
		auth = b;
	if (add_part(out, auth->has_auth, "//", auth->auth, auth->auth_len) < 0)
		return -1;
	if (auth->has_auth && is_web(sch))
		lower_host(out, auth->auth_len);
	if (r->has_scheme || r->has_auth) {
		if (remove_dots(out, r->path, r->path_len) < 0)
			return -1;
		has_query = r->has_query, query = r->query, query_len = r->query_len;
	} else if (r->path_len == 0) {
		if (sb_add(out, b->path, b->path_len) < 0)
			return -1;
		if (r->has_query)
			has_query = 1, query = r->query, query_len = r->query_len;
		else
			has_query = b->has_query, query = b->query, query_len = b->query_len;
	} else {
		int rc = r->path[0] == '/' ? remove_dots(out, r->path, r->path_len)
		                           : merge_paths(out, tmp, b, r);

		if (rc < 0)
			return -1;
		has_query = r->has_query, query = r->query, query_len = r->query_len;
	}
	/* http and https have a path of at least "/" (WHATWG) */
	if (auth->has_auth && is_web(sch) && out->buf[out->len - 1] != '/' &&
	    out->len >= auth->auth_len && is_host_end(out, auth->auth_len) &&
	    sb_addch(out, '/') < 0)
		return -1;
	if (add_part(out, has_query, "?", query, query_len) < 0)
		return -1;
	return add_part(out, r->has_frag, "#", r->frag, r->frag_len);
}

int url_resolve(struct strbuf *out, const char *base, size_t blen, const char *ref, size_t rlen)
{
	struct strbuf cb = STRBUF_INIT, cr = STRBUF_INIT, tmp = STRBUF_INIT;
	struct uri b, r;
	size_t old = out->len;
	int rc = -1;

	if (clean(&cb, base, blen) < 0 || clean(&cr, ref, rlen) < 0)
		goto done;
	parse(&b, cb.buf, cb.len);
	parse(&r, cr.buf, cr.len);
	rc = transform(out, &tmp, &b, &r);
done:
	if (rc < 0)
		sb_setlen(out, old);
	sb_release(&cb);
	sb_release(&cr);
	sb_release(&tmp);
	return rc;
}

int url_has_scheme(const char *s, size_t n)
{
	while (n > 0 && is_ctl_or_space((unsigned char)s[0]))
		s++, n--;
	return scheme_length(s, n) > 0;
}

int url_is_http(const char *s, size_t n)
{
	size_t k;

	while (n > 0 && is_ctl_or_space((unsigned char)s[0]))
		s++, n--;
	k = scheme_length(s, n);
	if (!((k == 4 && strncasecmp(s, "http", 4) == 0) ||
	      (k == 5 && strncasecmp(s, "https", 5) == 0)))
		return 0;
	s += k + 1, n -= k + 1;
	return n > 2 && s[0] == '/' && s[1] == '/' && s[2] != '/' &&
	       !is_ctl_or_space((unsigned char)s[2]);
}
