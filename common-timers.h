/*
 * common-timers.h - a connection's clock: the authentication timeout,
 * the idle timeout (-I), the maximum duration (-M) and keepalives (-K),
 * for server and client alike.  The decision is a pure function of the
 * clock, the limits and the time, so a unit test drives it directly.
 *
 * Keepalives (as OpenSSH's ClientAliveInterval and Dropbear's -K): once
 * authenticated, when nothing has come from the peer for "keepalive"
 * seconds, a GLOBAL_REQUEST "keepalive@openssh.com" with want-reply goes
 * out (any SSH peer answers it, with REQUEST_FAILURE at least); after
 * TIMER_KEEPALIVE_MAX of them in a row without any byte back, the peer is
 * taken for dead.  Idle time counts only real traffic: keepalives, their
 * answers and other global requests (80..82) neither way reset it.
 */
#ifndef SHREW_COMMON_TIMERS_H
#define SHREW_COMMON_TIMERS_H

#include <time.h>

/* Keepalives sent without an answer before the connection is closed. */
#define TIMER_KEEPALIVE_MAX 3

struct sess_clock {
	time_t started;        /* connection accepted (auth timeout, -M) */
	time_t last_rx;        /* last bytes from the peer (keepalives) */
	time_t last_active;    /* last real message either way (-I) */
	time_t last_keepalive; /* last keepalive sent, 0: none */
	unsigned unanswered;   /* keepalives sent since the peer last spoke */
};

/* Limits in seconds; 0 turns one off. */
struct timer_limits {
	unsigned auth_timeout; /* until authenticated */
	unsigned keepalive;
	unsigned idle;
	unsigned max_duration;
	unsigned keepalive_max; /* unanswered keepalives that end the connection;
	                         * 0: TIMER_KEEPALIVE_MAX */
};

enum timer_action { TIMER_NONE = 0, TIMER_KEEPALIVE, TIMER_CLOSE };

/* All fields to now. */
void clock_start(struct sess_clock *c, time_t now);

/* Bytes came from the peer at now. */
void clock_rx(struct sess_clock *c, time_t now);

/* A message of type msg was received or sent at now (only real traffic
 * resets the idle time: see above). */
void clock_msg(struct sess_clock *c, unsigned msg, time_t now);

/* A keepalive was sent at now. */
void clock_keepalive_sent(struct sess_clock *c, time_t now);

/* What the clock asks for at now: TIMER_CLOSE with *why set (for the log
 * and the DISCONNECT), TIMER_KEEPALIVE (send one, then call
 * clock_keepalive_sent), or TIMER_NONE. */
enum timer_action timer_check(const struct sess_clock *c, const struct timer_limits *l,
                              int authenticated, time_t now, const char **why);

#endif
