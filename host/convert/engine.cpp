#include "engine.h"

#include "call_mapping.h"
#include "edit_set.h"
#include "layer_idioms.h"
#include "module_rewriter.h"
#include "spelling.h"

#include "core/hook_runner.h"
#include "core/hub.h"
#include "rewrite/edits.h"
#include "rewrite/import_fixer.h"
#include "rewrite/names.h"

#include <algorithm>
#include <map>
#include <set>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Call;
using rewrite::NameResolver;
using rewrite::ResolvedCall;

constexpr const char* kUnit = "kb";

struct SourceEntry {
  const HubOp* op;
  const OpMapping* mapping;
};

// The source spoke by how a call names its API: qualified functions, layers and classes;
// methods by their name (the receiver's type is unknown).
class SourceIndex {
 public:
  SourceIndex(const AdapterData& data, const Hub& hub) {
    auto add = [&](const OpMapping& mapping) {
      const HubOp* op = hub.find(mapping.op);
      if (op == nullptr || mapping.api.empty()) return;
      if (mapping.kind == "method") {
        methods_[mapping.api.substr(mapping.api.rfind('.') + 1)].push_back({op, &mapping});
      } else if (mapping.kind != "property" && mapping.kind != "identity") {
        apis_[mapping.api].push_back({op, &mapping});
      }
    };
    for (const auto& [name, mapping] : data.ops) add(mapping);
    for (const auto& [name, mapping] : data.alternatives) add(mapping);
    for (const auto& [module, alias] : data.traits.imports) {
      modules_.insert(module.substr(0, module.find('.')));
    }
  }
  const std::vector<SourceEntry>* api(const std::string& qualified) const {
    auto found = apis_.find(qualified);
    return found == apis_.end() ? nullptr : &found->second;
  }
  const std::vector<SourceEntry>* method(const std::string& name) const {
    auto found = methods_.find(name);
    return found == methods_.end() ? nullptr : &found->second;
  }
  /// Does a qualified name belong to the source framework's modules?
  bool owns(const std::string& qualified) const {
    return modules_.count(qualified.substr(0, qualified.find('.'))) > 0;
  }

 private:
  std::map<std::string, std::vector<SourceEntry>> apis_;
  std::map<std::string, std::vector<SourceEntry>> methods_;
  std::set<std::string> modules_;
};

// The target spelling of an op, preferring the source call's own kind: a layer stays a layer
// (nnx.Dropout -> nn.Dropout), a method a method (x.view -> x.reshape) where the target has one.
const OpMapping* target_mapping(const AdapterData& target, const std::string& op,
                                const std::string& kind) {
  auto primary = target.ops.find(op);
  if (primary != target.ops.end() && primary->second.kind == kind) return &primary->second;
  for (const auto& [key, mapping] : target.alternatives) {
    if (mapping.op == op && mapping.kind == kind && !mapping.api.empty()) return &mapping;
  }
  return primary == target.ops.end() ? nullptr : &primary->second;
}

class Converter {
 public:
  Converter(const std::string& file, const python::SyntaxTree& tree, const Framework& source,
            const Framework& target, const Options& options)
      : file_(file),
        tree_(tree),
        source_(source),
        target_(target),
        options_(options),
        source_name_(canonical_framework(source.name)),
        target_name_(canonical_framework(target.name)),
        resolver_(tree),
        index_(*source.data, builtin_hub()),
        spelling_(target_name_, target.data->traits, resolver_.imports()),
        edits_(tree.source().bytes()),
        modules_(tree, resolver_, source.data->traits, target.data->traits) {}

  /// The converted tree, parsed again; nullopt when nothing changed.
  std::optional<python::SyntaxTree> run();
  const rewrite::ImportPlan& import_plan() const { return imports_; }
  FileResult take_result() { return std::move(result_); }

