/*
 * gazload: read the gazetteer and the entity rules from files.
 *
 * The extractors take buffers and do no I/O; this is the file side for
 * news-extract (and for tests and benchmarks that want the real data).
 *
 * Default gazetteer: every *.tsv file directly in the data directory
 * (found with np_find_file("data")), in name order, plus the generated
 * build/data/countries.tsv (np_find_file("data/countries.tsv")).  A
 * .tsv file whose header lacks the gazetteer columns (id type name
 * aliases) is not a gazetteer and is skipped without a word.
 *
 * Problems in a file (a bad row) are reported as "news-x: FILE:LINE: what"
 * with np_error (the run exits 1), and the rest is loaded.
 */
#ifndef NEWSPIPE_GAZLOAD_H
#define NEWSPIPE_GAZLOAD_H

#include "entities.h"
#include "gazetteer.h"

/*
 * Load `path`: a directory (every *.tsv in it) or one file.  Returns the
 * number of files loaded, -1 if path cannot be read (reported).
 */
int gazload_path(struct gazetteer *gz, const char *path);

/* The default set (see above).  Returns the number of files loaded. */
int gazload_default(struct gazetteer *gz);

/*
 * Read a whole file into a malloc'd buffer (*len bytes, NUL-terminated).
 * NULL with errno set on failure.
 */
char *gazload_read(const char *path, size_t *len);

/* Load rule patterns / word lists from `path` (NULL: the default
 * config/patterns.tsv / config/entity-words.tsv).  -1 when unreadable. */
int gazload_patterns(struct ent_extractor *x, const char *path);
int gazload_words(struct ent_extractor *x, const char *path);

#endif
