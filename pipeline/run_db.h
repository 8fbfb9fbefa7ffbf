/*
 * run_db: news-run's use of the state database (news-fetch's SQLite
 * file, --state): a consistent copy to work on, and the run log, a table
 * `runs` beside news-fetch's own tables:
 *
 *   runs(id INTEGER PRIMARY KEY, started TEXT, finished TEXT,
 *        status TEXT,      -- ok | failed
 *        feeds INTEGER,    -- records in the feeds file
 *        articles INTEGER, -- new records written to the day file
 *        errors INTEGER,   -- messages from the stages
 *        output TEXT,      -- the day file's name
 *        message TEXT)     -- what went wrong, or the last stage message
 *
 * Times are ISO 8601 UTC ("2026-11-28T07:40:00Z").  Errors come back as
 * -1 with a static or SQLite message in *why (valid until the next call).
 */
#ifndef NEWSPIPE_RUN_DB_H
#define NEWSPIPE_RUN_DB_H

#include <stdio.h>

struct run_info {
	char started[32], finished[32];
	const char *status;
	long feeds, articles, errors;
	const char *output;
	const char *message;
};

/* Copy the database src (which may not exist yet: then dst is removed
 * and left for news-fetch to create) to dst with SQLite's backup, which
 * gives a consistent copy whatever journal mode src uses. */
int run_db_copy(const char *src, const char *dst, const char **why);

/* Append a row to the runs table of the database at path. */
int run_db_log(const char *path, const struct run_info *ri, const char **why);

/* Print the runs table as a TSV stream (header, oldest first; the last
 * `limit` runs, all when 0).  1 when there is no database or no run. */
int run_db_status(const char *path, FILE *out, long limit, const char **why);

/* Now as ISO 8601 UTC. */
void run_now(char out[32]);

#endif