 private:
  void convert_call(const Call& call);
  bool convert_framework_call(const Call& call, const ResolvedCall& resolved);
  void convert_local_call(const Call& call);
  void convert_references();
  void convert_function_values();
  std::optional<std::string> function_value_of(const std::string& qualified,
                                               const FrameworkCall& arguments, NodeId where,
                                               std::string& why);
  std::string with_rngs_in_scope(std::string text, NodeId where);
  FrameworkCall framework_call(const Call& call) const;
  bool left_to_hook(const OpMapping& source, const OpMapping& target) const;
  std::optional<std::string> written(const Call& call, const SourceEntry& entry, HubCall& hub_call,
                                     const OpMapping& target, Phase phase, std::string& why);
  void unconverted(const Call& call, const std::string& api, const std::string& why);
  void note(uint32_t offset, const std::string& message);
  std::string node_text(NodeId node) const {
    const auto& n = tree_.node(node);
    return edits_.text(n.begin, n.end);
  }
  Spelling hub_spelling();

  const std::string& file_;
  const python::SyntaxTree& tree_;
  const Framework& source_;
  const Framework& target_;
  const Options& options_;
  std::string source_name_;
  std::string target_name_;
  NameResolver resolver_;
  SourceIndex index_;
  TargetSpelling spelling_;
  EditSet edits_;
  ModuleRewriter modules_;
  std::string selected_result_;  // the result a call's `.values` / `.indices` picks
  bool deferred_ = false;        // written() left the call to a hook plugin
  std::map<NodeId, std::vector<std::pair<uint32_t, std::string>>> comments_;  // statement -> marks
  FileResult result_;
  rewrite::ImportPlan imports_;
};

Spelling Converter::hub_spelling() {
  Spelling spelling;
  spelling.api = [this](const std::string& qualified) { return spelling_.api(qualified); };
  spelling.dtype = [this](const std::string& name) { return spelling_.dtype(name); };
  spelling.read_dtype = [this](const std::string& text) {
    return read_dtype(source_name_, text,
                      [this](const std::string& dotted) { return resolver_.qualify(dotted); });
  };
  return spelling;
}

FrameworkCall Converter::framework_call(const Call& call) const {
  FrameworkCall result;
  if (!call.method.empty()) result.receiver = edits_.text(call.callee_begin, call.receiver_end);
  for (const auto& argument : call.arguments.items) {
    CallArgument converted;
    converted.kind = static_cast<CallArgument::Kind>(argument.kind);
    converted.keyword = argument.keyword;
    converted.text = node_text(argument.value);
    converted.original = std::string(tree_.text(argument.value));
    converted.elements =
        display_elements(tree_, argument.value, [this](NodeId node) { return node_text(node); });
    result.arguments.push_back(std::move(converted));
  }
  return result;
}

void Converter::note(uint32_t offset, const std::string& message) {
  const auto where = tree_.source().line_column(offset);
  result_.diagnostics.push_back(
      Diagnostic{Severity::note, {file_, where.line, where.column}, message, kUnit});
}

void Converter::unconverted(const Call& call, const std::string& api, const std::string& why) {
  const auto where = tree_.source().line_column(call.callee_begin);
  std::string message = why.empty()
                            ? "no mapping for '" + api + "' to '" + target_.name + "'"
                            : "cannot convert '" + api + "' to '" + target_.name + "': " + why;
  result_.diagnostics.push_back(
      Diagnostic{Severity::warning, {file_, where.line, where.column}, message, kUnit});
  ++result_.unconverted;
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (statement != python::kNoNode) comments_[statement].emplace_back(call.callee_begin, message);
}

// A call whose target names an enabled hook is the hook's. A layer-making target stays the
// engine's, except for a plain function call (F.dropout) that only a hook can rewrite.
bool Converter::left_to_hook(const OpMapping& source, const OpMapping& target) const {
  return !target.hook.empty() && options_.hooks.count(target.hook) &&
         (target.kind != "layer" || source.kind != "layer");
}

