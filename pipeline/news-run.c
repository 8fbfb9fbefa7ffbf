/*
 * news-run: the whole pipeline as a cron job.  One run fetches the feeds,
 * the new articles in them, strips, extracts and tags them, and appends
 * them to the day's file in the output folder, with the crawl state and
 * a run log kept beside it.  A run is all or nothing (run_files.h), one
 * at a time (flock), and quiet unless something needs a person.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"
#include "run_db.h"
#include "run_files.h"
#include "run_pipe.h"
#include "strbuf.h"

enum {
	OPT_FEEDS = 'f',
	OPT_OUTDIR = 'o',
	OPT_VERBOSE = 'v',
	OPT_CONFIG = 'c',
	OPT_DRY_RUN = NP_OPT_LONG,
	OPT_STATUS,
};

static const struct np_opt opts[] = {
        {"feeds", OPT_FEEDS, "FILE",
         "the feeds file: a TSV with a url column and any label columns (source,\n"
         "region, language...) that are copied to every article (default: feeds in\n"
         "the configuration, config/feeds.tsv)"},
        {"output", OPT_OUTDIR, "DIR",
         "the output folder: YYYY-MM-DD.tsv day files, state.db, news-run.log\n"
         "(default: outdir in the configuration, ./news); created if missing"},
        {"config", OPT_CONFIG, "FILE",
         "read the defaults from FILE (default config/news-run.conf)"},
        {"verbose", OPT_VERBOSE, NULL, "print one summary line on stderr at the end of a run"},
        {"dry-run", OPT_DRY_RUN, NULL,
         "print the pipeline and the files a run would use, and run nothing"},
        {"status", OPT_STATUS, NULL,
         "print the run log (started, finished, status, feeds, articles, errors,\n"
         "output, message) of the output folder as TSV, and run nothing"},
        {0},
};

static const struct np_prog prog = {
        "news-run",
        "[OPTION]... [-- NEWS-FETCH-OPTION...]",
        "Run the whole pipeline from a feeds file into an output folder:\n"
        "  news-fetch < FEEDS | news-feed | news-fetch --state DIR/state.db --skip-seen |\n"
        "  news-strip | news-extract | news-stance\n"
        "appending the new articles to DIR/YYYY-MM-DD.tsv.  Options after -- go to both\n"
        "news-fetch runs.  A run is all or nothing, even when killed; a second run while\n"
        "one is active exits 75.  Quiet on success.",
        opts,
        0,
};

/* Settings: built-in defaults, then the configuration file, then options. */
struct settings {
	char *feeds, *outdir, *fetch_options;
	unsigned timeout;
	int local_day;
};

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Read "key = value" lines; unknown keys and bad values are usage errors. */
static void load_config(struct settings *s, const char *path, int must_exist)
{
	FILE *fp = fopen(path, "re");
	if (!fp) {
		if (must_exist)
			np_usage_error("%s: %s", path, strerror(errno));
		return;
	}
	char *line = NULL;
	size_t cap = 0;
	unsigned long n = 0;
	while (getline(&line, &cap, fp) > 0) {
		n++;
		char *l = trim(line);
		if (!*l || *l == '#')
			continue;
		char *eq = strchr(l, '=');
		if (!eq)
			np_usage_error("%s:%lu: expected key = value", path, n);
		*eq = '\0';
		char *k = trim(l), *v = trim(eq + 1);
		if (strcmp(k, "feeds") == 0)
			set_str(&s->feeds, v);
		else if (strcmp(k, "outdir") == 0)
			set_str(&s->outdir, v);
		else if (strcmp(k, "fetch-options") == 0)
			set_str(&s->fetch_options, v);
		else if (strcmp(k, "timeout") == 0)
			s->timeout = (unsigned)np_parse_long_opt("timeout", v, 0, 86400 * 7);
		else if (strcmp(k, "day") == 0 &&
		         (strcmp(v, "utc") == 0 || strcmp(v, "local") == 0))
			s->local_day = strcmp(v, "local") == 0;
		else
			np_usage_error("%s:%lu: unknown setting '%s' or bad value '%s'", path, n, k,
			               v);
	}
	free(line);
	fclose(fp);
}

/* ------------------------------------------------------------ paths */

struct paths {
	char *bindir, *outdir, *work, *lock, *state, *work_state, *journal, *new_tsv, *day_tsv,
	        *work_day, *errlog, *log, *feeds;
	char day[16];
};

