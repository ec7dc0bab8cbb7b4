// rng_threading: PyTorch's stateful randomness as JAX's explicit keys, and back.
//
// PyTorch -> Flax NNX / JAX, in plain functions:
//   torch.randn(2, 3)            -> jax.random.normal(key, (2, 3))
//   torch.rand_like(x)           -> jax.random.uniform(key, x.shape, x.dtype)
//   F.dropout(x, p, training)    -> jnp.where(jax.random.bernoulli(key, 1 - p, x.shape), x / (1 -
//   p), 0) torch.manual_seed(s)         -> key = jax.random.key(s)
// A function that draws gains a first parameter `key` (unless it seeds a key itself); one that
// draws several times splits it (`key1, key2 = jax.random.split(key)`, or `key, subkey =
// jax.random.split(key)` before each draw inside loops and branches); calls of such functions in
// the file pass them a key of their own.
//
// In the methods of a class (an nnx.Module after the engine) draws take a key from an nnx.Rngs
// stream instead: `rngs.params()` in __init__, `self.rngs.dropout()` / `self.rngs.default()`
// elsewhere, with `self.rngs = rngs` kept in __init__.
//
// Flax NNX / JAX -> PyTorch: the key arguments go, `jax.random.split` statements go, a root key
// `key = jax.random.key(s)` becomes `torch.manual_seed(s)`, and functions lose their key
// parameter.
#include <switcheroo/hook.hpp>

#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr const char* kId = "rng_threading";

using switcheroo::hooks::CallArguments;
using switcheroo::hooks::HookRun;
using switcheroo::hooks::Definitions;
using switcheroo::hooks::operand;
using switcheroo::hooks::Place;
using switcheroo::hooks::trimmed;
using switcheroo::sdk::InitContext;
using switcheroo::sdk::PluginError;

class RngThreading {
 public:
  explicit RngThreading(const InitContext& context) : host(context.host) {
    nlohmann::json options;
    try {
      options = nlohmann::json::parse(context.options_json);
    } catch (const nlohmann::json::exception&) {
      throw PluginError("its options are not a JSON object");
    }
    for (const auto& [name, value] : options.items()) {
      std::string* slot = name == "key"              ? &key
                          : name == "params_stream"  ? &params_stream
                          : name == "dropout_stream" ? &dropout_stream
                          : name == "sample_stream"  ? &sample_stream
                                                     : nullptr;
      if (slot == nullptr) {
        throw PluginError("unknown option '" + name +
                          "'; rng_threading takes key, params_stream, dropout_stream and "
                          "sample_stream");
      }
      if (!value.is_string() || !switcheroo::hooks::is_identifier(value.get<std::string>())) {
        throw PluginError("option '" + name + "' must be a Python name, not " + value.dump());
      }
      *slot = value.get<std::string>();
    }
  }

  switcheroo::sdk::Host host;
  std::string key = "key";
  std::string params_stream = "params";
  std::string dropout_stream = "dropout";
  std::string sample_stream = "default";
};

bool is_token(std::string_view kind) {
  return kind == "NEWLINE" || kind == "INDENT" || kind == "DEDENT";
}
// The statement after `statement` in its block, or SW_NO_NODE.
sw_node next_statement(const sw_tree_service& service, const sw_tree* tree, sw_node statement) {
  sw_node next = service.next_sibling(tree, statement);
  while (next != SW_NO_NODE && is_token(service.kind(tree, next))) {
    next = service.next_sibling(tree, next);
  }
  return next;
}

// What one draw needs: which stream feeds it in a module, and how it is written given a key.
enum class Draw { sample, dropout, seed };

const std::map<std::string, Draw>& torch_draws() {
  static const std::map<std::string, Draw> draws = {
      {"torch.randn", Draw::sample},          {"torch.rand", Draw::sample},
      {"torch.randn_like", Draw::sample},     {"torch.rand_like", Draw::sample},
      {"torch.randint", Draw::sample},        {"torch.bernoulli", Draw::sample},
      {"torch.multinomial", Draw::sample},    {"torch.randperm", Draw::sample},
      {"torch.normal", Draw::sample},         {"torch.nn.functional.dropout", Draw::dropout},
      {"torch.manual_seed", Draw::seed},      {"numpy.random.rand", Draw::sample},
      {"numpy.random.randn", Draw::sample},   {"numpy.random.random_sample", Draw::sample},
      {"numpy.random.random", Draw::sample},  {"numpy.random.standard_normal", Draw::sample},
      {"numpy.random.uniform", Draw::sample}, {"numpy.random.normal", Draw::sample},
      {"numpy.random.randint", Draw::sample}, {"numpy.random.permutation", Draw::sample},
      {"numpy.random.seed", Draw::seed},
  };
  return draws;
}

