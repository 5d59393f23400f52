/*
 * common-transport-int.h - what common-transport.c and
 * common-transport-kex.c share; not for other layers.
 */
#ifndef SHREW_COMMON_TRANSPORT_INT_H
#define SHREW_COMMON_TRANSPORT_INT_H

#include "common-transport.h"

enum { TR_IDENT = 0, TR_RUN, TR_DEAD };

/* A message was consumed inside the transport: read on. */
#define TR_CONSUMED 1

/* Records the failure (first one wins), queues DISCONNECT when reason is
 * non-zero, and returns err (E_FORMAT when err is E_OK). */
int tr_fail(struct transport *t, uint32_t reason, const char *why, int err);

/* Seals one payload straight into the output (no holding back). */
int tr_seal(struct transport *t, const uint8_t *payload, size_t n);

/* Sends the payloads held back during a key exchange. */
int tr_flush_held(struct transport *t);

/* Builds, remembers and sends our KEXINIT; the key exchange is active. */
int tr_kex_send_kexinit(struct transport *t);

/* Handles a key exchange message (20..49). */
int tr_kex_recv(struct transport *t, uint8_t msg, struct view pl);

/* Frees the state of a key exchange in progress. */
void tr_kex_clear(struct transport *t);

#endif
