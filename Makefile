# shrew - top-level Makefile.
#
#   make                  embedded build: static musl x86_64 build/shrewmulti
#                         (+ applet symlinks), libtomcrypt/libtommath/libxcrypt
#                         compiled from Debian's source packages
#   make SYSTEM_LIBTOM=1  distro build: glibc, Debian's -dev libraries
#   make CONFIG=minimal   another option set (configs/NAME.h) in build-NAME/
#   make test             build and run unit + integration tests
#   make size             stripped sizes of shrewmulti and each applet alone
#   make fuzz             libFuzzer targets (clang, ASan+UBSan) in build-fuzz/
#   make SANITIZE=1 test  applets + tests built with clang ASan+UBSan (glibc)
#                         in build-asan/; any sanitizer report fails the run
#   make fuzz-smoke       run each fuzz target for FUZZ_SECONDS (30)
#   make bench            crypto micro-benchmarks (bench/*.c)
#   make bench-server     shrewd vs Dropbear vs sshd on 127.0.0.1 (root;
#                         bench/README.md)
#   make bench-client     shrew vs ssh (vs dbclient) against sshd and shrewd
#   make lint             clang-format check, cppcheck, the -Werror build
#   make deps             fetch + verify + unpack the pinned source packages
#   make setup            apt-get install what building and testing need
#
# Variables: SHREW_CACHE (download cache, default /var/cache/shrew),
# LOCALOPTIONS (an options file read before options.h's defaults), V=1.

.DEFAULT_GOAL := all
SHREW_CACHE ?= /var/cache/shrew
export SHREW_CACHE
SYSTEM_LIBTOM ?= 0
FUZZ ?= 0
SANITIZE ?= 0
CONFIG ?= default
FUZZ_SECONDS ?= 30

ifeq ($(FUZZ),1)
BUILD ?= build-fuzz
else ifeq ($(SANITIZE),1)
BUILD ?= build-asan$(if $(filter-out default,$(CONFIG)),-$(CONFIG))
else ifeq ($(SYSTEM_LIBTOM),1)
BUILD ?= build-system
else ifeq ($(CONFIG),default)
BUILD ?= build
else
BUILD ?= build-$(CONFIG)
endif

ifneq ($(CONFIG),default)
LOCALOPTIONS ?= configs/$(CONFIG).h
endif

ifeq ($(V),1)
Q =
else
Q = @
endif

# ---- Toolchain ---------------------------------------------------------
OPT = -Os
BASE_CFLAGS = -std=c99 -D_GNU_SOURCE $(OPT) -ffunction-sections -fdata-sections
WARN = -Wall -Wextra -Wundef -Werror
LDFLAGS = -Wl,--gc-sections
SRCDIR = $(BUILD)/src

# FUZZ=1 and SANITIZE=1: clang with ASan+UBSan on glibc (ASan does not
# support musl), libtomcrypt/libtommath compiled from source with the same
# flags (so their memory errors are caught too), the system's -lcrypt.
ifneq ($(filter 1,$(FUZZ) $(SANITIZE)),)
CC = clang
SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -g
BASE_CFLAGS += $(SAN)
LDFLAGS += $(SAN)
OWN_LIBTOM = 1
CRYPT_LIBS = -lcrypt
# libtomcrypt's LTC_FAST (x86 and arm64 only, by its own choice) reads words
# at any alignment on purpose; the alignment check is off for it alone.
LTC_SAN = -fno-sanitize=alignment
ifeq ($(FUZZ),1)
BASE_CFLAGS += -fsanitize=fuzzer-no-link
else
OPT = -O1
endif
else ifeq ($(SYSTEM_LIBTOM),1)
CC = gcc
OWN_LIBTOM = 0
CRYPT_LIBS = -lcrypt
else
CC = musl-gcc
# Size (docs/decisions.md, "Size"): no unwind tables (C only, nothing
# unwinds), non-PIC code for the non-PIE static link, link-time
# optimization.  The 25519 field code is kept out of LTO (see below).
SIZE_FLAGS = -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-pie
OPT += $(SIZE_FLAGS) -flto
LDFLAGS += -static -no-pie -flto=auto
XCRYPT_EXTRA_CFLAGS ?= $(SIZE_FLAGS) -flto
# Programs compiled and linked in one command with -Werror (tests, the
# applets alone, benchmarks): LTO inlines the library into them at link
# time, where gcc's maybe-uninitialized guesses (a value set on every E_OK
# path that it cannot follow) must not fail the build; they still print.
LTO_LINK_FLAGS = -Wno-error=maybe-uninitialized
OWN_LIBTOM = 1
XCRYPT = 1
endif

