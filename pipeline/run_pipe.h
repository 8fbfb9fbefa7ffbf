/*
 * run_pipe: run a pipeline of programs, as a shell would run
 * `a | b | c < in > out 2>> err`, without a shell: no quoting to get
 * wrong, and the exit status of every stage is known.
 *
 * Each stage is started with PR_SET_PDEATHSIG, so if news-run itself is
 * killed (SIGKILL included) its stages die with it instead of writing on
 * into files nobody will commit.  With a timeout, the stages still
 * running when it expires are sent SIGTERM, then SIGKILL two seconds
 * later.
 */
#ifndef NEWSPIPE_RUN_PIPE_H
#define NEWSPIPE_RUN_PIPE_H

#include <sys/types.h>

struct run_stage {
	char **argv; /* argv[0] is the program's path; NULL-terminated */
	pid_t pid;
	int status; /* from waitpid */
};

/*
 * Run the n stages connected by pipes, the first reading in_fd, the last
 * writing out_fd, all writing their diagnostics to err_fd.  Waits for all.
 * Returns 0 when every stage ran (whatever its exit status, see
 * st[i].status), -1 when one could not be started (errno), -2 on timeout.
 */
int run_pipeline(struct run_stage *st, int n, int in_fd, int out_fd, int err_fd,
                 unsigned timeout_seconds);

/* "exit 3", "killed by signal 9": a stage's end, for messages. */
const char *run_describe_status(int status, char buf[48]);

#endif
