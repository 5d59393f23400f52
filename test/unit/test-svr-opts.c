/*
 * test-svr-opts.c - shrewd's command line parser (svr-opts.c): every
 * Dropbear server flag, attached and separate values, grouping, repeated
 * -p/-r, IPv6 addresses, errors, and the default paths under both names.
 *
 * multi.c is compiled in (as a one-applet build whose applet is this
 * test) for the real applet_is_dropbear_name(), which is not in the
 * library.
 */
#include "unit.h"

static int test_main(int argc, char **argv);
#define SHREW_ALONE test_main
#include "../../multi.c"

#include "common-err.h"
#include "svr-opts.h"

#define MAXARGS 32

static struct svr_opts o;
static char err[160];

/* Parses a NULL-terminated list of words after argv0; returns the result. */
static int parse_as(const char *argv0, const char **words)
{
	char *argv[MAXARGS];
	int argc = 0;

	argv[argc++] = (char *)argv0;
	while (*words && argc < MAXARGS - 1)
		argv[argc++] = (char *)*words++;
	argv[argc] = NULL;
	memset(err, 'x', sizeof(err));
	return svr_opts_parse(argc, argv, &o, err, sizeof(err));
}

#define PARSE(...) parse_as("shrewd", (const char *[]){__VA_ARGS__, NULL})
#define PARSE_DB(...) parse_as("/usr/sbin/dropbear", (const char *[]){__VA_ARGS__, NULL})

/* The parse failed with E_ARG and err contains text. */
static int failed_with(int rc, const char *text)
{
	if (rc != E_ARG || !strstr(err, text)) {
		fprintf(stderr, "    rc %d, err '%.100s', wanted '%s'\n", rc, err, text);
		return 0;
	}
	return 1;
}

TEST(defaults_shrew_names)
{
	CHECK(parse_as("shrewd", (const char *[]){NULL}) == 0);
	CHECK(o.dropbear_names == 0);
	CHECK(o.n_listen == 1 && o.listen[0].host[0] == '\0' && o.listen[0].port == 22);
	CHECK(o.hostkeys_default == 1 && o.n_hostkeys >= 1);
	CHECK(strncmp(o.hostkeys[0], SHREW_CONF_DIR "/shrew_", strlen(SHREW_CONF_DIR) + 7) == 0);
#if SHREW_ED25519
	CHECK(strcmp(o.hostkeys[0], SHREW_CONF_DIR "/shrew_ed25519_host_key") == 0);
#endif
#if SHREW_ED25519 && SHREW_ECDSA && SHREW_RSA
	CHECK(o.n_hostkeys == 3);
	CHECK(strcmp(o.hostkeys[1], SHREW_CONF_DIR "/shrew_ecdsa_host_key") == 0);
	CHECK(strcmp(o.hostkeys[2], SHREW_CONF_DIR "/shrew_rsa_host_key") == 0);
#endif
	CHECK(strcmp(o.pidfile, SVR_OPTS_PIDFILE) == 0);
	CHECK(o.max_auth_tries == SHREW_MAX_AUTH_TRIES);
	CHECK(o.recv_window == SHREW_RECV_WINDOW);
	CHECK(o.foreground == 0 && o.log_stderr == 0 && o.inetd == 0 && o.verbose == 0);
	CHECK(o.keepalive == 0 && o.idle_timeout == 0 && o.max_duration == 0);
	CHECK(o.banner == NULL && o.forced_command == NULL && o.iface == NULL);
	CHECK(o.warning[0] == '\0');
}

