/*
 * Unit tests of news-stance's rules (extractors/stance.h), one or more
 * sentences per rule, written for these tests, run on the shipped config
 * (config/topics.tsv, config/stance-cues.en.tsv), plus the config parser
 * on small tables of its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stance.h"
#include "strbuf.h"
#include "topics.h"

static struct topic_table table;
static struct stance_ctx ctx;

static char *read_config(const char *rel, size_t *len)
{
	const char *home = getenv("NEWSPIPE_HOME");
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", home ? home : ".", rel);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "cannot open %s (set NEWSPIPE_HOME)\n", path);
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&sb, buf, n);
	fclose(fp);
	return sb_detach(&sb, len);
}

static int setup(void **state)
{
	(void)state;
	size_t len;
	struct strbuf err = STRBUF_INIT;
	topics_init(&table);
	char *t = read_config("config/topics.tsv", &len);
	if (!t)
		return -1;
	int bad = topics_load(&table, "topics.tsv", t, len, &err);
	free(t);
	char *c = read_config("config/stance-cues.en.tsv", &len);
	if (!c)
		return -1;
	bad += topics_load_cues(&table, "stance-cues.en.tsv", c, len, &err);
	free(c);
	char *o = read_config("config/tone.en.tsv", &len);
	if (!o)
		return -1;
	bad += topics_load_tone(&table, "tone.en.tsv", o, len, &err);
	free(o);
	topics_finish(&table);
	if (bad)
		fprintf(stderr, "%s", err.buf);
	sb_release(&err);
	stance_ctx_init(&ctx);
	return bad ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	stance_ctx_release(&ctx);
	topics_release(&table);
	return 0;
}

static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/*
 * Analyse `text` with mentions found by name: `spec` is
 * "TYPE:ID=surface|TYPE:ID=surface...", every occurrence of each surface
 * becomes a mention (as news-extract would write it).
 */
static const char *analyse(const char *text, const char *spec)
{
	static char ments[4096];
	struct {
		size_t start, end;
		char tag[128];
	} found[64];
	size_t nf = 0;
	char copy[1024];
	snprintf(copy, sizeof(copy), "%s", spec);
	for (char *item = strtok(copy, "|"); item; item = strtok(NULL, "|")) {
		char *eq = strchr(item, '=');
		assert_non_null(eq);
		*eq = '\0';
		const char *surface = eq + 1;
		for (const char *p = strstr(text, surface); p; p = strstr(p + 1, surface)) {
			assert_true(nf < 64);
			found[nf].start = cps(text, (size_t)(p - text));
			found[nf].end = found[nf].start + cps(surface, strlen(surface));
			snprintf(found[nf].tag, sizeof(found[nf].tag), "%s", item);
			nf++;
		}
	}
	/* in order of start, as news-extract writes them */
	for (size_t i = 1; i < nf; i++)
		for (size_t j = i; j > 0 && found[j - 1].start > found[j].start; j--) {
			__typeof__(found[0]) tmp = found[j];
			found[j] = found[j - 1];
			found[j - 1] = tmp;
		}
	size_t n = 0;
	ments[0] = '\0';
	for (size_t i = 0; i < nf; i++)
		n += (size_t)snprintf(ments + n, sizeof(ments) - n, "%s%s:%zu-%zu", i ? ";" : "",
		                      found[i].tag, found[i].start, found[i].end);
	struct stance_opts o = STANCE_OPTS_DEFAULT;
	assert_int_equal(stance_analyze(&table, &o, &ctx, text, strlen(text), ments, n), 0);
	return ctx.stances.buf;
}

/* Does the stances cell hold "actor:topic:stance:"? */
static int has(const char *stances, const char *want)
{
	size_t n = strlen(want);
	for (const char *p = stances; *p;) {
		if (strncmp(p, want, n) == 0 && p[n] == ':')
			return 1;
		p = strchr(p, ';');
		if (!p)
			break;
		p++;
	}
	return 0;
}

#define assert_stance(st, want)                                                                    \
	do {                                                                                       \
		if (!has(st, want))                                                                \
			fail_msg("want %s in '%s'", want, st);                                     \
	} while (0)
#define assert_no_stance(st, want)                                                                 \
	do {                                                                                       \
		if (has(st, want))                                                                 \
			fail_msg("did not want %s in '%s'", want, st);                             \
	} while (0)

static void test_subject_of_cue_verb(void **state)
{
	(void)state;
	const char *st =
	        analyse("The Home Office demanded a backdoor into encrypted iCloud backups.",
	                "GOV:gb/home-office=Home Office");
	assert_stance(st, "gb/home-office:lawful-access:support");
	assert_string_equal(ctx.topics.buf, "lawful-access");
}

static void test_object_direction(void **state)
{
	(void)state;
	/* defending encryption is opposing lawful access */
	const char *st =
	        analyse("Signal defended end-to-end encryption against the new surveillance law.",
	                "COMPANY:signal=Signal");
	assert_stance(st, "signal:lawful-access:oppose");
	/* breaking it is supporting */
	st = analyse("The Home Office wants to break end-to-end encryption in messaging apps.",
	             "GOV:gb/home-office=Home Office");
	assert_stance(st, "gb/home-office:lawful-access:support");
}

static void test_negation(void **state)
{
	(void)state;
	const char *st = analyse("Apple did not oppose the new surveillance powers for police.",
	                         "COMPANY:apple=Apple");
	assert_stance(st, "apple:lawful-access:support");
	st = analyse("Canada will no longer impose its digital services tax on US firms.",
	             "GOV:ca=Canada|GOV:us=US");
	assert_stance(st, "ca:digital-taxation:oppose");
}

static void test_passive(void **state)
{
	(void)state;
	const char *st = analyse(
	        "A technical capability notice was issued by the Home Office to Apple last year.",
	        "GOV:gb/home-office=Home Office|COMPANY:apple=Apple");
	assert_stance(st, "gb/home-office:lawful-access:support");
	assert_no_stance(st, "apple:lawful-access:support");
	/* the subject of a passive is the target, not the agent */
	st = analyse("Apple was ordered to build a backdoor into its encrypted cloud.",
	             "COMPANY:apple=Apple");
	assert_no_stance(st, "apple:lawful-access:support");
}

static void test_quote_speaker(void **state)
{
	(void)state;
	const char *st = analyse("\"We will fight this order in every court,\" Apple said of the "
	                         "encryption demand.",
	                         "COMPANY:apple=Apple");
	assert_stance(st, "apple:lawful-access:oppose");
	/* the speaker does not take the stance of a plain-noun subject */
	st = analyse("\"Such a backdoor would break encryption for everyone,\" said Apple.",
	             "COMPANY:apple=Apple");
	assert_no_stance(st, "apple:lawful-access:support");
}

static void test_reported_speech(void **state)
{
	(void)state;
	const char *st =
	        analyse("According to Meta, the fine under the GDPR is unjustified and flawed.",
	                "COMPANY:meta=Meta|LAW:gdpr=GDPR");
	assert_stance(st, "meta:data-protection:oppose");
}

static void test_coreference(void **state)
{
	(void)state;
	const char *st = analyse("Apple received an encryption notice from the Home Office in "
	                         "January. The company said it would challenge the order in court.",
	                         "COMPANY:apple=Apple|GOV:gb/home-office=Home Office");
	assert_stance(st, "apple:lawful-access:oppose");
	assert_no_stance(st, "gb/home-office:lawful-access:oppose");
	/* "he" goes to the last person, not to the company */
	st = analyse("Tim Cook met Apple engineers about the encryption backdoor. He rejected "
	             "the backdoor outright.",
	             "PERSON:tim-cook=Tim Cook|COMPANY:apple=Apple");
	assert_stance(st, "tim-cook:lawful-access:oppose");
	assert_no_stance(st, "apple:lawful-access:support");
	/* A pronoun opening its sentence stands for the previous sentence's
	 * subject, not for the last name in it. */
	st = analyse("Ruritania has been slow to act, given its trade with Freedonia. In 2021 it "
	             "banned Huawei equipment from its 5G networks.",
	             "GOV:rr=Ruritania|GOV:fd=Freedonia|COMPANY:huawei=Huawei");
	assert_stance(st, "rr:foreign-tech-restrictions:support");
	assert_no_stance(st, "fd:foreign-tech-restrictions:support");
}

/* Removing a foreign firm's gear restricts the firm, as banning it does;
 * removing a ban is a retreat from the measure. */
