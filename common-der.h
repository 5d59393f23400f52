/*
 * common-der.h - a minimal, strict DER reader (ITU-T X.690 section 10)
 * for the ASN.1 key formats: PKCS#1 (RFC 8017 A.1.2), SEC1 (RFC 5915)
 * and PKCS#8 (RFC 5208, RFC 5958).
 *
 * Built on struct rd: every byte is read through the bounds-checked
 * cursor, and the cursor's first error is sticky.  Only what DER allows
 * is accepted: single-byte tags (no high tag numbers), definite lengths
 * in the shortest form (long form only from 128, no leading zero length
 * octets, at most 4 length octets), no length past the input that holds
 * it, minimal INTEGERs.  Constructed values are entered with der_enter(),
 * which gives a child reader over exactly the value's contents; nesting is
 * bounded by DER_MAX_DEPTH.  Views point into the input.
 */
#ifndef SHREW_COMMON_DER_H
#define SHREW_COMMON_DER_H

#include <stddef.h>
#include <stdint.h>

#include "common-rd.h"

/* Tags (class, constructed bit and number in one byte). */
#define DER_INTEGER 0x02
#define DER_BIT_STRING 0x03
#define DER_OCTET_STRING 0x04
#define DER_NULL 0x05
#define DER_OID 0x06
#define DER_SEQUENCE 0x30
/* Context-specific [n]: constructed (EXPLICIT, or IMPLICIT of a
 * constructed type) and primitive (IMPLICIT of a primitive type). */
#define DER_CTX(n) (0xa0 | (n))
#define DER_CTX_PRIM(n) (0x80 | (n))

/* Deepest nesting der_enter() allows. */
#define DER_MAX_DEPTH 8

struct der {
	struct rd r;    /* over this level's contents */
	unsigned depth; /* 0 for the outermost level */
};

/* Starts a reader over n bytes of DER at p (depth 0). */
void der_init(struct der *d, const void *p, size_t n);

/* Sets *tag to the next element's tag without consuming it.  E_SHORT at
 * the end of this level, or the sticky error. */
int der_peek(const struct der *d, uint8_t *tag);

/* Reads the next element, which must have tag `tag` (else E_FORMAT), and
 * sets *content to its contents. */
int der_get(struct der *d, uint8_t tag, struct view *content);

/* Reads the next element (tag `tag`, usually DER_SEQUENCE or DER_CTX(n),
 * or DER_OCTET_STRING for one that wraps DER) and starts *inner over its
 * contents, one level deeper.  E_TOOBIG past DER_MAX_DEPTH. */
int der_enter(struct der *d, uint8_t tag, struct der *inner);

/* Reads a non-negative INTEGER and sets *mag to its big-endian magnitude
 * without a leading zero byte (zero is an empty view).  E_FORMAT for a
 * negative or non-minimal encoding, E_TOOBIG if over cap bytes. */
int der_uint(struct der *d, size_t cap, struct view *mag);

/* Reads a non-negative INTEGER that must fit in 32 bits (versions). */
int der_u32(struct der *d, uint32_t *v);

/* Reads a BIT STRING with no unused bits (keys, points) and sets *bits to
 * its bytes after the unused-bits octet.  Also takes an IMPLICIT tag: tag
 * is DER_BIT_STRING or DER_CTX_PRIM(n). */
int der_bits(struct der *d, uint8_t tag, struct view *bits);

/* Reads an OBJECT IDENTIFIER and sets *oid to its content octets, after
 * checking each sub-identifier is minimally encoded and complete. */
int der_oid(struct der *d, struct view *oid);

/* Reads a NULL (empty contents). */
int der_null(struct der *d);

/* E_OK if this level is used up, E_TRAILING if elements are left (or the
 * sticky error). */
int der_end(const struct der *d);

/* 1 if the content octets of oid equal the n bytes at enc, else 0. */
int der_oid_eq(struct view oid, const uint8_t *enc, size_t n);

#endif
