/*
 * news-warc: web archives (WARC 1.0/1.1, plain or gzip) into the record
 * stream, one row per response (or resource) record, with the columns a
 * fetch gives, so archived pages enter the pipeline like fetched ones.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "stage.h"
#include "warc.h"
#include "warc_read.h"

static const struct np_opt opts[] = {
        {0},
};

static const struct np_prog prog = {
        "news-warc",
        "[OPTION]... [FILE]...",
        "Read WARC files (WARC/1.0 or WARC/1.1, plain or gzip-compressed, as Common Crawl's\n"
        "CC-NEWS writes them) and write one record per HTTP response: url, fetched_at,\n"
        "http_status, content_type, body (chunked transfer and gzip/deflate content\n"
        "encodings undone, converted to UTF-8) and warc_record_id.  With no FILE, or\n"
        "when FILE is -, read standard input.",
        opts,
        NP_STREAM_OPTS,
};

static const char *const columns[] = {"url",  "fetched_at",     "http_status", "content_type",
                                      "body", "warc_record_id", NULL};

static struct np_str span(struct warc_span v)
{
	return (struct np_str){v.s, v.len};
}

static void write_header(void)
{
	struct np_str f[6];
	for (int i = 0; i < 6; i++)
		f[i] = (struct np_str){columns[i], strlen(columns[i])};
	tsv_write_fields(stdout, f, 6);
}

/* WARC 1.1 dates may carry fractions of a second; the stream's
 * fetched_at has whole seconds ("2026-11-28T07:40:00Z"). */
static struct np_str whole_seconds(struct warc_span d, char buf[24])
{
	if (d.len > 21 && d.len < 40 && d.s[19] == '.' && d.s[d.len - 1] == 'Z') {
		memcpy(buf, d.s, 19);
		buf[19] = 'Z';
		buf[20] = '\0';
		return (struct np_str){buf, 20};
	}
	return span(d);
}

static void write_record(const struct warc_record *rec)
{
	char status[16] = "", date[24];
	if (rec->http_status)
		snprintf(status, sizeof status, "%d", rec->http_status);
	struct np_str f[6] = {
	        span(rec->target_uri),   whole_seconds(rec->date, date), {status, strlen(status)},
	        span(rec->content_type), {rec->body.buf, rec->body.len}, span(rec->record_id),
	};
	tsv_write_fields(stdout, f, 6);
}

/* Read one file; counts go to *records. */
static void read_file(const char *path, unsigned long *records)
{
	struct warc_reader r;
	struct warc_record rec;
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	int kind, n;

	if (warc_reader_open(&r, path, np_max_record) < 0) {
		np_error("%s: %s", path, strerror(errno));
		return;
	}
	memset(&rec, 0, sizeof rec);
	sb_init(&rec.body, np_max_record);
	while ((n = warc_reader_next(&r, &rec, &kind)) != 0) {
		if (n < 0) {
			np_error("%s: offset %llu: %s", name, r.record_offset, r.problem);
			continue;
		}
		if (kind != 1)
			continue;
		if (rec.problem)
			np_warn("%s: offset %llu: %.*s: %s", name, r.record_offset,
			        (int)rec.target_uri.len, rec.target_uri.s, rec.problem);
		write_record(&rec);
		++*records;
	}
	if (warc_reader_error(&r))
		np_error("%s: read error", name);
	sb_release(&rec.body);
	warc_reader_close(&r);
}

int main(int argc, char **argv)
{
	const char *arg;
	unsigned long records = 0;

	np_init(&prog, argc, argv);
	while (np_getopt(argc, argv, &arg) != -1)
		;
	if (np_columns)
		np_usage_error("--columns: WARC input has no columns to name");
	if (!np_no_header)
		write_header();
	if (np_optind >= argc)
		read_file("-", &records);
	for (int i = np_optind; i < argc; i++)
		read_file(argv[i], &records);
	return np_exit();
}
