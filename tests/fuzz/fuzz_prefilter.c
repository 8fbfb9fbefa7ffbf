/*
 * Fuzz the prefilter news-strip runs before libxml2: for any page (made
 * valid UTF-8 first, as article_extract does), libxml2 must build the
 * same tree from the prefiltered copy as from the page, less the text of
 * <style> and non-JSON-LD <script> and the attributes nobody reads.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../unit/prefilter_tree.h"
#include "strbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf fixed = STRBUF_INIT;
	const char *page = (const char *)data;
	char why[256];

	if (!utf8_valid(page, size)) {
		utf8_repair(&fixed, page, size);
		page = fixed.buf, size = fixed.len;
	}
	if (prefilter_differs(page, size, why, sizeof why)) {
		fprintf(stderr, "prefilter changed the tree: %s\n", why);
		abort();
	}
	sb_release(&fixed);
	return 0;
}
