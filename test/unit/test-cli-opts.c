/*
 * test-cli-opts.c - the client's command line (cli-opts.c): every flag and
 * -o option, grouping, attached and separate values, destinations of
 * every form (dbclient's /port ^port and multihop, brackets, bare IPv6,
 * ssh:// URLs), the last-'@' user rule, refused hosts, users and ports,
 * both meanings of -J, cli_opts_finish's defaults and checks, and a usage
 * text that mentions every flag.
 */
#include "options.h"

#if SHREW_CLIENT

#include "unit.h"

#include "common-err.h"
#include "cli-opts.h"

#define MAXARGS 40

static struct cli_opts o;
static char err[200];

/* Parses a NULL-terminated list of words after "shrew". */
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
	memset(err, 'x', sizeof(err));
	err[sizeof(err) - 1] = '\0';
	return cli_opts_parse(&o, argc, argv, err, sizeof(err));
}

#define PARSE(...) parse((const char *[]){__VA_ARGS__, NULL})

/* The parse failed and err contains text. */
static int failed_with(int rc, const char *text)
{
	if (rc != -1 || !strstr(err, text)) {
		fprintf(stderr, "    rc %d, err '%.150s', wanted '%s'\n", rc, err, text);
		return 0;
	}
	return 1;
}

static int hop_is(int i, const char *user, const char *host, unsigned port)
{
	if (i >= o.n_hops || strcmp(o.hops[i].user, user) != 0 ||
	    strcmp(o.hops[i].host, host) != 0 || o.hops[i].port != port) {
		fprintf(stderr, "    hop %d of %d: '%s' '%s' %u, wanted '%s' '%s' %u\n", i,
		        o.n_hops, i < o.n_hops ? o.hops[i].user : "",
		        i < o.n_hops ? o.hops[i].host : "", i < o.n_hops ? o.hops[i].port : 0, user,
		        host, port);
		return 0;
	}
	return 1;
}

TEST(defaults)
{
	CHECK(PARSE("example.org") == 0);
	CHECK(o.n_hops == 1 && hop_is(0, "", "example.org", 0));
	CHECK(o.command == NULL && o.cmd_buf == NULL && !o.subsystem && !o.no_command);
	CHECK(o.tty == CLI_TTY_AUTO && o.hostkey_policy == CLI_HK_ASK);
	CHECK(o.escape_char == '~' && o.keepalive_max == 3 && o.auth_tries == 3);
	CHECK(o.password_auth && o.kbdint_auth && o.pubkey_auth && !o.batch);
	CHECK(o.default_user == NULL && o.default_port == 0 && o.n_identities == 0);
	CHECK(o.proxy_command == NULL && o.netcat_host == NULL && o.bind_addr == NULL);
	CHECK(o.n_jump == 0 && o.address_family == 0 && o.max_duration == 0);
	CHECK(o.recv_window == 0 && o.warning[0] == '\0' && o.algos.set == 0);
	CHECK(cli_hop_port(&o, 0) == 22);
	CHECK(strcmp(cli_hop_user(&o, 0, "me"), "me") == 0);
}

TEST(boolean_flags)
{
	CHECK(PARSE("-N", "-f", "-q", "-s", "-A", "-z", "-n", "-T", "h", "sftp") == 0);
	CHECK(o.no_command && o.background && o.quiet && o.subsystem && o.forward_agent);
	CHECK(o.no_qos && o.stdin_null && o.tty == CLI_TTY_NO);
	CHECK(PARSE("-A", "-a", "h") == 0 && o.forward_agent == 0);
	CHECK(PARSE("-t", "h") == 0 && o.tty == CLI_TTY_YES);
	CHECK(PARSE("-tt", "h") == 0 && o.tty == CLI_TTY_FORCE);
	CHECK(PARSE("-t", "-t", "h") == 0 && o.tty == CLI_TTY_FORCE);
	CHECK(PARSE("-y", "h") == 0 && o.hostkey_policy == CLI_HK_ACCEPT_NEW);
	CHECK(PARSE("-yy", "h") == 0 && o.hostkey_policy == CLI_HK_OFF);
	CHECK(PARSE("-y", "-y", "h") == 0 && o.hostkey_policy == CLI_HK_OFF);
	CHECK(PARSE("-vvv", "h") == 0 && o.verbose == 3);
	CHECK(PARSE("-v", "-v", "h") == 0 && o.verbose == 2);
	CHECK(PARSE("-4", "h") == 0 && o.address_family == 4);
	CHECK(PARSE("-6", "h") == 0 && o.address_family == 6);
	CHECK(PARSE("-C", "-x", "-g", "h") == 0);
}

