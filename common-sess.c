/*
 * common-sess.c - sending and disconnecting on behalf of the layers above
 * the transport (see common-sess.h).
 */
#include <stdio.h>
#include <time.h>

#include "common-err.h"
#include "common-log.h"
#include "common-sess.h"
#include "common-transport.h"

int sess_send(struct sess *s, const uint8_t *payload, size_t n)
{
	int rc;

	if (s->closing && payload[0] != SSH_MSG_DISCONNECT)
		return E_IO;
	clock_msg(&s->clock, payload[0], time(NULL));
	rc = tr_send(s->tr, payload, n);
	if (rc != E_OK) {
		log_msg(LOG_INFO, "%s:%u: cannot queue message %u: %s", s->peer_ip, s->peer_port,
		        (unsigned)payload[0], err_str(rc));
		s->closing = 1;
	}
	return rc;
}

void sess_disconnect(struct sess *s, uint32_t reason, const char *why)
{
	if (s->closing)
		return;
	log_msg(LOG_INFO, "Disconnecting %s:%u: %s", s->peer_ip, s->peer_port, why);
	snprintf(s->close_why, sizeof(s->close_why), "%s", why);
	tr_send_disconnect(s->tr, reason, why);
	s->closing = 1;
}
