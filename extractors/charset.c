/*
 * charset: encoding sniffing and conversion to UTF-8 (see charset.h).
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "utf8.h"

struct encoding {
	const char *name;  /* WHATWG name */
	const char *iconv; /* glibc iconv name; NULL: decoded here */
};

/* Indexes 0 to 5 are the enum in charset.h. */
static const struct encoding encodings[] = {
        {"UTF-8", NULL},
        {"windows-1252", NULL},
        {"UTF-16LE", "UTF-16LE"},
        {"UTF-16BE", "UTF-16BE"},
        {"x-user-defined", NULL},
        {"replacement", NULL},
        {"IBM866", "IBM866"},
        {"ISO-8859-2", "ISO-8859-2"},
        {"ISO-8859-3", "ISO-8859-3"},
        {"ISO-8859-4", "ISO-8859-4"},
        {"ISO-8859-5", "ISO-8859-5"},
        {"ISO-8859-6", "ISO-8859-6"},
        {"ISO-8859-7", "ISO-8859-7"},
        {"ISO-8859-8", "ISO-8859-8"},
        {"ISO-8859-8-I", "ISO-8859-8"},
        {"ISO-8859-10", "ISO-8859-10"},
        {"ISO-8859-13", "ISO-8859-13"},
        {"ISO-8859-14", "ISO-8859-14"},
        {"ISO-8859-15", "ISO-8859-15"},
        {"ISO-8859-16", "ISO-8859-16"},
        {"KOI8-R", "KOI8-R"},
        {"KOI8-U", "KOI8-U"},
        {"macintosh", "MACINTOSH"},
        {"windows-874", "CP874"},
        {"windows-1250", "CP1250"},
        {"windows-1251", "CP1251"},
        {"windows-1253", "CP1253"},
        {"windows-1254", "CP1254"},
        {"windows-1255", "CP1255"},
        {"windows-1256", "CP1256"},
        {"windows-1257", "CP1257"},
        {"windows-1258", "CP1258"},
        {"x-mac-cyrillic", "MAC-CYRILLIC"},
        {"GBK", "GB18030"}, /* the standard decodes GBK with the gb18030 decoder */
        {"gb18030", "GB18030"},
        {"Big5", "BIG5-HKSCS"},
        {"EUC-JP", "EUC-JP"},
        {"ISO-2022-JP", "ISO-2022-JP"},
        {"Shift_JIS", "CP932"},
        {"EUC-KR", "CP949"},
};
#define N_ENCODINGS (sizeof(encodings) / sizeof(encodings[0]))

struct label {
	const char *label;
	int enc;
};

