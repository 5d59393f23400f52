/*
 * common-wr.h - writer into a caller-owned buffer of fixed capacity.
 *
 * Putters return E_OK or E_TOOBIG when the buffer is full; the first error
 * is sticky (later putters do nothing and return it), so a builder may
 * check once at the end.  Nothing here allocates.
 */
#ifndef SHREW_COMMON_WR_H
#define SHREW_COMMON_WR_H

#include <stddef.h>
#include <stdint.h>

struct wr {
	uint8_t *p;
	size_t cap;
	size_t len;
	int err;
};

/* Starts a writer over cap bytes at buf, empty. */
void wr_init(struct wr *w, void *buf, size_t cap);

int wr_u8(struct wr *w, uint8_t v);
int wr_bool(struct wr *w, int v);
int wr_u32(struct wr *w, uint32_t v);
int wr_u64(struct wr *w, uint64_t v);
/* n raw bytes. */
int wr_bytes(struct wr *w, const void *p, size_t n);
/* SSH string: uint32 length + n bytes. */
int wr_string(struct wr *w, const void *p, size_t n);
/* SSH string from a NUL-terminated C string. */
int wr_cstr(struct wr *w, const char *s);
/* SSH mpint of a non-negative big-endian magnitude (leading zero bytes are
 * skipped, a 0x00 is prepended when the high bit is set). */
int wr_mpint(struct wr *w, const uint8_t *mag, size_t n);
/* Reserves n bytes and sets *out to them, for the caller to fill. */
int wr_reserve(struct wr *w, size_t n, uint8_t **out);
/* Writes v as a big-endian uint32 at offset off (already written), for
 * lengths known only afterwards. */
int wr_patch_u32(struct wr *w, size_t off, uint32_t v);

#endif
