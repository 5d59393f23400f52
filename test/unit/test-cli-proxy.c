/*
 * test-cli-proxy.c - inner hops and ProxyCommand (cli-proxy.c): the exact
 * argv for 2 and 3 hops (IPv6 included, -yy and -i passed on, the applet
 * chosen by argv[0] or argv[1]), ProxyCommand expansion and its quoting,
 * and children on a socketpair: /bin/cat echoes bytes and is reaped, and
 * a shell-run `printf '%s\n' %h` gets the host as one word, while a host
 * with shell characters never gets past cli_parse_dest.
 */
#include "options.h"

#if SHREW_CLIENT

#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "common-err.h"
#include "cli-opts.h"
#include "cli-proxy.h"

#define MAXARGS 40

static struct cli_opts o;
static char err[200];
static char *av[64];
static char buf[8192];

static int parse(const char **words)
{
	static char *argv[MAXARGS];
	int argc = 0;

	cli_opts_free(&o);
	cli_opts_init(&o);
	argv[argc++] = (char *)"shrew";
	while (*words && argc < MAXARGS - 1)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	if (cli_opts_parse(&o, argc, argv, err, sizeof(err)) != 0 ||
	    cli_opts_finish(&o, "/home/me", "me", err, sizeof(err)) != 0) {
		fprintf(stderr, "    parse: %s\n", err);
		return -1;
	}
	return 0;
}

#define PARSE(...) parse((const char *[]){__VA_ARGS__, NULL})

/* argv equals the NULL-terminated want list. */
static int argv_is(char **got, const char **want)
{
	size_t i;

	for (i = 0; want[i] && got[i]; i++)
		if (strcmp(want[i], got[i]) != 0)
			break;
	if (want[i] || got[i]) {
		fprintf(stderr, "    argv differs at %zu: got '%s', want '%s'\n    got:", i,
		        got[i] ? got[i] : "(end)", want[i] ? want[i] : "(end)");
		for (i = 0; got[i]; i++)
			fprintf(stderr, " [%s]", got[i]);
		fprintf(stderr, "\n");
		return 0;
	}
	return 1;
}

#define ARGV_IS(...) argv_is(av, (const char *[]){__VA_ARGS__, NULL})

static int hop_argv(const char *self)
{
	memset(av, 0, sizeof(av));
	return cli_proxy_hop_argv(&o, self, av, sizeof(av) / sizeof(av[0]), buf, sizeof(buf));
}

TEST(two_hops_plain)
{
	CHECK(PARSE("jump,dest") == 0);
	CHECK(hop_argv("/usr/bin/shrew") == E_OK);
	CHECK(ARGV_IS("/usr/bin/shrew", "-B", "dest:22", "--", "me@jump/22"));
	/* a self whose name picks no applet: the applet goes in argv[1] */
	CHECK(hop_argv("/proc/self/exe") == E_OK);
	CHECK(ARGV_IS("/proc/self/exe", "shrew", "-B", "dest:22", "--", "me@jump/22"));
	CHECK(hop_argv("dbclient") == E_OK && strcmp(av[0], "dbclient") == 0 &&
	      strcmp(av[1], "-B") == 0);
	CHECK(hop_argv("/bin/scp") == E_ARG);
	CHECK(hop_argv("/sbin/dropbear") == E_ARG);
}

TEST(two_hops_defaults_stay_with_the_destination)
{
	/* -l / -p are the destination's; the jump host gets its own */
	CHECK(PARSE("-l", "bob", "-p", "2222", "-J", "jump", "dest") == 0);
	CHECK(hop_argv("/usr/bin/shrew") == E_OK);
	CHECK(ARGV_IS("/usr/bin/shrew", "-B", "dest:2222", "--", "me@jump/22"));
}

TEST(two_hops_ipv6_yy_and_identities)
{
	CHECK(PARSE("-yy", "-i", "~/.ssh/work", "-i", "/k2", "-q",
	            "alice@[2001:db8::1]/2200,[::1]") == 0);
	CHECK(hop_argv("/usr/bin/shrew") == E_OK);
	CHECK(ARGV_IS("/usr/bin/shrew", "-i", "/home/me/.ssh/work", "-i", "/k2", "-o",
	              "StrictHostKeyChecking=no", "-q", "-B", "[::1]:22", "--",
	              "alice@[2001:db8::1]/2200"));
}

