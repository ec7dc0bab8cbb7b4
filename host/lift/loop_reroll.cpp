#include "loop_reroll.h"

#include "line_liveness.h"
#include "loop_reroll_chain.h"
#include "loop_reroll_shape.h"
#include "symbolic_values.h"
#include "unread_writes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace switcheroo::lift {

namespace {

using namespace reroll;

// The buffer views of the prologue (`p0_u32 = Buffer(grid, p0, 4)`).
struct Context {
  std::map<std::string, std::pair<std::string, long long>> views;
};

Context read_context(const std::vector<std::string>& prologue) {
  Context context;
  for (const auto& line : prologue) {
    const std::string text = strip(line);
    const size_t equals = text.find(" = Buffer(grid, ");
    if (equals == std::string::npos || !ends_with(text, ")")) continue;
    const std::string args = text.substr(equals + 16, text.size() - equals - 17);
    const size_t comma = args.find(", ");
    if (comma == std::string::npos) continue;
    const std::string size = args.substr(comma + 2);
    if (size.empty() || size.size() > 2 || !std::all_of(size.begin(), size.end(), ::isdigit))
      continue;
    context.views[text.substr(0, equals)] = {args.substr(0, comma), std::stoll(size)};
  }
  return context;
}

bool run(SymbolicMachine& machine, const std::vector<std::string>& lines) {
  for (const auto& line : lines)
    if (!machine.execute(line)) return false;
  return true;
}

std::string text(const SymbolicValue& value) {
  return SymbolicMachine::text_of(value);
}

// Whether the loop runs `total` trips in all: `j = lop3(k, N - 1, 0, 192)` is k % N, the
// guard `u32(k - 1) >= N - 1` holds when k >= N (k >= 1 by the block's header), and S1 sets
// the main counter to k - j, which the main loop counts down by N.
bool counts_match(SymbolicMachine& machine, const Unrolled& u, const std::string& guard) {
  SymbolicValue total, count_of, left;
  const auto compared = between(guard, "if (", " >= " + std::to_string(u.factor - 1) + "):");
  machine.reset();
  if (!compared || !machine.evaluate(u.total, total)) return false;
  total = machine.add(total, SymbolicMachine::constant(u.at_least - 1), -1);
  if (!machine.evaluate("s32(" + u.count_of + ")", count_of) || text(total) != text(count_of) ||
      !machine.evaluate(*compared, left) ||
      text(left) != text(machine.low_word(machine.add(total, SymbolicMachine::constant(1), -1))))
    return false;
  if (!run(machine, u.s1)) return false;
  const SymbolicValue main_count = machine.low_word(machine.add(
      machine.add(total, machine.value_of(u.rest_counter), -1), SymbolicMachine::constant(u.stop)));
  return text(machine.value_of(u.main_counter)) == text(main_count);
}

// The state before the main loop's guard: the statements that lead to it in the blocks that
// hold it (up to kScanLimit lines back) run, what closed blocks before it write is unknown.
void enter_prefix(SymbolicMachine& machine, const std::vector<std::string>& body, size_t guard) {
  const size_t first = guard > kScanLimit ? guard - kScanLimit : 0;
  std::vector<int> leads(guard - first, 0);  // 1: a statement that leads to it, 2: a header
  size_t indent = indent_of(body[guard]);
  for (size_t i = guard; i-- > first;) {
    if (indent_of(body[i]) < indent) {
      indent = indent_of(body[i]);
      leads[i - first] = 2;
    } else if (indent_of(body[i]) == indent) {
      leads[i - first] = 1;
    }
  }
  // Twice: the first run finds what the headers and early returns on the way establish, the
  // second reads the choices made on it.
  for (int round = 0; round < 2; ++round) {
    machine.restart();
    for (size_t i = first; i < guard; ++i) {
      const std::string statement = strip(body[i]);
      const bool returns = i + 2 <= guard && strip(body[i + 1]) == "return" &&
                           indent_of(body[i + 1]) > indent_of(body[i]) &&
                           (i + 2 == guard || indent_of(body[i + 2]) <= indent_of(body[i]));
      if (leads[i - first] == 2 && starts_with(statement, "if ") && ends_with(statement, ":"))
        machine.assume(statement.substr(3, statement.size() - 4));
      else if (leads[i - first] == 1 && returns && starts_with(statement, "if not "))
        machine.assume(statement.substr(7, statement.size() - 8));
      if (leads[i - first] == 1 && !ends_with(statement, ":"))
        machine.execute_or_forget(statement);
      else
        machine.forget(statement);
    }
  }
  machine.keep_as_base();
}

// Registers the main loop steps as one 64-bit value: `lo, hi = split64(...)`, and
// `x, c = u32(...), carry3(...)` with a later line adding the carry `c` into `y` (x possibly
// copied on to another name first, `t8 = u32(t11)`: that name is the low word).
std::vector<std::pair<std::string, std::string>> find_pairs(const std::vector<std::string>& trip,
                                                            const std::set<std::string>& entries) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::map<std::string, std::string> carried_from;  // carry name -> low word's name
  for (const auto& line : trip) {
    std::string_view targets, value;
    if (!split_assignment(line, targets, value)) continue;
    const auto names = top_level_items(targets);
    const auto items = top_level_items(value);
    if (names.size() == 2 && starts_with(std::string(value), "split64("))
      pairs.emplace_back(std::string(names[0]), std::string(names[1]));
    if (names.size() == 2 && items.size() == 2 && starts_with(std::string(items[1]), "carry3("))
      carried_from[std::string(names[1])] = std::string(names[0]);
    if (names.size() != 1) continue;
    const auto copied = between(std::string(value), "u32(", ")");
    if (copied && is_name(*copied))
      for (auto& [carry, low] : carried_from)
        if (low == *copied) low = std::string(names[0]);
    for (const auto& name : names_in(value))
      if (carried_from.count(name)) pairs.emplace_back(carried_from[name], std::string(names[0]));
  }
  std::vector<std::pair<std::string, std::string>> kept;
  std::set<std::string> taken;
  for (const auto& [low, high] : pairs) {
    if (!entries.count(low) || !entries.count(high) || low == high || taken.count(low) ||
        taken.count(high))
      continue;
    kept.emplace_back(low, high);
    taken.insert({low, high});
  }
  return kept;
}

