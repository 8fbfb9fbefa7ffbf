/*
 * fetch_engine: the libcurl multi scheduler behind news-fetch (see
 * fetch_engine.h).
 *
 * Data flow: input rows become jobs in a ring indexed by sequence number
 * (the reorder buffer).  A job waits in its origin's queue; dispatch()
 * starts transfers when the global and per-origin limits, the origin's
 * delay and the job's retry time allow; harvest() classifies finished
 * transfers into a result, a retry, a redirect (back into a queue) or a
 * robots.txt answer; emit_ready() writes finished jobs at the head of the
 * ring in input order.
 */
#include "fetch_engine.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "charset.h"
#include "fetch_addr.h"
#include "fetch_sha256.h"
#include "prog.h"
#include "robots.h"
#include "strbuf.h"
#include "warc.h"

#define HOST_BUCKETS     4096
#define ROBOTS_MAX_AGE   (24 * 3600) /* RFC 9309 2.4: at most a day */
#define ROBOTS_REDIRECTS 5

enum robots_state { ROBOTS_NONE, ROBOTS_FETCHING, ROBOTS_READY };

struct job;

struct host {
	char *origin; /* "scheme://host:port", lowercase */
	struct host *hnext;
	struct job *qhead, *qtail;  /* jobs waiting for this origin */
	struct host *rnext, *rprev; /* in the list of origins with waiting jobs */
	int in_ready;
	int active;
	double next_ok; /* monotonic time the next request may start */
	double delay;
	enum robots_state robots_state;
	struct robots robots;
	const char *robots_error; /* fetch_error for its jobs, or NULL */
};

struct job {
	unsigned long seq;
	struct np_row *row;
	char *url;  /* as given */
	char *cur;  /* URL of the current hop */
	char *path; /* its path and query, for robots.txt */
	struct host *host;
	struct job *qnext;
	int hops, attempts, done, skip;
	double t0, not_before;
	struct fstate_url known;
	/* The result. */
	long status;
	char *content_type, *etag, *last_modified;
	struct strbuf body;
	const char *error;
	char fetched_at[32];
	long elapsed_ms;
};

struct xfer {
	CURL *easy;
	struct job *job; /* NULL: a robots.txt fetch for host */
	struct host *host;
	struct strbuf body;
	struct strbuf raw_req, raw_resp; /* for the WARC */
	struct curl_slist *headers;
	int too_large, blocked, raw_truncated;
	char errbuf[CURL_ERROR_SIZE];
	struct timespec sent;
	struct xfer *next_free;
};

struct engine {
	const struct fetch_config *cfg;
	struct np_stage *st;
	CURLM *multi;
	struct job **ring;
	size_t window;
	unsigned long head_seq, next_seq;
	size_t held_bytes;
	struct host *buckets[HOST_BUCKETS];
	struct host *ready, *ready_tail;
	int active;
	struct xfer *free_xfers;
	int input_eof;
	char agent_token[64];
	char robots_since[32]; /* oldest robots.txt the state may give */
	/* Statistics for the progress and summary lines. */
	unsigned long n_rows, n_ok, n_notmod, n_failed, n_skipped, n_requests;
	unsigned long long n_bytes;
	double t_start, t_progress, t_commit;
	int progress_shown;
};

/* ------------------------------------------------------------ helpers */

