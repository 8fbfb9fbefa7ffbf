/*
 * run_files: the file handling news-run's crash safety rests on.
 *
 * A run never writes a file that readers see.  It builds the new day
 * file and the new state database in its work directory (on the same
 * file system as the output), makes them durable (fsync), then commits:
 *
 *   1. it writes a journal naming each (new file, final name) pair, to a
 *      temporary name, fsyncs it and renames it to WORK/commit (fsync of
 *      the directory): from this moment the run is committed;
 *   2. it renames each new file over its final name (rename is atomic)
 *      and fsyncs the output directory;
 *   3. it removes the journal.
 *
 * If the run is killed before 1, the journal does not exist and the old
 * files are untouched: the next run throws the work directory away.  If
 * it is killed after 1, the next run replays the journal first
 * (run_recover): renames whose new file is still there are done again,
 * and done ones are skipped, so the output and the state always move
 * together: nothing fetched is lost, nothing is written twice.
 */
#ifndef NEWSPIPE_RUN_FILES_H
#define NEWSPIPE_RUN_FILES_H

#include <stddef.h>

/* fsync a file or directory by path: 0, or -1 with errno set. */
int run_fsync_path(const char *path);

/* Copy src to dst (created or truncated), fsync'd: 0, or -1 (errno). */
int run_copy_file(const char *src, const char *dst);

/* Append src's bytes from offset `from` to the end onto dst: 0 or -1. */
int run_append_file(const char *src, long long from, const char *dst);

/* The first line of a file (without LF) into a malloc'd string, NULL on
 * error or an empty file; *end_of_line is the offset past its LF. */
char *run_first_line(const char *path, long long *end_of_line);

/* Records (lines after the header) in a file; -1 on error. */
long run_count_records(const char *path);

/* Commit pairs[i][0] -> pairs[i][1] (n pairs) as described above, using
 * the journal `journal` (in the work directory) and fsyncing `dir` (the
 * output directory).  0, or -1 with a message written to *why. */
int run_commit(const char *journal, const char *dir, const char *const (*pairs)[2], size_t n,
               const char **why);

/* Replay a journal left by a run killed while committing: 1 replayed,
 * 0 there was none, -1 failed (errno). */
int run_recover(const char *journal, const char *dir);

/* Remove the files in directory `dir` except `keep` (may be NULL);
 * the directory itself stays.  Not recursive. */
void run_clean_dir(const char *dir, const char *keep);

#endif
