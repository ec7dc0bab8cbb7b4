// training_mode: what a PyTorch module reads as `self.training` (set by model.train() and
// model.eval()) becomes the attribute Flax NNX's train() and eval() set on every module that
// has it: `deterministic`, false while training.
//
//   class Net(nnx.Module):                            class Net(nnx.Module):
//       def __init__(self, ...):                          def __init__(self, ...):
//           ...                                  ->           self.deterministic = False
//       def __call__(self, x):                                ...
//           if self.training:                             def __call__(self, x):
//                                                             if not self.deterministic:
//
// PyTorch modules start in training mode, hence False. Runs after the conversion engine on files
// converted from PyTorch to Flax NNX, in the classes that became modules (nnx.Module and the
// file's classes derived from them). An assignment to self.training is reported.
#include "../common/hook_support.h"
#include "../common/optionless_hook.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using switcheroo::hooks::Definitions;
using switcheroo::hooks::text_of;

constexpr const char* kId = "training_mode";

class TrainingMode : public switcheroo::hooks::OptionlessHook {
 public:
  using OptionlessHook::OptionlessHook;
};

// Parents under which `not self.deterministic` needs no parentheses.
bool bare_ok(std::string_view parent) {
  return parent == "if_stmt" || parent == "elif_clause" || parent == "while_stmt" ||
         parent == "conjunction" || parent == "disjunction" || parent == "inversion" ||
         parent == "argument" || parent == "arguments" || parent == "return_stmt" ||
         parent == "expression_stmt" || parent == "assert_stmt" || parent == "expression";
}

struct Rewrite {
  const TrainingMode& hook;
  const sw_tree_service& service;
  sw_tree* tree;
  Definitions definitions;
  std::set<int> modules;      // definition indexes of the classes that are modules
  std::map<int, bool> reads;  // module class -> reads self.training
  bool failed = false, changed = false;

  void warn(sw_node node, const std::string& message) const {
    uint32_t line = 0, column = 0;
    service.position(tree, node, &line, &column);
    hook.host.report(switcheroo::sdk::Severity::warning, service.file(tree), line, column, message,
                     kId);
  }

  // The file's classes whose bases are nnx.Module or another such class of the file.
  void find_modules() {
    bool grew = true;
    while (grew) {
      grew = false;
      for (size_t index = 0; index < definitions.items.size(); ++index) {
        const auto& info = definitions.items[index];
        if (info.kind != SW_DEFINITION_CLASS || modules.count(static_cast<int>(index))) continue;
        for (uint32_t item = 0; item < info.item_count; ++item) {
          sw_text keyword{nullptr, 0};
          const sw_node base =
              service.definition_item(tree, static_cast<uint32_t>(index), item, &keyword);
          const std::string text = text_of(service.text(tree, base));
          bool module = text == "nnx.Module" || text == "flax.nnx.Module";
          for (int known : modules) module = module || text == definitions.items[known].name;
          if (keyword.size == 0 && module) {
            modules.insert(static_cast<int>(index));
            grew = true;
            break;
          }
        }
      }
    }
  }

  // The module class a node sits in (through its methods), or -1.
  int class_of(sw_node node) const {
    const auto place = switcheroo::hooks::place_of(service, tree, definitions, node);
    return modules.count(place.owner_class) ? place.owner_class : -1;
  }

  void visit(sw_node node) {
    if (failed) return;
    if (std::string_view(service.kind(tree, node)) == "primary" &&
        text_of(service.text(tree, node)) == "self.training") {
      const int owner = class_of(node);
      if (owner < 0) return;
      const sw_node next = service.next_sibling(tree, node);
      if (next != SW_NO_NODE && std::string_view(service.kind(tree, next)) == "EQUAL") {
        warn(node,
             "an assignment to 'self.training' is left as it is: Flax NNX modules are "
             "switched with model.train() and model.eval()");
        return;
      }
      const std::string_view parent = service.kind(tree, service.parent(tree, node));
      const char* text = bare_ok(parent) ? "not self.deterministic" : "(not self.deterministic)";
      if (service.replace(tree, node, text) != SW_OK) {
        failed = true;
        return;
      }
      reads[owner] = true;
      changed = true;
      return;
    }
    for (sw_node child = service.first_child(tree, node); child != SW_NO_NODE;
         child = service.next_sibling(tree, child)) {
      visit(child);
    }
  }

  // The __init__ of a class, else of the first of its bases in the file that has one, or -1.
  int init_of(int owner, int depth = 0) const {
    for (size_t index = 0; index < definitions.items.size(); ++index) {
      const auto& info = definitions.items[index];
      if (std::string_view(info.name) == "__init__" &&
          switcheroo::hooks::place_of(service, tree, definitions, info.body).owner_class == owner) {
        return static_cast<int>(index);
      }
    }
    const auto& info = definitions.items[static_cast<size_t>(owner)];
    for (uint32_t item = 0; depth < 16 && item < info.item_count; ++item) {
      sw_text keyword{nullptr, 0};
      const sw_node base =
          service.definition_item(tree, static_cast<uint32_t>(owner), item, &keyword);
      const std::string name = text_of(service.text(tree, base));
      for (int known : modules) {
        if (keyword.size != 0 || name != definitions.items[known].name) continue;
        const int init = init_of(known, depth + 1);
        if (init >= 0) return init;
      }
    }
    return -1;
  }

  // `self.deterministic = False` first in the __init__ of each class that reads the mode (after
  // its docstring).
  bool declare() {
    std::set<int> declared;
    for (const auto& [owner, read] : reads) {
      const int init = init_of(owner);
      if (init < 0) {
        warn(definitions.items[owner].node,
             "class '" + std::string(definitions.items[owner].name) +
                 "' reads its training mode but defines no __init__ to start it in: give it "
                 "self.deterministic = False");
        continue;
      }
      if (!declared.insert(init).second) continue;
      const auto body =
          switcheroo::hooks::statements_of(service, tree, definitions.items[init].body);
      if (body.empty()) continue;
      const std::string first = switcheroo::hooks::trimmed(service.text(tree, body.front()));
      const bool docstring = !first.empty() && (first.front() == '"' || first.front() == '\'');
      const std::string statement = "self.deterministic = False";
      const bool after = docstring;
      if (service.insert_statement(tree, body.front(), after ? 1 : 0, statement.c_str()) != SW_OK) {
        return false;
      }
    }
    return true;
  }

  int32_t run() {
    definitions = Definitions::of(service, tree);
    find_modules();
    if (modules.empty()) return SW_HOOK_UNCHANGED;
    visit(service.root(tree));
    if (failed || (changed && !declare())) return SW_FAILED;
    return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
  }
};

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& hook = *static_cast<TrainingMode*>(instance);
  return switcheroo::hooks::apply_rewrite(
      hook, tree, context,
      [](std::string_view source, std::string_view target) {
        return switcheroo::hooks::is_torch(source) && switcheroo::hooks::is_flax(target);
      },
      [&](const sw_tree_service& service, sw_tree* file) {
        Rewrite rewrite{hook, service, file, {}, {}, {}};
        return rewrite.run();
      });
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "self.training -> not self.deterministic (nnx train()/eval())",
                                 kOptions, &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<TrainingMode>(
    SW_PLUGIN_KIND_HOOK, kId, "0.1.0",
    "a PyTorch module's training mode as the attribute Flax NNX's train() and eval() set", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* training_mode_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(training_mode_plugin_entry)
