// What `swhost suggest` prepares for an API the knowledge base does not map yet: the hub ops
// it most likely is (by name, arguments and doc), the renames of its parameters into that op's
// arguments, and a ready-to-edit definition in the overlay format of `swhost define`, or the
// same as a prompt for a language model. It never edits the knowledge base.
//
//   torch.frac(input, *, out=None)  "Computes the fractional portion of each element"
//     -> likely: trunc, fmod, ...   -> [hub.project] frac = {...}  [spokes.torch] frac = {...}
#pragma once

#include "core/hub.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::ci {

/// One parameter of an API, as an API snapshot lists it.
struct ApiParameter {
  std::string name;
  std::string kind;  ///< "positional_or_keyword", "keyword_only", "var_positional", ...
  std::optional<std::string> default_value;
  bool required = false;
};

/// One API of a snapshot (`tests/api-snapshots` format) or of a live import.
struct ApiEntry {
  std::string name;  ///< fully qualified
  std::string kind;  ///< "function", "class", "method", ...
  std::optional<std::vector<ApiParameter>> parameters;  ///< none when unknown
  std::string doc;                                      ///< first line; may be empty
};

/// The entries of a snapshot document (`{"apis": {...}}`) that `pattern` names: one API
/// (`a.b.f`) or every callable directly inside a module (`a.b.*`), sorted by name.
std::vector<ApiEntry> select_entries(const nlohmann::json& snapshot, const std::string& pattern);

/// A hub op an API may be, with how well it fits (0..1).
struct Candidate {
  const HubOp* op = nullptr;
  double score = 0;
};

/// The `count` best-fitting hub ops, best first.
std::vector<Candidate> likely_ops(const Hub& hub, const ApiEntry& entry, size_t count);

/// Hub argument -> the API's parameter, where the names differ but mean the same (`axis` ->
/// `dim`); parameters with no counterpart are left out.
std::vector<std::pair<std::string, std::string>> proposed_renames(const HubOp& op,
                                                                  const ApiEntry& entry);

/// The definition stub of `entries` for `framework`, in the overlay format (TOML text).
/// `spelled`: the spoke keys the framework has already (`op` and `op/form`); an API named as a
/// hub op the framework maps gets another spelling's key, `op/MODULE` (`log_softmax/special`).
std::string definition_stub(const Hub& hub, const std::string& framework,
                            const std::vector<ApiEntry>& entries,
                            const std::set<std::string>& spelled);

/// The same as prompts for a language model, `batch` APIs each; a candidate op in `spelled`
/// is marked as mapped already, to be keyed `op/FORM`.
std::string definition_prompt(const Hub& hub, const std::string& framework,
                              const std::vector<ApiEntry>& entries, size_t batch,
                              const std::set<std::string>& spelled);

}  // namespace switcheroo::ci
