// Names in a lifted kernel: its parameters (from the frontend's metadata, or recovered from the
// constant-bank slots the code reads), the built-in indices it uses, and its registers.
#pragma once

#include "program.h"

#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

class KernelNames {
 public:
  explicit KernelNames(const Kernel& kernel);

  /// Parameters in offset order, named p0, p1, ... unless the listing names them.
  const std::vector<Parameter>& parameters() const { return parameters_; }
  /// True when the parameters were recovered from the code rather than read from metadata.
  bool parameters_inferred() const { return inferred_; }

  /// The 32-bit word at byte `offset` of the parameter space, e.g. "p2" or "hi32(p0)".
  std::string parameter_word(uint32_t offset);
  /// The 64-bit value at byte `offset`, e.g. "p0".
  std::string parameter_wide(uint32_t offset);

  /// Records that a built-in (thread_idx_x, ...) is read; returns its name.
  const std::string& use_builtin(const std::string& name);
  const std::set<std::string>& builtins_used() const { return builtins_; }

  /// Whether a listing reads parameter space words no parameter covers.
  bool has_unknown_words() const { return unknown_words_; }

 private:
  const Parameter* covering(uint32_t offset) const;

  std::vector<Parameter> parameters_;
  std::set<std::string> builtins_;
  bool inferred_ = false;
  bool unknown_words_ = false;
};

/// Whether `name` is one of the built-in index or size names the grid provides.
bool is_builtin_name(const std::string& name);

}  // namespace switcheroo::lift
