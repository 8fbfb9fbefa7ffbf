/*
 * textnorm: tokens with folded forms and original offsets (textnorm.h).
 *
 * The hot loop is ASCII: a 256-entry class table says what each byte is,
 * and a word is lower-cased, hashed and copied in one pass.  Anything
 * else goes through utf8proc one token at a time, which keeps the cost of
 * normalisation where the text actually needs it.
 */
#include "textnorm.h"

#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

enum {
	C_OTHER = 0, /* ASCII punctuation: a token of its own */
	C_SPACE,
	C_LF,
	C_WORD_LOWER,
	C_WORD_UPPER,
	C_DIGIT,
	C_HIGH /* first byte of a multi-byte sequence (or invalid) */
};

/* clang-format off */
static const unsigned char byte_class[256] = {
	['\t'] = C_SPACE, ['\n'] = C_LF, ['\v'] = C_SPACE, ['\f'] = C_SPACE, ['\r'] = C_SPACE,
	[' '] = C_SPACE,
	['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
	['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
	['A'] = C_WORD_UPPER, ['B'] = C_WORD_UPPER, ['C'] = C_WORD_UPPER, ['D'] = C_WORD_UPPER,
	['E'] = C_WORD_UPPER, ['F'] = C_WORD_UPPER, ['G'] = C_WORD_UPPER, ['H'] = C_WORD_UPPER,
	['I'] = C_WORD_UPPER, ['J'] = C_WORD_UPPER, ['K'] = C_WORD_UPPER, ['L'] = C_WORD_UPPER,
	['M'] = C_WORD_UPPER, ['N'] = C_WORD_UPPER, ['O'] = C_WORD_UPPER, ['P'] = C_WORD_UPPER,
	['Q'] = C_WORD_UPPER, ['R'] = C_WORD_UPPER, ['S'] = C_WORD_UPPER, ['T'] = C_WORD_UPPER,
	['U'] = C_WORD_UPPER, ['V'] = C_WORD_UPPER, ['W'] = C_WORD_UPPER, ['X'] = C_WORD_UPPER,
	['Y'] = C_WORD_UPPER, ['Z'] = C_WORD_UPPER,
	['a'] = C_WORD_LOWER, ['b'] = C_WORD_LOWER, ['c'] = C_WORD_LOWER, ['d'] = C_WORD_LOWER,
	['e'] = C_WORD_LOWER, ['f'] = C_WORD_LOWER, ['g'] = C_WORD_LOWER, ['h'] = C_WORD_LOWER,
	['i'] = C_WORD_LOWER, ['j'] = C_WORD_LOWER, ['k'] = C_WORD_LOWER, ['l'] = C_WORD_LOWER,
	['m'] = C_WORD_LOWER, ['n'] = C_WORD_LOWER, ['o'] = C_WORD_LOWER, ['p'] = C_WORD_LOWER,
	['q'] = C_WORD_LOWER, ['r'] = C_WORD_LOWER, ['s'] = C_WORD_LOWER, ['t'] = C_WORD_LOWER,
	['u'] = C_WORD_LOWER, ['v'] = C_WORD_LOWER, ['w'] = C_WORD_LOWER, ['x'] = C_WORD_LOWER,
	['y'] = C_WORD_LOWER, ['z'] = C_WORD_LOWER,
	[0x80] = C_HIGH, [0x81] = C_HIGH, [0x82] = C_HIGH, [0x83] = C_HIGH, [0x84] = C_HIGH,
	[0x85] = C_HIGH, [0x86] = C_HIGH, [0x87] = C_HIGH, [0x88] = C_HIGH, [0x89] = C_HIGH,
	[0x8a] = C_HIGH, [0x8b] = C_HIGH, [0x8c] = C_HIGH, [0x8d] = C_HIGH, [0x8e] = C_HIGH,
	[0x8f] = C_HIGH, [0x90] = C_HIGH, [0x91] = C_HIGH, [0x92] = C_HIGH, [0x93] = C_HIGH,
	[0x94] = C_HIGH, [0x95] = C_HIGH, [0x96] = C_HIGH, [0x97] = C_HIGH, [0x98] = C_HIGH,
	[0x99] = C_HIGH, [0x9a] = C_HIGH, [0x9b] = C_HIGH, [0x9c] = C_HIGH, [0x9d] = C_HIGH,
	[0x9e] = C_HIGH, [0x9f] = C_HIGH, [0xa0] = C_HIGH, [0xa1] = C_HIGH, [0xa2] = C_HIGH,
	[0xa3] = C_HIGH, [0xa4] = C_HIGH, [0xa5] = C_HIGH, [0xa6] = C_HIGH, [0xa7] = C_HIGH,
	[0xa8] = C_HIGH, [0xa9] = C_HIGH, [0xaa] = C_HIGH, [0xab] = C_HIGH, [0xac] = C_HIGH,
	[0xad] = C_HIGH, [0xae] = C_HIGH, [0xaf] = C_HIGH, [0xb0] = C_HIGH, [0xb1] = C_HIGH,
	[0xb2] = C_HIGH, [0xb3] = C_HIGH, [0xb4] = C_HIGH, [0xb5] = C_HIGH, [0xb6] = C_HIGH,
	[0xb7] = C_HIGH, [0xb8] = C_HIGH, [0xb9] = C_HIGH, [0xba] = C_HIGH, [0xbb] = C_HIGH,
	[0xbc] = C_HIGH, [0xbd] = C_HIGH, [0xbe] = C_HIGH, [0xbf] = C_HIGH, [0xc0] = C_HIGH,
	[0xc1] = C_HIGH, [0xc2] = C_HIGH, [0xc3] = C_HIGH, [0xc4] = C_HIGH, [0xc5] = C_HIGH,
	[0xc6] = C_HIGH, [0xc7] = C_HIGH, [0xc8] = C_HIGH, [0xc9] = C_HIGH, [0xca] = C_HIGH,
	[0xcb] = C_HIGH, [0xcc] = C_HIGH, [0xcd] = C_HIGH, [0xce] = C_HIGH, [0xcf] = C_HIGH,
	[0xd0] = C_HIGH, [0xd1] = C_HIGH, [0xd2] = C_HIGH, [0xd3] = C_HIGH, [0xd4] = C_HIGH,
	[0xd5] = C_HIGH, [0xd6] = C_HIGH, [0xd7] = C_HIGH, [0xd8] = C_HIGH, [0xd9] = C_HIGH,
	[0xda] = C_HIGH, [0xdb] = C_HIGH, [0xdc] = C_HIGH, [0xdd] = C_HIGH, [0xde] = C_HIGH,
	[0xdf] = C_HIGH, [0xe0] = C_HIGH, [0xe1] = C_HIGH, [0xe2] = C_HIGH, [0xe3] = C_HIGH,
	[0xe4] = C_HIGH, [0xe5] = C_HIGH, [0xe6] = C_HIGH, [0xe7] = C_HIGH, [0xe8] = C_HIGH,
	[0xe9] = C_HIGH, [0xea] = C_HIGH, [0xeb] = C_HIGH, [0xec] = C_HIGH, [0xed] = C_HIGH,
	[0xee] = C_HIGH, [0xef] = C_HIGH, [0xf0] = C_HIGH, [0xf1] = C_HIGH, [0xf2] = C_HIGH,
	[0xf3] = C_HIGH, [0xf4] = C_HIGH, [0xf5] = C_HIGH, [0xf6] = C_HIGH, [0xf7] = C_HIGH,
	[0xf8] = C_HIGH, [0xf9] = C_HIGH, [0xfa] = C_HIGH, [0xfb] = C_HIGH, [0xfc] = C_HIGH,
	[0xfd] = C_HIGH, [0xfe] = C_HIGH, [0xff] = C_HIGH,
};
/* clang-format on */

#define HASH_SEED  0xcbf29ce484222325ull
#define HASH_PRIME 0x100000001b3ull

/* Set the length of a buffer after writing into room made by sb_grow()
 * (sb_setlen only shortens). */
static inline void sb_used(struct strbuf *sb, size_t len)
{
	sb->len = len;
	sb->buf[len] = '\0';
}

static inline uint64_t hash_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * HASH_PRIME;
}

/* FNV-1a mixes poorly into its low bits, which the tables use: finish
 * with the MurmurHash3 64-bit finaliser. */
static inline uint64_t hash_final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

uint64_t tn_hash(const char *s, size_t n)
{
	uint64_t h = HASH_SEED;
	for (size_t i = 0; i < n; i++)
		h = hash_step(h, (unsigned char)s[i]);
	return hash_final(h);
}

void tn_init(struct tn_text *t)
{
	memset(t, 0, sizeof(*t));
	t->fold = (struct strbuf)STRBUF_INIT;
	t->scratch = (struct strbuf)STRBUF_INIT;
}

void tn_release(struct tn_text *t)
{
	free(t->tok);
	sb_release(&t->fold);
	sb_release(&t->scratch);
	memset(t, 0, sizeof(*t));
}

uint32_t tn_fold_punct(uint32_t cp)
{
	switch (cp) {
	case 0x2018:
	case 0x2019:
	case 0x201A:
	case 0x201B:
	case 0x2032:
	case 0x02BC:
	case 0xFF07:
	case 0x0060:
	case 0x00B4: return '\'';
	case 0x201C:
	case 0x201D:
	case 0x201E:
	case 0x201F:
	case 0x2033:
	case 0x00AB:
	case 0x00BB:
	case 0xFF02: return '"';
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
	case 0xFE58:
	case 0xFE63:
	case 0xFF0D: return '-';
	case 0xFF0E: return '.';
	case 0xFF0C: return ',';
	case 0xFF06: return '&';
	default: return cp;
	}
}

static int is_space_cp(uint32_t cp)
{
	if (cp < 0x80)
		return byte_class[cp] == C_SPACE || cp == '\n';
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CF: /* zero-width joiners, BOM, soft hyphen */ return 1;
	default: return cp == 0x85;
	}
}

