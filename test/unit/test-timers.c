/*
 * test-timers.c - the connection clock (common-timers.c): authentication
 * timeout, -I idle, -M maximum duration and -K keepalives, driven with
 * made-up times.
 */
#include "unit.h"
#include "common-msg.h"
#include "common-timers.h"

static const char *why;

static enum timer_action at(const struct sess_clock *c, const struct timer_limits *l, int authed,
                            time_t now)
{
	why = NULL;
	return timer_check(c, l, authed, now, &why);
}

TEST(auth_timeout_only_before_auth)
{
	struct sess_clock c;
	struct timer_limits l = {300, 0, 0, 0, 0};

	clock_start(&c, 1000);
	CHECK(at(&c, &l, 0, 1299) == TIMER_NONE);
	CHECK(at(&c, &l, 0, 1300) == TIMER_CLOSE && strcmp(why, "authentication timeout") == 0);
	CHECK(at(&c, &l, 1, 5000) == TIMER_NONE);
	/* a clock that goes back never fires */
	CHECK(at(&c, &l, 0, 10) == TIMER_NONE);
}

TEST(idle_counts_real_traffic_only)
{
	struct sess_clock c;
	struct timer_limits l = {0, 0, 10, 0, 0};

	clock_start(&c, 1000);
	/* a client that sends nothing at all */
	CHECK(at(&c, &l, 0, 1009) == TIMER_NONE);
	CHECK(at(&c, &l, 0, 1010) == TIMER_CLOSE && strcmp(why, "idle timeout") == 0);
	clock_msg(&c, SSH_MSG_CHANNEL_DATA, 1008);
	CHECK(at(&c, &l, 1, 1017) == TIMER_NONE);
	/* keepalives and their answers do not count, either way */
	clock_msg(&c, SSH_MSG_GLOBAL_REQUEST, 1015);
	clock_msg(&c, SSH_MSG_REQUEST_FAILURE, 1016);
	clock_msg(&c, SSH_MSG_REQUEST_SUCCESS, 1017);
	CHECK(at(&c, &l, 1, 1018) == TIMER_CLOSE);
	clock_msg(&c, SSH_MSG_CHANNEL_WINDOW_ADJUST, 1018);
	CHECK(at(&c, &l, 1, 1018) == TIMER_NONE);
}

TEST(max_duration)
{
	struct sess_clock c;
	struct timer_limits l = {0, 0, 0, 60, 0};

	clock_start(&c, 1000);
	clock_msg(&c, SSH_MSG_CHANNEL_DATA, 1059);
	CHECK(at(&c, &l, 1, 1059) == TIMER_NONE);
	CHECK(at(&c, &l, 1, 1060) == TIMER_CLOSE && strstr(why, "maximum") != NULL);
}

TEST(keepalives_then_give_up)
{
	struct sess_clock c;
	struct timer_limits l = {300, 5, 0, 0, 0};
	time_t t = 1000;
	int sent = 0;

	clock_start(&c, t);
	/* none before authentication */
	CHECK(at(&c, &l, 0, t + 100) == TIMER_NONE);
	clock_rx(&c, t + 100);
	CHECK(at(&c, &l, 1, t + 104) == TIMER_NONE);
	CHECK(at(&c, &l, 1, t + 105) == TIMER_KEEPALIVE);
	/* a silent peer gets TIMER_KEEPALIVE_MAX, one per interval, then the
	 * connection closes */
	for (t = 1105; t < 1200 && at(&c, &l, 1, t) != TIMER_CLOSE; t++) {
		if (at(&c, &l, 1, t) == TIMER_KEEPALIVE) {
			clock_keepalive_sent(&c, t);
			sent++;
		}
	}
	CHECK(sent == TIMER_KEEPALIVE_MAX);
	CHECK(t == 1105 + 5 * TIMER_KEEPALIVE_MAX);
	CHECK(at(&c, &l, 1, t) == TIMER_CLOSE && strstr(why, "keepalive timeout") != NULL);
	/* any answer resets the count */
	clock_rx(&c, t);
	CHECK(c.unanswered == 0 && at(&c, &l, 1, t + 1) == TIMER_NONE);
	CHECK(at(&c, &l, 1, t + 5) == TIMER_KEEPALIVE);
}

/* ServerAliveCountMax: another count of unanswered keepalives. */
TEST(keepalive_count)
{
	struct sess_clock c;
	struct timer_limits l = {0, 2, 0, 0, 1};
	time_t t;
	int sent = 0;

	clock_start(&c, 0);
	for (t = 2; t < 100 && at(&c, &l, 1, t) != TIMER_CLOSE; t++)
		if (at(&c, &l, 1, t) == TIMER_KEEPALIVE) {
			clock_keepalive_sent(&c, t);
			sent++;
		}
	CHECK(sent == 1 && t == 4);
}

TEST(all_off)
{
	struct sess_clock c;
	struct timer_limits l = {0, 0, 0, 0, 0};

	clock_start(&c, 0);
	CHECK(at(&c, &l, 0, 1000000) == TIMER_NONE);
	CHECK(at(&c, &l, 1, 1000000) == TIMER_NONE);
}

int main(void)
{
	RUN(auth_timeout_only_before_auth);
	RUN(idle_counts_real_traffic_only);
	RUN(max_duration);
	RUN(keepalives_then_give_up);
	RUN(keepalive_count);
	RUN(all_off);
	return unit_done();
}
