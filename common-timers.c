/*
 * common-timers.c - a connection's clock (see common-timers.h).
 */
#include "common-timers.h"
#include "common-msg.h"

void clock_start(struct sess_clock *c, time_t now)
{
	c->started = c->last_rx = c->last_active = now;
	c->last_keepalive = 0;
	c->unanswered = 0;
}

void clock_rx(struct sess_clock *c, time_t now)
{
	c->last_rx = now;
	c->unanswered = 0;
}

void clock_msg(struct sess_clock *c, unsigned msg, time_t now)
{
	if (msg < SSH_MSG_GLOBAL_REQUEST || msg > SSH_MSG_REQUEST_FAILURE)
		c->last_active = now;
}

void clock_keepalive_sent(struct sess_clock *c, time_t now)
{
	c->last_keepalive = now;
	c->unanswered++;
}

/* Seconds from then to now, 0 if the clock went back. */
static time_t since(time_t then, time_t now)
{
	return now > then ? now - then : 0;
}

enum timer_action timer_check(const struct sess_clock *c, const struct timer_limits *l,
                              int authenticated, time_t now, const char **why)
{
	time_t quiet;

	if (!authenticated && l->auth_timeout && since(c->started, now) >= l->auth_timeout) {
		*why = "authentication timeout";
		return TIMER_CLOSE;
	}
	if (l->idle && since(c->last_active, now) >= l->idle) {
		*why = "idle timeout";
		return TIMER_CLOSE;
	}
	if (l->max_duration && since(c->started, now) >= l->max_duration) {
		*why = "maximum connection time reached";
		return TIMER_CLOSE;
	}
	if (!authenticated || !l->keepalive)
		return TIMER_NONE;
	quiet = since(c->last_rx > c->last_keepalive ? c->last_rx : c->last_keepalive, now);
	if (quiet < l->keepalive)
		return TIMER_NONE;
	if (c->unanswered >= (l->keepalive_max ? l->keepalive_max : TIMER_KEEPALIVE_MAX)) {
		*why = "keepalive timeout: keepalives not answered";
		return TIMER_CLOSE;
	}
	return TIMER_KEEPALIVE;
}
