// What the lifted RDNA lines say of one lane's masks, for the passes that remove its `exec`
// bookkeeping (unmasked_blocks.h, lane_ifs.h, lane_loops.h). Lifted per lane, `exec` is the
// lane's bit of the execution mask, 0 or 1, and a divergent `if` saves it, clears it where
// the lane's test is 0, and restores it after the block:
//
//     s0, exec, scc = exec, u32(vcc) & exec, int(u32(vcc) & exec != 0)     (a save)
//     if not (exec == 0):
//         ...
//     exec, scc = u32(exec) | u32(s0), int(u32(exec) | u32(s0) != 0)       (a restore)
//
// The facts are forward "must" facts, holding on every path from the start: `exec` is set
// (after `exec = 1`, the prologue's or a pass's, inside a block that tested it, past a loop
// exit that tested it clear, or after a restore of a saved set mask); a name holds a saved set
// mask (a save's first target, written while `exec` was set, not written since); a name holds
// 0 or 1 (last written as a comparison `int(a < b)` or the literal 0 or 1). A subroutine call
// may write anything, so no fact survives it.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::lift {

struct LineNode;
class LiveNames;

/// `MASK, exec[, FLAG] = exec, u32(TEST) & exec[, int(u32(TEST) & exec != 0)]`, or
/// `exec = exec & TEST` where the mask was saved before (`MASK = exec`, gfx11).
struct LaneSave {
  std::string mask, test, flag;  ///< `mask` empty for the second form, `flag` with no flag
};
std::optional<LaneSave> read_lane_save(const std::string& statement);

/// `exec[, FLAG] = u32(exec) | u32(MASK)[, int(u32(exec) | u32(MASK) != 0)]`.
struct LaneRestore {
  std::string mask, flag;
};
std::optional<LaneRestore> read_lane_restore(const std::string& statement);

/// Which way a header tests the mask: 1 when its block runs only with `exec` set, -1 when
/// only with it clear (so control passing the block has it set), 0 for any other line.
int exec_test(const std::string& content);

/// Whether `value` is 0 or 1: `0`, `1` or `int(A OP B)` with OP a comparison (and no `or`,
/// `and` or conditional in it).
bool is_lane_bit(const std::string& value);

class LaneFacts {
 public:
  /// The facts of `lines`, for the masks that saves write and the tests they read.
  /// `exec_starts_one` says whether the prologue set `exec = 1`.
  LaneFacts(const std::vector<LineNode>& lines, bool exec_starts_one);

  /// Whether `exec` is set when line `line` starts.
  bool exec_set(size_t line) const { return facts_[line][0]; }
  /// Whether `name` holds 0 or 1 when line `line` starts (only the tests of saves tracked).
  bool is_bit(size_t line, const std::string& name) const;
  /// Whether `name` holds a saved set mask when line `line` starts.
  bool is_set_mask(size_t line, const std::string& name) const;

 private:
  using Facts = std::vector<bool>;  // exec set, then per tracked name: set mask, bit
  // What a line does to the facts, read once from its text.
  struct Effect {
    bool clears_all = false;  // a subroutine call
    bool writes_exec = false;
    bool sets_exec = false;  // `exec = 1`
    size_t restored = 0;     // the slot of the mask a restore reads, 0 for none
    int test = 0;            // exec_test()
    struct Write {
      size_t slot;
      bool copies_exec, is_bit;
    };
    std::vector<Write> writes;  // of tracked names
  };
  Effect effect_of(const LineNode& line) const;
  Facts on_edge(const Facts& before, size_t from, size_t to) const;
  size_t slot(const std::string& name) const;

  std::vector<std::string> names_;
  std::vector<Effect> effects_;
  std::vector<Facts> facts_;
};

/// Tries `rewrite` at each line of `body`, from the last, with the lines' graph, facts and
/// liveness; it returns the first line of what it rewrote, or std::nullopt, and is not tried
/// where what it would read holds a rewrite of the same round (it is told the first line
/// rewritten). Rounds repeat until one rewrites nothing, as many as the lane blocks nest;
/// returns the number of rewrites.
using LaneRewrite = std::function<std::optional<size_t>(
    std::vector<std::string>& body, const std::vector<LineNode>& lines, const LaneFacts& facts,
    const LiveNames& live, size_t line, size_t first_changed)>;
int rewrite_lane_blocks(std::vector<std::string>& body, bool exec_starts_one,
                        const LaneRewrite& rewrite);

}  // namespace switcheroo::lift
