/*
 * fetch_state: the SQLite crawl state (see fetch_state.h).
 */
#include "fetch_state.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "strbuf.h"

enum { Q_LOOKUP, Q_OK, Q_NOTMOD, Q_FAIL, Q_ROBOTS_GET, Q_ROBOTS_PUT, N_QUERIES };

struct fstate {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[N_QUERIES];
	struct fstate_result *pending; /* results waiting for the next batch */
	size_t n_pending, alloc_pending;
	int failed; /* reported once */
};

static const char schema[] = "PRAGMA journal_mode=WAL;"
                             "PRAGMA synchronous=NORMAL;"
                             "CREATE TABLE IF NOT EXISTS url ("
                             " url TEXT PRIMARY KEY,"
                             " final_url TEXT,"
                             " http_status INTEGER,"
                             " fetch_error TEXT NOT NULL DEFAULT '',"
                             " etag TEXT,"
                             " last_modified TEXT,"
                             " attempts INTEGER NOT NULL DEFAULT 0,"
                             " fetches INTEGER NOT NULL DEFAULT 0,"
                             " first_seen TEXT NOT NULL,"
                             " last_seen TEXT NOT NULL,"
                             " last_ok TEXT,"
                             " content_hash TEXT"
                             ") WITHOUT ROWID;"
                             "CREATE TABLE IF NOT EXISTS robots ("
                             " origin TEXT PRIMARY KEY,"
                             " fetched_at TEXT NOT NULL,"
                             " http_status INTEGER NOT NULL,"
                             " body BLOB"
                             ") WITHOUT ROWID;"
                             "PRAGMA user_version=1;";

static const char *const queries[N_QUERIES] = {
        [Q_LOOKUP] = "SELECT final_url, etag, last_modified, http_status, last_ok IS NOT NULL"
                     " FROM url WHERE url = ?1",
        [Q_OK] = "INSERT INTO url (url, final_url, http_status, fetch_error, etag, last_modified,"
                 " attempts, fetches, first_seen, last_seen, last_ok, content_hash)"
                 " VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, 1, ?7, ?7, ?7, ?8)"
                 " ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url,"
                 " http_status = excluded.http_status, fetch_error = '',"
                 " etag = excluded.etag, last_modified = excluded.last_modified,"
                 " attempts = excluded.attempts, fetches = fetches + 1,"
                 " last_seen = excluded.last_seen, last_ok = excluded.last_ok,"
                 " content_hash = excluded.content_hash",
        [Q_NOTMOD] = "INSERT INTO url (url, final_url, http_status, fetch_error, etag,"
                     " last_modified, attempts, fetches, first_seen, last_seen, last_ok)"
                     " VALUES (?1, ?2, 304, 'not_modified', ?4, ?5, ?6, 1, ?7, ?7, ?7)"
                     " ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url,"
                     " http_status = 304, fetch_error = 'not_modified',"
                     " etag = coalesce(excluded.etag, etag),"
                     " last_modified = coalesce(excluded.last_modified, last_modified),"
                     " attempts = excluded.attempts, fetches = fetches + 1,"
                     " last_seen = excluded.last_seen, last_ok = excluded.last_ok",
        [Q_FAIL] = "INSERT INTO url (url, final_url, http_status, fetch_error, attempts, fetches,"
                   " first_seen, last_seen)"
                   " VALUES (?1, ?2, ?3, ?9, ?6, 1, ?7, ?7)"
                   " ON CONFLICT (url) DO UPDATE SET"
                   " http_status = excluded.http_status, fetch_error = excluded.fetch_error,"
                   " attempts = excluded.attempts, fetches = fetches + 1,"
                   " last_seen = excluded.last_seen",
        [Q_ROBOTS_GET] = "SELECT http_status, body FROM robots WHERE origin = ?1"
                         " AND fetched_at >= ?2",
        [Q_ROBOTS_PUT] = "INSERT OR REPLACE INTO robots (origin, fetched_at, http_status, body)"
                         " VALUES (?1, ?2, ?3, ?4)",
};

