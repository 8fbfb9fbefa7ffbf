/*
 * url: resolve a reference (a link as written in a feed) against a base
 * URL, following RFC 3986 section 5.2 (strict: a reference with a scheme
 * is absolute even if the scheme is the base's).
 *
 * Links in feeds are written by hand as often as by programs, so before
 * resolving, both strings are cleaned the way browsers clean them (WHATWG
 * URL): leading and trailing spaces and control characters are dropped,
 * TAB, LF and CR inside are removed, and a remaining space becomes %20.
 * Nothing else is re-encoded: non-ASCII stays as UTF-8 (an IRI).  The
 * scheme is lower-cased, and for http and https (as WHATWG does) the host
 * too, and an empty path becomes "/"; nothing else is normalised.
 *
 * A base that is empty or itself relative is used as far as it goes: the
 * algorithm of section 5.2 works on the components that are present, so
 * "/blog/" + "post" gives "/blog/post".  An absolute reference ignores
 * the base.
 *
 * Pure: no global state; results are appended to a caller's strbuf.
 */
#ifndef NEWSPIPE_URL_H
#define NEWSPIPE_URL_H

#include <stddef.h>

#include "strbuf.h"

/*
 * Append to `out` the reference ref[0..rlen) resolved against
 * base[0..blen).  Returns 0, or -1 if out's cap was hit (out is then
 * left as it was).
 */
int url_resolve(struct strbuf *out, const char *base, size_t blen, const char *ref, size_t rlen);

/* 1 when s[0..n), cleaned as above, starts with a scheme ("http:", "tag:"). */
int url_has_scheme(const char *s, size_t n);

/* 1 when s[0..n), cleaned, is an http or https URL with a host. */
int url_is_http(const char *s, size_t n);

#endif