TEST(grouped_flags)
{
	CHECK(PARSE("-qTNfy", "h") == 0);
	CHECK(o.quiet && o.tty == CLI_TTY_NO && o.no_command && o.background &&
	      o.hostkey_policy == CLI_HK_ACCEPT_NEW);
	/* a value flag takes the rest of its word, or the next word */
	CHECK(PARSE("-qp2222", "h") == 0 && o.quiet && o.default_port == 2222);
	CHECK(PARSE("-qp", "2222", "h") == 0 && o.quiet && o.default_port == 2222);
	CHECK(PARSE("-yyi", "key", "h") == 0 && o.hostkey_policy == CLI_HK_OFF &&
	      o.n_identities == 1 && strcmp(o.identities[0], "key") == 0);
}

TEST(value_flags)
{
	CHECK(PARSE("-p", "22", "-l", "bob", "-i", "a", "-ib", "-K", "30", "-I600", "-M", "3600",
	            "-W", "65536", "h") == 0);
	CHECK(o.default_port == 22 && strcmp(o.default_user, "bob") == 0);
	CHECK(o.n_identities == 2 && strcmp(o.identities[0], "a") == 0 &&
	      strcmp(o.identities[1], "b") == 0);
	CHECK(o.keepalive == 30 && o.idle_timeout == 600 && o.max_duration == 3600);
	CHECK(o.recv_window == 65536);
	CHECK(strcmp(cli_hop_user(&o, 0, "me"), "bob") == 0 && cli_hop_port(&o, 0) == 22);
	CHECK(PARSE("-W", "999999999", "h") == 0 && o.recv_window == CLI_MAX_WINDOW &&
	      strstr(o.warning, "too large"));
	CHECK(failed_with(PARSE("-W", "100", "h"), "-W"));
	CHECK(failed_with(PARSE("-K", "x", "h"), "-K"));
	CHECK(failed_with(PARSE("-M", "-1", "h"), "-M"));
	CHECK(failed_with(PARSE("-I", "99999999999", "h"), "-I"));
	CHECK(failed_with(PARSE("h", "-p"), "-p needs a value"));
	CHECK(failed_with(PARSE("-i", "a", "-i", "b", "-i", "c", "-i", "d", "-i", "e", "-i", "f",
	                        "-i", "g", "-i", "h", "-i", "i", "h"),
	                  "too many identity"));
}

TEST(escape_char)
{
	CHECK(PARSE("-e", "none", "h") == 0 && o.escape_char == -1);
	CHECK(PARSE("-e#", "h") == 0 && o.escape_char == '#');
	CHECK(PARSE("-e", "^]", "h") == 0 && o.escape_char == 0x1d);
	CHECK(PARSE("-o", "EscapeChar=%", "h") == 0 && o.escape_char == '%');
	CHECK(failed_with(PARSE("-e", "ab", "h"), "escape"));
	CHECK(failed_with(PARSE("-e", "^a", "h"), "escape"));
}

TEST(bind_and_netcat)
{
	CHECK(PARSE("-b", "10.0.0.1", "h") == 0 && strcmp(o.bind_addr, "10.0.0.1") == 0 &&
	      o.bind_port == 0);
	CHECK(PARSE("-b", "10.0.0.1:2000", "h") == 0 && strcmp(o.bind_addr, "10.0.0.1") == 0 &&
	      o.bind_port == 2000);
	CHECK(PARSE("-b:2000", "h") == 0 && o.bind_addr == NULL && o.bind_port == 2000);
	CHECK(PARSE("-b", "[::1]:2000", "h") == 0 && strcmp(o.bind_addr, "::1") == 0 &&
	      o.bind_port == 2000);
	CHECK(PARSE("-b", "fe80::1%eth0", "h") == 0 && strcmp(o.bind_addr, "fe80::1%eth0") == 0);
	CHECK(failed_with(PARSE("-b", "a;b", "h"), "bad address"));
	CHECK(failed_with(PARSE("-b", "a:0", "h"), "bad port"));
	CHECK(PARSE("-B", "db.internal:5432", "h") == 0 &&
	      strcmp(o.netcat_host, "db.internal") == 0 && o.netcat_port == 5432);
	CHECK(PARSE("-B", "[2001:db8::1]:80", "h") == 0 &&
	      strcmp(o.netcat_host, "2001:db8::1") == 0 && o.netcat_port == 80);
	CHECK(failed_with(PARSE("-B", "db.internal", "h"), "host:port"));
	CHECK(failed_with(PARSE("-B", ":80", "h"), "host:port"));
	CHECK(failed_with(PARSE("-B", "-oProxyCommand=x:22", "h"), "bad host"));
	CHECK(failed_with(PARSE("-B", "$(id):22", "h"), "bad host"));
}

