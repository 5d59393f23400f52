/*
 * cli-agent.h - the client's side of the ssh-agent protocol
 * (draft-miller-ssh-agent): list the agent's keys and have it sign.
 *
 * Every message travels in a frame: uint32 length, then the message
 * (byte type, fields).  Frames over AGENT_MAX_FRAME bytes are refused.
 * The builders and parsers below are pure (no I/O) so the unit test and
 * the fuzzer call them directly; agent_list / agent_sign do the socket
 * I/O around them, each read and write bounded by AGENT_TIMEOUT_MS.
 * Only with SHREW_CLIENT.
 */
#ifndef SHREW_CLI_AGENT_H
#define SHREW_CLI_AGENT_H

#include <stddef.h>
#include <stdint.h>

#include "common-key.h"
#include "common-rd.h"
#include "common-wr.h"

/* Message numbers (draft-miller-ssh-agent 6.1). */
#define SSH_AGENT_FAILURE 5
#define SSH_AGENTC_REQUEST_IDENTITIES 11
#define SSH_AGENT_IDENTITIES_ANSWER 12
#define SSH_AGENTC_SIGN_REQUEST 13
#define SSH_AGENT_SIGN_RESPONSE 14
/* Signature flags for RSA keys (draft-miller-ssh-agent 4.5.1). */
#define SSH_AGENT_RSA_SHA2_256 2u
#define SSH_AGENT_RSA_SHA2_512 4u

/* Largest frame accepted from the agent (its contents, without the
 * length field). */
#define AGENT_MAX_FRAME (256 * 1024)
/* Each socket read or write waits at most this long. */
#define AGENT_TIMEOUT_MS 10000
/* Most keys an IDENTITIES_ANSWER may announce (else E_TOOBIG), and most
 * usable keys kept from it (the rest are ignored). */
#define AGENT_MAX_ANNOUNCED 1024
#define AGENT_MAX_IDS 64
/* Caps on one announced key blob (any type) and comment. */
#define AGENT_MAX_BLOB 16384
#define AGENT_MAX_COMMENT 4096

struct agent_id {
	struct view blob;    /* the public key blob (a type we know) */
	struct view comment; /* as the agent sent it: sanitize to print */
	enum key_type type;
};

struct agent_ids {
	uint8_t *buf; /* owns the answer the views point into (agent_list) */
	size_t n;
	struct agent_id id[AGENT_MAX_IDS];
};

/* ---- Pure builders and parsers --------------------------------------- */

/* Appends the frame of SSH_AGENTC_REQUEST_IDENTITIES (uint32 1, byte 11). */
int agent_build_list(struct wr *w);

/* Appends the frame of SSH_AGENTC_SIGN_REQUEST:
 *   byte 13, string key blob, string data, uint32 flags */
int agent_build_sign(struct wr *w, const uint8_t *blob, size_t blob_len, const uint8_t *data,
                     size_t n, uint32_t flags);

/* Parses an answer to REQUEST_IDENTITIES (the frame's contents, type
 * first):
 *   byte 12, uint32 nkeys, nkeys * (string key blob, string comment)
 * Views point into msg (ids->buf is left alone).  Keys whose type we do
 * not know or whose blob does not parse (certificates, DSA, RSA outside
 * the size limits) are skipped; at most AGENT_MAX_IDS are kept.  Returns
 * E_OK; E_UNSUPPORTED for SSH_AGENT_FAILURE; E_TOOBIG when nkeys is over
 * AGENT_MAX_ANNOUNCED or a field over its cap; E_SHORT, E_TRAILING,
 * E_FORMAT (another message type) for a malformed answer. */
int agent_parse_list(const uint8_t *msg, size_t n, struct agent_ids *ids);

/* Parses an answer to SIGN_REQUEST (frame contents):
 *   byte 14, string signature
 * *sig is a view of the signature blob (string alg, string sig) inside
 * msg, at most KEY_MAX_SIG_BLOB bytes.  E_UNSUPPORTED for SSH_AGENT_FAILURE
 * (the agent refused); other errors as above. */
int agent_parse_sign(const uint8_t *msg, size_t n, struct view *sig);

/* 1 if ids holds a key with this blob, else 0. */
int agent_ids_has(const struct agent_ids *ids, const uint8_t *blob, size_t blob_len);

/* ---- Socket I/O ------------------------------------------------------- */

/* Connects to the agent at $SSH_AUTH_SOCK (close-on-exec, non-blocking).
 * Returns the socket, or -1 when the variable is unset or empty, the path
 * too long, or nothing listens there. */
int agent_connect(void);

/* Asks for the agent's keys.  On E_OK, ids holds them (ids->buf owns the
 * answer: release with agent_ids_free).  Errors: E_IO (socket, timeout,
 * the agent closed), E_TOOBIG (frame over AGENT_MAX_FRAME), E_NOMEM, or
 * what agent_parse_list returns; ids is then empty. */
int agent_list(int fd, struct agent_ids *ids);

/* Releases ids->buf; ids becomes empty.  Safe on an empty one. */
void agent_ids_free(struct agent_ids *ids);

/* Asks the agent to sign n bytes at data with the key whose blob is given
 * (flags: SSH_AGENT_RSA_SHA2_* for RSA keys, else 0).  The signature blob
 * (string alg, string sig) goes to sig (cap bytes), its length to
 * *sig_len.  Errors: E_UNSUPPORTED (the agent refused), E_TOOBIG (does not
 * fit in cap), E_IO, E_NOMEM, or a parse error. */
int agent_sign(int fd, const uint8_t *blob, size_t blob_len, const uint8_t *data, size_t n,
               uint32_t flags, uint8_t *sig, size_t cap, size_t *sig_len);

#endif