// How the main loop's values go from trip to trip: values stepped by a loop-invariant amount
// (32-bit words, or 64-bit pairs of words), from what S1 sets; the others it reads before
// writing are carried (the accumulator).
struct Steps {
  SymbolicValue trip;
  struct Step {
    std::string low, high;  ///< `high` empty for a single value
    SymbolicValue start, by;
    bool word = false;  ///< a single value kept as a 32-bit word
  };
  std::vector<Step> stepped;
  std::set<std::string> carried;
};

SymbolicValue entry_of(SymbolicMachine& machine, const std::string& name) {
  return machine.atom("entry:" + name, {});
}

// The value of `step` at the start of trip `trip + offset`.
SymbolicValue at_trip(SymbolicMachine& machine, const Steps& steps, const Steps::Step& step,
                      long long offset) {
  const SymbolicValue trips = machine.add(steps.trip, SymbolicMachine::constant(offset));
  const SymbolicValue value = machine.add(step.start, machine.multiply(trips, step.by));
  return step.word ? machine.low_word(value) : value;
}

// Sets the main loop's values for the start of trip `trip + offset`.
void enter_trip(SymbolicMachine& machine, const Steps& steps, long long offset) {
  for (const auto& step : steps.stepped) {
    const SymbolicValue value = at_trip(machine, steps, step, offset);
    if (step.high.empty()) {
      machine.set(step.low, value);
    } else {
      machine.set(step.low, machine.low_word(value));
      machine.set(step.high, machine.high_word(value));
    }
  }
  for (const auto& name : steps.carried) machine.set(name, entry_of(machine, name));
}

// A step's value after a trip (a pair's 64-bit value).
SymbolicValue value_after(SymbolicMachine& machine, const Steps::Step& step) {
  if (!step.high.empty())
    return machine.pair(machine.value_of(step.low), machine.value_of(step.high));
  return step.word ? machine.low_word(machine.value_of(step.low)) : machine.value_of(step.low);
}