TEST(algorithm_lists)
{
	CHECK(PARSE("-c", "chacha20-poly1305@openssh.com", "h") == 0);
	CHECK(o.algos.set == (1u << ALGO_CIPHER) && o.algos.cat[ALGO_CIPHER].n == 1);
	CHECK(o.n_pass == 1 && o.pass[0].flag == 'c' &&
	      strcmp(o.pass[0].arg, "chacha20-poly1305@openssh.com") == 0);
	CHECK(PARSE("-o", "KexAlgorithms=curve25519-sha256", "-oCiphers +chacha*", "h") == 0);
	CHECK(o.algos.set == ((1u << ALGO_KEX) | (1u << ALGO_CIPHER)));
	CHECK(o.n_pass == 2 && o.pass[0].flag == 'o' && o.pass[1].flag == 'o' &&
	      strcmp(o.pass[1].arg, "Ciphers +chacha*") == 0);
	CHECK(PARSE("-o", "hostkeyalgorithms=ssh-ed25519", "h") == 0 &&
	      o.algos.set == (1u << ALGO_HOSTKEY));
	CHECK(failed_with(PARSE("-c", "nosuch-cipher", "h"), "nosuch-cipher"));
	CHECK(failed_with(PARSE("-m", "nosuch-mac", "h"), "nosuch-mac"));
#if SHREW_HMAC_SHA256
	CHECK(PARSE("-m", "hmac-sha2-256", "h") == 0 && o.algos.set == (1u << ALGO_MAC) &&
	      o.pass[0].flag == 'm');
	CHECK(PARSE("-o", "MACs=-hmac-sha2-256", "h") == 0 && o.algos.set == (1u << ALGO_MAC));
#endif
}

TEST(ssh_options_booleans)
{
	CHECK(PARSE("-o", "BatchMode=yes", "-o", "IdentitiesOnly yes", "-o", "ForwardAgent=yes",
	            "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
	            "-o", "PubkeyAuthentication=no", "-o", "Compression=yes", "h") == 0);
	CHECK(o.batch && o.identities_only && o.forward_agent);
	CHECK(!o.password_auth && !o.kbdint_auth && !o.pubkey_auth);
	CHECK(PARSE("-o", "ChallengeResponseAuthentication=no", "h") == 0 && !o.kbdint_auth);
	CHECK(PARSE("-o", "batchmode=TRUE", "h") == 0 && o.batch);
	CHECK(PARSE("-o", "BATCHMODE = false", "h") == 0 && !o.batch);
	CHECK(failed_with(PARSE("-o", "BatchMode=maybe", "h"), "yes or no"));
	CHECK(failed_with(PARSE("-o", "Compression=sure", "h"), "yes or no"));
	CHECK(failed_with(PARSE("-o", "BatchMode=", "h"), "needs a value"));
}

TEST(ssh_options_values)
{
	CHECK(PARSE("-o", "Port=2222", "-o", "User=alice", "-o", "ServerAliveInterval=15", "-o",
	            "ServerAliveCountMax=5", "-o", "ConnectTimeout=7", "-o",
	            "NumberOfPasswordPrompts=1", "-o", "IdentityFile=~/.ssh/k1", "-o",
	            "IdentityFile ~/.ssh/k2", "h") == 0);
	CHECK(o.default_port == 2222 && strcmp(o.default_user, "alice") == 0);
	CHECK(o.keepalive == 15 && o.keepalive_max == 5 && o.connect_timeout == 7);
	CHECK(o.auth_tries == 1 && o.n_identities == 2);
	CHECK(strcmp(o.identities[0], "~/.ssh/k1") == 0 &&
	      strcmp(o.identities[1], "~/.ssh/k2") == 0);
	CHECK(PARSE("-o", "UserKnownHostsFile=/dev/null", "h") == 0 &&
	      strcmp(o.known_hosts, "/dev/null") == 0);
	CHECK(PARSE("-o", "UserKnownHostsFile ~/kh1 ~/kh2", "h") == 0 &&
	      strcmp(o.known_hosts, "~/kh1") == 0);
	CHECK(failed_with(PARSE("-o", "Port=0", "h"), "bad port"));
	CHECK(failed_with(PARSE("-o", "User=-x", "h"), "bad user"));
	CHECK(failed_with(PARSE("-o", "ConnectTimeout=soon", "h"), "ConnectTimeout"));
}

