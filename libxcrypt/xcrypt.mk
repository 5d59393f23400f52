# libxcrypt/xcrypt.mk - trimmed static libxcrypt (crypt(3)) for the embedded
# build; `include libxcrypt/xcrypt.mk` from the top Makefile.
#
# Expects:  BUILD       build directory (the library goes to $(BUILD)/xcrypt)
#           CC          compiler (musl-gcc, or a cross gcc)
#           XCRYPT_SRC  unpacked source (scripts/deps.sh unpack libxcrypt DIR
#                       makes DIR/libxcrypt-4.4.33 and its .shrew-unpacked)
# Optional: HOST (cross triplet: uses HOST-ar), AR (if set by the Makefile),
#           XCRYPT_EXTRA_CFLAGS (e.g. -march for a cross target),
#           XCRYPT_SRC_STAMP (default $(XCRYPT_SRC)/.shrew-unpacked; the
#           Makefile's rule that runs deps.sh unpack should make it)
# Defines:  XCRYPT_LIB, XCRYPT_HDR, XCRYPT_CFLAGS, XCRYPT_LIBS.
# Objects that include <crypt.h> need $(XCRYPT_HDR) (or $(XCRYPT_LIB)) as a
# prerequisite.  Code that relies on the left-out hashes failing (tests)
# wants -DSHREW_XCRYPT_TRIMMED=1 next to $(XCRYPT_CFLAGS).

XCRYPT_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
XCRYPT_SRC_STAMP ?= $(XCRYPT_SRC)/.shrew-unpacked
XCRYPT_LIB = $(BUILD)/xcrypt/lib/libcrypt.a
XCRYPT_HDR = $(BUILD)/xcrypt/include/crypt.h
XCRYPT_CFLAGS = -I$(BUILD)/xcrypt/include
XCRYPT_LIBS = $(XCRYPT_LIB)

$(XCRYPT_LIB): $(XCRYPT_SRC_STAMP) $(XCRYPT_DIR)/build.sh
	@$(if $(Q),echo "  XCRYPT  $@")
	$(Q)SRC='$(XCRYPT_SRC)' OUT='$(BUILD)/xcrypt' CC='$(CC)' HOST='$(HOST)' \
	EXTRA_CFLAGS='$(XCRYPT_EXTRA_CFLAGS)' \
	$(if $(filter-out default undefined,$(origin AR)),AR='$(AR)') \
	sh $(XCRYPT_DIR)/build.sh

$(XCRYPT_HDR): $(XCRYPT_LIB) ;