TEST(three_hops_everything_passed_on)
{
	CHECK(PARSE("-y", "-o", "UserKnownHostsFile=~/kh", "-o", "BatchMode=yes", "-vv", "-o",
	            "ConnectTimeout=5", "-K", "30", "-c", "chacha20-poly1305@openssh.com", "-o",
	            "KexAlgorithms=curve25519-sha256", "-6", "-o", "PasswordAuthentication=no",
	            "-W", "65536", "-z", "a,bob@b/2022,c.example^2222") == 0);
	CHECK(hop_argv("/usr/bin/shrew") == E_OK);
	CHECK(ARGV_IS("/usr/bin/shrew", "-o", "BatchMode=yes", "-o", "PasswordAuthentication=no",
	              "-o", "StrictHostKeyChecking=accept-new", "-o",
	              "UserKnownHostsFile=/home/me/kh", "-v", "-v", "-o", "ConnectTimeout=5", "-o",
	              "ServerAliveInterval=30", "-c", "chacha20-poly1305@openssh.com", "-o",
	              "KexAlgorithms=curve25519-sha256", "-6", "-z", "-W65536", "-B",
	              "c.example:2222", "--", "me@a/22,bob@b/2022"));
}

TEST(three_hops_ipv6_and_proxy_command)
{
	CHECK(PARSE("-J", "[::1]:2201,u@j2", "-o", "ProxyCommand=nc %h %p", "-b", "[::2]:7000",
	            "[fe80::1%eth0]/22") == 0);
	CHECK(hop_argv("/usr/bin/shrew") == E_OK);
	CHECK(ARGV_IS("/usr/bin/shrew", "-b", "[::2]:7000", "-o", "ProxyCommand=nc %h %p", "-B",
	              "[fe80::1%eth0]:22", "--", "me@[::1]/2201,u@j2/22"));
	/* the inner shrew reads back exactly these hops */
	{
		struct cli_opts in;
		char *argv2[64];
		int n;

		for (n = 0; av[n]; n++)
			argv2[n] = av[n];
		argv2[n] = NULL;
		cli_opts_init(&in);
		CHECK(cli_opts_parse(&in, n, argv2, err, sizeof(err)) == 0);
		CHECK(in.n_hops == 2 && strcmp(in.hops[0].host, "::1") == 0 &&
		      in.hops[0].port == 2201 && strcmp(in.hops[0].user, "me") == 0 &&
		      strcmp(in.hops[1].host, "j2") == 0 && strcmp(in.hops[1].user, "u") == 0);
		CHECK(strcmp(in.netcat_host, "fe80::1%eth0") == 0 && in.netcat_port == 22);
		CHECK(in.command == NULL && strcmp(in.proxy_command, "nc %h %p") == 0);
		cli_opts_free(&in);
	}
}

TEST(hop_argv_limits)
{
	CHECK(PARSE("dest") == 0);
	CHECK(hop_argv("/usr/bin/shrew") == E_ARG); /* one hop: nothing to go through */
	CHECK(PARSE("-i", "/k1", "-i", "/k2", "a,b") == 0);
	CHECK(cli_proxy_hop_argv(&o, "/usr/bin/shrew", av, 5, buf, sizeof(buf)) == E_TOOBIG);
	CHECK(cli_proxy_hop_argv(&o, "/usr/bin/shrew", av, 64, buf, 20) == E_TOOBIG);
	CHECK(cli_proxy_hop_argv(&o, "/usr/bin/shrew", av, 10, buf, sizeof(buf)) == E_OK);
	CHECK(av[9] == NULL);
	CHECK(cli_proxy_hop_argv(&o, "/usr/bin/shrew", av, 9, buf, sizeof(buf)) == E_TOOBIG);
}

TEST(expand)
{
	char out[256];

	CHECK(cli_proxy_expand("nc %h %p", "example.org", 2222, "bob", out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "nc 'example.org' '2222'") == 0);
	CHECK(cli_proxy_expand("x %r@%n %% 100%%", "h", 22, "bob", out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "x 'bob'@'h' % 100%") == 0);
	CHECK(cli_proxy_expand("u=%r", "h", 22, "o'brien", out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "u='o'\\''brien'") == 0);
	CHECK(cli_proxy_expand("u=%r.", "h", 22, NULL, out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "u=''.") == 0);
	CHECK(cli_proxy_expand("no percent", "h", 22, "u", out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "no percent") == 0);
	CHECK(cli_proxy_expand("bad %x", "h", 22, "u", out, sizeof(out)) == E_FORMAT);
	CHECK(cli_proxy_expand("trailing %", "h", 22, "u", out, sizeof(out)) == E_FORMAT);
	/* sizes: "'h'" needs 4 bytes with the NUL */
	CHECK(cli_proxy_expand("%h", "h", 22, "u", out, 4) == E_OK && strcmp(out, "'h'") == 0);
	CHECK(cli_proxy_expand("%h", "h", 22, "u", out, 3) == E_TOOBIG);
	CHECK(cli_proxy_expand("abc", "h", 22, "u", out, 4) == E_OK);
	CHECK(cli_proxy_expand("abcd", "h", 22, "u", out, 4) == E_TOOBIG);
	CHECK(cli_proxy_expand("", "h", 22, "u", out, 1) == E_OK && out[0] == '\0');
}

