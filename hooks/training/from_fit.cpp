// Training of a compiled model (a source spoke that maps `fit_model`) written as backward/step
// training, the reverse of to_fit.cpp:
//
//   optimizer = keras.optimizers.Adam(learning_rate=0.01)
//   model.compile(optimizer=optimizer, loss=loss_fn)
//   model.fit(x=batches, epochs=epochs)
// ->
//   optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
//   for _ in range(epochs):
//       for x, y in batches:
//           optimizer.zero_grad()
//           loss = loss_fn(y, model(x))
//           loss.backward()
//           optimizer.step()
//
// and `loss = model.train_on_batch(x, y)` after compile is that step on one batch. The loss is
// called as compile's loss is, loss(target, prediction). compile must be followed in its block
// by one fit or train_on_batch of the same model; the optimizer is a name compile reads or
// written in compile itself. An optimizer made with a norm to clip to (`global_clipnorm`)
// becomes the optimizer and a clip of the model's gradients before each update. Anything else
// is reported at its line.
#include "training.h"

#include <switcheroo/hub_call.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// A compile call and the fit (or the train_on_batch) after it, read in hub terms.
struct Compiled {
  const Call* compile = nullptr;
  const Call* fit = nullptr;  // model.fit, or model.train_on_batch where `batch`
  bool batch = false;
  std::string model, optimizer, loss, data, epochs;
  std::string input, target, result;  // of train_on_batch: `result = model.train_on_batch(x, y)`
};

// `trainer`, the first fit or train_on_batch after `item`'s compile in its block, read into
// `item` when it trains the compiled model as a statement of its own (train_on_batch's result
// may be assigned to a name).
void read_trainer(const HookRun& run, const Call& trainer, Compiled& item) {
  const std::string operation = run.knowledge.call_operation(run.tree, trainer.index, run.source);
  const auto read = sdk::read_hub_call(run.knowledge, run.tree, trainer.index, run.source);
  if (!read || read->text("model") != item.model) return;
  if (operation == "fit_model" && trainer.line == trainer.original && read->text("data")) {
    item.fit = &trainer;
    item.data = *read->text("data");
    item.epochs = read->text("epochs").value_or("");
    return;
  }
  const size_t equals = trainer.line.find(" = ");
  const std::string result = equals == std::string::npos ? "" : trainer.line.substr(0, equals);
  if (operation != "train_batch" || !read->text("x") || !read->text("y") ||
      (trainer.line != trainer.original && (!is_identifier(result) ||
                                            trainer.line.substr(equals + 3) != trainer.original))) {
    return;
  }
  item.fit = &trainer;
  item.batch = true;
  item.input = *read->text("x");
  item.target = *read->text("y");
  item.result = result;
}

// compile calls of the file read through the source's spoke (fit found, or why not).
std::vector<Compiled> compiled(const HookRun& run, const std::vector<Call>& calls,
                               std::vector<std::pair<const Call*, std::string>>& problems) {
  std::vector<Compiled> found;
  for (const Call& call : calls) {
    if (run.knowledge.call_operation(run.tree, call.index, run.source) != "compile_model") continue;
    const auto hub = sdk::read_hub_call(run.knowledge, run.tree, call.index, run.source);
    Compiled item;
    item.compile = &call;
    if (hub) {
      item.model = hub->text("model").value_or("");
      item.optimizer = hub->text("optimizer").value_or("");
      item.loss = hub->text("loss").value_or("");
    }
    if (!is_identifier(item.model) || item.optimizer.empty() || item.loss.empty() ||
        call.line != call.original) {
      problems.emplace_back(&call,
                            "it is not a statement 'model.compile(optimizer=..., loss=...)'");
      continue;
    }
    const sw_node block = run.service.parent(run.tree, call.statement);
    const Call* next = nullptr;
    for (const Call& trainer : calls) {
      const std::string operation =
          run.knowledge.call_operation(run.tree, trainer.index, run.source);
      if (trainer.index > call.index && run.service.parent(run.tree, trainer.statement) == block &&
          (operation == "fit_model" || operation == "train_batch")) {
        next = &trainer;
        read_trainer(run, trainer, item);
        break;
      }
    }
    if (item.fit == nullptr) {
      problems.emplace_back(
          &call, next == nullptr
                     ? "no 'fit' of '" + item.model +
                           "' on the batches, or 'train_on_batch' of one, follows it"
                     : "the '" + next->callee + "' after it is not a statement training '" +
                           item.model + "' on (input, target) batches with no other argument");
      continue;
    }
    found.push_back(item);
  }
  return found;
}