static char *path_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s/%s", a, b);
	return sb_detach(&sb, NULL);
}

/* The folder of our own executable: the stages live beside it. */
static char *own_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		np_die(NP_EXIT_DATA, "cannot find my own executable: %s", strerror(errno));
	buf[n] = '\0';
	return xstrdup(dirname(buf));
}

static void make_dir(const char *d)
{
	if (mkdir(d, 0755) < 0 && errno != EEXIST)
		np_die(NP_EXIT_DATA, "%s: %s", d, strerror(errno));
}

static void plan_paths(struct paths *p, const struct settings *s, time_t start, int create)
{
	p->bindir = own_dir();
	if (strpbrk(s->outdir, "\t\n"))
		np_usage_error("output folder names with TAB or LF are not supported");
	if (create)
		make_dir(s->outdir);
	char real[PATH_MAX];
	if (realpath(s->outdir, real))
		p->outdir = xstrdup(real);
	else
		p->outdir = xstrdup(s->outdir);
	p->work = path_join(p->outdir, ".news-run");
	p->lock = path_join(p->outdir, ".news-run.lock");
	p->state = path_join(p->outdir, "state.db");
	p->work_state = path_join(p->work, "state.db");
	p->journal = path_join(p->work, "commit");
	p->new_tsv = path_join(p->work, "new.tsv");
	p->work_day = path_join(p->work, "day.tsv");
	p->errlog = path_join(p->work, "messages");
	p->log = path_join(p->outdir, "news-run.log");
	struct tm tm;
	if (s->local_day)
		localtime_r(&start, &tm);
	else
		gmtime_r(&start, &tm);
	strftime(p->day, sizeof p->day, "%Y-%m-%d", &tm);
	struct strbuf name = STRBUF_INIT;
	sb_addf(&name, "%s.tsv", p->day);
	p->day_tsv = path_join(p->outdir, name.buf);
	sb_release(&name);
	/* A relative feeds file not found here is looked for in newspipe's
	 * files (config/feeds.tsv is the example). */
	p->feeds = NULL;
	if (s->feeds[0] != '/' && access(s->feeds, F_OK) < 0)
		p->feeds = np_find_file(s->feeds);
	if (!p->feeds)
		p->feeds = xstrdup(s->feeds);
}

static void free_paths(struct paths *p)
{
	char **all[] = {&p->bindir,     &p->outdir,  &p->work,    &p->lock,    &p->state,
	                &p->work_state, &p->journal, &p->new_tsv, &p->day_tsv, &p->work_day,
	                &p->errlog,     &p->log,     &p->feeds};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		free(*all[i]);
		*all[i] = NULL;
	}
}

/* ------------------------------------------------------------ the pipeline */

#define N_STAGES 6

struct argvec {
	char **v;
	size_t n, alloc;
};

