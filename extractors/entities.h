/*
 * entities: find governments, companies, laws, people and organisations
 * in article text, with canonical ids and the country of every GOV.
 *
 * The work happens in five passes over the tokens of one text
 * (textnorm.h):
 *
 *  1. the gazetteer (gazetteer.h): leftmost-longest alias matches, each
 *     with every entity sharing the surface form ("Congress");
 *  2. rules: PCRE2 patterns (JIT) for names that are not in the
 *     gazetteer, laws by form ("the X Act 2019", "Regulation (EU)
 *     2016/679"), companies by legal suffix or context ("chipmaker X"),
 *     government bodies by form ("Ministry of X", "X Authority").  A rule
 *     runs only on lines holding one of its trigger words, so rules cost
 *     nothing on text that cannot match them;
 *  3. context: the article's dominant country (most GOV mentions, title
 *     included) picks between entities sharing a name and gives rule-made
 *     bodies a country when their name and neighbours do not; words
 *     around a match veto it (a capital "in London" is a place; "May"
 *     after "in" is a month; config/entity-words.tsv lists them);
 *     a capitalised common word at a sentence start counts only when the
 *     entity appears elsewhere too;
 *  4. unknown people: a run of two to four capitalised name words that no
 *     other mention covers is a PERSON only next to a cue (a title or
 *     role noun before it, a speech verb before or after it, an
 *     apposition ", a spokesman" or a suffix "KC" after it); the same
 *     name elsewhere in the text is that person too;
 *  5. composition: a country or demonym joined to a body is one span
 *     ("UK Home Office", "Irish Data Protection Commission"); "X
 *     government" and "<person> administration" are the state; a legal
 *     suffix after a company joins it ("Intel Corp."); a year after a law
 *     joins it; a bare head word ("the Commission") refers back to the
 *     last body so named.
 *
 * Overlaps are settled longest first (gazetteer before rule on a tie).
 * Spans never start with "the" and never end with a possessive "'s".
 *
 * Ownership: an ent_extractor borrows its gazetteer (which must outlive
 * it) and owns its compiled rules and word lists; after loading it is
 * read-only but for each rule's JIT compilation on its first use (so one
 * extractor serves one thread at a time).  An ent_result owns its scratch buffers and is reused from
 * one text to the next: memory follows the longest text, not the input.
 *
 *   struct ent_extractor x;  ent_init(&x, &gz);
 *   ent_load_patterns(&x, buf, len, "config/patterns.tsv", err, ctx);
 *   ent_load_words(&x, buf, len, "config/entity-words.tsv", err, ctx);
 *   struct ent_result r;     ent_result_init(&r);
 *   ent_extract(&x, &r, text, n, title, tn);
 *   ent_format(&x, &r, cols);         // 8 strbufs, see below
 *   ent_result_release(&r);  ent_release(&x);
 */
#ifndef NEWSPIPE_ENTITIES_H
#define NEWSPIPE_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"
#include "strbuf.h"
#include "textnorm.h"

/* Word classes of config/entity-words.tsv (column `class`). */
enum ent_word_class {
	EW_STOP = 0,          /* leading words a rule span must not start with */
	EW_SUFFIX,            /* company legal suffixes joined to the name */
	EW_GOV_WORD,          /* "government": X government is the state X */
	EW_HEAD,              /* head words of bodies, resolved to the last such body */
	EW_PLACE_BEFORE,      /* a capital after these is a place, not a government */
	EW_PLACE_AFTER,       /* ... or before these */
	EW_COMMON,            /* common words: at a sentence start need support */
	EW_ROLE,              /* "Minister for": a body after it is a role title */
	EW_ROLE_AFTER,        /* "Secretary": a one-word body name before it is a title */
	EW_PRODUCT,           /* "such as", "like": a company after it is its service */
	EW_EXCHANGE,          /* "NASDAQ": "NASDAQ:SMCI" is a ticker, not a mention */
	EW_PRODUCT_AFTER,     /* "users", "app": the company before it is its service */
	EW_TITLE,             /* "President": a title before a name is not part of it */
	EW_SUBJECT_VERB,      /* "said": a common word at a sentence start before it acts */
	EW_TIME_WORD,         /* "on Tuesday": may stand between that word and the verb */
	EW_PERSON_CUE,        /* "spokeswoman", "judge": a role noun before an unknown name */
	EW_SPEECH_VERB,       /* "said", "told": next to an unknown name, a person speaking */
	EW_PERSON_SUFFIX,     /* "KC", "MP": after an unknown name, a person (not in the span) */
	EW_NAME_PARTICLE,     /* "de", "van", "bin": lower-case words inside a name */
	EW_NOT_NAME,          /* "Foundation", "Street", "March": never in an unknown name */
	EW_NOT_PERSON_BEFORE, /* "at", "in": an unknown name after these is a place or firm */
	EW_NEEDS_SUPPORT,     /* "X": an alias that counts only with support in the text */
	EW_NCLASSES
};