/* The labels of the WHATWG Encoding Standard. */
static const struct label labels[] = {
        {"unicode-1-1-utf-8", 0},
        {"unicode11utf8", 0},
        {"unicode20utf8", 0},
        {"utf-8", 0},
        {"utf8", 0},
        {"x-unicode20utf8", 0},
        {"ansi_x3.4-1968", 1},
        {"ascii", 1},
        {"cp1252", 1},
        {"cp819", 1},
        {"csisolatin1", 1},
        {"ibm819", 1},
        {"iso-8859-1", 1},
        {"iso-ir-100", 1},
        {"iso8859-1", 1},
        {"iso88591", 1},
        {"iso_8859-1", 1},
        {"iso_8859-1:1987", 1},
        {"l1", 1},
        {"latin1", 1},
        {"us-ascii", 1},
        {"windows-1252", 1},
        {"x-cp1252", 1},
        {"csunicode", 2},
        {"iso-10646-ucs-2", 2},
        {"ucs-2", 2},
        {"unicode", 2},
        {"unicodefeff", 2},
        {"utf-16", 2},
        {"utf-16le", 2},
        {"unicodefffe", 3},
        {"utf-16be", 3},
        {"x-user-defined", 4},
        {"csiso2022kr", 5},
        {"hz-gb-2312", 5},
        {"iso-2022-cn", 5},
        {"iso-2022-cn-ext", 5},
        {"iso-2022-kr", 5},
        {"replacement", 5},
        {"866", 6},
        {"cp866", 6},
        {"csibm866", 6},
        {"ibm866", 6},
        {"csisolatin2", 7},
        {"iso-8859-2", 7},
        {"iso-ir-101", 7},
        {"iso8859-2", 7},
        {"iso88592", 7},
        {"iso_8859-2", 7},
        {"iso_8859-2:1987", 7},
        {"l2", 7},
        {"latin2", 7},
        {"csisolatin3", 8},
        {"iso-8859-3", 8},
        {"iso-ir-109", 8},
        {"iso8859-3", 8},
        {"iso88593", 8},
        {"iso_8859-3", 8},
        {"iso_8859-3:1988", 8},
        {"l3", 8},
        {"latin3", 8},
        {"csisolatin4", 9},
        {"iso-8859-4", 9},
        {"iso-ir-110", 9},
        {"iso8859-4", 9},
        {"iso88594", 9},
        {"iso_8859-4", 9},
        {"iso_8859-4:1988", 9},
        {"l4", 9},
        {"latin4", 9},
        {"csisolatincyrillic", 10},
        {"cyrillic", 10},
        {"iso-8859-5", 10},
        {"iso-ir-144", 10},
        {"iso8859-5", 10},
        {"iso88595", 10},
        {"iso_8859-5", 10},
        {"iso_8859-5:1988", 10},
        {"arabic", 11},
        {"asmo-708", 11},
        {"csiso88596e", 11},
        {"csiso88596i", 11},
        {"csisolatinarabic", 11},
        {"ecma-114", 11},
        {"iso-8859-6", 11},
        {"iso-8859-6-e", 11},
        {"iso-8859-6-i", 11},
        {"iso-ir-127", 11},
        {"iso8859-6", 11},
        {"iso88596", 11},
        {"iso_8859-6", 11},
        {"iso_8859-6:1987", 11},
        {"csisolatingreek", 12},
        {"ecma-118", 12},
        {"elot_928", 12},
        {"greek", 12},
        {"greek8", 12},
        {"iso-8859-7", 12},
        {"iso-ir-126", 12},
        {"iso8859-7", 12},
        {"iso88597", 12},
        {"iso_8859-7", 12},
        {"iso_8859-7:1987", 12},
        {"sun_eu_greek", 12},
        {"csiso88598e", 13},
        {"csisolatinhebrew", 13},
        {"hebrew", 13},
        {"iso-8859-8", 13},
        {"iso-8859-8-e", 13},
        {"iso-ir-138", 13},
        {"iso8859-8", 13},
        {"iso88598", 13},
        {"iso_8859-8", 13},
        {"iso_8859-8:1988", 13},
        {"visual", 13},
        {"csiso88598i", 14},
        {"iso-8859-8-i", 14},
        {"logical", 14},
        {"csisolatin6", 15},
        {"iso-8859-10", 15},
        {"iso-ir-157", 15},
        {"iso8859-10", 15},
        {"iso885910", 15},
        {"l6", 15},
        {"latin6", 15},
        {"iso-8859-13", 16},
        {"iso8859-13", 16},
        {"iso885913", 16},
        {"iso-8859-14", 17},
        {"iso8859-14", 17},
        {"iso885914", 17},
        {"csisolatin9", 18},
        {"iso-8859-15", 18},
        {"iso8859-15", 18},
        {"iso885915", 18},
        {"iso_8859-15", 18},
        {"l9", 18},
        {"iso-8859-16", 19},
        {"cskoi8r", 20},
        {"koi", 20},
        {"koi8", 20},
        {"koi8-r", 20},
        {"koi8_r", 20},
        {"koi8-ru", 21},
        {"koi8-u", 21},
        {"csmacintosh", 22},
        {"mac", 22},
        {"macintosh", 22},
        {"x-mac-roman", 22},
        {"dos-874", 23},
        {"iso-8859-11", 23},
        {"iso8859-11", 23},
        {"iso885911", 23},
        {"tis-620", 23},
        {"windows-874", 23},
        {"cp1250", 24},
        {"windows-1250", 24},
        {"x-cp1250", 24},
        {"cp1251", 25},
        {"windows-1251", 25},
        {"x-cp1251", 25},
        {"cp1253", 26},
        {"windows-1253", 26},
        {"x-cp1253", 26},
        {"cp1254", 27},
        {"csisolatin5", 27},
        {"iso-8859-9", 27},
        {"iso-ir-148", 27},
        {"iso8859-9", 27},
        {"iso88599", 27},
        {"iso_8859-9", 27},
        {"iso_8859-9:1989", 27},
        {"l5", 27},
        {"latin5", 27},
        {"windows-1254", 27},
        {"x-cp1254", 27},
        {"cp1255", 28},
        {"windows-1255", 28},
        {"x-cp1255", 28},
        {"cp1256", 29},
        {"windows-1256", 29},
        {"x-cp1256", 29},
        {"cp1257", 30},
        {"windows-1257", 30},
        {"x-cp1257", 30},
        {"cp1258", 31},
        {"windows-1258", 31},
        {"x-cp1258", 31},
        {"x-mac-cyrillic", 32},
        {"x-mac-ukrainian", 32},
        {"chinese", 33},
        {"csgb2312", 33},
        {"csiso58gb231280", 33},
        {"gb2312", 33},
        {"gb_2312", 33},
        {"gb_2312-80", 33},
        {"gbk", 33},
        {"iso-ir-58", 33},
        {"x-gbk", 33},
        {"gb18030", 34},
        {"big5", 35},
        {"big5-hkscs", 35},
        {"cn-big5", 35},
        {"csbig5", 35},
        {"x-x-big5", 35},
        {"cseucpkdfmtjapanese", 36},
        {"euc-jp", 36},
        {"x-euc-jp", 36},
        {"csiso2022jp", 37},
        {"iso-2022-jp", 37},
        {"csshiftjis", 38},
        {"ms932", 38},
        {"ms_kanji", 38},
        {"shift-jis", 38},
        {"shift_jis", 38},
        {"sjis", 38},
        {"windows-31j", 38},
        {"x-sjis", 38},
        {"cseuckr", 39},
        {"csksc56011987", 39},
        {"euc-kr", 39},
        {"iso-ir-149", 39},
        {"korean", 39},
        {"ks_c_5601-1987", 39},
        {"ks_c_5601-1989", 39},
        {"ksc5601", 39},
        {"ksc_5601", 39},
        {"windows-949", 39},
};

