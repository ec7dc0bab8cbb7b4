// The rewrites the engine implements itself, one entry each, named by the `hook` a spoke gives
// a mapping (the clang-tidy module pattern: one alphabetical table). A spoke may name one of
// these or a hook plugin's id; a name nothing provides refuses the adapter (check_spoke_hooks).
//
//   flax spoke:  max_pool2d = { api = "<module>.max_pool", hook = "pool_window", ... }
//   F.max_pool2d(x, 2)  ->  max_pool(x, window_shape=(2, 2), strides=(2, 2))
#pragma once

#include "core/adapter_data.h"
#include "core/diagnostics.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::convert {

namespace engine_detail {
class Converter;
struct IdiomCall;
}  // namespace engine_detail

/// When an idiom acts on a call the engine writes through it.
enum class IdiomStage {
  whole_call,   ///< writes the whole call itself, before its arguments are adapted
  after_adapt,  ///< writes the whole call itself, after the arguments are adapted
  arguments,    ///< adjusts the arguments, then the call is written as any other
  reading,      ///< changes how a source call is read (also while adapting arguments)
};

struct BuiltinIdiom {
  const char* name;
  const char* summary;  ///< before -> after, for people
  IdiomStage stage;
  /// Only where the target spells no API (the construct is plain Python there).
  bool without_api = false;
  /// whole_call and after_adapt: the text, or nullopt with `why` set.
  std::optional<std::string> (engine_detail::Converter::*write)(engine_detail::IdiomCall&) =
      nullptr;
  /// arguments: false with `why` set refuses the call; may set a suffix to append.
  bool (engine_detail::Converter::*adjust)(engine_detail::IdiomCall&,
                                           std::string& suffix) = nullptr;
};

/// Every idiom, sorted by name.
const std::vector<BuiltinIdiom>& builtin_idioms();
/// The idiom of that name, or nullptr.
const BuiltinIdiom* find_idiom(std::string_view name);

/// Errors for every hook an adapter's mappings name (`summary.hooks`) that is neither an idiom
/// nor one of `hook_plugins`, located at the mapping in the spoke.
std::vector<Diagnostic> check_spoke_hooks(const AdapterSummary& summary,
                                          const std::vector<std::string>& hook_plugins);

}  // namespace switcheroo::convert
