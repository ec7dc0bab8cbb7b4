// The record of a `swhost ci` run (`--out verified.json`): per hub op and pair of spellings,
// verified, mismatch (with the smallest failing example), error or skipped with the reason.
// `swhost matrix` reads it, so a mapping is "numeric" exactly when a run compared it with
// another framework's and they agreed.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace switcheroo::ci {

/// What a record says, read back.
class VerifiedRecord {
 public:
  VerifiedRecord() = default;
  /// Reads a record. Throws Error [ci] naming the file for anything that is not one.
  explicit VerifiedRecord(const std::filesystem::path& file);

  /// Whether the spelling `label` ("<framework>" for the primary, "<framework>/method" for another)
  /// of hub op `op` ran and agreed with another framework's.
  bool verified(const std::string& op, const std::string& label) const;
  bool empty() const { return verified_.empty(); }
  /// The stand-in folder `framework` ran under (`swhost ci --stand-in`); empty when it ran as
  /// itself or not at all.
  std::string stand_in(const std::string& framework) const;

 private:
  std::set<std::pair<std::string, std::string>> verified_;
  std::map<std::string, std::string> stand_ins_;
};

/// The counts of a run: ops by status, pairs by status.
struct Summary {
  std::map<std::string, int> ops;    ///< "verified", "mismatch", "error", "skipped"
  std::map<std::string, int> pairs;  ///< the same, per pair of spellings
  int cases = 0;
  int draws = 0;
};

/// The status of one op's worker line: the worst of its pairs (mismatch, error, verified,
/// skipped, in that order), or "skipped" / "error" for a line without pairs.
std::string op_status(const nlohmann::json& line);

/// Adds one op's worker line to `summary`.
void count(const nlohmann::json& line, Summary& summary);

}  // namespace switcheroo::ci