static void av_add(struct argvec *a, const char *s)
{
	if (a->n + 2 > a->alloc) {
		a->alloc = a->alloc ? a->alloc * 2 : 8;
		a->v = xrealloc(a->v, a->alloc * sizeof *a->v);
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

static void av_free(struct argvec *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/* Split a configuration value into words as a shell would for simple
 * cases: blanks separate, '...' and "..." quote. */
static void add_words(struct argvec *a, const char *s)
{
	struct strbuf w = STRBUF_INIT;
	int in_word = 0;
	char quote = 0;
	for (; *s; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
			else
				sb_addch(&w, *s);
		} else if (*s == '\'' || *s == '"') {
			quote = *s;
			in_word = 1;
		} else if (*s == ' ' || *s == '\t') {
			if (in_word)
				av_add(a, w.buf);
			sb_reset(&w);
			in_word = 0;
		} else {
			sb_addch(&w, *s);
			in_word = 1;
		}
	}
	if (quote)
		np_usage_error("fetch-options: unbalanced quote");
	if (in_word)
		av_add(a, w.buf);
	sb_release(&w);
}

static void add_fetch_options(struct argvec *a, const struct settings *s, char **extra, int n_extra)
{
	add_words(a, s->fetch_options ? s->fetch_options : "");
	for (int i = 0; i < n_extra; i++)
		av_add(a, extra[i]);
}

static void build_stages(struct argvec av[N_STAGES], const struct paths *p,
                         const struct settings *s, char **extra, int n_extra)
{
	static const char *const names[N_STAGES] = {"news-fetch", "news-feed",    "news-fetch",
	                                            "news-strip", "news-extract", "news-stance"};
	for (int i = 0; i < N_STAGES; i++) {
		char *prog_path = path_join(p->bindir, names[i]);
		memset(&av[i], 0, sizeof av[i]);
		av_add(&av[i], prog_path);
		free(prog_path);
	}
	add_fetch_options(&av[0], s, extra, n_extra);
	av_add(&av[2], "--state");
	av_add(&av[2], p->work_state);
	av_add(&av[2], "--skip-seen");
	add_fetch_options(&av[2], s, extra, n_extra);
}

static void check_programs(struct argvec av[N_STAGES])
{
	for (int i = 0; i < N_STAGES; i++)
		if (access(av[i].v[0], X_OK) < 0)
			np_die(NP_EXIT_DATA, "%s: %s (the stages are looked for beside news-run)",
			       av[i].v[0], strerror(errno));
}

/* A word for a shell, quoted when it needs to be. */
static void shell_word(struct strbuf *out, const char *w)
{
	if (*w && !w[strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	                       "-_./=:,+@%")]) {
		sb_addstr(out, w);
		return;
	}
	sb_addch(out, '\'');
	for (; *w; w++)
		if (*w == '\'')
			sb_addstr(out, "'\\''");
		else
			sb_addch(out, *w);
	sb_addch(out, '\'');
}

static void dry_run(struct argvec av[N_STAGES], const struct paths *p)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < N_STAGES; i++) {
		for (size_t k = 0; k < av[i].n; k++) {
			if (k)
				sb_addch(&sb, ' ');
			shell_word(&sb, av[i].v[k]);
		}
		if (i == 0) {
			sb_addstr(&sb, " < ");
			shell_word(&sb, p->feeds);
		}
		sb_addstr(&sb, i < N_STAGES - 1 ? " |\n  " : " > ");
	}
	shell_word(&sb, p->new_tsv);
	printf("pipeline:\n  %s\n", sb.buf);
	printf("state: %s (worked on as a copy: %s)\n", p->state, p->work_state);
	printf("output: new articles appended to %s\n", p->day_tsv);
	printf("log: %s; lock: %s\n", p->log, p->lock);
	sb_release(&sb);
	for (int i = 0; i < N_STAGES; i++)
		if (access(av[i].v[0], X_OK) < 0)
			np_error("%s: %s", av[i].v[0], strerror(errno));
	if (access(p->feeds, R_OK) < 0)
		np_error("%s: %s", p->feeds, strerror(errno));
}

/* ------------------------------------------------------------ a run */

/* Feeds in the feeds file: its records, or, for a plain list of URLs
 * (no header), its lines that are not blank or comments. */
static long count_feeds(const char *path)
{
	FILE *fp = fopen(path, "re");
	if (!fp)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long count = 0, lineno = 0;
	int url_list = 0;
	while ((n = getline(&line, &cap, fp)) > 0) {
		lineno++;
		if (lineno == 1)
			url_list = (strncmp(line, "http://", 7) == 0 ||
			            strncmp(line, "https://", 8) == 0) &&
			           !strchr(line, '\t');
		if (!url_list && lineno == 1)
			continue;
		char *t = line + strspn(line, " \t\r\n");
		if (*t && (!url_list || *t != '#'))
			count++;
	}
	free(line);
	fclose(fp);
	return count;
}

/* The last line of the stages' messages, for the run log. */
static char *last_message(const char *path, long *count)
{
	FILE *fp = fopen(path, "re");
	char *line = NULL, *last = NULL;
	size_t cap = 0;
	ssize_t n;
	*count = 0;
	if (!fp)
		return NULL;
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		++*count;
		free(last);
		last = xstrdup(line);
	}
	free(line);
	fclose(fp);
	return last;
}

/* Keep the stages' messages in news-run.log (not part of the commit: a
 * log line may survive a run that did not). */
static void keep_messages(const struct paths *p, const char *started)
{
	struct stat stbuf;
	if (stat(p->errlog, &stbuf) < 0 || stbuf.st_size == 0)
		return;
	FILE *log = fopen(p->log, "ae");
	if (!log)
		return;
	fprintf(log, "== news-run %s\n", started);
	fclose(log);
	run_append_file(p->errlog, 0, p->log);
}

