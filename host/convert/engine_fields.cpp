// The engine's part in hyper-parameter fields and child templates (module_fields.h): template
// calls read as calls of their layer class, and the problems planning finds, reported.
#include "converter.h"

namespace switcheroo::convert::engine_detail {

// Config(Linear, input_dims=4) converts as Linear(input_dims=4); the template's own callee goes
// once its layer converted (a layer class of the file needs no conversion).
void Converter::convert_template_call(const Call& call, const Call& layer) {
  const ResolvedCall resolved = resolver_.resolve(layer);
  const uint32_t end = tree_.node(call.trailer).end;
  if (resolved.kind == ResolvedCall::Kind::local) {
    convert_local_call(layer);
    if (!edits_.covered(layer.callee_begin, end)) {
      // `Block, width=4)`: the separator after the class becomes the call's parenthesis.
      const auto& items = layer.arguments.items;
      const uint32_t next = items.empty() ? tree_.node(call.arguments.close).begin
                                          : tree_.node(items.front().node).begin;
      edits_.replace(layer.callee_end, next, "(");
    }
  } else {
    convert_framework_call(layer, resolved);
    if (!edits_.covered(layer.callee_begin, end)) return;
  }
  edits_.replace(call.callee_begin, layer.callee_begin, "");
}

void Converter::plan_fields(const std::vector<Call>& calls) {
  std::vector<std::pair<uint32_t, std::string>> problems;
  fields_.plan(modules_.module_classes(), calls, edits_, problems);
  for (const auto& [offset, message] : problems) {
    const auto where = tree_.source().line_column(offset);
    result_.diagnostics.push_back(Diagnostic{
        Severity::warning, {file_, where.line, where.column}, message, kUnit});
    ++result_.unconverted;
  }
}

bool Converter::builds_layer(const Call& call) const {
  const ResolvedCall resolved = resolver_.resolve(call);
  if (resolved.kind == ResolvedCall::Kind::local) return true;
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  return entries != nullptr &&
         std::any_of(entries->begin(), entries->end(),
                     [](const SourceEntry& entry) { return entry.mapping->kind == "layer"; });
}

}  // namespace switcheroo::convert::engine_detail
