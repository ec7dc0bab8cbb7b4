#include "convert_assembly.h"

#include "../convert/unified_diff.h"
#include "../core/output_file.h"
#include "../core/text_util.h"
#include "control_flow.h"
#include "python_writer.h"

#include <switcheroo/isa.h>

#include <filesystem>
#include <ostream>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "convert";

const sw_isa_frontend_interface* interface_of(const LoadedPlugin& plugin) {
  if (plugin.kind() != SW_PLUGIN_KIND_ISA_FRONTEND) return nullptr;
  auto table = static_cast<const sw_isa_frontend_interface*>(plugin.descriptor().interface);
  if (table == nullptr || table->struct_size < sizeof(sw_isa_frontend_interface) ||
      table->isa == nullptr || table->parse == nullptr || table->sniff == nullptr)
    return nullptr;
  return table;
}

bool claims_extension(const sw_isa_frontend_interface& table, const std::string& extension) {
  for (const char* const* it = table.extensions; it != nullptr && *it != nullptr; ++it)
    if (extension == *it) return true;
  return false;
}

void note(std::ostream& err, const std::string& message) {
  Diagnostic diagnostic;
  diagnostic.severity = Severity::note;
  diagnostic.message = message;
  diagnostic.unit = kUnit;
  err << diagnostic.format() << '\n';
}

}  // namespace

bool may_be_assembly(const std::vector<std::string>& inputs) {
  if (inputs.size() != 1 || inputs[0] == "-") return false;
  std::error_code error;
  const fs::path path(inputs[0]);
  return fs::is_regular_file(path, error) && path.extension() != ".py";
}

const LoadedPlugin* isa_frontend_for(const PluginSet& plugins, const std::string& source,
                                     const std::vector<std::string>& inputs) {
  const auto frontends = plugins.of_kind(SW_PLUGIN_KIND_ISA_FRONTEND);
  if (!source.empty()) {
    for (const LoadedPlugin* plugin : frontends) {
      const auto* table = interface_of(*plugin);
      if (table != nullptr && source == table->isa) return plugin;
    }
    return nullptr;
  }
  const std::string text = read_file(inputs.at(0));
  const std::string extension = fs::path(inputs[0]).extension().string();
  const LoadedPlugin* best = nullptr;
  uint32_t best_score = 0;
  for (const LoadedPlugin* plugin : frontends) {
    const auto* table = interface_of(*plugin);
    if (table == nullptr) continue;
    uint32_t score = table->sniff(text.data(), text.size());
    // A claimed extension alone is enough: the frontend then says what is wrong with the text.
    if (claims_extension(*table, extension)) score += 30;
    if (score > best_score) {
      best = plugin;
      best_score = score;
    }
  }
  if (best == nullptr || best_score < 30) {
    throw Error("cannot tell which ISA '" + inputs[0] +
                    "' is written in; pass --source (e.g. 'sass' or 'rdna')",
                "usage", exit_usage);
  }
  return best;
}

std::optional<std::string> isa_claiming(const PluginSet& plugins, const std::string& file) {
  const std::string extension = fs::path(file).extension().string();
  if (extension.empty() || extension == ".py") return std::nullopt;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ISA_FRONTEND)) {
    const auto* table = interface_of(*plugin);
    if (table != nullptr && claims_extension(*table, extension)) return std::string(table->isa);
  }
  return std::nullopt;
}

int convert_assembly(const Invocation& invocation, const LoadedPlugin& frontend,
                     const std::string& target, const std::vector<std::string>& inputs,
                     const AssemblyOptions& options) {
  const std::optional<std::string>& out = options.out;
  const bool verbose = options.verbose;
  const auto* table = interface_of(frontend);
  if (table == nullptr) {
    throw Error("plugin '" + frontend.id() + "' has no usable ISA frontend interface", kUnit);
  }
  if (target != "python") {
    throw Error(std::string("assembly in '") + table->isa + "' lifts to 'python' only, not '" +
                    target + "'",
                "usage", exit_usage);
  }
  if (inputs.size() != 1 || inputs[0] == "-") {
    throw Error("assembly lifting takes exactly one input file", "usage", exit_usage);
  }
  const std::string file = inputs[0];
  const std::string text = read_file(file);
  if (verbose) {
    note(invocation.err, std::string("source '") + table->isa + "' -> isa-frontend '" +
                             frontend.id() + "' (" + frontend.file().string() + ")");
    note(invocation.err, "target 'python' -> the host's assembly lifter");
  }
  const auto program = lift::read_program(*table, frontend.instance(), file, text);
  if (!program) return exit_failure;
  if (options.diff && !out) {
    throw Error("'--diff' on assembly compares with the Python file of '--out FILE'", "usage",
                exit_usage);
  }
  lift::LiftResult result;
  size_t unlifted = 0;
  try {
    result = lift::lift_to_python(*program, [&](const Diagnostic& warning) {
      Diagnostic reported = warning;
      if (options.strict) {  // nothing is written, so no call is either
        reported.severity = Severity::error;
        reported.message = reported.message.substr(0, reported.message.find("; written as"));
      }
      invocation.err << reported.format() << '\n';
      ++unlifted;
    });
  } catch (const lift::LiftError& failure) {
    throw Error(failure.diagnostic());
  }
  if (options.strict && unlifted > 0) {
    throw Error(std::to_string(unlifted) + (unlifted == 1 ? " opcode" : " opcodes") +
                    " without semantics (--strict); nothing written",
                kUnit);
  }
  if (verbose) {
    for (const auto& kernel : result.kernels) {
      note(invocation.err, "kernel '" + kernel.name + "': " + std::to_string(kernel.loops) +
                               " loops, nesting " + std::to_string(kernel.max_loop_depth) +
                               (kernel.state_machine ? ", state machine" : "") +
                               (kernel.shape.empty() ? "" : ", " + kernel.shape));
    }
  }
  if (options.diff || options.check) {
    std::error_code missing;
    const std::string before = out && fs::exists(*out, missing) ? read_file(*out) : "";
    if (options.check) return !out || before == result.python ? exit_success : exit_failure;
    invocation.out << convert::unified_diff(before, result.python, "a/" + *out, "b/" + *out);
    check_written(invocation.out);
    return exit_success;
  }
  if (!out) {
    invocation.out << result.python;
    check_written(invocation.out);
    return exit_success;
  }
  std::error_code error;
  if (fs::equivalent(file, *out, error)) {
    throw Error("output '" + *out + "' is the input; inputs are never overwritten", "io");
  }
  write_file_atomically(*out, result.python);
  return exit_success;
}

}  // namespace switcheroo::cli
