/*
 * sentences: split news prose into sentences, without allocating.
 *
 * A sentence ends at a line feed (news-strip writes one paragraph a
 * line), or after '.', '!', '?' or an ellipsis (with any closing quotes
 * or brackets that follow) when white space and then something that can
 * start a sentence (a capital, a digit, an opening quote or bracket)
 * come next.  A period does not end a sentence after a title or other
 * abbreviation ("Mr.", "Gen.", "Corp.", "No. 10", "Jan."), after an
 * initial ("J. Smith"), inside a number ("3.5") or a word ("U.S.-led"),
 * and after a dotted acronym ("U.S.", "U.K.") unless the next word is a
 * common sentence opener ("... to the U.S. The ministry said").
 *
 * Spans are byte offsets into the text, trimmed of white space, never
 * empty.  The iterator only reads the text; the caller owns it.
 *
 *   struct sent_iter it;
 *   size_t s, e;
 *   sent_iter_init(&it, text, len);
 *   while (sent_next(&it, &s, &e))
 *       use(text + s, e - s);
 */
#ifndef NEWSPIPE_SENTENCES_H
#define NEWSPIPE_SENTENCES_H

#include <stddef.h>

struct sent_iter {
	const char *text;
	size_t len;
	size_t pos; /* where the next sentence search starts */
};

void sent_iter_init(struct sent_iter *it, const char *text, size_t len);

/* Next sentence as [*start, *end): 1, or 0 when the text is used up. */
int sent_next(struct sent_iter *it, size_t *start, size_t *end);

#endif
