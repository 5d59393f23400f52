/*
 * svr-opts.c - shrewd's command line parser (see svr-opts.h).
 *
 * Dropbear's rules, checked against its 2022.83 binary: each word starting
 * with '-' is a group of one-letter flags ("-FE"); a flag taking a value
 * takes the rest of its word ("-p2222", "-FEp2222") or, if that is empty,
 * the whole next word, whatever it looks like ("-c -x" forces "-x"); any
 * other word is an error.  The flags are one const table; each entry says
 * where in struct svr_opts its value goes.  Flags for features compiled
 * out (-j/-k without forwarding, -s/-g/-B without passwords) are accepted
 * and do nothing, so a Dropbear init script still starts the server.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "applets.h"
#include "svr-opts.h"

enum flag_kind {
	FK_SET,     /* int field = 1 */
	FK_COUNT,   /* int field += 1 */
	FK_STRING,  /* const char * field = value */
	FK_NUMBER,  /* unsigned int field = value in [min, max] */
	FK_WINDOW,  /* -W: like FK_NUMBER, clamped above with a warning */
	FK_LISTEN,  /* -p */
	FK_HOSTKEY, /* -r */
	FK_ALGO,    /* -o Name=list (OpenSSH's algorithm lists) */
	FK_HELP,    /* -h: stop */
	FK_VERSION  /* -V: stop */
};

struct flag {
	char letter;
	unsigned char kind;
	unsigned short off; /* offsetof(struct svr_opts, field) */
	unsigned int min, max;
};

#define F_SET(c, field)                                           \
	{                                                         \
		c, FK_SET, offsetof(struct svr_opts, field), 0, 0 \
	}
#define F_STR(c, field)                                              \
	{                                                            \
		c, FK_STRING, offsetof(struct svr_opts, field), 0, 0 \
	}
#define F_NUM(c, field, lo, hi)                                        \
	{                                                              \
		c, FK_NUMBER, offsetof(struct svr_opts, field), lo, hi \
	}

static const struct flag flags[] = {
    F_SET('F', foreground),
    F_SET('E', log_stderr),
    F_SET('R', create_hostkeys),
    F_SET('i', inetd),
    F_SET('s', no_password),
    F_SET('g', no_root_password),
    F_SET('w', no_root),
    F_SET('B', allow_blank),
    F_SET('t', two_factor),
    F_SET('j', no_local_fwd),
    F_SET('k', no_remote_fwd),
    F_SET('a', fwd_any_host),
    F_SET('m', no_motd),
    F_SET('e', pass_env),
    F_SET('z', no_qos),
    {'v', FK_COUNT, offsetof(struct svr_opts, verbose), 0, 0},
    F_STR('P', pidfile),
    F_STR('c', forced_command),
    F_STR('b', banner),
    F_STR('D', authkeys_dir),
    F_STR('G', group),
    F_STR('l', iface),
    F_NUM('T', max_auth_tries, 1, SVR_OPTS_MAX_AUTH_TRIES),
    F_NUM('K', keepalive, 0, SVR_OPTS_MAX_SECONDS),
    F_NUM('I', idle_timeout, 0, SVR_OPTS_MAX_SECONDS),
    F_NUM('M', max_duration, 0, SVR_OPTS_MAX_SECONDS),
    {'W', FK_WINDOW, offsetof(struct svr_opts, recv_window), SVR_OPTS_MIN_WINDOW,
     SVR_OPTS_MAX_WINDOW},
    {'p', FK_LISTEN, 0, 0, 0},
    {'r', FK_HOSTKEY, 0, 0, 0},
    {'o', FK_ALGO, 0, 0, 0},
    {'h', FK_HELP, 0, 0, 0},
    {'V', FK_VERSION, 0, 0, 0},
};

#define N_FLAGS (sizeof(flags) / sizeof(flags[0]))

/* Default host keys, strongest first, only the types compiled in. */
static const char *const shrew_keys[] = {
#if SHREW_ED25519
    SHREW_CONF_DIR "/shrew_ed25519_host_key",
#endif
#if SHREW_ECDSA
    SHREW_CONF_DIR "/shrew_ecdsa_host_key",
#endif
#if SHREW_RSA
    SHREW_CONF_DIR "/shrew_rsa_host_key",
#endif
    NULL};

static const char *const dropbear_keys[] = {
#if SHREW_ED25519
    SHREW_DROPBEAR_CONF_DIR "/dropbear_ed25519_host_key",
#endif
#if SHREW_ECDSA
    SHREW_DROPBEAR_CONF_DIR "/dropbear_ecdsa_host_key",
#endif
#if SHREW_RSA
    SHREW_DROPBEAR_CONF_DIR "/dropbear_rsa_host_key",
#endif
    NULL};