std::optional<std::string> Converter::written(const Call& call, const SourceEntry& entry,
                                              HubCall& hub_call, const OpMapping& target,
                                              Phase phase, std::string& why) {
  const HubOp& op = *entry.op;
  const Spelling spelling = hub_spelling();
  if (left_to_hook(*entry.mapping, target)) {
    deferred_ = true;  // the hook plugin rewrites this call after the engine
    return std::nullopt;
  }
  if (!adapt_for_hook(op, *entry.mapping, target, hub_call, why)) return std::nullopt;
  if (target_name_ == "torch") wrap_scalar_operands(op, hub_call, spelling_);

  if (target.hook == "multi_result") {
    // One call per result: torch.max(x, 1) -> (jnp.max(x, axis=1), jnp.argmax(x, axis=1)),
    // or only the one that `.values` / `.indices` picks.
    static const std::map<std::string, std::vector<std::string>> kParts = {
        {"max_with_indices", {"amax", "argmax"}},
        {"min_with_indices", {"amin", "argmin"}},
        {"sort_with_indices", {"sort", "argsort"}}};
    auto parts = kParts.find(op.name);
    if (parts == kParts.end() || op.results.size() != parts->second.size()) {
      why = "it needs the 'multi_result' hook";
      return std::nullopt;
    }
    std::vector<std::string> texts;
    for (size_t i = 0; i < op.results.size(); ++i) {
      if (!selected_result_.empty() && op.results[i].name != selected_result_) continue;
      const HubOp* part = builtin_hub().find(parts->second[i]);
      auto mapping = target_.data->ops.find(parts->second[i]);
      if (part == nullptr || mapping == target_.data->ops.end()) {
        why = "no '" + parts->second[i] + "' for its " + op.results[i].name;
        return std::nullopt;
      }
      HubCall as_part = hub_call;
      as_part.op = part;
      auto text = write_call(as_part, mapping->second, Phase::construct, spelling, {}, why);
      if (!text) return std::nullopt;
      texts.push_back(text->text);
    }
    if (texts.size() == 1) return texts.front();
    return "(" + texts[0] + ", " + texts[1] + ")";
  }
  if (target.hook == "chunk_sizes") {
    // x.chunk(n) is split into n equal parts when n divides the axis, and split refuses
    // anything else: an error instead of differently sized parts.
    const HubOp* split = builtin_hub().find("split");
    auto split_target = target_.data->ops.find("split");
    auto chunks = hub_call.values.find("chunks");
    if (split == nullptr || split_target == target_.data->ops.end() ||
        chunks == hub_call.values.end()) {
      why = "it needs the 'chunk_sizes' hook";
      return std::nullopt;
    }
    HubCall as_split = hub_call;
    as_split.op = split;
    as_split.values.erase("chunks");
    as_split.values["sections"] = chunks->second;
    note(call.callee_begin, "'" + entry.mapping->api + "' becomes '" + split_target->second.api +
                                "', which needs the axis to divide evenly");
    auto text = write_call(as_split, split_target->second, phase, spelling, {}, why);
    if (!text) return std::nullopt;
    return text->text;
  }
  std::string subscript;
  if (target.hook == "subscript" && target.kind == "property") {
    // x.size(1) -> x.shape[1]: the property, then the one remaining argument as its index.
    const std::string receiver = receiver_of(op, target);
    for (auto it = hub_call.values.begin(); it != hub_call.values.end(); ++it) {
      if (it->first == receiver) continue;
      subscript = "[" + it->second.text + "]";
      hub_call.values.erase(it);
      break;
    }
    if (subscript.empty()) {
      why = "no index for '" + target.api + "'";
      return std::nullopt;
    }
  }
  const bool source_layer = entry.mapping->kind == "layer";
  std::string back;
  if (options_.keep_layout) {
    back = permute_for_layout(op, *entry.mapping, target, hub_call,
                              target_name_ == "torch" ? "permute" : "transpose");
  }
  auto restore = [&](const std::string& text) {
    return back.empty() ? text : as_operand(text) + back;
  };
  if (!subscript.empty()) {
    auto text = write_call(hub_call, target, phase, spelling, {}, why);
    if (!text) return std::nullopt;
    return text->text + subscript;
  }
  if (target.kind == "identity" && source_layer && phase == Phase::construct) {
    return std::string("lambda x: x");  // nn.Identity()
  }
  if (phase == Phase::call) {
    const std::string callee = edits_.text(call.callee_begin, call.callee_end);
    auto text = write_call(hub_call, target, Phase::call, spelling, callee, why);
    if (!text) return std::nullopt;
    return restore(text->text);
  }
  if (target.kind == "layer" && !source_layer && op.kind != "layer") {
    why = "'" + target.api + "' is a layer in '" + target_.name +
          "': create it in __init__ and call it here";
    return std::nullopt;
  }
  auto text = write_call(hub_call, target, Phase::construct, spelling, {}, why);
  if (!text) return std::nullopt;
  if (text->injects_rngs) text->text = with_rngs_in_scope(text->text, call.primary);
  if (source_layer && target.kind != "layer" && target.kind != "class") {
    if (options_.keep_layout) {
      // The function takes the target's layout: a lambda permutes around it, as the layer's
      // call sites are not rewritten (nn.MaxPool2d(2) -> lambda x: nnx.max_pool(x.T...)...).
      HubCall with_input = hub_call;
      const auto inputs = call_parameters(op, *entry.mapping, Phase::call);
      if (inputs.size() == 1) {
        with_input.values[inputs.front()->name] = value_of("x");
        const std::string restore_layout =
            permute_for_layout(op, *entry.mapping, target, with_input,
                               target_name_ == "torch" ? "permute" : "transpose");
        if (!restore_layout.empty()) {
          auto applied = write_call(with_input, target, Phase::construct, spelling, {}, why);
          if (!applied) return std::nullopt;
          return "lambda x: " + applied->text + restore_layout;
        }
      }
    }
    // A layer object becomes a function value: nn.ReLU() -> jax.nn.relu.
    return function_value(text->text, spelling);
  }
  return restore(text->text);
}

