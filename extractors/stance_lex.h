/*
 * stance_lex: the tokenizer and the phrase lexicon news-stance matches
 * against, built once from the config files and read-only afterwards.
 *
 * Tokens.  A token is a word (letters and digits, with inner apostrophes
 * as in "O'Brien"), a possessive "'s", a negation "n't", or one
 * punctuation character.  Each carries a 64-bit hash of its lower-cased
 * form (ASCII letters folded; curly quotes and apostrophes folded to
 * their ASCII forms, dashes to '-'), so matching a phrase is comparing
 * integers: no copy, no allocation.
 *
 * Phrases.  A phrase is one or more tokens ("ban", "push for", "end-to-end
 * encryption"), tokenized by the same rules as the text, so matching is
 * case-insensitive and on word boundaries by construction.  A phrase has
 * one or more senses (a topic cue, a measure word, a cue verb, a
 * negation...); the same phrase added twice gains a second sense.  The
 * table is a hash on the first token; each chain is kept longest first,
 * so sl_match() returns the longest phrase that starts at a token.
 *
 * Ownership: struct stance_lex owns its arrays; sl_release() frees them.
 * After construction it is only read, so one lexicon may serve any number
 * of analyses at once.
 */
#ifndef NEWSPIPE_STANCE_LEX_H
#define NEWSPIPE_STANCE_LEX_H

#include <stddef.h>
#include <stdint.h>

#define SL_MAX_PHRASE 8 /* tokens in one phrase */

enum sl_tok_kind { SL_WORD = 1, SL_NUM, SL_PUNCT };

struct sl_token {
	uint32_t start, end; /* byte offsets into the text */
	uint64_t hash;       /* of the folded form */
	uint8_t kind;        /* enum sl_tok_kind */
	uint8_t cap;         /* word starts with an ASCII capital */
	char punct;          /* folded punctuation character, else 0 */
};

/* What a phrase means.  `kind` says which of the other fields count. */
enum sl_kind {
	SK_CUE = 1,  /* topic cue: topic; value 1 = weak (article only) */
	SK_MEASURE,  /* measure word: topic, value = direction +1/-1 */
	SK_VERB,     /* stance predicate: cls, value = polarity +1/-1 */
	SK_NEGATION, /* not, never, no longer */
	SK_MODAL,    /* may, could, likely to */
	SK_SPEECH,   /* said, told, according to */
	SK_COREF,    /* the company, the ministry: types = entity types */
	SK_PRONOUN,  /* he, it, they: types */
	SK_PREP,     /* a preposition that puts a noun out of subject place */
	SK_PASSIVE,  /* was, were, been: before a participle */
	SK_DET,      /* the, a, its: before a noun, not a verb */
	SK_TONE,     /* tone lexicon: value in -100..100 (hundredths) */
	SK_SPOKES,   /* spokesperson, official: speaks for a body */
	SK_SKIP,     /* has, will, also: may stand between subject and verb */
	SK_EVAL,     /* judging words in quotes: value +1 (welcome) / -1 (flawed) */
	SK_HEAD,     /* "governments in X": X still acts */
	SK_TIME,     /* a position held before (-1: initially) or now (+1: later, no longer) */
	SK_CLAUSE, /* 1 concession opening a sentence (while, despite), 2 contrast anywhere (but, although) */
	SK_BODY,   /* parliament, regulator: "X's parliament rejected" is X acting */
	SK_WEAKER, /* looser, weaker: a measure so qualified points the other way */
};

/* Predicate classes (SK_VERB cls). */
enum sl_cls {
	VC_ATTITUDE = 1, /* support/oppose what follows: back, reject, sue */
	VC_ENACT,        /* put a measure in place (+1) or take it away (-1) */
	VC_RESTRICT,     /* restrict what follows: ban, fine, block */
	VC_CARRY,        /* "vow to", "plan to": pass on the next predicate */
	VC_CONTEST,      /* sue, appeal, challenge: against what follows, never
			    against the topic by default */
	VC_COMPLY,       /* comply: a stance only when refused or negated */
};

/* Entity types, as bits (also used by stance.h). */
enum {
	ET_GOV = 1,
	ET_COMPANY = 2,
	ET_PERSON = 4,
	ET_ORG = 8,
	ET_LAW = 16,
	ET_SPEAKER = 32, /* pronoun "we": the sentence's speaker */
	ET_STATE = 64,   /* "the government": the article's main state */
	ET_BODY = 128,   /* "the ministry": the latest body of a state */
};

struct sl_sense {
	uint8_t kind;  /* enum sl_kind */
	uint8_t cls;   /* enum sl_cls for SK_VERB */
	uint8_t types; /* ET_* bits for SK_COREF, SK_PRONOUN */
	int8_t value;  /* polarity, direction, or tone (hundredths) */
	int16_t topic; /* index into the topic table, or -1 */
};

struct sl_phrase {
	uint64_t hash[SL_MAX_PHRASE];
	uint8_t n;              /* tokens */
	uint32_t next;          /* next phrase in the chain, or UINT32_MAX */
	uint32_t sense, nsense; /* senses[sense .. sense+nsense) */
};

struct stance_lex {
	struct sl_phrase *phrases;
	size_t nphrases, aphrases;
	struct sl_sense *senses;
	size_t nsenses, asenses;
	uint32_t *buckets; /* head phrase per bucket, UINT32_MAX if none */
	size_t nbuckets;   /* a power of two */
	int finished;
};

void sl_init(struct stance_lex *lex);
void sl_release(struct stance_lex *lex);

/*
 * Tokenize s[0..n) into out[0..max): returns the number of tokens the
 * text has (which may exceed max; only max are stored).  Offsets are
 * relative to s, plus `base`.
 */
size_t sl_tokenize(const char *s, size_t n, size_t base, struct sl_token *out, size_t max);

/* The hash of one folded word (for callers that test a token: "by"). */
uint64_t sl_hash_word(const char *w);

/*
 * Add a phrase with one sense.  With `inflect`, also add the inflected
 * forms of its first word (-s, -es, -ed, -d, -ing, -ies, -ied, doubled
 * final consonant): "ban" gives "bans", "banned", "banning".  Returns 0,
 * or -1 if the phrase has no token or more than SL_MAX_PHRASE.
 */
int sl_add(struct stance_lex *lex, const char *phrase, size_t n, struct sl_sense sense,
           int inflect);

/* Build the hash table: call once after the last sl_add(). */
void sl_finish(struct stance_lex *lex);

/*
 * The longest phrase starting at tok[0] (ntok tokens available), or NULL.
 * *len gets its length in tokens.
 */
const struct sl_phrase *sl_match(const struct stance_lex *lex, const struct sl_token *tok,
                                 size_t ntok, size_t *len);

static inline const struct sl_sense *sl_senses(const struct stance_lex *lex,
                                               const struct sl_phrase *p)
{
	return lex->senses + p->sense;
}

#endif
