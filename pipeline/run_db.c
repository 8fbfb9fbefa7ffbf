/*
 * run_db: the state database copy and the run log (see run_db.h).
 */
#include "run_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "stage.h"

void run_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int fail(sqlite3 *db, const char **why)
{
	static char msg[256];
	snprintf(msg, sizeof msg, "%s", db ? sqlite3_errmsg(db) : "out of memory");
	*why = msg;
	return -1;
}

/* "file:PATH?immutable=1" for SQLite, with the path's URI characters
 * escaped. */
static char *immutable_uri(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addstr(&sb, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			sb_addf(&sb, "%%%02X", (unsigned char)*p);
		else
			sb_addch(&sb, *p);
	sb_addstr(&sb, "?immutable=1");
	return sb_detach(&sb, NULL);
}

/*
 * Open a database only to read it, leaving no -wal or -shm file beside
 * it even if we are killed meanwhile.  That is safe when no -wal file
 * exists (everything is in the main file); when one does (someone wrote
 * to it and crashed), a normal connection lets SQLite recover it.
 */
static int open_for_reading(const char *path, sqlite3 **db)
{
	struct strbuf wal = STRBUF_INIT;
	sb_addf(&wal, "%s-wal", path);
	int has_wal = access(wal.buf, F_OK) == 0;
	sb_release(&wal);
	if (has_wal)
		return sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE, NULL);
	char *uri = immutable_uri(path);
	int r = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	return r;
}

int run_db_copy(const char *src, const char *dst, const char **why)
{
	unlink(dst);
	if (access(src, F_OK) < 0)
		return 0;
	sqlite3 *from = NULL, *to = NULL;
	int r = 0;
	if (open_for_reading(src, &from) != SQLITE_OK) {
		r = fail(from, why);
	} else if (sqlite3_open_v2(dst, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	           SQLITE_OK) {
		r = fail(to, why);
	} else {
		sqlite3_busy_timeout(from, 10000);
		sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
		if (!b) {
			r = fail(to, why);
		} else {
			int s = sqlite3_backup_step(b, -1);
			sqlite3_backup_finish(b);
			if (s != SQLITE_DONE)
				r = fail(to, why);
		}
	}
	sqlite3_close(from);
	if (sqlite3_close(to) != SQLITE_OK && r == 0)
		r = fail(NULL, why);
	return r;
}

static const char schema[] = "CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, "
                             "started TEXT, finished TEXT, status TEXT, feeds INTEGER, "
                             "articles INTEGER, errors INTEGER, output TEXT, message TEXT)";

int run_db_log(const char *path, const struct run_info *ri, const char **why)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int r = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		r = fail(db, why);
		sqlite3_close(db);
		return r;
	}
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "INSERT INTO runs(started, finished, status, feeds, articles, "
	                       "errors, output, message) VALUES(?,?,?,?,?,?,?,?)",
	                       -1, &st, NULL) != SQLITE_OK) {
		r = fail(db, why);
	} else {
		sqlite3_bind_text(st, 1, ri->started, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, ri->finished, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, ri->status, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, ri->feeds);
		sqlite3_bind_int64(st, 5, ri->articles);
		sqlite3_bind_int64(st, 6, ri->errors);
		sqlite3_bind_text(st, 7, ri->output ? ri->output : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, ri->message ? ri->message : "", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			r = fail(db, why);
	}
	sqlite3_finalize(st);
	/* Closing the last connection checkpoints a WAL, so the file alone
	 * holds everything when it is renamed into place. */
	if (sqlite3_close(db) != SQLITE_OK && r == 0)
		r = fail(NULL, why);
	return r;
}

int run_db_status(const char *path, FILE *out, long limit, const char **why)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	static const char *const head[] = {"started",  "finished", "status", "feeds",
	                                   "articles", "errors",   "output", "message"};
	struct np_str f[8];
	int r = 0;

	if (access(path, F_OK) < 0)
		return 1;
	if (open_for_reading(path, &db) != SQLITE_OK) {
		r = fail(db, why);
		sqlite3_close(db);
		return r;
	}
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_prepare_v2(db,
	                       "SELECT started, finished, status, feeds, articles, errors, output, "
	                       "message FROM (SELECT * FROM runs ORDER BY id DESC LIMIT ?) "
	                       "ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK) {
		/* No runs table yet: no run was logged. */
		sqlite3_close(db);
		return 1;
	}
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	for (int i = 0; i < 8; i++)
		f[i] = (struct np_str){head[i], strlen(head[i])};
	tsv_write_fields(out, f, 8);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 8; i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);
			f[i] = v ? (struct np_str){v, (size_t)sqlite3_column_bytes(st, i)}
			         : NP_STR_EMPTY;
		}
		tsv_write_fields(out, f, 8);
	}
	if (s != SQLITE_DONE)
		r = fail(db, why);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}
