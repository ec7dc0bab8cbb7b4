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

#include <algorithm>
#include <numeric>

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
    if (read.assigned ||
        statements_assigning.count(rewrite::enclosing_statement(tree_, read.trailer))) {
      continue;
    }
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
    if (read.object && !transposed) continue;  // `m.weight.data`: the parameter's own
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
