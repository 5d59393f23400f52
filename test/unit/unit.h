/*
 * unit.h - shrew's tiny unit-test runner.
 *
 * A test file defines TEST(name) functions and a main() that calls
 * RUN(name) for each, then returns unit_done().  Each RUN prints one line,
 * "PASS name" or "FAIL name", which test/run.sh counts.  CHECK() records a
 * failure (with file:line and the expression) and lets the test go on.
 */
#ifndef SHREW_TEST_UNIT_H
#define SHREW_TEST_UNIT_H

#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static int unit_failed_checks;
static int unit_pass, unit_fail;

#define TEST(name) static void name(void)

#define CHECK(c)                                                                                \
	do {                                                                                    \
		if (!(c)) {                                                                     \
			unit_failed_checks++;                                                   \
			fprintf(stderr, "  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); \
		}                                                                               \
	} while (0)

/* CHECK_MEM(a, b, n): n bytes at a and b are equal; prints both on failure */
#define CHECK_MEM(a, b, n)                                                                 \
	do {                                                                               \
		if (memcmp((a), (b), (n)) != 0) {                                          \
			unit_failed_checks++;                                              \
			fprintf(stderr, "  %s:%d: CHECK_MEM failed: %s != %s\n", __FILE__, \
			        __LINE__, #a, #b);                                         \
			unit_hexdump("got ", (a), (n));                                    \
			unit_hexdump("want", (b), (n));                                    \
		}                                                                          \
	} while (0)

#define RUN(name)                                    \
	do {                                         \
		int before_ = unit_failed_checks;    \
		name();                              \
		if (unit_failed_checks == before_) { \
			unit_pass++;                 \
			printf("PASS %s\n", #name);  \
		} else {                             \
			unit_fail++;                 \
			printf("FAIL %s\n", #name);  \
		}                                    \
		fflush(stdout);                      \
	} while (0)

static inline void unit_hexdump(const char *tag, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	fprintf(stderr, "    %s: ", tag);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%02x", b[i]);
	fprintf(stderr, "\n");
}

/* Decodes hex (no separators) into out; returns the byte count, or -1 on a
 * bad digit or if it does not fit in cap. */
static inline long unit_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex), i;

	if (n % 2 || n / 2 > cap)
		return -1;
	for (i = 0; i < n / 2; i++) {
		unsigned int v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return (long)(n / 2);
}

/* The full path of program prog found in PATH into out (cap bytes);
 * 1 if found, else 0 (tests that need a tool SKIP without it). */
static inline int unit_find_program(const char *prog, char *out, size_t cap)
{
	const char *path = getenv("PATH");
	char dir[512];
	size_t n;
	int k;

	if (path == NULL)
		path = "/usr/bin:/bin";
	while (*path) {
		n = strcspn(path, ":");
		if (n > 0 && n < sizeof(dir)) {
			memcpy(dir, path, n);
			dir[n] = 0;
			k = snprintf(out, cap, "%s/%s", dir, prog);
			if (k > 0 && (size_t)k < cap && access(out, X_OK) == 0)
				return 1;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return 0;
}

static inline int unit_done(void)
{
	return unit_fail ? 1 : 0;
}

#endif
