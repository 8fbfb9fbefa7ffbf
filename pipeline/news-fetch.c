/*
 * news-fetch: fetch the URL of every record, politely, in parallel, and
 * add the response as UTF-8 text.  The work is in fetch_engine.c; this
 * file is the option table and the wiring.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch_engine.h"
#include "fetch_state.h"
#include "fetch_warc.h"
#include "prog.h"
#include "stage.h"

/* No contact address of ours: the tool cannot know who runs it, and a
 * made-up one would mislead site owners.  Users add theirs with -A. */
#define DEFAULT_AGENT "newspipe/" NP_VERSION

enum {
	O_PER_HOST = NP_OPT_LONG,
	O_DELAY,
	O_MAX_CRAWL_DELAY,
	O_IGNORE_ROBOTS,
	O_RETRIES,
	O_RETRY_WAIT,
	O_MAX_RETRY_WAIT,
	O_CONNECT_TIMEOUT,
	O_MAX_SIZE,
	O_MAX_REDIRECTS,
	O_ALLOW_PRIVATE,
	O_STATE,
	O_SKIP_SEEN,
	O_WARC,
	O_WINDOW,
	O_CACERT,
};

static const struct np_opt opts[] = {
        {"parallel", 'p', "N", "run up to N transfers at once (default 16)"},
        {"per-host", O_PER_HOST, "N", "run up to N transfers at once to one host (default 1)"},
        {"delay", O_DELAY, "SECONDS",
         "wait SECONDS between requests to one host (default 1); a robots.txt\n"
         "Crawl-delay that asks for more is honoured up to --max-crawl-delay"},
        {"max-crawl-delay", O_MAX_CRAWL_DELAY, "SECONDS",
         "honour a robots.txt Crawl-delay up to SECONDS (default 30)"},
        {"ignore-robots", O_IGNORE_ROBOTS, NULL, "do not fetch or obey robots.txt"},
        {"retries", O_RETRIES, "N",
         "try again up to N times after a timeout, a dropped connection,\n"
         "a 429 or a 5xx response (default 3)"},
        {"retry-wait", O_RETRY_WAIT, "SECONDS",
         "first wait before a retry, doubled each time, with jitter (default 1);\n"
         "a Retry-After header decides instead when present"},
        {"max-retry-wait", O_MAX_RETRY_WAIT, "SECONDS",
         "longest wait before a retry (default 60); a longer Retry-After gives up"},
        {"connect-timeout", O_CONNECT_TIMEOUT, "SECONDS",
         "give up connecting after SECONDS (default 10)"},
        {"timeout", 't', "SECONDS", "give up a request after SECONDS in all (default 30)"},
        {"max-size", O_MAX_SIZE, "SIZE",
         "refuse bodies larger than SIZE bytes after decompression (default 10M;\n"
         "suffixes k, M, G)"},
        {"max-redirects", O_MAX_REDIRECTS, "N", "follow at most N redirects (0 to 10, default 10)"},
        {"user-agent", 'A', "STRING",
         "send STRING as User-Agent (default \"" DEFAULT_AGENT "\");\n"
         "its first word is the name matched against robots.txt groups;\n"
         "please include a URL or e-mail address where site owners can reach you"},
        {"allow-private", O_ALLOW_PRIVATE, NULL,
         "allow connections to loopback, private, link-local and multicast\n"
         "addresses (refused by default, after DNS resolution)"},
        {"state", O_STATE, "FILE",
         "keep crawl state in the SQLite database FILE: validators for\n"
         "conditional requests, robots.txt, status and history per URL"},
        {"skip-seen", O_SKIP_SEEN, NULL,
         "with --state, leave out URLs already fetched successfully (no request,\n"
         "no output row)"},
        {"warc", O_WARC, "FILE",
         "also append every request and response to FILE as WARC 1.1 records\n"
         "(one gzip member each)"},
        {"window", O_WINDOW, "N",
         "hold at most N rows waiting for earlier ones, so output keeps input\n"
         "order in bounded memory (default 1024)"},
        {"cacert", O_CACERT, "FILE",
         "trust the certificate authorities in FILE (PEM) instead of the system's"},
        {"verbose", 'v', NULL, "print a summary line on stderr at the end"},
        {0},
};

static const struct np_prog prog = {
        "news-fetch",
        "[OPTION]... [FILE]...",
        "Fetch the url of every record and add final_url, http_status, fetched_at,\n"
        "content_type, body (as UTF-8), fetch_error, etag, last_modified, attempts and\n"
        "elapsed_ms.  Input is TSV with a url column or a plain list of URLs.",
        opts,
        NP_STREAM_OPTS,
};

