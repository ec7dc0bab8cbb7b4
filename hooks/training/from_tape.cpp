// A training step recorded on a gradient tape (a source spoke that maps `record_gradients`)
// written as backward/step training, the reverse of to_tape.cpp:
//
//   with tf.GradientTape() as tape:                            optimizer.zero_grad()
//       loss = loss_of(model(x), y)                      ->    loss = loss_of(model(x), y)
//   grads = tape.gradient(loss, model.trainable_variables)     loss.backward()
//   optimizer.apply_gradients(zip(grads, model.trainable_variables))  optimizer.step()
//
// The three statements follow each other in one block (a gradient clip that optimizer_wrap wrote
// for an optimizer made with `global_clipnorm` may stand before the update, and stays there);
// the gradients are read by the update only, which applies them to the sources they were taken
// for. Anything else is reported.
#include "training.h"

#include <switcheroo/hub_call.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::hooks::training {
namespace {

// A tape step of the source: the recording block, the gradient statement after it and the
// update after that.
struct TapeSite {
  const Call* record = nullptr;    // tf.GradientTape()
  const Call* gradient = nullptr;  // tape.gradient(loss, params)
  const Call* apply = nullptr;     // optimizer.apply_gradients(zip(grads, params))
  sw_node with = SW_NO_NODE;
  std::string loss, optimizer;
};

// The statement after `statement` in its block, SW_NO_NODE at its end.
sw_node next_statement(const HookRun& run, sw_node statement) {
  const std::vector<sw_node> block =
      statements_of(run.service, run.tree, run.service.parent(run.tree, statement));
  for (size_t at = 0; at + 1 < block.size(); ++at) {
    if (block[at] == statement) return block[at + 1];
  }
  return SW_NO_NODE;
}

// The tape step opened by `record`, or why it is not one ("" when `record` opens no `with`).
std::optional<TapeSite> tape_site(const HookRun& run, const std::vector<Call>& calls,
                                  const Call& record, std::string& why) {
  TapeSite site;
  site.record = &record;
  site.with = record.statement;
  const std::string header = record.line.substr(0, record.line.find('\n'));
  const std::string opening = "with " + record.original + " as ";
  if (std::string_view(run.service.kind(run.tree, site.with)) != "with_stmt" ||
      header.compare(0, opening.size(), opening) != 0 || header.back() != ':') {
    why = "only 'with " + record.original + " as tape:' alone on its line is read back";
    return std::nullopt;
  }
  const std::string tape = header.substr(opening.size(), header.size() - opening.size() - 1);
  const sw_node gradient_statement = next_statement(run, site.with);
  sw_node apply_statement =
      gradient_statement == SW_NO_NODE ? SW_NO_NODE : next_statement(run, gradient_statement);
  // A clip optimizer_wrap wrote before the update (from an optimizer that clips) stays there.
  for (const Call& call : calls) {
    if (call.statement == apply_statement && call.line == call.original &&
        run.knowledge.call_operation(run.tree, call.index, run.target) == "clip_grad_norm") {
      apply_statement = next_statement(run, apply_statement);
      break;
    }
  }
  const std::string apply_method = method_of(run, run.source, "apply_gradients/method");
  std::string grads, sources;
  for (const Call& call : calls) {
    if (call.statement == gradient_statement &&
        run.knowledge.call_operation(run.tree, call.index, run.source) == "tape_gradient") {
      const auto hub = sdk::read_hub_call(run.knowledge, run.tree, call.index, run.source);
      const size_t equals = call.line.find(" = ");
      if (!hub || hub->text("tape") != tape || equals == std::string::npos ||
          call.line.substr(equals + 3) != call.original) {
        continue;
      }
      site.gradient = &call;
      site.loss = hub->text("target").value_or("");
      sources = hub->text("sources").value_or("");
      grads = call.line.substr(0, equals);
    }
    if (call.statement == apply_statement && call.line == call.original &&
        !method_receiver(call, apply_method).empty()) {
      site.apply = &call;
      site.optimizer = method_receiver(call, apply_method);
    }
  }
  if (site.gradient == nullptr || site.apply == nullptr) {
    why = "'grads = " + tape + ".gradient(loss, params)' and 'optimizer." + apply_method +
          "(zip(grads, params))' do not follow it";
  } else if (!is_identifier(site.loss) || !is_identifier(grads)) {
    why = "its loss or gradients are not a name";
  } else if (site.apply->arguments.positional.size() != 1 || site.apply->arguments.count() != 1 ||
             site.apply->arguments.positional[0] != "zip(" + grads + ", " + sources + ")") {
    why = "the update does not apply '" + grads + "' to '" + sources + "'";
  } else if (word_count(scope_text(run.service, run.tree, site.with), grads) != 2) {
    why = "'" + grads + "' is used for more than the update";
  }
  if (!why.empty()) return std::nullopt;
  return site;
}

// The recording block's body without its indentation, or "" when it cannot be moved.
std::string body_of(const HookRun& run, sw_node with) {
  sw_node block = SW_NO_NODE;
  const std::vector<sw_node> body = body_statements(run.service, run.tree, with, block);
  if (body.empty()) return "";
  uint32_t line = 0, column = 0;
  run.service.position(run.tree, body.front(), &line, &column);
  return dedented(text_of(run.service.text(run.tree, block)), column - 1);
}

}  // namespace

int32_t tape_to_step(const TrainingHook& hook, const HookRun& run) {
  const sw_tree_service& service = run.service;
  sw_tree* tree = run.tree;
  const std::vector<Call> calls = calls_of(service, tree);
  bool changed = false;
  for (const Call& record : calls) {
    if (run.knowledge.call_operation(tree, record.index, run.source) != "record_gradients") {
      continue;
    }
    std::string why;
    const auto site = tape_site(run, calls, record, why);
    const std::string body = site ? body_of(run, site->with) : "";
    if (site && body.empty()) why = "a line of its body is indented less than the body";
    if (!why.empty()) {
      warn(hook, service, tree, record, "'" + record.original + "' is left as it is: " + why);
      continue;
    }
    const auto reset = written(hook, run, record, "zero_grad", {{"optimizer", site->optimizer}});
    const auto backward = written(hook, run, *site->gradient, "backward", {{"loss", site->loss}});
    const auto step =
        written(hook, run, *site->apply, "optimizer_step", {{"optimizer", site->optimizer}});
    if (!reset || !backward || !step) continue;
    const std::string text = *reset + "\n" + body + *backward;
    if (service.insert_statement(tree, site->with, 1, text.c_str()) != SW_OK ||
        service.remove_statement(tree, site->with) != SW_OK ||
        service.remove_statement(tree, site->gradient->statement) != SW_OK ||
        service.replace_call(tree, site->apply->index, step->c_str()) != SW_OK) {
      return SW_FAILED;
    }
    changed = true;
  }
  return changed ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
}

}  // namespace switcheroo::hooks::training