// One trip of the main loop from symbolic values gives each value's step.
bool find_steps(SymbolicMachine& machine, const Unrolled& u, Steps& steps) {
  const Names names = names_of(u.m);
  std::set<std::string> entries;
  for (const auto& name : names.read_first)
    if (names.written.count(name)) entries.insert(name);
  const auto pairs = find_pairs(u.m, entries);
  machine.reset();
  if (!run(machine, u.s1) || !machine.stores().empty()) return false;
  std::vector<Steps::Step> candidates;
  std::set<std::string> paired;
  for (const auto& [low, high] : pairs) {
    candidates.push_back(
        {low, high, machine.pair(machine.value_of(low), machine.value_of(high)), {}, false});
    paired.insert({low, high});
  }
  for (const auto& name : entries)
    if (!paired.count(name)) candidates.push_back({name, "", machine.value_of(name), {}, false});
  for (auto& step : candidates) {
    const SymbolicValue entry = entry_of(machine, step.low + ":" + step.high);
    if (step.high.empty()) {
      machine.set(step.low, entry);
    } else {
      machine.set(step.low, machine.low_word(entry));
      machine.set(step.high, machine.high_word(entry));
    }
    step.by = entry;
  }
  if (!run(machine, u.m)) return false;
  steps.trip = machine.atom("trip", {});
  for (auto& step : candidates) {
    SymbolicValue after =
        step.high.empty() ? machine.value_of(step.low) : value_after(machine, step);
    const SymbolicValue inner = machine.unwrap_low(after);
    step.word = step.high.empty() && text(inner) != text(after);
    if (step.word) step.start = machine.unwrap_low(step.start);
    const SymbolicValue by = machine.add(inner, step.by, -1);
    const std::string spelled = text(by);
    if (by.is_float || spelled.find("entry:") != std::string::npos ||
        spelled.find("LOAD(") != std::string::npos) {
      steps.carried.insert(step.low);
      if (!step.high.empty()) return false;  // a carried pair: not a shape this pass reads
      continue;
    }
    step.by = by;
    steps.stepped.push_back(step);
  }
  return machine.ok();
}

// What a run of trips leaves: the carried values and the stores.
struct Outcome {
  std::map<std::string, std::string> carried;
  std::vector<std::string> stores;
  bool apart = true;  ///< every two stores' addresses differ by at least the access size
};

Outcome outcome_of(SymbolicMachine& machine, const Steps& steps) {
  Outcome outcome;
  for (const auto& name : steps.carried) outcome.carried[name] = text(machine.value_of(name));
  const auto& stores = machine.stores();
  outcome.apart = stores.size() <= 64;
  for (size_t i = 0; i < stores.size(); ++i) {
    SymbolicValue address;
    address.poly = stores[i].address;
    outcome.stores.push_back(SymbolicMachine::text_of(stores[i].address) + " <- " +
                             text(stores[i].value) + " @" + std::to_string(stores[i].size));
    for (size_t j = i + 1; j < stores.size() && outcome.apart; ++j) {
      SymbolicValue other;
      other.poly = stores[j].address;
      const SymbolicValue apart = machine.add(address, other, -1);
      const bool constant = apart.poly.size() == 1 && apart.poly.begin()->first.empty();
      const long long distance = constant ? apart.poly.begin()->second : 0;
      const long long span = std::max(stores[i].size, stores[j].size);
      outcome.apart = constant && (distance >= span || distance <= -span);
    }
  }
  return outcome;
}

bool same_outcome(Outcome a, Outcome b) {
  if (a.carried != b.carried) return false;
  if (a.stores == b.stores) return true;
  if (!a.apart || !b.apart) return false;
  std::sort(a.stores.begin(), a.stores.end());
  std::sort(b.stores.begin(), b.stores.end());
  return a.stores == b.stores;
}

// Trip n of the main loop: what it leaves, and whether its steps land on trip n + 1.
bool main_trip(SymbolicMachine& machine, const Unrolled& u, const Steps& steps, Outcome& outcome) {
  machine.reset();
  if (!run(machine, u.s1)) return false;
  enter_trip(machine, steps, 0);
  if (!run(machine, u.m)) return false;
  for (const auto& step : steps.stepped)
    if (text(value_after(machine, step)) != text(at_trip(machine, steps, step, 1))) return false;
  outcome = outcome_of(machine, steps);
  return machine.ok();
}