TEST(ssh_options_words)
{
	static const struct {
		const char *v;
		enum cli_hostkey_policy p;
	} sk[] = {{"yes", CLI_HK_YES},
	          {"no", CLI_HK_OFF},
	          {"off", CLI_HK_OFF},
	          {"ask", CLI_HK_ASK},
	          {"accept-new", CLI_HK_ACCEPT_NEW},
	          {"ACCEPT-NEW", CLI_HK_ACCEPT_NEW}};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(sk) / sizeof(sk[0]); i++) {
		snprintf(buf, sizeof(buf), "StrictHostKeyChecking=%s", sk[i].v);
		CHECK(PARSE("-o", buf, "h") == 0 && o.hostkey_policy == sk[i].p);
	}
	CHECK(failed_with(PARSE("-o", "StrictHostKeyChecking=perhaps", "h"), "bad value"));
	CHECK(PARSE("-o", "RequestTTY=force", "h") == 0 && o.tty == CLI_TTY_FORCE);
	CHECK(PARSE("-o", "RequestTTY=no", "h") == 0 && o.tty == CLI_TTY_NO);
	CHECK(PARSE("-o", "RequestTTY=yes", "h") == 0 && o.tty == CLI_TTY_YES);
	CHECK(PARSE("-t", "-o", "RequestTTY=auto", "h") == 0 && o.tty == CLI_TTY_AUTO);
	CHECK(PARSE("-o", "LogLevel=QUIET", "h") == 0 && o.quiet && o.verbose == 0);
	CHECK(PARSE("-o", "LogLevel=debug3", "h") == 0 && !o.quiet && o.verbose == 3);
	CHECK(PARSE("-o", "LogLevel=DEBUG", "h") == 0 && o.verbose == 1);
	CHECK(PARSE("-q", "-o", "LogLevel=INFO", "h") == 0 && !o.quiet && o.verbose == 0);
	CHECK(failed_with(PARSE("-o", "LogLevel=LOUD", "h"), "bad value"));
	CHECK(PARSE("-o", "AddressFamily=inet6", "h") == 0 && o.address_family == 6);
	CHECK(PARSE("-4", "-o", "AddressFamily=any", "h") == 0 && o.address_family == 0);
	CHECK(PARSE("-o", "AddressFamily=inet", "h") == 0 && o.address_family == 4);
	CHECK(PARSE("-o", "EscapeChar=none", "h") == 0 && o.escape_char == -1);
}

TEST(ssh_options_proxy_and_hostname)
{
	CHECK(PARSE("-o", "ProxyCommand=nc %h %p", "h") == 0 &&
	      strcmp(o.proxy_command, "nc %h %p") == 0);
	CHECK(PARSE("-o", "ProxyCommand=nc %h %p", "-o", "ProxyCommand=none", "h") == 0 &&
	      o.proxy_command == NULL);
	CHECK(PARSE("-o", "ProxyJump=j1,bob@j2:2200", "h") == 0);
	CHECK(o.n_hops == 3 && o.n_jump == 2 && hop_is(0, "", "j1", 0) &&
	      hop_is(1, "bob", "j2", 2200) && hop_is(2, "", "h", 0));
	CHECK(PARSE("-o", "ProxyJump=j1", "-o", "ProxyJump=none", "h") == 0 && o.n_hops == 1 &&
	      o.n_jump == 0 && hop_is(0, "", "h", 0));
	CHECK(PARSE("-o", "HostName=10.1.2.3", "alias") == 0 && hop_is(0, "", "10.1.2.3", 0));
	CHECK(failed_with(PARSE("-o", "HostName=a;b", "alias"), "bad host"));
	CHECK(failed_with(PARSE("-o", "ProxyJump=-oProxyCommand=x", "h"), "bad host"));
}

TEST(unknown_options)
{
	CHECK(failed_with(PARSE("-o", "Frobnicate=yes", "h"), "unknown option 'Frobnicate'"));
	CHECK(failed_with(PARSE("-o", "SendEnvX=A", "h"), "unknown option 'SendEnvX'"));
	CHECK(failed_with(PARSE("-Z", "h"), "unknown flag -Z"));
	CHECK(failed_with(PARSE("-F", "/etc/ssh/ssh_config", "h"), "configuration file"));
	CHECK(failed_with(PARSE("-L", "8080:localhost:80", "h"), "forwarding"));
	CHECK(failed_with(PARSE("-R", "8080:localhost:80", "h"), "forwarding"));
	CHECK(failed_with(PARSE("-D", "1080", "h"), "forwarding"));
	CHECK(failed_with(PARSE("-X", "h"), "X11"));
	CHECK(failed_with(PARSE("-qZ", "h"), "unknown flag -Z"));
	/* cli_opts_option on its own */
	cli_opts_init(&o);
	CHECK(cli_opts_option(&o, "Nope", err, sizeof(err)) == -1 && strstr(err, "'Nope'"));
	CHECK(cli_opts_option(&o, "port 443", err, sizeof(err)) == 0 && o.default_port == 443);
}

