/*
 * test-key.c - SSH key blobs, private key fields and signatures
 * (common-key.c), for every key type built in.
 *
 * Besides round trips of generated keys, the vectors below come from
 * OpenSSH 9.2p1's ssh-keygen (test keys made for this file, nothing else):
 *   ssh-keygen -t ed25519 | -t ecdsa -b 256/384/521 | -t rsa -b 2048
 *       -N '' -C shrew-test-NAME -f id_NAME
 *   printf 'shrew key test message\n' > msg
 *   ssh-keygen -Y sign -f id_NAME -n shrew-test msg
 * stored base64-decoded: the .pub blob, the openssh-key-v1 private key
 * file body, and the SSHSIG signature (PROTOCOL.sshsig).  We must parse
 * the blobs, reproduce OpenSSH's private key fields byte for byte, and
 * accept OpenSSH's signatures.
 */
#include "options.h"
#include "common-err.h"
#include "common-key.h"
#include "crypto-hash.h"
#include "crypto-ltc.h"
#include "unit.h"

struct openssh_vec {
	enum key_type type;
	const char *pub, *priv, *sig;
};

static const struct openssh_vec openssh[] = {
#if SHREW_ED25519
    {KEY_ED25519,
     /* id_ed25519.pub: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMSCKI63mMrPhHpJ... */
     "0000000b7373682d6564323535313900000020c482288eb798cacf847a497467"
     "2e02d7b4dcd56e0ffd2154742d58bb541c2220",
     /* id_ed25519, base64 body decoded (openssh-key-v1, unencrypted) */
     "6f70656e7373682d6b65792d763100000000046e6f6e65000000046e6f6e6500"
     "00000000000001000000330000000b7373682d6564323535313900000020c482"
     "288eb798cacf847a4974672e02d7b4dcd56e0ffd2154742d58bb541c22200000"
     "0098a9b4017fa9b4017f0000000b7373682d6564323535313900000020c48228"
     "8eb798cacf847a4974672e02d7b4dcd56e0ffd2154742d58bb541c2220000000"
     "4079794923ee7847b9bd8923e4c5c568636abe809035501b105aa0578966dc96"
     "39c482288eb798cacf847a4974672e02d7b4dcd56e0ffd2154742d58bb541c22"
     "200000001273687265772d746573742d65643235353139010203",
     /* ssh-keygen -Y sign -f id_ed25519 -n shrew-test msg: SSHSIG decoded */
     "53534853494700000001000000330000000b7373682d65643235353139000000"
     "20c482288eb798cacf847a4974672e02d7b4dcd56e0ffd2154742d58bb541c22"
     "200000000a73687265772d746573740000000000000006736861353132000000"
     "530000000b7373682d65643235353139000000408781bf54a2ad60cff271662b"
     "37bd4ccacb6fe23fe25d5eb433ae7ec5b8011e63744a61aae5cc10b69bbeadfe"
     "3314896c34cc1fac3e7901ca209b88293db21005"},
#endif
#if SHREW_ECDSA
    {KEY_ECDSA_P256,
     /* id_p256.pub: ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlz... */
     "0000001365636473612d736861322d6e69737470323536000000086e69737470"
     "3235360000004104c62f3a66c4786083df43f6065df74248a2b5a29d27fdde7f"
     "abc1e6f1d48b35b578f56a51e32ee382a7b413031cb4ea8f6151531d17f5aae9"
     "18b3ff3b87768222",
     /* id_p256, base64 body decoded (openssh-key-v1, unencrypted) */
     "6f70656e7373682d6b65792d763100000000046e6f6e65000000046e6f6e6500"
     "00000000000001000000680000001365636473612d736861322d6e6973747032"
     "3536000000086e697374703235360000004104c62f3a66c4786083df43f6065d"
     "f74248a2b5a29d27fdde7fabc1e6f1d48b35b578f56a51e32ee382a7b413031c"
     "b4ea8f6151531d17f5aae918b3ff3b87768222000000a83a6890d93a6890d900"
     "00001365636473612d736861322d6e69737470323536000000086e6973747032"
     "35360000004104c62f3a66c4786083df43f6065df74248a2b5a29d27fdde7fab"
     "c1e6f1d48b35b578f56a51e32ee382a7b413031cb4ea8f6151531d17f5aae918"
     "b3ff3b87768222000000203ca2b5d3b401669ed8be245b994733fc3311499b97"
     "36b723a230db1674a6863e0000000f73687265772d746573742d7032353601",
     /* ssh-keygen -Y sign -f id_p256 -n shrew-test msg: SSHSIG decoded */
     "53534853494700000001000000680000001365636473612d736861322d6e6973"
     "7470323536000000086e697374703235360000004104c62f3a66c4786083df43"
     "f6065df74248a2b5a29d27fdde7fabc1e6f1d48b35b578f56a51e32ee382a7b4"
     "13031cb4ea8f6151531d17f5aae918b3ff3b877682220000000a73687265772d"
     "746573740000000000000006736861353132000000640000001365636473612d"
     "736861322d6e697374703235360000004900000021009353ceee14fcfbfb2940"
     "e85ebb61dbaf0f81a7f9a5b6e21178e8a290bdd0d544000000205569d77e66ad"
     "17044f921c1d1b574588486763be9be485cff757999a1ccec1ea"},
#endif
#if SHREW_ECDSA
    {KEY_ECDSA_P384,
     /* id_p384.pub: ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlz... */
     "0000001365636473612d736861322d6e69737470333834000000086e69737470"
     "33383400000061047889a11f058e7cfe99aea97247271d3921bc5cd4356952fb"
     "d631bc1d79e044233e2cfca6be2891f6343f3e44cdf4abf278c1134efa75da41"
     "0a0af7a60edd2cd4607ab086a142cf41cd9f0203ded8dffec3bebc7d5b1f7a3e"
     "3d5ff022b30b90de",
     /* id_p384, base64 body decoded (openssh-key-v1, unencrypted) */
     "6f70656e7373682d6b65792d763100000000046e6f6e65000000046e6f6e6500"
     "00000000000001000000880000001365636473612d736861322d6e6973747033"
     "3834000000086e6973747033383400000061047889a11f058e7cfe99aea97247"
     "271d3921bc5cd4356952fbd631bc1d79e044233e2cfca6be2891f6343f3e44cd"
     "f4abf278c1134efa75da410a0af7a60edd2cd4607ab086a142cf41cd9f0203de"
     "d8dffec3bebc7d5b1f7a3e3d5ff022b30b90de000000d855d8831e55d8831e00"
     "00001365636473612d736861322d6e69737470333834000000086e6973747033"
     "383400000061047889a11f058e7cfe99aea97247271d3921bc5cd4356952fbd6"
     "31bc1d79e044233e2cfca6be2891f6343f3e44cdf4abf278c1134efa75da410a"
     "0af7a60edd2cd4607ab086a142cf41cd9f0203ded8dffec3bebc7d5b1f7a3e3d"
     "5ff022b30b90de000000303ee11aeec70041f92f94576c2f713b9477e47c4c06"
     "26a2948b96a7514114363a2359e83690cc08a67612b7d26d61b55d0000000f73"
     "687265772d746573742d7033383401",
     /* ssh-keygen -Y sign -f id_p384 -n shrew-test msg: SSHSIG decoded */
     "53534853494700000001000000880000001365636473612d736861322d6e6973"
     "7470333834000000086e6973747033383400000061047889a11f058e7cfe99ae"
     "a97247271d3921bc5cd4356952fbd631bc1d79e044233e2cfca6be2891f6343f"
     "3e44cdf4abf278c1134efa75da410a0af7a60edd2cd4607ab086a142cf41cd9f"
     "0203ded8dffec3bebc7d5b1f7a3e3d5ff022b30b90de0000000a73687265772d"
     "746573740000000000000006736861353132000000830000001365636473612d"
     "736861322d6e6973747033383400000068000000306ab62a10a7db53a283e7b4"
     "e9289b0f2141778d817d086c69c0317c34c07be736e14ac49c84fa4e9bf3edf7"
     "a47a2d97b90000003020419c53976a2a88ef55a0794c439a73f543028420d766"
     "5e1cdec41972b0454824daa81e527672c5cbdd5f639e61a7fc"},
#endif
#if SHREW_ECDSA
    {KEY_ECDSA_P521,
     /* id_p521.pub: ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlz... */
     "0000001365636473612d736861322d6e69737470353231000000086e69737470"
     "35323100000085040108bc6c9665f09c636dd776f6f4da2dea37132ad9cbe12a"
     "d1b48aeba1eed98cdbef053efe140f82aa0473d24aa3c35175f6cbe93abb8367"
     "d14dbd4331d6cd8137a101eb1dfcc0abc0741b5b0e6959d72df198f484f01605"
     "fae355a7e05d82e225c1baf3105e5175fb8748ff743cecc422a4e35388059990"
     "c04e7fdd157c1f3097a66fa9",
     /* id_p521, base64 body decoded (openssh-key-v1, unencrypted) */
     "6f70656e7373682d6b65792d763100000000046e6f6e65000000046e6f6e6500"
     "00000000000001000000ac0000001365636473612d736861322d6e6973747035"
     "3231000000086e6973747035323100000085040108bc6c9665f09c636dd776f6"
     "f4da2dea37132ad9cbe12ad1b48aeba1eed98cdbef053efe140f82aa0473d24a"
     "a3c35175f6cbe93abb8367d14dbd4331d6cd8137a101eb1dfcc0abc0741b5b0e"
     "6959d72df198f484f01605fae355a7e05d82e225c1baf3105e5175fb8748ff74"
     "3cecc422a4e35388059990c04e7fdd157c1f3097a66fa900000110d3344af7d3"
     "344af70000001365636473612d736861322d6e69737470353231000000086e69"
     "73747035323100000085040108bc6c9665f09c636dd776f6f4da2dea37132ad9"
     "cbe12ad1b48aeba1eed98cdbef053efe140f82aa0473d24aa3c35175f6cbe93a"
     "bb8367d14dbd4331d6cd8137a101eb1dfcc0abc0741b5b0e6959d72df198f484"
     "f01605fae355a7e05d82e225c1baf3105e5175fb8748ff743cecc422a4e35388"
     "059990c04e7fdd157c1f3097a66fa90000004200cac7c543c557434d4ddc4242"
     "d8045d88554b96a5d952223e0b28eb59635f85fc3d6fb53e07907daf56b661ee"
     "3aeabd62d60d1f069d900df58910ed6ce707eef9b30000000f73687265772d74"
     "6573742d70353231010203",
     /* ssh-keygen -Y sign -f id_p521 -n shrew-test msg: SSHSIG decoded */
     "53534853494700000001000000ac0000001365636473612d736861322d6e6973"
     "7470353231000000086e6973747035323100000085040108bc6c9665f09c636d"
     "d776f6f4da2dea37132ad9cbe12ad1b48aeba1eed98cdbef053efe140f82aa04"
     "73d24aa3c35175f6cbe93abb8367d14dbd4331d6cd8137a101eb1dfcc0abc074"
     "1b5b0e6959d72df198f484f01605fae355a7e05d82e225c1baf3105e5175fb87"
     "48ff743cecc422a4e35388059990c04e7fdd157c1f3097a66fa90000000a7368"
     "7265772d746573740000000000000006736861353132000000a7000000136563"
     "6473612d736861322d6e697374703532310000008c0000004201eb3c47fc874b"
     "61452a6944946a455e7875a0b2fa9e7627989c68189b4c47293d6512e750fdc0"
     "538f35fb9e1fb7e4630696f7d268f9ef30b1a73fa4c110857cc9050000004201"
     "1e7fd414b20512a28a9e6efdae86b0d970e08de5e581a6446de1350e3ac049ae"
     "9cda7115bbb774d4c4f72434faf371de31cccbdf6c929d317df370245dbdfd01"
     "42"},
#endif
#if SHREW_RSA
    {KEY_RSA,
     /* id_rsa.pub: ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC2rzwXwDG5... */
     "000000077373682d727361000000030100010000010100b6af3c17c031b9f34c"
     "c1921b4248a58c0c3b74715f315471a2b286b7c3528a12ef9ab5989221d96d2a"
     "14c41a9971a48bf697ee37bb170e76f37016876318193ba640ede2146271bbb2"
     "046ab8ae5fc7dae8ec63098817305a46c6a66c33c4c6867a72710424aa71e893"
     "00a30503412f7a3c8e7934bb3102ca35a40c855e8080bb61fbb8287005749776"
     "249515b7c77add82107f5901ac4d26be32c2e8f94704d72a36c0e0d5634efca3"
     "892fd233695facfec3b1af56cda23d10201b473f5217aa03c4a4bcf1cfd38651"
     "513543ea108827ebb86c36f2ea86359524cea648daa111472ae2084b4071a680"
     "5de57532d8452430ffaa0e06d5aab6f124b09803d3e31f",
     /* id_rsa, base64 body decoded (openssh-key-v1, unencrypted) */
     "6f70656e7373682d6b65792d763100000000046e6f6e65000000046e6f6e6500"
     "0000000000000100000117000000077373682d72736100000003010001000001"
     "0100b6af3c17c031b9f34cc1921b4248a58c0c3b74715f315471a2b286b7c352"
     "8a12ef9ab5989221d96d2a14c41a9971a48bf697ee37bb170e76f37016876318"
     "193ba640ede2146271bbb2046ab8ae5fc7dae8ec63098817305a46c6a66c33c4"
     "c6867a72710424aa71e89300a30503412f7a3c8e7934bb3102ca35a40c855e80"
     "80bb61fbb8287005749776249515b7c77add82107f5901ac4d26be32c2e8f947"
     "04d72a36c0e0d5634efca3892fd233695facfec3b1af56cda23d10201b473f52"
     "17aa03c4a4bcf1cfd38651513543ea108827ebb86c36f2ea86359524cea648da"
     "a111472ae2084b4071a6805de57532d8452430ffaa0e06d5aab6f124b09803d3"
     "e31f000003c8e4d6cf03e4d6cf03000000077373682d7273610000010100b6af"
     "3c17c031b9f34cc1921b4248a58c0c3b74715f315471a2b286b7c3528a12ef9a"
     "b5989221d96d2a14c41a9971a48bf697ee37bb170e76f37016876318193ba640"
     "ede2146271bbb2046ab8ae5fc7dae8ec63098817305a46c6a66c33c4c6867a72"
     "710424aa71e89300a30503412f7a3c8e7934bb3102ca35a40c855e8080bb61fb"
     "b8287005749776249515b7c77add82107f5901ac4d26be32c2e8f94704d72a36"
     "c0e0d5634efca3892fd233695facfec3b1af56cda23d10201b473f5217aa03c4"
     "a4bcf1cfd38651513543ea108827ebb86c36f2ea86359524cea648daa111472a"
     "e2084b4071a6805de57532d8452430ffaa0e06d5aab6f124b09803d3e31f0000"
     "000301000100000100155d641141046fc351003866a0b75f49042b35e08669fd"
     "feb630dbc984f9d3b5083997304b32d33b4d971522293cddaa12c24cf54e9791"
     "34ff1e663c1a2e38d13d8dcd6449cf038f187024cd0973a12b6c5f2cebf1f308"
     "501e83dff5ba8e324b8ae97467302490e2cac261ce55c59b5857d9afba278441"
     "57c5b33455aaaa2ba3cb79109221340ad8ffe2b6d71a4f6a32e515f501a8466a"
     "12c1d28ce05de0ba95daac85a50fe0e2c647fd054d2c9e4b4a63ac253f6e9346"
     "788a7567dcf3c0c7f8503ad4087af962624a5262f4018bfaacb2816f0ed9a033"
     "eaf1ea3eb9caf4fdc4cc8beb4b714e935c65b954fd1dee275006c0783521f3a9"
     "5f73ef3c151b478da50000008100f64912a51376bdc81e6f35aeb378ca9e826b"
     "b440c0a2b7c652c54d7f8c3bd1e44d5f39242dfb538ce8d83e9a65011db6eef4"
     "a5794ada8ea8d28adf286b31a67b3c3bfce3f196130fe2ba7a5ed22e925070d6"
     "4ff71dcf8b5e505caca63f082602aa75fb498fd71db4758bdc77e93b23a37379"
     "2581b1d0402416d535222acc16a50000008100f6c501bbcd8d3cbcae977c6f95"
     "630019a77edb6370d5ba40784a8c095fa8aca48a03940d96b8c40b6075b14d87"
     "50bbf24a36a43d7588a2def09f25628a2b36b08e756deab7d06e21e48d7f84b3"
     "844380ce4d3157a7dbf7520b376a4e268a8ab4110ede0e2a4fa38d351623c0f2"
     "48846a2e354b8083c4d3acdaa3c73956abd7530000008100bd84917a04e99cac"
     "60c9608891d55faef3bdc6c694068ad81d592b44fac2eb68a49015d7b83f2335"
     "f9aafd849ff4c52c8d8df0b7b5caa1e297bf8af2eeb5d3982374c7fcba8fc688"
     "52e3c3f6686626893fa676cce662a05a3be1501a272137f49f83d04b45bb1fdd"
     "5ecb9d9dc6b4e2e800670971bbe32754ba71e1758b3747850000000e73687265"
     "772d746573742d72736101020304",
     /* ssh-keygen -Y sign -f id_rsa -n shrew-test msg: SSHSIG decoded */
     "5353485349470000000100000117000000077373682d72736100000003010001"
     "0000010100b6af3c17c031b9f34cc1921b4248a58c0c3b74715f315471a2b286"
     "b7c3528a12ef9ab5989221d96d2a14c41a9971a48bf697ee37bb170e76f37016"
     "876318193ba640ede2146271bbb2046ab8ae5fc7dae8ec63098817305a46c6a6"
     "6c33c4c6867a72710424aa71e89300a30503412f7a3c8e7934bb3102ca35a40c"
     "855e8080bb61fbb8287005749776249515b7c77add82107f5901ac4d26be32c2"
     "e8f94704d72a36c0e0d5634efca3892fd233695facfec3b1af56cda23d10201b"
     "473f5217aa03c4a4bcf1cfd38651513543ea108827ebb86c36f2ea86359524ce"
     "a648daa111472ae2084b4071a6805de57532d8452430ffaa0e06d5aab6f124b0"
     "9803d3e31f0000000a73687265772d7465737400000000000000067368613531"
     "32000001140000000c7273612d736861322d3531320000010041c2b6e64926dc"
     "9386d1ac6986419ba0214e9c5cc75d56573f36d477cc5791be710017599b5d38"
     "679ba2dc8fe795be8079df2ec7ef766f189b67cdbb41f401af62263325f97a05"
     "75592983ccc678e147152cead64805b7e3ba3506c7eef90505a6f7296d319e3a"
     "e882cae4af78c7b04eb6ada5f00be2fe69cb55a1d96f91e16f5976309b7cc918"
     "cbeb05db5cc6837d301a0760b2abb900b860343978c6af43c3bb27fc36754541"
     "f4a203c18d7a2fe4123ed72672dfe213cd1afbeca49358b2e420ef580d6f4e6f"
     "fd9e952eba7be5641d5fc981809c0d415fc793458cfaca2ff028e5125a737aa5"
     "8ad79884dd9d8d8efa2e9155e1c2c7293b1f69c81d23482cad"},
#endif
};

