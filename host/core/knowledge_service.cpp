#include "knowledge_service.h"

#include "host_services.h"
#include "trait_keys.h"
#include "tree_service.h"

#include "convert/spelling.h"

#include <algorithm>
#include <exception>

namespace switcheroo {
namespace {

// Called from plugin code: every entry point turns a failure into "not known", never a throw.
template <class Answer>
const char* guarded(sw_host_context* context, Answer&& answer) noexcept {
  if (context == nullptr) return nullptr;
  try {
    KnowledgeService* knowledge = reinterpret_cast<const HostServices*>(context)->knowledge();
    return knowledge != nullptr ? answer(*knowledge) : nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string_view view(const char* text) {
  return text != nullptr ? std::string_view(text) : std::string_view();
}

// The spelling of `operation` (`reshape`, or `reshape/method` for an alternative one).
const OpMapping* mapping_of(const AdapterData& data, std::string_view operation) {
  const std::string key(operation);
  const auto& table = key.find('/') == std::string::npos ? data.ops : data.alternatives;
  auto found = table.find(key);
  return found == table.end() ? nullptr : &found->second;
}

// Does `mapping` spell `api` called as `call_kind`? A method call names only the method.
bool spells(const OpMapping& mapping, std::string_view api, uint32_t call_kind) {
  if (mapping.api.empty()) return false;
  const bool method = mapping.kind == "method";
  if (call_kind != SW_CALL_METHOD) return !method && mapping.kind != "property" && mapping.api == api;
  const std::string_view written = mapping.api;
  return method && written.size() > api.size() + 1 &&
         written.substr(written.size() - api.size()) == api &&
         written[written.size() - api.size() - 1] == '.';
}

}  // namespace

KnowledgeService::KnowledgeService(AdapterLookup lookup) : lookup_(std::move(lookup)) {}

const AdapterData* KnowledgeService::data_of(std::string_view framework) const {
  return lookup_ ? lookup_(framework) : nullptr;
}

// A method's spelling is indexed by its last name (`view` for `torch.Tensor.view`): what a method
// call asks with, unless it asks with a dotted name, which is looked for by a scan.
std::vector<KnowledgeService::Spelling> KnowledgeService::candidates(const AdapterData& data,
                                                                     std::string_view api,
                                                                     uint32_t call_kind) {
  std::vector<Spelling> found;
  const bool method = call_kind == SW_CALL_METHOD;
  if (method && (api.empty() || api.find('.') != std::string_view::npos)) {
    for (const auto* table : {&data.ops, &data.alternatives}) {
      for (const auto& [key, mapping] : *table) {
        if (spells(mapping, api, call_kind)) found.emplace_back(&key, &mapping);
      }
    }
    return found;
  }
  auto [index, made] = indexes_.try_emplace(&data);
  if (made) {
    for (const auto* table : {&data.ops, &data.alternatives}) {
      for (const auto& [key, mapping] : *table) {
        const std::string_view written = mapping.api;
        const size_t dot = written.rfind('.');
        if (mapping.kind == "method" && dot != std::string_view::npos && dot > 0) {
          index->second.methods[written.substr(dot + 1)].emplace_back(&key, &mapping);
        } else if (!written.empty()) {
          index->second.apis[written].emplace_back(&key, &mapping);
        }
      }
    }
  }
  const auto& by_name = method ? index->second.methods : index->second.apis;
  const auto named = by_name.find(api);
  if (named == by_name.end()) return found;
  for (const Spelling& spelling : named->second) {
    if (spells(*spelling.second, api, call_kind)) found.push_back(spelling);
  }
  return found;
}

std::vector<const OpMapping*> KnowledgeService::spellings(const AdapterData& data,
                                                          std::string_view api,
                                                          uint32_t call_kind) {
  std::vector<const OpMapping*> found;
  for (const Spelling& spelling : candidates(data, api, call_kind)) {
    found.push_back(spelling.second);
  }
  std::stable_sort(found.begin(), found.end(), [](const OpMapping* a, const OpMapping* b) {
    return a->where.line < b->where.line;
  });
  return found;
}

const char* KnowledgeService::keep(std::string text) {
  return strings_.insert(std::move(text)).first->c_str();
}

const char* KnowledgeService::framework(std::string_view name) {
  const AdapterData* data = data_of(name);
  return data != nullptr ? keep(data->traits.framework) : nullptr;
}

const char* KnowledgeService::trait(std::string_view framework, std::string_view key) {
  const AdapterData* data = data_of(framework);
  if (data == nullptr) return nullptr;
  auto value = trait_value(data->traits, key);
  return value ? keep(std::move(*value)) : nullptr;
}

const char* KnowledgeService::operation(std::string_view framework, std::string_view api,
                                        uint32_t call_kind) {
  const AdapterData* data = data_of(framework);
  if (data == nullptr) return nullptr;
  // Primary spellings first: an API that is also an alternative reads as its own operation.
  const std::vector<Spelling> found = candidates(*data, api, call_kind);
  return found.empty() ? nullptr : keep(*found.front().first);
}

const char* KnowledgeService::api(std::string_view framework, std::string_view operation) {
  const AdapterData* data = data_of(framework);
  const OpMapping* mapping = data != nullptr ? mapping_of(*data, operation) : nullptr;
  return mapping != nullptr ? keep(mapping->api) : nullptr;
}

const char* KnowledgeService::operation_hook(std::string_view framework,
                                             std::string_view operation) {
  const AdapterData* data = data_of(framework);
  const OpMapping* mapping = data != nullptr ? mapping_of(*data, operation) : nullptr;
  return mapping != nullptr ? keep(mapping->hook) : nullptr;
}

const char* KnowledgeService::parameter(std::string_view framework, std::string_view operation,
                                        std::string_view argument) {
  const AdapterData* data = data_of(framework);
  const OpMapping* mapping = data != nullptr ? mapping_of(*data, operation) : nullptr;
  const HubOp* op = mapping != nullptr ? builtin_hub().find(mapping->op) : nullptr;
  if (op == nullptr) return nullptr;
  for (const auto* arguments : {&op->arguments, &op->inputs}) {
    for (const HubArgument& known : *arguments) {
      if (known.name == argument) return keep(mapping->framework_name(known.name));
    }
  }
  return nullptr;
}

const char* KnowledgeService::spell(sw_tree* tree, std::string_view framework,
                                    const std::string& qualified) {
  const AdapterData* data = data_of(framework);
  if (data == nullptr || tree == nullptr || qualified.empty()) return nullptr;
  convert::TargetSpelling spelling(data->traits, tree->index->imports);
  spelling.spell_clashes_in_full();
  const std::string text = spelling.api(qualified);
  const std::string statement = spelling.import_for(qualified);
  if (!statement.empty() && tree_service()->add_import(tree, statement.c_str()) != SW_OK) {
    return nullptr;
  }
  return keep(text);
}

const sw_knowledge_service* KnowledgeService::table() {
  static const sw_knowledge_service service = {
      sizeof(sw_knowledge_service),
      1,
      [](sw_host_context* context, const char* name) {
        return guarded(context, [&](KnowledgeService& k) { return k.framework(view(name)); });
      },
      [](sw_host_context* context, const char* framework, const char* key) {
        return guarded(context,
                       [&](KnowledgeService& k) { return k.trait(view(framework), view(key)); });
      },
      [](sw_host_context* context, const char* framework, const char* api, uint32_t kind) {
        return guarded(context, [&](KnowledgeService& k) {
          return k.operation(view(framework), view(api), kind);
        });
      },
      [](sw_host_context* context, const sw_tree* tree, uint32_t call, const char* framework) {
        return guarded(context, [&](KnowledgeService& k) -> const char* {
          sw_call_info info{};
          info.struct_size = sizeof(info);
          if (tree_service()->call(tree, call, &info) != SW_OK) return nullptr;
          if (info.kind == SW_CALL_LOCAL) return nullptr;
          return k.operation(view(framework), view(info.name), info.kind);
        });
      },
      [](sw_host_context* context, const char* framework, const char* operation) {
        return guarded(context,
                       [&](KnowledgeService& k) { return k.api(view(framework), view(operation)); });
      },
      [](sw_host_context* context, const char* framework, const char* operation) {
        return guarded(context, [&](KnowledgeService& k) {
          return k.operation_hook(view(framework), view(operation));
        });
      },
      [](sw_host_context* context, const char* framework, const char* operation,
         const char* argument) {
        return guarded(context, [&](KnowledgeService& k) {
          return k.parameter(view(framework), view(operation), view(argument));
        });
      },
      [](sw_host_context* context, sw_tree* tree, const char* framework, const char* qualified) {
        return guarded(context, [&](KnowledgeService& k) {
          return k.spell(tree, view(framework), std::string(view(qualified)));
        });
      },
      [](sw_host_context* context, const sw_tree* tree, uint32_t call, const char* framework) {
        return guarded(context,
                       [&](KnowledgeService& k) { return k.read_call(tree, call, view(framework)); });
      },
      [](sw_host_context* context, sw_tree* tree, const char* framework, const char* operation,
         const char* arguments) {
        return guarded(context, [&](KnowledgeService& k) {
          return k.write_call(tree, view(framework), view(operation),
                              std::string(arguments != nullptr ? arguments : "{}"));
        });
      },
      [](sw_host_context* context) {
        return guarded(context, [](KnowledgeService& k) { return k.reason(); });
      },
  };
  return &service;
}

}  // namespace switcheroo
