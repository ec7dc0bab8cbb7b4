#include "spelling.h"

#include <algorithm>
#include <array>
#include <map>

namespace switcheroo::convert {
namespace {

// A quoted dtype name (`dtype="float32"`) names the hub dtype any framework reads it as.
std::string quoted_hub_dtype(const std::string& inner) {
  static const AdapterTraits plain;
  return plain.hub_dtype(inner);
}

}  // namespace

TargetSpelling::TargetSpelling(const AdapterTraits& traits,
                               const std::vector<rewrite::ImportBinding>& file_imports)
    : traits_(traits) {
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

TargetSpelling::Reach TargetSpelling::reach(const std::string& qualified) const {
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
  Reach found;
  for (const auto& spec : conventional_) {
    const std::string module = reach_of(spec);
    if (matches(module) && (!found.conventional || module.size() > found.module.size())) {
      found.conventional = &spec;
      found.module = module;
    }
  }
  if (best && (!found.conventional || best->module.size() >= found.module.size())) {
    return {best, nullptr, best->module};
  }
  if (found.conventional && clashes_in_full_) {
    for (const auto& binding : file_bindings_) {
      if (binding.local == found.conventional->local &&
          binding.module != found.conventional->target) {
        return {};
      }
    }
  }
  return found;
}

std::string TargetSpelling::api(const std::string& qualified) {
  const Reach found = reach(qualified);
  if (found.binding) return found.binding->local + qualified.substr(found.module.size());
  if (found.conventional) {
    // Remembered for the import fixer: the file may bind this name to another module.
    const std::string rest =
        qualified.substr(std::min(qualified.size(), found.module.size() + 1));
    written_[found.conventional->local].insert(rest.substr(0, rest.find('.')));
    return found.conventional->local + qualified.substr(found.module.size());
  }
  spelled_in_full_.insert(qualified.substr(0, qualified.find('.')));
  return qualified;
}

bool TargetSpelling::spell_source_name_in_full(const std::string& local,
                                               const std::string& qualified) {
  const bool clash =
      std::any_of(conventional_.begin(), conventional_.end(), [&](const rewrite::ImportSpec& spec) {
        return spec.local == local && qualified.compare(0, spec.target.size() + 1,
                                                        spec.target + ".") != 0;
      });
  if (clash) spelled_in_full_.insert(qualified.substr(0, qualified.find('.')));
  return clash;
}

std::string TargetSpelling::import_for(const std::string& qualified) const {
  const Reach found = reach(qualified);
  if (found.binding) return "";
  if (found.conventional) return found.conventional->statement();
  const std::string top = qualified.substr(0, qualified.find('.'));
  return rewrite::ImportSpec{top, top, false}.statement();
}

std::string TargetSpelling::dtype(const std::string& name) {
  // Without a dtype module a framework names dtypes by strings (Keras: dtype="int64").
  if (traits_.dtype_module.empty()) return "\"" + traits_.dtype_attribute(name) + "\"";
  return api(traits_.dtype_module + "." + traits_.dtype_attribute(name));
}

std::string TargetSpelling::array_type() {
  return traits_.array_type.empty() ? std::string() : api(traits_.array_type);
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
  plan.written = written_;
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
    const AdapterTraits& source, const std::string& text,
    const std::function<std::optional<std::string>(const std::string&)>& qualify) {
  if (text.size() > 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front()) {
    const std::string inner = text.substr(1, text.size() - 2);
    return quoted_hub_dtype(inner);
  }
  if (text.size() > 6 && text.compare(text.size() - 6, 6, ".dtype") == 0) return text;
  if (text.find('.') == std::string::npos && !quoted_hub_dtype(text).empty()) {
    return text;  // from `fixed`
  }
  const std::string& module = source.dtype_module;
  const auto qualified = qualify(text);
  if (module.empty() || !qualified) return {};
  if (qualified->rfind(module + ".", 0) != 0) return {};
  return source.hub_dtype(qualified->substr(module.size() + 1));
}

std::optional<std::string> translate_reference(const AdapterTraits& source,
                                               const AdapterTraits& target,
                                               const std::string& qualified) {
  const std::string& source_array = source.array_type;
  const std::string& target_array = target.array_type;
  if (!source_array.empty() && qualified == source_array && !target_array.empty()) {
    return target_array;
  }
  const std::string& source_module = source.dtype_module;
  const std::string& target_module = target.dtype_module;
  if (source_module.empty() || target_module.empty()) return std::nullopt;
  if (qualified.rfind(source_module + ".", 0) != 0) return std::nullopt;
  const std::string attribute = qualified.substr(source_module.size() + 1);
  if (attribute.find('.') != std::string::npos) return std::nullopt;
  // The float constants every array module exports under the same name.
  if (attribute == "inf" || attribute == "nan" || attribute == "pi" || attribute == "e") {
    return target_module + "." + attribute;
  }
  const std::string name = source.hub_dtype(attribute);
  if (name.empty()) return std::nullopt;
  return target_module + "." + target.dtype_attribute(name);
}

}  // namespace switcheroo::convert