/* windows-1252 bytes 0x80..0x9F (the rest is ISO-8859-1). */
static const unsigned short cp1252_high[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive compare of s[0..n) with the lowercase literal lit. */
static int ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!lit[i] || lower((unsigned char)s[i]) != lit[i])
			return 0;
	return lit[n] == '\0';
}

int charset_lookup(const char *label, size_t n)
{
	size_t i;

	while (n && is_ws((unsigned char)*label)) {
		label++;
		n--;
	}
	while (n && is_ws((unsigned char)label[n - 1]))
		n--;
	if (n == 0 || n > 32)
		return CHARSET_UNKNOWN;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (ieq(label, n, labels[i].label))
			return labels[i].enc;
	return CHARSET_UNKNOWN;
}

const char *charset_name(int enc)
{
	if (enc < 0 || (size_t)enc >= N_ENCODINGS)
		return "";
	return encodings[enc].name;
}

int charset_bom(const char *s, size_t n, size_t *bom_len)
{
	const unsigned char *u = (const unsigned char *)s;

	*bom_len = 0;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*bom_len = 3;
		return CHARSET_UTF8;
	}
	if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		*bom_len = 2;
		return CHARSET_UTF16BE;
	}
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		*bom_len = 2;
		return CHARSET_UTF16LE;
	}
	return CHARSET_UNKNOWN;
}

/*
 * The HTML standard's "extracting a character encoding from a meta
 * element", which also serves for Content-Type headers: find "charset",
 * then "=", then a quoted or bare value.
 */
