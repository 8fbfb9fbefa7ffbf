/*
 * datetime: the dates feeds carry, turned into ISO 8601 UTC.
 *
 * Feeds date their entries in two families of formats, both written
 * carelessly in the wild:
 *
 *  - RFC 822 / 1123 / 2822 (RSS pubDate, e-mail):
 *      "Tue, 02 Mar 2021 23:39:15 +0100", "2 Mar 21 23:39 EST",
 *    with or without the day name (full or abbreviated) and seconds,
 *    full or abbreviated month names, two- and four-digit years, zones
 *    as +hhmm, +hh:mm, UT/UTC/GMT/Z, the US zones of RFC 822 (EST, PDT
 *    ...) and a few other common abbreviations (CET, BST, JST, IST ...);
 *    "Mar 2, 2021 ..." (month first) is accepted too.
 *  - ISO 8601 / RFC 3339 (Atom, JSON Feed, sitemaps, dc:date):
 *      "2021-03-02T23:39:15.123+01:00", "2021-03-02 23:39Z",
 *      "2021-03-02", "20210302T233915Z",
 *    fractions of a second ignored, zones as Z, +hh:mm, +hhmm, +hh.
 *
 * A date without a zone is taken as UTC; a date without a time as
 * midnight.  Two-digit years follow RFC 2822: 00-49 are 2000-2049,
 * 50-99 are 1950-1999.  A leap second (":60") is read as :59.
 *
 * Pure functions: no allocation, no global state, no locale.
 */
#ifndef NEWSPIPE_DATETIME_H
#define NEWSPIPE_DATETIME_H

#include <stddef.h>

/* "YYYY-MM-DDTHH:MM:SSZ" plus its NUL. */
#define DT_ISO_LEN 21

/*
 * Parse s[0..n) (leading and trailing white space allowed) and write the
 * instant as "YYYY-MM-DDTHH:MM:SSZ" into out.  Returns 0, or -1 when the
 * text is not a date this parser understands or names an impossible one
 * (31 April, 25:00); out is then the empty string.
 */
int dt_parse(const char *s, size_t n, char out[DT_ISO_LEN]);

/*
 * The same, giving seconds since 1970-01-01T00:00:00Z (may be negative
 * for years before 1970; years 1 to 9999 are accepted).
 */
int dt_parse_epoch(const char *s, size_t n, long long *epoch);

/* Format an epoch second as "YYYY-MM-DDTHH:MM:SSZ"; -1 outside years 1-9999. */
int dt_format_iso(long long epoch, char out[DT_ISO_LEN]);

#endif