// Outside a constructor that receives rngs (module level, a script's main) a layer gets a new
// stream instead: `rngs=rngs)` -> `rngs=nnx.Rngs(0))`.
std::string Converter::with_rngs_in_scope(std::string text, NodeId where) {
  const std::string in_scope = "rngs=rngs)";
  if (modules_.in_rngs_scope(where) || text.size() <= in_scope.size() ||
      text.compare(text.size() - in_scope.size(), in_scope.size(), in_scope) != 0) {
    return text;
  }
  text.replace(text.size() - in_scope.size(), in_scope.size(),
               "rngs=" + modules_.new_rngs(spelling_) + ")");
  return text;
}

bool Converter::convert_framework_call(const Call& call, const ResolvedCall& resolved) {
  const std::vector<SourceEntry>* entries = nullptr;
  Phase phase = Phase::construct;
  if (resolved.kind == ResolvedCall::Kind::function && resolved.name == "functools.partial" &&
      !call.arguments.items.empty() &&
      call.arguments.items.front().kind == rewrite::Argument::Kind::positional) {
    auto function = resolver_.qualify(rewrite::token_text(tree_, call.arguments.items[0].value));
    if (!function || !index_.api(*function)) return false;
    FrameworkCall bound = framework_call(call);
    bound.arguments.erase(bound.arguments.begin());
    std::string why;
    auto text = function_value_of(*function, bound, call.primary, why);
    if (!text) {
      unconverted(call, *function, why);
      return false;
    }
    if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, *text)) {
      ++result_.converted;
    }
    return true;
  }
  if (resolved.kind == ResolvedCall::Kind::function) {
    entries = index_.api(resolved.name);
    if (entries == nullptr) {
      if (index_.owns(resolved.name)) {
        unconverted(call, resolved.name, {});
      }
      return false;
    }
  } else if (resolved.kind == ResolvedCall::Kind::instance) {
    entries = index_.api(resolved.name);
    phase = Phase::call;
    if (entries == nullptr) return false;
  } else {
    const std::string receiver = edits_.text(call.callee_begin, call.receiver_end);
    if (receiver.empty() || receiver.front() == '\'' || receiver.front() == '"') return false;
    entries = index_.method(resolved.name);
    if (entries == nullptr) return false;
  }

  // A source spelling that names an enabled hook in every reading (jax.random.normal(key, ...)
  // for rng_threading) is the hook's to rewrite, arguments and all.
  if (!entries->empty() &&
      std::all_of(entries->begin(), entries->end(), [&](const SourceEntry& entry) {
        return !entry.mapping->hook.empty() && entry.mapping->kind != "layer" &&
               options_.hooks.count(entry.mapping->hook) > 0;
      })) {
    return false;
  }
  const FrameworkCall framework = framework_call(call);
  const Spelling spelling = hub_spelling();
  std::string first_why;
  // Several ops may share an API (nnx.Conv is conv1d, conv2d and conv3d; jnp.where is where
  // and masked_fill): the one whose arguments fit best wins, the first on a tie.
  const SourceEntry* chosen = nullptr;
  std::optional<HubCall> chosen_call;
  int best = 0;
  for (const SourceEntry& entry : *entries) {
    if (phase == Phase::call && entry.mapping->kind != "layer") continue;
    std::string why;
    auto candidate = read_call(*entry.op, *entry.mapping, phase, framework, spelling, why);
    if (!candidate) {
      if (first_why.empty()) first_why = why;
      continue;
    }
    int score = candidate_fit(*entry.op, *candidate);
    // A spelling that drops some results (torch.sort as `sort`: results ["out", "_"]) fits
    // only when the call's value is narrowed to the kept one (`.values`, `[0]`).
    const auto& results = entry.mapping->results;
    if (std::find(results.begin(), results.end(), "_") != results.end()) {
      const NodeId next = tree_.node(call.trailer).next_sibling;
      const std::string after = next == python::kNoNode ? "" : rewrite::token_text(tree_, next);
      if (after != "[0]" && after != ".values") score -= 3;
    }
    if (chosen == nullptr || score > best) {
      chosen = &entry;
      chosen_call = std::move(candidate);
      best = score;
    }
  }
  if (chosen != nullptr) {
    const SourceEntry& entry = *chosen;
    std::string why;
    auto& hub_call = chosen_call;
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
    const std::string& api = entry.mapping->api;
    if (phase == Phase::call) {
      // The constructed object is called: it stays a call of the same object when the target
      // also has a layer; a layer that became a function value is called as it is.
      if (target == nullptr || target->kind != "layer") return false;
    }
    if (target == nullptr) {
      unconverted(call, api, {});
      return false;
    }
    if (target->kind == "layer" && !target->hook.empty() && !target->note.empty() &&
        phase == Phase::construct) {
      note(call.callee_begin, "'" + target->api + "': " + target->note);
    }
    // `torch.max(x, 1).values`: the attribute picks one of a named multi-result.
    selected_result_.clear();
    uint32_t end = tree_.node(call.trailer).end;
    const NodeId attribute = tree_.node(call.trailer).next_sibling;
    if (entry.mapping->named_results && attribute != python::kNoNode) {
      const std::string name = rewrite::token_text(tree_, attribute);
      if (name.size() > 1 && name[0] == '.' && entry.op->result(name.substr(1)) != nullptr) {
        selected_result_ = name.substr(1);
      }
    }
    deferred_ = false;
    auto text = written(call, entry, *hub_call, *target, phase, why);
    if (!text) {
      if (!deferred_) unconverted(call, api, why);
      return false;
    }
    if (!selected_result_.empty() && target->hook == "multi_result") {
      end = tree_.node(attribute).end;
    }
    const auto& kept = entry.mapping->results;
    if (attribute != python::kNoNode && kept.size() > 1 && kept[0] != "_" &&
        std::find(kept.begin(), kept.end(), "_") != kept.end() && target->results.size() <= 1) {
      // torch.sort(x)[0] read as `sort` (the values only): the selector goes with the tuple.
      const std::string after = rewrite::token_text(tree_, attribute);
      if (after == "[0]" || after == ".values") end = tree_.node(attribute).end;
    }
    const std::string original = edits_.text(call.callee_begin, end);
    if (*text == original) return true;
    *text = follow_layout(*text, original);
    if (!edits_.replace(call.callee_begin, end, *text)) {
      unconverted(call, api, "it overlaps another rewrite");
      return false;
    }
    ++result_.converted;
    for (const auto& ignored : hub_call->ignored) {
      note(call.callee_begin, "'" + ignored + "' of '" + api + "' has no equivalent in '" +
                                  target_.name + "' and is dropped");
    }
    if (target->kind == "identity" && !target->note.empty()) {
      note(call.callee_begin, target->note);
    }
    return true;
  }
  if (resolved.kind != ResolvedCall::Kind::method) {
    unconverted(call, resolved.name, first_why);
  }
  return false;
}

