# newspipe: staged Unix filters for geopolitical tech news.
#
#   make            build bin/news-* (and the generated data)
#   make demo       install missing packages, build, run the pipeline offline
#   make check      install missing packages, lint, unit + command-line tests,
#                   fuzz regression, then the same suite under ASan+UBSan
#   make bench      benchmarks against peers (ratios, not absolute times)
#   make fuzz       long libFuzzer runs (FUZZ_SECONDS per target)
#   make lint       clang-format check and cppcheck
#   make install    PREFIX=/usr/local DESTDIR=
#
# Everything is discovered by file name, so adding a stage or a test
# needs no edit here: pipeline/news-*.c is a program, every other .c in
# pipeline/ and extractors/ goes into the library, tests/unit/test_*.c is
# a cmocka test, tests/cases/*/ a data-driven command-line test,
# tests/cli/*.sh a scripted one, tests/fuzz/fuzz_*.c a fuzz target and
# tests/bench/*.sh a benchmark.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKG_CONFIG ?= pkg-config

# B: where objects go; BIN: where programs go.  The sanitizer build uses
# its own tree so both can live side by side.
B ?= build
BIN ?= bin

PKGS = libxml-2.0 libpcre2-8 libcurl libutf8proc jansson sqlite3 xlsxwriter zlib

CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla -Wpointer-arith -Wno-unused-parameter
ifneq ($(CI)$(WERROR),)
WARNINGS += -Werror
endif
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CPPFLAGS = -D_GNU_SOURCE -DNP_DATADIR='"$(PREFIX)/share/newspipe"' \
	-Ipipeline -Iextractors -MMD -MP $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARNINGS) $(SANFLAGS) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) -Wl,--as-needed $(LDFLAGS)
LIBS = $(PKG_LIBS) -lm

PROG_SRC = $(sort $(wildcard pipeline/news-*.c))
LIB_SRC = $(sort $(filter-out $(PROG_SRC),$(wildcard pipeline/*.c)) $(wildcard extractors/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))

PROGS = $(patsubst pipeline/%.c,$(BIN)/%,$(PROG_SRC))
LIB_OBJ = $(patsubst %.c,$(B)/%.o,$(LIB_SRC))
LIB = $(B)/libnewspipe.a
UNITS = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
MAN_IN = $(wildcard man/*.1.in)
MANS = $(patsubst man/%.in,$(B)/man/%,$(MAN_IN))

# Files generated from Debian packages at build time (see data/README.md).
GEN_DATA = $(if $(wildcard data/gen-countries),$(B)/data/countries.tsv)

all: $(PROGS) $(GEN_DATA) $(MANS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN)/%: $(B)/pipeline/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LIBS) $(PROG_LIBS)

# news-strip builds and frees a DOM tree of hundreds of thousands of small
# nodes per page: jemalloc makes it 10% faster than glibc's malloc (make
# bench).  Not with the sanitizers, which bring their own allocator.
ifneq ($(SAN),1)
$(BIN)/news-strip: PROG_LIBS = $(shell $(PKG_CONFIG) --libs jemalloc 2>/dev/null)
endif

$(B)/tests/%: $(B)/tests/unit/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(CMOCKA_LIBS) $(LIBS)

$(B)/data/countries.tsv: data/gen-countries data/country-extra.tsv
	@mkdir -p $(@D)
	data/gen-countries /usr/share/iso-codes/json/iso_3166-1.json data/country-extra.tsv > $@.tmp
	mv $@.tmp $@

$(B)/man/%.1: man/%.1.in $(BIN)/%
	@mkdir -p $(@D)
	scripts/gen-man $(BIN)/$* $< > $@.tmp
	mv $@.tmp $@

# ---------------------------------------------------------------- tests

deps-build:
	@scripts/install-deps build
deps-check:
	@scripts/install-deps build check
deps-bench:
	@scripts/install-deps build check bench

units: $(UNITS)

# One pass of the suite against the programs in $(BIN).
test-run: all units
	@scripts/run-tests $(B) $(BIN) $(UNITS)

check: deps-check
	$(MAKE) lint
	$(MAKE) test-run
	$(MAKE) fuzz-check
	$(MAKE) B=build-san BIN=build-san/bin SAN=1 CFLAGS='-O1 -g -DNEWSPIPE_CHECKS' test-run

demo: deps-build
	@$(MAKE) -s --no-print-directory all >&2
	@scripts/demo $(BIN)

bench: deps-bench
	$(MAKE) all
	@for b in tests/bench/*.sh; do [ -e "$$b" ] || continue; echo "== $$b"; sh "$$b" $(BIN) || exit 1; done

# libFuzzer targets: built with clang; `make fuzz` runs each for
# FUZZ_SECONDS, `make fuzz-check` replays the corpus and fuzzes briefly.
FUZZ_SECONDS ?= 600
FUZZ_CHECK_SECONDS ?= 10
FUZZ_CFLAGS = -g -O1 -fsanitize=address,undefined -D_GNU_SOURCE -DNEWSPIPE_CHECKS \
	-Ipipeline -Iextractors $(PKG_CFLAGS)
FUZZERS = $(patsubst tests/fuzz/%.c,build-fuzz/%,$(FUZZ_SRC))
FUZZ_LIB = build-fuzz/libnewspipe.a

build-fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_LIB): $(patsubst %.c,build-fuzz/obj/%.o,$(LIB_SRC))
	@rm -f $@
	$(AR) rcs $@ $^

build-fuzz/%: tests/fuzz/%.c $(FUZZ_LIB)
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(LIBS)

fuzz-check: $(FUZZERS)
	@scripts/run-fuzz $(FUZZ_CHECK_SECONDS) $(FUZZERS)

fuzz: deps-check $(FUZZERS)
	@scripts/run-fuzz $(FUZZ_SECONDS) $(FUZZERS)

# ---------------------------------------------------------------- lint

C_FILES = $(wildcard pipeline/*.[ch] extractors/*.[ch] tests/unit/*.[ch] tests/fuzz/*.[ch])

lint:
	clang-format --dry-run --Werror $(C_FILES)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
		--inline-suppr --suppress=missingIncludeSystem --std=c11 \
		-D_GNU_SOURCE -Ipipeline -Iextractors pipeline extractors

format:
	clang-format -i $(C_FILES)

# ---------------------------------------------------------------- install

SHARE = $(DESTDIR)$(PREFIX)/share/newspipe
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(SHARE)/data $(SHARE)/config
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 data/*.tsv $(GEN_DATA) $(SHARE)/data/
	install -m 644 config/* $(SHARE)/config/
	$(if $(MANS),install -m 644 $(MANS) $(DESTDIR)$(PREFIX)/share/man/man1/)

uninstall:
	rm -f $(patsubst $(BIN)/%,$(DESTDIR)$(PREFIX)/bin/%,$(PROGS))
	rm -rf $(SHARE)

clean:
	rm -rf build build-san build-fuzz bin

.PHONY: all check demo bench fuzz fuzz-check lint format install uninstall clean \
	test-run units deps-build deps-check deps-bench
.SECONDARY:

-include $(wildcard build-fuzz/obj/*/*.d)
-include $(LIB_OBJ:.o=.d) $(patsubst %.c,$(B)/%.d,$(PROG_SRC) $(UNIT_SRC))
