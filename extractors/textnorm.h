/*
 * textnorm: cut text into normalised tokens that remember where they
 * came from.
 *
 * Entity matching works on tokens, not bytes: a token is either a word
 * (a run of letters, digits and combining marks) or a single punctuation
 * code point.  White space separates tokens and is not one.  Each token
 * carries
 *  - its byte span and its Unicode code-point span in the ORIGINAL text,
 *    so a match over tokens i..j is reported as [tok[i].cp_start,
 *    tok[j].cp_end) without any further counting;
 *  - its folded form: NFC, case-folded, marks stripped for words; for
 *    punctuation, curly quotes folded to ' and ", every dash and hyphen
 *    to '-'.  Folded forms are what the gazetteer's case-insensitive
 *    aliases are compared with;
 *  - a 64-bit hash of the folded form (tn_hash), so lookups need no
 *    further pass over the bytes;
 *  - flags about its shape and what precedes it (capitalised, all caps,
 *    space or a line break before it, first word of a sentence).
 *
 * The exact (case-preserving) form of a word, for case-sensitive aliases,
 * is the original bytes when the token is ASCII, else its NFC form:
 * tn_exact() gives it.
 *
 * Ownership: a tn_text owns its token array and folded-text buffer and
 * reuses them from one tn_tokenize() call to the next (memory grows to
 * the largest text seen, never with the number of texts).  It does not
 * own or copy the source text, which must outlive the tokens.
 *
 *   struct tn_text t;
 *   tn_init(&t);
 *   if (tn_tokenize(&t, s, n) == 0) for (i = 0; i < t.n; i++) use(&t.tok[i]);
 *   tn_release(&t);
 *
 * Pure: no I/O and no global state beyond constant tables.
 */
#ifndef NEWSPIPE_TEXTNORM_H
#define NEWSPIPE_TEXTNORM_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

enum tn_kind { TN_WORD = 1, TN_PUNCT = 2 };

/* tn_token.flags */
#define TN_ASCII      0x01 /* the original bytes are all ASCII */
#define TN_CAP        0x02 /* word starts with an upper-case letter */
#define TN_ALLCAPS    0x04 /* word has letters, all upper case (two or more) */
#define TN_SPACE      0x08 /* white space right before the token */
#define TN_NEWLINE    0x10 /* a line break between this and the previous token */
#define TN_SENT_START 0x20 /* first token of the text, a line or a sentence */
#define TN_DIGITS     0x40 /* word made of ASCII digits only */

struct tn_token {
	uint32_t start, end;       /* bytes in the original text, end exclusive */
	uint32_t cp_start, cp_end; /* code points in the original text */
	uint32_t fold_off;         /* folded form: t->fold + fold_off, */
	uint32_t fold_len;         /*   fold_len bytes, not NUL-terminated */
	uint64_t hash;             /* tn_hash() of the folded form */
	uint8_t kind;              /* enum tn_kind */
	uint8_t flags;
};

struct tn_text {
	const char *src; /* the text tokenised last (not owned) */
	size_t src_len;
	struct tn_token *tok;
	size_t n, alloc;
	struct strbuf fold; /* all folded forms, back to back */
	struct strbuf scratch;
};

void tn_init(struct tn_text *t);
void tn_release(struct tn_text *t);

/*
 * Tokenise s[0..n).  Invalid UTF-8 sequences count as one code point each
 * (like utf8_count) and are treated as punctuation.  Returns 0, or -1 when
 * the text is too long for 32-bit offsets (4 GiB).
 */
int tn_tokenize(struct tn_text *t, const char *s, size_t n);

/* Hash of a folded form (the same function tokens and aliases use). */
uint64_t tn_hash(const char *s, size_t n);

/*
 * Fold one word (case fold, NFC, strip marks) or punctuation code point
 * the way tn_tokenize does, appending to out.  Used to fold aliases.
 * Returns 0, -1 if out's cap was hit.
 */
int tn_fold_word(struct strbuf *out, const char *s, size_t n);

/*
 * The exact form of token `k` (its original bytes when ASCII, else NFC),
 * valid until the next call with the same scratch buffer.
 */
const char *tn_exact(const struct tn_text *t, const struct tn_token *k, struct strbuf *scratch,
                     size_t *len);

/*
 * One token of a gazetteer key, for tt_add(): the hash of its folded form
 * (as a tn_token's), its kind, and its original bytes s[start..start+len),
 * which for an ASCII word are also its exact form.
 */
struct tn_key {
	uint64_t hash;
	uint32_t start, len;
	uint8_t kind; /* enum tn_kind */
};

/*
 * Tokenise a short pure-ASCII key exactly as tn_tokenize() would, without
 * offsets or flags (start-up cost: thousands of aliases).  Writes up to
 * `cap` tokens to out.  Returns their number, or -1 when s holds a
 * non-ASCII byte or more than `cap` tokens: then use tn_tokenize().
 */
int tn_key_ascii(const char *s, size_t n, struct tn_key *out, size_t cap);

/* 1 if code point cp is part of a word (letter, digit, mark). */
int tn_is_word_cp(uint32_t cp);

/* The folded punctuation for cp (quotes and dashes), else cp itself. */
uint32_t tn_fold_punct(uint32_t cp);

#endif