void Converter::convert_local_call(const Call& call) {
  auto text = modules_.local_call(call, edits_, spelling_);
  if (!text) return;
  if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, *text)) {
    ++result_.converted;
  }
}

void Converter::convert_call(const Call& call) {
  if (modules_.inside_removed_argument(call.primary)) return;
  const ResolvedCall resolved = resolver_.resolve(call);
  if (resolved.kind == ResolvedCall::Kind::local) {
    convert_local_call(call);
    return;
  }
  convert_framework_call(call, resolved);
}

// A framework function used as a value, optionally with bound arguments: in PyTorch an
// activation in nn.Sequential is a layer object (nn.ReLU()), in Flax the function itself
// (jax.nn.relu) or a functools.partial of it.
std::optional<std::string> Converter::function_value_of(const std::string& qualified,
                                                        const FrameworkCall& arguments,
                                                        NodeId where, std::string& why) {
  const auto* entries = index_.api(qualified);
  if (entries == nullptr) return std::nullopt;
  const Spelling spelling = hub_spelling();
  for (const SourceEntry& entry : *entries) {
    const std::string& kind = entry.mapping->kind;
    if (kind == "layer" || kind == "class") {
      const OpMapping* target = target_mapping(*target_.data, entry.op->name, kind);
      if (!target || target->kind != kind || target->api.empty()) continue;
      // The class itself, as in an annotation: `-> nn.Conv2d` becomes `-> nnx.Conv`.
      if (arguments.arguments.empty()) return spelling_.api(target->api);
      // A class with bound arguments: partial(nn.LayerNorm, eps=1e-6).
      auto hub_call =
          read_call(*entry.op, *entry.mapping, Phase::construct, arguments, spelling, why, true);
      if (!hub_call) continue;
      auto text = write_call(*hub_call, *target, Phase::construct, spelling, {}, why);
      if (!text) return std::nullopt;
      return function_value(with_rngs_in_scope(text->text, where), spelling);
    }
    if (entry.mapping->kind != "function" || entry.op->kind == "layer") continue;
    OpMapping layer_form = *entry.mapping;
    layer_form.kind = "layer";
    auto hub_call = read_call(*entry.op, layer_form, Phase::construct, arguments, spelling, why);
    if (!hub_call) continue;
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, "layer");
    if (target == nullptr || (target->kind != "layer" && target->kind != "function") ||
        !target->hook.empty()) {
      why = "no function or layer for it in '" + target_.name + "'";
      return std::nullopt;
    }
    auto text = write_call(*hub_call, *target, Phase::construct, spelling, {}, why);
    if (!text) return std::nullopt;
    return target->kind == "layer" ? text->text : function_value(text->text, spelling);
  }
  return std::nullopt;
}