static int charset_param(const char *s, size_t n)
{
	size_t i = 0;

	for (;;) {
		size_t start, end;

		for (; i + 7 <= n; i++)
			if (ieq(s + i, 7, "charset"))
				break;
		if (i + 7 > n)
			return CHARSET_UNKNOWN;
		i += 7;
		while (i < n && is_ws((unsigned char)s[i]))
			i++;
		if (i >= n || s[i] != '=')
			continue; /* not "charset=": look for the next one */
		i++;
		while (i < n && is_ws((unsigned char)s[i]))
			i++;
		if (i >= n)
			return CHARSET_UNKNOWN;
		if (s[i] == '"' || s[i] == '\'') {
			char q = s[i];
			start = ++i;
			while (i < n && s[i] != q)
				i++;
			if (i >= n)
				return CHARSET_UNKNOWN;
			end = i;
		} else {
			start = i;
			while (i < n && !is_ws((unsigned char)s[i]) && s[i] != ';')
				i++;
			end = i;
		}
		return charset_lookup(s + start, end - start);
	}
}

int charset_from_content_type(const char *ct, size_t n)
{
	size_t semi;

	if (!ct)
		return CHARSET_UNKNOWN;
	/* Only parameters count: skip the media type itself. */
	for (semi = 0; semi < n && ct[semi] != ';'; semi++)
		;
	if (semi >= n)
		return CHARSET_UNKNOWN;
	return charset_param(ct + semi + 1, n - semi - 1);
}

/* ---------------------------------------------------------- prescan */

struct attr {
	char name[16]; /* lowercased, truncated (only short names matter) */
	size_t name_len;
	const char *value; /* into the input; case kept */
	size_t value_len;
};

/* The standard's "get an attribute": 1 with *a filled, 0 at '>' or end.
 * *pos is advanced; values are not lowercased (callers compare
 * case-insensitively). */
static int get_attribute(const char *s, size_t n, size_t *pos, struct attr *a)
{
	size_t i = *pos;

	a->name_len = 0;
	a->value = s;
	a->value_len = 0;
	while (i < n && (is_ws((unsigned char)s[i]) || s[i] == '/'))
		i++;
	if (i >= n || s[i] == '>') {
		*pos = i;
		return 0;
	}
	/* Attribute name. */
	for (;;) {
		char c;

		if (i >= n) {
			*pos = i;
			return 0;
		}
		c = s[i];
		if (c == '=' && a->name_len > 0)
			break;
		if (is_ws((unsigned char)c))
			goto spaces;
		if ((c == '/' || c == '>') && a->name_len > 0) {
			*pos = i;
			return 1; /* no value */
		}
		if (a->name_len < sizeof(a->name) - 1)
			a->name[a->name_len++] = (char)lower((unsigned char)c);
		else
			a->name_len = sizeof(a->name); /* too long to matter */
		i++;
	}
	goto value;
spaces:
	while (i < n && is_ws((unsigned char)s[i]))
		i++;
	if (i >= n || s[i] != '=') {
		*pos = i;
		return i < n; /* attribute without a value */
	}
value:
	i++; /* past '=' */
	while (i < n && is_ws((unsigned char)s[i]))
		i++;
	if (i >= n) {
		*pos = i;
		return 0;
	}
	if (s[i] == '"' || s[i] == '\'') {
		char q = s[i++];
		size_t start = i;

		while (i < n && s[i] != q)
			i++;
		if (i >= n) {
			*pos = i;
			return 0;
		}
		a->value = s + start;
		a->value_len = i - start;
		*pos = i + 1;
		return 1;
	}
	if (s[i] == '>') {
		*pos = i;
		return 1;
	}
	{
		size_t start = i;

		while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '>')
			i++;
		a->value = s + start;
		a->value_len = i - start;
	}
	*pos = i;
	return i < n;
}

static int attr_is(const struct attr *a, const char *name)
{
	return a->name_len < sizeof(a->name) && a->name_len == strlen(name) &&
	       memcmp(a->name, name, a->name_len) == 0;
}