/* Features shrew lacks: only the value that turns them off is taken. */
TEST(off_only_options)
{
	CHECK(failed_with(PARSE("-o", "ForwardX11 yes", "h"), "ForwardX11 yes: not supported"));
	CHECK(PARSE("-o", "ForwardX11 no", "h") == 0);
	CHECK(PARSE("-oControlMaster=no", "-oControlPath=none", "-oRemoteCommand=none", "h") == 0);
	CHECK(failed_with(PARSE("-o", "RemoteCommand=ls", "h"), "not supported (only none)"));
	CHECK(failed_with(PARSE("-o", "ControlMaster=auto", "h"), "not supported (only no)"));
	CHECK(PARSE("-oClearAllForwardings=yes", "-oPermitLocalCommand=no", "-oUpdateHostKeys=no",
	            "h") == 0);
	CHECK(failed_with(PARSE("-o", "UpdateHostKeys=ask", "h"), "not supported"));
	CHECK(PARSE("-o", "SendEnv=LANG LC_*", "-o", "SendEnv GIT_PROTOCOL", "h") == 0 &&
	      o.n_send_env == 2 && strcmp(o.send_env[1], "GIT_PROTOCOL") == 0);
}

TEST(help_and_version)
{
	CHECK(PARSE("-h") == 1 && o.print == 'h');
	CHECK(PARSE("-V") == 1 && o.print == 'V');
	CHECK(PARSE("-qV", "h") == 1 && o.print == 'V');
}

TEST(destination_forms)
{
	CHECK(PARSE("bob@example.org") == 0 && hop_is(0, "bob", "example.org", 0));
	CHECK(PARSE("example.org/2222") == 0 && hop_is(0, "", "example.org", 2222));
	CHECK(PARSE("bob@example.org^2222") == 0 && hop_is(0, "bob", "example.org", 2222));
	CHECK(PARSE("[::1]") == 0 && hop_is(0, "", "::1", 0));
	CHECK(PARSE("bob@[::1]:2222") == 0 && hop_is(0, "bob", "::1", 2222));
	CHECK(PARSE("[fe80::1%eth0]/22") == 0 && hop_is(0, "", "fe80::1%eth0", 22));
	CHECK(PARSE("::1") == 0 && hop_is(0, "", "::1", 0));
	CHECK(PARSE("2001:db8::5/2200") == 0 && hop_is(0, "", "2001:db8::5", 2200));
	CHECK(PARSE("ssh://host") == 0 && hop_is(0, "", "host", 0));
	CHECK(PARSE("ssh://bob@host:2222") == 0 && hop_is(0, "bob", "host", 2222));
	CHECK(PARSE("SSH://bob@host:2222/") == 0 && hop_is(0, "bob", "host", 2222));
	CHECK(PARSE("ssh://bob@[2001:db8::1]:22") == 0 && hop_is(0, "bob", "2001:db8::1", 22));
	CHECK(PARSE("192.0.2.7") == 0 && hop_is(0, "", "192.0.2.7", 0));
	CHECK(PARSE("under_score.example") == 0);
}

TEST(user_is_before_last_at)
{
	CHECK(PARSE("alice@corp.example@host") == 0 && hop_is(0, "alice@corp.example", "host", 0));
	CHECK(PARSE("ssh://a@b@host:22") == 0 && hop_is(0, "a@b", "host", 22));
	CHECK(PARSE("-l", "u@d", "host") == 0 && strcmp(cli_hop_user(&o, 0, "me"), "u@d") == 0);
	CHECK(failed_with(PARSE("@host"), "bad user"));
	CHECK(failed_with(PARSE("-bob@host"), "bad address")); /* -b ob@host */
	CHECK(failed_with(PARSE("--", "-bob@host"), "bad user"));
	CHECK(failed_with(PARSE("bo b@host"), "bad user"));
	CHECK(failed_with(PARSE("b;ob@host"), "bad user"));
	CHECK(failed_with(PARSE("b/ob@host"), "bad user"));
	CHECK(failed_with(PARSE("b\x01ob@host"), "bad user"));
	CHECK(failed_with(PARSE("$(id)@host"), "bad user"));
	CHECK(failed_with(PARSE("-l", "-oProxyCommand=x", "host"), "bad user"));
	CHECK(failed_with(PARSE("-l", "a b", "host"), "bad user"));
	CHECK(PARSE("j\xc3\xb6rg@host") == 0); /* UTF-8 user names are fine */
}

TEST(refused_hosts)
{
	static const char *const bad[] = {"-oProxyCommand=x",
	                                  "a;b",
	                                  "$(id)",
	                                  "a b",
	                                  "a`id`",
	                                  "a|b",
	                                  "a&b",
	                                  "a>b",
	                                  "a'b",
	                                  "a\"b",
	                                  "a\\b",
	                                  "a*",
	                                  "a?",
	                                  "{a}",
	                                  "a!",
	                                  "a#",
	                                  "~a",
	                                  "a\nb",
	                                  "a\tb",
	                                  "host:22",
	                                  "a%b",
	                                  "[a",
	                                  "[a]x",
	                                  "",
	                                  "a/",
	                                  "a^"};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = PARSE("--", bad[i]);

		CHECK(rc == -1);
		if (rc != -1)
			fprintf(stderr, "    accepted '%s'\n", bad[i]);
		CHECK(strchr(err, '\n') == NULL && strchr(err, '\t') == NULL);
	}
	CHECK(!cli_host_ok("-x") && !cli_host_ok("a b") && !cli_host_ok("a,b") &&
	      !cli_host_ok("a@b") && !cli_host_ok("a/b") && !cli_host_ok(NULL));
	CHECK(cli_host_ok("a-b.c_d") && cli_host_ok("::1") && cli_host_ok("fe80::1%2"));
	{
		char longhost[CLI_MAX_HOST + 2];

		memset(longhost, 'a', sizeof(longhost));
		longhost[CLI_MAX_HOST] = '\0';
		CHECK(cli_host_ok(longhost));
		longhost[CLI_MAX_HOST] = 'a';
		longhost[CLI_MAX_HOST + 1] = '\0';
		CHECK(!cli_host_ok(longhost));
	}
}