static double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void iso_time(char out[32], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void lowercase(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/*
 * Parse and check a URL: NULL and *norm (the URL to request), *origin
 * and *path (malloc'd) set, or the fetch_error that says why not.
 */
static const char *parse_url(const char *in, char **norm, char **origin, char **path)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *p = NULL, *q = NULL, *full = NULL;
	const char *err = NULL;
	struct strbuf sb = STRBUF_INIT;

	*norm = *origin = *path = NULL;
	if (!u)
		return "invalid_url";
	if (!*in || strlen(in) > 65536 ||
	    curl_url_set(u, CURLUPART_URL, in, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		err = "invalid_url";
		goto out;
	}
	lowercase(scheme);
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		err = "unsupported_scheme";
		goto out;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &p, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK) {
		err = "invalid_url";
		goto out;
	}
	curl_url_get(u, CURLUPART_QUERY, &q, 0);
	lowercase(host);
	sb_addf(&sb, "%s://%s:%s", scheme, host, port);
	*origin = sb_detach(&sb, NULL);
	sb_addstr(&sb, *p ? p : "/");
	if (q) {
		sb_addch(&sb, '?');
		sb_addstr(&sb, q);
	}
	*path = sb_detach(&sb, NULL);
	*norm = xstrdup(full);
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(p);
	curl_free(q);
	curl_free(full);
	curl_url_cleanup(u);
	return err;
}

/* -------------------------------------------------------------- hosts */

static unsigned long hash_str(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void apply_robots_text(struct engine *e, struct host *h, long status, const char *body,
                              size_t len)
{
	robots_release(&h->robots);
	if (status >= 200 && status < 300)
		robots_parse(&h->robots, body, len, e->agent_token);
	else if (status >= 400 && status < 500 && status != 429)
		robots_allow_all(&h->robots); /* RFC 9309 2.3.1.3: unavailable */
	else
		robots_disallow_all(&h->robots); /* 2.3.1.4: unreachable */
	h->delay = e->cfg->delay;
	if (h->robots.crawl_delay > h->delay)
		h->delay = h->robots.crawl_delay < e->cfg->max_crawl_delay
		                   ? h->robots.crawl_delay
		                   : e->cfg->max_crawl_delay;
	h->robots_state = ROBOTS_READY;
}

static struct host *get_host(struct engine *e, const char *origin)
{
	unsigned long b = hash_str(origin) % HOST_BUCKETS;
	struct host *h;

	for (h = e->buckets[b]; h; h = h->hnext)
		if (strcmp(h->origin, origin) == 0)
			return h;
	h = xcalloc(1, sizeof(*h));
	h->origin = xstrdup(origin);
	h->delay = e->cfg->delay;
	robots_allow_all(&h->robots);
	h->hnext = e->buckets[b];
	e->buckets[b] = h;
	if (e->cfg->ignore_robots) {
		h->robots_state = ROBOTS_READY;
	} else if (e->cfg->state) {
		long status;
		char *body;
		size_t len;

		if (fstate_robots_get(e->cfg->state, origin, e->robots_since, &status, &body,
		                      &len)) {
			apply_robots_text(e, h, status, body, len);
			free(body);
		}
	}
	return h;
}

/* Origins with waiting jobs, oldest first, so none starves. */
static void ready_add(struct engine *e, struct host *h)
{
	if (h->in_ready)
		return;
	h->in_ready = 1;
	h->rnext = NULL;
	h->rprev = e->ready_tail;
	if (e->ready_tail)
		e->ready_tail->rnext = h;
	else
		e->ready = h;
	e->ready_tail = h;
}

static void ready_remove(struct engine *e, struct host *h)
{
	if (!h->in_ready)
		return;
	if (h->rprev)
		h->rprev->rnext = h->rnext;
	else
		e->ready = h->rnext;
	if (h->rnext)
		h->rnext->rprev = h->rprev;
	else
		e->ready_tail = h->rprev;
	h->in_ready = 0;
	h->rnext = h->rprev = NULL;
}

static void enqueue(struct engine *e, struct job *j, int front)
{
	struct host *h = j->host;

	if (front) {
		j->qnext = h->qhead;
		h->qhead = j;
		if (!h->qtail)
			h->qtail = j;
	} else {
		j->qnext = NULL;
		if (h->qtail)
			h->qtail->qnext = j;
		else
			h->qhead = j;
		h->qtail = j;
	}
	ready_add(e, h);
}

static struct job *dequeue(struct engine *e, struct host *h)
{
	struct job *j = h->qhead;

	if (!j)
		return NULL;
	h->qhead = j->qnext;
	if (!h->qhead) {
		h->qtail = NULL;
		ready_remove(e, h);
	}
	j->qnext = NULL;
	return j;
}

static void free_hosts(struct engine *e)
{
	size_t i;

	for (i = 0; i < HOST_BUCKETS; i++) {
		struct host *h = e->buckets[i], *next;
		for (; h; h = next) {
			next = h->hnext;
			robots_release(&h->robots);
			free(h->origin);
			free(h);
		}
	}
}

/* --------------------------------------------------------------- jobs */

static void job_free(struct job *j)
{
	np_row_free(j->row);
	free(j->url);
	free(j->cur);
	free(j->path);
	free(j->content_type);
	free(j->etag);
	free(j->last_modified);
	sb_release(&j->body);
	fstate_url_release(&j->known);
	free(j);
}

/* The job is finished: stamp it and record it in the state. */
static void job_finish(struct engine *e, struct job *j, const char *error, const char *detail,
                       const char *hash)
{
	struct fstate_result r;

	j->done = 1;
	j->error = error;
	iso_time(j->fetched_at, time(NULL));
	j->elapsed_ms = j->t0 > 0 ? (long)((now_mono() - j->t0) * 1000 + 0.5) : 0;
	e->held_bytes += j->body.len;
	if (!error)
		e->n_ok++;
	else if (strcmp(error, "not_modified") == 0)
		e->n_notmod++;
	else
		e->n_failed++;
	if (e->progress_shown) { /* the message goes where the progress line was */
		fputs("\r\033[K", stderr);
		e->progress_shown = 0;
	}
	if (error && strcmp(error, "not_modified") != 0)
		np_row_error(j->row, "%s: %s%s%s%s", *j->url ? j->url : "(empty url)", error,
		             detail && *detail ? " (" : "", detail ? detail : "",
		             detail && *detail ? ")" : "");
	if (e->cfg->state && strcmp(error ? error : "", "invalid_url") != 0) {
		memset(&r, 0, sizeof(r));
		r.url = j->url;
		r.final_url = j->cur;
		r.http_status = j->status;
		r.fetch_error = error ? error : "";
		r.etag = j->etag;
		r.last_modified = j->last_modified;
		r.attempts = j->attempts;
		r.when = j->fetched_at;
		r.content_hash = hash;
		fstate_record(e->cfg->state, &r);
	}
}

/* A new input row: a job in the ring, queued on its origin (or finished
 * at once when its URL is unusable or --skip-seen leaves it out). */
static void admit(struct engine *e, const struct np_row *row, struct np_str url)
{
	struct job *j = xcalloc(1, sizeof(*j));
	char *origin = NULL;
	const char *err;
	size_t a = 0, b = url.len;

	/* Surrounding white space is not part of a URL. */
	while (a < b && (url.s[a] == ' ' || url.s[a] == '\t'))
		a++;
	while (b > a && (url.s[b - 1] == ' ' || url.s[b - 1] == '\t'))
		b--;
	j->seq = e->next_seq++;
	j->row = np_row_dup(row);
	j->url = xmemdup(url.s + a, b - a);
	sb_init(&j->body, (size_t)e->cfg->max_size * 4 + 16);
	e->ring[j->seq % e->window] = j;
	e->n_rows++;

	err = parse_url(j->url, &j->cur, &origin, &j->path);
	if (err) {
		job_finish(e, j, err, NULL, NULL);
		return;
	}
	if (e->cfg->state && fstate_lookup(e->cfg->state, j->url, &j->known) && e->cfg->skip_seen &&
	    j->known.ok_before) {
		j->done = 1;
		j->skip = 1;
		e->n_skipped++;
		free(origin);
		return;
	}
	j->host = get_host(e, origin);
	free(origin);
	enqueue(e, j, 0);
}

/* ---------------------------------------------------------- transfers */

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct xfer *x = ud;

	n *= size;
	if (sb_add(&x->body, p, n) < 0) {
		x->too_large = 1;
		return 0; /* aborts the transfer */
	}
	return n;
}

static int on_debug(CURL *h, curl_infotype type, char *p, size_t n, void *ud)
{
	struct xfer *x = ud;
	struct strbuf *sb = NULL;

	(void)h;
	if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT)
		sb = &x->raw_req;
	else if (type == CURLINFO_HEADER_IN || type == CURLINFO_DATA_IN)
		sb = &x->raw_resp;
	if (sb && sb_add(sb, p, n) < 0)
		x->raw_truncated = 1;
	return 0;
}