static void test_removing_a_firm(void **state)
{
	(void)state;
	const char *st = analyse("Ruritania ordered operators to remove all Huawei equipment from "
	                         "their 5G networks by 2027.",
	                         "GOV:rr=Ruritania|COMPANY:huawei=Huawei");
	assert_stance(st, "rr:foreign-tech-restrictions:support");
	st = analyse("Ruritania removed the ban on Huawei equipment last year.",
	             "GOV:rr=Ruritania|COMPANY:huawei=Huawei");
	assert_stance(st, "rr:foreign-tech-restrictions:oppose");
	/* Protecting the firms a restriction targets is opposing it. */
	st = analyse("After the exclusion of Huawei from its 5G networks, Freedonia vowed to "
	             "protect the rights of Chinese companies.",
	             "GOV:fd=Freedonia|COMPANY:huawei=Huawei");
	assert_stance(st, "fd:foreign-tech-restrictions:oppose");
}

static void test_possessive(void **state)
{
	(void)state;
	const char *st =
	        analyse("The UK's demand for a backdoor alarmed encryption experts.", "GOV:gb=UK");
	assert_stance(st, "gb:lawful-access:support");
	/* a company before a measure is its target, not its owner */
	st = analyse("The Meta antitrust fine was upheld.", "COMPANY:meta=Meta");
	assert_no_stance(st, "meta:platform-competition:support");
}

static void test_restrict_and_reverse(void **state)
{
	(void)state;
	const char *st = analyse("Sweden banned Huawei equipment from its 5G networks.",
	                         "GOV:se=Sweden|COMPANY:huawei=Huawei");
	assert_stance(st, "se:foreign-tech-restrictions:support");
	assert_no_stance(st, "huawei:foreign-tech-restrictions:support");
	st = analyse("Canada withdrew its digital services tax after months of talks.",
	             "GOV:ca=Canada");
	assert_stance(st, "ca:digital-taxation:oppose");
	/* a company pulling its own encrypted service protests the measure */
	st = analyse("Apple pulled end-to-end encryption for UK users rather than build a "
	             "backdoor.",
	             "COMPANY:apple=Apple|GOV:gb=UK");
	assert_stance(st, "apple:lawful-access:oppose");
}

static void test_composition(void **state)
{
	(void)state;
	const char *st = analyse("Microsoft refused to comply with a warrant for encrypted emails.",
	                         "COMPANY:microsoft=Microsoft");
	assert_stance(st, "microsoft:lawful-access:oppose");
	st = analyse("The court declined to block the law banning the Chinese apps on security "
	             "grounds, and the ban-or-sale law stands.",
	             "GOV:us/supreme-court=court");
	assert_stance(st, "us/supreme-court:foreign-tech-restrictions:support");
}

static void test_modal_reversal_keeps_demand(void **state)
{
	(void)state;
	const char *st = analyse("The Home Office demanded access to encrypted backups. The Home "
	                         "Office may back down under pressure.",
	                         "GOV:gb/home-office=Home Office");
	assert_stance(st, "gb/home-office:lawful-access:support");
}

static void test_aggregation(void **state)
{
	(void)state;
	/* Two agreeing sentences give more confidence than one. */
	analyse("Brussels imposed a fine on the app store operator under the Digital Markets Act.",
	        "GOV:eu=Brussels|LAW:digital-markets-act=Digital Markets Act");
	const char *p = strrchr(ctx.stances.buf, ':');
	assert_non_null(p);
	double one = atof(p + 1);
	analyse("Brussels imposed a fine on the app store operator under the Digital Markets Act. "
	        "Brussels also opened a new antitrust case against the gatekeeper.",
	        "GOV:eu=Brussels|LAW:digital-markets-act=Digital Markets Act");
	assert_stance(ctx.stances.buf, "eu:platform-competition:support");
	p = strrchr(ctx.stances.buf, ':');
	assert_true(atof(p + 1) > one);
	/* Equal votes both ways: no stance at all. */
	const char *st = analyse("Ruritania backed the data localisation rules. Ruritania rejected "
	                         "the data localisation rules.",
	                         "GOV:rr=Ruritania");
	assert_no_stance(st, "rr:data-protection:support");
	assert_no_stance(st, "rr:data-protection:oppose");
}

static void test_mere_mention(void **state)
{
	(void)state;
	const char *st = analyse("Apple and Google sell phones with encryption in the UK.",
	                         "COMPANY:apple=Apple|COMPANY:google=Google|GOV:gb=UK");
	assert_string_equal(st, "");
}

static void test_output_format(void **state)
{
	(void)state;
	/* evidence span in code points of the sentence; conf with 2 decimals */
	const char *text =
	        "Caf\xC3\xA9 news. Ofcom fined the platform under the Online Safety Act.";
	const char *st =
	        analyse(text, "GOV:gb/ofcom=Ofcom|LAW:online-safety-act=Online Safety Act");
	unsigned long s, e;
	double conf;
	char actor[64];
	assert_int_equal(
	        sscanf(st, "%63[^:]:content-regulation:support:%lu-%lu:%lf", actor, &s, &e, &conf),
	        4);
	assert_string_equal(actor, "gb/ofcom");
	assert_int_equal(s, 11);
	assert_int_equal(e, cps(text, strlen(text)));
	assert_true(conf > 0 && conf <= 1);
	assert_non_null(strstr(st, ".")); /* "0.xx" */
}

static void test_bad_and_missing_mentions(void **state)
{
	(void)state;
	struct stance_opts o = STANCE_OPTS_DEFAULT;
	const char *t = "Sweden banned Huawei equipment.";
	assert_int_equal(stance_analyze(&table, &o, &ctx, t, strlen(t), NULL, 0), 0);
	assert_string_equal(ctx.stances.buf, "");
	const char *m = "GOV:se:0-6;junk;COMPANY:huawei:14-999;GOV::1-2;LAW:x:5-3";
	assert_int_equal(stance_analyze(&table, &o, &ctx, t, strlen(t), m, strlen(m)), 4);
	assert_non_null(strstr(ctx.err.buf, "junk"));
	int type;
	const char *id;
	size_t idlen, s, e;
	assert_int_equal(
	        stance_parse_mention("GOV:gb/home-office:4-18", 23, &type, &id, &idlen, &s, &e), 0);
	assert_int_equal(idlen, strlen("gb/home-office"));
	assert_int_equal(s, 4);
	assert_int_equal(e, 18);
}

static void test_tone(void **state)
{
	(void)state;
	analyse("The deal is a welcome breakthrough and a success.", "");
	assert_true(ctx.tone > 0.2);
	analyse("The scandal is a dangerous failure and a threat.", "");
	assert_true(ctx.tone < -0.2);
	analyse("The committee met on Tuesday.", "");
	assert_true(ctx.tone == 0);
}

static void test_relative_clause_and_lists(void **state)
{
	(void)state;
	const char *st =
	        analyse("The claim went to the Court of Appeal, which upheld the ban on the "
	                "Chinese apps.",
	                "GOV:gb/court-of-appeal=Court of Appeal");
	assert_stance(st, "gb/court-of-appeal:foreign-tech-restrictions:support");
	st = analyse(
	        "In 2020 governments in Norway, Denmark, and the EU excluded high-risk vendors "
	        "from their 5G networks.",
	        "GOV:no=Norway|GOV:dk=Denmark|GOV:eu=EU");
	assert_stance(st, "no:foreign-tech-restrictions:support");
	assert_stance(st, "dk:foreign-tech-restrictions:support");
	assert_stance(st, "eu:foreign-tech-restrictions:support");
}

static void test_judgement_of_speaker(void **state)
{
	(void)state;
	/* a judging word on the measure: against it */
	const char *st =
	        analyse("\"The new data localisation rules are flawed and unjustified,\" said "
	                "Meta.",
	                "COMPANY:meta=Meta");
	assert_stance(st, "meta:data-protection:oppose");
	/* a word that harms its object: the speaker stands by the object */
	st = analyse("The senator said the encryption backdoor would violate the privacy of every "
	             "user.",
	             "PERSON:ann-ruiz=The senator");
	assert_stance(st, "ann-ruiz:lawful-access:oppose");
}