/* A <meta> tag starting at s[*pos] (just past "<meta" and the space or
 * slash): its encoding, or CHARSET_UNKNOWN. */
static int prescan_meta(const char *s, size_t n, size_t *pos)
{
	struct attr a;
	int seen_he = 0, seen_content = 0, seen_charset = 0;
	int got_pragma = 0, need_pragma = -1, charset = CHARSET_UNKNOWN;

	while (get_attribute(s, n, pos, &a)) {
		if (attr_is(&a, "http-equiv") && !seen_he) {
			seen_he = 1;
			if (ieq(a.value, a.value_len, "content-type"))
				got_pragma = 1;
		} else if (attr_is(&a, "content") && !seen_content) {
			seen_content = 1;
			if (charset == CHARSET_UNKNOWN) {
				int c = charset_param(a.value, a.value_len);
				if (c != CHARSET_UNKNOWN) {
					charset = c;
					need_pragma = 1;
				}
			}
		} else if (attr_is(&a, "charset") && !seen_charset) {
			seen_charset = 1;
			charset = charset_lookup(a.value, a.value_len);
			need_pragma = 0;
		}
	}
	if (need_pragma < 0 || (need_pragma == 1 && !got_pragma))
		return CHARSET_UNKNOWN;
	if (charset == CHARSET_UTF16LE || charset == CHARSET_UTF16BE)
		return CHARSET_UTF8;
	if (charset == CHARSET_X_USER_DEFINED)
		return CHARSET_WINDOWS_1252;
	return charset;
}

static int is_alpha(int c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

int charset_prescan(const char *s, size_t n)
{
	size_t i = 0;

	if (n > 1024)
		n = 1024;
	while (i < n) {
		if (s[i] != '<') {
			i++;
			continue;
		}
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			/* Comment: up to "-->" (which may share the dashes). */
			const char *end = memmem(s + i + 2, n - i - 2, "-->", 3);
			if (!end)
				return CHARSET_UNKNOWN;
			i = (size_t)(end - s) + 3;
		} else if (n - i >= 6 && ieq(s + i + 1, 4, "meta") &&
		           (is_ws((unsigned char)s[i + 5]) || s[i + 5] == '/')) {
			size_t pos = i + 6;
			int enc = prescan_meta(s, n, &pos);
			if (enc != CHARSET_UNKNOWN)
				return enc;
			i = pos + 1;
		} else if (n - i >= 2 &&
		           (is_alpha((unsigned char)s[i + 1]) ||
		            (s[i + 1] == '/' && n - i >= 3 && is_alpha((unsigned char)s[i + 2])))) {
			/* Another tag: skip its name and attributes. */
			struct attr a;
			size_t pos = i + 1;

			while (pos < n && !is_ws((unsigned char)s[pos]) && s[pos] != '>')
				pos++;
			while (get_attribute(s, n, &pos, &a))
				;
			i = pos + 1;
		} else if (n - i >= 2 && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
			const char *gt = memchr(s + i + 1, '>', n - i - 1);
			if (!gt)
				return CHARSET_UNKNOWN;
			i = (size_t)(gt - s) + 1;
		} else {
			i++;
		}
	}
	return CHARSET_UNKNOWN;
}

int charset_xml_decl(const char *s, size_t n)
{
	size_t i = 0, end;
	const char *q;

	if (n < 6 || memcmp(s, "<?xml", 5) != 0 || !is_ws((unsigned char)s[5]))
		return CHARSET_UNKNOWN;
	q = memmem(s, n < 512 ? n : 512, "?>", 2);
	if (!q)
		return CHARSET_UNKNOWN;
	end = (size_t)(q - s);
	for (i = 5; i + 8 <= end; i++) {
		if (memcmp(s + i, "encoding", 8) != 0)
			continue;
		i += 8;
		while (i < end && is_ws((unsigned char)s[i]))
			i++;
		if (i >= end || s[i] != '=')
			return CHARSET_UNKNOWN;
		i++;
		while (i < end && is_ws((unsigned char)s[i]))
			i++;
		if (i < end && (s[i] == '"' || s[i] == '\'')) {
			const char *close = memchr(s + i + 1, s[i], end - i - 1);
			int enc;

			if (!close)
				return CHARSET_UNKNOWN;
			enc = charset_lookup(s + i + 1, (size_t)(close - s - i - 1));
			/* Bytes we can read as ASCII cannot be UTF-16. */
			if (enc == CHARSET_UTF16LE || enc == CHARSET_UTF16BE)
				return CHARSET_UTF8;
			return enc;
		}
		return CHARSET_UNKNOWN;
	}
	return CHARSET_UNKNOWN;
}

