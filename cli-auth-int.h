/*
 * cli-auth-int.h - private declarations shared by cli-auth.c (state
 * machine, EXT_INFO, banner, method order), cli-auth-pubkey.c and
 * cli-auth-kbdint.c (keyboard-interactive and password); the pure
 * parsers are here so the unit test and the fuzzer can call them.
 */
#ifndef SHREW_CLI_AUTH_INT_H
#define SHREW_CLI_AUTH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-key.h"
#include "common-rd.h"
#include "common-sess.h"
#include "cli-agent.h"
#include "cli-opts.h"
#include "cli.h"

/* Methods, in the order they are tried (OpenSSH's). */
enum cli_auth_method {
	CA_NONE = 0, /* the "none" request */
	CA_PUBKEY,
	CA_KBDINT,
	CA_PASSWORD
};
#define CA_BIT(m) (1u << (m))

/* Caps on what the server sends. */
#define CLI_AUTH_MAX_LIST 1024      /* FAILURE name-list */
#define CLI_AUTH_MAX_EXT 256        /* EXT_INFO nr-extensions */
#define CLI_AUTH_MAX_TEXT 8192      /* banner, name, instruction, prompt */
#define CLI_AUTH_MAX_LANG 256       /* language tags */
#define CLI_KBD_MAX_PROMPTS 32      /* prompts in one INFO_REQUEST */
#define CLI_KBD_MAX_ROUNDS 64       /* INFO_REQUESTs in one attempt */
#define CLI_AUTH_ANSWER_MAX 1024    /* one typed answer (password ...) */
#define CLI_AUTH_PASSPHRASE_TRIES 3 /* per encrypted key file */
/* Room for one USERAUTH_REQUEST (the largest: publickey with an RSA
 * signature) preceded by the session id string it is signed with. */
#define CLI_AUTH_MSG_CAP                                                                          \
	(4 + HASH_MAX_LEN + 1 + 4 + SHREW_MAX_USERNAME + 64 + 4 + 32 + 4 + KEY_MAX_PUB_BLOB + 4 + \
	 KEY_MAX_SIG_BLOB + 64)

/* Asks the user (cli_prompt's contract); replaceable for tests. */
typedef int (*cli_auth_prompt_fn)(const struct cli_opts *o, const char *prompt, int echo, char *buf,
                                  size_t cap, size_t *len);

/* Where the publickey method's outstanding request came from. */
enum cli_pk_src { PK_AGENT = 1, PK_FILE };

struct cli_auth {
	enum cli_auth_method cur;            /* the method whose request is outstanding */
	int done_all;                        /* success, or failure reported */
	unsigned allowed;                    /* CA_BIT()s of the server's last list */
	unsigned exhausted;                  /* CA_BIT()s of methods with nothing left */
	char methods[CLI_AUTH_MAX_LIST + 1]; /* that list, printable */
	cli_auth_prompt_fn prompt;
	/* publickey */
	int pk_started;
	int agent_fd; /* -1: none */
	struct agent_ids ids;
	size_t agent_next;      /* next agent key to offer */
	int file_next;          /* next identity file */
	int pk_query;           /* 1: a query (no signature) is outstanding */
	enum cli_pk_src pk_src; /* where the offered key lives */
	int pk_file;            /* its identity index (PK_FILE) */
	enum sig_alg pk_alg;    /* the algorithm offered */
	uint8_t pk_blob[KEY_MAX_PUB_BLOB];
	size_t pk_blob_len;
	/* keyboard-interactive and password */
	unsigned kbd_tries;  /* attempts started */
	int kbd_info_seen;   /* this attempt got an INFO_REQUEST */
	unsigned kbd_rounds; /* INFO_REQUESTs in this attempt */
	unsigned pw_tries;   /* passwords sent */
	int no_tty_warned;
	uint8_t msg[CLI_AUTH_MSG_CAP]; /* the request being built */
};

/* ---- Pure parsers and decisions (cli-auth.c) ----------------------------- */

/* SSH_MSG_EXT_INFO (RFC 8308 2.3): byte 7, uint32 nr-extensions (at most
 * CLI_AUTH_MAX_EXT), nr * (string name, string value).  *sig_algs gets the
 * bits (1u << enum sig_alg) of the server-sig-algs names we know, *has
 * whether that extension was there.  E_OK or the cursor's error (E_FORMAT
 * for another message number, E_TOOBIG for too many extensions). */
int cli_ext_info_parse(const uint8_t *p, size_t n, unsigned *sig_algs, int *has);

/* USERAUTH_FAILURE: byte 51, name-list methods, boolean partial. */
int cli_auth_failure_parse(const uint8_t *p, size_t n, struct view *methods, int *partial);