static void test_business_is_no_stance(void **state)
{
	(void)state;
	/* a company investing or signing is doing business, not backing a subsidy */
	const char *st = analyse("Samsung signed a deal to build a chip fab with $10 billion in "
	                         "subsidies from the state.",
	                         "COMPANY:samsung-electronics=Samsung");
	assert_no_stance(st, "samsung-electronics:tech-industrial-policy:support");
	/* a state granting them is */
	st = analyse("Japan approved $4 billion in subsidies for the chip fab.", "GOV:jp=Japan");
	assert_stance(st, "jp:tech-industrial-policy:support");
}

static void test_law_owner(void **state)
{
	(void)state;
	const char *st = analyse("Critics lined up against the EU's AI Act this week.",
	                         "GOV:eu=EU|LAW:ai-act=AI Act");
	assert_stance(st, "eu:ai-regulation:support");
}

/* Measure words added to the topics file: a clampdown on a platform is
 * competition enforcement. */
static void test_topic_measures(void **state)
{
	(void)state;
	const char *st = analyse("Brussels defended its antitrust clampdown on Google and Amazon.",
	                         "GOV:eu=Brussels|COMPANY:google=Google|COMPANY:amazon=Amazon");
	assert_stance(st, "eu:platform-competition:support");
}

/* Idioms of criticism are opposing cues. */
static void test_criticism_idioms(void **state)
{
	(void)state;
	const char *st =
	        analyse("Mozilla raised alarms about the surveillance powers in the draft.",
	                "ORG:mozilla=Mozilla");
	assert_stance(st, "mozilla:lawful-access:oppose");
	st = analyse("Amazon took aim at the new digital services tax.", "COMPANY:amazon=Amazon");
	assert_stance(st, "amazon:digital-taxation:oppose");
}

/* Courts: upholding a measure backs it, striking it down opposes it, and
 * dismissing a challenge to it backs it. */
static void test_court_rulings(void **state)
{
	(void)state;
	const char *st =
	        analyse("The appeals court upheld the ban on Huawei equipment in 5G networks.",
	                "GOV:xx/appeals-court=appeals court|COMPANY:huawei=Huawei");
	assert_stance(st, "xx/appeals-court:foreign-tech-restrictions:support");
	st = analyse("The high court dismissed the challenge to the ban on TikTok.",
	             "GOV:xx/high-court=high court|COMPANY:tiktok=TikTok");
	assert_stance(st, "xx/high-court:foreign-tech-restrictions:support");
	st = analyse("The high court threw out the appeal against the new export controls.",
	             "GOV:xx/high-court=high court");
	assert_stance(st, "xx/high-court:export-controls:support");
	st = analyse("The high court struck down the ban on TikTok.",
	             "GOV:xx/high-court=high court|COMPANY:tiktok=TikTok");
	assert_stance(st, "xx/high-court:foreign-tech-restrictions:oppose");
}

/* A state followed by a title acts through the office holder; a state
 * followed by a plain noun does not. */
static void test_title_speaker(void **state)
{
	(void)state;
	const char *st = analyse("The Dutch trade minister backed the new export controls on "
	                         "lithography machines.",
	                         "GOV:nl=Dutch");
	assert_stance(st, "nl:export-controls:support");
	st = analyse("Dutch farmers backed the new export controls on lithography machines.",
	             "GOV:nl=Dutch");
	assert_null(strstr(st, "nl:"));
}

/* A participle in apposition: "the bill, sponsored by X, would ...". */
static void test_passive_apposition(void **state)
{
	(void)state;
	const char *st = analyse("The measure, sponsored by Senator Jane Roe, would ban TikTok "
	                         "on national security grounds.",
	                         "PERSON:jane-roe=Jane Roe|COMPANY:tiktok=TikTok");
	assert_stance(st, "jane-roe:foreign-tech-restrictions:support");
	/* a name that modifies a title is not the agent: the titled person is */
	st = analyse("The antitrust case, brought by Obama prosecutors John Doe and Jane Roe, "
	             "targets Google.",
	             "PERSON:barack-obama=Obama|PERSON:john-doe=John Doe|PERSON:jane-roe=Jane "
	             "Roe|COMPANY:google=Google");
	assert_stance(st, "john-doe:platform-competition:support");
	assert_stance(st, "jane-roe:platform-competition:support");
	assert_null(strstr(st, "barack-obama"));
}

/* A contrast after the object puts what must not be sacrificed first. */
static void test_contrast_at_expense_of(void **state)
{
	(void)state;
	const char *st =
	        analyse("The Interior Ministry said it supported end-to-end encryption, but not "
	                "at the cost of solving serious crimes.",
	                "GOV:de/interior-ministry=Interior Ministry");
	assert_stance(st, "de/interior-ministry:lawful-access:support");
	st = analyse("Signal said it supported end-to-end encryption, full stop.",
	             "COMPANY:signal=Signal");
	assert_stance(st, "signal:lawful-access:oppose");
}

/* A user adds a topic by adding a row: no code involved. */
static void test_config_new_topic(void **state)
{
	(void)state;
	static const char topics[] = "id\tdescription\tcues\tmeasures\n"
	                             "space-debris\tFavours rules on orbital debris.\t"
	                             "orbital debris;space junk\t+debris rules;+deorbit mandate\n";
	static const char cues[] = "kind\tterm\tvalue\nsupport\tback\t\nnegation\tnot\t\n";
	struct topic_table t;
	struct stance_ctx c;
	struct strbuf err = STRBUF_INIT;
	topics_init(&t);
	assert_int_equal(topics_load(&t, "t", topics, sizeof(topics) - 1, &err), 0);
	assert_int_equal(topics_load_cues(&t, "c", cues, sizeof(cues) - 1, &err), 0);
	topics_finish(&t);
	stance_ctx_init(&c);
	struct stance_opts o = STANCE_OPTS_DEFAULT;
	const char *text = "Orbitco backed the deorbit mandate for space junk.";
	const char *m = "COMPANY:orbitco:0-7";
	stance_analyze(&t, &o, &c, text, strlen(text), m, strlen(m));
	assert_string_equal(c.topics.buf, "space-debris");
	assert_true(has(c.stances.buf, "orbitco:space-debris:support"));
	stance_ctx_release(&c);
	topics_release(&t);
	sb_release(&err);
}

static void test_config_errors(void **state)
{
	(void)state;
	static const char topics[] = "# comment\nid\tcues\tmeasures\n"
	                             "Bad Id\tx\t+y\n"
	                             "ok\tx\tno-direction\n"
	                             "ok\tx\t+y\n";
	static const char nocol[] = "id\tdescription\nfoo\tbar\n";
	static const char cues[] = "kind\tterm\tvalue\nsupport\tback\t\nfrobnicate\tx\t\n"
	                           "coref\tthe firm\t\n";
	static const char tone[] = "term\tscore\ngood\t0.5\nbad\t-2\nugly\tx\n";
	struct topic_table t;
	struct strbuf err = STRBUF_INIT;
	topics_init(&t);
	assert_int_equal(topics_load(&t, "topics.tsv", topics, sizeof(topics) - 1, &err), 3);
	assert_non_null(strstr(err.buf, "topics.tsv:3: bad topic id"));
	assert_non_null(strstr(err.buf, "topics.tsv:4: some terms skipped"));
	assert_non_null(strstr(err.buf, "topics.tsv:5: duplicate topic"));
	assert_int_equal(t.n, 1);
	assert_int_equal(topics_find(&t, "ok", 2), 0);
	assert_int_equal(topics_load(&t, "x.tsv", nocol, sizeof(nocol) - 1, &err), 1);
	assert_non_null(strstr(err.buf, "x.tsv:1: missing column: cues"));
	assert_int_equal(topics_load_cues(&t, "c.tsv", cues, sizeof(cues) - 1, &err), 2);
	assert_non_null(strstr(err.buf, "c.tsv:3: unknown kind"));
	assert_non_null(strstr(err.buf, "c.tsv:4: coref/pronoun needs entity types"));
	assert_int_equal(topics_load_tone(&t, "o.tsv", tone, sizeof(tone) - 1, &err), 2);
	topics_finish(&t);
	topics_release(&t);
	sb_release(&err);
}