/* The day file after this run, in the work folder: the old one (if any)
 * with the new records after it.  0, or -1 with *why set. */
static int build_day_file(const struct paths *p, const char **why)
{
	long long old_end = 0, new_end = 0;
	if (access(p->day_tsv, F_OK) < 0) {
		if (rename(p->new_tsv, p->work_day) < 0) {
			*why = "cannot move the new records in the work folder";
			return -1;
		}
		return 0;
	}
	char *old_head = run_first_line(p->day_tsv, &old_end);
	char *new_head = run_first_line(p->new_tsv, &new_end);
	int r = 0;
	if (old_head && new_head && strcmp(old_head, new_head) == 0) {
		/* Same columns: old bytes as they are, then the new records. */
		if (run_copy_file(p->day_tsv, p->work_day) < 0 ||
		    run_append_file(p->new_tsv, new_end, p->work_day) < 0) {
			*why = "cannot write the new day file";
			r = -1;
		}
	} else {
		/* The columns changed (a stage was added, say): merge by name. */
		struct argvec cat = {0};
		char *prog_path = path_join(p->bindir, "news-cat");
		av_add(&cat, prog_path);
		av_add(&cat, "--");
		av_add(&cat, p->day_tsv);
		av_add(&cat, p->new_tsv);
		free(prog_path);
		struct run_stage st = {cat.v, 0, 0};
		int out = open(p->work_day, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		int err = open(p->errlog, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (out < 0 || err < 0 || run_pipeline(&st, 1, 0, out, err, 0) < 0 ||
		    !WIFEXITED(st.status) || WEXITSTATUS(st.status) != 0 || fsync(out) < 0) {
			*why = "cannot merge the new records into the day file, whose columns "
			       "differ (see news-run.log)";
			r = -1;
		}
		if (out >= 0)
			close(out);
		if (err >= 0)
			close(err);
		av_free(&cat);
	}
	free(old_head);
	free(new_head);
	return r;
}

struct outcome {
	struct run_info ri;
	char *message; /* owned */
	double seconds;
};

/* Record a failed run in the log: on a fresh copy of the state, which
 * then replaces it through the commit journal, so the real database is
 * never written in place. */
static void log_failure(const struct paths *p, struct outcome *o, const char *what)
{
	const char *why = NULL;
	const char *const pair[1][2] = {{p->work_state, p->state}};
	run_now(o->ri.finished);
	o->ri.status = "failed";
	o->ri.message = what;
	o->ri.articles = 0;
	if (run_db_copy(p->state, p->work_state, &why) < 0 ||
	    run_db_log(p->work_state, &o->ri, &why) < 0 || run_fsync_path(p->work_state) < 0 ||
	    run_commit(p->journal, p->outdir, pair, 1, &why) < 0)
		np_warn("%s: cannot log the failed run: %s", p->state, why ? why : strerror(errno));
}

/* 1 when a message line is prefixed by a newspipe program's name. */
static int from_a_stage(const char *line)
{
	if (strncmp(line, "news-", 5) != 0)
		return 0;
	size_t n = 5 + strspn(line + 5, "abcdefghijklmnopqrstuvwxyz");
	return line[n] == ':';
}

/* The last message of the stage `name` ("news-x: ..."), else the last
 * one that no stage signed (a sanitizer's report, a crash), or NULL. */
static char *stage_message(const char *path, const char *name)
{
	FILE *fp = fopen(path, "re");
	char *line = NULL, *own = NULL, *unsigned_msg = NULL;
	size_t cap = 0, nlen = strlen(name);
	ssize_t n;
	if (!fp)
		return NULL;
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		char **slot = NULL;
		if (strncmp(line, name, nlen) == 0 && line[nlen] == ':')
			slot = &own;
		else if (!from_a_stage(line) && line[0])
			slot = &unsigned_msg;
		if (slot) {
			free(*slot);
			*slot = xstrdup(line);
		}
	}
	free(line);
	fclose(fp);
	if (own) {
		free(unsigned_msg);
		return own;
	}
	return unsigned_msg;
}

/*
 * Say which stage failed the run, if one did: a stage that exited with a
 * status above 1 or was killed.  A stage killed by SIGPIPE was stopped by
 * the next one quitting early, which loses records even when that one
 * exits 0 or 1: the next one is to blame.
 */
static void blame_stage(const struct run_stage *st, struct argvec av[N_STAGES], const char *errlog,
                        struct strbuf *msg)
{
	char desc[48];
	int culprit = -1;
	const char *why = "";
	for (int i = 0; i < N_STAGES && culprit < 0; i++) {
		int ws = st[i].status;
		if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGPIPE)
			continue;
		if (!WIFEXITED(ws) || WEXITSTATUS(ws) > 1)
			culprit = i;
	}
	/* A closed pipe kills the stages before it in turn: the last one it
	 * killed points at the one that quit. */
	for (int i = N_STAGES - 1; i >= 0 && culprit < 0; i--) {
		int ws = st[i].status;
		if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGPIPE) {
			culprit = i + 1 < N_STAGES ? i + 1 : i;
			why = culprit > i ? ", before reading all its input" : "";
		}
	}
	if (culprit < 0)
		return;
	const char *name = basename(av[culprit].v[0]);
	char *m = stage_message(errlog, name);
	sb_addf(msg, "%s: %s%s%s%s", name, run_describe_status(st[culprit].status, desc), why,
	        m ? ": " : "", m ? m : "");
	free(m);
}