// torch.randn(2, 3), torch.randn((2, 3)) and torch.randn(size=(2, 3)) all give the shape (2, 3).
std::string shape_of(const CallArguments& arguments, size_t skip) {
  if (auto size = arguments.get("size", SIZE_MAX)) return *size;
  std::vector<std::string> sizes(
      arguments.positional.begin() + static_cast<long>(std::min(skip, arguments.positional.size())),
      arguments.positional.end());
  if (sizes.size() == 1 && !switcheroo::hooks::is_number(sizes[0]) &&
      !switcheroo::hooks::is_identifier(sizes[0])) {
    return sizes[0];  // already a tuple, list or shape expression
  }
  if (sizes.size() == 1) return "(" + sizes[0] + ",)";
  std::string shape = "(";
  for (size_t i = 0; i < sizes.size(); ++i) shape += (i ? ", " : "") + sizes[i];
  return shape + ")";
}

std::string dtype_argument(const CallArguments& arguments) {
  auto dtype = arguments.get("dtype", SIZE_MAX);
  if (!dtype) return "";
  std::string value = *dtype;
  if (value.rfind("torch.", 0) == 0) value = "jnp." + value.substr(6);
  return ", dtype=" + value;
}

// NumPy takes an int as a shape, JAX only tuples: a literal or one axis of a shape is wrapped.
std::string numpy_size(const CallArguments& arguments, size_t position) {
  const std::string size = arguments.get("size", position).value_or("()");
  const bool one_axis = !size.empty() && size.back() == ']' &&
                        size.find(".shape[") != std::string::npos &&
                        size.find(':') == std::string::npos;
  if (switcheroo::hooks::is_number(size) || one_axis) return "(" + size + ",)";
  return size;
}