static const struct flag *find_flag(char c)
{
	size_t i;

	for (i = 0; i < N_FLAGS; i++)
		if (flags[i].letter == c)
			return &flags[i];
	return NULL;
}

/* Formats a message into err and returns E_ARG. */
static int fail(char *err, size_t errcap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errcap, const char *fmt, ...)
{
	va_list ap;

	if (errcap) {
		va_start(ap, fmt);
		vsnprintf(err, errcap, fmt, ap);
		va_end(ap);
	}
	return E_ARG;
}

/* Decimal digits only (no sign, no spaces), value in [min, max]; a value
 * above max (or overflowing) sets *over and returns 0 with *v = max. */
static int parse_uint(const char *s, unsigned int min, unsigned int max, unsigned int *v, int *over)
{
	unsigned long n = 0;
	size_t i;

	*over = 0;
	if (!*s)
		return -1;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (n <= max)
			n = n * 10 + (unsigned long)(s[i] - '0');
	}
	if (n < min)
		return -1;
	if (n > max) {
		*over = 1;
		n = max;
	}
	*v = (unsigned int)n;
	return 0;
}

int svr_opts_parse_listen(const char *spec, struct svr_listen_addr *a, char *err, size_t errcap)
{
	const char *host = spec, *port;
	size_t hlen;
	unsigned int v;
	int over;

	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		if (!close || close[1] != ':')
			return fail(err, errcap, "bad listen address '%s' (want [address]:port)",
			            spec);
		host = spec + 1;
		hlen = (size_t)(close - host);
		port = close + 2;
	} else {
		port = strrchr(spec, ':');
		hlen = port ? (size_t)(port - spec) : 0;
		port = port ? port + 1 : spec;
	}
	if (hlen > SVR_OPTS_MAX_HOST)
		return fail(err, errcap, "listen address too long: '%s'", spec);
	if (parse_uint(port, 1, 65535, &v, &over) || over)
		return fail(err, errcap, "bad port in '%s' (want [address:]port, port 1..65535)",
		            spec);
	memcpy(a->host, host, hlen);
	a->host[hlen] = '\0';
	a->port = v;
	return 0;
}

static void set_defaults(struct svr_opts *o, const char *argv0)
{
	memset(o, 0, sizeof(*o));
	o->dropbear_names = argv0 ? applet_is_dropbear_name(argv0) : 0;
	o->max_auth_tries = SHREW_MAX_AUTH_TRIES;
	o->recv_window = SHREW_RECV_WINDOW;
	algo_prefs_default(&o->algos);
	o->pidfile = o->dropbear_names ? SVR_OPTS_DROPBEAR_PIDFILE : SVR_OPTS_PIDFILE;
}

/* Fills in what no flag gave: port 22 everywhere, the default keys. */
static void finish_defaults(struct svr_opts *o)
{
	const char *const *keys = o->dropbear_names ? dropbear_keys : shrew_keys;

	if (o->n_listen == 0) {
		o->listen[0].host[0] = '\0';
		o->listen[0].port = 22;
		o->n_listen = 1;
	}
	if (o->n_hostkeys == 0) {
		o->hostkeys_default = 1;
		for (; *keys && o->n_hostkeys < SVR_OPTS_MAX_HOSTKEYS; keys++)
			o->hostkeys[o->n_hostkeys++] = *keys;
	}
	if (o->inetd)
		o->foreground = 1;
}

/* A number in [f->min, f->max]; -W (FK_WINDOW), which Dropbear never
 * refuses, is instead moved into that range with a warning. */
static int apply_number(struct svr_opts *o, const struct flag *f, const char *val, char *err,
                        size_t errcap)
{
	unsigned int *field = (unsigned int *)((char *)o + f->off);
	unsigned int lo = f->kind == FK_WINDOW ? 0 : f->min;
	int over;

	if (parse_uint(val, lo, f->max, field, &over) || (over && f->kind != FK_WINDOW))
		return fail(err, errcap, "bad value '%s' for -%c (%u..%u)", val, f->letter, f->min,
		            f->max);
	if (over || *field < f->min) {
		*field = over ? f->max : f->min;
		snprintf(o->warning, sizeof(o->warning), "-%c %.40s is out of range, using %u",
		         f->letter, val, *field);
	}
	return 0;
}

