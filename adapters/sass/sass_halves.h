// Half-precision operands of SASS instructions: the `.H0_H0` selector, packed pairs read by
// `$N.h2` in the semantics, and pairs of immediates that make one packed operand.
#pragma once

#include <switcheroo/isa.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::sass {

/// HADD2, HMUL2, HFMA2: a pair of immediates (`HFMA2.MMA R3, R3, 1, 1, R4`, `HMUL2 R9, R9, -2,
/// 0.5`) becomes one operand whose text is the pair, high half first; HFMA2's trailing pair
/// (`HFMA2.MMA R9, -RZ, RZ, 0, 1.19e-07`, a constant) stays two operands. Returns the index
/// each removed operand had when it was removed, in order.
std::vector<size_t> merge_packed_immediates(sdk::isa::Instruction& instruction);

/// A half operand the semantics would misread, with the operand's index and the message.
std::optional<std::pair<size_t, std::string>> half_operand_problem(
    const sdk::isa::Instruction& instruction);

/// Writes each `$N.h2` of the instruction's semantics as the packed pair its operand selects
/// (see adapters/sass/semantics.txt). Call after half_operand_problem found none; with fewer
/// operands than the semantics read, it changes nothing (the operand count check reports it).
void expand_packed_reads(sdk::isa::Instruction& instruction);

}  // namespace switcheroo::sass