int tn_is_word_cp(uint32_t cp)
{
	if (cp < 0x80) {
		int c = byte_class[cp];
		return c == C_WORD_LOWER || c == C_WORD_UPPER || c == C_DIGIT;
	}
	if (cp > 0x10FFFF)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO: return 1;
	default: return 0;
	}
}

static int is_upper_cp(uint32_t cp)
{
	if (cp < 0x80)
		return byte_class[cp] == C_WORD_UPPER;
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(uint32_t cp)
{
	if (cp < 0x80)
		return byte_class[cp] == C_WORD_LOWER;
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

int tn_fold_word(struct strbuf *out, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n && !((unsigned char)s[i] & 0x80); i++)
		;
	if (i == n) { /* ASCII */
		if (sb_grow(out, n) < 0)
			return -1;
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			out->buf[out->len + i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		sb_used(out, out->len + n);
		return 0;
	}
	/* A lone punctuation code point: fold quotes and dashes. */
	uint32_t cp;
	size_t used = utf8_decode(s, n, &cp);
	if (used == n && !tn_is_word_cp(cp)) {
		if (cp == UTF8_INVALID)
			cp = UTF8_REPLACEMENT;
		return sb_add_utf8(out, tn_fold_punct(cp));
	}
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
	                                  UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                                          UTF8PROC_STRIPMARK);
	int rc;
	if (r < 0)
		rc = sb_add(out, s, n);
	else
		rc = sb_add(out, dst, (size_t)r);
	free(dst);
	return rc;
}

const char *tn_exact(const struct tn_text *t, const struct tn_token *k, struct strbuf *scratch,
                     size_t *len)
{
	const char *p = t->src + k->start;
	size_t n = k->end - k->start;
	if ((k->flags & TN_ASCII) || k->kind != TN_WORD) {
		if (k->kind != TN_WORD) { /* punctuation compares folded */
			*len = k->fold_len;
			return t->fold.buf + k->fold_off;
		}
		*len = n;
		return p;
	}
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &dst,
	                                  UTF8PROC_COMPOSE);
	sb_reset(scratch);
	if (r < 0)
		sb_add(scratch, p, n);
	else
		sb_add(scratch, dst, (size_t)r);
	free(dst);
	*len = scratch->len;
	return scratch->buf;
}