void Converter::convert_function_values() {
  for (const auto& reference : dotted_references(tree_)) {
    auto qualified = resolver_.qualify(reference.text);
    if (!qualified || translate_reference(source_name_, target_name_, *qualified)) continue;
    std::string why;
    auto text = function_value_of(*qualified, {}, reference.node, why);
    if (!text) continue;
    const auto& node = tree_.node(reference.node);
    if (edits_.replace(node.begin, node.end, *text)) ++result_.converted;
  }
}

void Converter::convert_references() {
  for (const auto& reference : dotted_references(tree_)) {
    const auto& node = tree_.node(reference.node);
    if (edits_.covered(node.begin, node.end)) continue;
    auto qualified = resolver_.qualify(reference.text);
    if (!qualified) continue;
    auto translated = translate_reference(source_name_, target_name_, *qualified);
    const AdapterTraits& from = source_.data->traits;
    const AdapterTraits& to = target_.data->traits;
    if (!translated && !from.module_base_class.empty() && !to.module_base_class.empty() &&
        *qualified == from.module_base_class) {
      translated = to.module_base_class;  // `Callable[..., nn.Module]`
    }
    if (!translated) continue;
    edits_.replace(node.begin, node.end, spelling_.api(*translated));
  }
}

std::optional<python::SyntaxTree> Converter::run() {
  auto calls = rewrite::find_calls(tree_);
  // Inner calls first: an outer call's arguments are read from their converted text.
  std::stable_sort(calls.begin(), calls.end(), [&](const Call& a, const Call& b) {
    return tree_.node(a.trailer).end - a.callee_begin < tree_.node(b.trailer).end - b.callee_begin;
  });
  modules_.plan(calls, [&](const std::string& qualified) {
    const auto* entries = index_.api(qualified);
    if (entries == nullptr) return false;
    for (const SourceEntry& entry : *entries) {
      const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
      if (target && target->injected.count("rngs") && !left_to_hook(*entry.mapping, *target)) {
        return true;
      }
    }
    return false;
  });
  convert_references();
  convert_function_values();
  for (const Call& call : calls) convert_call(call);
  modules_.rewrite_classes(edits_, spelling_);

  std::stable_sort(result_.diagnostics.begin(), result_.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::pair(a.location.line, a.location.column) <
                            std::pair(b.location.line, b.location.column);
                   });
  rewrite::Rewriter rewriter(tree_);
  try {
    edits_.apply(rewriter);
    modules_.apply_statement_edits(rewriter, spelling_);
    for (auto& [statement, messages] : comments_) {
      std::string marks;
      const std::string indentation = rewrite::indentation_of(tree_, statement);
      // In source order, each distinct message once.
      std::sort(messages.begin(), messages.end());
      std::vector<std::string> seen;
      for (const auto& [offset, message] : messages) {
        if (std::find(seen.begin(), seen.end(), message) != seen.end()) continue;
        seen.push_back(message);
        marks += "# switcheroo: " + message + "\n" + indentation;
      }
      rewriter.insert_before(statement, marks);
    }
    imports_ = spelling_.import_plan(source_.data->traits);
    if (rewriter.changed()) return rewriter.print_checked();
  } catch (const rewrite::RewriteError& error) {
    throw Error(Diagnostic{Severity::error,
                           {file_, 0, 0},
                           std::string("conversion left invalid Python: ") + error.what(),
                           "convert"});
  }
  return std::nullopt;
}

}  // namespace

