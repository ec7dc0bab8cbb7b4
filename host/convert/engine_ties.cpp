// Ties between two layers' parameters in a module's constructor (`self.head.weight =
// self.embed.weight`, docs/weights.md "Tied weights"): the assignment is written with the
// target's names of both parameters where the target holds each as one attribute and lays them
// out alike (the adapters' traits, `[[weights.layer]]`). Anywhere else it would name attributes
// the target's layers do not have (Flax NNX's nnx.Embed holds `embedding`, its nnx.Linear a
// `kernel` that is the table transposed), so it is reported, counted unconverted, and left as
// written.
#include "converter.h"

#include "rewrite/tree_query.h"

namespace switcheroo::convert::engine_detail {
namespace {

// `self.<layer>.<parameter>`: (`self.<layer>`, parameter); nullopt for any other text.
std::optional<std::pair<std::string, std::string>> layer_parameter(const std::string& text) {
  const auto first = text.find('.');
  const auto last = text.rfind('.');
  if (text.rfind("self.", 0) != 0 || first == last || text.find('.', first + 1) != last ||
      text.find_first_of(" ()[]\n") != std::string::npos) {
    return std::nullopt;
  }
  return std::pair(text.substr(0, last), text.substr(last + 1));
}

std::string axes_text(const std::vector<int>& axes) {
  std::string text;
  for (int axis : axes) text += (text.empty() ? "" : ", ") + std::to_string(axis);
  return "(" + text + (axes.size() == 1 ? ",)" : ")");
}

}  // namespace

const WeightParameter* weight_parameter(const WeightTraits& traits, const std::string& op,
                                        const std::string& name, bool by_hub) {
  const auto layer = traits.layers.find(op);
  if (layer == traits.layers.end()) return nullptr;
  for (const WeightParameter& parameter : layer->second) {
    if ((by_hub ? parameter.hub : parameter.name) == name && !parameter.composite()) {
      return &parameter;
    }
  }
  return nullptr;
}

// The hub layer op `self.<name> = API(...)` builds in the class around `node`; empty where no
// such construction maps to a source entry.
std::string Converter::built_layer_op(NodeId node, const std::string& attribute) const {
  const auto key = layer_attribute(node, attribute);
  for (const auto& [trailer, built] : calls_by_trailer_) {
    if (built_attribute(*built) != key) continue;
    const ResolvedCall resolved = resolver_.resolve(*built);
    const auto* entries =
        resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
    if (entries != nullptr && !entries->empty()) return entries->front().op->name;
  }
  return {};
}

// The target's names of a tie of `op`'s parameter `name` to `owner_op`'s `owner_name`, as
// (tied, owner); nullopt with `why` where the target cannot hold the tie as an assignment of
// attributes (a parameter it names otherwise than by one attribute, or lays out differently
// from its owner), and nullopt with `why` empty where the source's traits do not name the
// parameters (not a tie the weights know: left as written).
std::optional<std::pair<std::string, std::string>> Converter::tie_in_target(
    const std::string& op, const std::string& name, const std::string& owner_op,
    const std::string& owner_name, std::string& why) const {
  const WeightTraits& source = source_.data->traits.weights;
  const WeightTraits& target = target_.data->traits.weights;
  const WeightParameter* own = weight_parameter(source, op, name, false);
  const WeightParameter* owners = weight_parameter(source, owner_op, owner_name, false);
  if (own == nullptr || owners == nullptr) return std::nullopt;
  const WeightParameter* kept = weight_parameter(target, op, own->hub, true);
  const WeightParameter* kept_owner = weight_parameter(target, owner_op, owners->hub, true);
  if (kept == nullptr || kept_owner == nullptr) {
    why = "the target's traits name no '" + (kept ? owner_op : op) + "' parameter '" +
          (kept ? owners->hub : own->hub) + "' ([[weights.layer]])";
    return std::nullopt;
  }
  auto attribute = [](const std::string& text) {
    return !text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
                                std::string::npos;
  };
  if (attribute(kept->name) && attribute(kept_owner->name) &&
      kept->permute == kept_owner->permute && kept->flip == kept_owner->flip) {
    return std::pair(kept->name, kept_owner->name);
  }
  auto named = [](const std::string& layer_op, const WeightParameter& parameter) {
    return "'" + layer_op + "' '" + parameter.hub + "' as '" + parameter.name + "'" +
           (parameter.permute.empty() ? std::string() : " laid out " + axes_text(parameter.permute));
  };
  why = "its checkpoints name " + named(op, *kept) + " and " + named(owner_op, *kept_owner) +
        " ([[weights.layer]])";
  return std::nullopt;
}

// `self.<a>.<p> = self.<b>.<q>` between two layers the constructor builds: the target's names
// of both parameters where it holds them alike (`self.a.weight = self.b.weight` between two
// Linears -> `self.a.kernel = self.b.kernel` in Flax NNX), else reported.
void Converter::convert_ties() {
  if (!source_.data->traits.has_modules() || !target_.data->traits.has_modules()) return;
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto statement = static_cast<NodeId>(index);
    if (tree_.kind_name(statement) != "expression_stmt") continue;
    const auto parts = tree_.children(statement);
    if (parts.size() != 3 || rewrite::token_text(tree_, parts[1]) != "=") continue;
    const auto tied = layer_parameter(rewrite::token_text(tree_, parts[0]));
    const auto owner = layer_parameter(rewrite::token_text(tree_, parts[2]));
    if (!tied || !owner) continue;
    const std::string op = built_layer_op(statement, tied->first);
    const std::string owner_op = built_layer_op(statement, owner->first);
    if (op.empty() || owner_op.empty()) continue;
    std::string why;
    const auto names = tie_in_target(op, tied->second, owner_op, owner->second, why);
    if (names) {
      const auto& [left, right] = std::pair(tree_.node(parts[0]), tree_.node(parts[2]));
      edits_.replace(left.begin, left.end, tied->first + "." + names->first);
      edits_.replace(right.begin, right.end, owner->first + "." + names->second);
      continue;
    }
    if (why.empty() || tie_as_call(statement, *tied, *owner, op, owner_op)) continue;
    const std::string text = rewrite::token_text(tree_, parts[0]) + " = " +
                             rewrite::token_text(tree_, parts[2]);
    report_unconverted(tree_.node(statement).begin, statement,
                       "no mapping for the tie '" + text + "' to '" + target_.name + "': " + why,
                       kUnit);
  }
}

}  // namespace switcheroo::convert::engine_detail