TEST(refused_ports)
{
	CHECK(failed_with(PARSE("h/0"), "bad port"));
	CHECK(failed_with(PARSE("h/65536"), "bad port"));
	CHECK(failed_with(PARSE("h/abc"), "bad port"));
	CHECK(failed_with(PARSE("h^"), "bad port"));
	CHECK(failed_with(PARSE("h/+22"), "bad port"));
	CHECK(failed_with(PARSE("h/99999999999999999999"), "bad port"));
	CHECK(failed_with(PARSE("ssh://h:0"), "bad port"));
	CHECK(failed_with(PARSE("[::1]:65536"), "bad port"));
	CHECK(failed_with(PARSE("-p", "0", "h"), "bad port"));
	CHECK(failed_with(PARSE("-p", "65536", "h"), "bad port"));
	CHECK(failed_with(PARSE("-p", "abc", "h"), "bad port"));
	CHECK(failed_with(PARSE("-p", "", "h"), "bad port"));
	CHECK(PARSE("h/65535") == 0 && hop_is(0, "", "h", 65535));
	CHECK(PARSE("h/1") == 0 && hop_is(0, "", "h", 1));
}

TEST(multihop)
{
	CHECK(PARSE("a,bob@b/2200,c^2300") == 0);
	CHECK(o.n_hops == 3 && o.n_jump == 0 && hop_is(0, "", "a", 0) &&
	      hop_is(1, "bob", "b", 2200) && hop_is(2, "", "c", 2300));
	CHECK(PARSE("u@[::1]/22,[2001:db8::2]") == 0 && hop_is(0, "u", "::1", 22) &&
	      hop_is(1, "", "2001:db8::2", 0));
	/* -l / -p reach the last hop only */
	CHECK(PARSE("-l", "bob", "-p", "2222", "a,b") == 0);
	CHECK(strcmp(cli_hop_user(&o, 0, "me"), "me") == 0 && cli_hop_port(&o, 0) == 22);
	CHECK(strcmp(cli_hop_user(&o, 1, "me"), "bob") == 0 && cli_hop_port(&o, 1) == 2222);
	CHECK(failed_with(PARSE("a,,b"), "empty host"));
	CHECK(failed_with(PARSE("a,"), "empty host"));
	CHECK(failed_with(PARSE("a,b;c"), "bad host"));
	CHECK(failed_with(PARSE("a,b,c,d,e,f,g,h,i"), "too many hops"));
	CHECK(PARSE("a,b,c,d,e,f,g,h") == 0 && o.n_hops == CLI_MAX_HOPS);
}

TEST(jump_both_meanings)
{
	/* OpenSSH: jump hosts, prepended to the hops */
	CHECK(PARSE("-J", "alice@j1:2201,ssh://j2", "dest") == 0);
	CHECK(o.proxy_command == NULL && o.n_jump == 2 && o.n_hops == 3);
	CHECK(hop_is(0, "alice", "j1", 2201) && hop_is(1, "", "j2", 0) && hop_is(2, "", "dest", 0));
	CHECK(PARSE("-J", "j1", "a,b") == 0 && o.n_hops == 3 && o.n_jump == 1 &&
	      hop_is(0, "", "j1", 0) && hop_is(1, "", "a", 0) && hop_is(2, "", "b", 0));
	CHECK(PARSE("-J", "[::1]:2022", "dest") == 0 && hop_is(0, "", "::1", 2022));
	/* dbclient: a proxy program */
	CHECK(PARSE("-J", "nc proxy 22", "dest") == 0 && o.n_hops == 1 &&
	      strcmp(o.proxy_command, "nc proxy 22") == 0);
	CHECK(PARSE("-J", "/usr/local/bin/tunnel", "dest") == 0 &&
	      strcmp(o.proxy_command, "/usr/local/bin/tunnel") == 0 && o.n_hops == 1);
	CHECK(PARSE("-J./tunnel", "dest") == 0 && strcmp(o.proxy_command, "./tunnel") == 0);
	CHECK(failed_with(PARSE("-J", "j1", "-J", "j2", "dest"), "only one -J"));
	CHECK(failed_with(PARSE("-J", "j;1", "dest"), "bad host"));
	CHECK(failed_with(PARSE("-J", "$(id)", "dest"), "bad host"));
}