#define N_OPENSSH (sizeof(openssh) / sizeof(openssh[0]))
#define BIG 8192

static const uint8_t msg[] = "shrew key test message\n";
#define MSG_LEN (sizeof(msg) - 1)

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	long n = unit_unhex(hex, out, cap);

	CHECK(n >= 0);
	return n < 0 ? 0 : (size_t)n;
}

/* The key type each signature algorithm needs (test-side table). */
static enum key_type sig_type(enum sig_alg a)
{
	switch (a) {
	case SIG_ED25519: return KEY_ED25519;
	case SIG_ECDSA_P256: return KEY_ECDSA_P256;
	case SIG_ECDSA_P384: return KEY_ECDSA_P384;
	case SIG_ECDSA_P521: return KEY_ECDSA_P521;
	case SIG_RSA_SHA256:
	case SIG_RSA_SHA512:
	case SIG_RSA_SHA1: return KEY_RSA;
	default: return KEY_NONE;
	}
}

TEST(key_names)
{
	static const char *const names[] = {"ssh-ed25519", "ecdsa-sha2-nistp256",
	                                    "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	                                    "ssh-rsa"};
	static const int built[] = {SHREW_ED25519, SHREW_ECDSA, SHREW_ECDSA, SHREW_ECDSA,
	                            SHREW_RSA};
	static const char *const unknown[] = {"",
	                                      "ssh-dss",
	                                      "ssh-ed448",
	                                      "ecdsa-sha2-nistp192",
	                                      "ssh-rsa-cert-v01@openssh.com",
	                                      "ssh-ed25519 ",
	                                      "SSH-RSA",
	                                      "rsa-sha2-256"};
	int i;

	for (i = 0; i < 5; i++) {
		enum key_type t = (enum key_type)(KEY_ED25519 + i);
		struct view v = {(const uint8_t *)names[i], strlen(names[i])};

		CHECK(key_type_from_name(v) == (built[i] ? t : KEY_NONE));
		CHECK(built[i] ? strcmp(key_type_name(t), names[i]) == 0
		               : key_type_name(t) == NULL);
		CHECK(sig_type(key_default_sig(t)) == (built[i] ? t : KEY_NONE));
	}
	for (i = 0; i < (int)(sizeof(unknown) / sizeof(unknown[0])); i++) {
		struct view v = {(const uint8_t *)unknown[i], strlen(unknown[i])};

		CHECK(key_type_from_name(v) == KEY_NONE);
	}
	CHECK(key_type_name(KEY_NONE) == NULL);
	CHECK(sig_alg_name(SIG_NONE) == NULL);
	CHECK(key_default_sig(KEY_NONE) == SIG_NONE);
#if SHREW_RSA
	CHECK(key_default_sig(KEY_RSA) == SIG_RSA_SHA512);
	CHECK(sig_alg_from_name((struct view){(const uint8_t *)"rsa-sha2-256", 12}) ==
	      SIG_RSA_SHA256);
	CHECK(sig_alg_from_name((struct view){(const uint8_t *)"rsa-sha2-512", 12}) ==
	      SIG_RSA_SHA512);
#endif
	/* "ssh-rsa" names a SHA-1 signature only when that is built. */
	CHECK(sig_alg_from_name((struct view){(const uint8_t *)"ssh-rsa", 7}) ==
	      (SHREW_RSA_SHA1 ? SIG_RSA_SHA1 : SIG_NONE));
	CHECK((sig_alg_name(SIG_RSA_SHA1) != NULL) == SHREW_RSA_SHA1);
	for (i = SIG_ED25519; i <= SIG_RSA_SHA1; i++) {
		const char *n = sig_alg_name((enum sig_alg)i);

		if (n != NULL)
			CHECK(sig_alg_from_name((struct view){(const uint8_t *)n, strlen(n)}) ==
			      (enum sig_alg)i);
	}
}

/* put_public -> from_blob round trip; every prefix and a trailing byte
 * are refused, and the cursor form stops right after the key. */
static void check_public_blob(const struct key *k)
{
	static uint8_t blob[KEY_MAX_PUB_BLOB + 1], blob2[KEY_MAX_PUB_BLOB];
	struct key pub;
	struct wr w;
	struct rd r;
	size_t n, i;

	wr_init(&w, blob, KEY_MAX_PUB_BLOB);
	CHECK(key_put_public(k, &w) == E_OK);
	n = w.len;
	CHECK(key_from_blob(&pub, blob, n) == E_OK);
	CHECK(pub.type == k->type && !pub.has_private);
	CHECK(key_equal_public(k, &pub));
	CHECK(key_bits(&pub) == key_bits(k));
	wr_init(&w, blob2, sizeof(blob2));
	CHECK(key_put_public(&pub, &w) == E_OK);
	CHECK(w.len == n);
	CHECK_MEM(blob2, blob, n);
	key_free(&pub);
	CHECK(pub.type == KEY_NONE);
	key_free(&pub); /* idempotent */
	for (i = 0; i < n; i++) {
		CHECK(key_from_blob(&pub, blob, i) != E_OK);
		CHECK(pub.type == KEY_NONE);
	}
	blob[n] = 0;
	CHECK(key_from_blob(&pub, blob, n + 1) == E_TRAILING);
	CHECK(pub.type == KEY_NONE);
	rd_init(&r, blob, n + 1);
	CHECK(key_get_public(&pub, &r) == E_OK);
	CHECK(rd_left(&r) == 1);
	key_free(&pub);
	wr_init(&w, blob2, n - 1);
	CHECK(key_put_public(k, &w) == E_TOOBIG);
}

/* put_private -> get_private round trip, byte-identical re-encoding. */
static void check_private_fields(const struct key *k)
{
	static uint8_t buf[BIG], buf2[BIG];
	struct key k2, pub;
	struct wr w;
	struct rd r;
	size_t n, i;

	wr_init(&w, buf, sizeof(buf));
	CHECK(key_put_private(k, &w) == E_OK);
	n = w.len;
	rd_init(&r, buf, n);
	CHECK(key_get_private(&k2, &r) == E_OK);
	CHECK(rd_end(&r) == E_OK);
	CHECK(k2.type == k->type && k2.has_private);
	CHECK(key_equal_public(k, &k2));
	wr_init(&w, buf2, sizeof(buf2));
	CHECK(key_put_private(&k2, &w) == E_OK);
	CHECK(w.len == n);
	CHECK_MEM(buf2, buf, n);
	key_free(&k2);
	for (i = 0; i < n; i++) {
		rd_init(&r, buf, i);
		CHECK(key_get_private(&k2, &r) != E_OK);
		CHECK(k2.type == KEY_NONE);
	}
	/* A public blob is not a private one, and a public key has none. */
	wr_init(&w, buf2, sizeof(buf2));
	CHECK(key_put_public(k, &w) == E_OK);
	rd_init(&r, buf2, w.len);
	CHECK(key_get_private(&k2, &r) != E_OK);
	CHECK(k2.type == KEY_NONE);
	CHECK(key_copy_public(&pub, k) == E_OK);
	CHECK(!pub.has_private && key_equal_public(&pub, k));
	wr_init(&w, buf2, sizeof(buf2));
	CHECK(key_put_private(&pub, &w) == E_ARG);
	key_free(&pub);
}

/* Offset of the signature bytes inside a signature blob. */
static size_t sig_body_off(const uint8_t *sig, size_t n)
{
	struct view name;
	struct rd r;
	uint32_t len = 0;

	rd_init(&r, sig, n);
	rd_text(&r, 64, &name);
	rd_u32(&r, &len);
	CHECK(r.err == E_OK);
	return r.off;
}

/* Signs with alg and checks verification, tampering, truncation. */
static void check_sig_alg(const struct key *k, const struct key *pub, enum sig_alg a)
{
	static uint8_t sig[KEY_MAX_SIG_BLOB + 1];
	enum sig_alg got = SIG_NONE;
	struct wr w;
	size_t n, i, body;

	wr_init(&w, sig, KEY_MAX_SIG_BLOB);
	CHECK(key_sign(k, a, msg, MSG_LEN, &w) == E_OK);
	n = w.len;
	CHECK(key_verify(k, sig, n, msg, MSG_LEN, &got) == E_OK);
	CHECK(got == a);
	CHECK(key_verify(pub, sig, n, msg, MSG_LEN, NULL) == E_OK);
	CHECK(key_verify(pub, sig, n, msg, MSG_LEN - 1, &got) == E_VERIFY);
	CHECK(key_verify(pub, sig, n, NULL, 0, NULL) == E_VERIFY);
	for (i = 0; i < n; i++)
		CHECK(key_verify(pub, sig, i, msg, MSG_LEN, NULL) == E_FORMAT);
	sig[n] = 0;
	CHECK(key_verify(pub, sig, n + 1, msg, MSG_LEN, NULL) == E_FORMAT);
	body = sig_body_off(sig, n);
	for (i = body; i < n; i += 3) {
		sig[i] ^= 0x21;
		CHECK(key_verify(pub, sig, n, msg, MSG_LEN, NULL) == E_VERIFY);
		sig[i] ^= 0x21;
	}
	CHECK(key_verify(pub, sig, n, msg, MSG_LEN, NULL) == E_OK);
	/* Signing an empty message works too. */
	wr_init(&w, sig, KEY_MAX_SIG_BLOB);
	CHECK(key_sign(k, a, NULL, 0, &w) == E_OK);
	CHECK(key_verify(pub, sig, w.len, NULL, 0, NULL) == E_OK);
	/* A full writer gives E_TOOBIG. */
	wr_init(&w, sig, 20);
	CHECK(key_sign(k, a, msg, MSG_LEN, &w) == E_TOOBIG);
}

/* The blob of a signature by k under alg, relabelled with name. */
static size_t relabel(const struct key *k, enum sig_alg a, const char *name, uint8_t *out,
                      size_t cap)
{
	static uint8_t sig[KEY_MAX_SIG_BLOB];
	struct view oldname, body;
	struct wr w;
	struct rd r;

	wr_init(&w, sig, sizeof(sig));
	CHECK(key_sign(k, a, msg, MSG_LEN, &w) == E_OK);
	rd_init(&r, sig, w.len);
	rd_text(&r, 64, &oldname);
	rd_string(&r, KEY_MAX_SIG_BLOB, &body);
	CHECK(rd_end(&r) == E_OK);
	wr_init(&w, out, cap);
	wr_cstr(&w, name);
	CHECK(wr_string(&w, body.p, body.len) == E_OK);
	return w.len;
}

static void check_signatures(const struct key *k)
{
	static uint8_t sig[KEY_MAX_SIG_BLOB + 64];
	struct key pub;
	enum sig_alg got;
	size_t n;
	int a;

	CHECK(key_copy_public(&pub, k) == E_OK);
	for (a = SIG_ED25519; a <= SIG_RSA_SHA1; a++) {
		struct wr w;

		wr_init(&w, sig, sizeof(sig));
		if (sig_alg_name((enum sig_alg)a) == NULL) {
			CHECK(key_sign(k, (enum sig_alg)a, msg, MSG_LEN, &w) == E_ARG);
			continue;
		}
		if (sig_type((enum sig_alg)a) != k->type) {
			/* Algorithm of another key type: refused both ways. */
			CHECK(key_sign(k, (enum sig_alg)a, msg, MSG_LEN, &w) == E_ARG);
			n = relabel(k, key_default_sig(k->type), sig_alg_name((enum sig_alg)a), sig,
			            sizeof(sig));
			CHECK(key_verify(&pub, sig, n, msg, MSG_LEN, &got) == E_VERIFY);
			CHECK(got == (enum sig_alg)a);
			continue;
		}
		check_sig_alg(k, &pub, (enum sig_alg)a);
		/* Signing needs the private half. */
		CHECK(key_sign(&pub, (enum sig_alg)a, msg, MSG_LEN, &w) == E_ARG);
	}
	/* An unknown or certificate algorithm name does not verify. */
	n = relabel(k, key_default_sig(k->type), "ssh-ed25519-cert-v01@openssh.com", sig,
	            sizeof(sig));
	CHECK(key_verify(&pub, sig, n, msg, MSG_LEN, &got) == E_VERIFY);
	CHECK(got == SIG_NONE);
	CHECK(key_sign(k, SIG_NONE, msg, MSG_LEN, &(struct wr){sig, sizeof(sig), 0, 0}) == E_ARG);
	key_free(&pub);
}

static void check_type(enum key_type t, int bits, int want_bits)
{
	struct key k, other;

	CHECK(key_generate(&k, t, bits) == E_OK);
	CHECK(k.type == t && k.has_private);
	CHECK(key_bits(&k) == want_bits);
	check_public_blob(&k);
	check_private_fields(&k);
	check_signatures(&k);
	/* Another key of the type is a different key, and its signatures do
	 * not verify under this one. */
	CHECK(key_generate(&other, t, bits) == E_OK);
	CHECK(!key_equal_public(&k, &other));
	{
		static uint8_t sig[KEY_MAX_SIG_BLOB];
		struct wr w;

		wr_init(&w, sig, sizeof(sig));
		CHECK(key_sign(&other, key_default_sig(t), msg, MSG_LEN, &w) == E_OK);
		CHECK(key_verify(&k, sig, w.len, msg, MSG_LEN, NULL) == E_VERIFY);
		CHECK(key_verify(&other, sig, w.len, msg, MSG_LEN, NULL) == E_OK);
	}
	key_free(&other);
	key_free(&k);
	CHECK(k.type == KEY_NONE);
}

#if SHREW_ED25519
TEST(key_ed25519)
{
	check_type(KEY_ED25519, 0, 256);
}
#endif

#if SHREW_ECDSA
TEST(key_ecdsa)
{
	check_type(KEY_ECDSA_P256, 0, 256);
	check_type(KEY_ECDSA_P384, 0, 384);
	check_type(KEY_ECDSA_P521, 0, 521);
}
#endif

#if SHREW_RSA
TEST(key_rsa)
{
	struct key k;

	check_type(KEY_RSA, SHREW_RSA_MIN_BITS, SHREW_RSA_MIN_BITS);
	CHECK(key_generate(&k, KEY_RSA, SHREW_RSA_MIN_BITS - 8) == E_ARG);
	CHECK(k.type == KEY_NONE);
	CHECK(key_generate(&k, KEY_RSA, SHREW_RSA_MIN_BITS + 4) == E_ARG);
	CHECK(key_generate(&k, KEY_RSA, SHREW_RSA_MAX_BITS + 8) == E_ARG);
}
#endif

TEST(key_generate_unknown)
{
	struct key k;

	CHECK(key_generate(&k, KEY_NONE, 0) != E_OK);
	CHECK(k.type == KEY_NONE);
	CHECK(key_generate(&k, (enum key_type)99, 0) != E_OK);
	CHECK(k.type == KEY_NONE);
	CHECK(key_bits(&k) == 0);
	CHECK(key_put_public(&k, &(struct wr){NULL, 0, 0, 0}) == E_ARG);
	CHECK(key_verify(&k, NULL, 0, NULL, 0, NULL) == E_ARG);
	CHECK(key_copy_public(&(struct key){KEY_NONE, 0, {{{0}, {0}}}}, &k) == E_ARG);
}

/* ---- OpenSSH's own keys and signatures ------------------------------------ */

static uint8_t file[BIG];

/* Splits an openssh-key-v1 file body (PROTOCOL.key) into the public key
 * blob and the private section; returns the section's length. */
static size_t openssh_unwrap(const uint8_t *f, size_t n, struct view *pubblob, struct view *section)
{
	static const char magic[] = "openssh-key-v1";
	struct view m, cipher, kdf, kdfopts;
	uint32_t nkeys = 0;
	struct rd r;

	rd_init(&r, f, n);
	rd_bytes(&r, sizeof(magic), &m);
	rd_text(&r, 64, &cipher);
	rd_text(&r, 64, &kdf);
	rd_string(&r, 64, &kdfopts);
	rd_u32(&r, &nkeys);
	rd_string(&r, BIG, pubblob);
	rd_string(&r, BIG, section);
	CHECK(rd_end(&r) == E_OK);
	CHECK(r.err == E_OK && memcmp(m.p, magic, sizeof(magic)) == 0);
	CHECK(view_eq(cipher, "none") && view_eq(kdf, "none") && kdfopts.len == 0);
	CHECK(nkeys == 1);
	return section->len;
}

TEST(key_openssh_public)
{
	static uint8_t blob[BIG];
	size_t i;

	for (i = 0; i < N_OPENSSH; i++) {
		size_t n = unhex(openssh[i].pub, blob, sizeof(blob));
		struct key k;

		CHECK(key_from_blob(&k, blob, n) == E_OK);
		CHECK(k.type == openssh[i].type && !k.has_private);
		if (k.type == KEY_RSA)
			CHECK(key_bits(&k) == 2048);
		check_public_blob(&k);
		key_free(&k);
	}
}

TEST(key_openssh_private)
{
	static uint8_t blob[BIG], out[BIG];
	size_t i;

	for (i = 0; i < N_OPENSSH; i++) {
		size_t n = unhex(openssh[i].priv, file, sizeof(file)), start, j;
		struct view pubblob, sec, fields, comment, pad;
		struct key pub, k;
		uint32_t c1 = 0, c2 = 1;
		struct wr w;
		struct rd r, f;

		openssh_unwrap(file, n, &pubblob, &sec);
		CHECK(key_from_blob(&pub, pubblob.p, pubblob.len) == E_OK);
		CHECK(pubblob.len == unhex(openssh[i].pub, blob, sizeof(blob)));
		CHECK_MEM(pubblob.p, blob, pubblob.len);
		/* uint32 check1, check2; the key's fields; string comment;
		 * padding 1, 2, 3... */
		rd_init(&r, sec.p, sec.len);
		rd_u32(&r, &c1);
		rd_u32(&r, &c2);
		CHECK(c1 == c2);
		start = r.off;
		CHECK(key_get_private(&k, &r) == E_OK);
		CHECK(k.type == openssh[i].type && k.has_private);
		CHECK(key_equal_public(&k, &pub));
		rd_init(&f, sec.p, sec.len);
		rd_bytes(&f, start, &fields);
		rd_bytes(&f, r.off - start, &fields);
		rd_text(&r, 64, &comment);
		CHECK(comment.len > 11 && memcmp(comment.p, "shrew-test-", 11) == 0);
		rd_bytes(&r, rd_left(&r), &pad);
		CHECK(r.err == E_OK && pad.len < 8);
		for (j = 0; j < pad.len; j++)
			CHECK(pad.p[j] == j + 1);
		/* We write exactly OpenSSH's fields. */
		wr_init(&w, out, sizeof(out));
		CHECK(key_put_private(&k, &w) == E_OK);
		CHECK(w.len == fields.len);
		CHECK_MEM(out, fields.p, fields.len);
		check_private_fields(&k);
		check_signatures(&k);
		key_free(&k);
		key_free(&pub);
	}
}

/* PROTOCOL.sshsig: the blob is "SSHSIG" uint32 version, string publickey,
 * string namespace, string reserved, string hash_algorithm, string
 * signature; the signed data is "SSHSIG" string namespace, string
 * reserved, string hash_algorithm, string H(message). */
TEST(key_openssh_sshsig)
{
	static uint8_t blob[BIG], tbs[512];
	size_t i;

	for (i = 0; i < N_OPENSSH; i++) {
		size_t n = unhex(openssh[i].sig, file, sizeof(file));
		struct view magic, pk, ns, reserved, halg, sig;
		uint8_t h[64];
		enum sig_alg got = SIG_NONE;
		uint32_t version = 0;
		struct key pub, k;
		struct wr w;
		struct rd r;

		rd_init(&r, file, n);
		rd_bytes(&r, 6, &magic);
		rd_u32(&r, &version);
		rd_string(&r, BIG, &pk);
		rd_string(&r, 64, &ns);
		rd_string(&r, 64, &reserved);
		rd_text(&r, 64, &halg);
		rd_string(&r, BIG, &sig);
		CHECK(rd_end(&r) == E_OK && version == 1);
		CHECK(view_eq(halg, "sha512") && view_eq(ns, "shrew-test"));
		CHECK(key_from_blob(&k, pk.p, pk.len) == E_OK);
		CHECK(key_from_blob(&pub, blob, unhex(openssh[i].pub, blob, sizeof(blob))) == E_OK);
		CHECK(key_equal_public(&k, &pub));
		CHECK(hash_once(HASH_SHA512, msg, MSG_LEN, h) == E_OK);
		wr_init(&w, tbs, sizeof(tbs));
		wr_bytes(&w, "SSHSIG", 6);
		wr_string(&w, ns.p, ns.len);
		wr_string(&w, reserved.p, reserved.len);
		wr_string(&w, halg.p, halg.len);
		CHECK(wr_string(&w, h, 64) == E_OK);
		CHECK(key_verify(&pub, sig.p, sig.len, tbs, w.len, &got) == E_OK);
		CHECK(got == (k.type == KEY_RSA ? SIG_RSA_SHA512 : key_default_sig(k.type)));
		tbs[w.len - 1] ^= 1;
		CHECK(key_verify(&pub, sig.p, sig.len, tbs, w.len, NULL) == E_VERIFY);
		key_free(&k);
		key_free(&pub);
	}
}

/* ---- Malformed and inconsistent blobs --------------------------------------- */

static int parse(const struct wr *w)
{
	struct key k;
	int rc = key_from_blob(&k, w->p, w->len);

	CHECK(rc == E_OK || k.type == KEY_NONE);
	key_free(&k);
	return rc;
}

TEST(key_bad_blobs)
{
	static uint8_t buf[BIG];
	uint8_t z[33] = {0};
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-dss");
	wr_string(&w, z, 20);
	CHECK(parse(&w) == E_UNSUPPORTED);
	wr_init(&w, buf, sizeof(buf));
	CHECK(parse(&w) == E_SHORT);
#if SHREW_ED25519
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-ed25519");
	wr_string(&w, z, 31);
	CHECK(parse(&w) == E_FORMAT);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-ed25519");
	wr_string(&w, z, 32);
	CHECK(parse(&w) == E_OK);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-ed25519");
	wr_string(&w, z, 33);
	CHECK(parse(&w) == E_TOOBIG);
#endif
}

#if SHREW_ECDSA
TEST(key_bad_ecdsa_blobs)
{
	static uint8_t buf[BIG], pt[200];
	struct key k;
	struct wr w;
	size_t n;

	/* A valid P-256 point under the wrong curve names. */
	n = unhex("0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
	          "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
	          pt, sizeof(pt));
	CHECK(key_set_ecdsa(&k, KEY_ECDSA_P256, (struct view){pt, n}, NULL) == E_OK);
	key_free(&k);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ecdsa-sha2-nistp256");
	wr_cstr(&w, "nistp256");
	wr_string(&w, pt, n);
	CHECK(parse(&w) == E_OK);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ecdsa-sha2-nistp256");
	wr_cstr(&w, "nistp384");
	wr_string(&w, pt, n);
	CHECK(parse(&w) == E_FORMAT);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ecdsa-sha2-nistp384");
	wr_cstr(&w, "nistp384");
	wr_string(&w, pt, n);
	CHECK(parse(&w) == E_FORMAT);
	pt[n - 1] ^= 1; /* off the curve */
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ecdsa-sha2-nistp256");
	wr_cstr(&w, "nistp256");
	wr_string(&w, pt, n);
	CHECK(parse(&w) == E_FORMAT);
	CHECK(key_set_ecdsa(&k, KEY_ED25519, (struct view){pt, n}, NULL) == E_UNSUPPORTED);
	CHECK(k.type == KEY_NONE);
}
#endif

#if SHREW_RSA
TEST(key_bad_rsa_blobs)
{
	static uint8_t buf[BIG], n[256];
	struct wr w;

	memset(n, 0xc5, sizeof(n));
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-rsa");
	wr_mpint(&w, (const uint8_t *)"\x01\x00\x01", 3);
	wr_mpint(&w, n, 256);
	CHECK(parse(&w) == E_OK);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-rsa");
	wr_mpint(&w, (const uint8_t *)"\x01\x00\x00", 3); /* even e */
	wr_mpint(&w, n, 256);
	CHECK(parse(&w) == E_FORMAT);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-rsa");
	wr_mpint(&w, (const uint8_t *)"\x01", 1); /* e = 1 */
	wr_mpint(&w, n, 256);
	CHECK(parse(&w) == E_FORMAT);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-rsa");
	wr_mpint(&w, (const uint8_t *)"\x01\x00\x01", 3);
	wr_mpint(&w, n, 127); /* 1016 bits */
	CHECK(parse(&w) == E_UNSUPPORTED);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-rsa");
	wr_mpint(&w, (const uint8_t *)"\x01\x00\x01", 3);
	wr_u32(&w, 257); /* needless leading zero */
	wr_u8(&w, 0);
	wr_u8(&w, 0x45);
	wr_bytes(&w, n, 255);
	CHECK(parse(&w) == E_FORMAT);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-rsa");
	wr_mpint(&w, (const uint8_t *)"\x01\x00\x01", 3);
	wr_u32(&w, 256); /* negative */
	wr_bytes(&w, n, 256);
	CHECK(parse(&w) == E_FORMAT);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-rsa");
	wr_mpint(&w, n, 256); /* n and e swapped: e too big */
	wr_mpint(&w, (const uint8_t *)"\x01\x00\x01", 3);
	CHECK(parse(&w) == E_UNSUPPORTED);
}
#endif

#if SHREW_ED25519
TEST(key_ed25519_private_mismatch)
{
	static uint8_t buf[BIG];
	struct key k, k2;
	struct wr w;
	struct rd r;
	size_t n;

	CHECK(key_generate(&k, KEY_ED25519, 0) == E_OK);
	CHECK(key_generate(&k2, KEY_ED25519, 0) == E_OK);
	/* seed || pub where pub is another key's. */
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-ed25519");
	wr_string(&w, k2.u.ed25519.pub, 32);
	wr_u32(&w, 64);
	wr_bytes(&w, k.u.ed25519.seed, 32);
	wr_bytes(&w, k2.u.ed25519.pub, 32);
	n = w.len;
	rd_init(&r, buf, n);
	CHECK(key_get_private(&k2, &r) == E_FORMAT);
	CHECK(k2.type == KEY_NONE);
	/* The two copies of pub disagree. */
	CHECK(key_set_ed25519(&k2, k.u.ed25519.pub, NULL) == E_OK);
	wr_init(&w, buf, sizeof(buf));
	wr_cstr(&w, "ssh-ed25519");
	wr_string(&w, k2.u.ed25519.pub, 32);
	wr_u32(&w, 64);
	wr_bytes(&w, k.u.ed25519.seed, 32);
	buf[w.len - 1] = 0;
	wr_bytes(&w, k.u.ed25519.pub, 32);
	buf[w.len - 1] ^= 1;
	rd_init(&r, buf, w.len);
	CHECK(key_get_private(&k2, &r) == E_FORMAT);
	CHECK(key_set_ed25519(&k2, k2.u.ed25519.pub, k.u.ed25519.seed) == E_FORMAT);
	key_free(&k);
}
#endif

#if SHREW_RSA
/* Loads the private key of OpenSSH vector i (see key_openssh_private). */
static int openssh_private(size_t i, struct key *k)
{
	size_t n = unhex(openssh[i].priv, file, sizeof(file));
	struct view pubblob, sec;
	uint32_t check;
	struct rd r;

	openssh_unwrap(file, n, &pubblob, &sec);
	rd_init(&r, sec.p, sec.len);
	rd_u32(&r, &check);
	rd_u32(&r, &check);
	return key_get_private(k, &r);
}

/* The signature bytes of a signature blob. */
static struct view sig_body(const uint8_t *sig, size_t n)
{
	struct view name, body = {NULL, 0};
	struct rd r;

	rd_init(&r, sig, n);
	rd_text(&r, 64, &name);
	rd_string(&r, KEY_MAX_SIG_BLOB, &body);
	CHECK(rd_end(&r) == E_OK);
	return body;
}

/* An RSA signature one byte short (its leading zero left off, as some
 * clients send it) verifies; one byte long does not.  With OpenSSH's
 * test key, the rsa-sha2-256 signature of {0, 153, 0, 0} starts with
 * 0x00 (the first {i >> 8, i, 0, 0} that does; found with openssl). */
TEST(key_rsa_short_signature)
{
	static uint8_t sig[KEY_MAX_SIG_BLOB], sig2[KEY_MAX_SIG_BLOB];
	static const uint8_t data[4] = {0, 153, 0, 0};
	struct view body, zero;
	struct key k;
	struct wr w;
	struct rd r;
	size_t i;

	for (i = 0; i < N_OPENSSH && openssh[i].type != KEY_RSA; i++)
		;
	CHECK(i < N_OPENSSH && openssh_private(i, &k) == E_OK);
	wr_init(&w, sig, sizeof(sig));
	CHECK(key_sign(&k, SIG_RSA_SHA256, data, 4, &w) == E_OK);
	body = sig_body(sig, w.len);
	CHECK(body.len == 256);
	rd_init(&r, body.p, body.len);
	CHECK(rd_bytes(&r, 1, &zero) == E_OK && zero.p[0] == 0);
	rd_bytes(&r, rd_left(&r), &body);
	wr_init(&w, sig2, sizeof(sig2));
	wr_cstr(&w, "rsa-sha2-256");
	wr_string(&w, body.p, body.len);
	CHECK(key_verify(&k, sig2, w.len, data, 4, NULL) == E_OK);
	wr_init(&w, sig2, sizeof(sig2));
	wr_cstr(&w, "rsa-sha2-256");
	wr_u32(&w, (uint32_t)body.len + 2);
	wr_u8(&w, 0);
	wr_u8(&w, 0);
	wr_bytes(&w, body.p, body.len);
	CHECK(key_verify(&k, sig2, w.len, data, 4, NULL) == E_VERIFY);
	key_free(&k);
}

TEST(key_rsa_set_args)
{
	static uint8_t n[256];
	struct view nv = {n, sizeof(n)}, ev = {(const uint8_t *)"\x01\x00\x01", 3};
	struct key k;

	memset(n, 0xc5, sizeof(n));
	CHECK(key_set_rsa(&k, nv, ev, &nv, NULL, NULL, NULL) == E_ARG);
	CHECK(k.type == KEY_NONE);
	CHECK(key_set_rsa(&k, nv, ev, NULL, NULL, NULL, &nv) == E_OK); /* iqmp unused */
	CHECK(k.type == KEY_RSA && !k.has_private && key_bits(&k) == 2048);
	key_free(&k);
	CHECK(key_set_rsa(&k, nv, ev, &nv, &nv, &nv, NULL) == E_FORMAT);
	CHECK(k.type == KEY_NONE);
}
#endif

int main(void)
{
	if (crypto_init() != E_OK) {
		printf("FAIL crypto_init\n");
		return 1;
	}
	RUN(key_names);
#if SHREW_ED25519
	RUN(key_ed25519);
	RUN(key_ed25519_private_mismatch);
#endif
#if SHREW_ECDSA
	RUN(key_ecdsa);
#endif
#if SHREW_RSA
	RUN(key_rsa);
	RUN(key_rsa_short_signature);
	RUN(key_rsa_set_args);
#endif
	RUN(key_generate_unknown);
	RUN(key_openssh_public);
	RUN(key_openssh_private);
	RUN(key_openssh_sshsig);
	RUN(key_bad_blobs);
#if SHREW_ECDSA
	RUN(key_bad_ecdsa_blobs);
#endif
#if SHREW_RSA
	RUN(key_bad_rsa_blobs);
#endif
	return unit_done();
}
