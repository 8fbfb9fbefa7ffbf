/* prog: option parsing, diagnostics and exit handling; see prog.h. */
#include "prog.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

#ifndef NP_DATADIR
#define NP_DATADIR "/usr/local/share/newspipe"
#endif

const struct np_prog *np_program;
int np_optind = 1;
int np_status;
size_t np_max_record = (size_t)64 << 20;
const char *np_columns;
int np_no_header;

enum { OPT_HELP = 1 << 20, OPT_VERSION, OPT_HELP_ROFF, OPT_MAX_RECORD, OPT_COLUMNS, OPT_NO_HEADER };

/* The options every program has, and the stream ones, in the same table
 * form as a program's own so that help and man page treat them alike. */
static const struct np_opt stream_opts[] = {
        {"max-record", OPT_MAX_RECORD, "SIZE",
         "skip (and report) records longer than SIZE bytes; suffixes k, M, G (default 64M)"},
        {"columns", OPT_COLUMNS, "A,B,...",
         "the input has no header row; these are its column names"},
        {"no-header", OPT_NO_HEADER, NULL,
         "write no header row (for Hadoop Streaming and the like)"},
        {0}};
static const struct np_opt common_opts[] = {
        {"help", OPT_HELP, NULL, "print this help and exit"},
        {"version", OPT_VERSION, NULL, "print the version and exit"},
        {0}};

static const char *prog_name(void)
{
	return np_program ? np_program->name : "newspipe";
}

void np_vwarn(const char *fmt, va_list ap)
{
	/* One write per message, so lines from parallel stages don't interleave. */
	struct strbuf sb = STRBUF_INIT;
	sb_addstr(&sb, prog_name());
	sb_addstr(&sb, ": ");
	sb_vaddf(&sb, fmt, ap);
	sb_addch(&sb, '\n');
	fflush(stdout);
	fwrite(sb.buf, 1, sb.len, stderr);
	sb_release(&sb);
}

void np_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	np_vwarn(fmt, ap);
	va_end(ap);
}

void np_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	np_vwarn(fmt, ap);
	va_end(ap);
	np_status = NP_EXIT_DATA;
}

void np_warn_errno(const char *fmt, ...)
{
	int e = errno;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	np_warn("%s: %s", sb.buf, strerror(e));
	sb_release(&sb);
}

void np_die(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	np_vwarn(fmt, ap);
	va_end(ap);
	exit(code);
}

void np_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	np_vwarn(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Usage: %s %s\nTry '%s --help' for more information.\n", prog_name(),
	        np_program ? np_program->synopsis : "", prog_name());
	exit(NP_EXIT_USAGE);
}

void np_init(const struct np_prog *prog, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	np_program = prog;
	np_optind = 1;
	np_status = 0;
	setlocale(LC_CTYPE, "C.UTF-8");
	/* Big stdout buffer: filters write many small fields. */
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
}

/* ------------------------------------------------------------ the table */

typedef void (*opt_visit)(const struct np_opt *o, void *ctx);

static void each_opt(opt_visit fn, void *ctx)
{
	const struct np_opt *tables[3] = {np_program->opts,
	                                  (np_program->flags & NP_STREAM_OPTS) ? stream_opts : NULL,
	                                  common_opts};
	for (int t = 0; t < 3; t++)
		for (const struct np_opt *o = tables[t]; o && o->name; o++)
			fn(o, ctx);
}

static int is_short(int key)
{
	return key > 0 && key < NP_OPT_LONG;
}

static void print_help_line(const struct np_opt *o, void *ctx)
{
	FILE *fp = ctx;
	char left[64];
	if (is_short(o->key))
		snprintf(left, sizeof left, "-%c, --%s%s%s", o->key, o->name, o->arg ? " " : "",
		         o->arg ? o->arg : "");
	else
		snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
		         o->arg ? o->arg : "");
	fprintf(fp, "  %-28s", left);
	if (strlen(left) >= 28) /* no room left for a space */
		fprintf(fp, "\n  %-28s", "");
	for (const char *h = o->help; *h; h++) {
		fputc(*h, fp);
		if (*h == '\n')
			fprintf(fp, "  %-28s", "");
	}
	fputc('\n', fp);
}

static void roff_escape(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", fp);
		else if (*s == '-')
			fputs("\\-", fp);
		else if (*s == '\n')
			fputs("\n.br\n", fp);
		else if (*s == '.' && s[-1] == '\n')
			fputs("\\&.", fp);
		else
			fputc(*s, fp);
	}
}

static void print_roff_line(const struct np_opt *o, void *ctx)
{
	FILE *fp = ctx;
	fputs(".TP\n", fp);
	if (is_short(o->key))
		fprintf(fp, "\\fB\\-%c\\fR, ", o->key);
	fputs("\\fB\\-\\-", fp);
	roff_escape(fp, o->name);
	fputs("\\fR", fp);
	if (o->arg) {
		fputs(" \\fI", fp);
		roff_escape(fp, o->arg);
		fputs("\\fR", fp);
	}
	fputc('\n', fp);
	roff_escape(fp, o->help);
	fputc('\n', fp);
}

static void print_help(void)
{
	printf("Usage: %s %s\n", np_program->name, np_program->synopsis);
	printf("%s\n\nOptions:\n", np_program->summary);
	each_opt(print_help_line, stdout);
	printf("\nExit status: 0 all records fine, 1 a data error (reported on stderr),\n"
	       "2 a usage error.  See %s(1).\n",
	       np_program->name);
	np_close_stdout();
	exit(np_status);
}

