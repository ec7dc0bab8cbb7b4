#include "weight_plan.h"

#include "core/diagnostics.h"
#include "flattened_images.h"
#include "plan_helpers.h"
#include "side_path.h"

#include <algorithm>

namespace switcheroo::weights {
namespace {

using namespace plan_detail;

bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Whether the tensor holds hub tensor `hub` whole (itself or stacked with others), not summed.
bool keeps(const WeightParameter& parameter, const std::string& hub) {
  return parameter.hub == hub || contains(parameter.stack, hub);
}

bool holds(const WeightParameter& parameter, const std::string& hub) {
  return keeps(parameter, hub) || contains(parameter.plus, hub);
}

// `dims` of a side's tensor with the axis its traits split per head: (n, size / n).
Dims split_dims(Dims dims, const WeightParameter& parameter, const graph::ModelGraph& graph,
                const graph::Module& module) {
  if (parameter.split_by.empty()) return dims;
  const auto argument = std::find_if(module.arguments.begin(), module.arguments.end(),
                                     [&](const graph::Argument& a) { return a.name == parameter.split_by; });
  int64_t count = 0;
  if (argument != module.arguments.end() && argument->literal) {
    try {
      count = std::stoll(argument->value);
    } catch (const std::exception&) {
      count = 0;
    }
  }
  const auto axis = static_cast<size_t>(parameter.split_axis);
  if (count <= 0 || axis >= dims.size() || dims[axis] % count != 0) {
    fail(graph, module, "cannot split axis " + std::to_string(axis) + " of '" + layer_op(module) + "' parameter '" +
                            parameter.hub + "' by '" + parameter.split_by + "'" +
                            (count <= 0 ? ", whose value is not known" : ""));
  }
  dims[axis] /= count;
  dims.insert(dims.begin() + static_cast<std::ptrdiff_t>(axis), count);
  return dims;
}

Dims block_dims(Dims dims, int parts) {
  if (parts > 0) dims[0] /= parts;
  return dims;
}

// The source tensor `tensor` whole (its row of hub tensor `name` where it stacks several),
// brought to the hub's layout.
Piece whole_piece(const SideTensor& tensor, const std::string& name, const graph::ModelGraph& graph,
                  const graph::Module& module) {
  const WeightParameter& parameter = *tensor.parameter;
  const Dims hub = block_dims(hub_parameter(module, parameter.hub)->dims, parameter.parts);
  const std::vector<int> axes = permutation(parameter, hub.size(), graph, module);
  Piece piece{tensor.key, permuted(hub, axes), -1, {}, {}, 0, 0, {}};
  if (!parameter.stack.empty()) {
    piece.source_dims.insert(piece.source_dims.begin(), static_cast<int64_t>(parameter.stack.size() + 1));
    const auto at = std::find(parameter.stack.begin(), parameter.stack.end(), name);
    piece.index = at == parameter.stack.end() ? 0 : 1 + (at - parameter.stack.begin());
  }
  if (!tensor.parameter->split_by.empty()) {
    piece.merged = piece.source_dims;
    piece.source_dims = split_dims(piece.merged, *tensor.parameter, graph, module);
  }
  if (axes == identity(hub.size())) return piece;
  piece.to_hub.resize(axes.size());
  for (size_t i = 0; i < axes.size(); ++i)
    piece.to_hub[static_cast<size_t>(axes[i])] = static_cast<int>(i);
  return piece;
}

// `piece` cut to rows `begin`..`begin + rows` of hub axis 0 (rows 0: all of them).
Piece rows_of(Piece piece, int64_t begin, int64_t rows) {
  if (rows > 0) {
    piece.begin = begin;
    piece.end = begin + rows;
  }
  return piece;
}

// Hub tensor `hub` (its block `part` of `parts`; parts 0: all of it) as the source holds it:
// whole (then cut, its blocks put back in the hub's order), in blocks (one, or all joined), or
// folded into another's sum (zeros).
Term source_term(const std::vector<SideTensor>& from, const graph::ParameterShape& hub, int part,
                 int parts, const graph::ModelGraph& graph, const graph::Module& module) {
  std::vector<const SideTensor*> holders;
  for (const SideTensor& tensor : from) {
    if (keeps(*tensor.parameter, hub.name)) holders.push_back(&tensor);
  }
  Term term;
  if (holders.empty()) {
    const auto sum = std::find_if(from.begin(), from.end(), [&](const SideTensor& t) {
      return holds(*t.parameter, hub.name);
    });
    term.zeros = true;
    term.zeros_dims = block_dims(hub.dims, parts);
    term.pieces.push_back(whole_piece(*sum, sum->parameter->hub, graph, module));
    return term;
  }
  const WeightParameter& first = *holders.front()->parameter;
  const int held = first.parts;
  auto mismatch = [&] {
    fail(graph, module,
         "the source holds '" + layer_op(module) + "' parameter '" + hub.name + "' in " +
             std::to_string(held > 0 ? held : static_cast<int>(first.blocks.size())) +
             " blocks, which do not make the " +
             (parts > 0 ? std::to_string(parts) + " blocks" : std::string("whole tensor")) +
             " the target holds");
  };
  if (held == 0) {
    const Piece piece = whole_piece(*holders.front(), hub.name, graph, module);
    const int count = static_cast<int>(first.blocks.size());
    if (count == 0) {
      term.pieces.push_back(parts > 0 ? rows_of(piece, part * (hub.dims[0] / parts), hub.dims[0] / parts) : piece);
      return term;
    }
    if (parts > 0 && parts != count) mismatch();
    const int64_t rows = hub.dims[0] / count;
    for (int block = 0; block < count; ++block) {  // hub block `block` is at the source's `at`
      if (parts > 0 && block != part) continue;
      const auto at = std::find(first.blocks.begin(), first.blocks.end(), block) - first.blocks.begin();
      term.pieces.push_back(rows_of(piece, at * rows, rows));
    }
    return term;
  }
  if (parts > 0 && parts != held) mismatch();
  for (int block = 0; block < held; ++block) {
    if (parts > 0 && block != part) continue;
    const auto found = std::find_if(holders.begin(), holders.end(), [&](const SideTensor* t) {
      return t->parameter->part == block;
    });
    if (found != holders.end()) {
      term.pieces.push_back(whole_piece(**found, hub.name, graph, module));
      continue;
    }
    // A block another tensor's sum holds (plus-blocks): zeros here.
    const auto sum = std::find_if(from.begin(), from.end(), [&](const SideTensor& t) {
      const WeightParameter& p = *t.parameter;
      return contains(p.plus, hub.name) && p.plus_of == held && block < p.plus_blocks;
    });
    if (sum == from.end()) mismatch();
    Piece zeros = whole_piece(*sum, sum->parameter->hub, graph, module);
    zeros.zeros = block_dims(hub.dims, held);
    term.pieces.push_back(zeros);
  }
  return term;
}

// A `plus` term of `target` that adds the first plus_blocks of plus_of blocks alone: the
// source's whole tensor cut to them, zeros in place of the rest.
Term leading_blocks(Term term, const WeightParameter& target, const graph::ParameterShape& hub,
                    const graph::ModelGraph& graph, const graph::Module& module) {
  if (target.plus_blocks == 0 || term.zeros) return term;
  if (term.pieces.size() != 1 || term.pieces.front().end != 0) {
    fail(graph, module, "the source holds '" + layer_op(module) + "' parameter '" + hub.name +
                            "' in blocks, which the target adds the first " + std::to_string(target.plus_blocks) +
                            " of to another ('plus-blocks')");
  }
  const int64_t rows = hub.dims[0] / target.plus_of;
  Piece rest = term.pieces.front();
  rest.zeros = hub.dims;
  rest.zeros[0] = rows * (target.plus_of - target.plus_blocks);
  term.pieces = {rows_of(term.pieces.front(), 0, rows * target.plus_blocks), rest};
  return term;
}

// Hub tensor `hub` as a target tensor holds it: whole, one block of it, or all its blocks in the
// target's order (`blocks`), each made of the source's pieces.
Term target_term(const std::vector<SideTensor>& from, const graph::ParameterShape& hub,
                 const WeightParameter& target, const graph::ModelGraph& graph, const graph::Module& module) {
  if (target.blocks.empty()) return source_term(from, hub, target.part, target.parts, graph, module);
  Term term;
  const int count = static_cast<int>(target.blocks.size());
  for (int block : target.blocks) {
    Term one = source_term(from, hub, block, count, graph, module);
    if (one.zeros) return source_term(from, hub, 0, 0, graph, module);  // zeros of the whole
    term.pieces.insert(term.pieces.end(), one.pieces.begin(), one.pieces.end());
  }
  return term;
}

// A target tensor made of hub tensors or blocks of them: the sum of their source terms, in the
// hub's layout, then the target's permutation. Zeros added to a real term are left out.
TensorLine compute_line(const SideTensor& to, const std::vector<SideTensor>& from,
                        const graph::ModelGraph& graph, const graph::Module& module) {
  const WeightParameter& target = *to.parameter;
  TensorLine line;
  line.kind = TensorLine::Kind::compute;
  line.target_key = to.key;
  const Dims block = block_dims(hub_parameter(module, target.hub)->dims, target.parts);
  const std::vector<int> axes = permutation(target, block.size(), graph, module);
  line.target_dims = split_dims(permuted(block, axes), target, graph, module);
  line.reshape = !target.split_by.empty();
  if (axes != identity(block.size())) line.permute = axes;
  std::vector<std::string> hubs{target.hub};
  hubs.insert(hubs.end(), target.plus.begin(), target.plus.end());
  hubs.insert(hubs.end(), target.stack.begin(), target.stack.end());
  line.stack = !target.stack.empty();
  if (line.stack) line.target_dims.insert(line.target_dims.begin(), static_cast<int64_t>(hubs.size()));
  for (const std::string& name : hubs) {
    if (const graph::ParameterShape* hub = hub_parameter(module, name)) {
      Term term = target_term(from, *hub, target, graph, module);
      line.terms.push_back(contains(target.plus, name) ? leading_blocks(term, target, *hub, graph, module) : term);
    }
  }
  const bool any_real =
      std::any_of(line.terms.begin(), line.terms.end(), [](const Term& t) { return !t.zeros; });
  if (any_real && !line.stack) {
    line.terms.erase(
        std::remove_if(line.terms.begin(), line.terms.end(), [](const Term& t) { return t.zeros; }),
        line.terms.end());
  }
  return line;
}

bool channels_last(const Side& side) { return side.traits->images == "channels-last"; }

// The rows of hub axis 1 of a tensor shaped `dims` (a Linear's input axis, the hub's layout
// putting the output axis first) fed `image` flattened, from the source's order to the
// target's; empty where both order them alike or the axis is not the image's features.
Regroup image_rows(const Dims& dims, const FlattenedImage& image, const Side& source, const Side& target) {
  Regroup regroup;
  const bool from_last = channels_last(source);
  const Dims rows = image.rows(from_last);
  int64_t features = 1;
  for (int64_t size : rows) features *= size;
  if (from_last == channels_last(target) || dims.size() < 2 || dims[1] != features) return regroup;
  const int spatial = static_cast<int>(image.spatial.size());
  regroup.dims = dims;
  regroup.expanded = {dims[0]};
  regroup.expanded.insert(regroup.expanded.end(), rows.begin(), rows.end());
  regroup.expanded.insert(regroup.expanded.end(), dims.begin() + 2, dims.end());
  regroup.permute = {0};
  if (from_last) regroup.permute.push_back(1 + spatial);  // channels to the front
  for (int axis = 0; axis < spatial; ++axis) regroup.permute.push_back(2 + axis - (from_last ? 1 : 0));
  if (!from_last) regroup.permute.push_back(1);  // channels to the back
  for (size_t axis = 2 + rows.size() - 1; axis < regroup.expanded.size(); ++axis)
    regroup.permute.push_back(static_cast<int>(axis));
  return regroup;
}

std::string dims_text(const Dims& dims, const std::string& separator) {
  std::string text;
  for (int64_t size : dims) text += (text.empty() ? "" : separator) + std::to_string(size);
  return text;
}

// The comment of a layer fed an image flattened: how each side orders its rows.
std::string image_note(const FlattenedImage& image, const Side& source, const Side& target) {
  auto order = [&](const Side& side) {
    return std::string(channels_last(side) ? "(H, W, C)" : "(C, H, W)") + " in " + side.name();
  };
  return "fed an image flattened, " + std::to_string(image.channels) + " channels of " +
         dims_text(image.spatial, " x ") + ": its rows " + order(source) + ", " + order(target);
}

// The target tensor `to` from the source's: one tensor moved as it is, or composed; `regroup`:
// its rows reordered on the way (image_rows).
TensorLine target_line(const SideTensor& to, const std::vector<SideTensor>& from,
                       const graph::ModelGraph& graph, const graph::Module& module,
                       const Regroup& regroup) {
  const std::string& hub = to.parameter->hub;
  if (!regroup.empty()) {
    TensorLine line = compute_line(to, from, graph, module);
    line.regroup = regroup;
    return line;
  }
  const auto count = std::count_if(from.begin(), from.end(),
                                   [&](const SideTensor& t) { return holds(*t.parameter, hub); });
  const auto source = std::find_if(from.begin(), from.end(),
                                   [&](const SideTensor& t) { return t.parameter->hub == hub; });
  if (!to.parameter->composite() && count == 1 && source != from.end() &&
      !source->parameter->composite()) {
    return move_line(*source, to, *hub_parameter(module, hub), graph, module);
  }
  return compute_line(to, from, graph, module);
}

LayerPlan plan_layer(const graph::ModelGraph& graph, const graph::Module& module, int index, const Side& source,
                     const Side& target, const FlattenedImage* image) {
  for (const auto& parameter : module.parameter_shapes) {
    if (!parameter.known) {
      fail(graph, module, "the shape of " + display_path(module) + " parameter '" + parameter.name +
                              "' is not known: " + parameter.reason);
    }
  }
  const graph::Tie* called_in_source = called_tie(graph, index, source);
  const graph::Tie* called_in_target = called_tie(graph, index, target);
  // A side that calls a tied layer's owner in its place holds no tensor of it; the side
  // tensors point into these tables.
  const auto source_table = called_in_source ? std::vector<WeightParameter>{} : layer_parameters(graph, module, source);
  const auto target_table = called_in_target ? std::vector<WeightParameter>{} : layer_parameters(graph, module, target);
  const auto from = called_in_source ? std::vector<SideTensor>{}
                                     : side_tensors(module, source_table, side_path(graph, index, source),
                                                    *source.traits);
  const auto to = called_in_target ? std::vector<SideTensor>{}
                                   : side_tensors(module, target_table, side_path(graph, index, target),
                                                  *target.traits);
  LayerPlan plan{module.path, layer_op(module), module.op.empty() ? module.kind : module.api, module.location, "", {}};
  if (const graph::Reparametrization& wrapper = module.reparametrized; !wrapper.op.empty()) {
    const std::string kept =
        wrapper.every_axis ? std::string("over every axis") : "axis " + std::to_string(wrapper.axis) + " kept";
    plan.note = "wrapped by '" + wrapper.op + "' at " + wrapper.location + ": '" + wrapper.parameter +
                "' as a magnitude '" + wrapper.parameter + "_g' (" + kept + ") and a direction '" +
                wrapper.parameter + "_v'";
  }
  if (called_in_target) {
    const graph::Module& owner = graph.modules[static_cast<size_t>(called_in_target->owner)];
    plan.note = "tied at " + called_in_target->location + ": " + target.name() + " calls " + display_path(owner) +
                " in its place ([[weights.tied-layer]]), so it has no tensor of its own there";
    plan.lines = tie_checks(from, *called_in_target, graph, source);
    return plan;
  }
  for (const auto& parameter : module.parameter_shapes) {
    if (called_in_source) continue;
    auto has = [&](const SideTensor& tensor) { return holds(*tensor.parameter, parameter.name); };
    const bool in_source = std::any_of(from.begin(), from.end(), has);
    const bool in_target = std::any_of(to.begin(), to.end(), has);
    if (!in_source || !in_target) {
      fail(graph, module,
           "the " + (in_source ? target : source).name() + " adapter has no place for '" +
               layer_op(module) + "' parameter '" + parameter.name + "' of " + display_path(module) +
               " (its traits' [[weights.layer]])");
    }
  }
  for (const SideTensor& tensor : to) {
    if (tensor.parameter->hub.empty()) {
      TensorLine line;
      line.kind = TensorLine::Kind::fill;
      line.target_key = tensor.key;
      line.dtype = tensor.parameter->dtype;
      line.fill = tensor.parameter->fill;
      plan.lines.push_back(line);
      continue;
    }
    const Regroup regroup =
        image ? image_rows(block_dims(hub_parameter(module, tensor.parameter->hub)->dims, tensor.parameter->parts),
                           *image, source, target)
              : Regroup{};
    if (!regroup.empty()) plan.note = image_note(*image, source, target);
    if (const graph::Tie* tie = tie_of(graph, index, tensor.parameter->hub)) {
      if (!regroup.empty() || tensor.parameter->composite())
        fail(graph, module, "a tied parameter fed an image flattened or held with others is not planned");
      for (TensorLine& line : tied_lines(tensor, from, *tie, graph, source, target)) plan.lines.push_back(line);
      continue;
    }
    plan.lines.push_back(target_line(tensor, from, graph, module, regroup));
  }
  for (const SideTensor& tensor : from) {
    if (!tensor.parameter->hub.empty()) continue;
    TensorLine line;
    line.kind = TensorLine::Kind::drop;
    line.source_key = tensor.key;
    plan.lines.push_back(line);
  }
  return plan;
}

// The parameters and buffers a class of the file holds itself, moved as they are: both sides
// keep the shape the model builds them with.
LayerPlan plan_held_tensors(const graph::ModelGraph& graph, const graph::Module& module, int index,
                            const Side& source, const Side& target) {
  LayerPlan plan{module.path, module.kind + " (its own tensors)", "", module.location, "", {}};
  // `{position}`: the tensor's place among the module's own, parameters first (Keras 3's `vars/N`).
  auto key = [&](const graph::HeldTensor& tensor, size_t position, const Side& side) {
    std::string name =
        tensor.buffer ? side.traits->weights.held_buffer : side.traits->weights.held_parameter;
    if (name.empty()) {
      fail(graph, module,
           "the " + side.name() + " adapter has no place for " +
               (tensor.buffer ? "buffer '" : "parameter '") + tensor.name + "' that " +
               display_path(module) + " ('" + module.kind +
               "') holds itself (its traits' [weights] " +
               (tensor.buffer ? "buffer)" : "parameter)"));
    }
    replace_all(name, "{name}", tensor.name);
    replace_all(name, "{position}", std::to_string(position));
    const std::string path = side_path(graph, index, side);
    return path.empty() ? name : path + side.traits->weights.separator + name;
  };
  // Parameters before buffers, each in registration order, as checkpoints list them.
  std::vector<graph::HeldTensor> held = module.held_tensors;
  std::stable_partition(held.begin(), held.end(),
                        [](const graph::HeldTensor& tensor) { return !tensor.buffer; });
  for (size_t position = 0; position < held.size(); ++position) {
    const graph::HeldTensor& tensor = held[position];
    if (!tensor.known) fail(graph, module, tensor.reason + " in " + display_path(module));
    TensorLine line;
    line.source_key = key(tensor, position, source);
    line.target_key = key(tensor, position, target);
    line.source_dims = line.target_dims = tensor.dims;
    plan.lines.push_back(line);
  }
  return plan;
}

}  // namespace

MigrationPlan plan_migration(const graph::ModelGraph& graph, const Side& source, const Side& target) {
  MigrationPlan plan;
  const bool model_channels_last = channels_last(graph.framework == source.traits->framework ? source : target);
  const std::map<int, FlattenedImage> images = flattened_images(graph, model_channels_last);
  for (size_t index = 0; index < graph.modules.size(); ++index) {
    const graph::Module& module = graph.modules[index];
    if (!module.own_parameters.known) {
      fail(graph, module, "the parameters of " + display_path(module) + " are not known: " + module.own_parameters.reason);
    }
    if (!module.held_tensors.empty()) {
      if (!layer_op(module).empty() && layer_op(module) != "parameter_list") {
        fail(graph, module,
             "a tensor assigned to layer " + display_path(module) + " ('" +
                 module.held_tensors.front().name + "') is not modelled");
      }
      plan.layers.push_back(
          plan_held_tensors(graph, module, static_cast<int>(index), source, target));
      plan.tensors += static_cast<int64_t>(module.held_tensors.size());
      continue;
    }
    if (layer_op(module).empty() || (module.own_parameters.count == 0 && module.parameter_shapes.empty()))
      continue;
    if (!module.has_parameter_rules) {
      fail(graph, module, "the hub has no parameter shapes for '" + layer_op(module) + "' (kb/shapes.toml [parameters])");
    }
    const auto image = images.find(static_cast<int>(index));
    plan.layers.push_back(plan_layer(graph, module, static_cast<int>(index), source, target,
                                     image == images.end() ? nullptr : &image->second));
    for (const auto& line : plan.layers.back().lines)
      plan.tensors +=
          line.kind == TensorLine::Kind::move || line.kind == TensorLine::Kind::compute ? 1 : 0;
  }
  return plan;
}

}  // namespace switcheroo::weights