static void test_coordination_titles(void **state)
{
	(void)state;
	/* "X and the Y": a determiner before the second conjunct */
	const char *st =
	        analyse("The Trade Ministry and the Cabinet Office unveiled a plan to grant "
	                "chipmakers new subsidies for domestic fabs.",
	                "GOV:xx/trade-ministry=Trade Ministry|GOV:xx/cabinet-office=Cabinet "
	                "Office");
	assert_stance(st, "xx/trade-ministry:tech-industrial-policy:support");
	assert_stance(st, "xx/cabinet-office:tech-industrial-policy:support");
	/* a passive agent behind a body's title, past a bracketed aside, and a
	 * second titled name: the people, not the committee */
	st = analyse(
	        "The export control bill, sponsored by Trade Committee Chairman Ann Lee (R-OH) "
	        "and Ranking Member Bo Park (D-WA), passed the House.",
	        "GOV:xx/trade-committee=Trade Committee|PERSON:ann-lee=Ann Lee|"
	        "PERSON:bo-park=Bo Park");
	assert_stance(st, "ann-lee:export-controls:support");
	assert_stance(st, "bo-park:export-controls:support");
	assert_no_stance(st, "xx/trade-committee:export-controls:support");
	/* "X and Y, who voiced concerns": both; the senator's country is not
	 * the second member's body */
	st = analyse("Utopia Senator Ann Lee and Representative Bo Park, who voiced concerns over "
	             "the encryption backdoor last spring, met the minister.",
	             "PERSON:ann-lee=Ann Lee|PERSON:bo-park=Bo Park|GOV:xx=Utopia");
	assert_stance(st, "ann-lee:lawful-access:oppose");
	assert_stance(st, "bo-park:lawful-access:oppose");
	assert_no_stance(st, "xx:lawful-access:oppose");
}

static void test_nominal_owner_coordination(void **state)
{
	(void)state;
	/* "criticism from US firms and the White House": the noun first
	 * conjunct stands for no actor, the second does */
	const char *st = analyse("The AI rules were postponed after sustained criticism from "
	                         "Utopian software makers and the Utopian cabinet.",
	                         "GOV:xx=Utopian cabinet");
	assert_stance(st, "xx:ai-regulation:oppose");
	/* a name the gazetteer does not know, joined to one it knows */
	st = analyse(
	        "Digital Rights Watch and Freenet Alliance are challenging the new surveillance "
	        "law in court.",
	        "ORG:digital-rights-watch=Digital Rights Watch");
	assert_stance(st, "digital-rights-watch:lawful-access:oppose");
	/* "X's support for", "opposition from X to": the object after "for",
	 * or after the agents */
	st = analyse("Lumen's support for the encryption backdoor surprised analysts.",
	             "COMPANY:lumen=Lumen");
	assert_stance(st, "lumen:lawful-access:support");
	st = analyse("The opposition from Lumen to the surveillance bill grew.",
	             "COMPANY:lumen=Lumen");
	assert_stance(st, "lumen:lawful-access:oppose");
	st = analyse("Lumen's lack of support for the encryption backdoor was no surprise.",
	             "COMPANY:lumen=Lumen");
	assert_no_stance(st, "lumen:lawful-access:oppose");
	assert_no_stance(st, "lumen:lawful-access:support");
	/* a plain noun subject still gives nothing */
	st = analyse("Campaigners and lawyers are challenging the new surveillance law in court, "
	             "Digital Rights Watch reported on Monday.",
	             "ORG:digital-rights-watch=Digital Rights Watch");
	assert_no_stance(st, "digital-rights-watch:lawful-access:oppose");
}

static void test_intention_nouns(void **state)
{
	(void)state;
	/* the owner of a decision, plan or bid is the agent of what follows */
	const char *st = analyse("Critics attacked the Interior Ministry's decision to ban "
	                         "messaging apps run by foreign adversaries.",
	                         "GOV:xx/interior-ministry=Interior Ministry");
	assert_stance(st, "xx/interior-ministry:foreign-tech-restrictions:support");
	/* a body's name as modifier: "a Treasury decision to issue" */
	st = analyse("Lumen Corp contested a Home Office decision to serve it a technical "
	             "capability notice last spring.",
	             "GOV:gb/home-office=Home Office|COMPANY:lumen=Lumen Corp");
	assert_stance(st, "gb/home-office:lawful-access:support");
	assert_stance(st, "lumen:lawful-access:oppose");
	/* negation: "decision not to renew" */
	st = analyse("Analysts welcomed the Finance Ministry's decision not to renew the digital "
	             "services tax.",
	             "GOV:xx/finance-ministry=Finance Ministry");
	assert_stance(st, "xx/finance-ministry:digital-taxation:oppose");
	/* coreference: "its bid to" after "the company" */
	st = analyse("Lumen Corp faces a new antitrust case. The company lost its bid to block the "
	             "antitrust case in court.",
	             "COMPANY:lumen=Lumen Corp");
	assert_stance(st, "lumen:platform-competition:oppose");
	/* "announced its decision to scrap": the intention passes the predicate on */
	st = analyse("Utopia announced its decision to scrap the digital services tax.",
	             "GOV:xx=Utopia");
	assert_stance(st, "xx:digital-taxation:oppose");
	assert_no_stance(st, "xx:digital-taxation:support");
}

/* "X, the Y, defended": an appositive after the actor opening the
 * sentence does not hide it. */
static void test_appositive_subject(void **state)
{
	(void)state;
	const char *st = analyse("Lumen, the cloud provider, criticised the encryption backdoor.",
	                         "COMPANY:lumen=Lumen");
	assert_stance(st, "lumen:lawful-access:oppose");
	st = analyse("The Interior Ministry, a long-time advocate of data retention, defended the "
	             "access order.",
	             "GOV:xx/interior-ministry=Interior Ministry");
	assert_stance(st, "xx/interior-ministry:lawful-access:support");
}

/* A speaker who says a measure would stifle something or backfire
 * judges it. */
static void test_judging_consequences(void **state)
{
	(void)state;
	const char *st = analyse("Lumen warned that the new export controls would stifle "
	                         "research at small labs.",
	                         "COMPANY:lumen=Lumen");
	assert_stance(st, "lumen:export-controls:oppose");
	st = analyse("Lumen said the export controls could backfire.", "COMPANY:lumen=Lumen");
	assert_stance(st, "lumen:export-controls:oppose");
	/* costs, and a measure harming what follows it */
	st = analyse("Lumen warned that tariffs on chips would raise costs for small labs.",
	             "COMPANY:lumen=Lumen");
	assert_stance(st, "lumen:tariffs:oppose");
	st = analyse("Lumen said tariffs on chips could undermine the competitiveness of small "
	             "labs.",
	             "COMPANY:lumen=Lumen");
	assert_stance(st, "lumen:tariffs:oppose");
	/* retaliating against a measure is opposing it */
	st = analyse("Freedonia vowed to retaliate against the new export controls on chips.",
	             "GOV:fd=Freedonia");
	assert_stance(st, "fd:export-controls:oppose");
}

/* Judging words that agree do not cancel ("a mistake ... that would have
 * hurt"); lobbying an actor to ease a measure opposes it; an adverb of
 * time between subject and verb ("has long pushed for"). */
static void test_agreeing_judgements_and_lobbying(void **state)
{
	(void)state;
	const char *st = analyse("\"Freedonia's digital services tax, which would have hurt "
	                         "exporters, was a mistake,\" Rufus Pike said.",
	                         "GOV:fd=Freedonia|PERSON:rufus-pike=Rufus Pike");
	assert_stance(st, "rufus-pike:digital-taxation:oppose");
	st = analyse("Chipco lobbied the Utopian cabinet to relax the export curbs on its chips.",
	             "COMPANY:chipco=Chipco|GOV:xx=Utopian cabinet");
	assert_stance(st, "chipco:export-controls:oppose");
	st = analyse("The Utopian police have long pushed for lawful access to encrypted phones.",
	             "GOV:xx/police=Utopian police");
	assert_stance(st, "xx/police:lawful-access:support");
}

/* Where an actor shifts, its last position counts: a later clause after a
 * contrast, a vote marked as taken now, an opening concession giving way
 * to the main clause; a gerund after an attitude verb is its object; a
 * predicate after "but" shares the subject of the one before. */
