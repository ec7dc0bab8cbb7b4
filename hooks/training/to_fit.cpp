// A backward/step training loop written for a framework that trains a compiled model (its
// spoke maps `fit_model`):
//
//   for _ in range(epochs):                        def loss_fn(y, y_pred):
//       for x, y in batches:                           loss = loss_of(y_pred, y)
//           optimizer.zero_grad()            ->        return loss
//           loss = loss_of(model(x), y)            model.compile(optimizer=optimizer, loss=loss_fn)
//           loss.backward()                        model.fit(batches, epochs=epochs)
//           optimizer.step()
//
// Only a loop of this shape: the batch loop (in an optional epoch loop over `range(n)` that
// does nothing else) holds one step and nothing more, the loss statements call the model once,
// on the batch's input, and read the input nowhere else. A step outside a batch loop (zero_grad,
// the loss, backward and step, nothing between the last two) trains on one batch: the same loss
// function and compile, then `loss = model.train_on_batch(x, y)`, where x is what the model is
// called on and y the one other parameter of the step's function that the loss reads. Anything
// else is reported at its line.
#include "training.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// `written` has reported why already.
constexpr const char* kCannotWrite = "the target cannot write it";

// `for input, target in data:` around a step, and the epoch loop around it if there is one.
struct BatchLoop {
  sw_node statement = SW_NO_NODE;  // what model.fit replaces: the epoch loop, else this one
  std::string input, target, data, epochs;
};

// The texts of a for statement's targets and iterable, or nullopt when `node` is no for loop.
std::optional<std::pair<std::string, std::string>> for_header(const sw_tree_service& service,
                                                              const sw_tree* tree, sw_node node) {
  if (node == SW_NO_NODE || std::string_view(service.kind(tree, node)) != "for_stmt") {
    return std::nullopt;
  }
  std::string targets, iterable;
  std::string_view previous;
  for (sw_node child = service.first_child(tree, node); child != SW_NO_NODE;
       child = service.next_sibling(tree, child)) {
    if (previous == "FOR") targets = text_of(service.text(tree, child));
    if (previous == "IN") iterable = text_of(service.text(tree, child));
    previous = service.kind(tree, child);
  }
  return std::make_pair(targets, iterable);
}

// The loop whose body is `block`; nullopt with `why` when it is not `for x, y in data:`.
std::optional<BatchLoop> batch_loop(const HookRun& run, sw_node block, std::string& why) {
  const sw_tree_service& service = run.service;
  const sw_node inner = service.parent(run.tree, block);
  const auto header = for_header(service, run.tree, inner);
  const std::vector<std::string> names =
      header ? top_level_parts(header->first) : std::vector<std::string>{};
  if (names.size() != 2 || !is_identifier(names[0]) || !is_identifier(names[1])) {
    why = "it is not in a loop 'for x, y in batches:' over (input, target) pairs";
    return std::nullopt;
  }
  BatchLoop loop{inner, names[0], names[1], header->second, ""};
  // An epoch loop `for _ in range(n):` around it that does nothing else.
  const sw_node outer_block = service.parent(run.tree, inner);
  const sw_node outer = service.parent(run.tree, outer_block);
  const auto epochs = for_header(service, run.tree, outer);
  if (!epochs || statements_of(service, run.tree, outer_block).size() != 1) return loop;
  const std::string& range = epochs->second;
  const std::string counter = epochs->first;
  if (range.rfind("range(", 0) != 0 || range.back() != ')' || !is_identifier(counter)) return loop;
  const std::vector<std::string> bounds = top_level_parts(range.substr(6, range.size() - 7));
  if (bounds.size() != 1 ||
      (counter != "_" && word_count(text_of(service.text(run.tree, inner)), counter) != 0)) {
    return loop;
  }
  loop.statement = outer;
  loop.epochs = bounds[0];
  return loop;
}

// `text` (the statement starting at line:column) with the call `call` in it replaced.
std::optional<std::string> with_call_replaced(const std::string& text, uint32_t line,
                                              uint32_t column, const Call& call,
                                              const std::string& replacement) {
  size_t at = 0;
  for (uint32_t row = line; row < call.info.line; ++row) {
    at = text.find('\n', at);
    if (at == std::string::npos) return std::nullopt;
    ++at;
  }
  at += call.info.line == line ? call.info.column - column : call.info.column - 1;
  if (text.compare(at, call.original.size(), call.original) != 0) return std::nullopt;
  return text.substr(0, at) + replacement + text.substr(at + call.original.size());
}