int tn_key_ascii(const char *s, size_t n, struct tn_key *out, size_t cap)
{
	size_t k = 0, i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int cls = byte_class[c];
		if (cls == C_SPACE || cls == C_LF) {
			i++;
			continue;
		}
		if (cls == C_HIGH || k == cap)
			return -1;
		struct tn_key *o = &out[k++];
		o->start = (uint32_t)i;
		if (cls == C_OTHER) {
			/* punctuation: folded as tn_fold_punct does ('`' -> '\'') */
			o->kind = TN_PUNCT;
			o->hash = hash_final(hash_step(HASH_SEED, (unsigned char)tn_fold_punct(c)));
			o->len = 1;
			i++;
			continue;
		}
		uint64_t h = HASH_SEED;
		for (; i < n; i++) {
			c = (unsigned char)s[i];
			cls = byte_class[c];
			/* C_WORD_LOWER, C_WORD_UPPER, C_DIGIT are consecutive */
			if ((unsigned)(cls - C_WORD_LOWER) > C_DIGIT - C_WORD_LOWER)
				break;
			h = hash_step(h, (unsigned char)(c | (cls == C_WORD_UPPER) << 5));
		}
		if (cls == C_HIGH)
			return -1; /* a word going on past ASCII */
		o->kind = TN_WORD;
		o->hash = hash_final(h);
		o->len = (uint32_t)i - o->start;
	}
	return (int)k;
}

