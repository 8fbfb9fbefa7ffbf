/*
 * run_files: durable files and the commit journal for news-run (see
 * run_files.h).
 */
#include "run_files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

int run_fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	int err = errno;
	close(fd);
	errno = err;
	return r;
}

static int copy_fd(int in, int out)
{
	char buf[1 << 16];
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return -1;
			off += w;
		}
	}
}

static int copy_range(const char *src, long long from, const char *dst, int flags)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0644);
	if (out < 0) {
		int err = errno;
		close(in);
		errno = err;
		return -1;
	}
	int r = 0;
	if (from > 0 && lseek(in, (off_t)from, SEEK_SET) < 0)
		r = -1;
	if (r == 0)
		r = copy_fd(in, out);
	if (r == 0)
		r = fsync(out);
	int err = errno;
	close(in);
	if (close(out) < 0 && r == 0)
		r = -1, err = errno;
	errno = err;
	return r;
}

int run_copy_file(const char *src, const char *dst)
{
	return copy_range(src, 0, dst, O_TRUNC);
}

int run_append_file(const char *src, long long from, const char *dst)
{
	return copy_range(src, from, dst, O_APPEND);
}

char *run_first_line(const char *path, long long *end_of_line)
{
	FILE *fp = fopen(path, "re");
	if (!fp)
		return NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, fp);
	fclose(fp);
	if (n <= 0) {
		free(line);
		return NULL;
	}
	*end_of_line = n;
	if (line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

long run_count_records(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char buf[1 << 16];
	long lines = 0;
	ssize_t n;
	int last = '\n';
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
		last = buf[n - 1];
	}
	close(fd);
	if (n < 0)
		return -1;
	lines += last != '\n'; /* a last line without LF */
	return lines > 0 ? lines - 1 : 0;
}

/* Write the journal: "NEW\tFINAL\n" per pair, durable, under its name. */
static int write_journal(const char *journal, const char *const (*pairs)[2], size_t n)
{
	struct strbuf tmp = STRBUF_INIT, body = STRBUF_INIT;
	sb_addf(&tmp, "%s.tmp", journal);
	for (size_t i = 0; i < n; i++)
		sb_addf(&body, "%s\t%s\n", pairs[i][0], pairs[i][1]);
	int r = -1, fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0) {
		r = write(fd, body.buf, body.len) == (ssize_t)body.len && fsync(fd) == 0 ? 0 : -1;
		if (close(fd) < 0)
			r = -1;
	}
	if (r == 0)
		r = rename(tmp.buf, journal);
	sb_release(&tmp);
	sb_release(&body);
	return r;
}

/* The directory part of a path, for fsync after a rename in it. */
static int fsync_parent(const char *path)
{
	struct strbuf d = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	if (slash)
		sb_add(&d, path, slash == path ? 1 : (size_t)(slash - path));
	else
		sb_addstr(&d, ".");
	int r = run_fsync_path(d.buf);
	sb_release(&d);
	return r;
}

static int apply_journal(const char *journal, const char *dir)
{
	FILE *fp = fopen(journal, "re");
	if (!fp)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int r = 0;
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		/* Done already when the new file is gone. */
		if (access(line, F_OK) == 0 && rename(line, tab + 1) < 0)
			r = -1;
	}
	free(line);
	fclose(fp);
	if (r == 0 && run_fsync_path(dir) < 0)
		r = -1;
	if (r == 0 && unlink(journal) < 0)
		r = -1;
	if (r == 0)
		fsync_parent(journal);
	return r;
}

int run_commit(const char *journal, const char *dir, const char *const (*pairs)[2], size_t n,
               const char **why)
{
	if (write_journal(journal, pairs, n) < 0 || fsync_parent(journal) < 0) {
		*why = "cannot write the commit journal";
		return -1;
	}
	if (apply_journal(journal, dir) < 0) {
		*why = "cannot rename the new files into place";
		return -1;
	}
	return 0;
}

int run_recover(const char *journal, const char *dir)
{
	if (access(journal, F_OK) < 0)
		return 0;
	return apply_journal(journal, dir) < 0 ? -1 : 1;
}

void run_clean_dir(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	struct strbuf p = STRBUF_INIT;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (keep && strcmp(e->d_name, keep) == 0)
			continue;
		sb_reset(&p);
		sb_addf(&p, "%s/%s", dir, e->d_name);
		unlink(p.buf);
	}
	sb_release(&p);
	closedir(d);
}
