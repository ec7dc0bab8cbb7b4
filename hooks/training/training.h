// What the training hooks share: the call sites of the file with their statements, warnings
// located at a call, and the small readers of receivers and statements both directions use.
#ifndef SWITCHEROO_HOOKS_TRAINING_H
#define SWITCHEROO_HOOKS_TRAINING_H

#include "../common/hook_support.h"

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <string>
#include <vector>

namespace switcheroo::hooks::training {

// Which of the three hooks this build is (SWITCHEROO_TRAINING_HOOK).
const char* hook_id();

class TrainingHook {
 public:
  explicit TrainingHook(const sdk::InitContext& context);
  sdk::Host host;
};

struct Call {
  uint32_t index;
  sw_call_info info;
  std::string name, callee, original;
  CallArguments arguments;
  sw_node statement;
  std::string line;  // the statement's text, without its line break
};

std::vector<Call> calls_of(const sw_tree_service& service, sw_tree* tree);

void warn(const TrainingHook& hook, const sw_tree_service& service, const sw_tree* tree,
          const Call& call, const std::string& message);

// `receiver.method()` with no arguments: the receiver when it is a plain name, else "".
std::string receiver_of(const Call& call, const std::string& method);

// `receiver.method(...)` with any arguments: the receiver when it is a plain name, else "".
std::string method_receiver(const Call& call, const std::string& method);

bool is_statement(const sw_tree_service& service, const sw_tree* tree, sw_node node);

// How often `name` occurs as a whole word in `text` (strings and comments included).
size_t word_count(const std::string& text, const std::string& name);

// The text of the function (or, at module level, the file) a node sits in.
std::string scope_text(const sw_tree_service& service, const sw_tree* tree, sw_node node);

// `a, (b, c), d` split at its top-level commas, each part without surrounding spaces.
std::vector<std::string> top_level_parts(const std::string& text);

// The call in `calls` whose whole text is `text` inside `statement`, or nullptr.
const Call* call_written(const std::vector<Call>& calls, sw_node statement,
                         const std::string& text);

// ---- PyTorch -> Flax NNX (to_flax.cpp) ----
int32_t optimizer_to_optax(const TrainingHook& hook, const sw_tree_service& service, sw_tree* tree);
int32_t step_to_value_and_grad(const TrainingHook& hook, const sw_tree_service& service,
                               sw_tree* tree);
int32_t parameters_to_state(const TrainingHook& hook, const sw_tree_service& service,
                            sw_tree* tree);

// ---- Flax NNX -> PyTorch (to_torch.cpp) ----
int32_t optimizer_to_torch(const TrainingHook& hook, const sw_tree_service& service, sw_tree* tree);
int32_t value_and_grad_to_step(const TrainingHook& hook, const sw_tree_service& service,
                               sw_tree* tree);
int32_t state_to_parameters(const TrainingHook& hook, const sw_tree_service& service,
                            sw_tree* tree);

}  // namespace switcheroo::hooks::training

#endif  // SWITCHEROO_HOOKS_TRAINING_H
