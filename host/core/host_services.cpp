#include "host_services.h"

#include "tree_service.h"

#include <cstring>

namespace switcheroo {
namespace {

// sw_host_context is opaque to plugins; inside the host it is the HostServices object.
const HostServices& services_of(sw_host_context* context) {
  return *reinterpret_cast<const HostServices*>(context);
}

const void* find_service(sw_host_context* context, const char* name, uint32_t min_version) {
  if (context == nullptr || name == nullptr) return nullptr;
  return services_of(context).find(name, min_version);
}

// Called from plugin code: must not throw back across the boundary.
void report_from_plugin(sw_host_context* context, uint32_t severity, const char* file,
                        uint32_t line, uint32_t column, const char* message,
                        const char* unit_id) noexcept {
  if (context == nullptr || message == nullptr) return;
  try {
    Diagnostic diagnostic;
    diagnostic.severity = severity == SW_SEVERITY_WARNING ? Severity::warning
                          : severity == SW_SEVERITY_NOTE  ? Severity::note
                                                          : Severity::error;
    diagnostic.location = {file != nullptr ? file : "", line, column};
    diagnostic.message = message;
    diagnostic.unit = unit_id != nullptr ? unit_id : "";
    services_of(context).report(diagnostic);
  } catch (...) {
    // Out of memory while formatting a diagnostic: nothing sensible is left to do.
  }
}

}  // namespace

HostServices::HostServices(std::function<void(const Diagnostic&)> sink) : sink_(std::move(sink)) {
  table_.struct_size = sizeof(table_);
  table_.abi_major = SW_SDK_ABI_MAJOR;
  table_.abi_minor = SW_SDK_ABI_MINOR;
  table_.context = reinterpret_cast<sw_host_context*>(this);
  table_.find_service = &find_service;
  diagnostics_.struct_size = sizeof(diagnostics_);
  diagnostics_.version = 1;
  diagnostics_.report = &report_from_plugin;
}

void HostServices::provide_knowledge(AdapterLookup lookup) {
  knowledge_ = std::make_unique<KnowledgeService>(std::move(lookup));
}

const void* HostServices::find(const char* name, uint32_t min_version) const {
  if (std::strcmp(name, SW_SERVICE_DIAGNOSTICS) == 0 && min_version <= diagnostics_.version) {
    return &diagnostics_;
  }
  if (std::strcmp(name, SW_SERVICE_TREE) == 0 && min_version <= tree_service()->version) {
    return tree_service();
  }
  if (std::strcmp(name, SW_SERVICE_KNOWLEDGE) == 0 && knowledge_ != nullptr &&
      min_version <= KnowledgeService::table()->version) {
    return KnowledgeService::table();
  }
  return nullptr;
}

}  // namespace switcheroo
