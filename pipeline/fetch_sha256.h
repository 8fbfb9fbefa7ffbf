/*
 * fetch_sha256: SHA-256 (FIPS 180-4), for the content hash in the crawl
 * state and the block digests of WARC records.  No allocation.
 *
 *   struct sha256 h;
 *   sha256_init(&h); sha256_update(&h, p, n); ...; sha256_final(&h, out32);
 */
#ifndef NEWSPIPE_FETCH_SHA256_H
#define NEWSPIPE_FETCH_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t total;
	unsigned char buf[64];
	size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);

/* Digest of data[0..n) as 64 lowercase hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* Digest as RFC 4648 base32 (56 characters with padding) and a NUL. */
void sha256_base32(const unsigned char digest[32], char out[57]);

#endif
