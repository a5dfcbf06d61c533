/*
 * measure: run a command and write its wall time and peak resident memory,
 * for `make bench` where GNU time is not installed. POSIX sh has no clock
 * finer than a second and no portable way to read a child's ru_maxrss.
 *
 * usage: measure <out-file> <command> [<arg>...]
 * writes "<wall seconds> <user + system CPU seconds> <peak RSS in KiB>\n"
 * to out-file and exits with the command's status (128 + signal when it
 * was killed).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int exit_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static int report(const char *path, double secs, const struct rusage *ru)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "measure: cannot write '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	/* Linux reports ru_maxrss in KiB. */
	fprintf(f, "%.3f %.3f %ld\n", secs,
		seconds(ru->ru_utime) + seconds(ru->ru_stime), ru->ru_maxrss);
	if (fclose(f) != 0) {
		fprintf(stderr, "measure: cannot write '%s'\n", path);
		return -1;
	}
	return 0;
}

/* Start argv[0] with argv; -1 when fork fails. */
static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "measure: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "measure: cannot run '%s': %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	double t0;
	pid_t pid;
	int status;

	if (argc < 3) {
		fputs("usage: measure <out-file> <command> [<arg>...]\n",
		      stderr);
		return 2;
	}
	t0 = now_s();
	if ((pid = start(argv + 2)) < 0)
		return 1;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "measure: wait4: %s\n",
				strerror(errno));
			return 1;
		}
	}
	if (report(argv[1], now_s() - t0, &ru) < 0)
		return 1;
	return exit_status(status);
}
