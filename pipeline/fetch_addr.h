/*
 * fetch_addr: which network addresses news-fetch refuses to connect to.
 *
 * A fetcher pointed at untrusted feeds must not become a way into the
 * machine's own network (server-side request forgery): a feed can list
 * http://127.0.0.1:6379/ or a name that resolves to 10.0.0.5, and
 * DNS rebinding can make a name resolve to a public address when it is
 * checked and a private one when it is used.  news-fetch therefore checks
 * the address libcurl is about to connect to, in its open-socket
 * callback, after resolution and for every connection (redirects
 * included), so what is checked is exactly what is used.
 *
 * Refused (unless --allow-private): IPv4 0/8, 10/8, 100.64/10 (carrier
 * NAT), 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.168/16,
 * 198.18/15 (benchmarking), 224/4 (multicast), 240/4 and the broadcast
 * address; IPv6 ::, ::1, fc00::/7 (unique local), fe80::/10
 * (link-local), fec0::/10 (old site-local), ff00::/8 (multicast), and
 * IPv4 addresses carried in IPv6 (::ffff:a.b.c.d, ::a.b.c.d,
 * 64:ff9b::a.b.c.d, 2002:AABB:CCDD::) by the IPv4 rules.
 */
#ifndef NEWSPIPE_FETCH_ADDR_H
#define NEWSPIPE_FETCH_ADDR_H

#include <sys/socket.h>

/* 1 when news-fetch must not connect to sa (an AF_INET or AF_INET6
 * address; other families are refused too). */
int fetch_addr_blocked(const struct sockaddr *sa);

/* The same for a numeric address string ("10.1.2.3", "::1"); -1 when it
 * is not a numeric address.  For tests and messages. */
int fetch_addr_blocked_str(const char *addr);

#endif
