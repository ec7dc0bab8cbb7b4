// rng_threading's parts: the plugin's options, what both directions share, and the two
// rewrites (to_keys.cpp: towards a framework whose draws take explicit keys; from_keys.cpp:
// back to one with a global generator). Every API the hook writes comes from the target's spoke
// through the knowledge service (write_call), and every call it reads is read through the
// source's spoke (read_call): the hook knows the hub's random operations, not a framework.
#pragma once

#include <switcheroo/hook.hpp>
#include <switcheroo/sdk.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace rng_threading {

constexpr const char* kId = "rng_threading";

/// The plugin instance: its options.
struct Options {
  explicit Options(const switcheroo::sdk::InitContext& context);

  switcheroo::sdk::Host host;
  std::string key = "key";
  std::string params_stream = "params";
  std::string dropout_stream = "dropout";
  std::string sample_stream = "default";
};

/// A call read through a spoke into hub terms: the hub operation and its arguments
/// (knowledge.h's JSON form).
struct HubCall {
  std::string operation;
  nlohmann::json arguments = nlohmann::json::object();
  /// The hub operation's argument of kind `key` (a draw takes one), "" when it has none.
  std::string key;

  /// An argument's text, or nullopt when the call leaves it out (or gives separate values).
  std::optional<std::string> text(const std::string& name) const;
};

/// Call `call` of the run's file read through the source's spoke; nullopt when it is local,
/// unmapped or does not fit.
std::optional<HubCall> read_hub_call(const switcheroo::hooks::HookRun& run, uint32_t call);

/// `call` written through the target's spoke (imports added); nullopt, after a warning at
/// `line`:`column` saying why, when the spoke cannot write it.
std::optional<std::string> write_hub_call(const Options& options,
                                          const switcheroo::hooks::HookRun& run,
                                          const HubCall& call, uint32_t line, uint32_t column);

/// The statement after `statement` in its block, or SW_NO_NODE.
sw_node next_statement(const sw_tree_service& service, const sw_tree* tree, sw_node statement);

/// Threads keys through a file converted towards explicit keys.
int32_t to_keys(const Options& options, const switcheroo::hooks::HookRun& run);
/// Takes them out of a file converted away from explicit keys.
int32_t from_keys(const Options& options, const switcheroo::hooks::HookRun& run);

}  // namespace rng_threading
