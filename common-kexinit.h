/*
 * common-kexinit.h - SSH_MSG_KEXINIT: pure parser, builder, and the
 * algorithm negotiation of RFC 4253 section 7.1.
 *
 *   byte         SSH_MSG_KEXINIT (20)
 *   byte[16]     cookie (random bytes)
 *   name-list    kex_algorithms
 *   name-list    server_host_key_algorithms
 *   name-list    encryption_algorithms_client_to_server
 *   name-list    encryption_algorithms_server_to_client
 *   name-list    mac_algorithms_client_to_server
 *   name-list    mac_algorithms_server_to_client
 *   name-list    compression_algorithms_client_to_server
 *   name-list    compression_algorithms_server_to_client
 *   name-list    languages_client_to_server
 *   name-list    languages_server_to_client
 *   boolean      first_kex_packet_follows
 *   uint32       0 (reserved for future extension)
 *
 * Nothing here allocates, does I/O or keeps state: the transport feeds a
 * payload in and acts on the struct kex_choice that comes out.
 */
#ifndef SHREW_COMMON_KEXINIT_H
#define SHREW_COMMON_KEXINIT_H

#include <stddef.h>
#include <stdint.h>

#include "common-algo.h"
#include "common-msg.h"
#include "common-rd.h"
#include "common-wr.h"

#define KEXINIT_COOKIE_LEN 16

/* Longest name-list accepted in a KEXINIT, in bytes.  OpenSSH 9.x's
 * longest (its client's host key list with certificates) is under 500. */
#define KEXINIT_MAX_NAMELIST 4096

/* Index of each name-list in struct kexinit, in wire order. */
enum kexinit_list {
	KEXINIT_KEX = 0,
	KEXINIT_HOSTKEY,
	KEXINIT_CIPHER_C2S,
	KEXINIT_CIPHER_S2C,
	KEXINIT_MAC_C2S,
	KEXINIT_MAC_S2C,
	KEXINIT_COMP_C2S,
	KEXINIT_COMP_S2C,
	KEXINIT_LANG_C2S,
	KEXINIT_LANG_S2C,
	KEXINIT_NLISTS
};

/* A parsed KEXINIT.  The views point into the parsed payload and live as
 * long as it does. */
struct kexinit {
	struct view cookie;               /* 16 bytes */
	struct view list[KEXINIT_NLISTS]; /* each a valid name-list */
	int first_kex_follows;            /* 0 or 1 */
	uint32_t reserved;                /* ignored (see kexinit_parse) */
};

/*
 * Name-lists (RFC 4251 section 5).  A valid list is empty, or non-empty
 * names joined by single commas: every byte printable US-ASCII other than
 * space (0x21..0x7e), no empty name (so no leading or trailing comma and
 * no ",,").  RFC 4251 section 6's 64-byte limit per name is not enforced
 * (names are only ever compared); the whole list is capped instead.
 */

/* 1 if list is a valid name-list, else 0. */
int namelist_valid(struct view list);

/* Iterates the names of a valid list: starts with *off = 0; each call
 * stores the next name in *name, advances *off and returns 1, or returns
 * 0 when the list is exhausted. */
int namelist_next(struct view list, size_t *off, struct view *name);

/* 1 if the valid list holds name exactly (case-sensitive), else 0. */
int namelist_has(struct view list, struct view name);

/* Same, for a NUL-terminated name. */
int namelist_has_str(struct view list, const char *name);

/*
 * Parses a KEXINIT payload (message byte included) of n bytes into *out.
 * Returns E_OK; E_FORMAT if the message number is not 20 or a name-list is
 * malformed (NUL, non-printable or non-ASCII byte, space, empty name);
 * E_TOOBIG for a name-list over KEXINIT_MAX_NAMELIST; E_SHORT if the
 * payload ends early; E_TRAILING for bytes after the reserved field.  The
 * reserved uint32 is stored but not checked (RFC 4253 reserves it "for
 * future extension"; OpenSSH ignores it too).  On error *out is zeroed.
 */
int kexinit_parse(const uint8_t *payload, size_t n, struct kexinit *out);

/*
 * Appends a KEXINIT payload (message byte, cookie, the ten lists in wire
 * order, first_kex_packet_follows, reserved 0) to w.  lists[i] are raw
 * comma-separated names (not checked here).  Returns E_OK or w's sticky
 * error.
 */
int kexinit_build(struct wr *w, const uint8_t cookie[KEXINIT_COOKIE_LEN],
                  const struct view lists[KEXINIT_NLISTS], int first_kex_follows);

/*
 * Appends OUR KEXINIT to w: the algo_write_*_list() lists of
 * common-algo.h (the server's kex list with kex-strict-s, the client's
 * with ext-info-c and kex-strict-c), host key algorithms restricted to the
 * mask hostkey_sigs (ALGO_SIG_BIT; a server passes what its loaded keys
 * can sign, a client algo_sigs_all()), compression "none", no languages,
 * first_kex_packet_follows 0 (shrew never guesses).  prefs chooses and
 * orders what is offered (NULL: every built-in algorithm).  Returns E_OK,
 * E_ARG if no offered host key algorithm is in hostkey_sigs, or w's error
 * (E_TOOBIG).
 */
int kexinit_build_ours(struct wr *w, const uint8_t cookie[KEXINIT_COOKIE_LEN], int is_server,
                       unsigned hostkey_sigs, const struct algo_prefs *prefs);

/* Outcome of the negotiation. */
struct kex_choice {
	enum kex_alg kex;
	enum sig_alg hostkey;
	enum cipher_alg cipher_c2s, cipher_s2c;
	enum mac_alg mac_c2s, mac_s2c; /* MACALG_NONE with an AEAD cipher */
	int peer_ext_info;             /* peer sent ext-info-c (we are server) or
	                       ext-info-s (we are client) (RFC 8308) */
	int strict;                    /* client sent kex-strict-c-v00@openssh.com AND
	                       server sent kex-strict-s-v00@openssh.com */
	int guess_wrong;               /* peer set first_kex_packet_follows and guessed
	                       wrong: discard its first kex packet */
	const char *failed_category;   /* on E_UNSUPPORTED: "kex", "host key",
	                                "cipher c2s", ..., "compression s2c";
	                                else NULL */
};

/*
 * RFC 4253 section 7.1 negotiation between a client's and a server's
 * parsed KEXINIT; is_server says which of them is ours (1: the server's)
 * and so which side is the peer.  Each category takes the first name on
 * the CLIENT's list that is also on the server's and that shrew has built
 * in; pseudo-algorithms (ext-info-*, kex-strict-*) are never chosen.
 * Compression must come out "none" (the only one supported); languages
 * are ignored.  With an AEAD cipher in a direction, that direction's MAC
 * is not negotiated (as OpenSSH does; the MAC lists may then have no
 * common name) and is MACALG_NONE.  The guess of RFC 4253 section 7 is
 * right iff the first names of the kex and host key lists of both sides
 * agree; guess_wrong is set only if the peer sent one.  "strict" is only
 * meaningful for the first key exchange of a connection (the transport
 * remembers it).  Returns E_OK, or E_UNSUPPORTED with out->failed_category
 * set (the categories before it are filled in, the rest are NONE; the
 * marker and guess fields are always set).  Pure: reads only its arguments.
 */
int kex_negotiate(const struct kexinit *client, const struct kexinit *server, int is_server,
                  struct kex_choice *out);

#endif
