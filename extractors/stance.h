/*
 * stance: who stands where on which tech-policy topic, and the sentence
 * that shows it.  Pure: the caller hands in the article text, the
 * mentions news-extract found in it, and a loaded topic table
 * (topics.h); the results land in buffers of the context.
 *
 * How it reads an article (README.md, "news-stance" has the long form):
 *  1. Sentences (sentences.h) and tokens (stance_lex.h); each token knows
 *     the mention it is part of and the lexicon phrase that starts at it.
 *  2. Topics: a sentence touches the topics whose cues it contains; a
 *     sentence with none inherits those of the sentence before it in the
 *     same paragraph, or the article's main topic.
 *  3. Predicates: every cue verb (back, reject, impose, withdraw, ban...)
 *     outside a mention.  Its agent is the subject (nearest actor to its
 *     left that is not the object of a preposition, with "X and Y"
 *     coordination), the "by X" of a passive, a pronoun or "the company"
 *     resolved to the most recent mention of a fitting type, or the
 *     speaker of the sentence ("X said", "according to X").  Nouns that
 *     name a measure take their owner as agent: "the UK's demand", "a
 *     Home Office order", "requests from X".
 *  4. Polarity: the predicate's direction times the direction of its
 *     object relative to the topic ("+backdoor", "-encryption"), flipped
 *     by negation ("did not oppose") and weakened by modals; "refuse to
 *     comply", "vowed to fight" compose; attacking another actor ("X sued
 *     Y") takes the opposite of Y's stance.  A modal on a reversal ("may
 *     back down") casts no vote: the measure still stands.
 *  5. Votes are summed per (actor, topic); the confidence is the share of
 *     agreeing weight times a saturating function of that weight, and
 *     only stances at or above the threshold are written.
 *
 * Ownership: the context owns every buffer; results stay valid until the
 * next stance_analyze() or stance_ctx_release() on it.  The topic table
 * is only read, so contexts may share it.
 */
#ifndef NEWSPIPE_STANCE_H
#define NEWSPIPE_STANCE_H

#include <stddef.h>
#include <stdint.h>

#include "stance_lex.h"
#include "strbuf.h"
#include "topics.h"

struct stance_opts {
	double min_conf; /* write stances with at least this confidence */
};

#define STANCE_OPTS_DEFAULT                                                                        \
	{                                                                                          \
		0.5                                                                                \
	}

struct st_mention;
struct st_entity;
struct st_tokinfo;
struct st_sentence;
struct st_vote;

struct stance_ctx {
	/* Results of the last stance_analyze(). */
	struct strbuf topics;  /* ';'-separated topic ids */
	struct strbuf stances; /* ';'-separated ACTOR:TOPIC:STANCE:START-END:CONF */
	double tone;           /* in [-1,1] */
	struct strbuf err;     /* first problem with the mentions, if any */

	/* Scratch, grown as needed and kept between calls. */
	struct st_mention *ment;
	size_t nment, ament;
	struct st_entity *ent;
	size_t nent, aent;
	int32_t *ent_hash;
	size_t nent_hash;
	struct sl_token *tok;
	size_t atok;
	struct st_tokinfo *info;
	size_t ainfo;
	struct st_sentence *sent;
	size_t nsent, asent;
	struct st_vote *vote;
	size_t nvote, avote;
	int *topic_count, *topic_first;
	size_t atopic;
	int16_t *sent_topics; /* STANCE_SENT_TOPICS per sentence */
	int *ent_count;       /* mentions per entity */
	size_t aent_count;
	size_t asent_topics;
};

#define STANCE_SENT_TOPICS 4

void stance_ctx_init(struct stance_ctx *c);
void stance_ctx_release(struct stance_ctx *c);

/*
 * Analyse text[0..len) with its mentions (the `mentions` column:
 * TYPE:ID:START-END;..., code-point offsets; NULL or empty for none).
 * Returns the number of mentions that could not be used (malformed, out
 * of range, of an unknown type); c->err describes the first.  A bad
 * mention is skipped, the rest of the analysis goes on.
 */
int stance_analyze(const struct topic_table *t, const struct stance_opts *o, struct stance_ctx *c,
                   const char *text, size_t len, const char *mentions, size_t mlen);

/* Parse one mention "TYPE:ID:START-END": 0 and the parts, or -1. */
int stance_parse_mention(const char *s, size_t n, int *type, const char **id, size_t *idlen,
                         size_t *start, size_t *end);

#endif