static struct tn_token *new_token(struct tn_text *t)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 256;
		t->tok = xrealloc(t->tok, t->alloc * sizeof(*t->tok));
	}
	return &t->tok[t->n++];
}

/* Does the punctuation token `k` end a sentence, given what precedes? */
static int ends_sentence(const struct tn_text *t, size_t k)
{
	const struct tn_token *p = &t->tok[k];
	char c = t->fold.buf[p->fold_off];
	if (p->fold_len != 1 || (c != '.' && c != '!' && c != '?'))
		return 0;
	if (c != '.' || k == 0)
		return 1;
	/* "U.S." or "Inc." or "Mr." do not end a sentence by themselves. */
	const struct tn_token *w = &t->tok[k - 1];
	if (w->kind == TN_WORD && w->end == p->start && (w->cp_end - w->cp_start == 1))
		return 0;
	return 1;
}

/* A full stop ends a sentence only before space, a quote or the end. */
static int followed_by_break(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return 1;
	unsigned char c = (unsigned char)s[i];
	return byte_class[c] == C_SPACE || c == '\n' || c == '"' || c == '\'' || c == ')' ||
	       c >= 0x80;
}

/*
 * The rest of a word from s[j]: word code points, ASCII or not.  Adds the
 * upper- and lower-case letters to *upper and *lower and the code points
 * to *cp_pos; returns where the word ends.
 */
static size_t word_rest(const char *s, size_t n, size_t j, uint32_t *cp_pos, int *upper, int *lower)
{
	while (j < n) {
		int cls = byte_class[(unsigned char)s[j]];
		if (cls == C_WORD_LOWER || cls == C_WORD_UPPER || cls == C_DIGIT) {
			*upper += cls == C_WORD_UPPER;
			*lower += cls == C_WORD_LOWER;
			j++;
		} else if (cls == C_HIGH) {
			uint32_t cp;
			size_t u = utf8_decode(s + j, n - j, &cp);
			if (!tn_is_word_cp(cp))
				break;
			if (is_upper_cp(cp))
				(*upper)++;
			else if (is_lower_cp(cp))
				(*lower)++;
			j += u;
		} else {
			break;
		}
		(*cp_pos)++;
	}
	return j;
}

/*
 * The word that starts at s[*i] (an ASCII letter or digit, or a non-ASCII
 * word code point) as a token with the flags `fl` plus its own; advances
 * *i and *cp_pos past it.  ASCII words, most of them, are folded and
 * hashed in one pass; a word with any other code point is folded again
 * by tn_fold_word.  -1 when memory runs out.
 */
static int add_word(struct tn_text *t, const char *s, size_t n, size_t *i, uint32_t *cp_pos, int fl)
{
	size_t st = *i, j = st;
	uint32_t cst = *cp_pos;
	size_t foff = t->fold.len;
	uint64_t h = HASH_SEED;
	int upper = 0, lower = 0, digits = 0;
	char *f = t->fold.buf + foff;
	for (; j < n; j++) {
		unsigned char c = (unsigned char)s[j];
		int cls = byte_class[c];
		if (cls == C_WORD_LOWER) {
			lower++;
		} else if (cls == C_WORD_UPPER) {
			upper++;
			c = (unsigned char)(c + 32);
		} else if (cls == C_DIGIT) {
			digits++;
		} else {
			break;
		}
		*f++ = (char)c;
		h = hash_step(h, c);
	}
	uint32_t cp_end = cst + (uint32_t)(j - st);
	size_t ascii_end = j;
	j = word_rest(s, n, j, &cp_end, &upper, &lower);
	int ascii = j == ascii_end;

	struct tn_token *k = new_token(t);
	k->start = (uint32_t)st;
	k->end = (uint32_t)j;
	k->cp_start = cst;
	k->cp_end = cp_end;
	k->kind = TN_WORD;
	if (ascii) {
		sb_used(&t->fold, foff + (j - st));
		k->hash = hash_final(h);
	} else {
		sb_setlen(&t->fold, foff);
		if (tn_fold_word(&t->fold, s + st, j - st) < 0 ||
		    sb_grow(&t->fold, (n - j) + 16) < 0)
			return -1;
		k->hash = tn_hash(t->fold.buf + foff, t->fold.len - foff);
	}
	k->fold_off = (uint32_t)foff;
	k->fold_len = (uint32_t)(t->fold.len - foff);
	uint32_t first;
	utf8_decode(s + st, n - st, &first);
	if (ascii)
		fl |= TN_ASCII;
	if (is_upper_cp(first))
		fl |= TN_CAP;
	if (upper >= 2 && lower == 0)
		fl |= TN_ALLCAPS;
	if (digits == (int)(j - st))
		fl |= TN_DIGITS;
	k->flags = (uint8_t)fl;
	*i = j;
	*cp_pos = cp_end;
	return 0;
}

