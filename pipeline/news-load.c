/*
 * news-load: bring local files into the stream, as news-fetch brings web
 * pages.  Reads `path`; writes `body`, `fetched_at`, `content_type`,
 * `http_status` and `fetch_error`, so that everything downstream of the
 * fetcher runs unchanged on files (this is how `make demo` runs offline).
 *
 * A relative path is taken relative to the directory of the TSV file the
 * row came from (so an index can sit next to its files and be read from
 * anywhere), or to the working directory for stdin.  A file that cannot
 * be read keeps its row, with an empty body and the reason in
 * `fetch_error`; the run then exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"
#include "stage.h"
#include "strbuf.h"
#include "utf8.h"

#define DEFAULT_MAX_SIZE (50LL * 1024 * 1024)
#define READ_CHUNK       65536

enum { OPT_MAX_SIZE = NP_OPT_LONG };

static const struct np_opt opts[] = {
        {"max-size", OPT_MAX_SIZE, "BYTES",
         "refuse files larger than BYTES (suffixes k, M, G; default 50M); "
         "the record is kept, with the reason in fetch_error"},
        {0},
};

static const struct np_prog prog = {
        "news-load",
        "[OPTION]... [FILE]...",
        "Read the local file named in each row's path column into body, with "
        "fetched_at, content_type, http_status and fetch_error as news-fetch "
        "writes them.  A relative path is relative to the directory of the TSV "
        "file it came from (the working directory for stdin).",
        opts,
        NP_STREAM_OPTS,
};

static const char *const in_cols[] = {"path", NULL};
static const char *const no_cols[] = {NULL};
static const char *const out_cols[] = {"body",        "fetched_at",  "content_type",
                                       "http_status", "fetch_error", NULL};
enum { OUT_BODY, OUT_FETCHED_AT, OUT_TYPE, OUT_STATUS, OUT_ERROR, N_OUT };

/* What loading one file produced.  The buffers are reused from
 * row to row; the caller owns the struct and releases it at the end. */
struct loaded {
	struct strbuf path; /* the path as resolved */
	struct strbuf raw;  /* the bytes read */
	struct strbuf body; /* raw repaired, when it needs it */
	char fetched_at[32];
	const char *error; /* NULL, or why the file was not loaded */
	char error_buf[64];
};

/*
 * The directory prefix relative paths in `tsv_file` are resolved against:
 * "dir/" of "dir/index.tsv"; "" for stdin (named "stdin", no slash), a
 * file in the working directory, or an input that is not a regular file
 * or lives under /dev or /proc (/dev/stdin, a pipe from <(...)): those
 * hold paths typed relative to the working directory.  Cached, since every row of an input asks.
 */
static size_t dir_prefix_len(const char *tsv_file)
{
	static char *cached_name;
	static size_t cached_len;
	const char *slash;
	struct stat st;

	if (!tsv_file)
		return 0;
	if (cached_name && !strcmp(cached_name, tsv_file))
		return cached_len;
	free(cached_name);
	cached_name = xstrdup(tsv_file);
	slash = strrchr(tsv_file, '/');
	cached_len = 0;
	if (slash && strncmp(tsv_file, "/dev/", 5) != 0 && strncmp(tsv_file, "/proc/", 6) != 0 &&
	    stat(tsv_file, &st) == 0 && S_ISREG(st.st_mode))
		cached_len = (size_t)(slash - tsv_file) + 1;
	return cached_len;
}

static void resolve_path(struct strbuf *out, const char *tsv_file, struct np_str path)
{
	sb_reset(out);
	if (path.s[0] != '/')
		sb_add(out, tsv_file, dir_prefix_len(tsv_file));
	sb_add(out, path.s, path.len);
}

static const char *content_type_for(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		return "application/octet-stream";
	if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm"))
		return "text/html";
	if (!strcasecmp(dot, ".xml"))
		return "application/xml";
	return "application/octet-stream";
}

static void format_mtime(char out[32], const struct stat *st)
{
	struct tm tm;
	time_t t = st->st_mtime;

	if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		out[0] = '\0';
}

/* Read all of fd into raw, failing with EFBIG past max_size bytes. */
static int read_capped(int fd, struct strbuf *raw, long long max_size, off_t size_hint)
{
	sb_reset(raw);
	if (size_hint > 0 && size_hint <= max_size)
		(void)sb_grow(raw, (size_t)size_hint + READ_CHUNK); /* one read to see EOF */
	for (;;) {
		ssize_t n;

		if (sb_grow(raw, READ_CHUNK) < 0)
			return errno = EFBIG, -1;
		n = read(fd, raw->buf + raw->len, READ_CHUNK);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		if ((long long)(raw->len + (size_t)n) > max_size)
			return errno = EFBIG, -1;
		raw->len += (size_t)n; /* sb_grow() left room for this and the NUL */
		raw->buf[raw->len] = '\0';
	}
	return 0;
}

