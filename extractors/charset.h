/*
 * charset: find the character encoding of a fetched document and convert
 * it to UTF-8.
 *
 * Encodings are the WHATWG Encoding Standard's: a label ("latin1",
 * "x-sjis", "ISO-8859-1", ...) maps to one of a fixed set of encodings,
 * each known here by a small integer (an index into a const table).  The
 * decision for a response body follows the HTML standard's encoding
 * sniffing, in this order:
 *
 *   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins over everything;
 *   2. the charset parameter of the Content-Type header;
 *   3. for HTML, the <meta charset> / <meta http-equiv> prescan of the
 *      first 1024 bytes; for XML, the encoding of the XML declaration;
 *   4. bytes that are valid UTF-8 and not plain ASCII are UTF-8 (the
 *      "frequency analysis" step the standard allows; browsers do this);
 *   5. the default: windows-1252 for HTML and other text, UTF-8 for XML
 *      and JSON.
 *
 * Labels as the standard says: "iso-8859-1" and "us-ascii" are
 * windows-1252, a meta tag naming UTF-16 means UTF-8, x-user-defined in a
 * meta tag means windows-1252.
 *
 * Conversion: UTF-8 is validated and repaired, windows-1252 and
 * x-user-defined are decoded with built-in tables, the rest by glibc's
 * iconv.  Every byte sequence that cannot be decoded becomes U+FFFD; the
 * "replacement" encoding (ISO-2022-KR and friends, which are unsafe) gives
 * a single U+FFFD, as the standard says.
 *
 * Everything here is pure: no I/O, no global state.  (iconv may load its
 * conversion modules from disk on first use; that is glibc's business.)
 */
#ifndef NEWSPIPE_CHARSET_H
#define NEWSPIPE_CHARSET_H

#include <stddef.h>

#include "strbuf.h"

/* The encodings with special handling; the others only have indexes. */
enum {
	CHARSET_UTF8 = 0,
	CHARSET_WINDOWS_1252 = 1,
	CHARSET_UTF16LE = 2,
	CHARSET_UTF16BE = 3,
	CHARSET_X_USER_DEFINED = 4,
	CHARSET_REPLACEMENT = 5
};
#define CHARSET_UNKNOWN (-1)

/* What kind of document a Content-Type says (decides steps 3 and 5). */
enum charset_doc { CHARSET_DOC_HTML, CHARSET_DOC_XML, CHARSET_DOC_JSON, CHARSET_DOC_TEXT };

/* Encoding for a label (surrounding ASCII white space ignored, case
 * insensitive), or CHARSET_UNKNOWN. */
int charset_lookup(const char *label, size_t n);

/* The encoding's WHATWG name ("windows-1252"), or "" for a bad index. */
const char *charset_name(int enc);

/* The encoding of a byte order mark at the start of s, or
 * CHARSET_UNKNOWN; *bom_len gets its length (0 when none). */
int charset_bom(const char *s, size_t n, size_t *bom_len);

/* The charset parameter of a Content-Type value ("text/html;
 * charset=UTF-8"), as an encoding, or CHARSET_UNKNOWN. */
int charset_from_content_type(const char *ct, size_t n);

/* The WHATWG meta prescan over the first 1024 bytes of s: an encoding or
 * CHARSET_UNKNOWN. */
int charset_prescan(const char *s, size_t n);

/* The encoding named by an XML declaration at the start of s, or
 * CHARSET_UNKNOWN. */
int charset_xml_decl(const char *s, size_t n);

/* Kind of document from a Content-Type value (NULL or "" = sniff s). */
enum charset_doc charset_doc_kind(const char *ct, size_t ct_len, const char *s, size_t n);

/* Steps 1 to 5 above: the encoding of body s[0..n) served with Content-
 * Type ct (may be NULL).  *bom_len gets the length of a BOM to skip. */
int charset_detect(const char *ct, size_t ct_len, const char *s, size_t n, size_t *bom_len);

/*
 * Append s[0..n), in encoding `enc`, to out as UTF-8.  Undecodable input
 * becomes U+FFFD.  Returns the number of replacements made, or -1 when
 * out's cap was hit (out is then left as it was before the call).
 */
long charset_to_utf8(struct strbuf *out, int enc, const char *s, size_t n);

/*
 * After conversion the text is UTF-8, so an XML declaration at its start
 * that names another encoding would mislead an XML parser: rewrite its
 * encoding to "UTF-8" in place (the rest of the text is kept byte for
 * byte).  Returns 1 when it changed something, 0 otherwise, -1 when
 * text's cap was hit (text is then unchanged).
 */
int charset_fix_xml_decl(struct strbuf *text);

#endif