static int do_run(const struct paths *p, const struct settings *s, struct argvec av[N_STAGES],
                  struct outcome *o)
{
	const char *why = NULL;
	struct run_stage st[N_STAGES];
	struct strbuf msg = STRBUF_INIT;

	o->ri.output = p->day_tsv;
	if (run_db_copy(p->state, p->work_state, &why) < 0) {
		np_error("%s: cannot copy the state database: %s", p->state, why);
		return -1;
	}
	o->ri.feeds = count_feeds(p->feeds);
	int in = open(p->feeds, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		np_error("%s: %s", p->feeds, strerror(errno));
		sb_addf(&msg, "%s: %s", p->feeds, strerror(errno));
		log_failure(p, o, msg.buf);
		sb_release(&msg);
		return -1;
	}
	int out = open(p->new_tsv, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int err = open(p->errlog, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (out < 0 || err < 0)
		np_die(NP_EXIT_DATA, "%s: %s", p->work, strerror(errno));
	for (int i = 0; i < N_STAGES; i++)
		st[i] = (struct run_stage){av[i].v, 0, 0};
	int r = run_pipeline(st, N_STAGES, in, out, err, s->timeout);
	int synced = fsync(out);
	close(in);
	close(out);
	close(err);
	o->message = last_message(p->errlog, &o->ri.errors);

	/* A stage that failed (not a data error, exit 1) spoils the run. */
	if (r == -1)
		sb_addf(&msg, "cannot start the pipeline: %s", strerror(errno));
	else if (r == -2)
		sb_addf(&msg, "timed out after %u s (timeout in news-run.conf)", s->timeout);
	if (r == 0)
		blame_stage(st, av, p->errlog, &msg);
	if (!msg.len && synced < 0)
		sb_addf(&msg, "%s: %s", p->new_tsv, strerror(errno));
	if (msg.len) {
		keep_messages(p, o->ri.started);
		log_failure(p, o, msg.buf);
		np_error("run failed, nothing committed: %s", msg.buf);
		sb_release(&msg);
		return -1;
	}

	o->ri.articles = run_count_records(p->new_tsv);
	o->ri.status = "ok";
	o->ri.message = o->message;
	const char *const pairs[2][2] = {{p->work_day, p->day_tsv}, {p->work_state, p->state}};
	int have_day = o->ri.articles > 0;
	if (have_day && build_day_file(p, &why) < 0) {
		keep_messages(p, o->ri.started);
		log_failure(p, o, why);
		np_error("run failed, nothing committed: %s", why);
		return -1;
	}
	run_now(o->ri.finished);
	if (run_db_log(p->work_state, &o->ri, &why) < 0 || run_fsync_path(p->work_state) < 0) {
		np_error("%s: cannot log the run: %s", p->work_state, why ? why : strerror(errno));
		return -1;
	}
	if (run_commit(p->journal, p->outdir, have_day ? pairs : pairs + 1, have_day ? 2 : 1,
	               &why) < 0) {
		np_error("%s: %s: %s", p->outdir, why, strerror(errno));
		return -1;
	}
	keep_messages(p, o->ri.started);
	return 0;
}

static int lock_outdir(const struct paths *p)
{
	int fd = open(p->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		np_die(NP_EXIT_DATA, "%s: %s", p->lock, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK) {
			close(fd);
			return -1;
		}
		np_die(NP_EXIT_DATA, "%s: %s", p->lock, strerror(errno));
	}
	return fd;
}

/* Finish a commit that a killed run left half done; clear its leftovers. */
static void recover(const struct paths *p)
{
	make_dir(p->work);
	if (run_recover(p->journal, p->outdir) < 0)
		np_die(NP_EXIT_DATA, "%s: cannot complete the last run's commit: %s", p->journal,
		       strerror(errno));
	run_clean_dir(p->work, NULL);
}

static int show_status(const struct paths *p)
{
	const char *why;
	struct stat sb;
	if (stat(p->outdir, &sb) < 0 || !S_ISDIR(sb.st_mode))
		np_die(NP_EXIT_DATA, "%s: no such output folder", p->outdir);
	int fd = lock_outdir(p);
	if (fd >= 0) {
		recover(p);
		close(fd);
	}
	int r = run_db_status(p->state, stdout, 0, &why);
	if (r < 0)
		np_error("%s: %s", p->state, why);
	if (r == 1)
		np_warn("%s: no run logged yet", p->outdir);
	return np_exit();
}

int main(int argc, char **argv)
{
	const char *arg, *config = NULL;
	int c, verbose = 0, dry = 0, status = 0;
	struct settings s = {0};
	struct paths p;

	np_init(&prog, argc, argv);
	set_str(&s.feeds, "config/feeds.tsv");
	set_str(&s.outdir, "news");
	set_str(&s.fetch_options, "");
	s.timeout = 3000;
	char *feeds = NULL, *outdir = NULL;
	while ((c = np_getopt(argc, argv, &arg)) != -1) {
		switch (c) {
		case OPT_FEEDS: feeds = xstrdup(arg); break;
		case OPT_OUTDIR: outdir = xstrdup(arg); break;
		case OPT_CONFIG: config = arg; break;
		case OPT_VERBOSE: verbose = 1; break;
		case OPT_DRY_RUN: dry = 1; break;
		case OPT_STATUS: status = 1; break;
		}
	}
	/* Only options may follow, after "--", for news-fetch. */
	if (np_optind < argc && strcmp(argv[np_optind - 1], "--") != 0)
		np_usage_error("unexpected argument '%s' (news-fetch options go after --)",
		               argv[np_optind]);
	if (config) {
		load_config(&s, config, 1);
	} else {
		char *def = np_find_file("config/news-run.conf");
		if (def)
			load_config(&s, def, 0);
		free(def);
	}
	if (feeds)
		set_str(&s.feeds, feeds);
	if (outdir)
		set_str(&s.outdir, outdir);
	free(feeds);
	free(outdir);

	time_t start = time(NULL);
	plan_paths(&p, &s, start, !dry && !status);
	struct argvec av[N_STAGES];
	build_stages(av, &p, &s, argv + np_optind, argc - np_optind);

	int rc;
	if (status) {
		rc = show_status(&p);
	} else if (dry) {
		dry_run(av, &p);
		rc = np_exit();
	} else {
		check_programs(av);
		int lock = lock_outdir(&p);
		if (lock < 0)
			np_die(NP_EXIT_TEMPFAIL, "another run is active in %s; not started",
			       p.outdir);
		recover(&p);
		struct outcome o;
		memset(&o, 0, sizeof o);
		run_now(o.ri.started);
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int r = do_run(&p, &s, av, &o);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		run_clean_dir(p.work, NULL);
		if (verbose && r == 0)
			fprintf(stderr,
			        "news-run: %s: %ld feed%s, %ld new article%s in %s, %ld stage "
			        "message%s%s, %.1f s\n",
			        o.ri.started, o.ri.feeds, o.ri.feeds == 1 ? "" : "s", o.ri.articles,
			        o.ri.articles == 1 ? "" : "s", p.day_tsv, o.ri.errors,
			        o.ri.errors == 1 ? "" : "s",
			        o.ri.errors ? " (see news-run.log)" : "",
			        (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
		free(o.message);
		close(lock);
		rc = np_exit();
	}
	for (int i = 0; i < N_STAGES; i++)
		av_free(&av[i]);
	free_paths(&p);
	free(s.feeds);
	free(s.outdir);
	free(s.fetch_options);
	return rc;
}