// A name or a dotted attribute: cheap to write twice.
bool is_name(const std::string& text) {
  return !text.empty() && text.find_first_not_of(
                              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") ==
                              std::string::npos;
}

// mean + std * draw, without a zero mean or a unit scale.
std::string scaled(const std::string& mean, const std::string& std, const std::string& draw) {
  std::string text = std == "1" || std == "1.0" ? draw : operand(std) + " * " + draw;
  if (mean != "0" && mean != "0.0") text = operand(mean) + " + " + text;
  return text;
}

// The JAX form of one PyTorch draw with key `key`; empty when the call is not understood.
std::string jax_draw(const std::string& name, const CallArguments& arguments,
                     const std::string& key, bool& uses_jnp, std::string& hoisted) {
  if (name == "torch.randn" || name == "torch.rand") {
    const std::string function = name == "torch.randn" ? "normal" : "uniform";
    return "jax.random." + function + "(" + key + ", " + shape_of(arguments, 0) +
           dtype_argument(arguments) + ")";
  }
  if (name == "torch.randn_like" || name == "torch.rand_like") {
    auto input = arguments.get("input", 0);
    if (!input) return "";
    const std::string x = operand(*input);
    const std::string function = name == "torch.randn_like" ? "normal" : "uniform";
    std::string dtype = dtype_argument(arguments);
    if (dtype.empty()) dtype = ", dtype=" + x + ".dtype";
    return "jax.random." + function + "(" + key + ", " + x + ".shape" + dtype + ")";
  }
  if (name == "torch.randint") {
    // randint(high, size) or randint(low, high, size), any of them by keyword.
    const auto& given = arguments.positional;
    const bool has_low =
        given.size() >= 3 || (given.size() == 2 && arguments.get("size", SIZE_MAX)) ||
        (given.size() == 1 && arguments.get("high", SIZE_MAX)) || arguments.get("low", SIZE_MAX);
    const size_t shift = has_low ? 1 : 0;
    const std::optional<std::string> low = has_low ? arguments.get("low", 0) : std::nullopt;
    const std::optional<std::string> high = arguments.get("high", shift);
    const std::optional<std::string> size = arguments.get("size", shift + 1);
    if (!high || !size) return "";
    return "jax.random.randint(" + key + ", " + *size + ", " + low.value_or("0") + ", " + *high +
           dtype_argument(arguments) + ")";
  }
  if (name == "torch.bernoulli") {
    auto p = arguments.get("input", 0);
    if (!p) return "";
    // PyTorch gives 0/1 of the probabilities' dtype, JAX booleans.
    uses_jnp = uses_jnp || !is_name(*p);
    const std::string dtype = is_name(*p) ? *p + ".dtype" : "jnp.float32";
    return "jax.random.bernoulli(" + key + ", " + *p + ").astype(" + dtype + ")";
  }
  if (name == "torch.randperm") {
    auto n = arguments.get("n", 0);
    if (!n) return "";
    return "jax.random.permutation(" + key + ", " + *n + ")";
  }
  if (name == "torch.multinomial") {
    auto p = arguments.get("input", 0);
    auto n = arguments.get("num_samples", 1);
    if (!p || !n) return "";
    const std::string replacement = arguments.get("replacement", 2).value_or("False");
    // One row of probabilities: a choice among its indices.
    return "jax.random.choice(" + key + ", " + operand(*p) + ".shape[-1], (" + *n +
           ",), replace=" + replacement + ", p=" + *p + ")";
  }
  if (name == "torch.normal") {
    auto mean = arguments.get("mean", 0);
    auto std = arguments.get("std", 1);
    if (!mean || !std) return "";
    std::string shape;
    if (auto size = arguments.get("size", 2)) {
      shape = *size;
    } else {
      uses_jnp = true;
      shape = "jnp.broadcast_shapes(jnp.shape(" + *mean + "), jnp.shape(" + *std + "))";
    }
    return scaled(*mean, *std, "jax.random.normal(" + key + ", " + shape + ")");
  }
  if (name == "numpy.random.rand" || name == "numpy.random.randn") {
    const std::string function = name == "numpy.random.randn" ? "normal" : "uniform";
    return "jax.random." + function + "(" + key + ", " + shape_of(arguments, 0) + ")";
  }
  if (name == "numpy.random.random_sample" || name == "numpy.random.random" ||
      name == "numpy.random.standard_normal") {
    const std::string function = name == "numpy.random.standard_normal" ? "normal" : "uniform";
    return "jax.random." + function + "(" + key + ", " + numpy_size(arguments, 0) + ")";
  }
  if (name == "numpy.random.uniform" || name == "numpy.random.normal") {
    const bool normal = name == "numpy.random.normal";
    const std::string first =
        arguments.get(normal ? "loc" : "low", 0).value_or(normal ? "0.0" : "0.0");
    const std::string second = arguments.get(normal ? "scale" : "high", 1).value_or("1.0");
    const std::string size = numpy_size(arguments, 2);
    if (!normal) {
      return "jax.random.uniform(" + key + ", " + size + ", minval=" + first +
             ", maxval=" + second + ")";
    }
    return scaled(first, second, "jax.random.normal(" + key + ", " + size + ")");
  }
  if (name == "numpy.random.randint") {
    auto low = arguments.get("low", 0);
    auto high = arguments.get("high", 1);
    if (!low) return "";
    const std::string size = numpy_size(arguments, 2);
    if (!high) return "jax.random.randint(" + key + ", " + size + ", 0, " + *low + ")";
    return "jax.random.randint(" + key + ", " + size + ", " + *low + ", " + *high + ")";
  }
  if (name == "numpy.random.permutation") {
    auto x = arguments.get("x", 0);
    if (!x) return "";
    return "jax.random.permutation(" + key + ", " + *x + ")";
  }
  if (name == "torch.nn.functional.dropout") {
    auto input = arguments.get("input", 0);
    if (!input) return "";
    // The input is used three times: anything but a name is computed once, before.
    std::string x = *input;
    if (!is_name(x)) {
      hoisted = "dropout_input = " + x;
      x = "dropout_input";
    }
    const std::string p = arguments.get("p", 1).value_or("0.5");
    const std::string training = arguments.get("training", 2).value_or("True");
    std::string keep = "1 - " + operand(p);
    if (switcheroo::hooks::is_number(p) && p.find_first_of("e_") == std::string::npos &&
        p.size() < 20) {
      std::ostringstream folded;
      folded << 1.0 - std::stod(p);
      keep = folded.str();
      if (keep.find('.') == std::string::npos) keep += ".0";
    }
    uses_jnp = true;
    const std::string dropped = "jnp.where(jax.random.bernoulli(" + key + ", " + keep + ", " + x +
                                ".shape), " + x + " / " + operand(keep) + ", 0)";
    if (training == "True") return dropped;
    if (training == "False") return x;
    return dropped + " if " + training + " else " + x;
  }
  return "";
}

// One random draw, or a call of a function of the file that takes a key.
struct Consumer {
  uint32_t call;
  std::string name;
  std::string original;  // the call as written: callee(arguments)
  std::string key;       // the key it is given
  Draw draw;
  bool local;  // a call of a function of this file that takes a key
  CallArguments arguments;
  sw_node statement;
  Place place;
};

class ToKeys {
 public:
  ToKeys(const RngThreading& plugin, const sw_tree_service& service, sw_tree* tree)
      : plugin_(plugin),
        service_(service),
        tree_(tree),
        definitions_(Definitions::of(service, tree)) {}

  int32_t run() {
    collect();
    const bool draws = std::any_of(consumers_.begin(), consumers_.end(),
                                   [](const Consumer& consumer) { return !consumer.local; });
    if (!draws && seeds_.empty()) return SW_HOOK_UNCHANGED;
    keyed_functions();
    bool uses_jnp = false;
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
    if (!rewrite_calls(uses_jnp)) return SW_FAILED;
    for (sw_node statement : seeds_) {
      if (service_.remove_statement(tree_, statement) != SW_OK) return SW_FAILED;
    }
    for (const auto& [statement, lines] : prefixes_) {
      if (service_.insert_statement(tree_, statement, 0, lines.c_str()) != SW_OK) {
        return SW_FAILED;
      }
    }
    if (service_.add_import(tree_, "import jax") != SW_OK) return SW_FAILED;
    if (uses_jnp && service_.add_import(tree_, "import jax.numpy as jnp") != SW_OK) {
      return SW_FAILED;
    }
    return SW_HOOK_CHANGED;
  }

 private:
  void collect() {
    std::set<std::string>& functions = top_functions_;
    for (const auto& info : definitions_.items) {
      if (info.kind == SW_DEFINITION_FUNCTION && std::string(info.qualified) == info.name) {
        functions.insert(info.name);
      }
    }
    for (uint32_t index = 0; index < service_.call_count(tree_); ++index) {
      sw_call_info call{};
      call.struct_size = sizeof(call);
      if (service_.call(tree_, index, &call) != SW_OK) break;
      const std::string name = call.name;
      Consumer consumer{index, name, {}, {}, Draw::sample, false, {}, 0, {}};
      consumer.original = switcheroo::hooks::text_of(call.callee) +
                          switcheroo::hooks::text_of(service_.text(tree_, call.trailer));
      if (call.kind == SW_CALL_FUNCTION) {
        auto draw = torch_draws().find(name);
        if (draw == torch_draws().end()) continue;
        consumer.draw = draw->second;
      } else if (call.kind == SW_CALL_LOCAL && functions.count(name)) {
        consumer.local = true;
      } else {
        continue;
      }
      consumer.arguments =
          switcheroo::hooks::call_arguments(service_, tree_, index, call.argument_count);
      // A call with its own generator object keeps it: left as it is.
      if (consumer.arguments.unpacked || consumer.arguments.get("generator", SIZE_MAX)) continue;
      consumer.statement = service_.statement_of(tree_, call.trailer);
      consumer.place = switcheroo::hooks::place_of(service_, tree_, definitions_, call.trailer);
      if (consumer.draw == Draw::seed) {
        auto seed = consumer.arguments.get("seed", 0);
        if (seed && *seed == "None") continue;  // numpy's fresh entropy: no fixed key
        // Only a seed that is a statement of its own becomes a key assignment.
        const std::string statement =
            switcheroo::hooks::text_of(service_.text(tree_, consumer.statement));
        if (!seed || statement.find(';') != std::string::npos) continue;
        // `key = jax.random.key(s)` takes the seed's place: it goes before the next statement
        // (an edit may not both replace and remove one statement).
        const sw_node next = next_statement(service_, tree_, consumer.statement);
        if (next != SW_NO_NODE) {
          prefixes_[next] += plugin_.key + " = jax.random.key(" + *seed + ")\n";
        }
        seeds_.push_back(consumer.statement);
        seeded_.insert(consumer.place.function);
        continue;
      }
      consumers_.push_back(std::move(consumer));
    }
  }

  // The functions that take a key: those that draw without seeding, and their callers.
  void keyed_functions() {
    bool grew = true;
    while (grew) {
      grew = false;
      for (const Consumer& consumer : consumers_) {
        const int scope = consumer.place.function;
        if (scope < 0 || consumer.place.owner_class >= 0 || seeded_.count(scope)) continue;
        if (consumer.local && !keyed_.count(consumer.name)) continue;
        // A nested function draws from the key of the function it is in (a closure).
        const std::string qualified = definitions_.items[static_cast<size_t>(scope)].qualified;
        const std::string name = qualified.substr(0, qualified.find('.'));
        if (!top_functions_.count(name)) continue;
        grew = keyed_.insert(name).second || grew;
      }
    }
  }

  // The key parameter, first, annotated like the function's other parameters.
  bool give_key(int function) {
    if (!given_.insert(function).second || has_parameter(function, plugin_.key)) return true;
    const std::string parameter = annotated(function) ? plugin_.key + ": jax.Array" : plugin_.key;
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
    const Place& place = consumers.front()->place;
    if (scope >= 0 && place.owner_class >= 0) return thread_method(scope, consumers);
    const std::string& key = plugin_.key;
    if (scope >= 0 && !seeded_.count(scope)) {
      const std::string name = definitions_.items[static_cast<size_t>(scope)].name;
      if (!keyed_.count(name)) {
        // A nested function: it draws from the key of the function around it.
      } else if (!give_key(scope)) {
        return false;
      }
    } else if (scope < 0 && !seeded_.count(scope)) {
      // Module-level draws with no seed: a fixed root key, said out loud.
      prefixes_[consumers.front()->statement] += key + " = jax.random.key(0)\n";
      const auto* call = consumers.front();
      sw_call_info info{};
      info.struct_size = sizeof(info);
      service_.call(tree_, call->call, &info);
      plugin_.host.report(switcheroo::sdk::Severity::note, service_.file(tree_), info.line,
                          info.column,
                          "the module draws random numbers without a seed: rng_threading starts "
                          "from jax.random.key(0)",
                          "rng_threading");
    }
    // Keys for each consumer.
    std::vector<std::string> keys;
    const bool flat = std::none_of(consumers.begin(), consumers.end(),
                                   [](const Consumer* c) { return c->place.nested; });
    if (consumers.size() == 1 && !consumers.front()->place.in_loop) {
      keys.push_back(key);
    } else if (flat) {
      // One split, before the first draw.
      std::string targets;
      for (size_t i = 0; i < consumers.size(); ++i) {
        keys.push_back(key + std::to_string(i + 1));
        targets += (i ? ", " : "") + keys.back();
      }
      const std::string count =
          consumers.size() == 2 ? "" : ", " + std::to_string(consumers.size());
      prefixes_[consumers.front()->statement] +=
          targets + " = jax.random.split(" + key + count + ")\n";
    } else {
      // Inside loops and branches: a fresh subkey before each statement that draws.
      std::map<sw_node, std::vector<size_t>> by_statement;
      for (size_t i = 0; i < consumers.size(); ++i) {
        by_statement[consumers[i]->statement].push_back(i);
      }
      keys.resize(consumers.size());
      for (const auto& [statement, members] : by_statement) {
        std::string targets = key;
        for (size_t j = 0; j < members.size(); ++j) {
          keys[members[j]] = members.size() == 1 ? "sub" + key : key + std::to_string(j + 1);
          targets += ", " + keys[members[j]];
        }
        const std::string count =
            members.size() == 1 ? "" : ", " + std::to_string(members.size() + 1);
        prefixes_[statement] += targets + " = jax.random.split(" + key + count + ")\n";
      }
    }
    for (size_t i = 0; i < consumers.size(); ++i) {
      keys_[consumers[i]->call] = keys[i];
    }
    return true;
  }

  // Draws in the methods of a class take their keys from nnx.Rngs streams.
  bool thread_method(int scope, const std::vector<const Consumer*>& consumers) {
    const auto& method = definitions_.items[static_cast<size_t>(scope)];
    const bool init = std::string(method.name) == "__init__";
    const int owner = consumers.front()->place.owner_class;
    for (const Consumer* consumer : consumers) {
      const std::string& stream = consumer->draw == Draw::dropout ? plugin_.dropout_stream
                                  : init                          ? plugin_.params_stream
                                                                  : plugin_.sample_stream;
      const std::string key = (init ? "rngs." : "self.rngs.") + stream + "()";
      keys_[consumer->call] = key;
    }
    return init ? ensure_rngs_parameter(scope) : keep_rngs(owner);
  }

  int init_of(int owner) const {
    for (size_t i = 0; i < definitions_.items.size(); ++i) {
      const auto& info = definitions_.items[i];
      if (info.kind == SW_DEFINITION_FUNCTION && std::string(info.name) == "__init__" &&
          std::string(info.qualified) ==
              std::string(definitions_.items[static_cast<size_t>(owner)].qualified) + ".__init__") {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  bool ensure_rngs_parameter(int init) {
    if (has_parameter(init, "rngs") || !rngs_added_.insert(init).second) return true;
    const auto& info = definitions_.items[static_cast<size_t>(init)];
    bool star = false;
    uint32_t position = info.item_count;
    for (uint32_t item = 0; item < info.item_count; ++item) {
      sw_text name{};
      const sw_node node =
          service_.definition_item(tree_, static_cast<uint32_t>(init), item, &name);
      const std::string text = switcheroo::hooks::text_of(service_.text(tree_, node));
      if (text == "*" || text.rfind("*", 0) == 0) star = true;
      if (text.rfind("**", 0) == 0) {
        position = item;
        break;
      }
    }
    const std::string parameter = star ? "rngs: nnx.Rngs" : "*, rngs: nnx.Rngs";
    return service_.insert_parameter(tree_, static_cast<uint32_t>(init), position,
                                     parameter.c_str()) == SW_OK;
  }

  // `self.rngs = rngs` at the end of __init__, once per class.
  bool keep_rngs(int owner) {
    if (!kept_.insert(owner).second) return true;
    const int init = init_of(owner);
    if (init < 0) {
      const auto& info = definitions_.items[static_cast<size_t>(owner)];
      plugin_.host.report(switcheroo::sdk::Severity::warning, service_.file(tree_), info.line,
                          info.column,
                          "class '" + std::string(info.name) +
                              "' draws random numbers but has no __init__ to keep nnx.Rngs in",
                          "rng_threading");
      return true;
    }
    const auto& info = definitions_.items[static_cast<size_t>(init)];
    const auto statements = switcheroo::hooks::statements_of(service_, tree_, info.body);
    if (statements.empty()) return true;
    for (sw_node statement : statements) {
      const std::string text = switcheroo::hooks::text_of(service_.text(tree_, statement));
      if (text.rfind("self.rngs = ", 0) == 0) return true;
    }
    if (!ensure_rngs_parameter(init)) return false;
    return service_.insert_statement(tree_, statements.back(), 1, "self.rngs = rngs") == SW_OK;
  }

  // Each consumer's new text; a consumer inside another one's arguments is written into that
  // one's text (two edits may not overlap).
  bool rewrite_calls(bool& uses_jnp) {
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
        const std::string rest = consumer.original.substr(open + 1);
        text = consumer.original.substr(0, open + 1) + consumer.key +
               (consumer.arguments.count() ? ", " : "") + rest;
      } else {
        std::string hoisted;
        text = jax_draw(consumer.name, consumer.arguments, consumer.key, uses_jnp, hoisted);
        if (!hoisted.empty()) prefixes_[consumer.statement] += hoisted + "\n";
      }
      for (Consumer* outer : keyed) {
        if (outer == &consumer || outer->statement != consumer.statement) continue;
        bool found = false;
        auto substitute = [&](std::string& value) {
          const size_t at = found ? std::string::npos : value.find(consumer.original);
          if (at == std::string::npos) return;
          if (!text.empty()) value.replace(at, consumer.original.size(), text);
          found = true;
        };
        for (auto& value : outer->arguments.positional) substitute(value);
        for (auto& [name, value] : outer->arguments.keywords) substitute(value);
        if (found) {
          const size_t at = outer->original.find(consumer.original);
          if (at != std::string::npos && !text.empty()) {
            outer->original.replace(at, consumer.original.size(), text);
          }
          inner.insert(consumer.call);
          break;
        }
      }
      texts[consumer.call] = text;
    }
    for (Consumer* consumer : keyed) {
      if (inner.count(consumer->call)) continue;
      const std::string& text = texts[consumer->call];
      if (consumer->local && text == consumer->original) continue;
      if (text.empty()) continue;  // not understood: left as it was
      if (service_.replace_call(tree_, consumer->call, text.c_str()) != SW_OK) return false;
    }
    return true;
  }

  const RngThreading& plugin_;
  const sw_tree_service& service_;
  sw_tree* tree_;
  Definitions definitions_;
  std::vector<Consumer> consumers_;
  std::vector<sw_node> seeds_;
  std::set<int> seeded_;  // scopes with a torch.manual_seed statement
  std::set<std::string> keyed_;
  std::set<std::string> top_functions_;      // module-level functions of the file
  std::set<int> given_;                      // functions given their key parameter
  std::map<sw_node, std::string> prefixes_;  // statements to put before a statement
  std::set<int> rngs_added_, kept_;
  std::map<uint32_t, std::string> keys_;  // call index -> the key it draws with
};

// The stateful call of one JAX draw for PyTorch or NumPy (its key dropped); empty when the
// draw has no stateful form here.
std::string stateful_draw(const std::string& name, const CallArguments& arguments, bool torch) {
  const std::string shape = arguments.get("shape", 1).value_or("()");
  if (name == "jax.random.normal") {
    return (torch ? "torch.randn(" : "np.random.standard_normal(") + shape + ")";
  }
  if (name == "jax.random.uniform") {
    const std::string low = arguments.get("minval", 3).value_or("0.0");
    const std::string high = arguments.get("maxval", 4).value_or("1.0");
    if (!torch) return "np.random.uniform(" + low + ", " + high + ", " + shape + ")";
    const std::string draw = "torch.rand(" + shape + ")";
    if ((low == "0" || low == "0.0") && (high == "1" || high == "1.0")) return draw;
    return operand(low) + " + (" + high + " - " + operand(low) + ") * " + draw;
  }
  if (name == "jax.random.randint") {
    auto low = arguments.get("minval", 2);
    auto high = arguments.get("maxval", 3);
    if (!low || !high) return "";
    return (torch ? "torch.randint(" : "np.random.randint(") + *low + ", " + *high + ", " + shape +
           ")";
  }
  if (name == "jax.random.bernoulli") {
    const std::string p = arguments.get("p", 1).value_or("0.5");
    std::string size = arguments.get("shape", 2).value_or("None");
    if (size == "None") size = torch ? "torch.as_tensor(" + p + ").shape" : "np.shape(" + p + ")";
    return (torch ? "torch.rand(" : "np.random.random_sample(") + size + ") < " + operand(p);
  }
  if (name == "jax.random.permutation") {
    auto x = arguments.get("x", 1);
    if (!x) return "";
    if (!torch) return "np.random.permutation(" + *x + ")";
    // An int is a count, anything else an array to shuffle along its first axis.
    const bool count = switcheroo::hooks::is_number(*x) || x->rfind("len(", 0) == 0 ||
                       (x->back() == ']' && x->find(".shape[") != std::string::npos);
    if (count) return "torch.randperm(" + *x + ")";
    return operand(*x) + "[torch.randperm(len(" + *x + "))]";
  }
  return "";
}

// Flax / JAX -> PyTorch or NumPy: draws lose their keys, key plumbing goes.
class FromKeys {
 public:
  FromKeys(const RngThreading& plugin, const sw_tree_service& service, sw_tree* tree, bool torch)
      : plugin_(plugin),
        service_(service),
        tree_(tree),
        torch_(torch),
        definitions_(Definitions::of(service, tree)) {}

  int32_t run() {
    bool changed = false;
    // Functions that take a key: their position, for the calls of them in this file.
    std::map<std::string, uint32_t> keyed;
    for (size_t index = 0; index < definitions_.items.size(); ++index) {
      const auto& info = definitions_.items[index];
      if (info.kind != SW_DEFINITION_FUNCTION) continue;
      for (uint32_t item = 0; item < info.item_count; ++item) {
        sw_text name{};
        service_.definition_item(tree_, static_cast<uint32_t>(index), item, &name);
        if (switcheroo::hooks::text_of(name) != plugin_.key) continue;
        if (std::string(info.qualified) == info.name) keyed[info.name] = item;
        if (service_.remove_parameter(tree_, static_cast<uint32_t>(index), item) != SW_OK) {
          return SW_FAILED;
        }
        changed = true;
      }
    }
    std::set<sw_node> removed;
    std::map<sw_node, std::string> prefixes;
    for (uint32_t index = 0; index < service_.call_count(tree_); ++index) {
      sw_call_info call{};
      call.struct_size = sizeof(call);
      if (service_.call(tree_, index, &call) != SW_OK) break;
      const std::string name = call.name;
      const CallArguments arguments =
          switcheroo::hooks::call_arguments(service_, tree_, index, call.argument_count);
      if (arguments.unpacked) continue;
      const std::string original = switcheroo::hooks::text_of(call.callee) +
                                   switcheroo::hooks::text_of(service_.text(tree_, call.trailer));
      const sw_node statement = service_.statement_of(tree_, call.trailer);
      const std::string line = trimmed(service_.text(tree_, statement));
      const bool assigned =
          line.size() > original.size() &&
          line.compare(line.size() - original.size(), original.size(), original) == 0 &&
          line.find('=') < line.size() - original.size();
      if (call.kind == SW_CALL_LOCAL && keyed.count(name)) {
        // Drop the key this call passes.
        const uint32_t position = keyed[name];
        uint32_t at = UINT32_MAX;
        for (uint32_t i = 0; i < call.argument_count; ++i) {
          sw_text keyword{nullptr, 0};
          service_.call_argument(tree_, index, i, &keyword);
          if (switcheroo::hooks::text_of(keyword) == plugin_.key ||
              (keyword.size == 0 && i == position)) {
            at = i;
          }
        }
        if (at != UINT32_MAX && service_.remove_argument(tree_, index, at) != SW_OK) {
          return SW_FAILED;
        }
        changed = true;
        continue;
      }
      if (call.kind != SW_CALL_FUNCTION || name.rfind("jax.random.", 0) != 0) continue;
      if (name == "jax.random.split" || name == "jax.random.fold_in") {
        const std::string target = line.substr(0, line.find('='));
        if (assigned && name == "jax.random.split" &&
            switcheroo::hooks::is_identifier(trimmed({target.data(), target.size()}))) {
          // `keys = jax.random.split(key, n)`: an array of n keys, iterated or indexed. The
          // draws need no keys, but the code still counts them.
          const std::string count = "range(" + arguments.get("num", 1).value_or("2") + ")";
          if (service_.replace_call(tree_, index, count.c_str()) != SW_OK) return SW_FAILED;
          changed = true;
          continue;
        }
        if (!assigned || !removed.insert(statement).second) continue;
        if (service_.remove_statement(tree_, statement) != SW_OK) return SW_FAILED;
        changed = true;
        continue;
      }
      if (name == "jax.random.key" || name == "jax.random.PRNGKey") {
        auto seed = arguments.get("seed", 0);
        if (!seed || !assigned || !removed.insert(statement).second) continue;
        // The seed takes the root key's place, before the next statement (an edit may not
        // both replace and remove one statement).
        const sw_node next = next_statement(service_, tree_, statement);
        if (next == SW_NO_NODE) continue;
        prefixes[next] += (torch_ ? "torch.manual_seed(" : "np.random.seed(") + *seed + ")\n";
        if (service_.remove_statement(tree_, statement) != SW_OK) return SW_FAILED;
        changed = true;
        continue;
      }
      const std::string text = stateful_draw(name, arguments, torch_);
      if (text.empty()) continue;
      if (service_.replace_call(tree_, index, text.c_str()) != SW_OK) return SW_FAILED;
      changed = true;
    }
    // `self.rngs = rngs`: the stream store goes with the keys.
    for (const auto& info : definitions_.items) {
      if (std::string(info.name) != "__init__") continue;
      for (sw_node statement : switcheroo::hooks::statements_of(service_, tree_, info.body)) {
        if (trimmed(service_.text(tree_, statement)) == "self.rngs = rngs" &&
            removed.insert(statement).second) {
          if (service_.remove_statement(tree_, statement) != SW_OK) return SW_FAILED;
          changed = true;
        }
      }
    }
    for (const auto& [first, lines] : prefixes) {
      sw_node statement = first;
      // Past the statements removed here (a root key followed by its split).
      while (statement != SW_NO_NODE && removed.count(statement)) {
        statement = next_statement(service_, tree_, statement);
      }
      if (statement == SW_NO_NODE) continue;
      if (service_.insert_statement(tree_, statement, 0, lines.c_str()) != SW_OK) {
        return SW_FAILED;
      }
    }
    if (!changed) return SW_HOOK_UNCHANGED;
    if (service_.add_import(tree_, torch_ ? "import torch" : "import numpy as np") != SW_OK) {
      return SW_FAILED;
    }
    return SW_HOOK_CHANGED;
  }

 private:
  const RngThreading& plugin_;
  const sw_tree_service& service_;
  sw_tree* tree_;
  bool torch_;
  Definitions definitions_;
};

// Which way the keys go, from the two frameworks' rng.model traits: towards a target whose
// randomness takes explicit keys from a source whose does not, or back.
enum class Direction { none, to_keys, from_keys };

Direction direction_of(const HookRun& run) {
  const bool source_keys = run.source_trait("rng.model") == "explicit-keys";
  const bool target_keys = run.target_trait("rng.model") == "explicit-keys";
  if (target_keys && !source_keys) return Direction::to_keys;
  if (source_keys && !target_keys) return Direction::from_keys;
  return Direction::none;
}

// Draws without keys are written in the stateful APIs this hook knows, chosen by the target
// spoke's spelling of the hub's randn (see the README: these tables are still the hook's own).
std::optional<bool> writes_torch_draws(const HookRun& run) {
  const auto randn = run.knowledge.api(run.target, "randn");
  if (randn == std::optional<std::string>("torch.randn")) return true;
  if (randn == std::optional<std::string>("numpy.random.randn")) return false;
  return std::nullopt;
}

int32_t apply(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
  const auto& plugin = *static_cast<RngThreading*>(instance);
  return switcheroo::hooks::apply_hook(plugin.host, kId, tree, context, [&](const HookRun& run) {
    switch (direction_of(run)) {
      case Direction::to_keys:
        return ToKeys(plugin, run.service, run.tree).run();
      case Direction::from_keys:
        if (const auto torch = writes_torch_draws(run)) {
          return FromKeys(plugin, run.service, run.tree, *torch).run();
        }
        return int32_t{SW_HOOK_UNCHANGED};
      case Direction::none:
        break;
    }
    return int32_t{SW_HOOK_UNCHANGED};
  });
}

const char* const kOptions[] = {"key", "params_stream", "dropout_stream", "sample_stream", nullptr};
const sw_hook_interface kHook = {
    sizeof(sw_hook_interface),
    "stateful randomness (torch.randn, F.dropout, torch.manual_seed, ...) <-> explicit JAX keys",
    kOptions, &apply};

const sw_plugin_descriptor kDescriptor = switcheroo::sdk::make_descriptor<RngThreading>(
    SW_PLUGIN_KIND_HOOK, "rng_threading", "0.1.0",
    "PyTorch's global random generator as explicit jax.random keys and nnx.Rngs streams", &kHook,
    SW_PLUGIN_FLAG_DEFAULT_ENABLED);

}  // namespace

extern "C" const sw_plugin_descriptor* rng_threading_plugin_entry() {
  return &kDescriptor;
}

SWITCHEROO_PLUGIN_ENTRY(rng_threading_plugin_entry)
