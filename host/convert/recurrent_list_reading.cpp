// The form recurrent_list.cpp writes, read back from a source whose stacked recurrent layers
// are a plain list run one by one ([recurrent] stack = "list": MLX): the list
// `[nn.LSTM(a, b), nn.LSTM(b, b)]` is one layer with num_layers=2, and its runs
// (`h_l0, c_l0 = self.stacked[0](x)`, the later layers' on `h_l0`, the outputs line, the last
// steps stacked into the final state) one call of it, `h_l1, (h, c) = self.stacked(x)`, before
// the outputs line, which stays. Two directions (runs_reversed) are two layers per layer, read
// back as one nn.LSTM(bidirectional=True).
#include "converter.h"

#include "bound_layers.h"
#include "self_attributes.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

namespace switcheroo::convert::engine_detail {

namespace {

// The suffix of the run at `index` of the list: `0`, `0_reverse` (the second of a layer's two
// directions), `1`.
std::string run_suffix(int index, bool bidirectional) {
  if (!bidirectional) return std::to_string(index);
  return std::to_string(index / 2) + (index % 2 ? "_reverse" : "");
}

// A run's states as the source's runs unpack them: `h_l0, c_l0` (lstm-state's order), `h_l0`.
std::string run_states(const RecurrentTraits& traits, bool lstm, const std::string& suffix) {
  const std::string h = "h_l" + suffix;
  const std::string c = "c_l" + suffix;
  if (!lstm) return h;
  return traits.lstm_state.front() == "c" ? c + ", " + h : h + ", " + c;
}

// Is the line `out_l0 = S([h_l0, h_l0_reverse[:, ::-1]], axis=-1)` (any spelling S of the
// concatenation, its axis given by keyword or not) for layer `n`?
bool joins_directions(const std::string& line, const std::string& n) {
  const std::string begin = "out_l" + n + " = ";
  const std::string list = "([h_l" + n + ", h_l" + n + "_reverse[:, ::-1]], ";
  const size_t open = line.find(list);
  if (line.compare(0, begin.size(), begin) != 0 || open == std::string::npos ||
      line.size() < 3 || line.compare(line.size() - 3, 3, "-1)") != 0) {
    return false;
  }
  const std::string axis = line.substr(open + list.size(), line.size() - 3 - open - list.size());
  return axis.empty() || (axis.back() == '=' && is_identifier(axis.substr(0, axis.size() - 1)));
}

}  // namespace

// Does a line of the source run the list's second layer on its input reversed
// (`self.both[1](x[:, ::-1])`), as the runs of two directions do?
bool Converter::runs_reversed(const std::string& attribute) const {
  const auto& bytes = tree_.source().bytes();
  const std::string callee = attribute + "[1](";
  for (size_t at = bytes.find(callee); at != std::string::npos; at = bytes.find(callee, at + 1)) {
    const size_t line_end = bytes.find('\n', at);
    const std::string line(bytes.substr(at, line_end == std::string::npos ? line_end : line_end - at));
    if (line.size() > 10 && line.compare(line.size() - 10, 10, "[:, ::-1])") == 0) return true;
  }
  return false;
}

// The list display read as one hub layer: every item a call of the source's one-layer lstm or
// gru, of one op, hidden size and time axis, each after the first taking `hidden` inputs; or,
// where the runs of `attribute` reverse the steps of its second layer (a list of one
// direction can have the same sizes), two layers of the same
// sizes per layer of two directions, each after the first taking `2 * hidden` inputs.
std::optional<Converter::ListedStack> Converter::read_listed_stack(NodeId display,
                                                                  const std::string& attribute,
                                                                  std::string& why) {
  if (source_.data->traits.recurrent.stack != "list") return std::nullopt;
  const auto items = list_display_items(tree_, display);
  if (!items || items->size() < 2) return std::nullopt;
  std::vector<HubCall> reads;
  ListedStack stack;
  for (size_t i = 0; i < items->size(); ++i) {
    const Call* item = call_of((*items)[i]);
    const ResolvedCall resolved = item ? resolver_.resolve(*item) : ResolvedCall{};
    const auto* entries =
        item && resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
    const SourceEntry* entry = nullptr;
    for (size_t e = 0; entries != nullptr && e < entries->size(); ++e) {
      const std::string& op = (*entries)[e].op->name;
      if ((*entries)[e].mapping->kind == "layer" && (op == "lstm" || op == "gru")) {
        entry = &(*entries)[e];
      }
    }
    if (entry == nullptr || (i > 0 && entry != stack.entry)) return std::nullopt;
    auto read = read_call(*entry->op, *entry->mapping, Phase::construct, framework_call(*item),
                          hub_spelling(), why);
    if (!read) return std::nullopt;
    if (i == 0) stack = ListedStack{entry, *read, item};
    reads.push_back(std::move(*read));
  }
  auto same = [&](size_t a, const char* name, size_t b, const char* other) {
    auto x = reads[a].values.find(name);
    auto y = reads[b].values.find(other);
    return x != reads[a].values.end() && y != reads[b].values.end() &&
           same_value(x->second.text, y->second.text);
  };
  bool one_way = true, two_ways = reads.size() % 2 == 0;
  for (size_t i = 1; i < reads.size(); ++i) {
    one_way = one_way && same(0, "hidden_size", i, "hidden_size") &&
              same(0, "hidden_size", i, "input_size");
    const bool backward = i % 2 == 1;
    auto hidden = reads[0].values.find("hidden_size");
    auto input = reads[i].values.find("input_size");
    if (hidden == reads[0].values.end() || input == reads[i].values.end()) return std::nullopt;
    two_ways = two_ways && same(0, "hidden_size", i, "hidden_size") &&
               (backward ? same(i - 1, "input_size", i, "input_size")
                         : same_value(input->second.text, "2 * " + as_operand(hidden->second.text)));
  }
  if (two_ways && runs_reversed(attribute)) {
    stack.call.values["num_layers"] = value_of(std::to_string(items->size() / 2));
    stack.call.values["bidirectional"] = value_of("True");
    stack.bidirectional = true;
    return stack;
  }
  if (!one_way) return std::nullopt;
  stack.call.values["num_layers"] = value_of(std::to_string(items->size()));
  return stack;
}

// Before the module state is planned: each `self.<name> = [<layers>]` that reads as one
// stacked layer is kept from becoming a list of layers.
void Converter::plan_listed_stacks(const std::vector<Call>& calls) {
  if (source_.data->traits.recurrent.stack != "list") return;
  for (const Call& call : calls) {
    const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
    const auto assignment =
        statement == python::kNoNode ? std::nullopt : self_assignment(tree_, statement);
    std::string why;
    auto stack = assignment ? read_listed_stack(assignment->value, "self." + assignment->name, why)
                            : std::nullopt;
    if (!stack || stack->first->primary != call.primary) continue;
    state_.keep_list(assignment->value);
    listed_stacks_[layer_attribute(statement, "self." + assignment->name)] = std::move(*stack);
  }
}

// The list's first item written as the whole layer, the brackets and the other items dropped.
bool Converter::convert_listed_stack(const Call& call) {
  for (auto& [key, stack] : listed_stacks_) {
    if (stack.first != &call && stack.first->primary != call.primary) continue;
    const NodeId display = rewrite::enclosing_statement(tree_, call.primary);
    const auto assignment = self_assignment(tree_, display);
    if (!assignment) return false;
    const uint32_t begin = tree_.node(assignment->value).begin;
    const uint32_t end = tree_.node(assignment->value).end;
    const uint32_t after = tree_.node(call.trailer).end;
    HubCall hub_call = stack.call;
    if (!edits_.replace(begin, call.callee_begin, "") || !edits_.replace(after, end, "")) {
      return false;
    }
    final_states_.emplace_back(after, end);  // the other items: in the layer
    convert_chosen_call(call, resolver_.resolve(call), *stack.entry, hub_call, Phase::construct);
    return true;
  }
  return false;
}

// Where the runs after the first end (`from`: the end of the first run's call): each later
// run of the list as listed_runs writes them, on the previous layer's hidden states (`h_l0`),
// or with two directions the backward run on the input reversed, the line joining both
// (joins_directions) and the next layer on it (`out_l0`). The last steps of every run are
// appended to `hs` and `cs`; the name of the last layer's outputs is `last`.
std::optional<uint32_t> Converter::listed_runs_end(const ListedStack& stack, uint32_t from,
                                                   const std::string& base,
                                                   const std::string& input,
                                                   const std::string& indent, ListedOutputs& outputs) {
  const auto& bytes = tree_.source().bytes();
  const RecurrentTraits& traits = source_.data->traits.recurrent;
  const bool lstm = stack.entry->op->name == "lstm";
  const int directions = stack.bidirectional ? 2 : 1;
  const int runs = std::stoi(stack.call.values.at("num_layers").text) * directions;
  uint32_t end = from;
  std::string previous = input;
  for (int index = 0; index < runs; ++index) {
    const std::string suffix = run_suffix(index, stack.bidirectional);
    outputs.hs.push_back("h_l" + suffix + "[:, -1]");
    outputs.cs.push_back("c_l" + suffix + "[:, -1]");
    if (index > 0) {
      const std::string expected = "\n" + indent + run_states(traits, lstm, suffix) + " = " +
                                   base + "[" + std::to_string(index) + "](" + previous +
                                   (index % directions ? "[:, ::-1])" : ")");
      if (bytes.compare(end, expected.size(), expected) != 0) return std::nullopt;
      end += static_cast<uint32_t>(expected.size());
    }
    if (directions == 1) {
      previous = "h_l" + suffix;
    } else if (index % 2 == 1) {
      const size_t line_end = bytes.find('\n', end + 1);
      if (line_end == std::string::npos || bytes.compare(end + 1, indent.size(), indent) != 0) {
        return std::nullopt;
      }
      const size_t start = end + 1 + indent.size();
      const std::string n = std::to_string(index / 2);
      if (!joins_directions(std::string(bytes.substr(start, line_end - start)), n)) {
        return std::nullopt;
      }
      end = static_cast<uint32_t>(line_end);
      previous = "out_l" + n;
    }
  }
  outputs.last = previous;
  return end;
}

// `h_l0, c_l0 = self.stacked[0](x)` followed by the other layers' runs, a line of its own (the
// outputs) and the final state stacked from the last steps: one call of the layer.
bool Converter::convert_listed_runs(const Call& call) {
  const auto& bytes = tree_.source().bytes();
  const std::string callee(bytes.substr(call.callee_begin, call.callee_end - call.callee_begin));
  if (callee.size() < 4 || callee.compare(callee.size() - 3, 3, "[0]") != 0) return false;
  const std::string base = callee.substr(0, callee.size() - 3);
  auto found = listed_stacks_.find(layer_attribute(call.primary, base));
  const NodeId statement = ends_statement(call);
  const auto& items = call.arguments.items;
  if (found == listed_stacks_.end()) return false;
  const ListedStack& stack = found->second;
  const RecurrentTraits& traits = source_.data->traits.recurrent;
  const bool lstm = stack.entry->op->name == "lstm";
  const std::string written = "only the runs of stacked layers as written for them read back ('" +
                              run_states(traits, lstm, "0") + " = " + callee + "(x)', the " +
                              "later layers' runs, the outputs, the last steps stacked)";
  if (statement == python::kNoNode || items.size() != 1 ||
      items[0].kind != rewrite::Argument::Kind::positional ||
      bytes.substr(tree_.node(statement).begin, call.callee_begin - tree_.node(statement).begin) !=
          run_states(traits, lstm, "0") + " = ") {
    unconverted(call, stack.entry->mapping->api, written);
    return true;
  }
  const std::string indent = rewrite::indentation_of(tree_, statement);
  const uint32_t after = tree_.node(call.trailer).end;
  const NodeId argument = items[0].value;
  const std::string input(bytes.substr(tree_.node(argument).begin,
                                       tree_.node(argument).end - tree_.node(argument).begin));
  ListedOutputs outputs;
  const auto end = listed_runs_end(stack, after, base, input, indent, outputs);
  if (!end) {
    unconverted(call, stack.entry->mapping->api, written);
    return true;
  }
  const size_t outputs_line = bytes.find('\n', *end + 1);  // the outputs line ends there
  auto state = outputs_line == std::string::npos
                   ? std::nullopt
                   : read_stacked_state(static_cast<uint32_t>(outputs_line), indent, lstm,
                                        outputs.hs, outputs.cs);
  const std::string target = outputs.last + ", " + (state ? state->first : "_") + " = ";
  if (!edits_.replace(tree_.node(statement).begin, call.callee_begin, target) ||
      !edits_.replace(call.callee_begin, call.callee_end, base) ||
      !edits_.replace(after, *end, "") ||
      (state && !edits_.replace(static_cast<uint32_t>(outputs_line), state->second, ""))) {
    unconverted(call, stack.entry->mapping->api, "it overlaps another rewrite");
    return true;
  }
  final_states_.emplace_back(after, *end);
  if (state) final_states_.emplace_back(static_cast<uint32_t>(outputs_line), state->second);
  ++result_.converted;
  return true;
}

}  // namespace switcheroo::convert::engine_detail