/* The address check happens here, on the address about to be used. */
static curl_socket_t on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct xfer *x = ud;

	(void)purpose;
	if (fetch_addr_blocked(&addr->addr)) {
		x->blocked = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(addr->family, addr->socktype | SOCK_CLOEXEC, addr->protocol);
}

static struct xfer *xfer_get(struct engine *e)
{
	struct xfer *x = e->free_xfers;

	if (x) {
		e->free_xfers = x->next_free;
		curl_easy_reset(x->easy);
	} else {
		x = xcalloc(1, sizeof(*x));
		x->easy = curl_easy_init();
		if (!x->easy)
			np_die(1, "cannot create a libcurl handle");
	}
	x->next_free = NULL;
	x->job = NULL;
	x->host = NULL;
	x->too_large = x->blocked = x->raw_truncated = 0;
	x->errbuf[0] = '\0';
	sb_init(&x->body, (size_t)e->cfg->max_size);
	sb_init(&x->raw_req, 1u << 20);
	sb_init(&x->raw_resp, (size_t)e->cfg->max_size + (1u << 20));
	return x;
}

static void xfer_put(struct engine *e, struct xfer *x)
{
	curl_multi_remove_handle(e->multi, x->easy);
	curl_slist_free_all(x->headers);
	x->headers = NULL;
	sb_release(&x->body);
	sb_release(&x->raw_req);
	sb_release(&x->raw_resp);
	x->next_free = e->free_xfers;
	e->free_xfers = x;
}

