#include "weight_script.h"

#include "core/diagnostics.h"

#include <algorithm>
#include <sstream>

namespace switcheroo::weights {
namespace {

constexpr const char* kUnit = "weights";

std::string python_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string trimmed(std::string code) {
  while (!code.empty() && code.front() == '\n') code.erase(0, 1);
  while (!code.empty() && (code.back() == '\n' || code.back() == ' ')) code.pop_back();
  return code;
}

std::string tuple(const std::vector<int64_t>& dims) {
  std::string out = "(";
  for (size_t i = 0; i < dims.size(); ++i) out += (i ? ", " : "") + std::to_string(dims[i]);
  return out + (dims.size() == 1 ? ",)" : ")");
}

std::string axes(const std::vector<int>& list) {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + std::to_string(list[i]);
  return out;
}

// `take(key, dims).transpose(...)[begin:end]`: a source tensor in the hub's layout, cut.
std::string piece_text(const Piece& piece) {
  std::string value =
      "take(" + python_string(piece.source_key) + ", " + tuple(piece.source_dims) + ")";
  if (piece.index >= 0) value += "[" + std::to_string(piece.index) + "]";
  if (!piece.merged.empty()) value += ".reshape(" + tuple(piece.merged) + ")";
  if (!piece.to_hub.empty()) value += ".transpose(" + axes(piece.to_hub) + ")";
  if (piece.end > 0)
    value += "[" + std::to_string(piece.begin) + ":" + std::to_string(piece.end) + "]";
  if (!piece.zeros.empty()) return "zeros(" + tuple(piece.zeros) + ", like=" + value + ")";
  return value;
}

// Blocks joined along the first axis by join(); zeros(shape, like=tensor) for a folded tensor.
std::string term_text(const Term& term) {
  if (term.zeros)
    return "zeros(" + tuple(term.zeros_dims) + ", like=" + piece_text(term.pieces.front()) + ")";
  if (term.pieces.size() == 1) return piece_text(term.pieces.front());
  std::string joined;
  for (const Piece& piece : term.pieces) joined += (joined.empty() ? "" : ", ") + piece_text(piece);
  return "join(" + joined + ")";
}

std::string compute_text(const TensorLine& line) {
  std::string value;
  for (const Term& term : line.terms)
    value += (value.empty() ? "" : line.stack ? ", " : " + ") + term_text(term);
  if (line.stack) value = "stack(" + value + ")";
  if (line.terms.size() > 1 && !line.stack && (!line.permute.empty() || line.reshape || !line.regroup.empty()))
    value = "(" + value + ")";
  if (!line.regroup.empty()) {
    value += ".reshape(" + tuple(line.regroup.expanded) + ").transpose(" + axes(line.regroup.permute) +
             ").reshape(" + tuple(line.regroup.dims) + ")";
  }
  if (!line.permute.empty()) value += ".transpose(" + axes(line.permute) + ")";
  if (line.reshape) value += ".reshape(" + tuple(line.target_dims) + ")";
  return "put(" + python_string(line.target_key) + ", " + value + ", " + tuple(line.target_dims) +
         ")";
}

std::string line_text(const TensorLine& line, const Side& source, const Side& target) {
  switch (line.kind) {
    case TensorLine::Kind::drop:
      return "drop(" + python_string(line.source_key) + ")  # " + target.name() + " has no place for it";
    case TensorLine::Kind::fill:
      return "fill(" + python_string(line.target_key) + ", " + python_string(line.dtype) + ", " +
             std::to_string(line.fill) + ")  # " + source.name() + " has no counterpart";
    case TensorLine::Kind::compute: return compute_text(line);
    case TensorLine::Kind::move:
    case TensorLine::Kind::tie: break;
  }
  const bool tie = line.kind == TensorLine::Kind::tie;
  std::string value = "take(" + python_string(line.source_key) + ", " + tuple(line.source_dims) +
                      (tie ? ", tied=True)" : ")");
  if (!line.permute.empty()) value += ".transpose(" + axes(line.permute) + ")";
  if (!line.flip.empty()) {  // reversed by slicing: `[:, ::-1]`
    std::string index;
    const int last = line.flip.back();
    for (int axis = 0; axis <= last; ++axis) {
      const bool flipped = std::find(line.flip.begin(), line.flip.end(), axis) != line.flip.end();
      index += std::string(axis ? ", " : "") + (flipped ? "::-1" : ":");
    }
    value += "[" + index + "]";
  }
  if (line.reshape) value += ".reshape(" + tuple(line.target_dims) + ")";
  if (tie) {
    return "tie(" + python_string(line.source_key) + ", " + value + ", " + python_string(line.target_key) +
           ")  # where the source lists it";
  }
  return "put(" + python_string(line.target_key) + ", " + value + ", " + tuple(line.target_dims) + ")";
}

std::vector<const WeightFormat*> side_formats(const ScriptRequest& request, const Side& side, const char* which) {
  std::vector<const WeightFormat*> formats;
  for (const std::string& id : side.traits->weights.formats) {
    auto found = request.formats.find(id);
    if (found == request.formats.end()) {
      throw Error("the " + side.name() + " adapter's weight traits name format '" + id +
                      "', which no loaded adapter defines ([weights.format." + id + "])",
                  kUnit);
    }
    formats.push_back(found->second);
  }
  if (formats.empty()) {
    throw Error("the " + side.name() + " adapter names no checkpoint formats ([weights] formats), so it cannot be the " +
                    which,
                kUnit);
  }
  return formats;
}

std::string format_table(const std::vector<const WeightFormat*>& formats) {
  std::string out = "{";
  for (size_t i = 0; i < formats.size(); ++i) {
    out += (i ? ", " : "") + python_string(formats[i]->id) + ": (";
    for (size_t e = 0; e < formats[i]->extensions.size(); ++e) {
      out += (e ? ", " : "") + python_string(formats[i]->extensions[e]);
    }
    out += formats[i]->extensions.size() == 1 ? ",)" : ")";
  }
  return out + "}";
}

std::string format_list(const std::vector<const WeightFormat*>& formats) {
  std::string out;
  for (const WeightFormat* format : formats) {
    out += (out.empty() ? "" : ", ") + format->id;
    std::string extensions;
    for (const auto& extension : format->extensions) extensions += (extensions.empty() ? "" : " ") + extension;
    out += " (" + (extensions.empty() ? "no extension: named by --source-format/--target-format" : extensions) + ")";
    if (!format->library.empty()) out += " [" + format->library + "]";
  }
  return out;
}

// The docstring's lines on the functions a side's [weights.model] code defines.
std::string model_usage(const ScriptRequest& request) {
  std::string usage;
  if (!request.target.traits->weights.model_load.empty()) {
    usage += "\nIn a " + request.target.name() + " program, load_into(model, TARGET) of this file (imported as a\n"
             "module) loads the checkpoint it wrote into the converted model, in place; see load_into.\n";
  }
  if (!request.source.traits->weights.model_save.empty()) {
    usage += "\nIn a " + request.source.name() + " program, save_from(model, SOURCE) of this file (imported as a\n"
             "module) saves the model's checkpoint for this script to read; see save_from.\n";
  }
  return usage;
}

// The [weights.model] code of the target (load_into) and of the source (save_from).
void write_model_code(std::ostream& out, const ScriptRequest& request) {
  const Side* sides[] = {&request.target, &request.source};
  for (const Side* side : sides) {
    const std::string& code = side == &request.target ? side->traits->weights.model_load : side->traits->weights.model_save;
    if (code.empty()) continue;
    out << "\n\n# " << (side == &request.target ? "Loading into" : "Saving from") << " a " << side->name()
        << " model, from the " << side->traits->framework << " adapter's traits.\n"
        << trimmed(code) << "\n";
  }
}

void write_docstring(std::ostream& out, const ScriptRequest& request, const std::vector<const WeightFormat*>& from,
                     const std::vector<const WeightFormat*>& to) {
  const graph::ModelGraph& graph = *request.graph;
  out << "#!/usr/bin/env python3\n\"\"\"Migrates a checkpoint of " << graph.model << " (" << graph.file << ") from "
      << request.source.name() << " to " << request.target.name() << ".\n\n"
      << "Generated by: " << request.command << "\n\n"
      << "Each line of migrate() moves one tensor: take(source key, the shape the source model\n"
      << "declares), its layout change, put(target key, tensor, the shape the target model declares).\n"
      << "Before anything is written, every source tensor must be used, every target tensor made, and\n"
      << "every shape and dtype must match; --check runs these checks alone. The target is written under\n"
      << "a temporary name and renamed, so a failed run leaves nothing behind.\n\n"
      << "usage: python3 " << "migrate.py SOURCE TARGET [--check] [--source-format F] [--target-format F]\n"
      << "source formats: " << format_list(from) << "\n"
      << "target formats: " << format_list(to) << "\n"
      << "(the format comes from the file's extension; [package] is what a format needs beyond the array library)\n"
      << model_usage(request) << "\"\"\"\nimport argparse\nimport os\nimport shutil\nimport sys\nimport tempfile\n\n"
      << trimmed(request.runtime->weights.script_imports) << "\n\n"
      << "SOURCE_FORMATS = " << format_table(from) << "\n"
      << "TARGET_FORMATS = " << format_table(to) << "\n\n\n";
}

}  // namespace

std::string render_script(const ScriptRequest& request) {
  const auto from = side_formats(request, request.source, "source");
  const auto to = side_formats(request, request.target, "target");
  std::ostringstream out;
  write_docstring(out, request, from, to);
  out << "def migrate(take, put, drop, fill, tie):\n";
  if (request.plan->layers.empty()) out << "    pass  # the model has no parameters\n";
  bool first = true;
  for (const LayerPlan& layer : request.plan->layers) {
    if (!first) out << "\n";
    first = false;
    out << "    # " << (layer.path.empty() ? "(the model)" : layer.path) << ": " << layer.op;
    if (!layer.api.empty()) out << ", " << layer.api;
    if (!layer.location.empty()) out << " at " << layer.location;
    out << "\n";
    if (!layer.note.empty()) out << "    # " << layer.note << "\n";
    for (const TensorLine& line : layer.lines) {
      if (!line.comment.empty()) out << "    # " << line.comment << "\n";
      out << "    " << line_text(line, request.source, request.target) << "\n";
    }
  }
  std::vector<const WeightFormat*> formats = from;
  for (const WeightFormat* format : to) {
    bool seen = false;
    for (const WeightFormat* known : formats) seen = seen || known == format;
    if (!seen) formats.push_back(format);
  }
  for (const WeightFormat* format : formats) {
    out << "\n\n# Format '" << format->id << "', from the " << format->defined_by << " adapter's traits.\n";
    out << trimmed(format->code) << "\n";
  }
  write_model_code(out, request);
  out << "\n\n# Checks and command line, from the " << request.runtime->framework << " adapter's traits.\n"
      << trimmed(request.runtime->weights.script_code) << "\n";
  return out.str();
}

}  // namespace switcheroo::weights
