/*
 * fetch_addr: the address policy (see fetch_addr.h).
 */
#include "fetch_addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

static int v4_blocked(uint32_t a)
{
	static const struct {
		uint32_t net, mask;
	} nets[] = {
	        {0x00000000, 0xFF000000}, /* 0/8 "this network" */
	        {0x0A000000, 0xFF000000}, /* 10/8 */
	        {0x64400000, 0xFFC00000}, /* 100.64/10 carrier-grade NAT */
	        {0x7F000000, 0xFF000000}, /* 127/8 loopback */
	        {0xA9FE0000, 0xFFFF0000}, /* 169.254/16 link-local (cloud metadata) */
	        {0xAC100000, 0xFFF00000}, /* 172.16/12 */
	        {0xC0000000, 0xFFFFFF00}, /* 192.0.0/24 protocol assignments */
	        {0xC0A80000, 0xFFFF0000}, /* 192.168/16 */
	        {0xC6120000, 0xFFFE0000}, /* 198.18/15 benchmarking */
	        {0xE0000000, 0xF0000000}, /* 224/4 multicast */
	        {0xF0000000, 0xF0000000}, /* 240/4 reserved, broadcast */
	};
	size_t i;

	for (i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if ((a & nets[i].mask) == nets[i].net)
			return 1;
	return 0;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int v6_blocked(const unsigned char *a)
{
	static const unsigned char zero[16];
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
	static const unsigned char nat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};

	if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
		return 1; /* :: and ::1 */
	if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0 || memcmp(a, zero, 12) == 0)
		return v4_blocked(be32(a + 12));
	if (a[0] == 0x20 && a[1] == 0x02) /* 6to4 */
		return v4_blocked(be32(a + 2));
	if ((a[0] & 0xFE) == 0xFC)
		return 1; /* fc00::/7 unique local */
	if (a[0] == 0xFE && (a[1] & 0xC0) == 0x80)
		return 1; /* fe80::/10 link-local */
	if (a[0] == 0xFE && (a[1] & 0xC0) == 0xC0)
		return 1; /* fec0::/10 site-local (deprecated, still routed inside) */
	if (a[0] == 0xFF)
		return 1; /* multicast */
	return 0;
}

int fetch_addr_blocked(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		return v4_blocked(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		return v6_blocked(in6->sin6_addr.s6_addr);
	}
	return 1;
}

int fetch_addr_blocked_str(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, addr, &a4) == 1)
		return v4_blocked(ntohl(a4.s_addr));
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return v6_blocked(a6.s6_addr);
	return -1;
}
