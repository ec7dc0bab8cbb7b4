// The host side of the knowledge-base service (sdk/include/switcheroo/knowledge.h): the loaded
// adapters' traits and spokes as hooks ask for them, by framework id or alias. Strings handed
// to plugins are kept here, so they stay valid as long as the service lives.
#pragma once

#include "adapter_data.h"

#include <switcheroo/knowledge.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo {

/// The data of the loaded adapter for a framework id or alias, or nullptr.
using AdapterLookup = std::function<const AdapterData*(std::string_view framework)>;

class KnowledgeService {
 public:
  explicit KnowledgeService(AdapterLookup lookup);
  KnowledgeService(const KnowledgeService&) = delete;
  KnowledgeService& operator=(const KnowledgeService&) = delete;

  /// The table plugins receive; its functions find this object through the host context.
  static const sw_knowledge_service* table();

  // What each table entry answers (knowledge.h); nullptr for "not known".
  const char* framework(std::string_view name);
  const char* trait(std::string_view framework, std::string_view key);
  const char* operation(std::string_view framework, std::string_view api, uint32_t call_kind);
  const char* api(std::string_view framework, std::string_view operation);
  const char* operation_hook(std::string_view framework, std::string_view operation);
  const char* parameter(std::string_view framework, std::string_view operation,
                        std::string_view argument);
  const char* spell(sw_tree* tree, std::string_view framework, const std::string& qualified);
  // Whole calls through the hub (knowledge_calls.cpp).
  const char* read_call(const sw_tree* tree, uint32_t call, std::string_view framework);
  const char* write_call(sw_tree* tree, std::string_view framework, std::string_view operation,
                         const std::string& arguments);
  const char* reason();

 private:
  /// A spelling and its operation's key (`reshape`, `reshape/method`).
  using Spelling = std::pair<const std::string*, const OpMapping*>;
  /// An adapter's spellings by how a call names them, each list in the order a scan of the
  /// primary spellings and then the alternatives (each by key) meets them: functions, layers
  /// and classes by API, methods by their last name.
  struct SpellingIndex {
    std::map<std::string_view, std::vector<Spelling>, std::less<>> apis;
    std::map<std::string_view, std::vector<Spelling>, std::less<>> methods;
  };

  const AdapterData* data_of(std::string_view framework) const;
  /// The spellings of `data` that `api` called as `call_kind` may be, in scan order.
  std::vector<Spelling> candidates(const AdapterData& data, std::string_view api,
                                   uint32_t call_kind);
  /// Every spelling of `data` that `api` called as `call_kind` may be, in spoke order.
  std::vector<const OpMapping*> spellings(const AdapterData& data, std::string_view api,
                                          uint32_t call_kind);
  const char* keep(std::string text);

  AdapterLookup lookup_;
  std::map<const AdapterData*, SpellingIndex> indexes_;  // made on the first question
  std::set<std::string, std::less<>> strings_;
  std::string reason_;  // why the last read_call or write_call answered nullptr
};

}  // namespace switcheroo