struct ent_rule {
	char *name;                      /* the rule's name, for messages */
	uint8_t type;                    /* enum gz_type */
	char country[3];                 /* fixed country for GOV/LAW, "" to infer */
	void *re;                        /* pcre2_code * */
	uint32_t span_group, name_group; /* 0 = whole match */
	uint32_t before, after;          /* tokens around a trigger the rule looks at */
	int jit_tried;                   /* JIT compilation done (on its first use) */
};

/* Per-surface vetoes: words that, before or after a matched alias,
 * mean the text is not the entity ("in May", "Apple pie"). */
struct ent_veto {
	uint32_t before_set; /* index of a gz_trie in x->veto_sets, or GZ_NONE */
	uint32_t after_set;
	uint8_t after_digit;  /* a number right after vetoes too ("#" in the list) */
	uint8_t before_digit; /* a number right before ("3 May") */
};

struct ent_extractor {
	const struct gazetteer *gz;
	struct ent_rule *rules;
	size_t n_rules, rules_alloc;
	struct gz_trie triggers; /* exact trigger word -> rule index */
	struct gz_trie words[EW_NCLASSES];
	struct gz_trie not_name;  /* every word of the classes no unknown name holds */
	struct gz_trie veto_keys; /* surface (folded) -> veto index */
	struct ent_veto *vetoes;
	size_t n_vetoes;
	struct gz_trie *veto_sets; /* 2 per veto: before, after */
	size_t n_veto_sets;
};

enum ent_src { ENT_GAZ = 0, ENT_RULE = 1 };

struct ent_mention {
	uint32_t tok_start, tok_end; /* tokens [start, end) */
	uint32_t cp_start, cp_end;   /* code points in the text */
	uint32_t ent;                /* gazetteer entity, or GZ_NONE */
	uint32_t id_off, name_off;   /* rule-made: id and name in r->arena */
	uint8_t type;                /* enum gz_type */
	uint8_t src;                 /* enum ent_src */
	uint8_t dead;                /* dropped by a later pass */
	char country[3];
	/* candidates from the gazetteer before the context pass */
	uint32_t cand[TT_MAX_HITS];
	uint8_t n_cand;
	uint8_t cs; /* the surface matched a case-sensitive alias */
	uint8_t flags;
};

struct ent_result {
	struct tn_text tn, title_tn;
	struct ent_mention *m;
	size_t n, alloc;
	struct strbuf arena; /* NUL-terminated ids and names of rule-made entities */
	struct strbuf scratch;
	uint8_t *taken; /* per token: covered by an accepted mention */
	size_t taken_alloc;
	void *md; /* pcre2_match_data * */
	char dominant[3];
	/* Countries of the article's GOV mentions, most mentioned first
	 * (ranked[0] is `dominant`): what an ambiguous name falls back on. */
	char ranked[16][3];
	size_t n_ranked;
	size_t shout_line, shout_end; /* tokens of the line last judged */
	int shout;                    /* ... and whether it is in capitals */
};

void ent_init(struct ent_extractor *x, const struct gazetteer *gz);
void ent_release(struct ent_extractor *x);

/*
 * Load rules from a TSV buffer with columns `name type trigger pattern`
 * and optional `country`, `before`, `after` (see README.md, "news-extract").
 * Bad rows (a pattern that does not compile, an unknown type) are
 * reported and skipped.  Returns rules loaded, -1 on a bad header.
 */
long ent_load_patterns(struct ent_extractor *x, const char *buf, size_t len, const char *source,
                       gz_error_fn *err, void *ctx);

/* Load word lists: columns `class word` and optional `before` `after`
 * (';'-separated) for class `veto`.  Returns rows loaded, -1 on a bad header. */
long ent_load_words(struct ent_extractor *x, const char *buf, size_t len, const char *source,
                    gz_error_fn *err, void *ctx);

void ent_result_init(struct ent_result *r);
void ent_result_release(struct ent_result *r);

/*
 * Find the entities of text[0..n) (title may be NULL: it only informs the
 * article's dominant country).  Fills r->m[0..r->n) in order of start.
 * Returns 0, or -1 when the text is too long to index (4 GiB).
 */
int ent_extract(struct ent_extractor *x, struct ent_result *r, const char *text, size_t n,
                const char *title, size_t title_len);

/* The id and display name of a mention. */
const char *ent_mention_id(const struct ent_extractor *x, const struct ent_result *r,
                           const struct ent_mention *m);
const char *ent_mention_name(const struct ent_extractor *x, const struct ent_result *r,
                             const struct ent_mention *m);

/*
 * The output columns, in this order: mentions governments companies laws
 * people organizations countries entity_count (see ENT_COLUMNS).  Each
 * out[i] is reset and filled (unescaped).  entity_count is the number of
 * distinct entities mentioned.
 */
#define ENT_NCOLS 8
extern const char *const ent_columns[ENT_NCOLS + 1];
void ent_format(const struct ent_extractor *x, const struct ent_result *r, struct strbuf *out);

#endif
