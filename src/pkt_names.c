/*
 * pkt_names: the short texts the views print for flags and addresses.
 */
#include "pkt.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* Bit order, low to high, as Wireshark lists them: "[SYN, ACK, ECE]". */
static const char *const tcp_flag_names[8] = {
	"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"
};

/* tcpdump's tcp_flag_values (print-tcp.c): the same order, "." for ACK. */
static const char tcp_flag_letters[8] = {
	'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'
};

const char *
tcp_flags_names(uint8_t flags, char *buf, size_t len)
{
	size_t at = 0, n;
	int i;

	if (buf == NULL || len == 0)
		return "";
	buf[0] = '\0';
	if (flags == 0) {
		snprintf(buf, len, "none");
		return buf;
	}
	for (i = 0; i < 8; i++) {
		if (!(flags & (1u << i)))
			continue;
		n = strlen(tcp_flag_names[i]) + (at > 0);
		if (n >= len - at)
			break;
		snprintf(buf + at, len - at, "%s%s", at > 0 ? "," : "",
		    tcp_flag_names[i]);
		at += n;
	}
	return buf;
}

const char *
tcp_flags_tcpdump(uint8_t flags, char *buf, size_t len)
{
	char s[9];
	size_t n = 0;
	int i;

	if (buf == NULL || len == 0)
		return "";
	for (i = 0; i < 8; i++)
		if (flags & (1u << i))
			s[n++] = tcp_flag_letters[i];
	s[n] = '\0';
	snprintf(buf, len, "[%s]", n == 0 ? "none" : s);
	return buf;
}

const char *
pkt_addr_str(const struct pkt_addr *a, char *buf, size_t len)
{
	if (buf == NULL || len == 0)
		return "";
	if (a->family == 4 || a->family == 6) {
		if (inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->a, buf,
		    (socklen_t)len) != NULL)
			return buf;
	}
	snprintf(buf, len, "?");
	return buf;
}