/* --help-roff: the SYNOPSIS and OPTIONS text for the man page build. */
static void print_help_roff(void)
{
	printf("@SYNOPSIS@\n\\fB");
	roff_escape(stdout, np_program->name);
	printf("\\fR ");
	roff_escape(stdout, np_program->synopsis);
	printf("\n@OPTIONS@\n");
	each_opt(print_roff_line, stdout);
	np_close_stdout();
	exit(np_status);
}

/* ------------------------------------------------------------ getopt */

struct build_ctx {
	struct option *longs;
	size_t n;
	struct strbuf shorts;
};

static void add_opt(const struct np_opt *o, void *vctx)
{
	struct build_ctx *c = vctx;
	c->longs[c->n].name = o->name;
	c->longs[c->n].has_arg = o->arg ? required_argument : no_argument;
	c->longs[c->n].flag = NULL;
	c->longs[c->n].val = o->key;
	c->n++;
	if (is_short(o->key)) {
		sb_addch(&c->shorts, o->key);
		if (o->arg)
			sb_addch(&c->shorts, ':');
	}
}

static void count_opt(const struct np_opt *o, void *ctx)
{
	(void)o;
	(*(size_t *)ctx)++;
}

int np_getopt(int argc, char **argv, const char **arg)
{
	static struct option *longs;
	static struct strbuf shorts = STRBUF_INIT;
	if (!longs) {
		size_t n = 2; /* + --help-roff + terminator */
		each_opt(count_opt, &n);
		struct build_ctx c = {xcalloc(n, sizeof *longs), 0, STRBUF_INIT};
		sb_addstr(&c.shorts, "+:"); /* stop at the first operand; ':' for missing args */
		each_opt(add_opt, &c);
		c.longs[c.n].name = "help-roff";
		c.longs[c.n].val = OPT_HELP_ROFF;
		longs = c.longs;
		shorts = c.shorts;
	}
	for (;;) {
		int prev = optind;
		int c = getopt_long(argc, argv, shorts.buf, longs, NULL);
		np_optind = optind;
		*arg = optarg;
		switch (c) {
		case -1:
			free(longs);
			longs = NULL;
			sb_release(&shorts);
			return -1;
		case OPT_HELP: print_help(); break;
		case OPT_HELP_ROFF: print_help_roff(); break;
		case OPT_VERSION:
			printf("%s (newspipe) %s\n", np_program->name, NP_VERSION);
			np_close_stdout();
			exit(np_status);
		case OPT_MAX_RECORD: {
			long long v = np_parse_size(optarg);
			if (v <= 0)
				np_usage_error("--max-record: not a size: '%s'", optarg);
			np_max_record = (size_t)v;
			continue;
		}
		case OPT_COLUMNS: np_columns = optarg; continue;
		case OPT_NO_HEADER: np_no_header = 1; continue;
		case ':': np_usage_error("option '%s' needs an argument", argv[prev]);
		case '?':
			if (optopt && is_short(optopt))
				np_usage_error("unknown option '-%c'", optopt);
			np_usage_error("unknown option '%s'", argv[optind - 1]);
		default: return c;
		}
	}
}

/* ------------------------------------------------------------ parsing */

long long np_parse_size(const char *s)
{
	if (!s || !*s)
		return -1;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (errno || end == s || v < 0 || isnan(v))
		return -1;
	double mult = 1;
	switch (*end) {
	case 'k':
	case 'K':
		mult = 1024.0;
		end++;
		break;
	case 'm':
	case 'M':
		mult = 1024.0 * 1024;
		end++;
		break;
	case 'g':
	case 'G':
		mult = 1024.0 * 1024 * 1024;
		end++;
		break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end)
		return -1;
	v *= mult;
	if (v > (double)LLONG_MAX / 2)
		return -1;
	return (long long)v;
}

double np_parse_seconds(const char *s)
{
	if (!s || !*s)
		return -1;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (errno || *end || end == s || v < 0 || isnan(v) || isinf(v))
		return -1;
	return v;
}

long np_parse_long_opt(const char *opt, const char *s, long min, long max)
{
	errno = 0;
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || errno || end == s || *end || v < min || v > max)
		np_usage_error("%s: expected a whole number from %ld to %ld, got '%s'", opt, min,
		               max, s ? s : "");
	return v;
}

/* ------------------------------------------------------------ files */

static int readable(const char *p)
{
	return access(p, R_OK) == 0;
}

static char *try_dir(const char *dir, const char *sub, const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s%s/%s", dir, sub, rel);
	if (readable(sb.buf))
		return sb_detach(&sb, NULL);
	sb_release(&sb);
	return NULL;
}

char *np_find_file(const char *rel)
{
	char *p;
	const char *home = getenv("NEWSPIPE_HOME");
	if (home && *home) {
		if ((p = try_dir(home, "", rel)) || (p = try_dir(home, "/build", rel)))
			return p;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0'; /* exe = the program's directory */
		/* In the source tree: bin/.. or build-san/bin/../.. */
		static const char *const up[] = {"/..", "/../..", "/../share/newspipe"};
		for (size_t i = 0; i < sizeof up / sizeof *up; i++) {
			struct strbuf d = STRBUF_INIT;
			sb_addf(&d, "%s%s", exe, up[i]);
			p = try_dir(d.buf, "", rel);
			if (!p && i < 2)
				p = try_dir(d.buf, "/build", rel);
			sb_release(&d);
			if (p)
				return p;
		}
	}
	return try_dir(NP_DATADIR, "", rel);
}

/* ------------------------------------------------------------ exit */

void np_close_stdout(void)
{
	int bad = ferror(stdout);
	if (fclose(stdout) != 0 || bad) {
		if (errno == EPIPE)
			return;
		np_error("write error: %s", strerror(errno ? errno : EIO));
	}
}

int np_exit(void)
{
	np_close_stdout();
	return np_status;
}