static void test_shifts_and_concessions(void **state)
{
	(void)state;
	const char *st =
	        analyse("While Chipco said it supported the aims of the Online Safety Act, "
	                "the company argued that the content rules would stifle free "
	                "expression.",
	                "COMPANY:chipco=Chipco");
	assert_stance(st, "chipco:content-regulation:oppose");
	st = analyse("Freedonia initially resisted excluding Huawei from its 5G networks but later "
	             "agreed to phase out the firm's components.",
	             "GOV:fd=Freedonia|COMPANY:huawei=Huawei");
	assert_stance(st, "fd:foreign-tech-restrictions:support");
	st = analyse(
	        "The Utopian cabinet at first insisted on access to encrypted messages. It has "
	        "since withdrawn the order.",
	        "GOV:xx=Utopian cabinet");
	assert_stance(st, "xx:lawful-access:oppose");
	/* a position given up, the new one unread: no stance */
	st = analyse(
	        "The Utopian cabinet initially tried to ban the Chinese app but now wants to keep "
	        "it on sale.",
	        "GOV:xx=Utopian cabinet");
	assert_no_stance(st, "xx:foreign-tech-restrictions:support");
	st = analyse("Freedonia opposed banning Huawei equipment from its 5G networks.",
	             "GOV:fd=Freedonia|COMPANY:huawei=Huawei");
	assert_stance(st, "fd:foreign-tech-restrictions:oppose");
	/* "while" later in a sentence is time, not contrast */
	st = analyse(
	        "\"The new DMA fines handicap our firms while letting others off,\" Rufus Pike "
	        "said.",
	        "PERSON:rufus-pike=Rufus Pike|LAW:digital-markets-act=DMA");
	assert_stance(st, "rufus-pike:platform-competition:oppose");
}

/* A cause is no aim: enacting tariffs "in response to" digital taxes
 * opposes the taxes; a phrase opening the sentence takes the main
 * clause's subject. */
static void test_causes(void **state)
{
	(void)state;
	const char *st = analyse("Rufus Pike ordered tariffs on imports from countries that impose "
	                         "digital services taxes, in response to what he called unfair "
	                         "levies on tech firms.",
	                         "PERSON:rufus-pike=Rufus Pike");
	assert_stance(st, "rufus-pike:digital-taxation:oppose");
	assert_no_stance(st, "rufus-pike:digital-taxation:support");
	st = analyse(
	        "In response to Freedonia's fines against tech firms under the Digital Markets "
	        "Act, the Utopian cabinet threatened to impose tariffs.",
	        "GOV:fd=Freedonia|GOV:xx=Utopian cabinet|LAW:digital-markets-act=Digital "
	        "Markets Act");
	assert_stance(st, "xx:platform-competition:oppose");
	/* answering an actor is no stance against it */
	st = analyse(
	        "Freedonia demanded a backdoor into encrypted phones. In response to Freedonia, "
	        "the Utopian cabinet said it would study the request.",
	        "GOV:fd=Freedonia|GOV:xx=Utopian cabinet");
	assert_no_stance(st, "xx:lawful-access:oppose");
}

/* Intentions and reduced relatives: "a backdoor demanded by X" is about
 * the backdoor; "the decision to exclude" of someone unnamed is not the
 * speaker's; "praised X's decision to strike down" takes a side on the
 * striking down; "decided not to proceed with" is negated. */
static void test_intentions_and_reduced_relatives(void **state)
{
	(void)state;
	const char *st = analyse("Chipco pulled its encrypted backup service rather than build a "
	                         "backdoor demanded by the Utopian cabinet.",
	                         "COMPANY:chipco=Chipco|GOV:xx=Utopian cabinet");
	assert_stance(st, "xx:lawful-access:support");
	st = analyse(
	        "Rights Watch criticised the government's plan to extend data retention powers.",
	        "ORG:rights-watch=Rights Watch");
	assert_stance(st, "rights-watch:lawful-access:oppose");
	assert_no_stance(st, "rights-watch:lawful-access:support");
	st = analyse(
	        "Rights Watch praised the court's decision to strike down the age verification "
	        "law.",
	        "ORG:rights-watch=Rights Watch");
	assert_stance(st, "rights-watch:content-regulation:oppose");
	st = analyse("Freedonia decided not to proceed with a digital services tax.",
	             "GOV:fd=Freedonia");
	assert_stance(st, "fd:digital-taxation:oppose");
	st = analyse("The Utopian embassy said the decision to exclude Huawei from 5G networks was "
	             "discriminatory.",
	             "GOV:xx/embassy=Utopian embassy|COMPANY:huawei=Huawei");
	assert_no_stance(st, "xx/embassy:foreign-tech-restrictions:support");
}

/* A state's body named by a common noun after its possessive acts for the
 * state; a plain noun's relative clause has no actor; a measure as the
 * object keeps its purpose clause to itself; warning against foreign apps
 * is favouring restrictions. */
static void test_state_bodies_and_relatives(void **state)
{
	(void)state;
	const char *st =
	        analyse("Freedonia's parliament rejected a bill that would have introduced "
	                "a digital services tax.",
	                "GOV:fd=Freedonia");
	assert_stance(st, "fd:digital-taxation:oppose");
	assert_no_stance(st, "fd:digital-taxation:support");
	st = analyse("Freedonia's competition authority fined Chipco over its app store rules.",
	             "GOV:fd=Freedonia|COMPANY:chipco=Chipco");
	assert_stance(st, "fd:platform-competition:support");
	st = analyse(
	        "Freedonia's security service has warned against using Chinese apps on official "
	        "phones.",
	        "GOV:fd=Freedonia");
	assert_stance(st, "fd:foreign-tech-restrictions:support");
	/* a plain noun after a state is still no actor */
	st = analyse("Freedonia's users rejected the app store rules.", "GOV:fd=Freedonia");
	assert_no_stance(st, "fd:platform-competition:oppose");
	st = analyse(
	        "Freedonia will introduce legislation to require Chipco to open its app store.",
	        "GOV:fd=Freedonia|COMPANY:chipco=Chipco");
	assert_stance(st, "fd:platform-competition:support");
}

/* A state suing a firm enforces the rules when the firm's own stance is
 * unknown; ordering harmful content removed is content regulation; a
 * permit requirement on exports is an export control. */
static void test_enforcement_and_new_measures(void **state)
{
	(void)state;
	const char *st = analyse("The Utopian trade regulator sued Chipco, accusing the company of "
	                         "anti-competitive tactics.",
	                         "GOV:xx/trade=Utopian trade regulator|COMPANY:chipco=Chipco");
	assert_stance(st, "xx/trade:platform-competition:support");
	st = analyse("Freedonia ordered platforms to remove deepfakes within a day.",
	             "GOV:fd=Freedonia");
	assert_stance(st, "fd:content-regulation:support");
	st = analyse("Freedonia introduced a permit requirement for exports of AI chips.",
	             "GOV:fd=Freedonia");
	assert_stance(st, "fd:export-controls:support");
}

/* Object relatives ("a move Freedonia condemned"), participles after
 * "while" taking the main subject, and a pronoun object standing for the
 * sentence's measure or law ("criticising it", "signed off on it"). */
static void test_relatives_participles_pronoun_objects(void **state)
{
	(void)state;
	const char *st = analyse("Utopia added further export restrictions on chipmaking machines, "
	                         "a move Freedonia condemned as bullying.",
	                         "GOV:xx=Utopia|GOV:fd=Freedonia");
	assert_stance(st, "fd:export-controls:oppose");
	st = analyse("Chipco complied with the Utopian regulator's interoperability order while "
	             "criticising it as heavy-handed.",
	             "COMPANY:chipco=Chipco|GOV:xx/reg=Utopian regulator");
	assert_stance(st, "chipco:platform-competition:oppose");
	st = analyse("The Utopian parliament approved the AI Act in March, and the Utopian council "
	             "signed off on it in May.",
	             "GOV:xx/parl=Utopian parliament|GOV:xx/council=Utopian council|LAW:ai-act=AI "
	             "Act");
	assert_stance(st, "xx/council:ai-regulation:support");
}

/* The actor right before "to" after a participle does what follows
 * ("prompting Freedonia to seek an exemption"); "warnings from X" are X's
 * opposition; a name modifying someone's noun ("its High Court
 * challenge") is not a subject. */
