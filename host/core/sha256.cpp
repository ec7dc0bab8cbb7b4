#include "sha256.h"

#include "diagnostics.h"
#include "output_file.h"

#include <nettle/sha2.h>

namespace switcheroo {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  // nettle takes lengths as size_t: feed the bytes in one call.
  sha256_update(&context, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
  const unsigned int length = SHA256_DIGEST_SIZE;
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