// The loss function model.compile takes, `def loss_fn(target, y_pred): ...`, from the loss
// statements with the model's call replaced by the prediction; nullopt with `why`.
std::optional<std::string> loss_function(const HookRun& run, const StepSite& site,
                                         const BatchLoop& loop, const Call& model,
                                         std::string& why) {
  const sw_tree_service& service = run.service;
  const std::string prediction = "y_pred";
  std::string body;
  size_t inputs = 0;
  uint32_t line = 0, column = 0;
  service.position(run.tree, site.backward->statement, &line, &column);
  for (sw_node node : site.loss_statements) {
    std::string text = trimmed(service.text(run.tree, node));
    inputs += word_count(text, loop.input);
    if (word_count(text, prediction) != 0) {
      why = "the loss statements use the name '" + prediction + "' already";
      return std::nullopt;
    }
    if (model.statement == node) {
      uint32_t node_line = 0, node_column = 0;
      service.position(run.tree, node, &node_line, &node_column);
      auto replaced = with_call_replaced(text, node_line, node_column, model, prediction);
      if (!replaced) {
        why = "the model's call could not be found in its statement";
        return std::nullopt;
      }
      text = *replaced;
    }
    body += indented(text, column - 1) + "\n";
  }
  if (inputs != 1) {
    why = "the loss statements read the input '" + loop.input + "' other than through the model";
    return std::nullopt;
  }
  return "def loss_fn(" + loop.target + ", " + prediction + "):\n" + body + "    return " +
         site.loss + "\n";
}

// The loss function and the compile call that train the model of `site` on batches of
// `loop.input` and `loop.target`, the model's name in `model`; nullopt with `why`.
std::optional<std::string> compiled_loss(const TrainingHook& hook, const HookRun& run,
                                         const std::vector<Call>& calls, const StepSite& site,
                                         const BatchLoop& loop, std::string& model,
                                         std::string& why) {
  const std::vector<const Call*> found = model_calls(run, calls, site.loss_statements);
  if (found.size() != 1 || found[0]->arguments.count() != 1 ||
      found[0]->arguments.positional != std::vector<std::string>{loop.input}) {
    why = "the loss statements do not call one model once, on the input '" + loop.input + "'";
    return std::nullopt;
  }
  const auto function = loss_function(run, site, loop, *found[0], why);
  if (!function) return std::nullopt;
  model = found[0]->callee;
  const auto compile =
      written(hook, run, *site.step, "compile_model",
              {{"model", model}, {"optimizer", site.optimizer}, {"loss", "loss_fn"}});
  if (!compile) {
    why = kCannotWrite;
    return std::nullopt;
  }
  return *function + *compile + "\n";
}

// The statements that replace the loop of `site`: the loss function, compile and fit; nullopt
// with `why`.
std::optional<std::string> fit_statements(const TrainingHook& hook, const HookRun& run,
                                          const std::vector<Call>& calls, const StepSite& site,
                                          const BatchLoop& loop, std::string& why) {
  std::string model;
  const auto compiled = compiled_loss(hook, run, calls, site, loop, model, why);
  if (!compiled) return std::nullopt;
  nlohmann::json fit = {{"model", model}, {"data", loop.data}};
  if (!loop.epochs.empty()) fit["epochs"] = loop.epochs;
  const auto fitted = written(hook, run, *site.backward, "fit_model", fit);
  if (!fitted) {
    why = kCannotWrite;
    return std::nullopt;
  }
  return *compiled + *fitted;
}

// The input and target of a step outside a batch loop: the name the model is called on in the
// loss statements, and the one other parameter of the step's function that they read; nullopt
// with `why`.
std::optional<BatchLoop> step_batch(const HookRun& run, const std::vector<Call>& calls,
                                    const StepSite& site, std::string& why) {
  const sw_tree_service& service = run.service;
  const std::vector<const Call*> model = model_calls(run, calls, site.loss_statements);
  if (model.size() != 1 || model[0]->arguments.count() != 1 ||
      model[0]->arguments.positional.size() != 1 ||
      !is_identifier(model[0]->arguments.positional[0])) {
    why = "the loss statements do not call one model once, on a name";
    return std::nullopt;
  }
  BatchLoop batch;
  batch.input = model[0]->arguments.positional[0];
  std::string read;
  for (sw_node node : site.loss_statements) read += text_of(service.text(run.tree, node)) + "\n";
  const Definitions definitions = Definitions::of(service, run.tree);
  const int function = place_of(service, run.tree, definitions, site.backward->statement).function;
  std::vector<std::string> targets;
  for (uint32_t item = 0; function >= 0 && item < definitions.items[function].item_count; ++item) {
    sw_text name{nullptr, 0};
    service.definition_item(run.tree, static_cast<uint32_t>(function), item, &name);
    const std::string parameter = text_of(name);
    if (is_identifier(parameter) && parameter != batch.input && parameter != model[0]->callee &&
        word_count(read, parameter) != 0) {
      targets.push_back(parameter);
    }
  }
  if (targets.size() != 1) {
    why = "the loss statements read no parameter of their function, or several, besides the "
          "input '" + batch.input + "': none is the target";
    return std::nullopt;
  }
  batch.target = targets[0];
  return batch;
}