TEST(defaults_dropbear_names)
{
#if SHREW_DROPBEAR_NAMES
	CHECK(PARSE_DB("-F") == 0);
	CHECK(o.dropbear_names == 1);
	CHECK(strcmp(o.pidfile, "/var/run/dropbear.pid") == 0);
	CHECK(strncmp(o.hostkeys[0], SHREW_DROPBEAR_CONF_DIR "/dropbear_",
	              strlen(SHREW_DROPBEAR_CONF_DIR) + 10) == 0);
#if SHREW_ED25519
	CHECK(strcmp(o.hostkeys[0], SHREW_DROPBEAR_CONF_DIR "/dropbear_ed25519_host_key") == 0);
#endif
#if SHREW_RSA
	CHECK(strcmp(o.hostkeys[o.n_hostkeys - 1],
	             SHREW_DROPBEAR_CONF_DIR "/dropbear_rsa_host_key") == 0);
#endif
#else
	CHECK(PARSE_DB("-F") == 0);
	CHECK(o.dropbear_names == 0);
#endif
}

TEST(boolean_flags)
{
	CHECK(PARSE("-R", "-F", "-E", "-i", "-s", "-g", "-w", "-B") == 0);
	CHECK(o.create_hostkeys && o.foreground && o.log_stderr && o.inetd);
	CHECK(o.no_password && o.no_root_password && o.no_root && o.allow_blank);
	CHECK(!o.two_factor && !o.no_local_fwd);
	CHECK(PARSE("-t", "-j", "-k", "-a", "-m", "-e", "-z") == 0);
	CHECK(o.two_factor && o.no_local_fwd && o.no_remote_fwd && o.fwd_any_host);
	CHECK(o.no_motd && o.pass_env && o.no_qos);
	CHECK(!o.foreground && !o.inetd);
}

TEST(grouped_flags)
{
	CHECK(PARSE("-FEsgjk") == 0);
	CHECK(o.foreground && o.log_stderr && o.no_password && o.no_root_password);
	CHECK(o.no_local_fwd && o.no_remote_fwd && !o.no_root);
	/* a value-taking flag takes the rest of its word, or the next word */
	CHECK(PARSE("-FEp2222") == 0);
	CHECK(o.foreground && o.log_stderr && o.n_listen == 1 && o.listen[0].port == 2222);
	CHECK(PARSE("-FEp", "2223", "-w") == 0);
	CHECK(o.listen[0].port == 2223 && o.no_root);
}

TEST(inetd_implies_foreground)
{
	CHECK(PARSE("-i") == 0);
	CHECK(o.inetd && o.foreground);
}

TEST(verbose_counts)
{
	CHECK(PARSE("-v", "-vv") == 0);
	CHECK(o.verbose == 3);
}

TEST(string_values)
{
	CHECK(PARSE("-P", "/run/x.pid", "-c", "echo hi", "-b", "/etc/banner", "-D", "/keys", "-G",
	            "wheel", "-l", "eth0") == 0);
	CHECK(strcmp(o.pidfile, "/run/x.pid") == 0);
	CHECK(strcmp(o.forced_command, "echo hi") == 0);
	CHECK(strcmp(o.banner, "/etc/banner") == 0);
	CHECK(strcmp(o.authkeys_dir, "/keys") == 0);
	CHECK(strcmp(o.group, "wheel") == 0);
	CHECK(strcmp(o.iface, "eth0") == 0);
	CHECK(PARSE("-P/run/y.pid", "-cuptime", "-b/b", "-D/d", "-Gadm", "-lbr-lan") == 0);
	CHECK(strcmp(o.pidfile, "/run/y.pid") == 0);
	CHECK(strcmp(o.forced_command, "uptime") == 0);
	CHECK(strcmp(o.banner, "/b") == 0 && strcmp(o.authkeys_dir, "/d") == 0);
	CHECK(strcmp(o.group, "adm") == 0 && strcmp(o.iface, "br-lan") == 0);
	/* the next word is the value whatever it looks like, as in Dropbear */
	CHECK(PARSE("-c", "-F") == 0);
	CHECK(strcmp(o.forced_command, "-F") == 0 && !o.foreground);
}