// Two names for a batch's input and target that the function does not use yet.
std::pair<std::string, std::string> batch_names(const std::string& scope) {
  for (const auto& [input, target] : {std::pair<std::string, std::string>{"x", "y"},
                                      {"inputs", "targets"},
                                      {"batch_x", "batch_y"}}) {
    if (word_count(scope, input) == 0 && word_count(scope, target) == 0) return {input, target};
  }
  return {"batch_x", "batch_y"};
}

// One step on the batch (`input`, `target`) as fit and train_on_batch take it, `clip` (a
// statement, or "") between the backward pass and the update; nullopt after a warning.
std::optional<std::string> batch_step(const TrainingHook& hook, const HookRun& run,
                                      const Compiled& item, const std::string& input,
                                      const std::string& target, const std::string& clip) {
  const std::string& optimizer = item.optimizer;
  if (!is_identifier(optimizer)) {
    warn(hook, run.service, run.tree, *item.compile,
         "'" + item.compile->callee + "' is left as it is: its optimizer is not a name");
    return std::nullopt;
  }
  const std::string loss =
      operand(item.loss) + "(" + target + ", " + item.model + "(" + input + "))";
  // fit's loss, and a train_on_batch whose result is assigned, are named; else the loss is
  // differentiated where it is computed.
  const std::string result = item.batch ? item.result : "loss";
  const auto reset = written(hook, run, *item.compile, "zero_grad", {{"optimizer", optimizer}});
  const auto backward =
      written(hook, run, *item.fit, "backward", {{"loss", result.empty() ? loss : result}});
  const auto step = written(hook, run, *item.fit, "optimizer_step", {{"optimizer", optimizer}});
  if (!reset || !backward || !step) return std::nullopt;
  std::string text = *reset + "\n";
  if (!result.empty()) text += result + " = " + loss + "\n";
  text += *backward + "\n";
  if (!clip.empty()) text += clip + "\n";
  return text + *step;
}

// What trains `item`'s model as fit (a loop over the batches) or train_on_batch (one step)
// does; nullopt after a warning.
std::optional<std::string> training_loop(const TrainingHook& hook, const HookRun& run,
                                         const Compiled& item, const std::string& clip) {
  if (item.batch) return batch_step(hook, run, item, item.input, item.target, clip);
  const auto [input, target] =
      batch_names(scope_text(run.service, run.tree, item.compile->statement));
  const auto step = batch_step(hook, run, item, input, target, clip);
  if (!step) return std::nullopt;
  const std::string loop = "for " + input + ", " + target + " in " + item.data + ":\n" +
                           indented(*step, 0);
  if (item.epochs.empty()) return loop;
  return "for _ in range(" + item.epochs + "):\n" + indented(loop, 0);
}

// The gradient clip optimizer_wrap wrote right before `item`'s fit or train_on_batch, from an
// optimizer that clips (in the target's spelling already), or nullptr.
const Call* clip_before(const HookRun& run, const std::vector<Call>& calls, const Compiled& item) {
  const std::vector<sw_node> block =
      statements_of(run.service, run.tree, run.service.parent(run.tree, item.fit->statement));
  const auto at = std::find(block.begin(), block.end(), item.fit->statement);
  if (at == block.begin() || at == block.end()) return nullptr;
  for (const Call& call : calls) {
    if (call.statement == at[-1] && call.line == call.original &&
        run.knowledge.call_operation(run.tree, call.index, run.target) == "clip_grad_norm") {
      return &call;
    }
  }
  return nullptr;
}

