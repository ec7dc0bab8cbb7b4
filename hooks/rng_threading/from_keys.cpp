// Away from explicit keys (Flax NNX / JAX -> PyTorch or NumPy): every draw read through the
// source's spoke loses its key and is written through the target's (jax.random.normal(key, s)
// -> torch.randn(s)); a root key `key = jax.random.key(s)` becomes the target's seed call;
// `k1, k2 = jax.random.split(key)` statements go, and `keys = jax.random.split(key, n)` becomes
// `range(n)`, which the code still iterates or indexes; functions lose their key parameter and
// their calls the key they pass; `self.rngs = rngs` goes with the streams.
#include "rng_threading.h"

#include <switcheroo/tree.h>

#include <map>
#include <set>
#include <string>

namespace rng_threading {
namespace {

using switcheroo::hooks::Definitions;
using switcheroo::hooks::HookRun;
using switcheroo::hooks::trimmed;

// A permutation of something that is not clearly a count (a literal, `len(...)`, `x.shape[i]`)
// permutes an array: the hub's shuffle.
bool is_count(const std::string& text) {
  return switcheroo::hooks::is_number(text) || text.rfind("len(", 0) == 0 ||
         (!text.empty() && text.back() == ']' && text.find(".shape[") != std::string::npos);
}

class FromKeys {
 public:
  FromKeys(const Options& options, const HookRun& run)
      : options_(options),
        run_(run),
        service_(run.service),
        tree_(run.tree),
        definitions_(Definitions::of(run.service, run.tree)) {}

  int32_t run() {
    if (!drop_key_parameters()) return SW_FAILED;
    for (uint32_t index = 0; index < service_.call_count(tree_); ++index) {
      sw_call_info call{};
      call.struct_size = sizeof(call);
      if (service_.call(tree_, index, &call) != SW_OK) break;
      if (!rewrite_call(index, call)) return SW_FAILED;
    }
    if (!drop_stream_store() || !insert_prefixes()) return SW_FAILED;
    return changed_ ? SW_HOOK_CHANGED : SW_HOOK_UNCHANGED;
  }

 private:
  // Functions that take a key lose it; their position is kept for the calls of them.
  bool drop_key_parameters() {
    for (size_t index = 0; index < definitions_.items.size(); ++index) {
      const auto& info = definitions_.items[index];
      if (info.kind != SW_DEFINITION_FUNCTION) continue;
      for (uint32_t item = 0; item < info.item_count; ++item) {
        sw_text name{};
        service_.definition_item(tree_, static_cast<uint32_t>(index), item, &name);
        if (switcheroo::hooks::text_of(name) != options_.key) continue;
        if (std::string(info.qualified) == info.name) keyed_[info.name] = item;
        if (service_.remove_parameter(tree_, static_cast<uint32_t>(index), item) != SW_OK) {
          return false;
        }
        changed_ = true;
      }
    }
    return true;
  }

  bool rewrite_call(uint32_t index, const sw_call_info& call) {
    if (call.kind == SW_CALL_LOCAL) {
      return keyed_.count(call.name) ? drop_passed_key(index, call) : true;
    }
    auto hub = read_hub_call(run_, index);
    if (!hub) return true;
    const std::string original = switcheroo::hooks::text_of(call.callee) +
                                 switcheroo::hooks::text_of(service_.text(tree_, call.trailer));
    const sw_node statement = service_.statement_of(tree_, call.trailer);
    const std::string line = trimmed(service_.text(tree_, statement));
    const bool assigned =
        line.size() > original.size() &&
        line.compare(line.size() - original.size(), original.size(), original) == 0 &&
        line.find('=') < line.size() - original.size();
    if (hub->operation == "split_key") return split(index, *hub, statement, line, assigned);
    if (hub->operation == "seed") return seed(*hub, statement, assigned, call);
    if (hub->key.empty() || !hub->arguments.contains(hub->key)) return true;
    hub->arguments.erase(hub->key);
    if (hub->operation == "permutation" && !is_count(hub->text("n").value_or("0"))) {
      hub->arguments = {{"input", hub->text("n").value_or("")}};
      hub->operation = "shuffle";
    }
    auto text = write_hub_call(options_, run_, *hub, call.line, call.column);
    if (!text) return true;
    changed_ = true;
    return service_.replace_call(tree_, index, text->c_str()) == SW_OK;
  }