TEST(number_values)
{
	CHECK(PARSE("-T", "3", "-K", "30", "-I", "600", "-W", "65536", "-M", "3600") == 0);
	CHECK(o.max_auth_tries == 3 && o.keepalive == 30 && o.idle_timeout == 600);
	CHECK(o.recv_window == 65536 && o.max_duration == 3600);
	CHECK(PARSE("-T1", "-K0", "-I0", "-W4096", "-M0") == 0);
	CHECK(o.max_auth_tries == 1 && o.keepalive == 0 && o.idle_timeout == 0);
	CHECK(o.recv_window == 4096 && o.max_duration == 0);
	CHECK(PARSE("-T", "1000", "-K", "1000000000") == 0);
	CHECK(o.max_auth_tries == 1000 && o.keepalive == 1000000000u);
}

TEST(window_clamped_with_warning)
{
	CHECK(PARSE("-W", "99999999") == 0);
	CHECK(o.recv_window == SVR_OPTS_MAX_WINDOW);
	CHECK(strstr(o.warning, "-W 99999999 is out of range") != NULL);
	CHECK(PARSE("-W", "999999999999999999999999") == 0);
	CHECK(o.recv_window == SVR_OPTS_MAX_WINDOW);
}

TEST(window_raised_with_warning)
{
	/* Dropbear takes any -W (0 meaning its default): we raise small ones */
	CHECK(PARSE("-W", "100") == 0);
	CHECK(o.recv_window == SVR_OPTS_MIN_WINDOW);
	CHECK(strstr(o.warning, "-W 100 is out of range, using 4096") != NULL);
	CHECK(PARSE("-W0") == 0);
	CHECK(o.recv_window == SVR_OPTS_MIN_WINDOW && o.warning[0] != '\0');
	CHECK(PARSE("-W", "4096") == 0);
	CHECK(o.recv_window == 4096 && o.warning[0] == '\0');
}

TEST(bad_numbers)
{
	CHECK(failed_with(PARSE("-T", "0"), "bad value '0' for -T"));
	CHECK(failed_with(PARSE("-T", "1001"), "-T"));
	CHECK(failed_with(PARSE("-T", "abc"), "bad value 'abc'"));
	CHECK(failed_with(PARSE("-T", ""), "bad value ''"));
	CHECK(failed_with(PARSE("-K", "-1"), "bad value '-1' for -K"));
	CHECK(failed_with(PARSE("-K", "1000000001"), "-K"));
	CHECK(failed_with(PARSE("-I", "5s"), "for -I"));
	CHECK(failed_with(PARSE("-I", " 5"), "for -I"));
	CHECK(failed_with(PARSE("-M", "+5"), "for -M"));
	CHECK(failed_with(PARSE("-W", "abc"), "for -W"));
	CHECK(failed_with(PARSE("-T", "99999999999999999999"), "-T"));
}

TEST(listen_forms)
{
	CHECK(PARSE("-p", "2222") == 0);
	CHECK(o.n_listen == 1 && strcmp(o.listen[0].host, "") == 0 && o.listen[0].port == 2222);
	CHECK(PARSE("-p", "192.168.1.1:22", "-p10022", "-p[fe80::1%br-lan]:2022") == 0);
	CHECK(o.n_listen == 3);
	CHECK(strcmp(o.listen[0].host, "192.168.1.1") == 0 && o.listen[0].port == 22);
	CHECK(strcmp(o.listen[1].host, "") == 0 && o.listen[1].port == 10022);
	CHECK(strcmp(o.listen[2].host, "fe80::1%br-lan") == 0 && o.listen[2].port == 2022);
	CHECK(PARSE("-p", "[::1]:65535", "-p", ":2200", "-p", "localhost:1") == 0);
	CHECK(strcmp(o.listen[0].host, "::1") == 0 && o.listen[0].port == 65535);
	CHECK(strcmp(o.listen[1].host, "") == 0 && o.listen[1].port == 2200);
	CHECK(strcmp(o.listen[2].host, "localhost") == 0 && o.listen[2].port == 1);
	CHECK(PARSE("-p", "[::]:22") == 0);
	CHECK(strcmp(o.listen[0].host, "::") == 0);
}