static double seconds_opt(const char *name, const char *arg)
{
	double d = np_parse_seconds(arg);

	if (d < 0)
		np_usage_error("--%s: not a number of seconds: %s", name, arg);
	return d;
}

static int reads_stdin(int n, char **files)
{
	int i;

	if (n == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(files[i], "-") == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const in_cols[] = {"url", NULL};
	static const char *const out_cols[] = {FETCH_OUT_COLS, NULL};
	struct fetch_config cfg = {
	        .parallel = 16,
	        .per_host = 1,
	        .delay = 1,
	        .max_crawl_delay = 30,
	        .retries = 3,
	        .retry_wait = 1,
	        .max_retry_wait = 60,
	        .connect_timeout = 10,
	        .timeout = 30,
	        .max_size = 10 << 20,
	        .max_redirects = 10,
	        .window = 1024,
	        .user_agent = DEFAULT_AGENT,
	};
	const char *state_path = NULL, *warc_path = NULL, *arg;
	struct fstate *state = NULL;
	struct warc warc;
	struct np_stage st;
	int c;

	np_init(&prog, argc, argv);
	while ((c = np_getopt(argc, argv, &arg)) != -1) {
		switch (c) {
		case 'p': cfg.parallel = np_parse_long_opt("parallel", arg, 1, 1024); break;
		case O_PER_HOST: cfg.per_host = np_parse_long_opt("per-host", arg, 1, 1024); break;
		case O_DELAY: cfg.delay = seconds_opt("delay", arg); break;
		case O_MAX_CRAWL_DELAY:
			cfg.max_crawl_delay = seconds_opt("max-crawl-delay", arg);
			break;
		case O_IGNORE_ROBOTS: cfg.ignore_robots = 1; break;
		case O_RETRIES: cfg.retries = np_parse_long_opt("retries", arg, 0, 100); break;
		case O_RETRY_WAIT: cfg.retry_wait = seconds_opt("retry-wait", arg); break;
		case O_MAX_RETRY_WAIT:
			cfg.max_retry_wait = seconds_opt("max-retry-wait", arg);
			break;
		case O_CONNECT_TIMEOUT:
			cfg.connect_timeout = seconds_opt("connect-timeout", arg);
			break;
		case 't': cfg.timeout = seconds_opt("timeout", arg); break;
		case O_MAX_SIZE:
			cfg.max_size = np_parse_size(arg);
			if (cfg.max_size <= 0)
				np_usage_error("--max-size: not a size: %s", arg);
			break;
		case O_MAX_REDIRECTS:
			cfg.max_redirects = np_parse_long_opt("max-redirects", arg, 0, 10);
			break;
		case 'A': cfg.user_agent = arg; break;
		case O_ALLOW_PRIVATE: cfg.allow_private = 1; break;
		case O_STATE: state_path = arg; break;
		case O_SKIP_SEEN: cfg.skip_seen = 1; break;
		case O_WARC: warc_path = arg; break;
		case O_WINDOW:
			cfg.window = (size_t)np_parse_long_opt("window", arg, 1, 1000000);
			break;
		case O_CACERT: cfg.cacert = arg; break;
		case 'v': cfg.verbose = 1; break;
		}
	}
	if (cfg.skip_seen && !state_path)
		np_usage_error("--skip-seen needs --state FILE");
	if (cfg.timeout <= 0 || cfg.connect_timeout <= 0)
		np_usage_error("timeouts must be greater than zero");
	if (!*cfg.user_agent)
		np_usage_error("--user-agent must not be empty");

	if (state_path && !(state = fstate_open(state_path)))
		return np_exit();
	if (warc_path) {
		if (warc_open(&warc, warc_path, "news-fetch/" NP_VERSION) < 0) {
			fstate_close(state);
			np_die(1, "cannot write the WARC file");
		}
		cfg.warc = &warc;
	}
	cfg.state = state;
	cfg.progress = isatty(STDERR_FILENO);
	cfg.stdin_input = reads_stdin(argc - np_optind, argv + np_optind);

	np_stage_open(&st, argc - np_optind, argv + np_optind, in_cols, NULL, out_cols, NULL);
	if (fetch_run(&cfg, &st) < 0)
		np_status = 1;
	np_stage_close(&st);
	fstate_close(state);
	if (cfg.warc)
		warc_close(&warc);
	return np_exit();
}