/* Applies a flag that takes a value. */
static int apply_value(struct svr_opts *o, const struct flag *f, const char *val, char *err,
                       size_t errcap)
{
	switch (f->kind) {
	case FK_STRING: *(const char **)((char *)o + f->off) = val; return 0;
	case FK_NUMBER:
	case FK_WINDOW: return apply_number(o, f, val, err, errcap);
	case FK_LISTEN:
		if (o->n_listen < SVR_OPTS_MAX_LISTEN)
			return svr_opts_parse_listen(val, &o->listen[o->n_listen++], err, errcap);
		/* Dropbear ignores the 11th -p and later (OpenWrt's init script
		 * can pass one per address of an interface): so do we. */
		snprintf(o->warning, sizeof(o->warning),
		         "more than %d -p options: ignoring -p %.40s", SVR_OPTS_MAX_LISTEN, val);
		return 0;
	case FK_HOSTKEY:
		if (o->n_hostkeys >= SVR_OPTS_MAX_HOSTKEYS)
			return fail(err, errcap, "too many -r options (at most %d)",
			            SVR_OPTS_MAX_HOSTKEYS);
		o->hostkeys[o->n_hostkeys++] = val;
		return 0;
	case FK_ALGO: return algo_prefs_option(&o->algos, val, err, errcap);
	}
	return fail(err, errcap, "internal error in the option table");
}

/* Applies a flag without a value; returns 1 when parsing should stop. */
static int apply_switch(struct svr_opts *o, const struct flag *f)
{
	int *field = (int *)((char *)o + f->off);

	switch (f->kind) {
	case FK_SET: *field = 1; return 0;
	case FK_COUNT: (*field)++; return 0;
	case FK_HELP: o->show_help = 1; return 1;
	case FK_VERSION: o->show_version = 1; return 1;
	}
	return 0;
}

static int takes_value(const struct flag *f)
{
	return f->kind >= FK_STRING && f->kind <= FK_ALGO;
}

/* Parses the flag group argv[*i]; may consume argv[*i + 1].  Returns 0,
 * 1 to stop (-h, -V), or E_ARG. */
static int parse_word(int argc, char **argv, int *i, struct svr_opts *o, char *err, size_t errcap)
{
	const char *w = argv[*i];
	size_t j;

	if (strcmp(w, "--help") == 0 || strcmp(w, "--version") == 0)
		return apply_switch(o, find_flag(w[2] == 'h' ? 'h' : 'V'));
	if (w[0] != '-' || w[1] == '\0')
		return fail(err, errcap, "invalid argument '%s'", w);
	for (j = 1; w[j]; j++) {
		const struct flag *f = find_flag(w[j]);

		if (!f)
			return fail(err, errcap, "unknown option -%c", w[j]);
		if (!takes_value(f)) {
			if (apply_switch(o, f))
				return 1;
			continue;
		}
		if (w[j + 1])
			return apply_value(o, f, w + j + 1, err, errcap);
		if (*i + 1 >= argc)
			return fail(err, errcap, "option -%c needs a value", w[j]);
		*i += 1;
		return apply_value(o, f, argv[*i], err, errcap);
	}
	return 0;
}

int svr_opts_parse(int argc, char **argv, struct svr_opts *o, char *err, size_t errcap)
{
	int i, rc;

	if (errcap)
		err[0] = '\0';
	set_defaults(o, argc > 0 ? argv[0] : NULL);
	for (i = 1; i < argc; i++) {
		rc = parse_word(argc, argv, &i, o, err, errcap);
		if (rc < 0)
			return rc;
		if (rc > 0)
			break;
	}
	finish_defaults(o);
	return 0;
}

static void usage_keys(FILE *f, int dropbear_names)
{
	const char *const *k = dropbear_names ? dropbear_keys : shrew_keys;

	for (; *k; k++)
		fprintf(f, "                     %s\n", *k);
}

/* Prints word after sep, wrapping at 79 columns with a 25-space indent. */
static void put_word(FILE *f, int *col, const char *sep, const char *word)
{
	int n = (int)(strlen(sep) + strlen(word));

	if (*col + n > 79) {
		fputs(sep[0] == ',' ? ",\n" : "\n", f);
		fprintf(f, "%25s%s%s", "", sep[0] == ' ' ? sep + 1 : "", word);
		*col = 25 + n - 1;
		return;
	}
	fprintf(f, "%s%s", sep, word);
	*col += n;
}

