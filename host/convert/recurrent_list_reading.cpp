// The form recurrent_list.cpp writes, read back from a source whose stacked recurrent layers
// are a plain list run one by one ([recurrent] stack = "list": MLX): the list
// `[nn.LSTM(a, b), nn.LSTM(b, b)]` is one layer with num_layers=2, and its runs
// (`h_l0, c_l0 = self.stacked[0](x)`, the later layers' on `h_l0`, the outputs line, the last
// steps stacked into the final state) one call of it, `h_l1, (h, c) = self.stacked(x)`, before
// the outputs line, which stays.
#include "converter.h"

#include "bound_layers.h"
#include "self_attributes.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

namespace switcheroo::convert::engine_detail {

namespace {

// A layer's states as the source's runs unpack them: `h_l0, c_l0` (lstm-state's order), `h_l0`.
std::string run_states(const RecurrentTraits& traits, bool lstm, int layer) {
  const std::string h = "h_l" + std::to_string(layer);
  const std::string c = "c_l" + std::to_string(layer);
  if (!lstm) return h;
  return traits.lstm_state.front() == "c" ? c + ", " + h : h + ", " + c;
}

}  // namespace

// The list display read as one hub layer: every item a call of the source's one-layer lstm or
// gru, of one op, hidden size and time axis, each after the first taking `hidden` inputs.
std::optional<Converter::ListedStack> Converter::read_listed_stack(NodeId display,
                                                                  std::string& why) {
  if (source_.data->traits.recurrent.stack != "list") return std::nullopt;
  const auto items = list_display_items(tree_, display);
  if (!items || items->size() < 2) return std::nullopt;
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
    if (entry == nullptr) return std::nullopt;
    auto read = read_call(*entry->op, *entry->mapping, Phase::construct, framework_call(*item),
                          hub_spelling(), why);
    if (!read) return std::nullopt;
    if (i == 0) {
      stack = ListedStack{entry, std::move(*read), item};
      continue;
    }
    auto same = [&](const char* name, const char* other) {
      auto a = stack.call.values.find(name);
      auto b = read->values.find(other);
      return a != stack.call.values.end() && b != read->values.end() &&
             same_value(a->second.text, b->second.text);
    };
    if (entry != stack.entry || !same("hidden_size", "hidden_size") ||
        !same("hidden_size", "input_size")) {
      return std::nullopt;
    }
  }
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
    auto stack = assignment ? read_listed_stack(assignment->value, why) : std::nullopt;
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
  const int layers = std::stoi(stack.call.values.at("num_layers").text);
  const std::string written = "only the runs of stacked layers as written for them read back ('" +
                              run_states(traits, lstm, 0) + " = " + callee + "(x)', the " +
                              "later layers' runs, the outputs, the last steps stacked)";
  if (statement == python::kNoNode || items.size() != 1 ||
      items[0].kind != rewrite::Argument::Kind::positional ||
      bytes.substr(tree_.node(statement).begin, call.callee_begin - tree_.node(statement).begin) !=
          run_states(traits, lstm, 0) + " = ") {
    unconverted(call, stack.entry->mapping->api, written);
    return true;
  }
  const std::string indent = rewrite::indentation_of(tree_, statement);
  const uint32_t after = tree_.node(call.trailer).end;
  uint32_t end = after;
  std::vector<std::string> hs{"h_l0[:, -1]"}, cs{"c_l0[:, -1]"};
  for (int layer = 1; layer < layers; ++layer) {
    const std::string n = std::to_string(layer);
    const std::string expected = "\n" + indent + run_states(traits, lstm, layer) + " = " + base +
                                 "[" + n + "](h_l" + std::to_string(layer - 1) + ")";
    if (bytes.compare(end, expected.size(), expected) != 0) {
      unconverted(call, stack.entry->mapping->api, written);
      return true;
    }
    end += static_cast<uint32_t>(expected.size());
    hs.push_back("h_l" + n + "[:, -1]");
    cs.push_back("c_l" + n + "[:, -1]");
  }
  const size_t outputs = bytes.find('\n', end + 1);  // the outputs line ends there
  auto state = outputs == std::string::npos
                   ? std::nullopt
                   : read_stacked_state(static_cast<uint32_t>(outputs), indent, lstm, hs, cs);
  const std::string last = "h_l" + std::to_string(layers - 1);
  const std::string target = last + ", " + (state ? state->first : "_") + " = ";
  if (!edits_.replace(tree_.node(statement).begin, call.callee_begin, target) ||
      !edits_.replace(call.callee_begin, call.callee_end, base) ||
      !edits_.replace(after, end, "") ||
      (state && !edits_.replace(static_cast<uint32_t>(outputs), state->second, ""))) {
    unconverted(call, stack.entry->mapping->api, "it overlaps another rewrite");
    return true;
  }
  final_states_.emplace_back(after, end);
  if (state) final_states_.emplace_back(static_cast<uint32_t>(outputs), state->second);
  ++result_.converted;
  return true;
}

}  // namespace switcheroo::convert::engine_detail
