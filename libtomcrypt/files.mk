# libtomcrypt/files.mk - the upstream libtomcrypt 1.18.2 sources we compile,
# relative to the unpacked source tree ($(LTC_SRC)/src).  Each upstream file
# is wrapped in #ifdef LTC_<feature>, so what tomcrypt_custom.h leaves off
# compiles to nothing; -ffunction-sections/--gc-sections drop the rest.
LTC_DIRS = \
	ciphers/aes \
	encauth/gcm \
	hashes/sha2 \
	mac/hmac \
	mac/poly1305 \
	misc/crypt \
	modes/ctr \
	modes/cbc \
	pk/asn1/der/bit \
	pk/asn1/der/boolean \
	pk/asn1/der/choice \
	pk/asn1/der/generalizedtime \
	pk/asn1/der/ia5 \
	pk/asn1/der/integer \
	pk/asn1/der/object_identifier \
	pk/asn1/der/octet \
	pk/asn1/der/printable_string \
	pk/asn1/der/sequence \
	pk/asn1/der/set \
	pk/asn1/der/short_integer \
	pk/asn1/der/teletex_string \
	pk/asn1/der/utctime \
	pk/asn1/der/utf8 \
	pk/ecc \
	pk/pkcs1 \
	pk/rsa \
	stream/chacha

LTC_FILES = \
	hashes/sha1.c \
	math/ltm_desc.c \
	math/multi.c \
	math/rand_bn.c \
	math/rand_prime.c \
	misc/burn_stack.c \
	misc/compare_testvector.c \
	misc/error_to_string.c \
	misc/mem_neq.c \
	misc/pk_get_oid.c \
	misc/zeromem.c
