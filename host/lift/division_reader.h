// How the text of one expression is read as a stage of an integer division expansion
// (division_stages.h): nvcc's stages in division_stages.cpp, LLVM's AMDGPU stages in
// amdgpu_division.cpp. Internal to those two files.
#pragma once

#include "division_stages.h"
#include "text_pattern.h"

#include <optional>
#include <string>

namespace switcheroo::lift {

class StageReader {
 public:
  using Stage = std::optional<DivisionStage>;

  explicit StageReader(const DivisionStages& known) : known_(known) {}

  /// What `text` holds: a name's known stage (a guarded one reads as opaque), an opaque
  /// value for any other name, or one of the stages below.
  Stage read(const std::string& text) const;

 private:
  Stage bound(Bindings& bound, char letter) const { return read(bound.at(letter)); }
  // An opaque value's name, or |n| (what the core's operands are).
  Stage operand(Bindings& b, char letter) const;
  static bool is_operand(const Stage& operand, const std::string& name, bool magnitudes);

  // nvcc (division_stages.cpp).
  Stage wrapped(const std::string& text) const;
  Stage core(const std::string& text) const;
  Stage product(const std::string& text) const;
  Stage remainder(const std::string& text) const;
  Stage condition(const std::string& text) const;
  Stage choice(const std::string& text) const;

  // LLVM's AMDGPU expansion (amdgpu_division.cpp).
  Stage amdgpu_core(const std::string& text) const;
  Stage amdgpu_magic(const std::string& text) const;
  Stage amdgpu_remainder(const std::string& text) const;
  Stage amdgpu_condition(const std::string& text) const;
  Stage amdgpu_correction(const std::string& text) const;
  Stage amdgpu_signs(const std::string& text) const;
  Stage amdgpu_sign_set(const std::string& text) const;

  const DivisionStages& known_;
};

}  // namespace switcheroo::lift