// The main loop's values the remainder reads: each carried, or stepped as a single value.
bool enter_remainder(SymbolicMachine& machine, const Unrolled& u, const Steps& steps,
                     long long offset, std::set<std::string>& from_main) {
  const Names s1 = names_of(u.s1), m = names_of(u.m), s2 = names_of(u.s2), b = names_of(u.b);
  std::set<std::string> reads = s2.read_first;
  for (const auto& name : b.read_first)
    if (!s2.written.count(name)) reads.insert(name);
  machine.reset();
  for (const auto& name : reads) {
    if (!s1.written.count(name) && !m.written.count(name)) continue;
    from_main.insert(name);
    if (steps.carried.count(name)) {
      machine.set(name, entry_of(machine, name));
      continue;
    }
    const auto step =
        std::find_if(steps.stepped.begin(), steps.stepped.end(),
                     [&](const Steps::Step& s) { return s.low == name && s.high.empty(); });
    if (step == steps.stepped.end()) return false;
    machine.set(name, at_trip(machine, steps, *step, offset));
  }
  return run(machine, u.s2) && machine.stores().empty();
}

// The values of `names`, those of `pairs` as one 64-bit value each (equal pairs have equal
// words, whichever way each word is spelled).
std::map<std::string, std::string> state_of(
    SymbolicMachine& machine, const std::set<std::string>& names,
    const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::map<std::string, std::string> state;
  std::set<std::string> paired;
  for (const auto& [low, high] : pairs) {
    state[low + ":" + high] = text(machine.pair(machine.value_of(low), machine.value_of(high)));
    paired.insert({low, high});
  }
  for (const auto& name : names)
    if (!paired.count(name)) state[name] = text(machine.value_of(name));
  return state;
}

// N trips of the remainder from S2 at trip n of the main loop: what they leave, and whether
// they leave the remainder's own steps where S2 sets them for trip n + 1.
bool remainder_trips(SymbolicMachine& machine, const Unrolled& u, const Steps& steps,
                     Outcome& outcome, std::set<std::string>& from_main) {
  if (!enter_remainder(machine, u, steps, 0, from_main)) return false;
  const Names s2 = names_of(u.s2), b = names_of(u.b);
  std::set<std::string> carried;
  for (const auto& name : b.read_first)
    if (b.written.count(name) && !s2.written.count(name)) carried.insert(name);
  if (carried != steps.carried) return false;
  for (long long k = 0; k < u.factor; ++k)
    if (!run(machine, u.b)) return false;
  outcome = outcome_of(machine, steps);
  std::set<std::string> stepped;
  for (const auto& name : b.read_first)
    if (s2.written.count(name)) stepped.insert(name);
  const auto pairs = find_pairs(u.b, stepped);
  const auto after = state_of(machine, stepped, pairs);
  return enter_remainder(machine, u, steps, 1, from_main) &&
         state_of(machine, stepped, pairs) == after && machine.ok();
}

// Whether what the one loop reads of the main loop's values before it is what the main loop
// started from: each is set to a literal before the guard, and S1 sets it to the same.
bool starts_agree(SymbolicMachine& machine, const std::vector<std::string>& body, const Unrolled& u,
                  const Steps& steps, const std::set<std::string>& from_main) {
  const Names s1 = names_of(u.s1);
  for (const auto& name : from_main) {
    // A carried value S1 does not set: the value from before the loops flows on either way.
    if (steps.carried.count(name) && !s1.written.count(name)) continue;
    size_t set_at = kNoLine;
    for (size_t i = u.header + 1; i < u.main_guard; ++i) {
      const auto writes = written_names(strip(body[i]));
      if (std::find(writes.begin(), writes.end(), name) != writes.end()) set_at = i;
    }
    if (set_at == kNoLine || indent_of(body[set_at]) != u.indent) return false;
    SymbolicValue literal;
    const auto value = between(strip(body[set_at]), name + " = ", "");
    if (!value || !std::all_of(value->begin(), value->end(), ::isdigit) || value->empty() ||
        value->size() > 9 || !machine.evaluate(*value, literal))
      return false;
    machine.reset();
    if (!run(machine, u.s1)) return false;
    const auto step = std::find_if(steps.stepped.begin(), steps.stepped.end(),
                                   [&](const Steps::Step& s) { return s.low == name; });
    SymbolicValue start = machine.value_of(name);
    if (step != steps.stepped.end())
      start = step->word ? machine.low_word(step->start) : step->start;
    if (text(start) !=
        text(step != steps.stepped.end() && step->word ? machine.low_word(literal) : literal))
      return false;
  }
  return true;
}