/* Each category's default offer, then the built-in rest in brackets. */
static void usage_algos(FILE *f)
{
	static const char *const names[ALGO_NCAT] = {"KexAlgorithms", "HostKeyAlgorithms",
	                                             "Ciphers", "MACs"};
	struct algo_prefs p;
	size_t c, i, k;
	int col;

	algo_prefs_default(&p);
	for (c = 0; c < ALGO_NCAT; c++) {
		const struct algo_list *l = &p.cat[c];
		const char *sep = "";

		fprintf(f, "%23s%s:\n%25s", "", names[c], "");
		col = 25;
		for (k = 0; k < l->n; k++, sep = ",")
			put_word(f, &col, sep, algo_name((enum algo_cat)c, l->idx[k]));
		for (sep = " [", i = 0; i < algo_count((enum algo_cat)c); i++) {
			const char *name = algo_name((enum algo_cat)c, i);

			for (k = 0; k < l->n && l->idx[k] != i; k++)
				;
			if (name && k == l->n) {
				put_word(f, &col, sep, name);
				sep = ",";
			}
		}
		fputs(sep[0] == ',' ? "]\n" : "\n", f);
	}
}

void svr_opts_usage(FILE *f, int dropbear_names)
{
	const char *name = dropbear_names ? "dropbear" : "shrewd";

	fprintf(f,
	        "shrew server %s\n"
	        "Usage: %s [options]\n"
	        "A small SSH-2 server; takes Dropbear's flags letter for letter (flags group:\n"
	        "-FEp22; a value may be attached, -p2222, or the next word, -p 2222).\n\n",
	        SHREW_VERSION, name);
	fputs("  -p [address:]port  listen on this port, on every IPv4 and IPv6 address or on\n"
	      "                     the one given ([v6addr]:port); up to 10 are used\n"
	      "                     (default: port 22 on all addresses)\n"
	      "  -l interface       listen on this network interface only\n"
	      "  -r keyfile         host key file, repeatable; the defaults, used when no -r\n"
	      "                     is given (missing ones are skipped):\n",
	      f);
	usage_keys(f, dropbear_names);
	fprintf(f,
	        "  -R                 create missing host keys (at start-up, before listening)\n"
	        "  -F                 do not fork into the background\n"
	        "  -E                 log to stderr instead of syslog\n"
	        "  -P pidfile         write the listener's pid here (default %s)\n"
	        "  -i                 inetd mode: serve one connection on stdin (implies -F;\n"
	        "                     -p is ignored)\n",
	        dropbear_names ? SVR_OPTS_DROPBEAR_PIDFILE : SVR_OPTS_PIDFILE);
	fputs("  -s                 disable password logins\n"
	      "  -g                 disable password logins for root\n"
	      "  -w                 disallow root logins\n"
	      "  -G group           only allow members of group to log in\n"
	      "  -B                 allow blank passwords\n"
	      "  -t                 require both a password and a public key\n"
	      "  -D directory       read authorized_keys from here instead of ~/.ssh\n"
	      "  -j                 disable local port forwarding\n"
	      "  -k                 disable remote port forwarding\n"
	      "  -a                 let any host connect to remote forwarded ports\n"
	      "  -c command         run this command for every login, whatever is asked\n"
	      "  -m                 do not print the message of the day\n"
	      "  -b bannerfile      show this file before authentication (default: none)\n"
	      "  -e                 pass the server's environment on to sessions\n"
	      "  -z                 do not set the QoS (DSCP) bits of the connection\n"
	      "  -o Name=list       choose what is offered, in OpenSSH's list syntax (list:\n"
	      "                     exactly these; +list: add; -list: remove; ^list: put\n"
	      "                     first; '*' and '?' match); repeatable.  Name, what is\n"
	      "                     offered by default [and what else is built in]:\n",
	      f);
	usage_algos(f);
	fprintf(f,
	        "  -T n               authentication attempts allowed (default %d, 1..%d)\n"
	        "  -K seconds         send a keepalive this often (default 0: never)\n"
	        "  -I seconds         disconnect after this long idle (default 0: never)\n"
	        "  -M seconds         disconnect after this long in all (default 0: never)\n"
	        "  -W bytes           channel receive window (default %d; %d..%d, others are\n"
	        "                     moved into that range)\n"
	        "  -v                 verbose logging (repeat for more)\n"
	        "  -V                 print the version and exit\n"
	        "  -h                 show this help and exit\n",
	        SHREW_MAX_AUTH_TRIES, SVR_OPTS_MAX_AUTH_TRIES, SHREW_RECV_WINDOW,
	        SVR_OPTS_MIN_WINDOW, SVR_OPTS_MAX_WINDOW);
}
