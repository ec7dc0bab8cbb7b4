// Whole calls through the hub for hooks (knowledge.h: read_call, write_call, reason): the
// engine's own reading and writing of one call (convert/call_mapping.h), with the hub call
// carried across the plugin boundary as JSON.
#include "knowledge_service.h"

#include "expression_template.h"
#include "hub.h"
#include "tree_service.h"

#include "convert/call_mapping.h"
#include "convert/layer_idioms.h"
#include "convert/spelling.h"
#include "python/parse.h"

#include <nlohmann/json.hpp>

#include <set>

namespace switcheroo {
namespace {

using convert::CallArgument;
using convert::FrameworkCall;
using convert::HubCall;
using convert::HubValue;

// `torch.float32` -> `torch.float32` through the file's imports (`import torch as T`).
std::optional<std::string> qualify(const sw_tree& tree, const std::string& dotted) {
  const std::string head = dotted.substr(0, dotted.find('.'));
  for (const auto& binding : tree.index->imports) {
    if (binding.local == head) return binding.target + dotted.substr(head.size());
  }
  return std::nullopt;
}

// The arguments of call `index` as the engine reads them: texts as written.
FrameworkCall framework_call(const sw_tree& tree, size_t index) {
  return convert::written_call(*tree.tree, tree.index->calls[index]);
}

nlohmann::json to_json(const HubCall& call) {
  nlohmann::json arguments = nlohmann::json::object();
  for (const auto& [name, value] : call.values) {
    // A default the call leaves out counts where the framework's differs from the hub's
    // (optax.adamw's weight decay 1e-4 against the hub's 0.01).
    const HubArgument* argument = call.op->argument(name);
    if (value.implicit && argument != nullptr && argument->default_value &&
        convert::same_value(*argument->default_value, value.text)) {
      continue;
    }
    arguments[name] = value.spread ? nlohmann::json{{"items", value.items}}
                                   : nlohmann::json(value.text);
  }
  nlohmann::json takes = nlohmann::json::object();
  for (const auto* list : {&call.op->arguments, &call.op->inputs}) {
    for (const HubArgument& argument : *list) takes[argument.name] = argument.kind;
  }
  return {{"operation", call.op->name},
          {"kind", call.op->kind},
          {"arguments", arguments},
          {"takes", takes}};
}

// The elements of a tuple or list display written as text (`(2, 3)`), as the engine reads a
// call's argument; nullopt for anything else.
std::optional<std::vector<std::string>> elements_of(const std::string& text) {
  if (text.empty() || (text.front() != '(' && text.front() != '[')) return std::nullopt;
  try {
    const python::SyntaxTree syntax = python::parse(text, python::ParseGoal::expression);
    auto node_text = [&](python::NodeId node) { return std::string(syntax.text(node)); };
    for (python::NodeId id = 0; id < syntax.size(); ++id) {
      if (syntax.text(id) == text) {
        if (auto elements = convert::display_elements(syntax, id, node_text)) return elements;
      }
    }
  } catch (const python::SyntaxError&) {
  }
  return std::nullopt;
}

// read_call's JSON back into hub values; throws std::invalid_argument on another shape.
std::map<std::string, HubValue> from_json(const HubOp& op, const std::string& text) {
  const nlohmann::json parsed = nlohmann::json::parse(text);
  if (!parsed.is_object()) throw std::invalid_argument("the arguments are not a JSON object");
  std::map<std::string, HubValue> values;
  for (const auto& [name, value] : parsed.items()) {
    if (op.argument(name) == nullptr) {
      throw std::invalid_argument("'" + op.name + "' has no argument '" + name + "'");
    }
    HubValue& hub = values[name];
    hub.positional = true;
    if (value.is_string()) {
      hub.text = value.get<std::string>();
      hub.elements = elements_of(hub.text);
    } else if (value.is_object() && value.contains("items") && value["items"].is_array()) {
      hub.items = value["items"].get<std::vector<std::string>>();
      hub.spread = true;
    } else {
      throw std::invalid_argument("argument '" + name + "' is neither a text nor {\"items\": [...]}");
    }
  }
  return values;
}

const OpMapping* spelling_of(const AdapterData& data, std::string_view operation) {
  const std::string key(operation);
  const auto& table = key.find('/') == std::string::npos ? data.ops : data.alternatives;
  auto found = table.find(key);
  return found == table.end() ? nullptr : &found->second;
}

// What writes `operation` as a function call: its primary spelling, or where that makes a layer
// (nnx.Dropout for `dropout`), an alternative spelling of the op that does not.
const OpMapping* function_spelling(const AdapterData& data, std::string_view operation) {
  const OpMapping* primary = spelling_of(data, operation);
  if (primary == nullptr || primary->kind != "layer" ||
      operation.find('/') != std::string_view::npos) {
    return primary;
  }
  const std::string prefix = std::string(operation) + "/";
  for (auto it = data.alternatives.lower_bound(prefix);
       it != data.alternatives.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    if (it->second.kind != "layer") return &it->second;
  }
  return primary;
}

}  // namespace

const char* KnowledgeService::read_call(const sw_tree* tree, uint32_t index,
                                        std::string_view framework) {
  reason_.clear();
  const AdapterData* data = data_of(framework);
  if (data == nullptr || tree == nullptr || index >= tree->index->calls.size()) {
    reason_ = "no such framework or call";
    return nullptr;
  }
  const auto& resolved = tree->index->resolved[index];
  const uint32_t kind = static_cast<uint32_t>(resolved.kind);
  convert::Spelling spelling;
  spelling.read_dtype = [&](const std::string& text) {
    return convert::read_dtype(data->traits, text,
                               [&](const std::string& dotted) { return qualify(*tree, dotted); });
  };
  const auto phase = kind == SW_CALL_INSTANCE ? convert::Phase::call : convert::Phase::construct;
  const FrameworkCall call = framework_call(*tree, index);
  // Several ops may share an API (jax.random.normal is randn and normal): the one whose
  // arguments fit best wins, the first in the spoke on a tie, as the engine chooses.
  std::optional<HubCall> best;
  int best_score = 0;
  const auto candidates = kind == SW_CALL_LOCAL ? std::vector<const OpMapping*>{}
                                                : spellings(*data, resolved.name, kind);
  for (const OpMapping* mapping : candidates) {
    const HubOp* op = builtin_hub().find(mapping->op);
    if (op == nullptr || !mapping->gap.empty()) continue;
    std::string why;
    auto read = convert::read_call(*op, *mapping, phase, call, spelling, why);
    if (!read) {
      if (reason_.empty()) reason_ = why;
      continue;
    }
    read->op = op;
    const int score = convert::reading_fit(*op, *read);
    if (!best || score > best_score) {
      best = std::move(read);
      best_score = score;
    }
  }
  if (!best) {
    if (candidates.empty() || reason_.empty()) {
      reason_ = "'" + resolved.name + "' is not mapped in '" + data->traits.framework + "'";
    }
    return nullptr;
  }
  return keep(to_json(*best).dump());
}

const char* KnowledgeService::write_call(sw_tree* tree, std::string_view framework,
                                         std::string_view operation,
                                         const std::string& arguments) {
  reason_.clear();
  const AdapterData* data = data_of(framework);
  const OpMapping* mapping = data != nullptr ? function_spelling(*data, operation) : nullptr;
  const HubOp* op = mapping != nullptr ? builtin_hub().find(mapping->op) : nullptr;
  if (tree == nullptr || op == nullptr) {
    reason_ = "'" + std::string(operation) + "' is not mapped in '" + std::string(framework) + "'";
    return nullptr;
  }
  if (!mapping->gap.empty()) {
    reason_ = mapping->gap;
    return nullptr;
  }
  HubCall call;
  call.op = op;
  try {
    call.values = from_json(*op, arguments);
  } catch (const std::exception& error) {
    reason_ = error.what();
    return nullptr;
  }
  convert::TargetSpelling target(data->traits, tree->index->imports);
  target.spell_clashes_in_full();
  convert::Spelling spelling;
  std::vector<std::string> spelled;  // what the text names: each needs its import
  spelling.api = [&](const std::string& qualified) {
    spelled.push_back(qualified);
    return target.api(qualified);
  };
  spelling.dtype = [&](const std::string& name) { return target.dtype(name); };
  spelling.key_parameter = data->traits.rng.parameter;
  std::optional<std::string> text;
  if (!mapping->expression.empty()) {
    text = convert::write_expression(call, *mapping, spelling, reason_);
  } else if (!mapping->api.empty() || mapping->kind == "identity") {
    auto written = convert::write_call(call, *mapping, convert::Phase::construct, spelling, {},
                                       reason_);
    if (written) text = written->text;
  } else {
    reason_ = "'" + data->traits.framework + "' maps '" + op->name + "' without an API";
  }
  if (!text) return nullptr;
  std::set<std::string> imports;  // sorted, as the import fixer writes them
  for (const auto& qualified : spelled) imports.insert(target.import_for(qualified));
  for (const auto& statement : imports) {
    if (!statement.empty() && tree_service()->add_import(tree, statement.c_str()) != SW_OK) {
      reason_ = "the import '" + statement + "' cannot be added";
      return nullptr;
    }
  }
  return keep(std::move(*text));
}

const char* KnowledgeService::reason() { return keep(reason_); }

}  // namespace switcheroo
