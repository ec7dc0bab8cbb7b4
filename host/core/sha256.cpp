#include "sha256.h"

#include "diagnostics.h"
#include "output_file.h"

#include <openssl/evp.h>

namespace switcheroo {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw Error("cannot compute a SHA-256 digest: libcrypto failed", "trust");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int index = 0; index < length; ++index) {
    hex += kDigits[digest[index] >> 4];
    hex += kDigits[digest[index] & 0x0f];
  }
  return hex;
}

std::string sha256_of_file(const std::filesystem::path& file) {
  return sha256_hex(read_file(file));
}

}  // namespace switcheroo
