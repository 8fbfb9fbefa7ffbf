/*
 * fetch_engine: news-fetch's scheduler on the libcurl multi interface.
 *
 * fetch_run() reads rows from an open stage (column 0 of its inputs is
 * `url`), fetches each URL and emits one output row per input row, in
 * input order, with the columns of FETCH_OUT_COLS.  Rows are held (with
 * np_row_dup) while their transfers run; reading input pauses while
 * `window` rows are pending or their bodies hold more than
 * FETCH_HELD_BYTES, so memory is bounded however long the input is.
 *
 * Politeness: at most `per_host` transfers per origin (scheme, host,
 * port) at once, a request to an origin starts no sooner than `delay`
 * seconds (or the robots.txt Crawl-delay, capped at max_crawl_delay)
 * after the previous one to it finished, robots.txt is fetched once per
 * origin (or taken from the state if younger than a day) before the
 * first request, and a 429 or 503 holds the whole origin back for the
 * retry wait.  Redirects are followed here, not by libcurl, so each hop
 * goes through the same robots, politeness and address checks.
 *
 * Ownership: the config and everything it points to belong to the
 * caller and must outlive fetch_run(); the engine commits the state
 * (when given) as it goes and at the end, but does not close it.
 */
#ifndef NEWSPIPE_FETCH_ENGINE_H
#define NEWSPIPE_FETCH_ENGINE_H

#include <stddef.h>

#include "fetch_state.h"
#include "fetch_warc.h"
#include "stage.h"

/* Columns written, in order (see the man page for their meaning). */
#define FETCH_OUT_COLS                                                                             \
	"final_url", "http_status", "fetched_at", "content_type", "body", "fetch_error", "etag",   \
	        "last_modified", "attempts", "elapsed_ms"
#define FETCH_N_OUT 10

/* Bodies held for output, at most (reading input pauses past this). */
#define FETCH_HELD_BYTES (256u << 20)

struct fetch_config {
	long parallel;          /* transfers at once */
	long per_host;          /* transfers at once per origin */
	double delay;           /* seconds between requests to one origin */
	double max_crawl_delay; /* cap on a robots.txt Crawl-delay */
	long retries;           /* extra tries on timeouts, 429 and 5xx */
	double retry_wait;      /* first backoff, doubled each retry */
	double max_retry_wait;  /* longest wait (a longer Retry-After gives up) */
	double connect_timeout;
	double timeout;     /* whole transfer */
	long long max_size; /* decoded body bytes */
	long max_redirects;
	size_t window; /* rows pending at most */
	const char *user_agent;
	const char *cacert; /* CA bundle, NULL: the system's */
	int ignore_robots, allow_private, skip_seen;
	int verbose;          /* summary line at the end */
	int progress;         /* live progress line on stderr */
	struct fstate *state; /* NULL: no state */
	struct warc *warc;    /* NULL: no archive */
	int stdin_input;      /* input comes (partly) from stdin: poll it */
};

/* Run to the end of the input.  Returns 0, or -1 if libcurl could not
 * be set up (reported). */
int fetch_run(const struct fetch_config *cfg, struct np_stage *st);

#endif
