/*
 * gazload: gazetteer and rule files from disk (gazload.h).
 */
#include "gazload.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

char *gazload_read(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	for (;;) {
		if (sb_grow(&sb, 65536) < 0) {
			errno = EFBIG;
			break;
		}
		ssize_t n = read(fd, sb.buf + sb.len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0) {
				close(fd);
				*len = sb.len;
				if (!sb.alloc)
					return xstrdup("");
				return sb_detach(&sb, NULL);
			}
			break;
		}
		sb.len += (size_t)n; /* room made by sb_grow above */
		sb.buf[sb.len] = '\0';
	}
	int e = errno;
	close(fd);
	sb_release(&sb);
	errno = e;
	return NULL;
}

static void report(void *ctx, const char *source, unsigned long line, const char *msg)
{
	(void)ctx;
	np_error("%s:%lu: %s", source, line, msg);
}

/* 1 if the header line names the gazetteer's required columns. */
static int is_gazetteer(const char *buf, size_t len)
{
	static const char *const need[] = {"id", "type", "name", "aliases"};
	const char *nl = memchr(buf, '\n', len);
	size_t hl = nl ? (size_t)(nl - buf) : len;
	int found = 0;
	for (size_t k = 0; k < 4; k++) {
		size_t n = strlen(need[k]);
		for (size_t i = 0; i + n <= hl; i++)
			if ((i == 0 || buf[i - 1] == '\t') && memcmp(buf + i, need[k], n) == 0 &&
			    (i + n == hl || buf[i + n] == '\t' || buf[i + n] == '\r')) {
				found++;
				break;
			}
	}
	return found == 4;
}

/*
 * A gazetteer file is mapped, not read: MAP_POPULATE faults its pages in
 * with one call, where reading into a growing buffer would fault and copy
 * them one by one (start-up time on a virtual machine is mostly that).
 */
static int load_file(struct gazetteer *gz, const char *path, int quiet_if_other)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		np_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t len = 0;
	char *buf = NULL;
	void *map = MAP_FAILED;
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		len = (size_t)st.st_size;
		map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	}
	close(fd);
	if (map != MAP_FAILED) {
		buf = map;
	} else {
		buf = gazload_read(path, &len);
		if (!buf) {
			np_error("%s: %s", path, strerror(errno));
			return -1;
		}
	}
	int ok = 1;
	if (quiet_if_other && !is_gazetteer(buf, len)) {
		ok = 0;
	} else {
		if (gz_load_tsv(gz, buf, len, path, report, NULL) < 0)
			ok = -1;
	}
	if (map != MAP_FAILED)
		munmap(map, len);
	else
		free(buf);
	return ok;
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_path(struct gazetteer *gz, const char *path, size_t extra_bytes)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		np_error("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(gz, path, 0) > 0;
	DIR *d = opendir(path);
	if (!d) {
		np_error("%s: %s", path, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".tsv"))
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	/* Size the alias trie once for all the files (about one edge per 32
	 * bytes of gazetteer): growing it file by file would rehash, and
	 * touch, the table again each time. */
	size_t bytes = extra_bytes;
	for (size_t i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		struct stat fst;
		sb_addf(&p, "%s/%s", path, names[i]);
		if (stat(p.buf, &fst) == 0 && S_ISREG(fst.st_mode))
			bytes += (size_t)fst.st_size;
		sb_release(&p);
	}
	gz_reserve(gz, bytes);
	int loaded = 0;
	for (size_t i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		sb_addf(&p, "%s/%s", path, names[i]);
		if (load_file(gz, p.buf, 1) > 0)
			loaded++;
		sb_release(&p);
		free(names[i]);
	}
	free(names);
	return loaded;
}

int gazload_path(struct gazetteer *gz, const char *path)
{
	return load_path(gz, path, 0);
}

int gazload_default(struct gazetteer *gz)
{
	int loaded = 0;
	char *dir = np_find_file("data");
	char *countries = np_find_file("data/countries.tsv");
	struct stat cst;
	size_t extra = countries && stat(countries, &cst) == 0 ? (size_t)cst.st_size : 0;
	free(countries);
	if (dir) {
		int n = load_path(gz, dir, extra);
		loaded += n > 0 ? n : 0;
		/* countries.tsv is generated into build/data/ */
		struct strbuf own = STRBUF_INIT;
		sb_addf(&own, "%s/countries.tsv", dir);
		int have = access(own.buf, R_OK) == 0;
		sb_release(&own);
		free(dir);
		if (have)
			return loaded;
	}
	countries = np_find_file("data/countries.tsv");
	if (countries) {
		if (load_file(gz, countries, 0) > 0)
			loaded++;
		free(countries);
	}
	return loaded;
}

static int load_config(struct ent_extractor *x, const char *path, const char *rel, int words)
{
	char *found = NULL;
	if (!path) {
		found = np_find_file(rel);
		if (!found) {
			np_error("%s: not found (set NEWSPIPE_HOME?)", rel);
			return -1;
		}
		path = found;
	}
	size_t len;
	char *buf = gazload_read(path, &len);
	int rc = 0;
	if (!buf) {
		np_error("%s: %s", path, strerror(errno));
		rc = -1;
	} else {
		long n = words ? ent_load_words(x, buf, len, path, report, NULL)
		               : ent_load_patterns(x, buf, len, path, report, NULL);
		rc = n < 0 ? -1 : 0;
	}
	free(buf);
	free(found);
	return rc;
}

int gazload_patterns(struct ent_extractor *x, const char *path)
{
	return load_config(x, path, "config/patterns.tsv", 0);
}

int gazload_words(struct ent_extractor *x, const char *path)
{
	return load_config(x, path, "config/entity-words.tsv", 1);
}
