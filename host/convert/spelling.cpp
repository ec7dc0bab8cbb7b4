#include "spelling.h"

#include <algorithm>
#include <array>
#include <map>

namespace switcheroo::convert {
namespace {

// The knowledge base maps operations, not type names: the array type and the dtypes of the
// three frameworks are the same short list everywhere, kept here.
constexpr std::array<const char*, 13> kDtypes = {
    "float16", "bfloat16", "float32", "float64",   "int8",       "int16", "int32",
    "int64",   "uint8",    "bool",    "complex64", "complex128", "uint16"};

const std::map<std::string, std::string>& torch_dtype_aliases() {
  static const std::map<std::string, std::string> aliases = {
      {"float", "float32"}, {"double", "float64"}, {"half", "float16"},    {"long", "int64"},
      {"int", "int32"},     {"short", "int16"},    {"cfloat", "complex64"}};
  return aliases;
}

std::string dtype_module(const std::string& framework) {
  if (framework == "torch") return "torch";
  if (framework == "flax") return "jax.numpy";
  if (framework == "numpy") return "numpy";
  return {};
}

std::string array_type_of(const std::string& framework) {
  if (framework == "torch") return "torch.Tensor";
  if (framework == "flax") return "jax.Array";
  if (framework == "numpy") return "numpy.ndarray";
  return {};
}

bool is_dtype_name(const std::string& name) {
  return std::find(kDtypes.begin(), kDtypes.end(), name) != kDtypes.end();
}

// `np.bool_`, `jnp.bool_`, but `torch.bool`.
std::string dtype_attribute(const std::string& framework, const std::string& name) {
  return name == "bool" && framework != "torch" ? "bool_" : name;
}

std::string hub_dtype(const std::string& framework, const std::string& attribute) {
  if (attribute == "bool_") return "bool";
  if (is_dtype_name(attribute)) return attribute;
  if (framework == "torch") {
    auto alias = torch_dtype_aliases().find(attribute);
    if (alias != torch_dtype_aliases().end()) return alias->second;
  }
  return {};
}

}  // namespace

std::string canonical_framework(const std::string& name) {
  if (name == "jax" || name == "flax_nnx" || name == "flax") return "flax";
  if (name == "np") return "numpy";
  if (name == "pytorch") return "torch";
  return name;
}

TargetSpelling::TargetSpelling(std::string framework, const AdapterTraits& traits,
                               const std::vector<rewrite::ImportBinding>& file_imports)
    : framework_(std::move(framework)) {
  for (const auto& binding : file_imports) {
    file_bindings_.push_back({binding.target, binding.local});
  }
  for (const auto& [module, alias] : traits.imports) {
    const size_t dot = module.rfind('.');
    if (alias.empty()) {
      conventional_.push_back({module, module.substr(0, module.find('.')), false});
    } else if (dot != std::string::npos && module.substr(dot + 1) == alias) {
      conventional_.push_back({module, alias, true});
    } else {
      conventional_.push_back({module, alias, false});
    }
  }
}

std::string TargetSpelling::api(const std::string& qualified) {
  auto matches = [&](const std::string& module) {
    return qualified == module ||
           (qualified.size() > module.size() && qualified.compare(0, module.size(), module) == 0 &&
            qualified[module.size()] == '.');
  };
  const Binding* best = nullptr;
  for (const auto& binding : file_bindings_) {
    if (matches(binding.module) && (!best || binding.module.size() > best->module.size())) {
      best = &binding;
    }
  }
  // `import jax` reaches every jax.* name, written in full; `import jax.numpy as jnp` and
  // `from flax import nnx` reach their own module, written through the alias.
  auto reach_of = [](const rewrite::ImportSpec& spec) {
    const std::string top = spec.target.substr(0, spec.target.find('.'));
    return !spec.from_import && spec.local == top ? top : spec.target;
  };
  const rewrite::ImportSpec* conventional = nullptr;
  std::string conventional_reach;
  for (const auto& spec : conventional_) {
    const std::string reach = reach_of(spec);
    if (matches(reach) && (!conventional || reach.size() > conventional_reach.size())) {
      conventional = &spec;
      conventional_reach = reach;
    }
  }
  if (best && (!conventional || best->module.size() >= conventional_reach.size())) {
    return best->local + qualified.substr(best->module.size());
  }
  if (conventional) return conventional->local + qualified.substr(conventional_reach.size());
  spelled_in_full_.insert(qualified.substr(0, qualified.find('.')));
  return qualified;
}

std::string TargetSpelling::dtype(const std::string& name) {
  const std::string module = dtype_module(framework_);
  if (module.empty()) return name;
  return api(module + "." + dtype_attribute(framework_, name));
}

std::string TargetSpelling::array_type() {
  const std::string type = array_type_of(framework_);
  return type.empty() ? type : api(type);
}

rewrite::ImportPlan TargetSpelling::import_plan(const AdapterTraits& source_traits) const {
  rewrite::ImportPlan plan;
  // Added in this order: modules spelled in full (the standard library's functools), then
  // plain imports, then from-imports, as isort would group them.
  for (const auto& module : spelled_in_full_) plan.available.push_back({module, module, false});
  for (const auto& spec : conventional_) {
    if (!spec.from_import) plan.available.push_back(spec);
  }
  for (const auto& spec : conventional_) {
    if (spec.from_import) plan.available.push_back(spec);
  }
  for (const auto& [module, alias] : source_traits.imports) {
    plan.removable.insert(module.substr(0, module.find('.')));
  }
  // Names the target uses are never removed, even when the source shares a top module.
  for (const auto& spec : conventional_) {
    plan.removable.erase(spec.target.substr(0, spec.target.find('.')));
  }
  return plan;
}

std::string read_dtype(
    const std::string& framework, const std::string& text,
    const std::function<std::optional<std::string>(const std::string&)>& qualify) {
  if (text.size() > 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front()) {
    const std::string inner = text.substr(1, text.size() - 2);
    return is_dtype_name(inner) ? inner : std::string();
  }
  if (text.size() > 6 && text.compare(text.size() - 6, 6, ".dtype") == 0) return text;
  if (is_dtype_name(text) && text.find('.') == std::string::npos) return text;  // from `fixed`
  const std::string module = dtype_module(framework);
  const auto qualified = qualify(text);
  if (module.empty() || !qualified) return {};
  if (qualified->rfind(module + ".", 0) != 0) return {};
  return hub_dtype(framework, qualified->substr(module.size() + 1));
}

std::optional<std::string> translate_reference(const std::string& source_framework,
                                               const std::string& target_framework,
                                               const std::string& qualified) {
  const std::string source_array = array_type_of(source_framework);
  const std::string target_array = array_type_of(target_framework);
  if (!source_array.empty() && qualified == source_array && !target_array.empty()) {
    return target_array;
  }
  const std::string source_module = dtype_module(source_framework);
  const std::string target_module = dtype_module(target_framework);
  if (source_module.empty() || target_module.empty()) return std::nullopt;
  if (qualified.rfind(source_module + ".", 0) != 0) return std::nullopt;
  const std::string attribute = qualified.substr(source_module.size() + 1);
  if (attribute.find('.') != std::string::npos) return std::nullopt;
  // The float constants every array module exports under the same name.
  if (attribute == "inf" || attribute == "nan" || attribute == "pi" || attribute == "e") {
    return target_module + "." + attribute;
  }
  const std::string name = hub_dtype(source_framework, attribute);
  if (name.empty()) return std::nullopt;
  return target_module + "." + dtype_attribute(target_framework, name);
}

}  // namespace switcheroo::convert
