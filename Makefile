# tcpstep: see README.md.  `make` builds ./tcpstep; `make run` and `make test`
# first install what is missing (tools/deps.sh), then build and run.
#
# Every variable that calls pkg-config is recursively expanded (=, not :=),
# so nothing asks pkg-config before tools/deps.sh has installed it.

PREFIX	?= /usr/local
DESTDIR	?=
BINDIR	= $(PREFIX)/bin
DATADIR	= $(PREFIX)/share/tcpstep
MANDIR	= $(PREFIX)/share/man/man1
LOCALEDIR = $(PREFIX)/share/locale

CC	?= cc
VERSION	= 0.1.0

WARN	= -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wwrite-strings \
	  -Wformat=2 -Wundef -Wvla
BASE_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -g $(WARN) \
	  -DTCPSTEP_VERSION='"$(VERSION)"'
OPT	= -O2
SAN_FLAGS = -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	  -fno-sanitize-recover=all
ifeq ($(SANITIZE),1)
OPT	= $(SAN_FLAGS)
endif

CURSES_CFLAGS = $(filter-out -D_XOPEN_SOURCE%,$(shell pkg-config --cflags ncursesw))
CURSES_LIBS = $(shell pkg-config --libs ncursesw)
PCAP_CFLAGS = $(shell pkg-config --cflags libpcap 2>/dev/null)
PCAP_LIBS = $(shell pkg-config --libs libpcap 2>/dev/null || echo -lpcap)
CUNIT_LIBS = $(shell pkg-config --libs cunit 2>/dev/null || echo -lcunit)

