/*
 * common-rd.h - the one bounds-checked read cursor over untrusted bytes.
 *
 * Every parser of network or file data reads through this API; nothing
 * else does pointer arithmetic on packet data.  Getters return E_OK or an
 * E_* code (common-err.h) and never read past the end.  The first error is
 * sticky: once a getter fails, every later getter returns that error too,
 * so a parser may check once at the end.  Views point into the input
 * buffer (zero-copy) and live as long as it does.
 */
#ifndef SHREW_COMMON_RD_H
#define SHREW_COMMON_RD_H

#include <stddef.h>
#include <stdint.h>

struct view {
	const uint8_t *p;
	size_t len;
};

struct rd {
	const uint8_t *p;
	size_t len;
	size_t off;
	int err;
};

/* Starts a cursor over n bytes at p. */
void rd_init(struct rd *r, const void *p, size_t n);

/* Bytes not yet read. */
size_t rd_left(const struct rd *r);

int rd_u8(struct rd *r, uint8_t *v);
/* SSH boolean: any non-zero byte is true (RFC 4251 5); *v is 0 or 1. */
int rd_bool(struct rd *r, int *v);
int rd_u32(struct rd *r, uint32_t *v);
int rd_u64(struct rd *r, uint64_t *v);

/* A view of the next n raw bytes. */
int rd_bytes(struct rd *r, size_t n, struct view *v);

/* Copies the next n raw bytes into out. */
int rd_copy(struct rd *r, void *out, size_t n);

/* SSH string: uint32 length + bytes.  E_TOOBIG if length > cap. */
int rd_string(struct rd *r, size_t cap, struct view *v);

/* An SSH string that must hold text without NUL bytes (names, name-lists,
 * user names).  E_FORMAT on an embedded NUL. */
int rd_text(struct rd *r, size_t cap, struct view *v);

/* SSH mpint that must be non-negative (RFC 4251 5): rejects a negative
 * value and non-minimal encodings (a needless leading 0x00, or a leading
 * 0x00 not followed by a byte with the high bit set).  *v is the magnitude,
 * big-endian, without the sign byte; zero is an empty view.  E_TOOBIG if the
 * magnitude is over cap bytes. */
int rd_mpint(struct rd *r, size_t cap, struct view *v);

/* E_OK if every byte was read, E_TRAILING if some are left (or the sticky
 * error, if any). */
int rd_end(const struct rd *r);

/* Returns 1 if view v equals the NUL-terminated string s, else 0. */
int view_eq(struct view v, const char *s);

#endif