int charset_fix_xml_decl(struct strbuf *text)
{
	const char *s = text->buf, *q, *close;
	size_t n = text->len, i, end, vstart, vlen;
	struct strbuf out = STRBUF_INIT;

	if (n < 6 || memcmp(s, "<?xml", 5) != 0 || !is_ws((unsigned char)s[5]))
		return 0;
	q = memmem(s, n < 512 ? n : 512, "?>", 2);
	if (!q)
		return 0;
	end = (size_t)(q - s);
	for (i = 5; i + 8 <= end; i++)
		if (memcmp(s + i, "encoding", 8) == 0)
			break;
	if (i + 8 > end)
		return 0;
	i += 8;
	while (i < end && is_ws((unsigned char)s[i]))
		i++;
	if (i >= end || s[i] != '=')
		return 0;
	i++;
	while (i < end && is_ws((unsigned char)s[i]))
		i++;
	if (i >= end || (s[i] != '"' && s[i] != '\''))
		return 0;
	close = memchr(s + i + 1, s[i], end - i - 1);
	if (!close)
		return 0;
	vstart = i + 1;
	vlen = (size_t)(close - s) - vstart;
	if (ieq(s + vstart, vlen, "utf-8"))
		return 0;
	sb_init(&out, text->cap);
	if (sb_add(&out, s, vstart) < 0 || sb_add(&out, "UTF-8", 5) < 0 ||
	    sb_add(&out, s + vstart + vlen, n - vstart - vlen) < 0) {
		sb_release(&out);
		return -1;
	}
	sb_release(text);
	*text = out;
	return 1;
}

/* Does the media type (before any ';') contain the lowercase word w? */
static int type_has(const char *ct, size_t n, const char *w)
{
	size_t wl = strlen(w), i;

	for (i = 0; i < n && ct[i] != ';'; i++)
		if (i + wl <= n && ieq(ct + i, wl, w))
			return 1;
	return 0;
}

enum charset_doc charset_doc_kind(const char *ct, size_t ct_len, const char *s, size_t n)
{
	size_t i = 0;

	if (ct && ct_len) {
		if (type_has(ct, ct_len, "html"))
			return CHARSET_DOC_HTML;
		if (type_has(ct, ct_len, "xml"))
			return CHARSET_DOC_XML;
		if (type_has(ct, ct_len, "json"))
			return CHARSET_DOC_JSON;
		return CHARSET_DOC_TEXT;
	}
	/* No type: look at the first bytes, as a browser would. */
	while (i < n && is_ws((unsigned char)s[i]))
		i++;
	if (n - i >= 5 && memcmp(s + i, "<?xml", 5) == 0)
		return CHARSET_DOC_XML;
	if (i < n && (s[i] == '{' || s[i] == '['))
		return CHARSET_DOC_JSON;
	return CHARSET_DOC_HTML;
}

/* Valid UTF-8 with at least one byte above 0x7F in the first 64 KiB?
 * (A sequence cut at the 64 KiB boundary is allowed.) */
static int looks_utf8(const char *s, size_t n)
{
	size_t i = 0, lim = n < 65536 ? n : 65536;
	int high = 0;

	while (i < lim) {
		uint32_t cp;
		size_t l;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		l = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_INVALID)
			return 0;
		high = 1;
		i += l;
	}
	return high;
}