static void test_object_control_and_modifiers(void **state)
{
	(void)state;
	const char *st =
	        analyse("Utopia imposed a 25% tariff on imported semiconductors, prompting "
	                "Freedonia to seek an exemption for its chipmakers.",
	                "GOV:xx=Utopia|GOV:fd=Freedonia");
	assert_stance(st, "xx:tariffs:support");
	assert_stance(st, "fd:tariffs:oppose");
	assert_no_stance(st, "xx:tariffs:oppose");
	st = analyse("Freedonia pushed ahead with its digital tax despite warnings from Utopia.",
	             "GOV:fd=Freedonia|GOV:xx=Utopia");
	assert_stance(st, "xx:digital-taxation:oppose");
	st = analyse(
	        "Rights Watch lost its High Court challenge to parts of the Online Safety Act.",
	        "ORG:rights-watch=Rights Watch|GOV:gb/high-court=High Court|LAW:osa=Online "
	        "Safety Act");
	assert_no_stance(st, "gb/high-court:content-regulation:oppose");
}

/* Cues and forms seen in unseen news: an official of a state after its
 * possessive, an irregular past, artificial intelligence spelled out, an
 * actor's intention judged through the actor. */
static void test_more_cues_and_forms(void **state)
{
	(void)state;
	const char *st = analyse("Freedonia's digital minister called for a pause in the AI Act's "
	                         "implementation.",
	                         "GOV:fd=Freedonia|LAW:ai-act=AI Act");
	assert_stance(st, "fd:ai-regulation:oppose");
	st = analyse("Chipco said it had never built a backdoor into its products.",
	             "COMPANY:chipco=Chipco");
	assert_stance(st, "chipco:lawful-access:oppose");
	st = analyse("Freedonia's senate approved a bill to regulate artificial intelligence.",
	             "GOV:fd=Freedonia");
	assert_stance(st, "fd:ai-regulation:support");
	st = analyse("Chipco has challenged Freedonia's decision to exclude it from 5G networks.",
	             "COMPANY:chipco=Chipco|GOV:fd=Freedonia");
	assert_stance(st, "chipco:foreign-tech-restrictions:oppose");
	assert_stance(st, "fd:foreign-tech-restrictions:support");
	/* a speaker saying a measure will help takes its side */
	st = analyse(
	        "The new chip subsidies will help Chipco build a plant, Minister Rufus Pike said.",
	        "COMPANY:chipco=Chipco|PERSON:rufus-pike=Rufus Pike");
	assert_stance(st, "rufus-pike:tech-industrial-policy:support");
	/* the owner of a measure past several modifiers */
	st = analyse("Chipco will comply with Freedonia's new under-18 age verification rules.",
	             "COMPANY:chipco=Chipco|GOV:fd=Freedonia");
	assert_stance(st, "fd:content-regulation:support");
	/* "rather than V": V is refused, by the subject of what it is
	 * weighed against */
	st = analyse("Chipco pulled its encrypted backups for Utopian users rather than build a "
	             "backdoor.",
	             "COMPANY:chipco=Chipco");
	assert_stance(st, "chipco:lawful-access:oppose");
	st = analyse("Chipco said it would rather leave Utopia than weaken its end-to-end "
	             "encryption.",
	             "COMPANY:chipco=Chipco|GOV:xx=Utopia");
	assert_no_stance(st, "chipco:lawful-access:support");
	/* a measure qualified the other way */
	st = analyse("Chipco is pushing for looser app store rules in Utopia.",
	             "COMPANY:chipco=Chipco|GOV:xx=Utopia");
	assert_stance(st, "chipco:platform-competition:oppose");
	st = analyse("Utopia's data protection authority said the transfers of personal data were "
	             "unlawful.",
	             "GOV:xx=Utopia");
	assert_stance(st, "xx:data-protection:support");
	/* "is fine" is no fine */
	st = analyse(
	        "The competition watchdog claims this is fine because users still have a choice.",
	        "GOV:xx/cw=competition watchdog");
	assert_no_stance(st, "xx/cw:platform-competition:support");
	/* "instead of" in an object: what follows is not wanted */
	st = analyse(
	        "Freedonia pushed for voluntary codes instead of binding rules under the AI Act.",
	        "GOV:fd=Freedonia|LAW:ai-act=AI Act");
	assert_stance(st, "fd:ai-regulation:oppose");
	st = analyse("Chipco, Lumen and Orbitco have all opposed the digital services tax.",
	             "COMPANY:chipco=Chipco|COMPANY:lumen=Lumen|COMPANY:orbitco=Orbitco");
	assert_stance(st, "orbitco:digital-taxation:oppose");
	assert_stance(st, "chipco:digital-taxation:oppose");
	st = analyse("Chipco refused to hand over encryption keys to the Utopian police.",
	             "COMPANY:chipco=Chipco|GOV:xx/police=Utopian police");
	assert_stance(st, "chipco:lawful-access:oppose");
	/* undecided is no stance */
	st = analyse("Chipco has not yet decided whether to appeal the antitrust ruling.",
	             "COMPANY:chipco=Chipco");
	assert_no_stance(st, "chipco:platform-competition:support");
	assert_no_stance(st, "chipco:platform-competition:oppose");
	/* a plan given up is no vote for it */
	st = analyse("The Utopian cabinet dropped its plan to ban Chinese apps.",
	             "GOV:xx=Utopian cabinet");
	assert_stance(st, "xx:foreign-tech-restrictions:oppose");
	st = analyse(
	        "Lumen's chief executive Rufus Pike said export controls on AI chips had been a "
	        "failure.",
	        "COMPANY:lumen=Lumen|PERSON:rufus-pike=Rufus Pike");
	assert_stance(st, "rufus-pike:export-controls:oppose");
	/* "was opposed to the move": the attitude is the subject's, about
	 * the act just reported, in the direction it took */
	st = analyse(
	        "Utopia expanded its export controls on chipmaking machines. Freedonia said it "
	        "was firmly opposed to the move.",
	        "GOV:xx=Utopia|GOV:fd=Freedonia");
	assert_stance(st, "fd:export-controls:oppose");
	st = analyse(
	        "Utopia lifted its export controls on chipmaking machines. Freedonia criticised "
	        "the decision.",
	        "GOV:xx=Utopia|GOV:fd=Freedonia");
	assert_stance(st, "fd:export-controls:support");
	/* a body noun after a state's possessive makes the next word a verb */
	st = analyse("Utopia's government withdrew an advisory on AI models after criticism.",
	             "GOV:xx=Utopia");
	assert_stance(st, "xx:ai-regulation:oppose");
	/* a passive's agent after a body's title */
	st = analyse(
	        "Huawei equipment was banned from Utopia's 5G networks by the telecoms regulator "
	        "UTA.",
	        "COMPANY:huawei=Huawei|GOV:xx=Utopia|GOV:xx/uta=UTA");
	assert_stance(st, "xx/uta:foreign-tech-restrictions:support");
}

/* Time words between the subject and its predicate are skipped: "The
 * ministry on Tuesday banned", "last week". */
static void test_time_words_before_predicate(void **state)
{
	(void)state;
	const char *st = analyse("The Utopian cabinet on Tuesday banned equipment from high-risk "
	                         "vendors.",
	                         "GOV:xx=Utopian cabinet");
	assert_stance(st, "xx:foreign-tech-restrictions:support");
	st = analyse("On Friday the Utopian cabinet banned equipment from high-risk vendors.",
	             "GOV:xx=Utopian cabinet");
	assert_stance(st, "xx:foreign-tech-restrictions:support");
	st = analyse("The Utopian cabinet last week lifted the export controls on chips.",
	             "GOV:xx=Utopian cabinet");
	assert_stance(st, "xx:export-controls:oppose");
}

static void test_object_is_no_subject(void **state)
{
	(void)state;
	/* "directs the agency to not enforce": the agency is told, not telling */
	const char *st = analyse("The decree directs the Trade Agency to hold off enforcing "
	                         "the prohibition of messaging apps from foreign adversaries.",
	                         "GOV:xx/trade-agency=Trade Agency");
	assert_no_stance(st, "xx/trade-agency:foreign-tech-restrictions:oppose");
	/* "warned the Commission against weakening": the one warned */
	st = analyse("Two MEPs this week warned the European Commission against weakening the "
	             "AI rules.",
	             "GOV:eu/european-commission=European Commission");
	assert_no_stance(st, "eu/european-commission:ai-regulation:support");
	assert_no_stance(st, "eu/european-commission:ai-regulation:oppose");
	/* passive possessor: "protected by Lumen's service" names no agent */
	st = analyse("Police want access to messages protected by Lumen's end-to-end encryption.",
	             "COMPANY:lumen=Lumen");
	assert_no_stance(st, "lumen:lawful-access:support");
	/* The one written to is no subject, titled by a body or not. */
	st = analyse("Executives of Zentel wrote to Commission president Jo Roe asking for a "
	             "pause to the AI Act.",
	             "COMPANY:zentel=Zentel|PERSON:jo-roe=Jo Roe|LAW:ai-act=AI Act");
	assert_no_stance(st, "jo-roe:ai-regulation:oppose");
}