TEST(listen_max_ten_then_ignored)
{
	CHECK(PARSE("-p1", "-p2", "-p3", "-p4", "-p5", "-p6", "-p7", "-p8", "-p9", "-p10") == 0);
	CHECK(o.n_listen == 10 && o.listen[9].port == 10);
	CHECK(o.warning[0] == '\0');
	/* Dropbear ignores the rest; so do we, with a warning */
	CHECK(PARSE("-p1", "-p2", "-p3", "-p4", "-p5", "-p6", "-p7", "-p8", "-p9", "-p10", "-p11",
	            "-F") == 0);
	CHECK(o.n_listen == 10 && o.listen[9].port == 10 && o.foreground);
	CHECK(strstr(o.warning, "ignoring -p 11") != NULL);
}

TEST(bad_listen)
{
	CHECK(failed_with(PARSE("-p", "127.0.0.1"), "bad port in '127.0.0.1'"));
	CHECK(failed_with(PARSE("-p", "0"), "bad port"));
	CHECK(failed_with(PARSE("-p", "65536"), "bad port"));
	CHECK(failed_with(PARSE("-p", "127.0.0.1:"), "bad port"));
	CHECK(failed_with(PARSE("-p", "127.0.0.1:ssh"), "bad port"));
	CHECK(failed_with(PARSE("-p", "[::1]"), "bad listen address '[::1]'"));
	CHECK(failed_with(PARSE("-p", "[::1]22"), "bad listen address"));
	CHECK(failed_with(PARSE("-p", "[::1:22"), "bad listen address"));
	CHECK(failed_with(PARSE("-p", ""), "bad port"));
	CHECK(
	    failed_with(PARSE("-p", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	                            "aaaaaaaaaa:22"),
	                "too long"));
}

TEST(hostkeys_repeatable)
{
	CHECK(PARSE("-r", "/k1", "-r/k2", "-Rr", "/k3") == 0);
	CHECK(o.n_hostkeys == 3 && o.hostkeys_default == 0 && o.create_hostkeys);
	CHECK(strcmp(o.hostkeys[0], "/k1") == 0);
	CHECK(strcmp(o.hostkeys[1], "/k2") == 0);
	CHECK(strcmp(o.hostkeys[2], "/k3") == 0);
	CHECK(failed_with(
	    PARSE("-r1", "-r2", "-r3", "-r4", "-r5", "-r6", "-r7", "-r8", "-r9", "-r10", "-r11"),
	    "too many -r"));
}

TEST(unknown_and_invalid)
{
	CHECK(failed_with(PARSE("-Z"), "unknown option -Z"));
	CHECK(failed_with(PARSE("-FZ"), "unknown option -Z"));
	CHECK(failed_with(PARSE("-d", "/k"), "unknown option -d"));
	CHECK(failed_with(PARSE("--", "-F"), "unknown option --"));
	CHECK(failed_with(PARSE("foo"), "invalid argument 'foo'"));
	CHECK(failed_with(PARSE("-"), "invalid argument '-'"));
	CHECK(failed_with(PARSE("-F", "22"), "invalid argument '22'"));
}

TEST(missing_values)
{
	static const char *const with_value[] = {"-p", "-r", "-P", "-c", "-b", "-D", "-G",
	                                         "-l", "-T", "-K", "-I", "-W", "-M"};
	size_t i;

	for (i = 0; i < sizeof(with_value) / sizeof(with_value[0]); i++) {
		char want[32];
		snprintf(want, sizeof(want), "option %s needs a value", with_value[i]);
		CHECK(failed_with(PARSE("-F", with_value[i]), want));
	}
	CHECK(failed_with(PARSE("-FEp"), "option -p needs a value"));
}

