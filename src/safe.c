#include "safe.h"

#include <stdio.h>
#include <string.h>

size_t
safe_utf8_len(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3fu);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool
safe_is_control(unsigned cp, bool keep_ws)
{
	if (cp == '\t' || cp == '\n')
		return !keep_ws;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
		return true;
	/* Bidirectional formatting characters (Trojan Source, CVE-2021-42574). */
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t
safe_escape(char *dst, size_t cap, const char *src, size_t n, bool keep_ws)
{
	const unsigned char *s = (const unsigned char *)src;
	char tmp[16];
	size_t i = 0, out = 0, len, tl;
	unsigned cp;

	if (cap == 0)
		return 0;
	while (i < n) {
		len = safe_utf8_len(s + i, n - i, &cp);
		if (len == 0) {
			tl = (size_t)snprintf(tmp, sizeof(tmp), "\\x%02x", s[i]);
			len = 1;
		} else if (safe_is_control(cp, keep_ws)) {
			if (cp < 0x100)
				tl = (size_t)snprintf(tmp, sizeof(tmp), "\\x%02x", cp);
			else
				tl = (size_t)snprintf(tmp, sizeof(tmp), "\\u{%04x}", cp);
		} else {
			memcpy(tmp, s + i, len);
			tl = len;
		}
		if (tl >= cap - out)
			break;
		memcpy(dst + out, tmp, tl);
		out += tl;
		i += len;
	}
	dst[out] = '\0';
	return out;
}