static void set_common(struct engine *e, struct xfer *x, const char *url)
{
	const struct fetch_config *c = e->cfg;
	CURL *h = x->easy;

	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, c->user_agent);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* all libcurl decodes */
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->connect_timeout * 1000));
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_size);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	if (c->cacert)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->cacert);
	if (!c->allow_private) {
		curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
		curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, x);
	}
	if (c->warc) {
		curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
		curl_easy_setopt(h, CURLOPT_DEBUGDATA, x);
		curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	}
}

static void start(struct engine *e, struct xfer *x, struct host *h)
{
	CURLMcode rc;

	clock_gettime(CLOCK_REALTIME, &x->sent);
	x->host = h;
	h->active++;
	e->active++;
	e->n_requests++;
	rc = curl_multi_add_handle(e->multi, x->easy);
	if (rc != CURLM_OK)
		np_die(1, "libcurl: %s", curl_multi_strerror(rc));
}

static void start_robots(struct engine *e, struct host *h)
{
	struct xfer *x = xfer_get(e);
	struct strbuf url = STRBUF_INIT;

	sb_addstr(&url, h->origin);
	sb_addstr(&url, "/robots.txt");
	sb_release(&x->body);
	sb_init(&x->body, ROBOTS_MAX_SIZE);
	set_common(e, x, url.buf);
	/* RFC 9309 2.3.1.2: follow at least five redirects. */
	curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(x->easy, CURLOPT_MAXREDIRS, (long)ROBOTS_REDIRECTS);
	sb_release(&url);
	h->robots_state = ROBOTS_FETCHING;
	start(e, x, h);
}

static void start_job(struct engine *e, struct job *j)
{
	struct xfer *x = xfer_get(e);
	struct strbuf hdr = STRBUF_INIT;

	x->job = j;
	set_common(e, x, j->cur);
	/* Conditional request when we know the validators of this URL. */
	if (j->known.final_url && strcmp(j->known.final_url, j->cur) == 0) {
		if (j->known.etag) {
			sb_addstr(&hdr, "If-None-Match: ");
			sb_addstr(&hdr, j->known.etag);
			x->headers = curl_slist_append(x->headers, hdr.buf);
			sb_reset(&hdr);
		}
		if (j->known.last_modified) {
			sb_addstr(&hdr, "If-Modified-Since: ");
			sb_addstr(&hdr, j->known.last_modified);
			x->headers = curl_slist_append(x->headers, hdr.buf);
		}
		if (x->headers)
			curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers);
	}
	sb_release(&hdr);
	if (j->t0 == 0)
		j->t0 = now_mono();
	start(e, x, j->host);
}

/* ----------------------------------------------------------- dispatch */

/* Start what may start; *wake gets the time something else may. */
static void dispatch(struct engine *e, double *wake)
{
	const struct fetch_config *c = e->cfg;
	struct host *h, *next;
	double now = now_mono();

	for (h = e->ready; h && e->active < c->parallel; h = next) {
		next = h->rnext;
		if (h->robots_state == ROBOTS_NONE) {
			if (h->active == 0)
				start_robots(e, h);
			continue;
		}
		if (h->robots_state == ROBOTS_FETCHING)
			continue;
		while (h->qhead && e->active < c->parallel) {
			struct job *j = h->qhead;

			/* Jobs that need no request finish here. */
			if (h->robots_error) {
				dequeue(e, h);
				job_finish(e, j, h->robots_error, "robots.txt", NULL);
				continue;
			}
			if (!robots_allowed(&h->robots, j->path)) {
				dequeue(e, h);
				job_finish(e, j, "robots_disallowed", NULL, NULL);
				continue;
			}
			if (h->active >= c->per_host)
				break;
			if (h->next_ok > now || j->not_before > now) {
				double t = h->next_ok > j->not_before ? h->next_ok : j->not_before;
				if (t < *wake)
					*wake = t;
				break;
			}
			dequeue(e, h);
			start_job(e, j);
			/* Requests to one origin start `delay` apart at least. */
			h->next_ok = now + h->delay;
		}
	}
}

/* ------------------------------------------------------------ results */