TEST(command_words)
{
	CHECK(PARSE("h", "ls") == 0 && strcmp(o.command, "ls") == 0 && o.cmd_buf == NULL);
	CHECK(PARSE("h", "ls", "-l", "/tmp dir") == 0 && strcmp(o.command, "ls -l /tmp dir") == 0 &&
	      o.command == o.cmd_buf);
	/* flags right after the destination (OpenSSH and dbclient both) */
	CHECK(PARSE("h", "-p", "2222", "-q", "uptime") == 0 && o.default_port == 2222 && o.quiet &&
	      strcmp(o.command, "uptime") == 0);
	/* once the command started, dashes belong to it */
	CHECK(PARSE("h", "echo", "-q") == 0 && !o.quiet && strcmp(o.command, "echo -q") == 0);
	/* "--" ends the flags for good */
	CHECK(PARSE("-q", "--", "h", "-v", "x") == 0 && o.verbose == 0 &&
	      strcmp(o.command, "-v x") == 0);
	CHECK(PARSE("h", "--", "-v") == 0 && o.verbose == 0 && strcmp(o.command, "-v") == 0);
	CHECK(PARSE("h", "", "x") == 0 && strcmp(o.command, " x") == 0);
	CHECK(failed_with(PARSE("-q"), "no destination"));
	CHECK(failed_with(PARSE("--"), "no destination"));
	cli_opts_free(&o);
	CHECK(o.cmd_buf == NULL && o.command == NULL);
}

TEST(finish_defaults_and_tilde)
{
	const char *h = "/home/me";

	CHECK(PARSE("h") == 0);
	CHECK(cli_opts_finish(&o, h, "me", err, sizeof(err)) == 0);
	CHECK(o.identities_default == 1 && o.n_identities >= 1);
	CHECK(strcmp(o.identities[o.n_identities - 1], "/home/me/.ssh/id_dropbear") == 0);
#if SHREW_ED25519
	CHECK(strcmp(o.identities[0], "/home/me/.ssh/id_ed25519") == 0);
#endif
#if SHREW_ED25519 && SHREW_ECDSA && SHREW_RSA
	CHECK(o.n_identities == 4 && strcmp(o.identities[1], "/home/me/.ssh/id_ecdsa") == 0 &&
	      strcmp(o.identities[2], "/home/me/.ssh/id_rsa") == 0);
#endif
	CHECK(o.local_user && strcmp(o.local_user, "me") == 0);
	CHECK(o.known_hosts == NULL);

	CHECK(PARSE("-i", "~/.ssh/work", "-i", "/abs/key", "-i", "~", "-o",
	            "UserKnownHostsFile=~/kh", "h") == 0);
	CHECK(cli_opts_finish(&o, h, "me", err, sizeof(err)) == 0);
	CHECK(o.identities_default == 0 && o.n_identities == 3);
	CHECK(strcmp(o.identities[0], "/home/me/.ssh/work") == 0);
	CHECK(strcmp(o.identities[1], "/abs/key") == 0);
	CHECK(strcmp(o.identities[2], "/home/me") == 0);
	CHECK(strcmp(o.known_hosts, "/home/me/kh") == 0);

	CHECK(PARSE("-i", "~bob/key", "h") == 0);
	CHECK(cli_opts_finish(&o, h, "me", err, sizeof(err)) == -1 && strstr(err, "~user"));
	CHECK(PARSE("-i", "~/key", "h") == 0);
	CHECK(cli_opts_finish(&o, NULL, NULL, err, sizeof(err)) == -1 && strstr(err, "home"));
	/* no home: no defaults, but nothing to expand is fine */
	CHECK(PARSE("h") == 0 && cli_opts_finish(&o, NULL, NULL, err, sizeof(err)) == 0 &&
	      o.n_identities == 0 && o.local_user == NULL);
	/* HostName given before the destination lands on the last hop */
	CHECK(PARSE("-o", "HostName=real.example", "a,alias") == 0);
	CHECK(cli_opts_finish(&o, h, "me", err, sizeof(err)) == 0 &&
	      hop_is(1, "", "real.example", 0) && hop_is(0, "", "a", 0));
}

