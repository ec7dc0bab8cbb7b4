#include "idioms.h"

#include "converter.h"

#include <algorithm>

namespace switcheroo::convert {

using engine_detail::Converter;

const std::vector<BuiltinIdiom>& builtin_idioms() {
  static const std::vector<BuiltinIdiom> idioms = {
      {"chunk_sizes",
       "n equal chunks -> a split into n sections, with a note that the axis must divide evenly",
       IdiomStage::after_adapt, false, &Converter::write_chunks_as_split},
      {"cond_control_flow", "cond(p, f, g, x) where the target has none -> f(x) if p else g(x)",
       IdiomStage::whole_call, true, &Converter::write_conditional},
      {"conv_transpose_padding",
       "ConvTranspose2d(c, c, 2, stride=2) -> padding ((1, 1), (1, 1)) on the dilated input: "
       "d * (k - 1) - p before, that plus output_padding after",
       IdiomStage::reading},
      {"expression",
       "an op with no single target API -> the spoke's expression filled in (x @ w.T + b)",
       IdiomStage::whole_call, false, &Converter::write_expression},
      {"keep_sizes", "expand(-1, -1, d) -> broadcast_to(x, (x.shape[-3], x.shape[-2], d))",
       IdiomStage::arguments, false, nullptr, &Converter::adjust_kept_sizes},
      {"loss_reduction", "a loss with a reduction -> the per-example loss, then .mean() or .sum()",
       IdiomStage::after_adapt, false, &Converter::write_reduced_loss},
      {"multi_result", "v, i = max_with_indices(x, 1) -> (amax(x, axis=1), argmax(x, axis=1))",
       IdiomStage::after_adapt, false, &Converter::write_result_parts},
      {"pad_pairs",
       "pad widths (l, r, t, b) from the last axis -> a (before, after) pair per axis, "
       "((0, 0),) * (x.ndim - 2) + ((t, b), (l, r))",
       IdiomStage::reading},
      {"pool_window",
       "a pool of window 2 -> window and strides as one entry per spatial axis, padding as pairs",
       IdiomStage::reading},
      {"recurrent_layer", "a one-layer recurrent layer -> the target's loop over its cell",
       IdiomStage::whole_call, false, &Converter::write_recurrent_layer},
      {"scan_loop", "carry, ys = scan(f, init, xs) where the target has none -> a Python for loop",
       IdiomStage::whole_call, true, &Converter::write_scan_loop},
      {"split_size_list",
       "a split into parts of size 2 -> the list of their sizes, where one number counts parts",
       IdiomStage::arguments, false, nullptr, &Converter::adjust_split_size_list},
      {"split_sizes_to_indices", "split at sizes [1, 2, 3] -> split at indices [1, 3]",
       IdiomStage::arguments, false, nullptr, &Converter::adjust_split_sizes},
      {"subscript", "x.size(1) -> x.shape[1]", IdiomStage::arguments, false, nullptr,
       &Converter::adjust_subscript},
  };
  return idioms;
}

const BuiltinIdiom* find_idiom(std::string_view name) {
  if (name.empty()) return nullptr;
  const auto& idioms = builtin_idioms();
  auto found = std::find_if(idioms.begin(), idioms.end(),
                            [&](const BuiltinIdiom& idiom) { return name == idiom.name; });
  return found == idioms.end() ? nullptr : &*found;
}

std::vector<Diagnostic> check_spoke_hooks(const AdapterSummary& summary,
                                          const std::vector<std::string>& hook_plugins) {
  std::vector<Diagnostic> problems;
  for (const HookUse& use : summary.hooks) {
    if (find_idiom(use.hook) != nullptr) continue;
    if (std::find(hook_plugins.begin(), hook_plugins.end(), use.hook) != hook_plugins.end()) {
      continue;
    }
    problems.push_back(Diagnostic{
        Severity::error, use.where,
        "'hook' names '" + use.hook +
            "', which is neither an idiom of the engine nor an installed hook plugin (what no "
            "rewrite provides is a 'gap')",
        "kb"});
  }
  return problems;
}

}  // namespace switcheroo::convert
