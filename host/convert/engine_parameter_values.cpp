// A layer's parameter read as a value (`self.qkv.weight` passed to a function of the file, or
// used in arithmetic), where the receiver's layer class is known (engine_layer_attributes.cpp):
// the target's name of the parameter, laid out as the source's is. The adapters' traits
// (`[[weights.layer]]`) say both layouts; a two-axis swap is the target's transpose property:
//
//   shifted_window_attention(x, self.qkv.weight)  <->  shifted_window_attention(x, self.qkv.kernel.T)
//
// Read back, `self.qkv.kernel.T` is `self.qkv.weight` again. A parameter the target holds
// otherwise (split, flipped, other axes moved) is reported. Parameters given whole to an
// initializer or an optimizer, and ties, are left to their rules, as are reads of the
// parameter's own attributes (`m.weight.data`).
#include "converter.h"

#include "rewrite/tree_query.h"

#include "layout_axes.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace switcheroo::convert::engine_detail {
namespace {

// The source's parameter's axes in the target's tensor: source axis i is target axis q[i];
// empty where the layouts differ by more than a permutation.
std::vector<int> source_axes(const WeightParameter& source, const WeightParameter& target) {
  if (!source.flip.empty() || !target.flip.empty() || source.split_axis >= 0 ||
      target.split_axis >= 0 || source.parts || target.parts) {
    return {};
  }
  const std::size_t rank = std::max(source.permute.size(), target.permute.size());
  if (rank == 0) return {};
  auto axes = [rank](const std::vector<int>& permute) {
    std::vector<int> all(rank);
    std::iota(all.begin(), all.end(), 0);
    return permute.empty() ? all : permute;
  };
  const std::vector<int> from = axes(source.permute);
  const std::vector<int> to = axes(target.permute);
  if (from.size() != rank || to.size() != rank) return {};
  std::vector<int> inverse(rank);
  for (std::size_t i = 0; i < rank; ++i) inverse[to[i]] = static_cast<int>(i);
  std::vector<int> result(rank);
  for (std::size_t i = 0; i < rank; ++i) result[i] = inverse[from[i]];
  return result;
}

bool identity(const std::vector<int>& axes) {
  for (std::size_t i = 0; i < axes.size(); ++i) {
    if (axes[i] != static_cast<int>(i)) return false;
  }
  return true;
}

// The name of a framework's transpose property (`T`); empty where its spoke has none.
std::string transpose_property(const AdapterData& data) {
  const auto found = data.alternatives.find("transpose/T");
  if (found == data.alternatives.end() || found->second.kind != "property") return {};
  return found->second.api.substr(found->second.api.rfind('.') + 1);
}

}  // namespace

// Is `read` an argument of a framework call that takes the parameter itself, not its value:
// an initializer filling it in place (`nn.init.normal_(m.weight)`, the hub's `init` ops,
// converted by the initializer hook) or an optimizer given it?
bool Converter::parameter_taken_whole(const AttributeRead& read) const {
  const Call* innermost = nullptr;
  for (const auto& [trailer, call] : calls_by_trailer_) {
    if (!rewrite::is_within(tree_, read.trailer, trailer)) continue;
    if (innermost == nullptr || rewrite::is_within(tree_, trailer, innermost->trailer)) {
      innermost = call;
    }
  }
  if (innermost == nullptr) return false;
  const ResolvedCall resolved = resolver_.resolve(*innermost);
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  return entries != nullptr && std::any_of(entries->begin(), entries->end(), [](const auto& entry) {
           return entry.op->category == "init" || entry.op->kind == "optimizer";
         });
}

// The node after `trailer` in its primary (`.T` after `.kernel`); kNoNode where none.
NodeId Converter::next_trailer(NodeId trailer) const {
  const auto parts = tree_.children(tree_.node(trailer).parent);
  const auto at = std::find(parts.begin(), parts.end(), trailer);
  return at == parts.end() || at + 1 == parts.end() ? python::kNoNode : *(at + 1);
}

