/*
 * bench-25519.c - operations per second of X25519 (one scalar
 * multiplication), Ed25519 sign and Ed25519 verify, each run for about a
 * second of wall time (or the seconds given as argv[1]).  Link with
 * build/libshrew.a and libtomcrypt/libtommath; build with
 * -DSHREW_25519_PORTABLE=1 (and the portable objects) to measure the
 * 32-bit field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "common-err.h"
#include "crypto-25519.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct state {
	uint8_t k[32], u[32], seed[32], pub[32], sig[64], msg[64];
	int bad; /* an operation failed */
};

static void op_x25519(struct state *s)
{
	/* Feed the output back as the next point so nothing is hoisted. */
	if (x25519(s->u, s->k, s->u) != E_OK)
		s->bad = 1;
}

static void op_sign(struct state *s)
{
	if (ed25519_sign(s->sig, s->msg, sizeof(s->msg), s->seed, s->pub) != E_OK)
		s->bad = 1;
	s->msg[0]++;
}

static void op_verify(struct state *s)
{
	if (ed25519_verify(s->sig, s->msg, sizeof(s->msg), s->pub) != E_OK)
		s->bad = 1;
}

/* Runs op in batches until secs of wall time have passed; prints ops per
 * wall second and per second of this process's CPU time (the latter is
 * the steadier figure on a loaded machine). */
static void measure(const char *name, void (*op)(struct state *), struct state *s, double secs)
{
	double start = clock_s(CLOCK_MONOTONIC), cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID), t;
	unsigned long n = 0;
	int i;

	do {
		for (i = 0; i < 16; i++)
			op(s);
		n += 16;
		t = clock_s(CLOCK_MONOTONIC) - start;
	} while (t < secs);
	cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	printf("%-16s %8.0f ops/s  %8.0f ops/cpu-s  (%lu in %.2f s)\n", name, (double)n / t,
	       (double)n / cpu, n, t);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 1.0;
	struct state s;
	int i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < 32; i++) {
		s.k[i] = (uint8_t)(7 * i + 1);
		s.seed[i] = (uint8_t)(13 * i + 5);
	}
	s.u[0] = 9;
	if (ed25519_pubkey(s.pub, s.seed) != E_OK)
		return 1;
	printf("field: %s\n",
	       SHREW_25519_FE64 ? "64-bit (radix 2^51)" : "portable 32-bit (radix 2^25.5)");
	measure("x25519", op_x25519, &s, secs);
	measure("ed25519 sign", op_sign, &s, secs);
	s.msg[0]--; /* the message of the last signature */
	measure("ed25519 verify", op_verify, &s, secs);
	if (s.bad) {
		fprintf(stderr, "bench-25519: an operation failed\n");
		return 1;
	}
	return 0;
}