int tn_tokenize(struct tn_text *t, const char *s, size_t n)
{
	if (n >= UINT32_MAX)
		return -1;
	t->src = s;
	t->src_len = n;
	t->n = 0;
	sb_reset(&t->fold);
	/* ASCII folds to as many bytes as it has: room for the whole text
	 * now, and the slow paths below (which may grow a code point: U+0130,
	 * an invalid byte to U+FFFD) restore the room for what is left. */
	if (sb_grow(&t->fold, n + 16) < 0)
		return -1;

	size_t i = 0;
	uint32_t cp_pos = 0;
	int pending = TN_NEWLINE | TN_SENT_START | TN_SPACE;
	int sentence_next = 1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int cls = byte_class[c];
		if (cls == C_SPACE) {
			pending |= TN_SPACE;
			i++;
			cp_pos++;
			continue;
		}
		if (cls == C_LF) {
			pending |= TN_SPACE | TN_NEWLINE;
			sentence_next = 1;
			i++;
			cp_pos++;
			continue;
		}
		if (cls == C_WORD_LOWER || cls == C_WORD_UPPER || cls == C_DIGIT) {
			if (add_word(t, s, n, &i, &cp_pos,
			             pending | (sentence_next ? TN_SENT_START : 0)) < 0)
				return -1;
			pending = 0;
			sentence_next = 0;
			continue;
		}
		/* Punctuation, non-ASCII space, or a non-ASCII word start. */
		uint32_t cp;
		size_t u;
		if (cls == C_HIGH) {
			u = utf8_decode(s + i, n - i, &cp);
			if (cp != UTF8_INVALID && is_space_cp(cp)) {
				pending |= TN_SPACE;
				if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
					pending |= TN_NEWLINE;
					sentence_next = 1;
				}
				i += u;
				cp_pos++;
				continue;
			}
			if (cp != UTF8_INVALID && tn_is_word_cp(cp)) {
				if (add_word(t, s, n, &i, &cp_pos,
				             pending | (sentence_next ? TN_SENT_START : 0)) < 0)
					return -1;
				pending = 0;
				sentence_next = 0;
				continue;
			}
			if (cp == UTF8_INVALID)
				cp = UTF8_REPLACEMENT;
		} else {
			cp = c;
			u = 1;
		}
		size_t foff = t->fold.len;
		if (sb_add_utf8(&t->fold, tn_fold_punct(cp)) < 0 ||
		    ((u > 1 || cp > 0x7f) && sb_grow(&t->fold, (n - i) + 16) < 0))
			return -1;
		struct tn_token *k = new_token(t);
		k->start = (uint32_t)i;
		k->end = (uint32_t)(i + u);
		k->cp_start = cp_pos;
		k->cp_end = cp_pos + 1;
		k->kind = TN_PUNCT;
		k->fold_off = (uint32_t)foff;
		k->fold_len = (uint32_t)(t->fold.len - foff);
		k->hash = tn_hash(t->fold.buf + foff, k->fold_len);
		k->flags = (uint8_t)(pending | (cp < 0x80 ? TN_ASCII : 0));
		pending = 0;
		i += u;
		cp_pos++;
		if (ends_sentence(t, t->n - 1) && followed_by_break(s, n, i))
			sentence_next = 1;
	}
	return 0;
}
