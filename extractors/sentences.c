/* sentences: see sentences.h. */
#include "sentences.h"

#include <string.h>

/* Words that take a period without ending a sentence (compared
 * case-sensitively: "No." is an abbreviation only before a number). */
static const char *const abbreviations[] = {
        "Mr",   "Mrs", "Ms",  "Dr",   "Prof", "St",   "Sen",    "Sens",   "Rep",  "Reps",
        "Gov",  "Gen", "Lt",  "Col",  "Capt", "Sgt",  "Adm",    "Cmdr",   "Maj",  "Supt",
        "Insp", "Rev", "Hon", "Pres", "Jr",   "Sr",   "Messrs", "Mme",    "Mlle", "vs",
        "v",    "Jan", "Feb", "Mar",  "Apr",  "Jun",  "Jul",    "Aug",    "Sep",  "Sept",
        "Oct",  "Nov", "Dec", "Art",  "Sec",  "Secs", "Fig",    "approx", "est",  "Ave",
        "Blvd", "Mt",  "Ft",  "cf",   "al",   "etc",  "Inc",    "Corp",   "Ltd",  "Co",
        "Bros", "Plc", "plc", "Cie",  "Nos",  "Vol",  "pp",     "ca",     NULL,
};

/* After these an abbreviation may still end a sentence when a common
 * opener follows ("... Apple Inc. The company said"). */
static const char *const corporate_suffixes[] = {"Inc", "Corp", "Ltd", "Co",
                                                 "Plc", "plc",  "etc", NULL};

/* Words that commonly open a sentence: used to decide whether a dotted
 * acronym or a company suffix ends one. */
static const char *const openers[] = {
        "The",   "It",         "He",        "She",       "They",  "We",    "I",
        "In",    "But",        "This",      "That",      "These", "Those", "A",
        "An",    "On",         "However",   "Meanwhile", "After", "Its",   "Their",
        "His",   "Her",        "Our",       "There",     "Under", "While", "As",
        "At",    "For",        "If",        "When",      "Since", "Last",  "Earlier",
        "Later", "Separately", "According", "Some",      "Many",  "Both",  NULL,
};

static int word_in(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if ((*list)[0] == w[0] && strlen(*list) == n && memcmp(*list, w, n) == 0)
			return 1;
	return 0;
}

static int is_space(const char *t, size_t len, size_t i, size_t *width)
{
	unsigned char c = (unsigned char)t[i];
	*width = 1;
	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0) {
		*width = 2; /* no-break space */
		return 1;
	}
	return 0;
}

/* E2 80 xx punctuation: ’ ” (closing), ‘ “ (opening), … (ellipsis). */
static int e280(const char *t, size_t len, size_t i, unsigned char third)
{
	return i + 2 < len && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
	       (unsigned char)t[i + 2] == third;
}

static size_t closer_width(const char *t, size_t len, size_t i)
{
	char c = t[i];
	if (c == '"' || c == '\'' || c == ')' || c == ']')
		return 1;
	if (e280(t, len, i, 0x99) || e280(t, len, i, 0x9D))
		return 3;
	return 0;
}

static int can_open(const char *t, size_t len, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	if (c == '"' || c == '\'' || c == '(' || c == '[')
		return 1;
	if (e280(t, len, i, 0x98) || e280(t, len, i, 0x9C))
		return 1;
	/* Other non-ASCII: a capital in another script or a symbol; lower
	 * case Latin letters with accents are rare at a sentence start. */
	return c >= 0xC3 && !(c == 0xC3 && i + 1 < len && (unsigned char)t[i + 1] >= 0x9F);
}

/* The word (letters, digits, dots) that ends right before byte `dot`. */
static void word_before(const char *t, size_t from, size_t dot, size_t *ws)
{
	size_t i = dot;
	while (i > from) {
		unsigned char c = (unsigned char)t[i - 1];
		if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == '"' || c == '\'' ||
		    c == '[' || c == '/' || c == 0xA0 || c == 0x9C || c == 0x98)
			break;
		i--;
	}
	*ws = i;
}

/* The word starting at byte i (ASCII letters only, for the opener list). */
static size_t word_len_at(const char *t, size_t len, size_t i)
{
	size_t j = i;
	while (j < len && ((t[j] >= 'A' && t[j] <= 'Z') || (t[j] >= 'a' && t[j] <= 'z')))
		j++;
	return j - i;
}

static int period_ends(const char *t, size_t len, size_t from, size_t dot, size_t next)
{
	size_t ws, wn = dot;
	word_before(t, from, dot, &ws);
	size_t n = wn - ws;
	const char *w = t + ws;
	size_t nl = word_len_at(t, len, next);
	int opener = nl && word_in(t + next, nl, openers);

	if (n == 0)
		return 1;
	if (n == 2 && memcmp(w, "No", 2) == 0)
		return !(t[next] >= '0' && t[next] <= '9');
	if (word_in(w, n, abbreviations))
		return word_in(w, n, corporate_suffixes) && opener;
	if (n == 1 && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= 'a' && w[0] <= 'z')))
		return 0; /* an initial */
	if (memchr(w, '.', n))
		return opener; /* U.S., e.g., a.m. */
	return 1;
}

void sent_iter_init(struct sent_iter *it, const char *text, size_t len)
{
	it->text = text;
	it->len = len;
	it->pos = 0;
}

/* Where a sentence that has a terminator at [i, j) ends, or 0 if it
 * does not end there. */
static size_t boundary_after(const char *t, size_t len, size_t start, size_t i, size_t j)
{
	size_t k = j, w;
	while (k < len && (w = closer_width(t, len, k)))
		k += w;
	if (k >= len || t[k] == '\n')
		return k;
	if (!is_space(t, len, k, &w))
		return 0; /* "3.5", "U.S.-led", "e.g.," */
	size_t n = k;
	while (n < len && is_space(t, len, n, &w))
		n += w;
	if (n >= len || t[n] == '\n')
		return k;
	if (!can_open(t, len, n))
		return 0;
	if (t[i] == '.' && j == i + 1 && !period_ends(t, len, start, i, n))
		return 0;
	return k;
}

int sent_next(struct sent_iter *it, size_t *start, size_t *end)
{
	const char *t = it->text;
	size_t len = it->len, i = it->pos, w;

	for (;;) {
		while (i < len && (t[i] == '\n' || is_space(t, len, i, &w)))
			i += t[i] == '\n' ? 1 : w;
		if (i >= len) {
			it->pos = len;
			return 0;
		}
		size_t s = i, e = len;
		while (i < len) {
			char c = t[i];
			if (c == '\n') {
				e = i;
				break;
			}
			size_t j = 0;
			if (c == '.' || c == '!' || c == '?') {
				j = i + 1;
				while (j < len && (t[j] == '.' || t[j] == '!' || t[j] == '?'))
					j++;
			} else if (e280(t, len, i, 0xA6)) {
				j = i + 3;
			}
			if (j) {
				size_t b = boundary_after(t, len, s, i, j);
				if (b) {
					e = b;
					i = b;
					break;
				}
				i = j;
				continue;
			}
			i++;
		}
		if (i >= len)
			e = len;
		it->pos = i < len ? i : len;
		while (e > s && is_space(t, len, e - 1, &w))
			e--;
		/* A NBSP's second byte, trailing: step back over both. */
		while (e > s + 1 && (unsigned char)t[e - 1] == 0xA0 &&
		       (unsigned char)t[e - 2] == 0xC2)
			e -= 2;
		if (e > s) {
			*start = s;
			*end = e;
			return 1;
		}
	}
}
