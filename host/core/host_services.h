// The services table the host hands every plugin at init (sdk.h, sw_host_services). Services
// are found by name and version, so later hosts can add services without breaking plugins.
#pragma once

#include "diagnostics.h"
#include "knowledge_service.h"

#include <switcheroo/sdk.h>

#include <functional>
#include <memory>

namespace switcheroo {

class HostServices {
 public:
  /// Diagnostics reported by plugins go to `sink`.
  explicit HostServices(std::function<void(const Diagnostic&)> sink);
  HostServices(const HostServices&) = delete;
  HostServices& operator=(const HostServices&) = delete;

  const sw_host_services* table() const { return &table_; }

  /// Service lookup, as plugins see it through sw_host_services::find_service.
  const void* find(const char* name, uint32_t min_version) const;
  void report(const Diagnostic& diagnostic) const { sink_(diagnostic); }

  /// Offers the knowledge-base service over the adapters `lookup` finds; until then a plugin
  /// asking for it gets NULL.
  void provide_knowledge(AdapterLookup lookup);
  KnowledgeService* knowledge() const { return knowledge_.get(); }

 private:
  std::function<void(const Diagnostic&)> sink_;
  sw_host_services table_{};
  sw_diagnostics_service diagnostics_{};
  std::unique_ptr<KnowledgeService> knowledge_;
};

}  // namespace switcheroo
