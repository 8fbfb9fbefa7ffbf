/*
 * run_pipe: a pipeline of programs without a shell (see run_pipe.h).
 */
#include "run_pipe.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_STAGES 16

static volatile sig_atomic_t timed_out;
static pid_t running[MAX_STAGES];
static int n_running;

static void on_alarm(int sig)
{
	(void)sig;
	/* First TERM, then, if they linger, KILL. */
	int s = timed_out ? SIGKILL : SIGTERM;
	timed_out = 1;
	for (int i = 0; i < n_running; i++)
		if (running[i] > 0)
			kill(running[i], s);
	alarm(2);
}

/* In the child: set up fds and exec; never returns. */
static void exec_stage(char **argv, int in, int out, int err, pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent) /* the parent died before prctl */
		_exit(127);
	signal(SIGALRM, SIG_DFL);
	if ((in != 0 && dup2(in, 0) < 0) || (out != 1 && dup2(out, 1) < 0) ||
	    (err != 2 && dup2(err, 2) < 0))
		_exit(127);
	execv(argv[0], argv);
	dprintf(2, "news-run: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

int run_pipeline(struct run_stage *st, int n, int in_fd, int out_fd, int err_fd,
                 unsigned timeout_seconds)
{
	int in = in_fd, result = 0;
	pid_t self = getpid();

	if (n > MAX_STAGES)
		n = MAX_STAGES;
	n_running = 0;
	timed_out = 0;
	for (int i = 0; i < n; i++) {
		int p[2] = {-1, -1};
		int out = out_fd;
		if (i < n - 1) {
			if (pipe2(p, O_CLOEXEC) < 0) {
				result = -1;
				break;
			}
			out = p[1];
		}
		pid_t pid = fork();
		if (pid == 0)
			exec_stage(st[i].argv, in, out, err_fd, self);
		if (pid < 0) {
			result = -1;
			if (p[0] >= 0)
				close(p[0]), close(p[1]);
			break;
		}
		st[i].pid = pid;
		running[n_running++] = pid;
		if (in != in_fd)
			close(in);
		if (i < n - 1) {
			close(p[1]);
			in = p[0];
		}
	}
	if (in != in_fd && result < 0)
		close(in);

	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, &old);
	if (timeout_seconds)
		alarm(timeout_seconds);
	for (int i = 0; i < n_running; i++) {
		while (waitpid(st[i].pid, &st[i].status, 0) < 0 && errno == EINTR)
			;
		running[i] = 0;
	}
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	if (result == 0 && timed_out)
		result = -2;
	return result;
}

const char *run_describe_status(int status, char buf[48])
{
	if (WIFEXITED(status))
		snprintf(buf, 48, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, 48, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, 48, "status %d", status);
	return buf;
}
