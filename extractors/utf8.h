/*
 * utf8: small, allocation-free helpers for UTF-8 text.
 *
 * Offsets in newspipe's output are Unicode code points of the text as
 * written (not bytes), so most callers need to walk UTF-8 and count.
 * Decoding follows the Unicode "maximal subpart" rule: each invalid
 * sequence is one replacement character, so byte and code-point counts
 * stay in step with what utf8_repair() produces.
 */
#ifndef NEWSPIPE_UTF8_H
#define NEWSPIPE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decode one code point from s[0..n) (n > 0).  Returns the number of bytes
 * used (1 to 4) and stores the code point in *cp; an invalid or truncated
 * sequence yields *cp = UTF8_INVALID (a value above U+10FFFF) and the
 * length of its maximal subpart (at least 1).
 */
#define UTF8_INVALID 0xFFFFFFFFu
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Byte length of the encoding of cp (1..4), 0 if cp is not encodable. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* 1 when s[0..n) is valid UTF-8 (no surrogates, no overlongs). */
int utf8_valid(const char *s, size_t n);

/*
 * Append s[0..n) to out with every invalid sequence replaced by U+FFFD.
 * Returns the number of replacements made, or -1 if out's cap was hit.
 */
long utf8_repair(struct strbuf *out, const char *s, size_t n);

/* Number of code points in s[0..n) (invalid sequences count as one each). */
size_t utf8_count(const char *s, size_t n);

#endif
