// What the initializer hook's two directions share: the hook's instance, the numbers and
// literals both write, and the Flax names of a PyTorch layer's parameters.
#ifndef SWITCHEROO_HOOKS_INITIALIZER_H
#define SWITCHEROO_HOOKS_INITIALIZER_H

#include <switcheroo/hook.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace switcheroo::hooks::initializer {

inline constexpr const char* kId = "initializer";

class Initializer : public OptionlessHook {
 public:
  using OptionlessHook::OptionlessHook;
};

/// A warning located at `call`, tagged with the hook's id: `'<callee>' is left as it is: why`.
void warn(const Initializer& hook, const HookRun& run, const Call& call, const std::string& why);

// ---- numbers and literals ----

/// The value of a number literal (`0.02`, `-2`), or nullopt for any other text.
std::optional<double> number(const std::string& text);
/// A float as a literal to 12 significant digits, with a `.0` where it would read as an int.
std::string written(double value);
/// Whether `text` is a number literal equal to `value`.
bool is(const std::optional<std::string>& text, double value);
/// The contents of a one-line string literal, "" for any other text.
std::string unquoted(const std::string& text);

// ---- parameter names ----

/// The Flax name of PyTorch parameter attribute `attribute` (`weight`, `bias`) of Flax layer
/// class `layer` (`Conv`), "" when unknown.
std::string flax_parameter(const std::string& layer, const std::string& attribute);
/// The PyTorch attribute (`weight`, `bias`) that a Flax layer's parameter `name` (`kernel`,
/// `scale`, `embedding`, `bias`) is in the layer PyTorch has, "" for any other name.
std::string torch_parameter(const std::string& name);

// ---- the directions ----

/// PyTorch -> Flax NNX (to_flax.cpp): `torch.nn.init.*_(t, ...)` -> `p.value = ...`, and the
/// loops over submodules. `layer_module` is the module of the target's layers (`flax.nnx`).
int32_t to_flax(const Initializer& hook, const HookRun& run, const std::string& layer_module);
/// Flax NNX -> PyTorch (to_torch.cpp): `p.value = <initializer>(key, shape)` and the fills and
/// draws to_flax writes -> `torch.nn.init.*_(t, ...)`, and the loops back.
int32_t to_torch(const Initializer& hook, const HookRun& run);

}  // namespace switcheroo::hooks::initializer

#endif  // SWITCHEROO_HOOKS_INITIALIZER_H