/* Error name for a libcurl code (x tells blocked addresses apart). */
static const char *curl_error_name(CURLcode rc, const struct xfer *x)
{
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT: return "timeout";
	case CURLE_COULDNT_RESOLVE_HOST: return "dns_error";
	case CURLE_COULDNT_CONNECT: return x->blocked ? "blocked_address" : "connect_error";
	case CURLE_UNSUPPORTED_PROTOCOL: return "unsupported_scheme";
	case CURLE_URL_MALFORMAT: return "invalid_url";
	case CURLE_TOO_MANY_REDIRECTS: return "too_many_redirects";
	case CURLE_FILESIZE_EXCEEDED: return "too_large";
	case CURLE_WRITE_ERROR: return x->too_large ? "too_large" : "network_error";
	case CURLE_BAD_CONTENT_ENCODING: return "decode_error";
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS: return "tls_error";
	default: return "network_error";
	}
}

/* Worth another try?  Timeouts and dropped connections are. */
static int transient(CURLcode rc)
{
	return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_GOT_NOTHING ||
	       rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR || rc == CURLE_PARTIAL_FILE ||
	       rc == CURLE_HTTP2 || rc == CURLE_HTTP2_STREAM;
}

static const char *header(CURL *h, const char *name)
{
	struct curl_header *hd;

	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK)
		return NULL;
	return hd->value;
}

/* Seconds a Retry-After value asks for: -1 when absent or unreadable. */
static double retry_after(CURL *h)
{
	const char *v = header(h, "Retry-After");
	char *end;
	double d;
	time_t t;

	if (!v)
		return -1;
	d = strtod(v, &end);
	if (end != v && *end == '\0' && d >= 0)
		return d;
	t = curl_getdate(v, NULL);
	if (t < 0)
		return -1;
	d = difftime(t, time(NULL));
	return d > 0 ? d : 0;
}

/* Queue the job for another try, or return 0 when it should give up. */
static int retry(struct engine *e, struct job *j, double asked)
{
	const struct fetch_config *c = e->cfg;
	double wait;

	if (j->attempts > c->retries)
		return 0;
	if (asked >= 0) {
		if (asked > c->max_retry_wait)
			return 0; /* the server wants more patience than we have */
		wait = asked;
	} else {
		/* Exponential backoff with "equal jitter": half fixed, half random. */
		wait = c->retry_wait * pow(2, j->attempts - 1);
		if (wait > c->max_retry_wait)
			wait = c->max_retry_wait;
		wait = wait / 2 + (wait / 2) * ((double)random() / RAND_MAX);
	}
	j->not_before = now_mono() + wait;
	j->attempts++;
	/* The whole origin waits: a 429 or 503 is about the server, not the URL. */
	if (j->host->next_ok < j->not_before)
		j->host->next_ok = j->not_before;
	enqueue(e, j, 1);
	return 1;
}

/* Follow a redirect: 1 when queued again, 0 when the job finished. */
static int redirect(struct engine *e, struct job *j, const char *location)
{
	char *norm, *origin, *path;
	const char *err;

	if (j->hops >= e->cfg->max_redirects) {
		job_finish(e, j, "too_many_redirects", location, NULL);
		return 0;
	}
	err = parse_url(location, &norm, &origin, &path);
	if (err) {
		job_finish(e, j, err, location, NULL);
		return 0;
	}
	j->hops++;
	free(j->cur);
	free(j->path);
	j->cur = norm;
	j->path = path;
	j->host = get_host(e, origin);
	free(origin);
	j->status = 0;
	enqueue(e, j, 0);
	return 1;
}

/* Media types whose body is not text: kept out of the body column.  A
 * generic binary type on a body that starts like markup is taken as
 * text (servers mislabel pages so). */
static int is_text_type(const char *ct, const char *body, size_t len)
{
	static const char *const textual[] = {"xml",        "json", "javascript",
	                                      "ecmascript", "html", "text/"};
	size_t i;

	if (!ct || !*ct)
		return 1;
	if (strncasecmp(ct, "application/octet-stream", 24) == 0) {
		while (len && (*body == ' ' || *body == '\t' || *body == '\n' || *body == '\r')) {
			body++;
			len--;
		}
		return len > 0 && *body == '<';
	}
	for (i = 0; i < sizeof(textual) / sizeof(textual[0]); i++) {
		const char *semi = strchr(ct, ';');
		size_t n = semi ? (size_t)(semi - ct) : strlen(ct);
		if (memmem(ct, n, textual[i], strlen(textual[i])))
			return 1;
	}
	return 0;
}

