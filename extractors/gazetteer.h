/*
 * gazetteer: named entities and the token trie that finds them in text.
 *
 * Two layers:
 *
 * 1. gz_trie maps sequences of normalised tokens (textnorm.h) to uint32
 *    payloads.  It is a hashed trie: one open-addressing table holds
 *    every edge (parent node, folded token) -> child node, so walking
 *    from a text token costs one hash probe per token and no pass over
 *    the bytes (tokens carry their hash).  Each key may be case-sensitive:
 *    then the text's word tokens must also equal the key's exact (NFC)
 *    forms.  Several payloads may share a key (one surface form, many
 *    entities: "Congress").  tt_longest() finds the longest key starting
 *    at a token, never crossing a line break.
 *
 * 2. gazetteer holds the entities (GOV COMPANY LAW PERSON ORG) read from
 *    TSV files in the format of CONVENTIONS.md ("Gazetteer format") and a
 *    gz_trie of all their aliases and former names.  gz_load_tsv() takes
 *    a buffer, so this file does no I/O; pipeline/gazload.c reads files.
 *    An id defined twice (in two files, say) is one entity: later rows
 *    add aliases, the first row's other fields stay.
 *
 * Ownership: a gazetteer owns every string it stores (copied on load, into
 * chunks it frees at once in gz_release()).  After loading it is read-only and may be
 * shared by any number of matchers.
 */
#ifndef NEWSPIPE_GAZETTEER_H
#define NEWSPIPE_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "textnorm.h"

#define GZ_NONE UINT32_MAX

/* ------------------------------------------------------------ token trie */

struct tt_val {
	uint32_t payload;
	uint32_t next;      /* next value on the same node, or GZ_NONE */
	uint32_t exact_off; /* case-sensitive: offset of exact forms in arena; else GZ_NONE */
	uint16_t nword;     /* number of word tokens in the key */
};

/* An edge is known by its parent and the 64-bit hash of the folded
 * token (tn_hash, well mixed): two distinct tokens under one parent
 * would need a 64-bit collision to be confused, so the token text is not
 * kept, which halves the table and the start-up's page faults. */
struct tt_edge {
	uint64_t hash;   /* folded token hash; 0 marks an empty slot */
	uint32_t parent; /* node the edge leaves */
	uint32_t child;  /* node it reaches */
};

struct gz_trie {
	struct tt_edge *edges; /* open addressing, power-of-two size */
	size_t edge_mask, n_edges;
	uint32_t *node_val; /* first value of each node, GZ_NONE if none */
	size_t n_nodes, nodes_alloc;
	struct tt_val *vals;
	size_t n_vals, vals_alloc;
	struct strbuf arena;     /* exact forms of case-sensitive keys */
	struct tn_text own_tn;   /* for tokenising keys, unless shared: */
	struct tn_text *scratch; /* &own_tn, or another trie's (tt_share) */
	uint8_t *first_bits;     /* filter on the first token's hash: */
	size_t first_mask;       /* bits - 1, two bits per edge slot */
};

void tt_init(struct gz_trie *tt);
void tt_release(struct gz_trie *tt);

/* Tokenise keys in `other`'s scratch space (small tries need none of
 * their own); `other` must outlive tt's loading. */
void tt_share(struct gz_trie *tt, struct gz_trie *other);

/* Make room for about n_edges tokens of keys at once (saves rehashing
 * while a large gazetteer loads). */
void tt_reserve(struct gz_trie *tt, size_t n_edges);

/*
 * Add key `text` (tokenised as text is) with `payload`.  case_sensitive:
 * word tokens must match exactly, not just after folding.  Returns 0, or
 * -1 if the key has no token.
 */
int tt_add(struct gz_trie *tt, const char *text, size_t len, int case_sensitive, uint32_t payload);

/* One match: tokens [tok_start, tok_end) and the values that accept it. */
#define TT_MAX_HITS 16
struct tt_match {
	size_t tok_start, tok_end;
	size_t n;
	uint32_t payload[TT_MAX_HITS];
	uint8_t case_sensitive[TT_MAX_HITS];
};

/*
 * Longest key starting at token i of t (tokens up to `limit`), with every
 * payload stored under it that accepts the text (case).  Returns 1 and
 * fills *m, or 0 when no key starts there.  `scratch` is for exact forms
 * of non-ASCII words.
 */
int tt_longest(const struct gz_trie *tt, const struct tn_text *t, size_t i, size_t limit,
               struct tt_match *m, struct strbuf *scratch);

/* 1 if the whole of s (tokenised) is a key; payload of the first hit. */
int tt_lookup(const struct gz_trie *tt, const char *s, size_t n, uint32_t *payload);