static void test_quote_run_and_concern(void **state)
{
	(void)state;
	/* quotes in a row: one voice, into the next paragraph */
	const char *st = analyse("\"We studied the case for a year,\" Jane Roe said. \"The data "
	                         "localisation rules are a welcome step.\"\n\"They undermine the "
	                         "privacy safeguards users rely on,\" she added later.",
	                         "PERSON:jane-roe=Jane Roe");
	assert_stance(st, "jane-roe:data-protection:support");
	/* a quote after an unrelated sentence keeps no speaker */
	st = analyse("Jane Roe spoke at the summit on Monday.\n\"The data localisation rules are a "
	             "welcome step.\"",
	             "PERSON:jane-roe=Jane Roe");
	assert_no_stance(st, "jane-roe:data-protection:support");
	/* "raised concerns" without "about", the measure further on */
	st = analyse("Lumen Corp raised concerns in a filing on Friday about the proposed "
	             "encryption backdoor.",
	             "COMPANY:lumen=Lumen Corp");
	assert_stance(st, "lumen:lawful-access:oppose");
	/* negated: "did not raise concerns" */
	st = analyse("Lumen Corp did not raise concerns about the proposed encryption backdoor.",
	             "COMPANY:lumen=Lumen Corp");
	assert_no_stance(st, "lumen:lawful-access:oppose");
}

static void test_clauses_and_objects(void **state)
{
	(void)state;
	/* "signed an order that halts the ban": the clause decides */
	const char *st = analyse("Governor Jane Roe signed an order that halts the ban on "
	                         "apps from foreign adversaries for ninety days.",
	                         "PERSON:jane-roe=Jane Roe");
	assert_stance(st, "jane-roe:foreign-tech-restrictions:oppose");
	/* negated clause: the ban stands, signing it is backing it */
	st = analyse("Governor Jane Roe signed an order that does not halt the ban on apps "
	             "from foreign adversaries.",
	             "PERSON:jane-roe=Jane Roe");
	assert_no_stance(st, "jane-roe:foreign-tech-restrictions:oppose");
	/* an infinitive of purpose: the subject of the verb it serves */
	st = analyse(
	        "The Telecom Ministry invoked emergency powers under Section 12 of the Network "
	        "Security Code and the related Procedure Rules to ban apps from "
	        "foreign adversaries.",
	        "GOV:xx/telecom-ministry=Telecom Ministry|LAW:network-security-code=Network "
	        "Security Code");
	assert_stance(st, "xx/telecom-ministry:foreign-tech-restrictions:support");
	/* "firm but fair enforcement": one object */
	st = analyse("\"We took firm but fair enforcement steps against the gatekeepers,\" "
	             "Commissioner Ann Lee said.",
	             "PERSON:ann-lee=Ann Lee");
	assert_stance(st, "ann-lee:platform-competition:support");
}

static void test_speakers_and_owners(void **state)
{
	(void)state;
	/* a body's title before a name the gazetteer does not know */
	const char *st =
	        analyse("Utopia Foreign Ministry Spokesman Lin Wei condemned the new export "
	                "controls on chipmaking tools.",
	                "GOV:xx/foreign-ministry=Utopia Foreign Ministry");
	assert_stance(st, "xx/foreign-ministry:export-controls:oppose");
	/* the speaker's own name is not the measure it judges; negated
	 * "justify" is a judgement against the measure */
	st = analyse("Lumen Corp said the security concerns do not justify a ban on its app from "
	             "foreign adversaries' markets.",
	             "COMPANY:lumen=Lumen Corp");
	assert_stance(st, "lumen:foreign-tech-restrictions:oppose");
	/* "its proposed bill": the state, not the company named in between */
	st = analyse(
	        "The Utopian government faces a clash with Lumen Corp over its proposed Online "
	        "Safety Bill.",
	        "GOV:xx=Utopian government|COMPANY:lumen=Lumen Corp|LAW:online-safety-bill="
	        "Online Safety Bill");
	assert_stance(st, "xx:content-regulation:support");
	assert_no_stance(st, "lumen:content-regulation:support");
	/* "the court's decision, which struck down": the owner of the ruling */
	st = analyse(
	        "The ruling follows the High Court's 2021 decision, which struck down the data "
	        "transfer pact as a breach of data protection law.",
	        "GOV:xx/high-court=High Court");
	assert_stance(st, "xx/high-court:data-protection:support");
	/* released draft rules: enacting a measure */
	st = analyse("The Digital Ministry released draft rules on the localisation of personal "
	             "data.",
	             "GOV:xx/digital-ministry=Digital Ministry");
	assert_stance(st, "xx/digital-ministry:data-protection:support");
}

static void test_places_are_no_agents(void **state)
{
	(void)state;
	/* "inside the administration", "outside Utopia": after a preposition */
	const char *st =
	        analyse("Talks inside the Utopian cabinet about imposing chip tariffs went "
	                "on for weeks.",
	                "GOV:xx=Utopian cabinet");
	assert_no_stance(st, "xx:tariffs:support");
	st = analyse("The rules limit how personal data may be sent outside Utopia.",
	             "GOV:xx=Utopia");
	assert_no_stance(st, "xx:data-protection:support");
	/* a state before what a measure restricts is no owner of it ... */
	st = analyse("The encryption case ended the Utopia data privacy dispute.", "GOV:xx=Utopia");
	assert_no_stance(st, "xx:lawful-access:oppose");
	/* ... but before what a measure imposes it is */
	st = analyse("Lumen Corp lost its appeal against a Utopia access order on encrypted "
	             "messages.",
	             "GOV:xx=Utopia|COMPANY:lumen=Lumen Corp");
	assert_stance(st, "xx:lawful-access:support");
	/* "its", "their" before a measure: a state's demand, not a firm's own
	 * rules or a state named nearby owning a firm's encryption */
	st = analyse("Lumen threatened to leave Utopia rather than weaken its encryption.",
	             "COMPANY:lumen=Lumen|GOV:xx=Utopia");
	assert_no_stance(st, "xx:lawful-access:oppose");
	st = analyse("The EU fined Lumen and Orbo over their app store rules.",
	             "GOV:eu=EU|COMPANY:lumen=Lumen|COMPANY:orbo=Orbo");
	assert_stance(st, "eu:platform-competition:support");
	assert_no_stance(st, "orbo:platform-competition:support");
	st = analyse("Utopia said its demand for an encryption backdoor stands.",
	             "GOV:xx=Utopia|COMPANY:lumen=Lumen");
	assert_stance(st, "xx:lawful-access:support");
}

static void test_sentence_measure_and_compounds(void **state)
{
	(void)state;
	/* an appeal with no object of its own is about the sentence's measure */
	const char *st = analyse("Utopia banned apps from foreign adversaries in May. Despite "
	                         "Lumen's appeal, a court upheld the ban.",
	                         "COMPANY:lumen=Lumen|GOV:xx=Utopia");
	assert_stance(st, "lumen:foreign-tech-restrictions:oppose");
	assert_stance(st, "xx:foreign-tech-restrictions:support");
	/* "the Roe-boosted policy": the name before the hyphen enacted it */
	st = analyse(
	        "Chipmakers doubt the new cabinet will keep the Roe-boosted industrial policy.",
	        "PERSON:jane-roe=Roe");
	assert_stance(st, "jane-roe:tech-industrial-policy:support");
	/* "whether or not they will back": a question, no negation */
	st = analyse("Chip grants are in doubt. Analysts asked whether or not they will back the "
	             "Roe-boosted industrial policy.",
	             "PERSON:jane-roe=Roe");
	assert_no_stance(st, "jane-roe:tech-industrial-policy:oppose");
	/* "they" after a state is the rules, not the state: "they" stands for
	 * firms and groups, not for one state */
	st = analyse("Utopia published the draft data rules in May. However, they restrict the "
	             "transfer of personal data for some classes, the guidance said.",
	             "GOV:xx=Utopia");
	assert_no_stance(st, "xx:data-protection:support");
	st = analyse("Lumen and Orbo sued over the new age verification rules. They said the rules "
	             "were unfair.",
	             "COMPANY:lumen=Lumen|COMPANY:orbo=Orbo");
	assert_stance(st, "orbo:content-regulation:oppose");
	/* a hyphen inside a word with no actor before it is nothing */
	st = analyse("Critics doubt the state-backed industrial policy will last.",
	             "GOV:xx=Utopia");
	assert_string_equal(st, "");
}

