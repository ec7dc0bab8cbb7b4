#include "core/trust_store.h"
#include "core/diagnostics.h"
#include "core/sha256.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace switcheroo;
using switcheroo::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kDigestA(64, 'a');
const std::string kDigestB(64, 'b');

std::string parse_error(std::string_view text) {
  try {
    TrustStore::parse(text, "trusted-manifests");
  } catch (const Error& failure) {
    return failure.diagnostic().format();
  }
  return "no error";
}

unsigned permissions_of(const fs::path& path) {
  struct stat status {};
  REQUIRE(::stat(path.c_str(), &status) == 0);
  return status.st_mode & 07777;
}

}  // namespace

TEST_CASE("sha256 digests match the published test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  TempDir root;
  root.write("file", "abc");
  CHECK(sha256_of_file(root.path / "file") == sha256_hex("abc"));
}

TEST_CASE("the configuration folder follows XDG_CONFIG_HOME, then HOME") {
  CHECK(config_directory("/x/config", "/home/u") == fs::path("/x/config/switcheroo"));
  CHECK(config_directory(nullptr, "/home/u") == fs::path("/home/u/.config/switcheroo"));
  CHECK(config_directory("", "/home/u") == fs::path("/home/u/.config/switcheroo"));
  CHECK(config_directory("relative/config", "/home/u") == fs::path("/home/u/.config/switcheroo"));
  CHECK(config_directory(nullptr, nullptr) == std::nullopt);
  CHECK(config_directory("", "not/absolute") == std::nullopt);
}

TEST_CASE("a store reads back what it writes, one record per manifest") {
  TrustStore store;
  store.trust({{"/p/switcheroo.toml", kDigestA}, {{"/p/libsw-adapter-x.so", kDigestB}}});
  store.trust({{"/q/pyproject.toml", kDigestB}, {}});
  const std::string text = store.text();
  CHECK(text.find("manifest " + kDigestA + " /p/switcheroo.toml\nplugin " + kDigestB +
                  " /p/libsw-adapter-x.so\nmanifest " + kDigestB + " /q/pyproject.toml\n") !=
        std::string::npos);

  const TrustStore again = TrustStore::parse(text, "trusted-manifests");
  REQUIRE(again.records().size() == 2);
  const TrustRecord* record = again.find("/p/switcheroo.toml");
  REQUIRE(record != nullptr);
  CHECK(record->manifest.sha256 == kDigestA);
  REQUIRE(record->plugin("/p/libsw-adapter-x.so") != nullptr);
  CHECK(record->plugin("/p/libsw-adapter-x.so")->sha256 == kDigestB);
  CHECK(record->plugin("/p/other.so") == nullptr);
  CHECK(again.find("/p/elsewhere.toml") == nullptr);
}

TEST_CASE("trusting a manifest again replaces its record, revoking removes it") {
  TrustStore store;
  store.trust({{"/p/switcheroo.toml", kDigestA}, {{"/p/a.so", kDigestA}}});
  store.trust({{"/p/switcheroo.toml", kDigestB}, {}});
  REQUIRE(store.records().size() == 1);
  CHECK(store.records()[0].manifest.sha256 == kDigestB);
  CHECK(store.records()[0].plugins.empty());
  CHECK(store.revoke("/p/switcheroo.toml"));
  CHECK_FALSE(store.revoke("/p/switcheroo.toml"));
  CHECK(store.records().empty());
}

TEST_CASE("a path with a line break cannot be recorded") {
  TrustStore store;
  try {
    store.trust({{"/p/odd\nname/switcheroo.toml", kDigestA}, {}});
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "error: cannot trust '/p/odd\\x0aname/switcheroo.toml': its path holds a line break "
          "[trust]");
  }
}

TEST_CASE("a malformed store is an error with its line and column") {
  CHECK(parse_error("# comment\n\nplugin " + kDigestA + " /p/a.so\n") ==
        "trusted-manifests:3:1: error: 'plugin' before any 'manifest' [trust]");
  CHECK(parse_error("manifest " + kDigestA + " /p/m.toml\nplugins x\n") ==
        "trusted-manifests:2:1: error: unknown entry 'plugins'; expected 'manifest' or 'plugin' "
        "[trust]");
  CHECK(parse_error("manifest ABC /p/m.toml\n") ==
        "trusted-manifests:1:10: error: expected a SHA-256 of 64 lowercase hexadecimal digits "
        "[trust]");
  CHECK(parse_error("manifest\n") ==
        "trusted-manifests:1:10: error: expected a SHA-256 of 64 lowercase hexadecimal digits "
        "[trust]");
  CHECK(parse_error("manifest " + kDigestA + " p/m.toml\n") ==
        "trusted-manifests:1:75: error: expected an absolute path [trust]");
  CHECK(parse_error("manifest " + kDigestA + "\n") ==
        "trusted-manifests:1:75: error: expected an absolute path [trust]");
}

TEST_CASE("the store is saved private to the user, creating its folders") {
  TempDir root;
  const fs::path file = root.path / "config/switcheroo/trusted-manifests";
  CHECK(TrustStore::load(file).records().empty());  // no file yet: nothing trusted
  TrustStore store;
  store.trust({{"/p/switcheroo.toml", kDigestA}, {}});
  store.save(file);
  CHECK(permissions_of(root.path / "config") == 0700);
  CHECK(permissions_of(root.path / "config/switcheroo") == 0700);
  CHECK(permissions_of(file) == 0600);
  CHECK(TrustStore::load(file).find("/p/switcheroo.toml") != nullptr);
}

TEST_CASE("a store that every user may write is not believed") {
  TempDir root;
  const fs::path file = root.path / "trusted-manifests";
  TrustStore().save(file);
  REQUIRE(::chmod(file.c_str(), 0666) == 0);
  try {
    TrustStore::load(file);
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "error: trust store '" + file.string() +
              "' is writable by every user, so none of its records is believed; it must be "
              "yours and writable by you alone [trust]");
  }
}

TEST_CASE("trust keys resolve symbolic links and dot-dot") {
  TempDir root;
  root.write("real/libsw-adapter-x.so", "x");
  fs::create_directory_symlink(root.path / "real", root.path / "link");
  const fs::path real = fs::canonical(root.path / "real/libsw-adapter-x.so");
  CHECK(trust_key(root.path / "link/libsw-adapter-x.so") == real);
  CHECK(trust_key(root.path / "real/../real/libsw-adapter-x.so") == real);
}
