// The user's record of trusted project manifests: for each one, the SHA-256 of the manifest and
// of every plugin file it named when `swhost trust` recorded it. A project's plugin file is
// loaded only while both still match (see plugin_trust.h).
//
// The store is a text file in the user's configuration folder, one entry a line:
//
//     manifest <sha256> <absolute path>
//     plugin <sha256> <absolute path>      (a plugin file of the manifest above it)
//
// Lines starting with '#' and blank lines are ignored. The folder is created private to the
// user (0700) and the file written atomically, readable by the user alone (0600).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo {

/// One trusted file: where it is (absolute, symbolic links resolved) and its SHA-256.
struct TrustedFile {
  std::filesystem::path path;
  std::string sha256;
};

/// A trusted manifest and the plugin files trusted with it.
struct TrustRecord {
  TrustedFile manifest;
  std::vector<TrustedFile> plugins;

  /// The plugin entry for `path` (a trust_key()), or nullptr.
  const TrustedFile* plugin(const std::filesystem::path& path) const;
};

/// How the store names a file: absolute, with symbolic links and `..` resolved, so that the
/// same file reached two ways is one entry and a re-pointed link is a different one.
std::filesystem::path trust_key(const std::filesystem::path& path);

/// The user's switcheroo configuration folder: `$XDG_CONFIG_HOME/switcheroo`, or
/// `$HOME/.config/switcheroo` when XDG_CONFIG_HOME is unset, empty or relative (as the XDG base
/// directory specification says); nullopt when neither gives an absolute path.
std::optional<std::filesystem::path> config_directory(const char* xdg_config_home,
                                                      const char* home);

/// The store's file under config_directory() of this process's environment.
std::optional<std::filesystem::path> trust_store_file();

class TrustStore {
 public:
  /// Reads the store at `file`; a missing file is an empty store. Throws Error when the file is
  /// malformed, or when another user could have written it (then none of it is believed).
  static TrustStore load(const std::filesystem::path& file);

  /// Parses store text; `file` names it in messages. Throws Error with the line and column.
  static TrustStore parse(std::string_view text, const std::string& file);

  /// The text save() writes: a comment, then each record in the order trusted.
  std::string text() const;

  /// Writes the store to `file` atomically, creating its folders private to the user.
  void save(const std::filesystem::path& file) const;

  const std::vector<TrustRecord>& records() const { return records_; }

  /// The record of the manifest at `manifest` (a trust_key()), or nullptr.
  const TrustRecord* find(const std::filesystem::path& manifest) const;

  /// Adds `record`, replacing an older record of the same manifest. Throws Error for a path the
  /// store cannot hold (one with a line break).
  void trust(TrustRecord record);

  /// Removes the record of `manifest` (a trust_key()); false when there was none.
  bool revoke(const std::filesystem::path& manifest);

 private:
  std::vector<TrustRecord> records_;
};

}  // namespace switcheroo
