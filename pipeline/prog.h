/*
 * prog: what every newspipe program shares around its main().
 *
 * Options are declared once, in a table, and that table is the single
 * source of truth for parsing, for --help and for the OPTIONS section of
 * the man page (the build substitutes `news-x --help-roff` into
 * man/news-x.1.in), so usage text and man page cannot drift apart.
 *
 *   static const struct np_opt opts[] = {
 *       {"keep-body", 'k', NULL,  "keep the body column"},
 *       {"timeout",   OPT_TIMEOUT, "SECONDS", "give up after SECONDS"},
 *       {0}
 *   };
 *   static const struct np_prog prog = {
 *       "news-strip", "[OPTION]... [FILE]...",
 *       "Extract the article text and metadata from HTML in the body column.",
 *       opts, NP_STREAM_OPTS,
 *   };
 *   int main(int argc, char **argv) {
 *       const char *arg;
 *       int c;
 *       np_init(&prog, argc, argv);
 *       while ((c = np_getopt(argc, argv, &arg)) != -1)
 *           switch (c) { case 'k': keep = 1; break; ... }
 *       ... argv + np_optind ...
 *       return np_exit();
 *   }
 *
 * np_getopt() handles --help and --version itself (stdout, exit 0), and
 * the stream options (--max-record, --columns, --no-header) when the
 * program's flags include NP_STREAM_OPTS; an unknown option or a missing
 * argument prints a short usage hint on stderr and exits 2.
 *
 * Exit status: 0 all well, 1 a data error somewhere (np_status), 2 usage.
 * Diagnostics go to stderr prefixed "news-x: "; stdout carries data only.
 * SIGPIPE keeps its default action, so a closed pipe ends the program
 * quietly, as with any Unix filter.
 */
#ifndef NEWSPIPE_PROG_H
#define NEWSPIPE_PROG_H

#include <stdarg.h>
#include <stddef.h>

#define NP_VERSION "0.1.0"

enum { NP_EXIT_OK = 0, NP_EXIT_DATA = 1, NP_EXIT_USAGE = 2, NP_EXIT_TEMPFAIL = 75 };

/* Keys for long-only options start here; short ones use their letter. */
#define NP_OPT_LONG 256

struct np_opt {
	const char *name; /* long name, without "--" */
	int key;          /* short letter, or a value >= NP_OPT_LONG */
	const char *arg;  /* argument's name in help, NULL for a flag */
	const char *help; /* one sentence; may contain "\n" for more lines */
};

/* np_prog.flags */
#define NP_STREAM_OPTS 1 /* accept --max-record, --columns, --no-header */

struct np_prog {
	const char *name;
	const char *synopsis;      /* after the program name, e.g. "[OPTION]... [FILE]..." */
	const char *summary;       /* one paragraph for --help */
	const struct np_opt *opts; /* terminated by {0}; may be NULL */
	int flags;
};

extern const struct np_prog *np_program;
extern int np_optind; /* first operand after np_getopt() returned -1 */
extern int np_status; /* becomes 1 on the first data error */

/* Stream settings filled by the common options (see stage.h). */
extern size_t np_max_record;   /* --max-record, default 64 MiB */
extern const char *np_columns; /* --columns a,b,c: input has no header */
extern int np_no_header;       /* --no-header: write no header row */

void np_init(const struct np_prog *prog, int argc, char **argv);
int np_getopt(int argc, char **argv, const char **arg);

/* Print "Usage: ..." hint and exit 2. */
void np_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* "news-x: msg" on stderr.  np_warn does not touch np_status. */
void np_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like np_warn, and marks the run as failed (exit 1 at the end). */
void np_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like np_warn with ": strerror(errno)" appended. */
void np_warn_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Message and exit(code) at once: for errors that leave nothing to do. */
void np_die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
void np_vwarn(const char *fmt, va_list ap);

/* Parse "64M", "1G", "500k", "123" (bytes); -1 on error. */
long long np_parse_size(const char *s);
/* Parse a non-negative decimal number (may have a fraction); -1 on error. */
double np_parse_seconds(const char *s);
/* Parse an integer in [min,max]; exits 2 naming the option on error. */
long np_parse_long_opt(const char *opt, const char *s, long min, long max);

/*
 * Find a file shipped with newspipe (e.g. "config/topics.tsv" or
 * "data/gov.tsv").  Searched, in order: $NEWSPIPE_HOME, the source tree
 * the program was built in (the executable's ../ and ../build/), the
 * installed share directory (exe/../share/newspipe, then NP_DATADIR).
 * Returns a malloc'd path the caller frees, or NULL.
 */
char *np_find_file(const char *relpath);

/* Flush and close stdout; on failure report it and set np_status. */
void np_close_stdout(void);

/* np_close_stdout(), then return the exit status to return from main. */
int np_exit(void);

#endif
