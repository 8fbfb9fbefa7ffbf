/*
 * topics: the configuration news-stance runs on, read from TSV text that
 * the caller has loaded (this module does no I/O).
 *
 * config/topics.tsv, one topic a row, columns found by name:
 *   id           the topic id written in `topics` and `stances`
 *   description  what "support" means (for people; not used in matching)
 *   cues         ';'-separated terms whose presence shows the topic is
 *                discussed ("encryption;backdoor;lawful access"); a term
 *                prefixed with '~' is a weak cue: it counts towards the
 *                article's topics but does not put a sentence on the topic
 *                by itself ("~TikTok": fined under a privacy law, TikTok
 *                is not about foreign-tech restrictions)
 *   measures     ';'-separated terms for the measure an actor can favour
 *                or resist, each prefixed with its direction: '+' when
 *                favouring the term is supporting the topic ("+backdoor"),
 *                '-' when it is opposing it ("-end-to-end encryption")
 * Cues, measures, predicates and tone words fill four lexicons, matched
 * independently (longest match first within each), so a term may be a
 * topic cue, a measure and a predicate at once ("ban").
 * Terms match case-insensitively on word boundaries; plural forms (-s,
 * -es) of cues and measures are added.
 *
 * config/stance-cues.LANG.tsv, columns `kind term value`:
 *   support|oppose   an attitude predicate (back, reject, sue, criticise)
 *   enact|reverse    putting a measure in place or taking it away
 *                    (impose, issue, fund | withdraw, lift, scrap)
 *   contest          against what follows when it is a measure or an actor,
 *                    else nothing (sue, appeal: "Epic sued" says no more)
 *   comply           going along with what follows: a stance only when
 *                    negated or refused ("refused to comply with")
 *   restrict         acting against what follows (ban, fine, block)
 *   carry            passes on the predicate after "to" (vow, plan, force)
 *   negator          the same, reversed (decline to, fail to, refuse to)
 *   negation modal speech passive det prep
 *   spokes           spokesperson, official: a person speaking for a body
 *   good|bad         judging words: a speaker calling the measure a sentence
 *                    is about "flawed" opposes it, "a landmark" supports it
 *   harm             harming what follows: a speaker saying it "violates
 *                    privacy" stands by privacy
 *   head             nouns after which "in X", "of X" still names the
 *                    actor ("governments in Japan and the EU excluded")
 *   skip             words that may stand between a subject and its verb
 *                    (has, will, also): the subject is not a modifier
 *   coref            a noun phrase standing for an entity ("the company");
 *                    value = entity types: GOV, COMPANY, PERSON, ORG,
 *                    joined with '|'; with GOV, STATE asks for the
 *                    article's main state ("the government"), BODY for a
 *                    body ("the ministry"), SPEAKER for the speaker ("we")
 *   pronoun          he, she, it, they; value = entity types as above
 * Predicates and speech verbs are inflected (-s, -ed, -ing...) unless
 * the term starts with '=', which also marks irregular forms ("=fought").
 *
 * config/tone.LANG.tsv, columns `term score`: score in [-1,1].
 *
 * Rows that cannot be used are counted and described in `err` (one line
 * each, "FILE:LINE: what") and skipped; the rest loads.
 */
#ifndef NEWSPIPE_TOPICS_H
#define NEWSPIPE_TOPICS_H

#include <stddef.h>

#include "stance_lex.h"
#include "strbuf.h"

#define TOPICS_MAX 1000

struct topic_table {
	char **ids; /* topic ids, owned */
	size_t n;
	struct stance_lex lex;  /* topic cues */
	struct stance_lex meas; /* measure words */
	struct stance_lex cues; /* predicates, negations, pronouns... */
	struct stance_lex tone; /* tone lexicon */
};

void topics_init(struct topic_table *t);
void topics_release(struct topic_table *t);

/* Each returns the number of rows skipped (0 when all were good). */
int topics_load(struct topic_table *t, const char *name, const char *buf, size_t len,
                struct strbuf *err);
int topics_load_cues(struct topic_table *t, const char *name, const char *buf, size_t len,
                     struct strbuf *err);
int topics_load_tone(struct topic_table *t, const char *name, const char *buf, size_t len,
                     struct strbuf *err);

/* Build the lookup tables: once, after the last load. */
void topics_finish(struct topic_table *t);

/* Index of topic `id`, or -1. */
int topics_find(const struct topic_table *t, const char *id, size_t len);

#endif
