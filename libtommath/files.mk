# libtommath/files.mk - the upstream libtommath 1.2.0 sources we compile,
# relative to the unpacked tree ($(LTM_SRC)).  libtomcrypt's math
# descriptor (ltm_desc) and our DH call into most of the library, so we take
# every bn_*.c but the stdio helpers (bn_deprecated.c stays: libtomcrypt
# 1.18.2's ltm_desc.c still calls mp_read_unsigned_bin & co.);
# --gc-sections drops what nothing calls.
LTM_EXCLUDE = bn_mp_fread.c bn_mp_fwrite.c
LTM_FILES = $(filter-out $(LTM_EXCLUDE),$(notdir $(wildcard $(LTM_SRC)/bn_*.c)))

# MP_NO_FILE: no FILE* functions in the header either.
LTM_DEFS = -DMP_NO_FILE

# Only for compiling libtommath itself (not in LTM_DEFS, which our code and
# libtomcrypt see too): see ltm-trim.h.
LTM_BUILD_DEFS = -include libtommath/ltm-trim.h
