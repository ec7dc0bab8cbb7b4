// The conversion engine: one Python file from a source framework to a target framework
// through the hub of the knowledge base.
//
//   import torch.nn as nn                      from flax import nnx
//   class Net(nn.Module):                      class Net(nnx.Module):
//       def __init__(self):                        def __init__(self, *, rngs: nnx.Rngs):
//           super().__init__()            ->           self.fc = nnx.Linear(4, 2, rngs=rngs)
//           self.fc = nn.Linear(4, 2)
//       def forward(self, x):                      def __call__(self, x):
//           return self.fc(x)                          return self.fc(x)
//
// Calls the source spoke maps are read into hub terms and written through the target spoke;
// classes are rewritten from the adapters' traits (base class, forward method, super().__init__,
// rngs); the import fixer then makes the imports match the code. Calls that cannot be
// converted stay as they were, with a comment above their statement and a warning.
#pragma once

#include "core/adapter_data.h"
#include "core/diagnostics.h"
#include "python/syntax_tree.h"
#include "rewrite/import_fixer.h"
#include "rewrite/rewriter.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert {

namespace engine_detail {
class SourceIndex;
}

struct Framework {
  std::string name;  ///< the adapter's framework id, whatever alias the user typed
  const AdapterData* data = nullptr;
};

/// A layer class whose call permutes its input's axes by one of its constructor's arguments
/// (torchvision's `Permute(dims)`, forward `torch.permute(x, self.dims)`): that argument.
struct PermuteLayer {
  size_t position = 0;  ///< among the constructor's parameters after `self`
  std::string keyword;
};

struct Options {
  /// Insert transposes so converted layers take the source framework's tensor layout.
  bool keep_layout = false;
  /// Rewrite hooks that run after the engine (plugin ids, e.g. "flatten_range"): calls whose
  /// target spelling needs one of them are left to it, neither rewritten nor reported.
  std::set<std::string> hooks;
  /// The file's place in its package, for imports between the files of a run: its dotted
  /// module (`pkg.models.net`; a package's `__init__.py` is the package) and the package its
  /// relative imports start from (`pkg.models`). Empty when the file is in no package.
  std::string module;
  std::string package;
  /// Callables of the other files of the run (absolute dotted names, `pkg.ops.misc.Block`)
  /// whose key parameter (traits' `[rng] parameter`) the conversion adds or removes: their
  /// calls here get or lose it as calls of the file's own callables do (keyed_callables).
  std::set<std::string> keyed_callables;
  /// Module classes of the other files of the run (absolute dotted names), keyed or not: a
  /// class here deriving from one is a module class, which keeps its `super().__init__(...)`.
  std::set<std::string> module_classes;
  /// Permute layers of the other files of the run, by absolute dotted name (found by the
  /// first pass, keyed_callables): the layout flow follows what their calls do.
  std::map<std::string, PermuteLayer> permute_layers;
  /// The engine's index of the source adapter, made once for the files of a run by
  /// index_source(); where it is empty (or of another adapter), each conversion makes its own.
  std::shared_ptr<const engine_detail::SourceIndex> source_index;
};

/// Indexes `source` once, into Options::source_index, for the conversions that read from it.
void index_source(Options& options, const Framework& source);

struct FileResult {
  std::string text;
  std::vector<Diagnostic> diagnostics;  ///< warnings and notes, in source order
  size_t converted = 0;                 ///< calls written through the hub
  size_t unconverted = 0;               ///< source-framework calls left as they were
};

/// Converts one file: calls and classes, then imports. Throws Error (unit "parse") for a syntax
/// error in the input, and Error (unit "convert") when the result would not be valid Python.
FileResult convert_file(const std::string& file, const std::string& text, const Framework& source,
                        const Framework& target, const Options& options);

/// The same in two halves, for rewrite hooks to run in between: the calls and classes converted
/// (`tree` is the result, parsed again), and the import plan that fix_target_imports applies at
/// the end. `result.text` is left empty.
struct ConvertedCalls {
  python::SyntaxTree tree;
  rewrite::ImportPlan imports;
  FileResult result;
  std::vector<rewrite::Rewriter::Span> spans;  ///< what the engine's edits wrote where
};
ConvertedCalls convert_calls(const std::string& file, const std::string& text,
                             const Framework& source, const Framework& target,
                             const Options& options);
/// The same from the file already parsed (parse_input, core/hook_runner.h).
ConvertedCalls convert_calls(const std::string& file, python::SyntaxTree tree,
                             const Framework& source, const Framework& target,
                             const Options& options);
/// One file of a run over several files, read for the first pass below.
struct RunFile {
  std::string file;
  std::string text;
  std::string module;   ///< as Options::module
  std::string package;  ///< as Options::package
  /// The text parsed by the first pass, for the file's conversion to start from; nullopt when
  /// it does not parse.
  std::optional<python::SyntaxTree> tree;
};
/// The first pass of a run over several files: the callables of the files (absolute dotted
/// names) whose key parameter the conversion adds or removes, followed across the files'
/// imports to a fixed point (a class building another file's class that takes keys takes them
/// too). A file that does not parse is left out (its conversion reports it). Pass the result as
/// Options::keyed_callables to each file's conversion, and RunFile::tree to convert_calls, so
/// that each file is parsed once. Trees are kept for the files in order while their texts add
/// up to at most `kept_text` bytes, so memory stays bounded on any batch; the others' trees are
/// dropped after each plan (parsed again where planned again, and by their conversion).
inline constexpr std::size_t kKeptFirstPassText = std::size_t{8} << 20;
/// `permute_layers`, where given, gets the permute layers of the files (Options::permute_layers),
/// and `module_classes` their module classes (Options::module_classes).
std::set<std::string> keyed_callables(std::vector<RunFile>& files, const Framework& source,
                                      const Framework& target, const Options& options,
                                      std::size_t kept_text = kKeptFirstPassText,
                                      std::map<std::string, PermuteLayer>* permute_layers = nullptr,
                                      std::set<std::string>* module_classes = nullptr);

/// The file's imports made to match its code (see import_fixer.h); returns the final text.
std::string fix_target_imports(const python::SyntaxTree& tree, const rewrite::ImportPlan& plan);

}  // namespace switcheroo::convert
