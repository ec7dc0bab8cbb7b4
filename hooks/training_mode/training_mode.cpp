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
// Modules start in training mode, hence False. Runs after the conversion engine and decides from
// the two frameworks' module.training traits: both read an attribute, and the attributes differ
// in name or in sense. It rewrites the classes that became the target's modules (its base class
// and the file's classes derived from them). An assignment to the attribute is reported.
#include <switcheroo/hook.hpp>

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using switcheroo::hooks::Definitions;
using switcheroo::hooks::HookRun;
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

// How the two frameworks' modules read their training mode (module.training traits), when both
// read an attribute and the attributes differ: `self.training` -> `not self.deterministic`.
struct Modes {
  std::string source;      // `training`
  std::string target;      // `deterministic`
  bool negated = false;    // one attribute means "training", the other "not training"
  std::string base_class;  // the target's module base class, qualified
  std::string constructor;  // the target's constructor method
  std::string display;      // the target framework, for people

  // A module starts in training mode: the target attribute's first value.
  std::string initial(const HookRun& run) const {
    return run.knowledge.flag(run.target, "module.training.inverted") ? "False" : "True";
  }
  static std::optional<Modes> of(const HookRun& run) {
    if (run.source_trait("module.training.reads") != "attribute" ||
        run.target_trait("module.training.reads") != "attribute") {
      return std::nullopt;
    }
    Modes modes{run.source_trait("module.training.name"),
                run.target_trait("module.training.name"),
                run.knowledge.flag(run.source, "module.training.inverted") !=
                    run.knowledge.flag(run.target, "module.training.inverted"),
                run.target_trait("module.base-class"),
                run.target_trait("module.constructor"),
                run.target_trait("display-name")};
    if (modes.source.empty() || modes.base_class.empty() ||
        (modes.source == modes.target && !modes.negated)) {
      return std::nullopt;
    }
    return modes;
  }
};

// `nnx.Module` names `flax.nnx.Module` however the file imports it: a dotted suffix of it. By
// the text as written: the imports the engine's text needs are added after the hooks.
bool names_class(const std::string& text, const std::string& qualified) {
  if (text == qualified) return true;
  return qualified.size() > text.size() + 1 &&
         qualified.compare(qualified.size() - text.size(), text.size(), text) == 0 &&
         qualified[qualified.size() - text.size() - 1] == '.';
}

struct Rewrite {
  const TrainingMode& hook;
  const HookRun& conversion;
  const Modes& modes;
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

  // The file's classes whose bases are the target's module class or another such class of the
  // file.
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
          bool module = names_class(text, modes.base_class);
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
        text_of(service.text(tree, node)) == "self." + modes.source) {
      const int owner = class_of(node);
      if (owner < 0) return;
      const sw_node next = service.next_sibling(tree, node);
      if (next != SW_NO_NODE && std::string_view(service.kind(tree, next)) == "EQUAL") {
        warn(node, "an assignment to 'self." + modes.source + "' is left as it is: " +
                       modes.display + " modules are switched with model.train() and model.eval()");
        return;
      }
      sw_node replaced = node;
      const sw_node parent_node = service.parent(tree, node);
      const std::string_view parent = service.kind(tree, parent_node);
      const std::string read = "self." + modes.target;
      std::string text = !modes.negated      ? read
                         : bare_ok(parent) ? "not " + read
                                           : "(not " + read + ")";
      // `not self.deterministic` (the other way's rewrite) reads `self.training` again.
      if (modes.negated && parent == "inversion" &&
          text_of(service.text(tree, parent_node)) == "not self." + modes.source) {
        replaced = parent_node;
        text = read;
      }
      if (service.replace(tree, replaced, text.c_str()) != SW_OK) {
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

  // The constructor of a class, else of the first of its bases in the file that has one, or -1.
  int init_of(int owner, int depth = 0) const {
    for (size_t index = 0; index < definitions.items.size(); ++index) {
      const auto& info = definitions.items[index];
      if (info.name == modes.constructor &&
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

  // `self.deterministic = False`: a module starts in training mode.
  std::string declaration() const {
    return "self." + modes.target + " = " + modes.initial(conversion);
  }

  // The declaration first in the constructor of each class that reads the mode (after its
  // docstring).
  bool declare() {
    std::set<int> declared;
    for (const auto& [owner, read] : reads) {
      const int init = init_of(owner);
      if (init < 0) {
        warn(definitions.items[owner].node,
             "class '" + std::string(definitions.items[owner].name) +
                 "' reads its training mode but defines no " + modes.constructor +
                 " to start it in: give it " + declaration());
        continue;
      }
      if (!declared.insert(init).second) continue;
      const auto body =
          switcheroo::hooks::statements_of(service, tree, definitions.items[init].body);
      if (body.empty()) continue;
      const std::string first = switcheroo::hooks::trimmed(service.text(tree, body.front()));
      const bool docstring = !first.empty() && (first.front() == '"' || first.front() == '\'');
      const std::string statement = declaration();
      if (service.insert_statement(tree, body.front(), docstring ? 1 : 0, statement.c_str()) !=
          SW_OK) {
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
  return switcheroo::hooks::apply_hook(hook.host, kId, tree, context, [&](const HookRun& run) {
    const auto modes = Modes::of(run);
    if (!modes) return int32_t{SW_HOOK_UNCHANGED};
    Rewrite rewrite{hook, run, *modes, run.service, run.tree, {}, {}, {}};
    return rewrite.run();
  });
}

const char* const kOptions[] = {nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface),
                                 "self.training -> not self.deterministic (nnx train()/eval())",
                                 kOptions, &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<TrainingMode>(
    SW_PLUGIN_KIND_HOOK, kId, "0.2.0",
    "a module's training-mode attribute as the one the target's modules read (module.training)",
    &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* training_mode_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(training_mode_plugin_entry)