/* CA_BIT()s of the methods we know in a name-list. */
unsigned cli_auth_methods_mask(struct view list);

/* The next method to start: the first of publickey, keyboard-interactive,
 * password that is in allowed and enabled and not in exhausted; CA_NONE
 * when there is none. */
enum cli_auth_method cli_auth_pick(unsigned allowed, unsigned enabled, unsigned exhausted);

/* CA_BIT()s of the methods o enables (BatchMode disables the two that
 * need a person). */
unsigned cli_auth_enabled(const struct cli_opts *o);

/* USERAUTH_BANNER: byte 53, string message, string language. */
int cli_auth_banner_parse(const uint8_t *p, size_t n, struct view *msg);

/* Copies n bytes of peer text into out (cap > 0, NUL-terminated) fit for a
 * terminal: \n and \t kept, \r dropped, other control characters (ESC,
 * DEL, C1) shown as ^X or '?', valid UTF-8 kept, invalid bytes '?'.
 * Stops before a character that would not fit.  Returns the length. */
size_t cli_auth_sanitize(const uint8_t *in, size_t n, char *out, size_t cap);

/* The signature algorithm to offer for a key type given the server's
 * EXT_INFO (see cli-auth-pubkey.c). */
enum sig_alg cli_auth_sig_for(enum key_type t, int ext_seen, unsigned server_algs);

/* USERAUTH_PK_OK: byte 60, string alg, string blob. */
int cli_auth_pk_ok_parse(const uint8_t *p, size_t n, struct view *alg, struct view *blob);

/* USERAUTH_INFO_REQUEST (RFC 4256 3.2): byte 60, string name, string
 * instruction, string language, int num-prompts (at most
 * CLI_KBD_MAX_PROMPTS), num * (string prompt, boolean echo). */
struct cli_kbd_req {
	struct view name, instruction, lang;
	uint32_t n;
	struct view prompt[CLI_KBD_MAX_PROMPTS];
	int echo[CLI_KBD_MAX_PROMPTS];
};
int cli_kbd_req_parse(const uint8_t *p, size_t n, struct cli_kbd_req *out);

/* USERAUTH_PASSWD_CHANGEREQ (RFC 4252 8): byte 60, string prompt,
 * string language. */
int cli_passwd_changereq_parse(const uint8_t *p, size_t n, struct view *prompt);

/* ---- Shared helpers (cli-auth.c) -------------------------------------------- */

/* Starts a USERAUTH_REQUEST in a->msg after room for the session id
 * string: byte 50, string user, string "ssh-connection", string method.
 * *body is the offset where the message starts. */
void cli_auth_req_begin(struct sess *s, struct wr *w, const char *method, size_t *body);

/* Messages to stderr: a warning unless quiet; debug only with -v. */
void cli_auth_warn(const struct sess *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_auth_debug(const struct sess *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints peer text sanitized to stderr (with a newline if it lacks one). */
void cli_auth_print_text(struct view v);

/* Protocol error: sess_disconnect and E_FORMAT. */
int cli_auth_proto_error(struct sess *s, const char *why);

/* Asks through a->prompt.  Returns 0 with the answer in buf; 1 when
 * nobody can answer (BatchMode, no terminal: reported once, too long):
 * skip what needed it; or E_AUTH when the user cancelled (Ctrl-C, askpass
 * cancelled), after sess_disconnect(AUTH_CANCELLED_BY_USER). */
int cli_auth_ask(struct sess *s, const char *prompt, int echo, char *buf, size_t cap, size_t *len);

/* ---- The methods ---------------------------------------------------------------
 * _next: start the method or try its next candidate.  Returns 1 when a
 * request was sent (wait for the answer), 0 when the method has nothing
 * (more) to try, or an error (the connection ends). */
int cli_auth_pubkey_next(struct sess *s);
/* PK_OK for the outstanding query: 1 signed request sent; 0 the key could
 * not sign (skip to the next); or an error. */
int cli_auth_pubkey_ok(struct sess *s, const uint8_t *p, size_t n);
/* Closes the agent and forgets the offered key. */
void cli_auth_pubkey_end(struct cli_auth *a);

int cli_auth_kbdint_next(struct sess *s);
/* INFO_REQUEST: 0 answered; 1 the method was abandoned (nobody to ask,
 * too many rounds): the caller moves on; or an error. */
int cli_auth_kbdint_info(struct sess *s, const uint8_t *p, size_t n);

int cli_auth_password_next(struct sess *s);
/* PASSWD_CHANGEREQ: prints the server's text; the method is over. */
int cli_auth_password_changereq(struct sess *s, const uint8_t *p, size_t n);

#endif