ifneq ($(LOCALOPTIONS),)
OPTDEF = -DSHREW_LOCALOPTIONS='"$(abspath $(LOCALOPTIONS))"'
endif

# ---- Upstream libraries ------------------------------------------------
LTC_VER = 1.18.2
LTM_VER = 1.2.0
XCRYPT_VER = 4.4.33
LTC_SRC = $(SRCDIR)/libtomcrypt-$(LTC_VER)
LTM_SRC = $(SRCDIR)/libtommath-$(LTM_VER)
XCRYPT_SRC = $(SRCDIR)/libxcrypt-$(XCRYPT_VER)

NODEPS_GOALS = clean distclean help setup lint-format
# `make setup test` on a fresh machine: install the tools before anything
# below needs them (dpkg-source, musl-gcc).
ifneq ($(filter setup,$(MAKECMDGOALS)),)
SETUP_RC := $(shell scripts/setup-debian.sh 1>&2; echo $$?)
ifneq ($(SETUP_RC),0)
$(error scripts/setup-debian.sh failed (see above))
endif
endif
ifeq ($(OWN_LIBTOM),1)
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
# Unpacked at parse time so the file lists below can glob the trees.
DEPS_RC := $(shell for p in libtomcrypt libtommath $(if $(XCRYPT),libxcrypt); do \
	scripts/deps.sh unpack $$p $(SRCDIR) 1>&2 || exit 1; done; echo $$?)
