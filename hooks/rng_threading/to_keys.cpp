// Towards explicit keys (PyTorch or NumPy -> Flax NNX / JAX):
//   torch.randn(2, 3)            -> jax.random.normal(key, (2, 3))
//   F.dropout(x, p, training)    -> jnp.where(jax.random.bernoulli(key, 1 - p, x.shape), ...)
//   torch.manual_seed(s)         -> key = jax.random.key(s)
// A draw is a call whose hub operation takes a `key` argument; it is written through the
// target's spoke with its key filled in. A function that draws gains a first parameter `key`
// (unless it seeds a key itself); one that draws several times splits it; calls of such
// functions in the file pass them a key of their own. In the methods of a class, draws take a
// key from the target's key-stream object (`rngs.params()` in the constructor,
// `self.rngs.dropout()` / `self.rngs.default()` elsewhere).
#include "rng_threading.h"

#include <switcheroo/tree.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace rng_threading {
namespace {

using switcheroo::hooks::Definitions;
using switcheroo::hooks::HookRun;
using switcheroo::hooks::Place;

enum class Draw { sample, dropout };

// One random draw, or a call of a function of the file that takes a key.
struct Consumer {
  uint32_t call;
  std::string name;
  std::string original;  // the call as written: callee(arguments)
  std::string key;       // the key it is given
  Draw draw = Draw::sample;
  bool local = false;  // a call of a function of this file that takes a key
  HubCall hub;
  size_t argument_count = 0;
  uint32_t line = 0, column = 0;
  sw_node statement = SW_NO_NODE;
  Place place;
};

// A name or a dotted attribute: cheap to write more than once.
bool is_name(const std::string& text) {
  return !text.empty() && text.find_first_not_of(
                              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") ==
                              std::string::npos;
}

class ToKeys {
 public:
  ToKeys(const Options& options, const HookRun& run)
      : options_(options),
        run_(run),
        service_(run.service),
        tree_(run.tree),
        definitions_(Definitions::of(run.service, run.tree)),
        streams_(run.target_trait("rng.parameter")) {}

  int32_t run() {
    if (!collect()) return SW_FAILED;
    const bool draws = std::any_of(consumers_.begin(), consumers_.end(),
                                   [](const Consumer& consumer) { return !consumer.local; });
    if (!draws && seeds_.empty()) return SW_HOOK_UNCHANGED;
    keyed_functions();
    // Scopes: -1 is the module, otherwise a function definition's index.
    std::map<int, std::vector<const Consumer*>> scopes;
    for (const Consumer& consumer : consumers_) {
      if (consumer.local && !keyed_.count(consumer.name)) continue;
      scopes[consumer.place.function].push_back(&consumer);
    }
    for (const auto& [scope, consumers] : scopes) {
      if (!thread_scope(scope, consumers)) return SW_FAILED;
    }
    // Functions that take a key only for the nested functions they define.
    for (size_t index = 0; index < definitions_.items.size(); ++index) {
      const auto& info = definitions_.items[index];
      if (info.kind == SW_DEFINITION_FUNCTION && std::string(info.qualified) == info.name &&
          keyed_.count(info.name) && !give_key(static_cast<int>(index))) {
        return SW_FAILED;
      }
    }
    if (!rewrite_calls()) return SW_FAILED;
    for (sw_node statement : seeds_) {
      if (service_.remove_statement(tree_, statement) != SW_OK) return SW_FAILED;
    }
    for (const auto& [statement, lines] : prefixes_) {
      if (service_.insert_statement(tree_, statement, 0, lines.c_str()) != SW_OK) {
        return SW_FAILED;
      }
    }
    return SW_HOOK_CHANGED;
  }

 private:
  // `operation` with `arguments` in the target's spelling; nullopt after a warning.
  std::optional<std::string> spelled(const std::string& operation, nlohmann::json arguments,
                                     uint32_t line, uint32_t column) {
    return write_hub_call(options_, run_, HubCall{operation, std::move(arguments), {}}, line, column);
  }

  bool collect() {
    for (const auto& info : definitions_.items) {
      if (info.kind == SW_DEFINITION_FUNCTION && std::string(info.qualified) == info.name) {
        top_functions_.insert(info.name);
      }
    }
    for (uint32_t index = 0; index < service_.call_count(tree_); ++index) {
      sw_call_info call{};
      call.struct_size = sizeof(call);
      if (service_.call(tree_, index, &call) != SW_OK) break;
      Consumer consumer{index, call.name, {}, {}, Draw::sample, false, {}, call.argument_count,
                        call.line, call.column, 0, {}};
      consumer.original = switcheroo::hooks::text_of(call.callee) +
                          switcheroo::hooks::text_of(service_.text(tree_, call.trailer));
      if (call.kind == SW_CALL_LOCAL) {
        if (!top_functions_.count(consumer.name)) continue;
        consumer.local = true;
      } else {
        auto hub = read_hub_call(run_, index);
        // A call with its own generator object does not read: left as it is.
        if (!hub || (!hub->key.empty() && hub->arguments.contains(hub->key))) continue;
        consumer.hub = std::move(*hub);
        if (consumer.hub.operation != "seed" && consumer.hub.key.empty()) continue;
        if (consumer.hub.operation == "dropout") consumer.draw = Draw::dropout;
      }
      consumer.statement = service_.statement_of(tree_, call.trailer);
      consumer.place = switcheroo::hooks::place_of(service_, tree_, definitions_, call.trailer);
      if (consumer.hub.operation == "seed") {
        if (!seed(consumer)) return false;
        continue;
      }
      consumers_.push_back(std::move(consumer));
    }
    return true;
  }

  // `torch.manual_seed(s)` as its own statement becomes `key = <root key>(s)`, before the next
  // statement (an edit may not both replace and remove one statement).
  bool seed(const Consumer& consumer) {
    auto value = consumer.hub.text("seed");
    if (!value || *value == "None") return true;  // fresh entropy: no fixed key
    const std::string statement =
        switcheroo::hooks::text_of(service_.text(tree_, consumer.statement));
    if (statement.find(';') != std::string::npos) return true;
    const sw_node next = next_statement(service_, tree_, consumer.statement);
    if (next == SW_NO_NODE) return true;
    auto root = spelled("seed", {{"seed", *value}}, consumer.line, consumer.column);
    if (!root) return true;
    prefixes_[next] += options_.key + " = " + *root + "\n";
    seeds_.push_back(consumer.statement);
    seeded_.insert(consumer.place.function);
    return true;
  }

  // The functions that take a key: those that draw without seeding, and their callers.
  void keyed_functions() {
    bool grew = true;
    while (grew) {
      grew = false;
      for (const Consumer& consumer : consumers_) {
        const int scope = consumer.place.function;
        if (scope < 0 || in_method(consumer) || seeded_.count(scope)) continue;
        if (consumer.local && !keyed_.count(consumer.name)) continue;
        // A nested function draws from the key of the function it is in (a closure).
        const std::string qualified = definitions_.items[static_cast<size_t>(scope)].qualified;
        const std::string name = qualified.substr(0, qualified.find('.'));
        if (!top_functions_.count(name)) continue;
        grew = keyed_.insert(name).second || grew;
      }
    }
  }

  // Draws in methods take keys from the target's key-stream object, when it has one.
  bool in_method(const Consumer& consumer) const {
    return consumer.place.owner_class >= 0 && !streams_.empty();
  }

  // The key parameter, first, annotated like the function's other parameters.
  bool give_key(int function) {
    if (!given_.insert(function).second || has_parameter(function, options_.key)) return true;
    std::string parameter = options_.key;
    if (annotated(function)) {
      const std::string type = run_.target_trait("arrays.type");
      auto spelled_type = type.empty() ? std::nullopt : run_.knowledge.spell(tree_, run_.target, type);
      if (spelled_type) parameter += ": " + *spelled_type;
    }
    return service_.insert_parameter(tree_, static_cast<uint32_t>(function), 0,
                                     parameter.c_str()) == SW_OK;
  }

  bool annotated(int function) const {
    const auto& info = definitions_.items[static_cast<size_t>(function)];
    for (uint32_t item = 0; item < info.item_count; ++item) {
      sw_text name{};
      const sw_node node =
          service_.definition_item(tree_, static_cast<uint32_t>(function), item, &name);
      if (switcheroo::hooks::text_of(service_.text(tree_, node)).find(':') != std::string::npos) {
        return true;
      }
    }
    return false;
  }

  bool has_parameter(int function, const std::string& name) const {
    const auto& info = definitions_.items[static_cast<size_t>(function)];
    for (uint32_t item = 0; item < info.item_count; ++item) {
      sw_text parameter{};
      service_.definition_item(tree_, static_cast<uint32_t>(function), item, &parameter);
      if (switcheroo::hooks::text_of(parameter) == name) return true;
    }
    return false;
  }

  bool thread_scope(int scope, const std::vector<const Consumer*>& consumers) {
    if (scope >= 0 && in_method(*consumers.front())) return thread_method(scope, consumers);
    if (scope >= 0 && !seeded_.count(scope)) {
      const std::string name = definitions_.items[static_cast<size_t>(scope)].name;
      // A nested function draws from the key of the function around it.
      if (keyed_.count(name) && !give_key(scope)) return false;
    } else if (scope < 0 && !seeded_.count(scope) && !root_key(*consumers.front())) {
      return false;
    }
    std::vector<std::string> keys;
    const bool flat = std::none_of(consumers.begin(), consumers.end(),
                                   [](const Consumer* c) { return c->place.nested; });
    if (consumers.size() == 1 && !consumers.front()->place.in_loop) {
      keys.push_back(options_.key);
    } else if (flat) {
      if (!split_once(consumers, keys)) return false;
    } else if (!split_per_statement(consumers, keys)) {
      return false;
    }
    for (size_t i = 0; i < consumers.size(); ++i) keys_[consumers[i]->call] = keys[i];
    return true;
  }

  // Module-level draws with no seed: a fixed root key, said out loud.
  bool root_key(const Consumer& first) {
    auto root = spelled("seed", {{"seed", "0"}}, first.line, first.column);
    if (!root) return false;
    prefixes_[first.statement] += options_.key + " = " + *root + "\n";
    options_.host.report(switcheroo::sdk::Severity::note, service_.file(tree_), first.line,
                         first.column,
                         "the module draws random numbers without a seed: rng_threading starts "
                         "from " + *root,
                         kId);
    return true;
  }

  // `key1, key2 = split(key)` before the first draw, one key each.
  bool split_once(const std::vector<const Consumer*>& consumers, std::vector<std::string>& keys) {
    std::string targets;
    for (size_t i = 0; i < consumers.size(); ++i) {
      keys.push_back(options_.key + std::to_string(i + 1));
      targets += (i ? ", " : "") + keys.back();
    }
    auto split = split_call(consumers.size(), *consumers.front());
    if (!split) return false;
    prefixes_[consumers.front()->statement] += targets + " = " + *split + "\n";
    return true;
  }

  // Inside loops and branches: a fresh subkey before each statement that draws.
  bool split_per_statement(const std::vector<const Consumer*>& consumers,
                           std::vector<std::string>& keys) {
    std::map<sw_node, std::vector<size_t>> by_statement;
    for (size_t i = 0; i < consumers.size(); ++i) {
      by_statement[consumers[i]->statement].push_back(i);
    }
    keys.resize(consumers.size());
    for (const auto& [statement, members] : by_statement) {
      std::string targets = options_.key;
      for (size_t j = 0; j < members.size(); ++j) {
        keys[members[j]] =
            members.size() == 1 ? "sub" + options_.key : options_.key + std::to_string(j + 1);
        targets += ", " + keys[members[j]];
      }
      auto split = split_call(members.size() + 1, *consumers[members.front()]);
      if (!split) return false;
      prefixes_[statement] += targets + " = " + *split + "\n";
    }
    return true;
  }

  std::optional<std::string> split_call(size_t count, const Consumer& at) {
    nlohmann::json arguments = {{"key", options_.key}};
    if (count != 2) arguments["num"] = std::to_string(count);
    return spelled("split_key", arguments, at.line, at.column);
  }

  bool thread_method(int scope, const std::vector<const Consumer*>& consumers);
  int init_of(int owner) const;
  bool ensure_streams_parameter(int init);
  bool keep_streams(int owner);
  std::optional<std::string> draw_text(Consumer& consumer);
  bool substitute_inner(Consumer& consumer, const std::string& text,
                        std::vector<Consumer*>& keyed);
  bool rewrite_calls();

  const Options& options_;
  const HookRun& run_;
  const sw_tree_service& service_;
  sw_tree* tree_;
  Definitions definitions_;
  std::string streams_;  // the target's key-stream parameter (`rngs`), "" when none
  std::vector<Consumer> consumers_;
  std::vector<sw_node> seeds_;
  std::set<int> seeded_;  // scopes with a seed statement
  std::set<std::string> keyed_;
  std::set<std::string> top_functions_;      // module-level functions of the file
  std::set<int> given_;                      // functions given their key parameter
  std::map<sw_node, std::string> prefixes_;  // statements to put before a statement
  std::set<int> streams_added_, kept_;
  std::map<uint32_t, std::string> keys_;  // call index -> the key it draws with
};

// Draws in the methods of a class take their keys from the key-stream object's streams.
bool ToKeys::thread_method(int scope, const std::vector<const Consumer*>& consumers) {
  const auto& method = definitions_.items[static_cast<size_t>(scope)];
  const bool init = std::string(method.name) == run_.target_trait("module.constructor");
  const int owner = consumers.front()->place.owner_class;
  for (const Consumer* consumer : consumers) {
    const std::string& stream = consumer->draw == Draw::dropout ? options_.dropout_stream
                                : init                          ? options_.params_stream
                                                                : options_.sample_stream;
    keys_[consumer->call] = (init ? "" : "self.") + streams_ + "." + stream + "()";
  }
  return init ? ensure_streams_parameter(scope) : keep_streams(owner);
}

int ToKeys::init_of(int owner) const {
  const std::string constructor =
      std::string(definitions_.items[static_cast<size_t>(owner)].qualified) + "." +
      run_.target_trait("module.constructor");
  for (size_t i = 0; i < definitions_.items.size(); ++i) {
    const auto& info = definitions_.items[i];
    if (info.kind == SW_DEFINITION_FUNCTION && std::string(info.qualified) == constructor) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// The constructor's keyword-only `rngs: nnx.Rngs`, unless class rewriting gave it already.
bool ToKeys::ensure_streams_parameter(int init) {
  if (has_parameter(init, streams_) || !streams_added_.insert(init).second) return true;
  const auto& info = definitions_.items[static_cast<size_t>(init)];
  bool star = false;
  uint32_t position = info.item_count;
  for (uint32_t item = 0; item < info.item_count; ++item) {
    sw_text name{};
    const sw_node node = service_.definition_item(tree_, static_cast<uint32_t>(init), item, &name);
    const std::string text = switcheroo::hooks::text_of(service_.text(tree_, node));
    if (text.rfind("**", 0) == 0) {
      position = item;
      break;
    }
    if (text.rfind("*", 0) == 0) star = true;
  }
  std::string parameter = streams_;
  const std::string type = run_.target_trait("rng.type");
  if (auto spelled_type = type.empty() ? std::nullopt : run_.knowledge.spell(tree_, run_.target, type)) {
    parameter += ": " + *spelled_type;
  }
  if (!star) parameter = "*, " + parameter;
  return service_.insert_parameter(tree_, static_cast<uint32_t>(init), position,
                                   parameter.c_str()) == SW_OK;
}

// `self.rngs = rngs` at the end of the constructor, once per class.
bool ToKeys::keep_streams(int owner) {
  if (!kept_.insert(owner).second) return true;
  const int init = init_of(owner);
  if (init < 0) {
    const auto& info = definitions_.items[static_cast<size_t>(owner)];
    options_.host.report(switcheroo::sdk::Severity::warning, service_.file(tree_), info.line,
                         info.column,
                         "class '" + std::string(info.name) + "' draws random numbers but has no " +
                             run_.target_trait("module.constructor") + " to keep " + streams_ +
                             " in",
                         kId);
    return true;
  }
  const auto& info = definitions_.items[static_cast<size_t>(init)];
  const auto statements = switcheroo::hooks::statements_of(service_, tree_, info.body);
  if (statements.empty()) return true;
  const std::string keep = "self." + streams_ + " = " + streams_;
  for (sw_node statement : statements) {
    if (switcheroo::hooks::text_of(service_.text(tree_, statement)) == keep) return true;
  }
  if (!ensure_streams_parameter(init)) return false;
  return service_.insert_statement(tree_, statements.back(), 1, keep.c_str()) == SW_OK;
}

// One draw in the target's spelling with its key; dropout's training flag decides between the
// draw, the input itself, or a conditional of both. Nullopt when it cannot be written.
std::optional<std::string> ToKeys::draw_text(Consumer& consumer) {
  HubCall hub = consumer.hub;
  hub.arguments[hub.key] = consumer.key;
  if (consumer.draw != Draw::dropout) {
    return write_hub_call(options_, run_, hub, consumer.line, consumer.column);
  }
  auto input = hub.text("input");
  if (!input) return std::nullopt;
  const std::string training = hub.text("training").value_or("True");
  if (training == "False") return *input;
  // The input is used more than once: anything but a name is computed once, before.
  if (!is_name(*input)) {
    prefixes_[consumer.statement] += "dropout_input = " + *input + "\n";
    hub.arguments["input"] = "dropout_input";
  }
  hub.arguments.erase("training");
  auto dropped = write_hub_call(options_, run_, hub, consumer.line, consumer.column);
  if (!dropped || training == "True") return dropped;
  return *dropped + " if " + training + " else " + hub.text("input").value_or(*input);
}

// A draw inside another consumer's arguments is written into that one's text (two edits may
// not overlap). True when `consumer` was such an inner call.
bool ToKeys::substitute_inner(Consumer& consumer, const std::string& text,
                              std::vector<Consumer*>& keyed) {
  for (Consumer* outer : keyed) {
    if (outer == &consumer || outer->statement != consumer.statement) continue;
    const size_t at = outer->original.find(consumer.original);
    if (at == std::string::npos || at == 0) continue;
    for (auto& [name, value] : outer->hub.arguments.items()) {
      if (!value.is_string()) continue;
      std::string argument = value.get<std::string>();
      const size_t inside = argument.find(consumer.original);
      if (inside == std::string::npos) continue;
      argument.replace(inside, consumer.original.size(), text);
      value = argument;
      break;
    }
    outer->original.replace(at, consumer.original.size(), text);
    return true;
  }
  return false;
}

bool ToKeys::rewrite_calls() {
  std::vector<Consumer*> keyed;
  for (Consumer& consumer : consumers_) {
    auto key = keys_.find(consumer.call);
    if (key == keys_.end()) continue;
    consumer.key = key->second;
    keyed.push_back(&consumer);
  }
  // Inner calls come later in source order than the calls around them: go backwards.
  std::set<uint32_t> inner;
  std::map<uint32_t, std::string> texts;
  for (auto it = keyed.rbegin(); it != keyed.rend(); ++it) {
    Consumer& consumer = **it;
    std::string text;
    if (consumer.local) {
      const size_t open = consumer.original.find('(');
      text = consumer.original.substr(0, open + 1) + consumer.key +
             (consumer.argument_count ? ", " : "") + consumer.original.substr(open + 1);
    } else if (auto drawn = draw_text(consumer)) {
      text = *drawn;
    } else {
      continue;  // not writable: left as it was, with the warning said
    }
    if (substitute_inner(consumer, text, keyed)) inner.insert(consumer.call);
    texts[consumer.call] = text;
  }
  for (const auto& [call, text] : texts) {
    if (inner.count(call)) continue;
    if (service_.replace_call(tree_, call, text.c_str()) != SW_OK) return false;
  }
  return true;
}

}  // namespace

int32_t to_keys(const Options& options, const HookRun& run) { return ToKeys(options, run).run(); }

}  // namespace rng_threading