static void take_response_info(struct job *j, struct xfer *x, long code)
{
	const char *ct = NULL, *v;

	j->status = code;
	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	free(j->content_type);
	j->content_type = dup_or_null(ct);
	v = header(x->easy, "ETag");
	free(j->etag);
	j->etag = dup_or_null(v);
	v = header(x->easy, "Last-Modified");
	free(j->last_modified);
	j->last_modified = dup_or_null(v);
}

/*
 * A body that is a gzip file (a sitemap.xml.gz), as opposed to a gzip
 * Content-Encoding that libcurl has already undone: the document is its
 * content, decoded under the same --max-size.  Returns 0 (x->body now
 * holds the content) or the fetch_error to give.
 */
static const char *gunzip_body(struct xfer *x)
{
	static const struct warc_span gzip = {"gzip", 4};
	struct strbuf plain;

	sb_init(&plain, x->body.cap);
	int r = http_decode_content(&plain, x->body.buf, x->body.len, gzip);
	if (r != WARC_OK) {
		sb_release(&plain);
		return r == WARC_CAP ? "too_large" : "decode_error";
	}
	sb_release(&x->body);
	x->body = plain;
	return NULL;
}

static int is_gzip_file(const struct strbuf *body)
{
	return body->len >= 2 && (unsigned char)body->buf[0] == 0x1f &&
	       (unsigned char)body->buf[1] == 0x8b;
}

static void success(struct engine *e, struct job *j, struct xfer *x)
{
	char hash[65];
	size_t bom;
	int enc;
	const char *ct = j->content_type;
	int unpacked = 0;

	sha256_hex(x->body.buf, x->body.len, hash);
	e->n_bytes += x->body.len;
	if (is_gzip_file(&x->body)) {
		const char *error = gunzip_body(x);
		if (error) {
			job_finish(e, j, error, "a gzip file", hash);
			return;
		}
		unpacked = 1;
	}
	/* An unpacked file's media type is the archive's: sniff the content
	 * and take no charset from the header. */
	if (unpacked)
		ct = NULL;
	if (!is_text_type(unpacked ? "application/octet-stream" : ct, x->body.buf, x->body.len)) {
		job_finish(e, j, "not_text", unpacked ? "a gzip file" : ct, hash);
		return;
	}
	enc = charset_detect(ct, ct ? strlen(ct) : 0, x->body.buf, x->body.len, &bom);
	if (charset_to_utf8(&j->body, enc, x->body.buf + bom, x->body.len - bom) < 0) {
		sb_reset(&j->body);
		job_finish(e, j, "too_large", "after conversion to UTF-8", hash);
		return;
	}
	/* The body is UTF-8 now; its XML declaration must not say otherwise. */
	charset_fix_xml_decl(&j->body);
	job_finish(e, j, NULL, NULL, hash);
}

static void write_warc(struct engine *e, struct xfer *x, const char *url, CURLcode rc)
{
	struct warc_exchange ex;
	const char *ip = NULL, *eff = NULL;

	if (!e->cfg->warc || x->raw_req.len == 0)
		return;
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	if (eff)
		url = eff;
	curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip);
	memset(&ex, 0, sizeof(ex));
	ex.uri = url;
	ex.ip = ip;
	ex.date = x->sent;
	ex.request = x->raw_req.buf;
	ex.request_len = x->raw_req.len;
	ex.response = x->raw_resp.buf;
	ex.response_len = x->raw_resp.len;
	if (x->too_large || x->raw_truncated || rc == CURLE_FILESIZE_EXCEEDED)
		ex.truncated = "length";
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		ex.truncated = "time";
	else if (rc != CURLE_OK)
		ex.truncated = "unspecified";
	warc_exchange(e->cfg->warc, &ex);
}