/* ------------------------------------------------------------ gazetteer */

enum gz_type { GZ_GOV = 0, GZ_COMPANY, GZ_LAW, GZ_PERSON, GZ_ORG, GZ_NTYPES };

/* "GOV" "COMPANY" "LAW" "PERSON" "ORG" */
extern const char *const gz_type_names[GZ_NTYPES];
/* -1 when s is not one of them (compared case-insensitively). */
int gz_type_parse(const char *s, size_t n);

/* gz_entity.flags */
#define GZ_STATE   0x01 /* GOV kind=state: the id is the country code */
#define GZ_CAPITAL 0x02 /* GOV kind=capital: a city standing for its state */

struct gz_entity {
	char *id;          /* as written in mentions: "gb", "gb/home-office", "apple" */
	char *name;        /* canonical display name */
	char *kind;        /* the kind column, "" when absent */
	char *affiliation; /* people: a GOV or COMPANY id, "" when none */
	char *parent;      /* GOV bodies: the id of the body or state above, "" */
	char country[3];   /* country / hq_country / jurisdiction: "gb", "eu", "" */
	uint8_t type;      /* enum gz_type */
	uint8_t flags;
};

/* Payload of an alias in gz.aliases: entity index and how it was given. */
#define GZ_ALIAS_FORMER  0x80000000u /* from former_names */
#define GZ_ALIAS_CAPITAL 0x40000000u /* a capital city standing for its state */
#define GZ_ALIAS_ENTITY  0x3fffffffu

struct gazetteer {
	struct gz_entity *ents;
	size_t n_ents, ents_alloc;
	struct gz_trie aliases;
	struct gz_trie modifiers; /* demonyms and modifiers ("British") -> state; from
				   * the modifiers column and from every state alias
				   * "X government" (X is a modifier) */
	/* id -> entity index, open addressing on tn_hash(id) */
	uint32_t *id_index;
	size_t id_mask;
	size_t n_aliases;
	struct gz_chunk *chunks; /* the entities' strings (see gazetteer.c) */
};

void gz_init(struct gazetteer *gz);
void gz_release(struct gazetteer *gz);

/*
 * Called for each bad row while loading: `line` is 1-based in the buffer.
 */
typedef void gz_error_fn(void *ctx, const char *source, unsigned long line, const char *msg);

/*
 * Load entities from a TSV buffer (header row, columns by name; see
 * CONVENTIONS.md).  Rows with a problem are reported through `err` (may
 * be NULL) and skipped.  Returns the number of rows loaded, or -1 when the
 * header lacks a required column (id type name aliases): nothing loaded.
 */
long gz_load_tsv(struct gazetteer *gz, const char *buf, size_t len, const char *source,
                 gz_error_fn *err, void *ctx);

/*
 * Add one entity (or aliases to an existing id).  `aliases` is the
 * ';'-separated list with '=' marking case-sensitive forms.  For GOV,
 * `id` may be a bare slug (it becomes "cc/slug") or already "cc/slug";
 * kind "state" makes the id the country code.  Returns the entity index,
 * or GZ_NONE with *why set when the row is unusable.
 */
uint32_t gz_add(struct gazetteer *gz, enum gz_type type, const char *id, const char *name,
                const char *aliases, const char *former, const char *country, const char *kind,
                const char *affiliation, const char **why);

/*
 * Extras of a state row (countries.tsv): `capital` lists the aliases that
 * are its capital (a place unless used for the government; matched with
 * GZ_ALIAS_CAPITAL), `modifiers` its demonyms and adjective forms
 * ("British;UK"), which join a body's name to the state ("British
 * Council" is not, "British Home Office" is).
 */
void gz_add_state_extras(struct gazetteer *gz, uint32_t e, const char *capital,
                         const char *modifiers);

/* Set the parent (a GOV id: "gb", "us/white-house") of entity e, once. */
void gz_set_parent(struct gazetteer *gz, uint32_t e, const char *parent);

/* Make room for about `bytes` of gazetteer files at once (start-up
 * speed only: loading works without it). */
void gz_reserve(struct gazetteer *gz, size_t bytes);

/* Entity index of `id` (as stored, e.g. "gb/home-office") of the given
 * type, or GZ_NONE.  Ids are unique within a type ("bt" is Bhutan and BT
 * Group); gz_find_id tries the types in order (GOV first). */
uint32_t gz_find(const struct gazetteer *gz, int type, const char *id);
uint32_t gz_find_id(const struct gazetteer *gz, const char *id);

/* Write the lowercase ASCII slug of s (letters and digits, '-' between
 * words) to out; accents dropped.  Returns out->len added. */
size_t gz_slug(struct strbuf *out, const char *s, size_t n);

#endif
