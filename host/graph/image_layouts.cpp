// Image layouts in the graph: permuting shapes between a framework's and the hub's axis order.
#include "image_layouts.h"

namespace switcheroo::graph {
namespace {

bool batched_orders(const std::string& from, const std::string& to) {
  return !from.empty() && from[0] == 'N' && !to.empty() && to[0] == 'N';
}

}  // namespace

ValuePtr relayout(const ValuePtr& shape, const std::string& from, const std::string& to) {
  if (!shape || !shape->is_sequence()) return shape;
  std::string source = from, target = to;
  if (shape->items.size() + 1 == source.size() && batched_orders(source, target)) {
    source.erase(0, 1);
    target.erase(0, 1);
  }
  if (shape->items.size() != source.size() || source.size() != target.size()) {
    return make_unknown("an image of " + std::to_string(shape->items.size()) +
                        " axes where the layout " + from + " has " + std::to_string(from.size()));
  }
  std::vector<ValuePtr> items;
  for (char axis : target) {
    const size_t at = source.find(axis);
    if (at == std::string::npos) return make_unknown("the layouts " + from + " and " + to + " name different axes");
    items.push_back(shape->items[at]);
  }
  return make_sequence(Value::Kind::tuple, std::move(items));
}

ResultLayout to_hub_layout(const HubOp& op, const OpMapping& mapping,
                           std::map<std::string, ValuePtr>& bound) {
  ResultLayout result;
  for (const auto& [name, hub_order] : op.layouts) {
    auto own = mapping.layouts.find(name);
    auto value = bound.find(name);
    if (own == mapping.layouts.end() || own->second == hub_order || value == bound.end()) continue;
    if (result.framework.empty() || name == "input") {
      const size_t rank = value->second->is_sequence() ? value->second->items.size() : 0;
      result = {own->second, hub_order, rank};
    }
    value->second = relayout(value->second, own->second, hub_order);
  }
  return result;
}

ValuePtr from_hub_layout(const ValuePtr& result, const ResultLayout& layout) {
  if (layout.framework.empty() || !result || !result->is_sequence()) return result;
  const bool shapes = !result->items.empty() && result->items[0]->is_sequence();
  if (!shapes) {
    return result->items.size() == layout.rank ? relayout(result, layout.hub, layout.framework) : result;
  }
  std::vector<ValuePtr> items;
  for (const auto& item : result->items) items.push_back(from_hub_layout(item, layout));
  return make_sequence(result->kind, std::move(items));
}

}  // namespace switcheroo::graph
