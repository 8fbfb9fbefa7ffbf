/*
 * feed_text: the text helpers news-feed's parser needs, kept apart so
 * that they can be tested on their own.
 *
 * Feed titles and summaries arrive as plain text, as escaped HTML or as
 * inline XHTML; the output wants one line of plain text.  These helpers
 * append to a caller's strbuf and never allocate anything the caller has
 * to free.  When the buffer's cap is reached they stop at a UTF-8
 * character boundary and return 1 ("truncated"), so a huge summary costs
 * at most the cap.
 */
#ifndef NEWSPIPE_FEED_TEXT_H
#define NEWSPIPE_FEED_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/*
 * Append s[0..n) with runs of white space (including U+00A0) folded
 * into one space and no space at the start of the buffer or (after
 * ft_finish) at its end.  Returns 0, or 1 if the cap cut it short.
 */
int ft_add_plain(struct strbuf *out, const char *s, size_t n);

/*
 * Append the text of the HTML fragment s[0..n): tags removed (block
 * elements and <br> read as a space, inline ones as nothing), comments,
 * <script> and <style> dropped, character references decoded (HTML 4
 * names, &apos;, decimal and hex; C1 code points mapped as browsers do,
 * invalid ones as U+FFFD), white space folded as ft_add_plain.  A '<' or
 * '&' that starts no tag or reference is kept as text.  Returns 0 or 1
 * (truncated).
 */
int ft_add_html(struct strbuf *out, const char *s, size_t n);

/* Drop a trailing space left by the folding. */
void ft_finish(struct strbuf *out);

/* 1 if the HTML element `name` (lower case) lays out as a block, so
 * that text on each side of it must not run together. */
int ft_is_block(const char *name, size_t n);

/*
 * Look up a named character reference (without '&' and ';').  Returns
 * the code point, or 0 when the name is unknown.
 */
uint32_t ft_entity(const char *name, size_t n);

/*
 * Copy an XML buffer, repairing the two reference slips feeds make most:
 * a bare '&' (AT&T, ?a=1&b=2 in a link) becomes &amp;, and a reference
 * to an HTML entity the document does not declare (&eacute; in a feed
 * without a DTD, or with one that is never loaded) becomes a numeric
 * one (&#233;), so that a strict parser keeps the text.  CDATA sections
 * and comments are left alone, and so is a document that declares
 * entities itself (<!ENTITY).  Returns the number of repairs (0: out is
 * left empty and the input can be used as it is), or -1 if out's cap
 * was hit.
 */
long ft_fix_xml_refs(struct strbuf *out, const char *s, size_t n);

#endif
