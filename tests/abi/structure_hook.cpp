// A hook that exercises the tree service's definitions, imports and structural edits through
// the C boundary only (tests/golden/hooks/structural-edits holds what it must do):
// - reports every definition it sees (kind, qualified name, items, decorators, position);
// - in every method named `forward`: removes a parameter named `unused`, appends `training=False`;
// - replaces the decorator `alpha.jit` with `alpha.compile(fullgraph=True)`;
// - removes every statement that calls `alpha.seed`, and puts `alpha.check(x)` before every
//   statement that calls `alpha.relu`;
// - removes the import that binds `legacy` (`from alpha import legacy`).
#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <string>
#include <vector>

namespace {

class StructureHook {
 public:
  explicit StructureHook(const switcheroo::sdk::InitContext& context) : host(context.host) {}
  switcheroo::sdk::Host host;
};

std::string text(const sw_text& piece) {
  return std::string(piece.data, piece.size);
}

// A decorator node ends with its line break.
std::string trimmed(const sw_text& piece) {
  std::string line = text(piece);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

// One line per definition: "function Net.forward(self, x, unused) at 7:5, 1 decorator".
void describe(const StructureHook& hook, const sw_tree_service& service, const sw_tree* tree) {
  for (uint32_t index = 0; index < service.definition_count(tree); ++index) {
    sw_definition_info info{};
    info.struct_size = sizeof(info);
    if (service.definition(tree, index, &info) != SW_OK) return;
    std::string line = info.kind == SW_DEFINITION_CLASS ? "class " : "function ";
    line += info.qualified;
    line += "(";
    for (uint32_t item = 0; item < info.item_count; ++item) {
      sw_text name{};
      const sw_node node = service.definition_item(tree, index, item, &name);
      if (item > 0) line += ", ";
      line += info.kind == SW_DEFINITION_CLASS && name.size > 0 ? text(name) + "=..."
                                                                : text(service.text(tree, node));
    }
    line += ")";
    for (uint32_t which = 0; which < info.decorator_count; ++which) {
      line += " " + trimmed(service.text(tree, service.decorator(tree, index, which)));
    }
    hook.host.report(switcheroo::sdk::Severity::note, service.file(tree), info.line, info.column,
                     line, "structure_hook");
  }
  for (uint32_t index = 0; index < service.import_count(tree); ++index) {
    sw_import_info binding{};
    binding.struct_size = sizeof(binding);
    if (service.import_binding(tree, index, &binding) != SW_OK) return;
    hook.host.report(switcheroo::sdk::Severity::note, service.file(tree), binding.line,
                     binding.column,
                     std::string(binding.from_import ? "from-import " : "import ") + binding.local +
                         " = " + binding.target,
                     "structure_hook");
  }
}

bool edit_definitions(const sw_tree_service& service, sw_tree* tree) {
  for (uint32_t index = 0; index < service.definition_count(tree); ++index) {
    sw_definition_info info{};
    info.struct_size = sizeof(info);
    if (service.definition(tree, index, &info) != SW_OK) return false;
    for (uint32_t which = 0; which < info.decorator_count; ++which) {
      if (trimmed(service.text(tree, service.decorator(tree, index, which))) != "@alpha.jit") {
        continue;
      }
      if (service.remove_decorator(tree, index, which) != SW_OK) return false;
      if (service.add_decorator(tree, index, "alpha.compile(fullgraph=True)") != SW_OK)
        return false;
    }
    if (info.kind != SW_DEFINITION_FUNCTION || std::string(info.name) != "forward") continue;
    for (uint32_t item = 0; item < info.item_count; ++item) {
      sw_text name{};
      service.definition_item(tree, index, item, &name);
      if (text(name) == "unused" && service.remove_parameter(tree, index, item) != SW_OK) {
        return false;
      }
    }
    if (service.insert_parameter(tree, index, info.item_count, "training=False") != SW_OK) {
      return false;
    }
  }
  return true;
}

bool edit_statements(const sw_tree_service& service, sw_tree* tree) {
  for (uint32_t index = 0; index < service.call_count(tree); ++index) {
    sw_call_info call{};
    call.struct_size = sizeof(call);
    if (service.call(tree, index, &call) != SW_OK) return false;
    const std::string name = call.name;
    const sw_node statement = service.statement_of(tree, call.trailer);
    if (name == "alpha.seed" && service.remove_statement(tree, statement) != SW_OK) return false;
    if (name == "alpha.relu" &&
        service.insert_statement(tree, statement, 0, "alpha.check(x)") != SW_OK) {
      return false;
    }
  }
  for (uint32_t index = 0; index < service.import_count(tree); ++index) {
    sw_import_info binding{};
    binding.struct_size = sizeof(binding);
    if (service.import_binding(tree, index, &binding) != SW_OK) return false;
    if (std::string(binding.local) == "legacy" && service.remove_import(tree, index) != SW_OK) {
      return false;
    }
  }
  return true;
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context*) noexcept {
  const auto& hook = *static_cast<StructureHook*>(instance);
  const auto* service = hook.host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
  if (service == nullptr) return SW_FAILED;
  describe(hook, *service, tree);
  if (!edit_definitions(*service, tree) || !edit_statements(*service, tree)) return SW_FAILED;
  return SW_HOOK_CHANGED;
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "structural edits through the tree service", kOptions, &apply};
const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<StructureHook>(
    SW_PLUGIN_KIND_HOOK, "structure_hook", "0.1.0", "test hook: structural edits", &kHook, 0);

}  // namespace

extern "C" const sw_plugin_descriptor* structure_hook_entry() {
  return &kDescriptor;
}
SWITCHEROO_PLUGIN_ENTRY(structure_hook_entry)
