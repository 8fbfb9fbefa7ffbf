/*
 * fetch_state: news-fetch's crawl state in an SQLite database
 * (--state FILE).  The schema is documented for users in
 * docs/state-schema.md; in short:
 *
 *   url(url PRIMARY KEY, final_url, http_status, fetch_error, etag,
 *       last_modified, attempts, fetches, first_seen, last_seen, last_ok,
 *       content_hash)
 *   robots(origin PRIMARY KEY, fetched_at, http_status, body)
 *
 * The database is opened in WAL mode with synchronous=NORMAL.  Results
 * are kept in memory and written as one batch, in one short transaction,
 * every FSTATE_BATCH results or when fstate_commit() is called (news-fetch
 * does at least every two seconds and at the end), so a crash or kill
 * loses at most the batch in flight and never corrupts what was
 * committed, and the write lock is held only while a batch is written
 * (two runs can share a state).  Each result is one UPSERT on its own
 * row, so a huge state costs no rewrite.  robots.txt rows are written
 * at once, one short transaction each.
 *
 * Times are ISO 8601 UTC strings ("2026-11-28T07:40:00Z"), which sort
 * and compare as text.
 *
 * Ownership: fstate_open() returns a handle that fstate_close() commits
 * and frees.  Strings in a struct fstate_url are malloc'd and freed by
 * fstate_url_release().  Errors from SQLite are reported on stderr (and
 * set the exit status) but do not stop a fetch run: the state is a cache.
 */
#ifndef NEWSPIPE_FETCH_STATE_H
#define NEWSPIPE_FETCH_STATE_H

#include <stddef.h>
#include <time.h>

#define FSTATE_BATCH 500

struct fstate;

/* What the state knows about a URL. */
struct fstate_url {
	char *final_url; /* NULL when unknown */
	char *etag;      /* validators of final_url's last response */
	char *last_modified;
	long http_status; /* of the last fetch, 0 when none */
	int ok_before;    /* fetched successfully at least once */
};

/* The record of a finished fetch. */
struct fstate_result {
	const char *url; /* the input URL (the key) */
	const char *final_url;
	long http_status;        /* 0: no response */
	const char *fetch_error; /* "" when fine */
	const char *etag;        /* from the response, NULL when none */
	const char *last_modified;
	long attempts;
	const char *when;         /* ISO 8601 UTC */
	const char *content_hash; /* sha256 hex of the body, NULL if none */
};

struct fstate *fstate_open(const char *path);
void fstate_close(struct fstate *st);

/* 1 and *out filled when the URL is known, else 0 (out zeroed). */
int fstate_lookup(struct fstate *st, const char *url, struct fstate_url *out);
void fstate_url_release(struct fstate_url *u);

/*
 * Record a result.  A 2xx replaces the validators, hash and final URL; a
 * 304 refreshes last_ok and keeps the old validators unless new ones came;
 * a failure keeps what a previous success stored and records only the
 * status, error, attempts and time.
 */
void fstate_record(struct fstate *st, const struct fstate_result *r);

/* Cached robots.txt of an origin ("https://example.org:443") fetched
 * no earlier than `since` (ISO 8601): 1 with *status and *body (malloc'd,
 * caller frees; may hold NULs, *len bytes) set, else 0. */
int fstate_robots_get(struct fstate *st, const char *origin, const char *since, long *status,
                      char **body, size_t *len);
void fstate_robots_put(struct fstate *st, const char *origin, const char *when, long status,
                       const char *body, size_t len);

/* Commit the open transaction (if any). */
void fstate_commit(struct fstate *st);

#endif