/* Reads until EOF or cap; returns the count. */
static size_t read_all(int fd, char *out, size_t cap)
{
	size_t got = 0;
	ssize_t n;

	while (got < cap && (n = read(fd, out + got, cap - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		got += (size_t)n;
	}
	return got;
}

static int reaped_ok(pid_t pid)
{
	int st = 0;

	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

TEST(spawn_cat_round_trip)
{
	char *argv[] = {(char *)"/bin/cat", NULL};
	char data[3000], back[4000];
	size_t i, got;
	pid_t pid = 0;
	int fd = -1;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7 + 1);
	CHECK(cli_proxy_spawn_argv(argv, &fd, &pid) == E_OK && fd >= 0 && pid > 0);
	if (fd < 0 || pid <= 0)
		return;
	CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
	CHECK(shutdown(fd, SHUT_WR) == 0);
	got = read_all(fd, back, sizeof(back));
	CHECK(got == sizeof(data) && memcmp(back, data, sizeof(data)) == 0);
	close(fd);
	CHECK(reaped_ok(pid));
}

TEST(spawn_missing_program_exits_127)
{
	char *argv[] = {(char *)"/nonexistent/prog", NULL};
	pid_t pid = 0;
	int fd = -1, st = 0;

	CHECK(cli_proxy_spawn_argv(argv, &fd, &pid) == E_OK);
	if (pid <= 0)
		return;
	close(fd);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 127);
}

TEST(spawn_shell_host_is_one_word)
{
	struct cli_dest d;
	char cmd[256], back[256];
	size_t got;
	pid_t pid = 0;
	int fd = -1;

	CHECK(cli_parse_dest("bob@my-host.example/2222", &d, err, sizeof(err)) == 0);
	CHECK(cli_proxy_expand("printf '%%s\\n' %h %p %r", d.host, d.port, d.user, cmd,
	                       sizeof(cmd)) == E_OK);
	CHECK(cli_proxy_spawn_shell(cmd, &fd, &pid) == E_OK);
	if (pid <= 0)
		return;
	got = read_all(fd, back, sizeof(back) - 1);
	back[got] = '\0';
	CHECK(strcmp(back, "my-host.example\n2222\nbob\n") == 0);
	close(fd);
	CHECK(reaped_ok(pid));
	/* a user with a quote and a space is still one word */
	CHECK(cli_proxy_expand("printf '<%%s>' %r", "h", 22, "o'b c", cmd, sizeof(cmd)) == E_OK);
	CHECK(cli_proxy_spawn_shell(cmd, &fd, &pid) == E_OK);
	if (pid <= 0)
		return;
	got = read_all(fd, back, sizeof(back) - 1);
	back[got] = '\0';
	CHECK(strcmp(back, "<o'b c>") == 0);
	close(fd);
	CHECK(reaped_ok(pid));
}

TEST(metachar_hosts_never_reach_expansion)
{
	static const char *const bad[] = {"$(touch /tmp/x)",  "a;id", "`id`", "a b",  "a|b",
	                                  "-oProxyCommand=x", "a'b",  "a&&b", "a\nb", "a>b"};
	struct cli_dest d;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char dest[64];

		snprintf(dest, sizeof(dest), "u@%s", bad[i]);
		CHECK(cli_parse_dest(dest, &d, err, sizeof(err)) == -1);
		CHECK(cli_parse_jump(bad[i], &d, err, sizeof(err)) == -1);
		CHECK(!cli_host_ok(bad[i]));
	}
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	RUN(two_hops_plain);
	RUN(two_hops_defaults_stay_with_the_destination);
	RUN(two_hops_ipv6_yy_and_identities);
	RUN(three_hops_everything_passed_on);
	RUN(three_hops_ipv6_and_proxy_command);
	RUN(hop_argv_limits);
	RUN(expand);
	RUN(spawn_cat_round_trip);
	RUN(spawn_missing_program_exits_127);
	RUN(spawn_shell_host_is_one_word);
	RUN(metachar_hosts_never_reach_expansion);
	cli_opts_free(&o);
	return unit_done();
}

#else /* !SHREW_CLIENT */

#include <stdio.h>

/* Nothing to test: no RUN.  The SKIP line tells test/run.sh why. */
int main(void)
{
	puts("SKIP test-cli-proxy: SHREW_CLIENT is off");
	return 0;
}

#endif