// Whether anything either loop writes, but the carried values, is read after them, or the
// loops sit in a loop (whose next trip could read them).
bool leaves_only_carried(const std::vector<std::string>& body, const Unrolled& u,
                         const Steps& steps) {
  std::set<std::string> dead = {u.main_counter, u.rest_counter};
  for (const auto* piece : {&u.s1, &u.m, &u.s2, &u.b})
    for (const auto& name : names_of(*piece).written) dead.insert(name);
  for (const auto& name : steps.carried) dead.erase(name);
  for (size_t i = u.end; i < body.size(); ++i)
    for (const auto& name : names_in(body[i].substr(0, body[i].find('#'))))
      if (dead.count(name)) return false;
  size_t indent = u.indent;
  for (size_t i = u.main_guard; i-- > 0;) {
    if (indent_of(body[i]) >= indent) continue;
    indent = indent_of(body[i]);
    const std::string header = strip(body[i]);
    if (starts_with(header, "for ") || starts_with(header, "while ")) return false;
  }
  return true;
}

// A piece of nvcc's chain (loop_reroll_chain.h), from trip n of the main loop, computes what
// factor / N trips of its trip compute and leaves the steps at trip n + factor / N.
bool piece_matches(SymbolicMachine& machine, const Unrolled& u, const Steps& steps,
                   const ChainPiece& piece) {
  const long long trips = piece.factor / u.factor;
  machine.reset();
  if (!run(machine, u.s1)) return false;
  enter_trip(machine, steps, 0);
  if (!run(machine, piece.trip)) return false;
  for (const auto& step : steps.stepped)
    if (text(value_after(machine, step)) != text(at_trip(machine, steps, step, trips)))
      return false;
  const Outcome outcome = outcome_of(machine, steps);
  machine.reset();
  if (!run(machine, u.s1)) return false;
  enter_trip(machine, steps, 0);
  for (long long k = 0; k < trips; ++k)
    if (!run(machine, u.m)) return false;
  return machine.ok() && same_outcome(outcome, outcome_of(machine, steps));
}

// Every piece of the chain proved, and what the pieces alone write read nowhere after them.
bool chain_proved(SymbolicMachine& machine, const std::vector<std::string>& body,
                  const Unrolled& u, const Steps& steps, const Chain& chain) {
  for (size_t i = u.main_loop; i < body.size(); ++i)
    for (const auto& name : names_in(body[i].substr(0, body[i].find('#'))))
      if (chain.written.count(name)) return false;
  return std::all_of(chain.pieces.begin(), chain.pieces.end(), [&](const ChainPiece& piece) {
    return piece_matches(machine, u, steps, piece);
  });
}

bool provably_one_loop(const std::vector<std::string>& body, const Context& context,
                       const Unrolled& u, const Chain* chain = nullptr) {
  SymbolicMachine machine(context.views);
  Steps steps;
  Outcome main_outcome, rest_outcome;
  std::set<std::string> from_main;
  const Names m = names_of(u.m), b = names_of(u.b);
  if (m.read_first.count(u.main_counter) || m.written.count(u.main_counter) ||
      b.read_first.count(u.rest_counter) || b.written.count(u.rest_counter))
    return false;
  enter_prefix(machine, body, u.main_guard);
  return counts_match(machine, u, strip(body[u.main_guard])) && find_steps(machine, u, steps) &&
         main_trip(machine, u, steps, main_outcome) &&
         (!chain || chain_proved(machine, body, u, steps, *chain)) &&
         remainder_trips(machine, u, steps, rest_outcome, from_main) &&
         same_outcome(main_outcome, rest_outcome) &&
         starts_agree(machine, body, u, steps, from_main) && leaves_only_carried(body, u, steps);
}