int charset_detect(const char *ct, size_t ct_len, const char *s, size_t n, size_t *bom_len)
{
	enum charset_doc kind;
	int enc = charset_bom(s, n, bom_len);

	if (enc != CHARSET_UNKNOWN)
		return enc;
	enc = charset_from_content_type(ct, ct_len);
	if (enc != CHARSET_UNKNOWN)
		return enc;
	kind = charset_doc_kind(ct, ct_len, s, n);
	if (kind == CHARSET_DOC_HTML)
		enc = charset_prescan(s, n);
	else if (kind == CHARSET_DOC_XML)
		enc = charset_xml_decl(s, n);
	if (enc != CHARSET_UNKNOWN)
		return enc;
	if (kind == CHARSET_DOC_XML || kind == CHARSET_DOC_JSON || looks_utf8(s, n))
		return CHARSET_UTF8;
	return CHARSET_WINDOWS_1252;
}

/* -------------------------------------------------------- conversion */

static long single_byte(struct strbuf *out, int enc, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp;
		int r;

		if (b < 0x80) {
			/* Copy an ASCII run at once. */
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] < 0x80)
				j++;
			if (sb_add(out, s + i, j - i) < 0)
				return -1;
			i = j - 1;
			continue;
		}
		if (enc == CHARSET_X_USER_DEFINED)
			cp = 0xF780 + (b - 0x80);
		else if (b < 0xA0)
			cp = cp1252_high[b - 0x80];
		else
			cp = b;
		r = sb_add_utf8(out, cp);
		if (r < 0)
			return -1;
	}
	return 0;
}

static long with_iconv(struct strbuf *out, int enc, const char *s, size_t n)
{
	char chunk[4096];
	iconv_t cd = iconv_open("UTF-8", encodings[enc].iconv);
	size_t unit = (enc == CHARSET_UTF16LE || enc == CHARSET_UTF16BE) ? 2 : 1;
	char *in = (char *)s;
	size_t inleft = n;
	long bad = 0;

	if (cd == (iconv_t)-1) /* glibc without the module: best effort */
		return single_byte(out, CHARSET_WINDOWS_1252, s, n);
	for (;;) {
		char *o = chunk;
		size_t oleft = sizeof(chunk);
		int flush = inleft == 0;
		size_t r = flush ? iconv(cd, NULL, NULL, &o, &oleft)
		                 : iconv(cd, &in, &inleft, &o, &oleft);
		int err = r == (size_t)-1 ? errno : 0;

		if (sb_add(out, chunk, (size_t)(o - chunk)) < 0) {
			bad = -1;
			break;
		}
		if (err == E2BIG)
			continue;
		if (flush)
			break; /* state reset written: done */
		if (err == EILSEQ || err == EINVAL) {
			/* Undecodable (or cut short at the end): one U+FFFD, and
			 * go on after the offending unit. */
			size_t skip = inleft < unit ? inleft : unit;
			if (sb_add(out, "\xEF\xBF\xBD", 3) < 0) {
				bad = -1;
				break;
			}
			bad++;
			if (err == EINVAL)
				skip = inleft;
			in += skip;
			inleft -= skip;
		} else if (err) {
			break; /* cannot happen with a valid descriptor */
		}
	}
	iconv_close(cd);
	return bad;
}

long charset_to_utf8(struct strbuf *out, int enc, const char *s, size_t n)
{
	size_t start = out->len;
	long r;

	if (enc < 0 || (size_t)enc >= N_ENCODINGS)
		enc = CHARSET_WINDOWS_1252;
	switch (enc) {
	case CHARSET_UTF8: r = utf8_repair(out, s, n); break;
	case CHARSET_WINDOWS_1252:
	case CHARSET_X_USER_DEFINED: r = single_byte(out, enc, s, n); break;
	case CHARSET_REPLACEMENT:
		r = n ? sb_add(out, "\xEF\xBF\xBD", 3) : 0;
		if (r == 0 && n)
			r = 1;
		break;
	default: r = with_iconv(out, enc, s, n); break;
	}
	if (r < 0)
		sb_setlen(out, start);
	return r;
}