static void page_done(struct engine *e, struct xfer *x, CURLcode rc)
{
	struct job *j = x->job;
	long code = 0;
	char *location = NULL;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	write_warc(e, x, j->cur, rc);
	if (j->attempts == 0)
		j->attempts = 1;
	if (rc != CURLE_OK) {
		const char *name = curl_error_name(rc, x);
		j->status = code;
		if (transient(rc) && retry(e, j, -1))
			return;
		job_finish(e, j, name, x->errbuf, NULL);
		return;
	}
	take_response_info(j, x, code);
	if (code >= 300 && code < 400 && code != 304) {
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &location);
		if (location) {
			redirect(e, j, location);
			return;
		}
		job_finish(e, j, "http_error", "redirect without a Location", NULL);
		return;
	}
	if (code == 429 || code >= 500) {
		if (retry(e, j, retry_after(x->easy)))
			return;
		job_finish(e, j, "http_error", NULL, NULL);
		return;
	}
	if (code == 304) {
		/* Keep the validators we sent when the 304 repeats none. */
		if (!j->etag)
			j->etag = dup_or_null(j->known.etag);
		if (!j->last_modified)
			j->last_modified = dup_or_null(j->known.last_modified);
		job_finish(e, j, "not_modified", NULL, NULL);
		return;
	}
	if (code < 200 || code >= 300) {
		job_finish(e, j, "http_error", NULL, NULL);
		return;
	}
	success(e, j, x);
}

static void robots_done(struct engine *e, struct xfer *x, CURLcode rc)
{
	struct host *h = x->host;
	long code = 0;
	char when[32];

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
	write_warc(e, x, h->origin, rc);
	if (rc == CURLE_OK || (x->too_large && code >= 200 && code < 300)) {
		/* A file over the limit is parsed as far as it was read. */
		if (code >= 300 && code < 400)
			code = 404; /* redirects exhausted: "unavailable" */
		apply_robots_text(e, h, code, x->body.buf, x->body.len);
		if (code >= 500 || code == 429)
			h->robots_error = "robots_unavailable";
		if (e->cfg->state && !h->robots_error) {
			iso_time(when, time(NULL));
			fstate_robots_put(e->cfg->state, h->origin, when, code, x->body.buf,
			                  x->body.len);
		}
		return;
	}
	/* Unreachable: nothing may be fetched; its jobs say why. */
	apply_robots_text(e, h, 0, NULL, 0);
	h->robots_error = curl_error_name(rc, x);
	if (strcmp(h->robots_error, "too_large") == 0)
		h->robots_error = "robots_unavailable";
}

/* Handle finished transfers; returns how many there were. */
static int harvest(struct engine *e)
{
	CURLMsg *m;
	int left, n = 0;

	while ((m = curl_multi_info_read(e->multi, &left))) {
		struct xfer *x;
		struct host *h;

		if (m->msg != CURLMSG_DONE)
			continue;
		n++;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		h = x->host;
		h->active--;
		e->active--;
		if (x->job)
			page_done(e, x, m->data.result);
		else
			robots_done(e, x, m->data.result); /* may set a Crawl-delay */
		/* With one request at a time (the polite default) the delay
		 * counts from the end of the previous request. */
		if (h->active == 0 && now_mono() + h->delay > h->next_ok)
			h->next_ok = now_mono() + h->delay;
		xfer_put(e, x);
	}
	return n;
}

/* ------------------------------------------------------------- output */

static struct np_str str_or_empty(const char *s)
{
	return s ? (struct np_str){s, strlen(s)} : NP_STR_EMPTY;
}

static void emit_job(struct engine *e, struct job *j)
{
	struct np_str out[FETCH_N_OUT];
	char status[24] = "", attempts[24], elapsed[24];

	if (j->status > 0)
		snprintf(status, sizeof(status), "%ld", j->status);
	snprintf(attempts, sizeof(attempts), "%d", j->attempts);
	snprintf(elapsed, sizeof(elapsed), "%ld", j->elapsed_ms);
	out[0] = str_or_empty(j->cur);
	out[1] = str_or_empty(status);
	out[2] = str_or_empty(j->fetched_at);
	out[3] = str_or_empty(j->content_type);
	out[4] = (struct np_str){j->body.buf, j->body.len};
	out[5] = str_or_empty(j->error);
	out[6] = str_or_empty(j->etag);
	out[7] = str_or_empty(j->last_modified);
	out[8] = str_or_empty(attempts);
	out[9] = str_or_empty(elapsed);
	np_stage_emit(e->st, j->row, out);
}

static void emit_ready(struct engine *e)
{
	while (e->head_seq < e->next_seq) {
		struct job *j = e->ring[e->head_seq % e->window];

		if (!j->done)
			break;
		if (!j->skip)
			emit_job(e, j);
		e->held_bytes -= j->body.len;
		e->ring[e->head_seq % e->window] = NULL;
		e->head_seq++;
		job_free(j);
	}
}

/* -------------------------------------------------------------- input */

static int want_input(const struct engine *e)
{
	return !e->input_eof && e->next_seq - e->head_seq < e->window &&
	       e->held_bytes < FETCH_HELD_BYTES;
}