static void test_investigations(void **state)
{
	(void)state;
	/* an investigation into a measure acts against it ... */
	const char *st =
	        analyse("The Trade Office opened an investigation into the digital services "
	                "tax.",
	                "GOV:xx/trade-office=Trade Office");
	assert_stance(st, "xx/trade-office:digital-taxation:oppose");
	/* ... an antitrust investigation is itself the measure */
	st = analyse("The regulator launched an antitrust investigation into the app store.",
	             "GOV:xx/regulator=regulator");
	assert_stance(st, "xx/regulator:platform-competition:support");
	/* a measure in a later clause is not what the inquiry is into */
	st = analyse("The Trade Office opened an inquiry into chip imports that could lead to new "
	             "chip tariffs.",
	             "GOV:xx/trade-office=Trade Office");
	assert_no_stance(st, "xx/trade-office:tariffs:oppose");
	/* "disagreed with the decision and planned to appeal": two predicates */
	st = analyse(
	        "The privacy watchdog fined Lumen under the GDPR. Lumen said it disagreed with "
	        "the decision and planned to appeal.",
	        "COMPANY:lumen=Lumen|GOV:xx/watchdog=privacy watchdog");
	assert_stance(st, "lumen:data-protection:oppose");
}

static void test_pressure_from(void **state)
{
	(void)state;
	/* those pressing for a retreat oppose the measure, titled members too */
	const char *st = analyse("Utopia dropped its digital services tax under pressure from the "
	                         "Orban cabinet and top Ruritanian officials, including Trade "
	                         "Minister Jane Roe.",
	                         "GOV:xx=Utopia|GOV:yy=Orban cabinet|PERSON:jane-roe=Jane Roe");
	assert_stance(st, "xx:digital-taxation:oppose");
	assert_stance(st, "yy:digital-taxation:oppose");
	assert_stance(st, "jane-roe:digital-taxation:oppose");
	/* a modal retreat leaves the measure standing for its owner, but the
	 * pressing actor still opposes it */
	st = analyse("The Home Office demanded an encryption backdoor. The Home Office may back "
	             "down under pressure from Ruritania.",
	             "GOV:gb/home-office=Home Office|GOV:rr=Ruritania");
	assert_stance(st, "gb/home-office:lawful-access:support");
	assert_stance(st, "rr:lawful-access:oppose");
	/* passive with no agent: the pressing actors still speak */
	st = analyse("The AI rules were delayed under pressure from Orbo and the Utopian cabinet.",
	             "GOV:xx=Utopian cabinet|COMPANY:orbo=Orbo");
	assert_stance(st, "xx:ai-regulation:oppose");
	assert_stance(st, "orbo:ai-regulation:oppose");
	/* pressure for an imposition is support */
	st = analyse("Utopia imposed chip export controls under pressure from Ruritania.",
	             "GOV:xx=Utopia|GOV:rr=Ruritania");
	assert_stance(st, "rr:export-controls:support");
	/* pressure far from the predicate, after another clause, is not its */
	st = analyse("Utopia imposed chip export controls, which firms said came after years of "
	             "pressure from Ruritania on trade.",
	             "GOV:xx=Utopia|GOV:rr=Ruritania");
	assert_no_stance(st, "rr:export-controls:support");
}

static void test_judging_an_actor(void **state)
{
	(void)state;
	/* condemning a body with no measure named: against its stance */
	const char *st = analyse("The Commission fined Orbo under the Digital Markets Act. \"The "
	                         "Commission is bullying successful firms,\" Jane Roe said.",
	                         "GOV:eu/european-commission=Commission|COMPANY:orbo=Orbo|"
	                         "PERSON:jane-roe=Jane Roe|LAW:dma=Digital Markets Act");
	assert_stance(st, "eu/european-commission:platform-competition:support");
	assert_stance(st, "jane-roe:platform-competition:oppose");
	/* "X condemned ... saying Y ... . It said ...": the pronoun opening the
	 * next sentence goes on with X, not with Y named last; taking
	 * "necessary measures" is a threat, not praise of a measure */
	st = analyse(
	        "The Utopia trade ministry condemned the export controls, saying Ruritania was "
	        "abusing them. It said Utopia would take necessary measures to protect its "
	        "firms.",
	        "GOV:xx/trade-ministry=Utopia trade ministry|GOV:rr=Ruritania|GOV:xx=Utopia");
	assert_stance(st, "xx/trade-ministry:export-controls:oppose");
	assert_no_stance(st, "rr:export-controls:support");
	assert_no_stance(st, "rr:foreign-tech-restrictions:support");
	assert_no_stance(st, "xx/trade-ministry:foreign-tech-restrictions:support");
	/* negated: no judgement */
	st = analyse("The Commission fined Orbo under the Digital Markets Act. \"The Commission is "
	             "not bullying anyone,\" Jane Roe said.",
	             "GOV:eu/european-commission=Commission|COMPANY:orbo=Orbo|PERSON:jane-roe=Jane "
	             "Roe|LAW:dma=Digital Markets Act");
	assert_no_stance(st, "jane-roe:platform-competition:oppose");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_subject_of_cue_verb),
	        cmocka_unit_test(test_object_direction),
	        cmocka_unit_test(test_negation),
	        cmocka_unit_test(test_passive),
	        cmocka_unit_test(test_quote_speaker),
	        cmocka_unit_test(test_reported_speech),
	        cmocka_unit_test(test_coreference),
	        cmocka_unit_test(test_removing_a_firm),
	        cmocka_unit_test(test_possessive),
	        cmocka_unit_test(test_restrict_and_reverse),
	        cmocka_unit_test(test_composition),
	        cmocka_unit_test(test_modal_reversal_keeps_demand),
	        cmocka_unit_test(test_aggregation),
	        cmocka_unit_test(test_mere_mention),
	        cmocka_unit_test(test_output_format),
	        cmocka_unit_test(test_bad_and_missing_mentions),
	        cmocka_unit_test(test_tone),
	        cmocka_unit_test(test_relative_clause_and_lists),
	        cmocka_unit_test(test_judgement_of_speaker),
	        cmocka_unit_test(test_business_is_no_stance),
	        cmocka_unit_test(test_law_owner),
	        cmocka_unit_test(test_contrast_at_expense_of),
	        cmocka_unit_test(test_passive_apposition),
	        cmocka_unit_test(test_title_speaker),
	        cmocka_unit_test(test_court_rulings),
	        cmocka_unit_test(test_criticism_idioms),
	        cmocka_unit_test(test_topic_measures),
	        cmocka_unit_test(test_coordination_titles),
	        cmocka_unit_test(test_nominal_owner_coordination),
	        cmocka_unit_test(test_intention_nouns),
	        cmocka_unit_test(test_appositive_subject),
	        cmocka_unit_test(test_judging_consequences),
	        cmocka_unit_test(test_agreeing_judgements_and_lobbying),
	        cmocka_unit_test(test_shifts_and_concessions),
	        cmocka_unit_test(test_causes),
	        cmocka_unit_test(test_intentions_and_reduced_relatives),
	        cmocka_unit_test(test_state_bodies_and_relatives),
	        cmocka_unit_test(test_enforcement_and_new_measures),
	        cmocka_unit_test(test_relatives_participles_pronoun_objects),
	        cmocka_unit_test(test_object_control_and_modifiers),
	        cmocka_unit_test(test_more_cues_and_forms),
	        cmocka_unit_test(test_time_words_before_predicate),
	        cmocka_unit_test(test_object_is_no_subject),
	        cmocka_unit_test(test_quote_run_and_concern),
	        cmocka_unit_test(test_clauses_and_objects),
	        cmocka_unit_test(test_speakers_and_owners),
	        cmocka_unit_test(test_places_are_no_agents),
	        cmocka_unit_test(test_sentence_measure_and_compounds),
	        cmocka_unit_test(test_investigations),
	        cmocka_unit_test(test_pressure_from),
	        cmocka_unit_test(test_judging_an_actor),
	        cmocka_unit_test(test_config_new_topic),
	        cmocka_unit_test(test_config_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