static void db_fail(struct fstate *st, const char *what)
{
	if (!st->failed)
		np_error("%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
	st->failed = 1;
}

struct fstate *fstate_open(const char *path)
{
	struct fstate *st = xcalloc(1, sizeof(*st));
	char *err = NULL;
	int i;

	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		np_error("%s: cannot open state: %s", path,
		         st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 10000);
	if (sqlite3_exec(st->db, schema, NULL, NULL, &err) != SQLITE_OK) {
		np_error("%s: not a news-fetch state database: %s", path, err ? err : "?");
		sqlite3_free(err);
		goto fail;
	}
	for (i = 0; i < N_QUERIES; i++)
		if (sqlite3_prepare_v2(st->db, queries[i], -1, &st->q[i], NULL) != SQLITE_OK) {
			np_error("%s: %s", path, sqlite3_errmsg(st->db));
			goto fail;
		}
	return st;
fail:
	fstate_close(st);
	return NULL;
}

static void write_result(struct fstate *st, const struct fstate_result *r);

static void free_result(struct fstate_result *r)
{
	free((char *)r->url);
	free((char *)r->final_url);
	free((char *)r->fetch_error);
	free((char *)r->etag);
	free((char *)r->last_modified);
	free((char *)r->when);
	free((char *)r->content_hash);
}

/*
 * Write the pending results in one short transaction.  Results wait in
 * memory until then, so the write lock is held for milliseconds, not for
 * the whole batch: two news-fetch runs sharing a state (the two ends of
 * a feeds-then-articles pipeline) then never hold each other up.
 */
void fstate_commit(struct fstate *st)
{
	size_t i;

	if (!st || !st->n_pending)
		return;
	if (!st->failed && sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		db_fail(st, "cannot begin a transaction");
	for (i = 0; i < st->n_pending; i++) {
		if (!st->failed)
			write_result(st, &st->pending[i]);
		free_result(&st->pending[i]);
	}
	st->n_pending = 0;
	if (!st->failed && sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		db_fail(st, "commit failed");
	if (st->failed && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

void fstate_close(struct fstate *st)
{
	int i;

	if (!st)
		return;
	if (st->db) {
		fstate_commit(st);
		for (i = 0; i < N_QUERIES; i++)
			sqlite3_finalize(st->q[i]);
		if (sqlite3_close(st->db) != SQLITE_OK)
			np_error("%s: %s", st->path, sqlite3_errmsg(st->db));
	}
	free(st->pending);
	free(st->path);
	free(st);
}

static char *col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);
	return s ? xstrdup((const char *)s) : NULL;
}

int fstate_lookup(struct fstate *st, const char *url, struct fstate_url *out)
{
	sqlite3_stmt *q = st->q[Q_LOOKUP];
	int found = 0, rc;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_text(q, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->final_url = col_dup(q, 0);
		out->etag = col_dup(q, 1);
		out->last_modified = col_dup(q, 2);
		out->http_status = (long)sqlite3_column_int64(q, 3);
		out->ok_before = sqlite3_column_int(q, 4);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		db_fail(st, "lookup failed");
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return found;
}

void fstate_url_release(struct fstate_url *u)
{
	free(u->final_url);
	free(u->etag);
	free(u->last_modified);
	memset(u, 0, sizeof(*u));
}

static void bind_opt(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static char *dup_opt(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void fstate_record(struct fstate *st, const struct fstate_result *r)
{
	struct fstate_result *c;

	if (st->failed)
		return;
	if (st->n_pending == st->alloc_pending) {
		st->alloc_pending = st->alloc_pending ? 2 * st->alloc_pending : 64;
		st->pending = xrealloc(st->pending, st->alloc_pending * sizeof(*st->pending));
	}
	c = &st->pending[st->n_pending++];
	*c = *r;
	c->url = xstrdup(r->url);
	c->final_url = dup_opt(r->final_url);
	c->fetch_error = xstrdup(r->fetch_error);
	c->etag = dup_opt(r->etag);
	c->last_modified = dup_opt(r->last_modified);
	c->when = xstrdup(r->when);
	c->content_hash = dup_opt(r->content_hash);
	if (st->n_pending >= FSTATE_BATCH)
		fstate_commit(st);
}

static void write_result(struct fstate *st, const struct fstate_result *r)
{
	sqlite3_stmt *q;
	int ok = r->http_status >= 200 && r->http_status < 300 && !*r->fetch_error;

	if (ok)
		q = st->q[Q_OK];
	else if (r->http_status == 304)
		q = st->q[Q_NOTMOD];
	else
		q = st->q[Q_FAIL];
	sqlite3_bind_text(q, 1, r->url, -1, SQLITE_STATIC);
	bind_opt(q, 2, r->final_url);
	if (r->http_status > 0)
		sqlite3_bind_int64(q, 3, r->http_status);
	else
		sqlite3_bind_null(q, 3);
	if (q != st->q[Q_FAIL]) {
		bind_opt(q, 4, r->etag);
		bind_opt(q, 5, r->last_modified);
	}
	sqlite3_bind_int64(q, 6, r->attempts);
	sqlite3_bind_text(q, 7, r->when, -1, SQLITE_STATIC);
	if (ok)
		bind_opt(q, 8, r->content_hash);
	if (q == st->q[Q_FAIL])
		sqlite3_bind_text(q, 9, r->fetch_error, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_DONE)
		db_fail(st, "cannot record a result");
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
}

int fstate_robots_get(struct fstate *st, const char *origin, const char *since, long *status,
                      char **body, size_t *len)
{
	sqlite3_stmt *q = st->q[Q_ROBOTS_GET];
	int found = 0, rc;

	sqlite3_bind_text(q, 1, origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, since, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(q, 1);
		*len = (size_t)sqlite3_column_bytes(q, 1);
		*status = (long)sqlite3_column_int64(q, 0);
		*body = xmemdup(b ? b : "", *len);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		db_fail(st, "robots lookup failed");
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return found;
}

void fstate_robots_put(struct fstate *st, const char *origin, const char *when, long status,
                       const char *body, size_t len)
{
	sqlite3_stmt *q = st->q[Q_ROBOTS_PUT];

	if (st->failed)
		return;
	/* Once per origin: a transaction of its own. */
	sqlite3_bind_text(q, 1, origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, when, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, status);
	sqlite3_bind_blob(q, 4, body, (int)len, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_DONE)
		db_fail(st, "cannot record robots.txt");
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
}
