# inzicht — plain GNU make. `make demo` and `make test` are the two commands a
# new user needs; both install missing Debian build dependencies first.

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
CC ?= cc

PKGS := libcurl jansson gsl sqlite3 libsodium libcrypto
TEST_PKGS := cmocka libxml-2.0

WARN := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wwrite-strings -Wformat=2 \
	-Wundef -Wvla -Wnull-dereference -Wdouble-promotion \
	-Wimplicit-fallthrough -Wconversion -Wno-sign-conversion \
	-Wno-format-truncation
OPT ?= -O2 -g
SAN ?=
CFLAGS_ALL = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -pthread $(OPT) $(SAN) $(WARN) \
	-Iinclude -DIZ_VERSION='"$(VERSION)"' -DIZ_DATADIR='"$(PREFIX)/share/inzicht"' \
	-MMD -MP $(CFLAGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lglpk -lm -pthread
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

LIB_SRC := $(filter-out src/main.c src/cli%.c src/cmd_%.c,$(wildcard src/*.c))
CLI_SRC := src/main.c $(wildcard src/cli*.c) $(wildcard src/cmd_*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
LIB := $(BUILD)/libinzicht.a
BIN := bin/inzicht
ifneq ($(BUILD),build)
BIN := $(BUILD)/bin/inzicht
endif

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SERVER := $(BUILD)/tests/izserver
GEN := $(BUILD)/tests/gen_recording
GENREC := $(BUILD)/tools/gen_records
MEASURE := $(BUILD)/tests/measure

# Quiet by default; `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n'
endif

.PHONY: all deps deps-build test check valgrind lint headercheck bench demo install \
	uninstall clean test-build

all: $(BIN)

deps:
	@sh tools/deps.sh test

deps-build:
	@sh tools/deps.sh build

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(say) AR $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(say) LD $@
	$(Q)$(CC) $(OPT) $(SAN) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/iztest.h $(LIB)
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) $(PKG_CFLAGS) $(TEST_CFLAGS) -Wno-missing-prototypes -Itests/unit \
		-o $@ $< $(LIB) $(PKG_LIBS) $(TEST_LIBS) $(LDFLAGS)

$(SERVER): tests/server/izserver.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -pthread -o $@ $< $(LDFLAGS)

$(GEN): tests/bench/gen_recording.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(LDFLAGS)

$(GENREC): tools/gen_records.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< -lm $(LDFLAGS)

$(MEASURE): tests/bench/measure.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(LDFLAGS)

test-build: $(BIN) $(UNIT_BIN) $(SERVER) $(GENREC)

# The whole suite; ends with one line "N passed, N failed".
test: deps
	@$(MAKE) -s --no-print-directory test-build
	@sh tests/run.sh $(BUILD) $(BIN)

# The whole suite again under AddressSanitizer and UBSan, in build/san.
check: deps
	@$(MAKE) --no-print-directory BUILD=build/san OPT='-O1 -g' \
		SAN='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
		test-build
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		sh tests/run.sh build/san build/san/bin/inzicht

valgrind: deps test-build
	@IZ_VALGRIND=1 sh tests/run.sh $(BUILD) $(BIN)

headercheck:
	@for h in include/inzicht/*.h; do \
		printf '#include "%s"\n' "$${h#include/}" | \
		$(CC) -std=c17 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude \
			$(PKG_CFLAGS) -x c -fsyntax-only - || exit 1; \
	done; echo "headercheck: ok"

lint: headercheck
	@sh tools/lint.sh

bench: deps
	@$(MAKE) --no-print-directory $(BIN) $(GEN) $(GENREC) $(MEASURE)
	@sh tests/bench/bench.sh $(BUILD) $(BIN)

demo: deps-build
	@$(MAKE) --no-print-directory $(BIN)
	@sh tools/demo.sh $(BIN) $(BUILD)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/inzicht/datasets \
		$(DESTDIR)$(PREFIX)/share/inzicht/queries
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/inzicht
	cp -R datasets/. $(DESTDIR)$(PREFIX)/share/inzicht/datasets/
	install -m 0644 queries/*.sql $(DESTDIR)$(PREFIX)/share/inzicht/queries/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/inzicht
	rm -rf $(DESTDIR)$(PREFIX)/share/inzicht

clean:
	rm -rf build bin

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d)