  // A call of a function of the file that took a key: the key it passes goes.
  bool drop_passed_key(uint32_t index, const sw_call_info& call) {
    const uint32_t position = keyed_[call.name];
    uint32_t at = UINT32_MAX;
    for (uint32_t i = 0; i < call.argument_count; ++i) {
      sw_text keyword{nullptr, 0};
      service_.call_argument(tree_, index, i, &keyword);
      if (switcheroo::hooks::text_of(keyword) == options_.key ||
          (keyword.size == 0 && i == position)) {
        at = i;
      }
    }
    if (at == UINT32_MAX) return true;
    changed_ = true;
    return service_.remove_argument(tree_, index, at) == SW_OK;
  }

  // `keys = split(key, n)`: an array of n keys, iterated or indexed; the draws need no keys,
  // but the code still counts them. Any other split statement goes.
  bool split(uint32_t index, const HubCall& hub, sw_node statement, const std::string& line,
             bool assigned) {
    const std::string target = line.substr(0, line.find('='));
    if (assigned && switcheroo::hooks::is_identifier(trimmed({target.data(), target.size()}))) {
      const std::string count = "range(" + hub.text("num").value_or("2") + ")";
      changed_ = true;
      return service_.replace_call(tree_, index, count.c_str()) == SW_OK;
    }
    if (!assigned || !removed_.insert(statement).second) return true;
    changed_ = true;
    return service_.remove_statement(tree_, statement) == SW_OK;
  }

  // The root key takes the target's seed call, before the next statement (an edit may not both
  // replace and remove one statement).
  bool seed(const HubCall& hub, sw_node statement, bool assigned, const sw_call_info& call) {
    if (!hub.text("seed") || !assigned || !removed_.insert(statement).second) return true;
    const sw_node next = next_statement(service_, tree_, statement);
    if (next == SW_NO_NODE) return true;
    auto text = write_hub_call(options_, run_, {"seed", {{"seed", *hub.text("seed")}}, {}},
                               call.line, call.column);
    if (!text) return true;
    prefixes_[next] += *text + "\n";
    changed_ = true;
    return service_.remove_statement(tree_, statement) == SW_OK;
  }

  // `self.rngs = rngs`: the key-stream store goes with the keys.
  bool drop_stream_store() {
    const std::string streams = run_.source_trait("rng.parameter");
    const std::string constructor = run_.source_trait("module.constructor");
    if (streams.empty()) return true;
    const std::string store = "self." + streams + " = " + streams;
    for (const auto& info : definitions_.items) {
      if (std::string(info.name) != constructor && std::string(info.name) != "__init__") continue;
      for (sw_node statement : switcheroo::hooks::statements_of(service_, tree_, info.body)) {
        if (trimmed(service_.text(tree_, statement)) == store && removed_.insert(statement).second) {
          if (service_.remove_statement(tree_, statement) != SW_OK) return false;
          changed_ = true;
        }
      }
    }
    return true;
  }

  bool insert_prefixes() {
    for (const auto& [first, lines] : prefixes_) {
      sw_node statement = first;
      // Past the statements removed here (a root key followed by its split).
      while (statement != SW_NO_NODE && removed_.count(statement)) {
        statement = next_statement(service_, tree_, statement);
      }
      if (statement == SW_NO_NODE) continue;
      if (service_.insert_statement(tree_, statement, 0, lines.c_str()) != SW_OK) return false;
    }
    return true;
  }

  const Options& options_;
  const HookRun& run_;
  const sw_tree_service& service_;
  sw_tree* tree_;
  Definitions definitions_;
  std::map<std::string, uint32_t> keyed_;  // functions that took a key -> its position
  std::set<sw_node> removed_;
  std::map<sw_node, std::string> prefixes_;
  bool changed_ = false;
};

}  // namespace

int32_t from_keys(const Options& options, const HookRun& run) {
  return FromKeys(options, run).run();
}

}  // namespace rng_threading
