/*
 * fcgi_hello.c: a bare libfcgi responder for the benchmark's ceiling: N
 * prefork processes on one unix socket answer "hello" with no routing, no
 * database and no JSON. It measures the nginx -> FastCGI hop alone; it is
 * not part of phananh (bench/run.sh starts it beside phananh-fcgi).
 *
 *   fcgi-hello SOCKET [PROCESSES]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

#define MAX_PROCS	256

static volatile sig_atomic_t	stop;

static void	on_term(int);
static int	serve(int);
static int	parse_procs(const char *, int *);

int
main(int argc, char **argv)
{
	struct sigaction	sa;
	pid_t			kids[MAX_PROCS];
	int			fd, n = 8, i;

	if (argc < 2 || argc > 3 || (argc == 3 && parse_procs(argv[2], &n) == -1)) {
		fprintf(stderr, "usage: fcgi-hello SOCKET [PROCESSES]\n");
		return 2;
	}
	if (FCGX_Init() != 0)
		return 1;
	unlink(argv[1]);
	fd = FCGX_OpenSocket(argv[1], 1024);
	if (fd < 0 || chmod(argv[1], 0666) == -1) {
		fprintf(stderr, "fcgi-hello: cannot listen on %s\n", argv[1]);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;		/* no SA_RESTART: accept returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			return serve(fd);
		if (kids[i] == -1)
			return 1;
	}
	while (!stop)
		pause();
	for (i = 0; i < n; i++)
		kill(kids[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	unlink(argv[1]);
	return 0;
}

static int
serve(int fd)
{
	static const char	reply[] = "Status: 200 OK\r\n"
	    "Content-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n";
	FCGX_Request		fr;

	if (FCGX_InitRequest(&fr, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	while (!stop && FCGX_Accept_r(&fr) >= 0) {
		FCGX_PutStr(reply, (int)sizeof(reply) - 1, fr.out);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	return 0;
}

static int
parse_procs(const char *s, int *n)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > MAX_PROCS)
		return -1;
	*n = (int)v;
	return 0;
}

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}
