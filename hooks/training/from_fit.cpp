// Training of a compiled model (a source spoke that maps `fit_model`) written as backward/step
// training, the reverse of to_fit.cpp:
//
//   optimizer = keras.optimizers.Adam(learning_rate=0.01)     optimizer =
//   torch.optim.Adam(model.parameters(), lr=0.01) model.compile(optimizer=optimizer, loss=loss_fn)
//   ->     for _ in range(epochs): model.fit(x=batches, epochs=epochs) for x, y in batches:
//                                                                      optimizer.zero_grad()
//                                                                      loss = loss_fn(y, model(x))
//                                                                      loss.backward()
//                                                                      optimizer.step()
//
// The loss is called as compile's loss is, loss(target, prediction). compile must be followed
// in its block by one fit of the same model; the optimizer is a name compile reads or written
// in compile itself. Anything else is reported at its line.
#include "training.h"

#include <switcheroo/hub_call.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// A compile call and the fit after it, read in hub terms.
struct Compiled {
  const Call* compile = nullptr;
  const Call* fit = nullptr;
  std::string model, optimizer, loss, data, epochs;
};

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
    for (const Call& fit : calls) {
      if (fit.index <= call.index || fit.line != fit.original ||
          run.service.parent(run.tree, fit.statement) != block ||
          run.knowledge.call_operation(run.tree, fit.index, run.source) != "fit_model") {
        continue;
      }
      const auto read = sdk::read_hub_call(run.knowledge, run.tree, fit.index, run.source);
      if (read && read->text("model") == item.model && read->text("data")) {
        item.fit = &fit;
        item.data = *read->text("data");
        item.epochs = read->text("epochs").value_or("");
      }
      break;
    }
    if (item.fit == nullptr) {
      problems.emplace_back(&call, "no 'fit' of '" + item.model + "' on the batches follows it");
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

// The loop that trains `item`'s model as fit does; nullopt after a warning.
std::optional<std::string> training_loop(const TrainingHook& hook, const HookRun& run,
                                         const Compiled& item) {
  const std::string& optimizer = item.optimizer;
  if (!is_identifier(optimizer)) {
    warn(hook, run.service, run.tree, *item.compile,
         "'" + item.compile->callee + "' is left as it is: its optimizer is not a name");
    return std::nullopt;
  }
  const auto [input, target] =
      batch_names(scope_text(run.service, run.tree, item.compile->statement));
  const auto reset = written(hook, run, *item.compile, "zero_grad", {{"optimizer", optimizer}});
  const auto backward = written(hook, run, *item.fit, "backward", {{"loss", "loss"}});
  const auto step = written(hook, run, *item.fit, "optimizer_step", {{"optimizer", optimizer}});
  if (!reset || !backward || !step) return std::nullopt;
  std::string loop = "for " + input + ", " + target + " in " + item.data + ":\n";
  loop += "    " + *reset + "\n";
  loop +=
      "    loss = " + operand(item.loss) + "(" + target + ", " + item.model + "(" + input + "))\n";
  loop += "    " + *backward + "\n    " + *step;
  if (item.epochs.empty()) return loop;
  return "for _ in range(" + item.epochs + "):\n" + indented(loop, 0);
}

// The models the file's training steps update, where the optimizer holds none: the model of
// each `optimizer.update(model, grads)` (MLX) and of each `tape.gradient(loss,
// model.trainable_variables)` (TensorFlow), in the source's spellings.
std::set<std::string> trained_models(const HookRun& run, const std::vector<Call>& calls) {
  const std::string update = method_of(run, run.source, "optimizer_step");
  const std::string parameters = "." + method_of(run, run.source, "parameters");
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
    const std::string sources = hub ? hub->text("sources").value_or("") : "";
    const size_t dot = sources.size() - std::min(sources.size(), parameters.size());
    if (parameters.size() > 1 && sources.compare(dot, std::string::npos, parameters) == 0 &&
        is_identifier(sources.substr(0, dot))) {
      models.insert(sources.substr(0, dot));
    }
  }
  return models;
}

}  // namespace

int32_t fit_to_loop(const TrainingHook& hook, const HookRun& run) {
  const std::vector<Call> calls = calls_of(run.service, run.tree);
  std::vector<std::pair<const Call*, std::string>> problems;
  bool changed = false;
  for (const Compiled& item : compiled(run, calls, problems)) {
    const auto loop = training_loop(hook, run, item);
    if (!loop) continue;
    if (run.service.insert_statement(run.tree, item.fit->statement, 1, loop->c_str()) != SW_OK ||
        run.service.remove_statement(run.tree, item.fit->statement) != SW_OK ||
        run.service.remove_statement(run.tree, item.compile->statement) != SW_OK) {
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
  const std::set<std::string> trained = trained_models(run, calls);
  bool changed = false;
  for (const Call& call : calls) {
    if (call.info.kind != SW_CALL_FUNCTION || call.arguments.unpacked) continue;
    auto hub = sdk::read_hub_call(run.knowledge, run.tree, call.index, run.source);
    if (!hub || hub->kind != "optimizer" || hub->argument_of_kind("params").empty()) continue;
    // The model compiled with it: `name = <this call>` then compile(optimizer=name), in one scope.
    std::string model;
    for (const Compiled& item : models) {
      if (call.line == item.optimizer + " = " + call.original &&
          scope_text(run.service, run.tree, item.compile->statement) ==
              scope_text(run.service, run.tree, call.statement)) {
        model = item.model;
      }
    }
    // Else the one model the file's steps update, where the optimizer's function knows it.
    if (model.empty() && trained.size() == 1 &&
        word_count(scope_text(run.service, run.tree, call.statement), *trained.begin()) > 0) {
      model = *trained.begin();
    }
    if (model.empty()) {
      warn(hook, run.service, run.tree, call,
           "'" + call.callee +
               "' is left as it is: no model is compiled with it or trained in its function");
      continue;
    }
    const auto params = written(hook, run, call, "parameters", {{"module", model}});
    if (!params) continue;
    hub->arguments[hub->argument_of_kind("params")] = *params;
    const auto text = written(hook, run, call, hub->operation, hub->arguments);
    if (!text) continue;
    if (run.service.replace_call(run.tree, call.index, text->c_str()) != SW_OK) return SW_FAILED;
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

}  // namespace switcheroo::hooks::training