// The model whose parameters `optimizer.apply_gradients(zip(grads, model.trainable_variables))`
// (the source's spelling) updates, "" when `call` is no such update.
std::string applied_model(const HookRun& run, const Call& call) {
  const std::string method = method_of(run, run.source, "apply_gradients/method");
  const auto& given = call.arguments.positional;
  if (method.empty() || method_receiver(call, method).empty() || given.size() != 1 ||
      given[0].rfind("zip(", 0) != 0 || given[0].back() != ')') {
    return "";
  }
  const std::vector<std::string> pairs =
      top_level_parts(given[0].substr(4, given[0].size() - 5));
  return pairs.size() == 2 ? model_of(run, pairs[1]) : "";
}

// The models the file's training steps update, where the optimizer holds none: the model of
// each `optimizer.update(model, grads)` (MLX) and of each `tape.gradient(loss,
// model.trainable_variables)` (TensorFlow), in the source's spellings.
std::set<std::string> trained_models(const HookRun& run, const std::vector<Call>& calls) {
  const std::string update = method_of(run, run.source, "optimizer_step");
  std::set<std::string> models;
  for (const Call& call : calls) {
    const auto& given = call.arguments.positional;
    if (!method_receiver(call, update).empty() && given.size() == 2 && is_identifier(given[0])) {
      models.insert(given[0]);
    }
    if (run.knowledge.call_operation(run.tree, call.index, run.source) != "tape_gradient") {
      continue;
    }
    const auto hub = sdk::read_hub_call(run.knowledge, run.tree, call.index, run.source);
    const std::string model = model_of(run, hub ? hub->text("sources").value_or("") : "");
    if (!model.empty()) models.insert(model);
  }
  return models;
}

// The model whose parameters optimizer call `call`, made without them, trains: the model
// compiled with it (`name = <call>` then compile(optimizer=name), in one scope), else the one
// model the file trains where the optimizer's function knows that name; "" when none.
std::string compiled_model(const HookRun& run, const std::vector<Compiled>& models,
                           const std::set<std::string>& trained, const Call& call) {
  const std::string scope = scope_text(run.service, run.tree, call.statement);
  for (const Compiled& item : models) {
    if (call.line == item.optimizer + " = " + call.original &&
        scope_text(run.service, run.tree, item.compile->statement) == scope) {
      return item.model;
    }
  }
  if (trained.size() == 1 && word_count(scope, *trained.begin()) > 0) return *trained.begin();
  return "";
}

// The updates of the file whose model is known, each with that model: each fit and
// train_on_batch of a compiled model, and each `optimizer.apply_gradients(zip(grads,
// model.trainable_variables))` (the step's update once training_step has run).
std::vector<std::pair<const Call*, std::string>> known_updates(const HookRun& run,
                                                               const std::vector<Call>& calls,
                                                               const std::vector<Compiled>& models) {
  std::vector<std::pair<const Call*, std::string>> updates;
  for (const Compiled& item : models) updates.emplace_back(item.fit, item.model);
  for (const Call& call : calls) {
    const std::string model = call.line == call.original ? applied_model(run, call) : "";
    if (!model.empty()) updates.emplace_back(&call, model);
  }
  return updates;
}