/* Open, stat and read the file; on failure set ld->error. */
static void load_file(struct loaded *ld, long long max_size)
{
	struct stat st;
	int fd;

	ld->error = NULL;
	ld->fetched_at[0] = '\0';
	sb_reset(&ld->raw);
	fd = open(ld->path.buf, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		ld->error = strerror(errno);
	} else if (S_ISDIR(st.st_mode)) {
		ld->error = strerror(EISDIR);
	} else if (S_ISREG(st.st_mode) && st.st_size > max_size) {
		snprintf(ld->error_buf, sizeof ld->error_buf, "larger than --max-size (%lld bytes)",
		         max_size);
		ld->error = ld->error_buf;
	} else if (read_capped(fd, &ld->raw, max_size, st.st_size) < 0) {
		if (errno == EFBIG) {
			snprintf(ld->error_buf, sizeof ld->error_buf,
			         "larger than --max-size (%lld bytes)", max_size);
			ld->error = ld->error_buf;
		} else {
			ld->error = strerror(errno);
		}
	} else {
		format_mtime(ld->fetched_at, &st);
	}
	if (fd >= 0)
		close(fd);
}

/*
 * The body to write for raw: raw itself less a UTF-8 byte order mark
 * when it is clean (the usual case, no copy), else a copy in `fixed` with
 * every invalid sequence and NUL byte (which no stream field may hold)
 * replaced by U+FFFD.  *bad counts the replacements.
 */
static struct np_str to_utf8(struct strbuf *fixed, const struct strbuf *raw, long *bad)
{
	static const char bom[] = "\xEF\xBB\xBF";
	const char *s = raw->buf;
	size_t n = raw->len;

	*bad = 0;
	if (n >= 3 && !memcmp(s, bom, 3))
		s += 3, n -= 3;
	if (!memchr(s, '\0', n) && utf8_valid(s, n))
		return (struct np_str){s, n};
	sb_reset(fixed);
	while (n) {
		const char *nul = memchr(s, '\0', n);
		size_t run = nul ? (size_t)(nul - s) : n;
		long r = utf8_repair(fixed, s, run);

		if (r < 0)
			np_die(NP_EXIT_DATA, "out of buffer space");
		*bad += r;
		s += run, n -= run;
		if (nul) {
			sb_add_utf8(fixed, UTF8_REPLACEMENT);
			++*bad;
			s++, n--;
		}
	}
	return (struct np_str){fixed->buf, fixed->len};
}

static void load_row(struct np_stage *st, struct loaded *ld, long long max_size)
{
	const struct np_row *row = np_stage_row(st);
	struct np_str path = np_stage_in(st, 0);
	struct np_str out[N_OUT];
	const char *type = "";
	struct np_str body = NP_STR_EMPTY;
	long bad = 0;

	if (path.len == 0) {
		ld->error = "empty path";
		ld->fetched_at[0] = '\0';
		np_row_error(row, "empty path");
	} else if (memchr(path.s, '\0', path.len)) {
		ld->error = "path contains a NUL byte";
		ld->fetched_at[0] = '\0';
		np_row_error(row, "path contains a NUL byte");
	} else {
		resolve_path(&ld->path, np_row_file(row), path);
		load_file(ld, max_size);
		if (ld->error) {
			np_row_error(row, "%s: %s", ld->path.buf, ld->error);
		} else {
			type = content_type_for(ld->path.buf);
			body = to_utf8(&ld->body, &ld->raw, &bad);
			if (bad > 0)
				np_row_error(row,
				             "%s: %ld invalid UTF-8 sequence%s or NUL byte%s "
				             "replaced with U+FFFD",
				             ld->path.buf, bad, bad == 1 ? "" : "s",
				             bad == 1 ? "" : "s");
		}
	}
	out[OUT_BODY] = body;
	out[OUT_FETCHED_AT] = (struct np_str){ld->fetched_at, strlen(ld->fetched_at)};
	out[OUT_TYPE] = (struct np_str){type, strlen(type)};
	out[OUT_STATUS] = ld->error ? NP_STR_EMPTY : NP_STR("200");
	out[OUT_ERROR] = ld->error ? (struct np_str){ld->error, strlen(ld->error)} : NP_STR_EMPTY;
	np_stage_emit(st, row, out);
}

/*
 * The operands are TSV inputs, as for every stage.  Someone who passes
 * the pages themselves would get a confusing "missing column" about an
 * HTML line, so say what to do instead.
 */
static void reject_page_operands(int n, char **files)
{
	for (int i = 0; i < n; i++) {
		const char *type = content_type_for(files[i]);

		if (strcmp(type, "application/octet-stream") != 0)
			np_usage_error("%s: arguments are TSV inputs with a path column; "
			               "to load pages: printf '%%s\\n' path FILE... | news-load",
			               files[i]);
	}
}

int main(int argc, char **argv)
{
	struct loaded ld = {STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, "", NULL, ""};
	long long max_size = DEFAULT_MAX_SIZE;
	struct np_stage st;
	const char *arg;
	int c;

	np_init(&prog, argc, argv);
	while ((c = np_getopt(argc, argv, &arg)) != -1) {
		switch (c) {
		case OPT_MAX_SIZE:
			max_size = np_parse_size(arg);
			if (max_size < 0)
				np_usage_error("invalid --max-size '%s'", arg);
			break;
		default: np_usage_error("unknown option");
		}
	}
	/* Room for one chunk past the limit, so a read can overshoot it and
	 * tell "exactly max_size bytes" from "more". */
	sb_init(&ld.raw, (size_t)max_size + READ_CHUNK + 1);
	reject_page_operands(argc - np_optind, argv + np_optind);

	np_stage_open(&st, argc - np_optind, argv + np_optind, in_cols, no_cols, out_cols, NULL);
	while (np_stage_next(&st))
		load_row(&st, &ld, max_size);
	np_stage_close(&st);

	sb_release(&ld.path);
	sb_release(&ld.raw);
	sb_release(&ld.body);
	return np_exit();
}