// What a parameter's shape says, read as the source lays it out (docs/conversion.md "Layer
// attributes"): the target's name, and an axis given as a number is the target's axis of it:
//
//   m.weight.size(1)     ->  m.kernel.shape[0]       (nn.Linear's (out, in); nnx.Linear's (in, out))
//   m.weight.shape[0]    ->  m.kernel.shape[1]
//   m.weight.shape       ->  m.kernel.shape[::-1]    (two axes swapped)
//   m.weight.ndim / .dim() / .numel() / .dtype  ->  m.kernel...
//
// Any other read of its shape (an axis not written as a number, a layout other than a
// permutation) is reported. False where the read is of another attribute (`.data`).
bool Converter::convert_parameter_shape(const AttributeRead& read, const WeightParameter& own,
                                        const WeightParameter* kept, const std::string& api) {
  const NodeId after = next_trailer(read.trailer);
  const std::string attribute =
      after == python::kNoNode ? std::string() : rewrite::token_text(tree_, after);
  static const std::set<std::string> shaped = {".shape", ".size", ".ndim", ".dim", ".numel",
                                               ".dtype"};
  if (!shaped.count(attribute)) return false;
  const auto report = [&](const std::string& why) {
    unconverted_at(tree_.node(read.trailer).begin + 1, read.trailer, api + attribute, why);
    return true;
  };
  if (kept == nullptr || kept->name.find('/') != std::string::npos) {
    return report("the '" + target_.name + "' layer holds no such parameter whole ([[weights.layer]])");
  }
  std::vector<int> axes = source_axes(own, *kept);
  const bool alike = own.permute == kept->permute && own.flip == kept->flip &&
                     own.split_axis < 0 && kept->split_axis < 0 && !own.parts && !kept->parts;
  if (axes.empty() && !alike) {
    return report("the '" + target_.name + "' layer holds it laid out otherwise ([[weights.layer]])");
  }
  const NodeId index = next_trailer(after);
  const std::string index_text =
      index == python::kNoNode ? std::string() : rewrite::token_text(tree_, index);
  const bool axis_read = (attribute == ".shape" && index_text.size() > 2 && index_text[0] == '[') ||
                         (attribute == ".size" && index_text.size() > 2 && index_text[0] == '(');
  // `.size` not called is a count (an array's), as `.ndim` is
  const bool shape = attribute == ".shape" || (attribute == ".size" && !index_text.empty() &&
                                               index_text[0] == '(');
  const int rank = static_cast<int>(axes.size());
  if (shape && !alike && rank == 2 && index_text == "[::-1]") {
    edits_.replace(tree_.node(index).begin, tree_.node(index).end, "");  // swapped back
  } else if (shape && !alike && !identity(axes)) {
    const auto axis =
        axis_read ? layout_detail::integer(index_text.substr(1, index_text.size() - 2)) : std::nullopt;
    if (axis && *axis >= -rank && *axis < rank) {
      const python::Node& value = tree_.node(index);
      edits_.replace(value.begin + 1, value.end - 1,
                     std::to_string(axes[static_cast<size_t>((*axis + rank) % rank)]));
    } else if (attribute == ".shape" && !axis_read && rank == 2) {
      edits_.replace(tree_.node(after).end, tree_.node(after).end, "[::-1]");
    } else {
      return report("its axes are the target's in another order, and this read names no axis "
                    "by a number within the rank its layout has");
    }
  }
  const python::Node& name = tree_.node(tree_.children(read.trailer).back());
  if (kept->name != read.name && !edits_.covered(name.begin, name.end)) {
    edits_.replace(name.begin, name.end, kept->name);
  }
  return true;
}

void Converter::convert_parameter_values() {
  if (!source_.data->traits.has_modules() || !target_.data->traits.has_modules()) return;
  const auto reads = attribute_reads(tree_);
  std::set<NodeId> statements_assigning;  // ties and parameter assignments: their own rules
  for (const AttributeRead& read : reads) {
    if (read.assigned) statements_assigning.insert(rewrite::enclosing_statement(tree_, read.trailer));
  }
  const std::string source_t = transpose_property(*source_.data);
  const std::string target_t = transpose_property(*target_.data);
  for (const AttributeRead& read : reads) {
    if (read.assigned) continue;
    // In a statement assigning attributes (a tie): only its shape reads are this rule's.
    const bool assigning =
        statements_assigning.count(rewrite::enclosing_statement(tree_, read.trailer)) > 0;
    const auto layers = receiver_layers(read);
    if (layers.size() != 1) continue;
    const std::string& op = layers.front()->op->name;
    const WeightParameter* own =
        weight_parameter(source_.data->traits.weights, op, read.name, false);
    if (own == nullptr || own->hub.empty() || parameter_taken_whole(read)) continue;
    const WeightParameter* kept =
        weight_parameter(target_.data->traits.weights, op, own->hub, true);
    const NodeId after = read.object ? next_trailer(read.trailer) : python::kNoNode;
    const bool transposed = after != python::kNoNode && !source_t.empty() &&
                            rewrite::token_text(tree_, after) == "." + source_t;
    // `m.weight.shape[0]`: its shape, in the target's axes; `m.weight.data`: the parameter's
    // own, left to its rules
    if (read.object && !transposed) {
      convert_parameter_shape(read, *own, kept, layers.front()->mapping->api + "." + read.name);
      continue;
    }
    if (assigning) continue;
    const python::Node& name = tree_.node(tree_.children(read.trailer).back());
    const auto where = [&] { return tree_.node(read.trailer).begin + 1; };
    const std::string api = layers.front()->mapping->api + "." + read.name;
    if (kept == nullptr || kept->name.find('/') != std::string::npos) {
      unconverted_at(where(), read.trailer, api,
                     "the '" + target_.name + "' layer holds no such parameter whole "
                     "([[weights.layer]])");
      continue;
    }
    if (own->permute == kept->permute && own->flip == kept->flip && own->split_axis < 0 &&
        kept->split_axis < 0 && !own->parts && !kept->parts) {
      if (kept->name != read.name && !edits_.covered(name.begin, name.end)) {
        edits_.replace(name.begin, name.end, kept->name);  // laid out alike: renamed
      }
      continue;
    }
    std::vector<int> axes = source_axes(*own, *kept);
    if (transposed && axes.size() == 2) std::reverse(axes.begin(), axes.end());
    std::string suffix;
    if (axes.size() == 2 && !identity(axes) && !target_t.empty()) {
      suffix = "." + target_t;
    } else if (axes.empty() || !identity(axes)) {
      unconverted_at(where(), read.trailer, api,
                     "the '" + target_.name + "' layer holds it laid out otherwise "
                     "([[weights.layer]])");
      continue;
    }
    const uint32_t end = transposed ? tree_.node(after).end : name.end;
    if (!edits_.covered(name.begin, end)) edits_.replace(name.begin, end, kept->name + suffix);
  }
}

}  // namespace switcheroo::convert::engine_detail
