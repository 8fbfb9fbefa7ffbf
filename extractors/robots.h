/*
 * robots: the Robots Exclusion Protocol (RFC 9309) as pure functions.
 *
 *   struct robots r;
 *   robots_parse(&r, text, len, "newspipe");   // rules for our agent
 *   if (!robots_allowed(&r, "/path?query")) ...
 *   robots_release(&r);
 *
 * robots_parse() keeps only the rules of the groups that apply to the
 * product token given (matched case-insensitively against each
 * user-agent line's product token; all matching groups are merged), or,
 * when no group names it, of the "*" groups; none at all means
 * everything is allowed.  Only the first 500 KiB of a file are parsed,
 * as the RFC allows.  Lines are "key: value # comment"; unknown keys
 * and lines without a colon are ignored, as are rules before the first
 * user-agent line.  The Crawl-delay extension of the chosen groups is
 * kept (largest value given; -1 when none).
 *
 * Matching (RFC 9309 2.2.2): the longest matching pattern wins, counted
 * in octets of the pattern as written; a tie goes to allow.  "*" matches
 * any run of characters and a final "$" anchors the end.  Patterns and
 * paths are compared in percent-encoded form: bytes above 0x7E and
 * spaces are percent-encoded and escapes compared with upper-case hex,
 * so "/ä" and "/%c3%a4" are the same path.  "/robots.txt" is always
 * allowed.  An empty Disallow is no rule.
 *
 * robots_allow_all()/robots_disallow_all() make the results of fetches
 * that gave no file (4xx: allow all; 5xx or unreachable: disallow all).
 *
 * A struct robots owns its rules; robots_release() frees them and leaves
 * an allow-all value.  No I/O, no global state.
 */
#ifndef NEWSPIPE_ROBOTS_H
#define NEWSPIPE_ROBOTS_H

#include <stddef.h>

/* Largest robots.txt parsed (RFC 9309 2.5: at least 500 KiB). */
#define ROBOTS_MAX_SIZE (500 * 1024)

struct robots_rule {
	char *pattern; /* normalised, NUL-terminated */
	size_t len;    /* octets of the pattern as written, for precedence */
	int allow;
};

struct robots {
	struct robots_rule *rules;
	size_t n_rules;
	double crawl_delay; /* seconds, -1 when not given */
	int disallow_all;   /* set by robots_disallow_all() */
};

void robots_allow_all(struct robots *r);
void robots_disallow_all(struct robots *r);

/* Parse text[0..n) for the agent whose product token is `agent`.
 * Replaces whatever r held (r must be initialised or released). */
void robots_parse(struct robots *r, const char *text, size_t n, const char *agent);

/* 1 when `path` (path and query of the URL, starting with '/') may be
 * fetched. */
int robots_allowed(const struct robots *r, const char *path);

void robots_release(struct robots *r);

/*
 * The product token of a User-Agent string: its leading run of letters,
 * '_' and '-' ("newspipe" from "newspipe/0.1 (+https://...)"), copied to
 * out (always NUL-terminated).  Returns its length.
 */
size_t robots_product_token(const char *user_agent, char *out, size_t size);

#endif
