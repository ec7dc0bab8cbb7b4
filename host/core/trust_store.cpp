#include "trust_store.h"

#include "diagnostics.h"
#include "output_file.h"
#include "path_safety.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <sys/stat.h>

namespace switcheroo {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "trust";
constexpr size_t kDigestLength = 64;

bool is_digest(std::string_view text) {
  return text.size() == kDigestLength && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Reads one `<kind> <sha256> <path>` line; column numbers are 1-based.
class LineReader {
 public:
  LineReader(const std::string& file, uint32_t line) : file_(file), line_(line) {}

  [[noreturn]] void fail(size_t column, std::string message) const {
    throw Error(Diagnostic{
        Severity::error, {file_, line_, static_cast<uint32_t>(column)}, std::move(message), kUnit});
  }

  TrustedFile entry(std::string_view text, size_t digest_column) const {
    const std::string_view rest =
        digest_column <= text.size() ? text.substr(digest_column - 1) : std::string_view();
    const size_t space = rest.find(' ');
    if (!is_digest(rest.substr(0, space))) {
      fail(digest_column, "expected a SHA-256 of 64 lowercase hexadecimal digits");
    }
    const fs::path path(space == std::string_view::npos ? std::string_view()
                                                        : rest.substr(space + 1));
    if (!path.is_absolute()) fail(digest_column + kDigestLength + 1, "expected an absolute path");
    return {path, std::string(rest.substr(0, kDigestLength))};
  }

 private:
  const std::string& file_;
  uint32_t line_;
};

// Creates the missing folders of `folder`, each readable by the user alone.
void create_private_directories(const fs::path& folder) {
  fs::path prefix;
  for (const auto& part : folder) {
    prefix /= part;
    std::error_code error;
    if (fs::is_directory(prefix, error)) continue;
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
      throw Error("cannot create folder '" + prefix.string() + "': " + std::strerror(errno), kUnit);
    }
  }
}

}  // namespace

const TrustedFile* TrustRecord::plugin(const fs::path& path) const {
  for (const auto& file : plugins) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

fs::path trust_key(const fs::path& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  const fs::path resolved = fs::weakly_canonical(absolute, error);
  return error ? absolute.lexically_normal() : resolved;
}

std::optional<fs::path> config_directory(const char* xdg_config_home, const char* home) {
  if (xdg_config_home != nullptr && fs::path(xdg_config_home).is_absolute()) {
    return fs::path(xdg_config_home) / "switcheroo";
  }
  if (home != nullptr && fs::path(home).is_absolute()) {
    return fs::path(home) / ".config" / "switcheroo";
  }
  return std::nullopt;
}

std::optional<fs::path> trust_store_file() {
  auto folder = config_directory(std::getenv("XDG_CONFIG_HOME"), std::getenv("HOME"));
  if (!folder) return std::nullopt;
  return *folder / "trusted-manifests";
}

TrustStore TrustStore::load(const fs::path& file) {
  std::error_code error;
  if (!fs::exists(file, error)) return {};
  if (auto foreign = foreign_write_access(file)) {
    throw Error("trust store '" + file.string() + "' " + *foreign +
                    ", so none of its records is believed; it must be yours and writable by "
                    "you alone",
                kUnit);
  }
  return parse(read_file(file), file.string());
}

TrustStore TrustStore::parse(std::string_view text, const std::string& file) {
  TrustStore store;
  uint32_t number = 0;
  while (!text.empty()) {
    ++number;
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line.front() == '#') continue;
    const LineReader reader(file, number);
    const std::string_view kind = line.substr(0, line.find(' '));
    if (kind == "manifest") {
      store.records_.push_back({reader.entry(line, kind.size() + 2), {}});
    } else if (kind == "plugin") {
      if (store.records_.empty()) reader.fail(1, "'plugin' before any 'manifest'");
      store.records_.back().plugins.push_back(reader.entry(line, kind.size() + 2));
    } else {
      reader.fail(1, "unknown entry '" + std::string(kind) + "'; expected 'manifest' or 'plugin'");
    }
  }
  return store;
}

std::string TrustStore::text() const {
  std::string text =
      "# Project manifests whose plugin files swhost may load, with the SHA-256 of each file\n"
      "# when it was trusted. Written by 'swhost trust'; see 'swhost trust --help'.\n";
  for (const auto& record : records_) {
    text += "manifest " + record.manifest.sha256 + " " + record.manifest.path.string() + "\n";
    for (const auto& plugin : record.plugins) {
      text += "plugin " + plugin.sha256 + " " + plugin.path.string() + "\n";
    }
  }
  return text;
}

void TrustStore::save(const fs::path& file) const {
  create_private_directories(file.parent_path());
  write_file_atomically(file, text(), 0600);
}

const TrustRecord* TrustStore::find(const fs::path& manifest) const {
  for (const auto& record : records_) {
    if (record.manifest.path == manifest) return &record;
  }
  return nullptr;
}

void TrustStore::trust(TrustRecord record) {
  auto check = [](const TrustedFile& file) {
    if (file.path.string().find('\n') != std::string::npos) {
      throw Error("cannot trust '" + file.path.string() + "': its path holds a line break", kUnit);
    }
  };
  check(record.manifest);
  for (const auto& plugin : record.plugins) check(plugin);
  revoke(record.manifest.path);
  records_.push_back(std::move(record));
}

bool TrustStore::revoke(const fs::path& manifest) {
  const auto old = std::remove_if(records_.begin(), records_.end(), [&](const TrustRecord& record) {
    return record.manifest.path == manifest;
  });
  const bool found = old != records_.end();
  records_.erase(old, records_.end());
  return found;
}

}  // namespace switcheroo
