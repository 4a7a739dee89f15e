/* tcb: state and timer names; see tcb.h. */
#include "tcb.h"

static const char *const tcb_state_names[TCPS_COUNT] = {
	[TCPS_CLOSED] = "CLOSED",
	[TCPS_LISTEN] = "LISTEN",
	[TCPS_SYN_SENT] = "SYN-SENT",
	[TCPS_SYN_RECEIVED] = "SYN-RECEIVED",
	[TCPS_ESTABLISHED] = "ESTABLISHED",
	[TCPS_FIN_WAIT_1] = "FIN-WAIT-1",
	[TCPS_FIN_WAIT_2] = "FIN-WAIT-2",
	[TCPS_CLOSE_WAIT] = "CLOSE-WAIT",
	[TCPS_CLOSING] = "CLOSING",
	[TCPS_LAST_ACK] = "LAST-ACK",
	[TCPS_TIME_WAIT] = "TIME-WAIT",
};

static const char *const tcb_timer_names[TCPT_COUNT] = {
	[TCPT_REXMT] = "retransmission",
	[TCPT_DELACK] = "delayed-ack",
	[TCPT_PERSIST] = "persist",
	[TCPT_KEEP] = "keepalive",
	[TCPT_2MSL] = "time-wait",
};

const char *
tcp_state_name(int state)
{
	if (state < 0 || state >= TCPS_COUNT)
		return "?";
	return tcb_state_names[state];
}

const char *
tcp_timer_name(int timer)
{
	if (timer < 0 || timer >= TCPT_COUNT)
		return "?";
	return tcb_timer_names[timer];
}