// The statements that replace the single step `site` (no batch loop around it): the loss
// function, compile, and the loss of one batch, `loss = model.train_on_batch(x, y)`; nullopt
// with `why`.
std::optional<std::string> batch_statements(const TrainingHook& hook, const HookRun& run,
                                            const std::vector<Call>& calls, const StepSite& site,
                                            std::string& why) {
  const std::vector<sw_node> block =
      statements_of(run.service, run.tree, run.service.parent(run.tree, site.step->statement));
  const auto backward = std::find(block.begin(), block.end(), site.backward->statement);
  if (site.loss_statements.empty() || !site.earlier.empty() || backward + 1 == block.end() ||
      backward[1] != site.step->statement) {
    why = "it is not one step (zero_grad, the loss, backward, step) with nothing between them";
    return std::nullopt;
  }
  const auto batch = step_batch(run, calls, site, why);
  std::string model;
  const auto compiled =
      batch ? compiled_loss(hook, run, calls, site, *batch, model, why) : std::nullopt;
  if (!compiled) return std::nullopt;
  const auto trained = written(hook, run, *site.backward, "train_batch",
                               {{"model", model}, {"x", batch->input}, {"y", batch->target}});
  if (!trained) {
    why = kCannotWrite;
    return std::nullopt;
  }
  return *compiled + site.loss + " = " + *trained;
}

}  // namespace

namespace {

// The statements of `site` (the resets, the loss statements, backward and step) replaced by
// `text`, written where the step was.
int32_t replace_step(const HookRun& run, const StepSite& site, const std::string& text,
                     std::set<sw_node>& removed) {
  std::vector<sw_node> gone = site.resets;
  gone.insert(gone.end(), site.loss_statements.begin(), site.loss_statements.end());
  gone.push_back(site.backward->statement);
  gone.push_back(site.step->statement);
  for (sw_node node : gone) {
    if (removed.count(node)) return SW_HOOK_UNCHANGED;
  }
  if (run.service.insert_statement(run.tree, site.step->statement, 1, text.c_str()) != SW_OK) {
    return SW_FAILED;
  }
  for (sw_node node : gone) {
    removed.insert(node);
    if (run.service.remove_statement(run.tree, node) != SW_OK) return SW_FAILED;
  }
  return SW_HOOK_CHANGED;
}

// One step towards the target: its batch loop becomes compile + fit, a step outside a batch
// loop compile + train_on_batch; anything else is reported.
int32_t step_to_fit(const TrainingHook& hook, const HookRun& run, const std::vector<Call>& calls,
                    const StepSite& site, std::set<sw_node>& removed) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  std::string why;
  const sw_node block = service.parent(tree, site.backward->statement);
  const std::optional<BatchLoop> loop = batch_loop(run, block, why);
  if (!loop) {
    const auto statements = batch_statements(hook, run, calls, site, why);
    if (statements) return replace_step(run, site, *statements, removed);
    if (why != kCannotWrite) {
      warn(hook, service, tree, *site.backward,
           "'" + site.loss + ".backward()' is left as it is: outside a loop of the usual " +
               "shape, only a single step becomes training by '" + run.target + "': " + why);
    }
    return SW_HOOK_UNCHANGED;
  }
  const size_t step_size = site.resets.size() + site.loss_statements.size() + 2;
  std::optional<std::string> statements;
  if (site.loss_statements.empty() || !site.earlier.empty() ||
      statements_of(service, tree, block).size() != step_size) {
    why = "its loop does more than one training step (zero_grad, the loss, backward, step)";
  } else {
    statements = fit_statements(hook, run, calls, site, *loop, why);
  }
  if (!statements) {
    if (why != kCannotWrite) {
      warn(hook, service, tree, *site.backward,
           "'" + site.loss + ".backward()' is left as it is: only a loop of the usual shape " +
               "becomes training by '" + run.target + "': " + why);
    }
    return SW_HOOK_UNCHANGED;
  }
  // The resets go with the loop.
  if (!removed.insert(loop->statement).second) return SW_HOOK_UNCHANGED;
  removed.insert(site.resets.begin(), site.resets.end());
  if (service.insert_statement(tree, loop->statement, 1, statements->c_str()) != SW_OK ||
      service.remove_statement(tree, loop->statement) != SW_OK) {
    return SW_FAILED;
  }
  return SW_HOOK_CHANGED;
}

}  // namespace

int32_t loop_to_fit(const TrainingHook& hook, const HookRun& run) {
  return rewrite_steps(hook, run,
                       [&](const std::vector<Call>& calls, const StepSite& site,
                           std::set<sw_node>& removed) -> int32_t {
                         return step_to_fit(hook, run, calls, site, removed);
                       });
}

}  // namespace switcheroo::hooks::training