TEST(finish_combinations)
{
	CHECK(PARSE("-s", "h") == 0);
	CHECK(cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == -1 && strstr(err, "-s"));
	CHECK(PARSE("-s", "h", "sftp") == 0 &&
	      cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == 0);
	CHECK(PARSE("-N", "h", "ls") == 0);
	CHECK(cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == -1 && strstr(err, "-N"));
	CHECK(PARSE("-B", "x:1", "h", "ls") == 0);
	CHECK(cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == -1 && strstr(err, "-B"));
	CHECK(PARSE("-B", "x:1", "-N", "h") == 0);
	CHECK(cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == -1 && strstr(err, "-B"));
	CHECK(PARSE("-f", "h") == 0);
	CHECK(cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == -1 && strstr(err, "-f"));
	CHECK(PARSE("-fN", "h") == 0 && cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == 0);
	CHECK(PARSE("-f", "h", "sleep 1") == 0 &&
	      cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == 0);
	CHECK(PARSE("-B", "x:1", "h") == 0 &&
	      cli_opts_finish(&o, "/h", "me", err, sizeof(err)) == 0);
}

TEST(errors_are_printable_and_fit)
{
	char small[16];
	char *argv[] = {(char *)"shrew", (char *)"\x1b[31mevil\x07;@host", NULL};

	cli_opts_init(&o);
	CHECK(cli_opts_parse(&o, 2, argv, err, sizeof(err)) == -1);
	CHECK(strchr(err, 0x1b) == NULL && strchr(err, 0x07) == NULL);
	cli_opts_init(&o);
	memset(small, 'x', sizeof(small));
	CHECK(cli_opts_parse(&o, 2, argv, small, sizeof(small)) == -1);
	CHECK(memchr(small, '\0', sizeof(small)) != NULL);
}

TEST(usage_mentions_every_flag)
{
	static const char flags[] = "plitTNfqsAaBJcmbKIWMoeynCxg46vVhLRDXYFE";
	char want[4];
	size_t i;

	for (i = 0; flags[i]; i++) {
		snprintf(want, sizeof(want), "-%c", flags[i]);
		CHECK(strstr(cli_usage, want) != NULL);
		if (!strstr(cli_usage, want))
			fprintf(stderr, "    usage lacks %s\n", want);
	}
	CHECK(strstr(cli_usage, "-yy") && strstr(cli_usage, "-tt"));
	CHECK(strstr(cli_usage, "ssh://") && strstr(cli_usage, "host/port") &&
	      strstr(cli_usage, "host^port") && strstr(cli_usage, "hop1,hop2"));
	CHECK(strstr(cli_usage, "255") && strstr(cli_usage, "128+N"));
	CHECK(strstr(cli_usage, "~.") && strstr(cli_usage, "~^Z") && strstr(cli_usage, "~?") &&
	      strstr(cli_usage, "~~"));
	/* every -o option is listed */
	{
		static const char *const names[] = {"BatchMode",
		                                    "StrictHostKeyChecking",
		                                    "UserKnownHostsFile",
		                                    "IdentityFile",
		                                    "IdentitiesOnly",
		                                    "User",
		                                    "Port",
		                                    "HostName",
		                                    "ServerAliveInterval",
		                                    "ServerAliveCountMax",
		                                    "ConnectTimeout",
		                                    "ProxyCommand",
		                                    "ProxyJump",
		                                    "ForwardAgent",
		                                    "Ciphers",
		                                    "MACs",
		                                    "KexAlgorithms",
		                                    "HostKeyAlgorithms",
		                                    "RequestTTY",
		                                    "PasswordAuthentication",
		                                    "KbdInteractiveAuthentication",
		                                    "ChallengeResponseAuthentication",
		                                    "PubkeyAuthentication",
		                                    "NumberOfPasswordPrompts",
		                                    "EscapeChar",
		                                    "LogLevel",
		                                    "AddressFamily",
		                                    "Compression"};

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			CHECK(strstr(cli_usage, names[i]) != NULL);
			if (!strstr(cli_usage, names[i]))
				fprintf(stderr, "    usage lacks %s\n", names[i]);
		}
	}
}

int main(void)
{
	RUN(defaults);
	RUN(boolean_flags);
	RUN(grouped_flags);
	RUN(value_flags);
	RUN(escape_char);
	RUN(bind_and_netcat);
	RUN(algorithm_lists);
	RUN(ssh_options_booleans);
	RUN(ssh_options_values);
	RUN(ssh_options_words);
	RUN(ssh_options_proxy_and_hostname);
	RUN(unknown_options);
	RUN(off_only_options);
	RUN(help_and_version);
	RUN(destination_forms);
	RUN(user_is_before_last_at);
	RUN(refused_hosts);
	RUN(refused_ports);
	RUN(multihop);
	RUN(jump_both_meanings);
	RUN(command_words);
	RUN(finish_defaults_and_tilde);
	RUN(finish_combinations);
	RUN(errors_are_printable_and_fit);
	RUN(usage_mentions_every_flag);
	cli_opts_free(&o);
	return unit_done();
}

#else /* !SHREW_CLIENT */

#include <stdio.h>

/* Nothing to test: no RUN.  The SKIP line tells test/run.sh why. */
int main(void)
{
	puts("SKIP test-cli-opts: SHREW_CLIENT is off");
	return 0;
}

#endif
