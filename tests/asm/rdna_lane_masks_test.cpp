// Lane masks read as values (adapters/rdna/rdna_lane_masks.h): which comparisons become
// ballots and which value reads lose their semantics, on instructions as the rdna frontend
// makes them (opcode, semantics template with classes filled, operands).
#include "rdna_lane_masks.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <map>
#include <string>
#include <vector>

namespace rdna = switcheroo::rdna;
using switcheroo::sdk::isa::Instruction;
using switcheroo::sdk::isa::Operand;
using Code = std::vector<Instruction>;

namespace {

// "s2", "v1", "vcc", "exec": a register; anything else an immediate.
Operand operand(const std::string& text) {
  Operand op;
  if (text == "vcc" || text == "exec") {
    op.name = text;
    op.index = -1;
  } else if ((text[0] == 's' || text[0] == 'v') &&
             std::isdigit(static_cast<unsigned char>(text[1]))) {
    op.name = text.substr(0, 1);
    op.index = std::stoi(text.substr(1));
  } else {
    op.kind = SW_ISA_OPERAND_IMMEDIATE;
    op.value = std::stoi(text);
  }
  op.text = text;
  return op;
}

Instruction make(const std::string& opcode, const std::string& semantics,
                 const std::vector<std::string>& operands, uint32_t flags = 0) {
  Instruction in;
  in.opcode = opcode;
  in.semantics = semantics;
  in.flags = flags;
  for (const auto& text : operands) in.operands.push_back(operand(text));
  return in;
}

const char* const kLess = "$0 = int(u32($1) < u32($2))";

Instruction compare(const std::string& mask) {
  return make("v_cmp", kLess, {mask, "3", "v0"});
}
Instruction copy_to_vgpr(const std::string& mask) {
  return make("v_mov_b32", "$0 = $1", {"v4", mask});
}

rdna::LaneMaskValues run(Code& code, bool wave32 = true,
                         const std::map<std::string, size_t>& labels = {}) {
  return rdna::lift_lane_mask_values(code, rdna::successors(code, labels), wave32);
}

}  // namespace

TEST_CASE("a comparison whose mask is read as a value becomes a ballot", "[lift][lane-masks]") {
  Code code = {compare("s1"), copy_to_vgpr("s1")};
  const auto result = run(code);
  CHECK(result.ballots == std::vector<size_t>{0});
  CHECK(result.unmodelled.empty());
  CHECK(*code[0].semantics == "$0 = @warp('ballot', int(u32($1) < u32($2)))");
  CHECK(*code[1].semantics == "$0 = $1");
}

TEST_CASE("vcc compared with zero is a vote", "[lift][lane-masks]") {
  Code code = {compare("vcc"), make("s_cmp", "scc = int(u32($0) != u32($1))", {"vcc", "0"})};
  CHECK(run(code).ballots == std::vector<size_t>{0});
}

TEST_CASE("a mask read only as a condition stays the lane's bit", "[lift][lane-masks]") {
  Code code = {
      compare("s0"),
      make("s_and_saveexec_b32", "$0 = exec; exec = u32($1) & exec; scc = int(u32($1) & exec != 0)",
           {"s6", "s0"}),
      make("v_cndmask_b32", "$0 = $2 if $3 else $1", {"v5", "0", "1", "s0"})};
  const auto result = run(code);
  CHECK(result.ballots.empty());
  CHECK(result.unmodelled.empty());
  CHECK(*code[0].semantics == kLess);
}

TEST_CASE("a mask read as a condition and as a value is not lifted", "[lift][lane-masks]") {
  Code code = {compare("s1"),
               make("v_cndmask_b32", "$0 = $2 if $3 else $1", {"v5", "0", "1", "s1"}),
               copy_to_vgpr("s1")};
  const auto result = run(code);
  CHECK(result.ballots.empty());
  REQUIRE(result.unmodelled.size() == 1);
  CHECK(result.unmodelled[0].instruction == 2);
  CHECK(result.unmodelled[0].mask == "s1");
  CHECK(result.unmodelled[0].reason == "the comparison's mask is also read as a condition");
  CHECK_FALSE(code[2].semantics);
  CHECK(*code[0].semantics == kLess);
}

TEST_CASE("exec, carries and operations on masks read as values are not lifted",
          "[lift][lane-masks]") {
  Code code = {make("s_mov_b32", "$0 = $1", {"s3", "exec"}),
               copy_to_vgpr("s3"),
               compare("s1"),
               make("s_and_b32", "$0 = u32($1) & u32($2)", {"s2", "s1", "exec"}),
               copy_to_vgpr("s2"),
               make("v_add_co_u32", "$0 = u32($2 + $3); $1 = int(u32($2) + u32($3) > 0xFFFFFFFF)",
                    {"v3", "vcc", "v1", "v2"}),
               copy_to_vgpr("vcc")};
  const auto result = run(code);
  CHECK(result.ballots.empty());
  REQUIRE(result.unmodelled.size() == 3);
  CHECK(result.unmodelled[0].instruction == 1);
  CHECK(result.unmodelled[1].instruction == 4);
  CHECK(result.unmodelled[2].instruction == 6);
  CHECK(result.unmodelled[2].mask == "vcc");
}

TEST_CASE("a scalar value in an SGPR is no mask", "[lift][lane-masks]") {
  Code code = {make("s_and_b32", "$0 = u32($1) & u32($2)", {"s0", "s9", "65535"}),
               copy_to_vgpr("s0"), compare("s1"), make("s_mov_b32", "$0 = $1", {"s1", "7"}),
               copy_to_vgpr("s1")};
  const auto result = run(code);
  CHECK(result.ballots.empty());
  CHECK(result.unmodelled.empty());
}

TEST_CASE("the comparisons of both branches become ballots; a plain write on one is not",
          "[lift][lane-masks]") {
  const std::map<std::string, size_t> labels = {{"else", 3}, {"join", 4}};
  auto branch = [](const std::string& to, uint32_t flags) {
    Instruction in = make("s_cbranch_scc0", flags & SW_ISA_CONDITIONAL ? "scc == 0" : "True", {},
                          SW_ISA_BRANCH | flags);
    in.target_label = to;
    return in;
  };
  Code code = {branch("else", SW_ISA_CONDITIONAL), compare("s1"), branch("join", 0), compare("s1"),
               copy_to_vgpr("s1")};
  auto result = run(code, true, labels);
  CHECK(result.ballots == std::vector<size_t>{1, 3});

  code[3] = make("s_mov_b32", "$0 = $1", {"s1", "0"});
  code[1] = compare("s1");
  result = run(code, true, labels);
  CHECK(result.ballots.empty());
  REQUIRE(result.unmodelled.size() == 1);
  CHECK(result.unmodelled[0].instruction == 4);
}

TEST_CASE("a wave64 kernel's ballot is not lifted", "[lift][lane-masks]") {
  Code code = {compare("s1"), copy_to_vgpr("s1")};
  const auto result = run(code, false);
  CHECK(result.ballots.empty());
  REQUIRE(result.unmodelled.size() == 1);
  CHECK(result.unmodelled[0].reason ==
        "the kernel runs as wave64 (switcheroo_grid's warps are 32 lanes)");
}