ifneq ($(DEPS_RC),0)
$(error could not fetch the pinned Debian source packages (see above); try: make setup)
endif
endif
include libtomcrypt/files.mk
include libtommath/files.mk
LTC_C = $(sort $(foreach d,$(LTC_DIRS),$(wildcard $(LTC_SRC)/src/$(d)/*.c)) \
	$(addprefix $(LTC_SRC)/src/,$(LTC_FILES)))
LTC_C := $(filter-out %_test.c %_file.c,$(LTC_C))
LTC_OBJ = $(patsubst $(LTC_SRC)/src/%.c,$(BUILD)/ltc/%.o,$(LTC_C))
LTM_OBJ = $(patsubst %.c,$(BUILD)/ltm/%.o,$(LTM_FILES))
LTC_LIB = $(BUILD)/libtomcrypt.a
LTM_LIB = $(BUILD)/libtommath.a
LIBTOM_CFLAGS = -Ilibtomcrypt -I$(LTC_SRC)/src/headers -I$(LTM_SRC) $(LTM_DEFS)
LIBTOM_LIBS = $(LTC_LIB) $(LTM_LIB)
else
LIBTOM_CFLAGS =
LIBTOM_LIBS = -ltomcrypt -ltommath
endif

ifeq ($(XCRYPT),1)
include libxcrypt/xcrypt.mk
CRYPT_CFLAGS = $(XCRYPT_CFLAGS) -DSHREW_XCRYPT_TRIMMED=1
CRYPT_LIBS = $(XCRYPT_LIBS)
CRYPT_DEP = $(XCRYPT_LIB)
endif

CFLAGS = $(BASE_CFLAGS) $(WARN) -I. $(OPTDEF) $(LIBTOM_CFLAGS) $(CRYPT_CFLAGS)

# ---- Our sources -------------------------------------------------------
LIB_SRC = $(sort $(wildcard common-*.c crypto-*.c))
SVR_SRC = $(sort $(wildcard svr-*.c))
CLI_SRC = $(sort $(wildcard cli-*.c))
# The scp applet's parts (each inside #if SHREW_SCP), in the library so the
# unit tests and fuzzers link them; scp.c (its main) is an applet source.
SCP_SRC = $(sort $(wildcard scp-*.c))
APPLET_SRC = shrewkey.c shrewconvert.c scp.c
LIB_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC))
SVR_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(SVR_SRC))
CLI_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC))
SCP_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(SCP_SRC))
APPLET_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(APPLET_SRC))
LIBSHREW = $(BUILD)/libshrew.a
LIBS = $(LIBSHREW) $(LIBTOM_LIBS) $(CRYPT_LIBS)
LIB_DEPS = $(LIBSHREW) $(filter %.a,$(LIBTOM_LIBS)) $(CRYPT_DEP)

MULTI = $(BUILD)/shrewmulti
APPLETS = shrewd shrew shrewkey shrewconvert scp

UNIT_SRC = $(sort $(wildcard test/unit/test-*.c))
UNIT_BIN := $(patsubst test/unit/%.c,$(BUILD)/test/%,$(UNIT_SRC))
# The 25519 tests run a second time with the portable 32-bit field.
P25519_SRC = $(sort $(wildcard crypto-*25519*.c))
P25519_OBJ = $(patsubst %.c,$(BUILD)/obj-portable/%.o,$(P25519_SRC))
P25519_TESTS := $(filter $(BUILD)/test/test-x25519 $(BUILD)/test/test-ed25519,$(UNIT_BIN))
UNIT_BIN += $(addsuffix -portable,$(P25519_TESTS))

# Constant-time 25519 code stays out of LTO: no cross-file inlining may
# turn its masks into branches (LTO saves nothing there anyway).
$(patsubst %.c,$(BUILD)/obj/%.o,$(P25519_SRC)) $(P25519_OBJ): CFLAGS += -fno-lto

FUZZ_SRC = $(sort $(wildcard fuzz/fuzz-*.c))
FUZZ_BIN = $(patsubst fuzz/%.c,$(BUILD)/%,$(FUZZ_SRC))

.PHONY: all deps test unit size fuzz fuzz-smoke lint lint-format setup clean bench-server bench-client \
	distclean bench help configs
.DELETE_ON_ERROR:
.SECONDARY:

ifeq ($(FUZZ),1)
all: $(FUZZ_BIN)
else ifeq ($(SANITIZE),1)
all: $(MULTI).links $(BUILD)/.sanitized
else
all: $(MULTI).links
endif

# Tells test/run.sh to collect sanitizer reports (see there).
$(BUILD)/.sanitized:
	@mkdir -p $(@D)
	$(Q)echo "$(SAN)" >$@

help:
	@sed -n '2,19s/^# \{0,1\}//p' Makefile

deps:
	@for p in libtomcrypt libtommath libxcrypt; do scripts/deps.sh unpack $$p $(SRCDIR) || exit 1; done

setup:
	@: # done while the Makefile was read (see SETUP_RC above)

# ---- Compilation -------------------------------------------------------
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj-portable/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC32    $<")
	$(Q)$(CC) $(CFLAGS) -DSHREW_25519_PORTABLE=1 -MMD -MP -c $< -o $@

# Upstream code: our trimmed config, no -Werror (not our warnings to fix).
# gnu99, not c99: under -std=c99 (__STRICT_ANSI__) libtomcrypt drops LTC_FAST
# (word-wide XOR in CTR/GCM/HMAC) and its rotate/byte-swap asm.
LTC_CFLAGS = $(BASE_CFLAGS) $(LTC_SAN) -std=gnu99 -w -DLTC_SOURCE -I. $(OPTDEF) $(LIBTOM_CFLAGS)
# The bulk-data primitives: built for speed (libtomcrypt/tomcrypt_custom.h).
# -O3 -funroll-loops outside LTO for them, as libtomcrypt's own makefile (and
# so Debian's package, which Dropbear uses) builds them: chacha20-poly1305
# about +60 %, AES-CTR +15 % over -Os with LTO, for 12 KB.
BULK_OPT ?= -O3 -funroll-loops -fno-lto
LTC_BULK = ciphers/aes/aes hashes/sha2/sha256 hashes/sha2/sha512 modes/ctr/ctr_encrypt \
	stream/chacha/chacha_crypt mac/poly1305/poly1305
$(patsubst %,$(BUILD)/ltc/%.o,$(LTC_BULK)): LTC_CFLAGS += -DSHREW_LTC_BULK $(BULK_OPT)
# (Makefile too: its flags for these files change speed, not only headers.)
$(BUILD)/ltc/%.o: $(LTC_SRC)/src/%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      ltc/$*.c")
	$(Q)$(CC) $(LTC_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/ltm/%.o: $(LTM_SRC)/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      ltm/$*.c")
	$(Q)$(CC) $(BASE_CFLAGS) -w $(LTM_DEFS) $(LTM_BUILD_DEFS) -I$(LTM_SRC) -MMD -MP -c $< -o $@

# Each archive is remade from scratch whenever its file list may have
# changed too (the .mk lists, this Makefile), so no removed member lingers.
$(LTC_LIB): $(LTC_OBJ) libtomcrypt/files.mk Makefile
	$(Q)rm -f $@ && ar rcs $@ $(filter %.o,$^)
$(LTM_LIB): $(LTM_OBJ) libtommath/files.mk Makefile
	$(Q)rm -f $@ && ar rcs $@ $(filter %.o,$^)
$(LIBSHREW): $(LIB_OBJ) $(SVR_OBJ) $(CLI_OBJ) $(SCP_OBJ) Makefile
	$(Q)rm -f $@ && ar rcs $@ $(filter %.o,$^)

# Our code's headers include tomcrypt.h: the trees must be unpacked first.
$(LIB_OBJ) $(SVR_OBJ) $(CLI_OBJ) $(SCP_OBJ) $(APPLET_OBJ) $(BUILD)/obj/multi.o: | $(CRYPT_DEP)

# ---- The multi-call binary and its symlinks -----------------------------
$(MULTI): $(BUILD)/obj/multi.o $(APPLET_OBJ) $(LIB_DEPS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(BUILD)/obj/multi.o $(APPLET_OBJ) $(LIBS)

# One symlink per applet name the binary answers to (it lists them).
$(MULTI).links: $(MULTI)
	$(Q)cd $(BUILD) && for a in $$(./shrewmulti --list); do ln -sf shrewmulti $$a; done
	$(Q)touch $@

# Each applet alone: multi.c with only that applet's entry point.
$(BUILD)/alone/%: multi.c $(APPLET_OBJ) $(LIB_DEPS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(LTO_LINK_FLAGS) -DSHREW_ALONE=$*_main $(LDFLAGS) -o $@ multi.c $(APPLET_OBJ) $(LIBS)

size: $(MULTI) $(addprefix $(BUILD)/alone/,$(APPLETS))
	@echo "stripped size in bytes ($(BUILD)):"
	@for f in $(MULTI) $(addprefix $(BUILD)/alone/,$(APPLETS)); do \
		strip -o $$f.stripped $$f && \
		printf '  %-14s %8d\n' $$(basename $$f) $$(stat -c %s $$f.stripped); \
		rm -f $$f.stripped; done

# ---- Tests ----------------------------------------------------------------
TEST_CFLAGS = $(CFLAGS) -Itest/unit $(LTO_LINK_FLAGS)
$(BUILD)/test/%: test/unit/%.c $(LIB_DEPS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBS)

$(BUILD)/test/%-portable: test/unit/%.c $(P25519_OBJ) $(LIB_DEPS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC32    $<")
	$(Q)$(CC) $(TEST_CFLAGS) -DSHREW_25519_PORTABLE=1 $(LDFLAGS) -o $@ $< $(P25519_OBJ) $(LIBS)

unit: $(UNIT_BIN)

test: all unit
	@test/run.sh $(BUILD)

# ---- Fuzzing ---------------------------------------------------------------
ifeq ($(FUZZ),1)
$(BUILD)/fuzz-%: fuzz/fuzz-%.c $(LIB_DEPS)
	@$(if $(Q),echo "  FUZZ    $<")
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LIBS)

fuzz-smoke: $(FUZZ_BIN)
	@fuzz/smoke.sh $(BUILD) $(FUZZ_SECONDS)
else
fuzz:
	$(Q)$(MAKE) --no-print-directory FUZZ=1 all
fuzz-smoke:
	$(Q)$(MAKE) --no-print-directory FUZZ=1 fuzz-smoke
endif

# ---- Checks ----------------------------------------------------------------
OWN_C = $(sort $(wildcard *.c *.h test/unit/*.c test/unit/*.h fuzz/*.c bench/*.c))
lint-format:
	clang-format --dry-run --Werror $(OWN_C)

lint: all
	$(Q)$(MAKE) --no-print-directory lint-format
	cppcheck --quiet --error-exitcode=1 --std=c99 --enable=warning,portability \
		--inline-suppr -D__GNUC__ -I. $(LIB_SRC) $(SVR_SRC) $(CLI_SRC) $(SCP_SRC) $(APPLET_SRC) multi.c

configs:
	$(Q)$(MAKE) --no-print-directory CONFIG=minimal test
	$(Q)$(MAKE) --no-print-directory CONFIG=all test

BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(sort $(wildcard bench/bench-*.c)))
$(BUILD)/bench/%: bench/%.c $(LIB_DEPS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(LTO_LINK_FLAGS) $(LDFLAGS) -o $@ $< $(LIBS)

# The 25519 bench again with the portable 32-bit field.
BENCH_BIN += $(if $(filter %/bench-25519,$(BENCH_BIN)),$(BUILD)/bench/bench-25519-portable)
$(BUILD)/bench/bench-25519-portable: bench/bench-25519.c $(P25519_OBJ) $(LIB_DEPS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(LTO_LINK_FLAGS) -DSHREW_25519_PORTABLE=1 $(LDFLAGS) -o $@ $< $(P25519_OBJ) $(LIBS)

bench-server: all $(BUILD)/alone/shrewd
	SHREWD=$(BUILD)/shrewd BENCH_OUT=$(BUILD)/bench bench/server.sh

bench-client: all
	SHREW_BIN=$(BUILD) BENCH_OUT=$(BUILD)/bench bench/client.sh

bench: $(BENCH_BIN)
	@for b in $(BENCH_BIN); do echo "== $$b"; $$b || exit 1; done

clean:
	rm -rf build build-*

distclean: clean
	rm -rf $(SHREW_CACHE)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