SRC_C	= $(sort $(wildcard src/*.c))
UI_C	= $(sort $(filter-out ui/main.c,$(wildcard ui/*.c)))
TEST_C	= $(sort $(wildcard tests/test_*.c))

# Objects of the normal build and of the sanitized test build live apart, so
# `make && make test` never mixes them.
B	= build/$(if $(filter 1,$(SANITIZE)),san,rel)
SRC_O	= $(SRC_C:%.c=$(B)/%.o)
UI_O	= $(UI_C:%.c=$(B)/%.o)

PO	= $(sort $(wildcard po/zh_CN*.po))
MO	= locale/zh_CN/LC_MESSAGES/tcpstep.mo

.PHONY: all run test check deps clean install uninstall golden bench \
	screenshots pot check-po-used

all: tcpstep $(MO)

# ./tcpstep is relinked whenever the flavour (plain or sanitized) changes:
# each flavour's stamp removes the other's, so the new one is always newer.
FLAVOUR_STAMP = build/linked-$(if $(filter 1,$(SANITIZE)),san,rel)
$(FLAVOUR_STAMP):
	@mkdir -p build && rm -f build/linked-* && touch $@

tcpstep: $(SRC_O) $(UI_O) $(B)/ui/main.o $(FLAVOUR_STAMP)
	$(CC) $(OPT) -o $@ $(filter %.o,$^) $(CURSES_LIBS) $(PCAP_LIBS)

$(B)/src/%.o: src/%.c $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS) -Wconversion $(PCAP_CFLAGS) -c -o $@ $<

$(B)/ui/%.o: ui/%.c $(wildcard src/*.h ui/*.h)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS) -Isrc $(CURSES_CFLAGS) $(PCAP_CFLAGS) -c -o $@ $<

$(B)/tests/%.o: tests/%.c $(wildcard src/*.h ui/*.h tests/*.h)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS) -Isrc -Iui -Itests $(CURSES_CFLAGS) -c -o $@ $<

# Every tests/test_NAME.c defines `void test_NAME_register(void)`; the runner
# calls them all from this generated list, so adding a suite is adding a file.
build/suites.inc: $(TEST_C)
	@mkdir -p $(@D)
	@for f in $(TEST_C); do n=$${f#tests/test_}; n=$${n%.c}; \
	  echo "SUITE(test_$${n}_register)"; done > $@.tmp && mv $@.tmp $@

$(B)/tests/runner.o: tests/runner.c build/suites.inc
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(OPT) -Isrc -Iui -Itests -Ibuild -c -o $@ $<

tests/run-tests: $(SRC_O) $(UI_O) $(TEST_C:%.c=$(B)/%.o) $(B)/tests/runner.o
	$(CC) $(OPT) -o $@ $^ $(CURSES_LIBS) $(PCAP_LIBS) $(CUNIT_LIBS)

$(MO): $(PO)
	@mkdir -p $(@D)
	msgcat --use-first $(PO) | msgfmt --check -o $@ -

# The engine must not know about terminals.
check-src-purity:
	@if grep -nE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|term\.h|ui/)' src/*.c src/*.h; then \
	  echo "tcpstep: src/ must not include curses or ui/ headers" >&2; exit 1; fi

# Every msgid a catalogue keeps must still be used by some _() or N_() in
# src/ or ui/: msgmerge marks the others obsolete (#~), and they are named.
check-po-used:
	@mkdir -p build
	@xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
	  -o build/po-used.pot src/*.c ui/*.c
	@bad=0; for p in $(PO); do \
	  u=$$(msgmerge -q --no-fuzzy-matching -o - $$p build/po-used.pot | \
	    msgattrib --only-obsolete | msgattrib --clear-obsolete --no-wrap | \
	    grep '^msgid "[^"]'); \
	  [ -z "$$u" ] && continue; bad=1; \
	  echo "tcpstep: $$p: msgids no _() or N_() in src/ ui/ uses:" >&2; \
	  echo "$$u" >&2; \
	done; exit $$bad

deps:
	@sh tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	./tcpstep

# The whole suite, built with ASan and UBSan, ending in CUnit's summary.
test check: deps
	@$(MAKE) --no-print-directory check-src-purity
	@$(MAKE) --no-print-directory check-po-used
	@$(MAKE) --no-print-directory SANITIZE=1 EXTRA_CFLAGS=-Werror tcpstep tests/run-tests $(MO)
	ASAN_OPTIONS=detect_leaks=1 TCPSTEP_DATADIR=$(CURDIR) ./tests/run-tests

golden:
	@$(MAKE) --no-print-directory SANITIZE=1 tests/run-tests $(MO)
	TCPSTEP_UPDATE_GOLDEN=1 TCPSTEP_DATADIR=$(CURDIR) ./tests/run-tests

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/lessons \
	  $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 755 tcpstep $(DESTDIR)$(BINDIR)/tcpstep
	install -m 644 tcpstep.1 $(DESTDIR)$(MANDIR)/tcpstep.1
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/tcpstep.mo
	for f in lessons/*.lesson lessons/*.scn lessons/README.md; do [ -e "$$f" ] && \
	  install -m 644 "$$f" $(DESTDIR)$(DATADIR)/lessons/; done; true
	for f in scenarios/*.scn scenarios/README.md; do [ -e "$$f" ] && \
	  install -m 644 "$$f" $(DESTDIR)$(DATADIR)/scenarios/; done; true

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tcpstep $(DESTDIR)$(MANDIR)/tcpstep.1 \
	  $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/tcpstep.mo
	rm -rf $(DESTDIR)$(DATADIR)

# PNGs of the real TUI in xterm under Xvfb (not part of make test).
screenshots:
	sh tools/screenshots.sh

pot:
	xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o po/tcpstep.pot src/*.c ui/*.c

clean:
	rm -rf build tests/run-tests tcpstep locale

# libFuzzer harness for the packet codec (needs clang): builds build/fuzz_pkt,
# seeds it with the corpus' records and runs it for FUZZ_TIME seconds.
FUZZ_TIME ?= 120
FUZZ_SRC = src/cksum.c src/cursor.c src/pkt.c src/pkt_build.c \
	  src/pkt_names.c src/pkt_print.c src/tcp_fields.c src/tcp_mptcp.c \
	  src/tcp_opt.c src/tcp_opt_print.c
.PHONY: fuzz
fuzz: build/fuzz_pkt build/fuzz_seeds
	@mkdir -p build/fuzz-corpus build/fuzz-seeds
	./build/fuzz_seeds build/fuzz-seeds ../shared/corpus/*.pcap
	./build/fuzz_pkt -max_total_time=$(FUZZ_TIME) -max_len=4096 \
	  -artifact_prefix=build/ build/fuzz-corpus build/fuzz-seeds

build/fuzz_pkt: tools/fuzz_pkt.c $(FUZZ_SRC) $(wildcard src/*.h)
	@mkdir -p $(@D)
	clang -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -g -O1 $(WARN) \
	  -fsanitize=fuzzer,address,undefined -Isrc -o $@ tools/fuzz_pkt.c \
	  $(FUZZ_SRC)

build/fuzz_seeds: tools/fuzz_seeds.c src/pcap_rd.c src/err.c src/xalloc.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O1 -Isrc $(PCAP_CFLAGS) -o $@ $^ $(PCAP_LIBS)

# The engine's benchmark (stack): jumping to any step of a 100,000-step
# run, which the issue wants under 10 ms.  Built without sanitizers.
build/bench-sim: $(SRC_C:%.c=build/rel/%.o) build/rel/tests/bench_sim.o
	$(CC) -O2 -o $@ $^ $(PCAP_LIBS)

bench-sim:
	@$(MAKE) --no-print-directory SANITIZE=0 build/bench-sim
	./build/bench-sim

bench: bench-sim
.PHONY: bench-sim

# `make bench`: generate a whole-packet and a header-only capture with the
# shared kit (cached in BENCH_DIR, outside the repository) and time
# `tcpstep annotate` (text and --json) beside tcpdump and tshark in one
# `reference` run each.  Not part of `make test`.  BENCH_SIZE=200M for a
# quick look; RUNS=1 makes reference run each command once.
BENCH_KIT  ?= ../shared/bench
BENCH_DIR  ?= $(or $(TMPDIR),/tmp)/tcpstep-bench
BENCH_SIZE ?= 1G

bench:
	@# `make test` leaves a sanitized ./tcpstep behind: time the real one.
	@if nm tcpstep 2>/dev/null | grep -q __asan_init; then rm -f tcpstep; fi
	@$(MAKE) --no-print-directory tcpstep
	@mkdir -p $(BENCH_DIR)
	@for kind in full hdr; do \
	  f=$(BENCH_DIR)/$$kind-$(BENCH_SIZE).pcap; \
	  [ -s $$f ] && continue; \
	  opt=; [ $$kind = hdr ] && opt=--headers-only; \
	  echo "bench: generating $$f" >&2; \
	  $(BENCH_KIT)/gen-capture --size $(BENCH_SIZE) $$opt -q -o $$f.tmp && \
	    mv $$f.tmp $$f || exit 1; \
	done
	@for kind in full hdr; do \
	  f=$(BENCH_DIR)/$$kind-$(BENCH_SIZE).pcap; \
	  echo "== $$f"; \
	  TZ=UTC $(BENCH_KIT)/reference $$f -- ./tcpstep annotate $$f \
	    -- ./tcpstep annotate --json $$f || exit 1; \
	done

# tools/cmp-print.sh's helper: a capture's lines as pkt_print renders them.
build/print_lines: tools/print_lines.c $(FUZZ_SRC) src/pcap_rd.c src/err.c \
	  src/xalloc.c $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O1 -Isrc $(PCAP_CFLAGS) -o $@ tools/print_lines.c \
	  $(FUZZ_SRC) src/pcap_rd.c src/err.c src/xalloc.c $(PCAP_LIBS)
