/*
 * cli-channel-fwd.c - the client's "direct-tcpip" channel (netcat mode,
 * -B) and "auth-agent@openssh.com" channels (-A, OpenSSH's PROTOCOL.agent
 * note: the server opens one per agent client, with no type-specific
 * data; we connect it to the unix socket in $SSH_AUTH_SOCK and pass the
 * bytes both ways).
 */
#include "options.h"

#if SHREW_CLIENT

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "common-err.h"
#include "common-sess.h"
#include "common-wr.h"
#include "cli.h"
#include "cli-channel-fwd.h"

/* ---- direct-tcpip --------------------------------------------------------- */

size_t cli_direct_tcpip_data(const char *host, unsigned port, const char *orig_ip,
                             unsigned orig_port, uint8_t *buf, size_t cap)
{
	struct wr w;

	if (strlen(host) > CLI_MAX_HOST || strlen(orig_ip) > CLI_MAX_HOST)
		return 0;
	/* string host, uint32 port, string originator IP, uint32 its port */
	wr_init(&w, buf, cap);
	wr_cstr(&w, host);
	wr_u32(&w, port);
	wr_cstr(&w, orig_ip);
	wr_u32(&w, orig_port);
	return w.err == E_OK ? w.len : 0;
}

/* The server may not open channels of the types we open. */
static int refuse_open(struct sess *s, struct chan *c, struct view data, const char **why)
{
	(void)s;
	(void)c;
	(void)data;
	*why = "not accepted by this client";
	return SSH_OPEN_ADMINISTRATIVELY_PROHIBITED;
}

static int dt_opened(struct sess *s, struct chan *c)
{
	cli_session_attach_stdio(s, c, 0);
	return E_OK;
}

static void dt_open_failed(struct sess *s, struct chan *c, uint32_t reason, struct view why)
{
	(void)c;
	(void)reason;
	cli_session_main_ended(s, &why);
}

static void dt_gone(struct sess *s, struct chan *c)
{
	(void)c;
	cli_session_main_ended(s, NULL);
}

const struct chan_type cli_direct_tcpip_type = {
    .name = "direct-tcpip",
    .open = refuse_open,
    .gone = dt_gone,
    .opened = dt_opened,
    .open_failed = dt_open_failed,
    .flush_on_close = 1,
};

/* ---- auth-agent@openssh.com ----------------------------------------------- */

/* A connected socket to the agent at path, or -1. */
static int agent_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int agent_open(struct sess *s, struct chan *c, struct view data, const char **why)
{
	const char *path = getenv("SSH_AUTH_SOCK");
	int fd;

	(void)data; /* none defined */
	if (!s->cli || !s->cli->opts || !s->cli->opts->forward_agent) {
		*why = "agent forwarding is off";
		return SSH_OPEN_ADMINISTRATIVELY_PROHIBITED;
	}
	if (!path || !path[0]) {
		*why = "no agent";
		return SSH_OPEN_CONNECT_FAILED;
	}
	fd = agent_connect(path);
	if (fd < 0) {
		*why = "cannot connect to the agent";
		return SSH_OPEN_CONNECT_FAILED;
	}
	chan_attach_fds(c, fd, fd, -1); /* one socket both ways */
	return 0;
}

const struct chan_type cli_agent_type = {
    .name = "auth-agent@openssh.com",
    .open = agent_open,
    .close_after_eof = 1,
};

#else
typedef int cli_channel_fwd_unused; /* ISO C: no empty translation unit */
#endif