// A clip of the trained model's gradients to `max_norm` right before each of `updates`
// (training_step moves one before a fit or train_on_batch between the backward pass and the
// update): the clip of the file's first clipping optimizer, as towards PyTorch from optax.
int32_t clip_updates(const TrainingHook& hook, const HookRun& run,
                     const std::vector<std::pair<const Call*, std::string>>& updates,
                     const std::string& max_norm) {
  for (const auto& [update, model] : updates) {
    const auto params = written(hook, run, *update, "parameters", {{"module", model}});
    const auto clip = params ? written(hook, run, *update, "clip_grad_norm",
                                       {{"params", *params}, {"max_norm", max_norm}})
                             : std::nullopt;
    if (!clip) continue;
    if (run.service.insert_statement(run.tree, update->statement, 0, clip->c_str()) != SW_OK) {
      return SW_FAILED;
    }
  }
  return SW_HOOK_CHANGED;
}

}  // namespace

int32_t fit_to_loop(const TrainingHook& hook, const HookRun& run) {
  const std::vector<Call> calls = calls_of(run.service, run.tree);
  std::vector<std::pair<const Call*, std::string>> problems;
  bool changed = false;
  for (const Compiled& item : compiled(run, calls, problems)) {
    const Call* clip = clip_before(run, calls, item);
    const auto loop = training_loop(hook, run, item, clip != nullptr ? clip->line : "");
    if (!loop) continue;
    // fit goes last: the statements written after it replace it (a block emptied otherwise
    // gets `pass`).
    if (run.service.insert_statement(run.tree, item.fit->statement, 1, loop->c_str()) != SW_OK ||
        run.service.remove_statement(run.tree, item.compile->statement) != SW_OK ||
        (clip != nullptr && run.service.remove_statement(run.tree, clip->statement) != SW_OK) ||
        run.service.remove_statement(run.tree, item.fit->statement) != SW_OK) {
      return SW_FAILED;
    }
    changed = true;
  }
  for (const auto& [call, why] : problems) {
    warn(hook, run.service, run.tree, *call, "'" + call->callee + "' is left as it is: " + why);
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

int32_t compiled_optimizers_to_torch(const TrainingHook& hook, const HookRun& run) {
  const std::vector<Call> calls = calls_of(run.service, run.tree);
  std::vector<std::pair<const Call*, std::string>> problems;
  const std::vector<Compiled> models = compiled(run, calls, problems);
  std::set<std::string> trained = trained_models(run, calls);
  for (const Compiled& item : models) trained.insert(item.model);
  const auto updates = known_updates(run, calls, models);
  std::string max_norm;
  bool changed = false;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.arguments.unpacked) continue;
    auto hub = sdk::read_hub_call(run.knowledge, run.tree, call.index, run.source);
    if (!hub || hub->kind != "optimizer" || hub->argument_of_kind("params").empty()) continue;
    const std::string model = compiled_model(run, models, trained, call);
    if (model.empty()) {
      warn(hook, run.service, run.tree, call,
           "'" + call.callee +
               "' is left as it is: no model is compiled with it or trained in its function");
      continue;
    }
    const auto params = written(hook, run, call, "parameters", {{"module", model}});
    if (!params) continue;
    hub->arguments[hub->argument_of_kind("params")] = *params;
    // A norm the optimizer clips the gradients to becomes a clip before each update.
    const std::string norm = hub->text("max_norm").value_or("None");
    hub->arguments.erase("max_norm");
    if (norm != "None" && updates.empty()) {
      warn(hook, run.service, run.tree, call,
           "'" + call.callee + "' is left as it is: it clips the gradients, and no update of " +
               "the file says which model's parameters to clip");
      continue;
    }
    const auto text = written(hook, run, call, hub->operation, hub->arguments);
    if (!text) continue;
    if (run.service.replace_call(run.tree, call.index, text->c_str()) != SW_OK) return SW_FAILED;
    if (max_norm.empty() && norm != "None") max_norm = norm;
    changed = true;
  }
  return !max_norm.empty() ? clip_updates(hook, run, updates, max_norm)
         : changed         ? SW_HOOK_CHANGED
                           : SW_HOOK_UNCHANGED;
}

}  // namespace switcheroo::hooks::training