TEST(algorithm_lists)
{
	struct algo_prefs def;

	algo_prefs_default(&def);
	CHECK(PARSE("-F") == 0 && o.algos.set == 0);
	CHECK(memcmp(&o.algos, &def, sizeof(def)) == 0);
	CHECK(PARSE("-o", "Ciphers=chacha20-poly1305@openssh.com", "-oMACs=-*") == 0);
	CHECK(o.algos.set == ((1u << ALGO_CIPHER) | (1u << ALGO_MAC)));
	CHECK(o.algos.cat[ALGO_CIPHER].n == 1 && o.algos.cat[ALGO_MAC].n == 0);
	CHECK(failed_with(PARSE("-o", "Ciphers=rot13"), "rot13"));
	CHECK(failed_with(PARSE("-o", "PermitRootLogin=yes"), "PermitRootLogin"));
	CHECK(failed_with(PARSE("-o"), "-o needs a value"));
}

TEST(help_and_version_stop)
{
	CHECK(PARSE("-h", "-Z") == 0 && o.show_help);
	CHECK(PARSE("-F", "-V", "junk") == 0 && o.show_version && o.foreground);
	CHECK(PARSE("-FEV") == 0 && o.show_version);
	CHECK(PARSE("--help") == 0 && o.show_help);
	CHECK(PARSE("--version") == 0 && o.show_version);
	CHECK(PARSE("-F") == 0 && !o.show_help && !o.show_version);
}

TEST(error_text_fits)
{
	char small[8];
	char *argv[] = {"shrewd", "-Z", NULL};

	memset(small, 'x', sizeof(small));
	CHECK(svr_opts_parse(2, argv, &o, small, sizeof(small)) == E_ARG);
	CHECK(memchr(small, '\0', sizeof(small)) != NULL);
	CHECK(svr_opts_parse(2, argv, &o, NULL, 0) == E_ARG);
}

TEST(openwrt_init_command_line)
{
	/* what OpenWrt's /etc/init.d/dropbear runs under procd */
	CHECK(PARSE_DB("-F", "-P", "/var/run/dropbear.1.pid", "-p", "192.168.1.1:22", "-p",
	               "[fd00::1]:22", "-K", "300", "-T", "3", "-s", "-g", "-j", "-k", "-W",
	               "262144", "-b", "/etc/banner", "-r",
	               "/etc/dropbear/dropbear_ed25519_host_key", "-a") == 0);
	CHECK(o.n_listen == 2 && strcmp(o.listen[1].host, "fd00::1") == 0);
	CHECK(o.keepalive == 300 && o.max_auth_tries == 3 && o.recv_window == 262144);
	CHECK(o.n_hostkeys == 1 && o.fwd_any_host && o.foreground);
}

TEST(usage_mentions_every_flag)
{
	static const char letters[] = "prRFEPisgwGBtDjkacmbezTKIMWvVhl";
	char buf[8192];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	size_t i;

	CHECK(f != NULL);
	if (!f)
		return;
	svr_opts_usage(f, 0);
	fclose(f);
	buf[sizeof(buf) - 1] = '\0';
	for (i = 0; letters[i]; i++) {
		char want[8];
		snprintf(want, sizeof(want), "  -%c ", letters[i]);
		if (!strstr(buf, want)) {
			fprintf(stderr, "    usage lacks %s\n", want);
			CHECK(0);
		}
	}
	CHECK(strstr(buf, SVR_OPTS_PIDFILE) != NULL);
}

static int test_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	RUN(defaults_shrew_names);
	RUN(defaults_dropbear_names);
	RUN(boolean_flags);
	RUN(grouped_flags);
	RUN(inetd_implies_foreground);
	RUN(verbose_counts);
	RUN(string_values);
	RUN(number_values);
	RUN(window_clamped_with_warning);
	RUN(window_raised_with_warning);
	RUN(bad_numbers);
	RUN(listen_forms);
	RUN(listen_max_ten_then_ignored);
	RUN(bad_listen);
	RUN(hostkeys_repeatable);
	RUN(unknown_and_invalid);
	RUN(missing_values);
	RUN(algorithm_lists);
	RUN(help_and_version_stop);
	RUN(error_text_fits);
	RUN(openwrt_init_command_line);
	RUN(usage_mentions_every_flag);
	return unit_done();
}
