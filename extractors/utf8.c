/* utf8: see utf8.h. */
#include "utf8.h"

#include <string.h>

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t need;
	uint32_t v, min;
	unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2, v = c & 0x0F, min = 0x800;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3, v = c & 0x07, min = 0x10000;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else {
		*cp = UTF8_INVALID;
		return 1;
	}
	size_t i;
	for (i = 1; i <= need; i++) {
		if (i >= n) {
			*cp = UTF8_INVALID;
			return i;
		}
		unsigned b = s[i];
		unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
		if (b < l || b > h) {
			*cp = UTF8_INVALID;
			return i;
		}
		v = (v << 6) | (b & 0x3F);
	}
	(void)min;
	*cp = v;
	return need + 1;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

/* Length of the leading ASCII run: the common case, done a word at a time. */
static size_t ascii_prefix(const char *s, size_t n)
{
	size_t i = 0;
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
	while (i < n && !((unsigned char)s[i] & 0x80))
		i++;
	return i;
}

int utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		i += ascii_prefix(s + i, n - i);
		if (i >= n)
			break;
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID)
			return 0;
		i += k;
	}
	return 1;
}

long utf8_repair(struct strbuf *out, const char *s, size_t n)
{
	long bad = 0;
	size_t i = 0;
	while (i < n) {
		size_t a = ascii_prefix(s + i, n - i);
		size_t j = i + a;
		/* extend over valid multi-byte sequences */
		while (j < n) {
			uint32_t cp;
			if (!((unsigned char)s[j] & 0x80)) {
				j++;
				continue;
			}
			size_t k = utf8_decode(s + j, n - j, &cp);
			if (cp == UTF8_INVALID)
				break;
			j += k;
		}
		if (sb_add(out, s + i, j - i) < 0)
			return -1;
		i = j;
		if (i < n) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);
			if (sb_add(out, "\xEF\xBF\xBD", 3) < 0)
				return -1;
			bad++;
			i += k;
		}
	}
	return bad;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t count = 0, i = 0;
	while (i < n) {
		size_t a = ascii_prefix(s + i, n - i);
		count += a;
		i += a;
		if (i >= n)
			break;
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		count++;
	}
	return count;
}
