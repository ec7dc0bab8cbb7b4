// Reading TOML documents written by people (manifests, adapter data) with errors that point at
// the exact line and column: unknown keys (with a "did you mean"), wrong value types.
#pragma once

#include "diagnostics.h"

#include <toml++/toml.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo {

class TomlReader {
 public:
  /// `file` names the document in messages; `unit` tags them (e.g. "manifest").
  TomlReader(std::string file, std::string unit) : file_(std::move(file)), unit_(std::move(unit)) {}

  const std::string& file() const { return file_; }

  /// Parses `text`; a syntax error becomes an Error at its line and column.
  toml::table parse(std::string_view text) const;

  SourceLocation where(const toml::source_region& region) const;
  SourceLocation where(const toml::node& node) const { return where(node.source()); }
  SourceLocation where(const toml::key& key) const { return where(key.source()); }

  [[noreturn]] void fail(const SourceLocation& where, std::string message) const;

  /// Every key of `table` must be one of `allowed`, so that a typo cannot pass silently.
  void check_keys(const toml::table& table, std::string_view table_name,
                  const std::vector<std::string>& allowed) const;

  // Typed access: each fails with "'<name>' must be <type>, not <actual type>".
  const toml::table& table(const toml::node& node, const std::string& name) const;
  bool boolean(const toml::node& node, const std::string& name) const;
  std::string string(const toml::node& node, const std::string& name) const;
  std::vector<std::pair<std::string, SourceLocation>> strings(const toml::node& node,
                                                              const std::string& name) const;
  /// The list of strings under `key` of `table`; empty where the table lacks the key.
  std::vector<std::string> string_list(const toml::table& table, std::string_view key) const;
  /// A table whose values are all strings.
  std::map<std::string, std::string> string_table(const toml::node& node,
                                                  const std::string& name) const;

 private:
  std::string file_;
  std::string unit_;
};

/// "a string", "an integer", ... for messages.
const char* toml_type_name(const toml::node& node);

}  // namespace switcheroo