ConvertedCalls convert_calls(const std::string& file, const std::string& text,
                             const Framework& source, const Framework& target,
                             const Options& options) {
  python::SyntaxTree tree = parse_input(file, text);
  Converter converter(file, tree, source, target, options);
  std::optional<python::SyntaxTree> converted = converter.run();
  return ConvertedCalls{converted ? std::move(*converted) : std::move(tree),
                        converter.import_plan(), converter.take_result()};
}

std::string fix_target_imports(const python::SyntaxTree& tree, const rewrite::ImportPlan& plan) {
  // The tree was parsed again after the engine's edits (and after each hook's), which proves
  // them. The import fixer only adds parsed import statements and removes whole top-level
  // import statements (a block left empty gets `pass`), so its result is printed without
  // another parse: parsing is nearly all of a conversion's time.
  rewrite::Rewriter imports(tree);
  rewrite::fix_imports(imports, plan);
  return imports.changed() ? imports.print() : tree.source().bytes();
}

FileResult convert_file(const std::string& file, const std::string& text, const Framework& source,
                        const Framework& target, const Options& options) {
  ConvertedCalls converted = convert_calls(file, text, source, target, options);
  converted.result.text = converted.tree.source().bytes() == text
                              ? text
                              : fix_target_imports(converted.tree, converted.imports);
  return std::move(converted.result);
}

}  // namespace switcheroo::convert
