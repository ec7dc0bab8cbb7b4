// The source spoke indexed by how a call names its API (SourceIndex), the engine's first
// look-up for every call it reads. Private to host/convert.
#pragma once

#include "engine.h"
#include "expression_reading.h"

#include "core/hub.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::convert::engine_detail {

struct SourceEntry {
  const HubOp* op;
  const OpMapping* mapping;
};

// The source spoke by how a call names its API: qualified functions, layers and classes;
// methods by their name (the receiver's type is unknown).
class SourceIndex {
 public:
  SourceIndex(const AdapterData& data, const Hub& hub) : data_(&data) {
    auto add = [&](const OpMapping& mapping) {
      const HubOp* op = hub.find(mapping.op);
      if (op != nullptr && mapping.api.empty() && mapping.hook == "expression") {
        add_form(*op, mapping);
        return;
      }
      if (op == nullptr || mapping.api.empty()) return;
      if (mapping.kind == "method") {
        methods_[mapping.api.substr(mapping.api.rfind('.') + 1)].push_back({op, &mapping});
      } else if (mapping.kind != "property" && mapping.kind != "identity") {
        apis_[mapping.api].push_back({op, &mapping});
      }
    };
    for (const auto& [name, mapping] : data.ops) add(mapping);
    for (const auto& [name, mapping] : data.alternatives) add(mapping);
    // A spelling with a gap is read only where nothing else reads that API (jax.nn.softmax
    // is softmax, not the softmin the spoke also spells with it).
    for (auto* entries : {&apis_, &methods_}) {
      for (auto& [name, list] : *entries) drop_gaps_beside_readings(list);
    }
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
  /// The expression forms (expression_reading.h) whose callee `text` spells; nullptr if none.
  const std::vector<SourceEntry>* form(std::string_view text, const QualifyName& qualify) const {
    for (const auto& [callee, entries] : forms_) {
      if (spells_callee(callee, text, qualify)) return &entries;
    }
    return nullptr;
  }
  /// Is this the index of `data`?
  bool indexes(const AdapterData& data) const { return data_ == &data; }
  /// Does a qualified name belong to the source framework's modules?
  bool owns(const std::string& qualified) const {
    return modules_.count(qualified.substr(0, qualified.find('.'))) > 0;
  }

 private:
  static void drop_gaps_beside_readings(std::vector<SourceEntry>& entries) {
    auto gap = [](const SourceEntry& entry) { return !entry.mapping->gap.empty(); };
    if (std::all_of(entries.begin(), entries.end(), gap)) return;
    entries.erase(std::remove_if(entries.begin(), entries.end(), gap), entries.end());
  }

  void add_form(const HubOp& op, const OpMapping& mapping) {
    std::vector<std::string> arguments;
    for (const HubArgument& argument : op.arguments) arguments.push_back(argument.name);
    if (auto callee = expression_callee(mapping.expression, arguments)) {
      forms_.emplace_back(*callee, std::vector<SourceEntry>{{&op, &mapping}});
    }
  }

  const AdapterData* data_;
  std::map<std::string, std::vector<SourceEntry>> apis_;
  std::vector<std::pair<std::string, std::vector<SourceEntry>>> forms_;  // by written callee
  std::map<std::string, std::vector<SourceEntry>> methods_;
  std::set<std::string> modules_;
};

}  // namespace switcheroo::convert::engine_detail