// The main loop, its guard and the remainder's guard go; S2 and the remainder's trip stay,
// over all `total` elements.
bool mentions(const std::string& line, const std::string& name) {
  const auto names = names_in(line.substr(0, line.find('#')));
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Whether a remainder guard's test `c = (s32(j) != 0)` is dead once the guard goes: nothing
// else names c.
bool test_dead(const std::vector<std::string>& body, const Unrolled& u) {
  if (u.test == kNoLine) return false;
  const auto written = written_names(strip(body[u.test]));
  if (written.size() != 1) return false;
  for (size_t i = 0; i < body.size(); ++i)
    if (i != u.test && i != u.remainder && mentions(body[i], written[0])) return false;
  return true;
}

// Whether the count `j = lop3(k, N - 1, 0, 192)` is dead once the loops are one loop that
// binds j itself: nothing between it and the loops reads j (but a dead test on line `test`),
// nor S2 (B does not, nor anything after the loops: provably_one_loop).
bool count_dead(const std::vector<std::string>& body, const Unrolled& u, size_t test) {
  for (size_t i = u.count + 1; i < u.main_guard; ++i)
    if (i != test && mentions(body[i], u.rest_counter)) return false;
  return std::none_of(u.s2.begin(), u.s2.end(),
                      [&](const std::string& line) { return mentions(line, u.rest_counter); });
}

void rewrite(std::vector<std::string>& body, const Unrolled& u) {
  const size_t dead_test = test_dead(body, u) ? u.test : kNoLine;
  const bool drop_count = count_dead(body, u, dead_test);
  const std::string pad(u.indent, ' ');
  const std::string trips =
      u.at_least == 1 ? u.total : u.total + " - " + std::to_string(u.at_least - 1);
  std::vector<std::string> lines = {pad + "# re-rolled: nvcc's " + u.chain + "x" +
                                    std::to_string(u.factor) +
                                    " main loop and its remainder, one loop of " + trips +
                                    " trips"};
  for (const auto& line : u.s2) lines.push_back(pad + line);
  lines.push_back(pad + "for " + u.rest_counter + " in range(" + trips + "):");
  for (const auto& line : u.b) lines.push_back(pad + "    " + line);
  body.erase(body.begin() + static_cast<long>(u.main_guard),
             body.begin() + static_cast<long>(u.end));
  body.insert(body.begin() + static_cast<long>(u.main_guard), lines.begin(), lines.end());
  // The test comes after the count, so it goes first.
  if (dead_test != kNoLine) body.erase(body.begin() + static_cast<long>(dead_test));
  if (drop_count) body.erase(body.begin() + static_cast<long>(u.count));
}

// nvcc's chain under the main loop's guard before the remainder guard on line `remainder`:
// collapsed to its xN loop, then re-rolled with it when the proof holds for both.
bool reroll_chain(std::vector<std::string>& body, const Context& context, size_t remainder) {
  const size_t guard = guard_before(body, remainder);
  if (guard == kNoLine) return false;
  const auto chain = find_chain(body, guard);
  if (!chain || chain->end != remainder) return false;
  auto lines = collapsed(body, *chain);
  auto u = find_unrolled(lines, chain->first + 1 + chain->trip.size());
  if (!u || u->main_guard != guard || u->main_counter != chain->counter ||
      !provably_one_loop(lines, context, *u, &*chain))
    return false;
  u->chain = chain->folded;
  rewrite(lines, *u);
  body = std::move(lines);
  return true;
}

}  // namespace

int reroll_unrolled_loops(std::vector<std::string>& body,
                          const std::vector<std::string>& prologue) {
  int rerolled = 0;
  std::optional<Context> context;
  for (size_t i = body.size(); i-- > 0;) {
    const std::string line = strip(body[i]);
    const auto tested = between(line, "if ", ":");
    if (!starts_with(line, "if (s32(") && !starts_with(line, "if not (s32(") &&
        !(tested && is_name(*tested)))
      continue;
    const auto unrolled = find_unrolled(body, i);
    if (!context) context = read_context(prologue);
    if (!unrolled) {
      const size_t guard = guard_before(body, i);
      if (reroll_chain(body, *context, i)) {
        ++rerolled;
        i = guard;
      }
      continue;
    }
    if (!provably_one_loop(body, *context, *unrolled)) continue;
    rewrite(body, *unrolled);
    ++rerolled;
    i = unrolled->main_guard;
  }
  return rerolled;
}

}  // namespace switcheroo::lift