static void read_input(struct engine *e)
{
	/* Never block on input while transfers need tending, unless there
	 * is nothing else to do; a burst is read in one go. */
	int budget = 256;

	while (want_input(e) && budget-- > 0) {
		if ((e->active > 0 || e->ready) && !np_stage_ready(e->st))
			return; /* the main loop polls stdin and comes back */
		if (!np_stage_next(e->st)) {
			e->input_eof = 1;
			return;
		}
		admit(e, np_stage_row(e->st), np_stage_in(e->st, 0));
	}
}

/* ------------------------------------------------------------- status */

static void progress(struct engine *e, int final)
{
	double now = now_mono(), dt = now - e->t_start;
	unsigned long done = e->n_ok + e->n_notmod + e->n_failed + e->n_skipped;

	if (e->cfg->progress && (final || now - e->t_progress >= 0.5)) {
		e->t_progress = now;
		if (final) {
			if (e->progress_shown)
				fputs("\r\033[K", stderr);
			e->progress_shown = 0;
		} else {
			fprintf(stderr, "\r\033[K%s: %lu done, %.1f/s, %lu failed, %d active",
			        np_program->name, done, dt > 0 ? done / dt : 0.0, e->n_failed,
			        e->active);
			e->progress_shown = 1;
		}
	}
	if (final && e->cfg->verbose)
		fprintf(stderr,
		        "%s: %lu rows: %lu ok, %lu not modified, %lu failed, %lu skipped; "
		        "%lu requests, %llu bytes in %.2f s (%.1f rows/s)\n",
		        np_program->name, e->n_rows, e->n_ok, e->n_notmod, e->n_failed,
		        e->n_skipped, e->n_requests, e->n_bytes, dt, dt > 0 ? e->n_rows / dt : 0.0);
	if (e->cfg->state && (final || now - e->t_commit >= 2)) {
		e->t_commit = now;
		fstate_commit(e->cfg->state);
	}
}

/* ---------------------------------------------------------------- run */

int fetch_run(const struct fetch_config *cfg, struct np_stage *st)
{
	struct engine e;
	struct xfer *x;

	memset(&e, 0, sizeof(e));
	e.cfg = cfg;
	e.st = st;
	e.window = cfg->window;
	e.ring = xcalloc(e.window, sizeof(*e.ring));
	robots_product_token(cfg->user_agent, e.agent_token, sizeof(e.agent_token));
	iso_time(e.robots_since, time(NULL) - ROBOTS_MAX_AGE);
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(e.multi = curl_multi_init())) {
		np_error("cannot initialise libcurl");
		free(e.ring);
		return -1;
	}
	curl_multi_setopt(e.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, cfg->parallel);
	curl_multi_setopt(e.multi, CURLMOPT_MAX_HOST_CONNECTIONS, cfg->per_host);
	curl_multi_setopt(e.multi, CURLMOPT_MAXCONNECTS, cfg->parallel * 2);
	curl_multi_setopt(e.multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	e.t_start = e.t_progress = e.t_commit = now_mono();

	for (;;) {
		double wake = now_mono() + 1.0;
		int running, timeout_ms;
		struct curl_waitfd in = {0, CURL_WAIT_POLLIN, 0};
		int poll_in, finished;

		read_input(&e);
		dispatch(&e, &wake);
		emit_ready(&e);
		if (e.input_eof && e.head_seq == e.next_seq && e.active == 0)
			break;
		curl_multi_perform(e.multi, &running);
		finished = harvest(&e);
		emit_ready(&e);
		progress(&e, 0);
		if (finished)
			continue; /* slots are free: fill them before sleeping */
		/* Sleep until curl, the input or a timer needs us. */
		poll_in = cfg->stdin_input && want_input(&e);
		timeout_ms = (int)((wake - now_mono()) * 1000);
		if (timeout_ms < 0)
			timeout_ms = 0;
		if (want_input(&e) && (!cfg->stdin_input || np_stage_ready(st)))
			timeout_ms = 0; /* rows are there to be read */
		if (e.active > 0 || timeout_ms > 0)
			curl_multi_poll(e.multi, poll_in ? &in : NULL, poll_in ? 1 : 0, timeout_ms,
			                NULL);
	}
	progress(&e, 1);
	while ((x = e.free_xfers)) {
		e.free_xfers = x->next_free;
		curl_easy_cleanup(x->easy);
		free(x);
	}
	curl_multi_cleanup(e.multi);
	free_hosts(&e);
	free(e.ring);
	curl_global_cleanup();
	return 0;
}
