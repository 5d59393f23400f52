/*
 * common-random.c - getrandom(2) with a /dev/urandom fallback.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "common-err.h"
#include "common-random.h"

/* Returns bytes read (> 0), 0 if the syscall does not exist, -1 on error. */
static long sys_getrandom(void *buf, size_t n)
{
#ifdef SYS_getrandom
	long r;

	do {
		r = syscall(SYS_getrandom, buf, n, 0);
	} while (r < 0 && errno == EINTR);
	if (r < 0 && errno == ENOSYS)
		return 0;
	return r;
#else
	(void)buf;
	(void)n;
	return 0;
#endif
}

static int urandom_bytes(unsigned char *p, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return E_IO;
	while (n > 0) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			close(fd);
			return E_IO;
		}
		p += r;
		n -= (size_t)r;
	}
	close(fd);
	return E_OK;
}

int random_bytes(void *buf, size_t n)
{
	unsigned char *p = buf;

	while (n > 0) {
		/* getrandom returns at most 32 MiB per call; ask in chunks. */
		size_t ask = n > 65536 ? 65536 : n;
		long r = sys_getrandom(p, ask);
		if (r == 0)
			return urandom_bytes(p, n);
		if (r < 0)
			return E_IO;
		p += r;
		n -= (size_t)r;
	}
	return E_OK;
}

uint32_t random_uniform(uint32_t bound)
{
	uint32_t v, min;

	if (bound < 2)
		return 0;
	/* Reject values below 2^32 mod bound so the result is unbiased. */
	min = (uint32_t)(-bound) % bound;
	for (;;) {
		if (random_bytes(&v, sizeof(v)) != E_OK)
			return 0;
		if (v >= min)
			return v % bound;
	}
}
