// The `rngs` facts shared between the files of a run: a first pass plans each file's key
// parameters only, and what one file's callables take is known where another file imports them.
#include "converter.h"

#include "core/hook_runner.h"

namespace switcheroo::convert {
namespace engine_detail {
namespace {

// `..ops.misc.Block` imported into a module of `pkg.models` is `pkg.ops.misc.Block`; an
// absolute name stays as it is. Empty when the dots climb above the package.
std::string absolute_name(const std::string& qualified, const std::string& package) {
  const size_t dots = qualified.find_first_not_of('.');
  if (dots == 0 || dots == std::string::npos) return qualified;
  std::string base = package;
  for (size_t level = 1; level < dots; ++level) {
    const size_t last = base.rfind('.');
    if (base.empty()) return "";
    base = last == std::string::npos ? "" : base.substr(0, last);
  }
  if (base.empty()) return "";
  return base + "." + qualified.substr(dots);
}

}  // namespace

bool Converter::imported_keys(const std::string& qualified) const {
  if (options_.keyed_callables.empty()) return false;
  return options_.keyed_callables.count(absolute_name(qualified, options_.package)) > 0;
}

void Converter::plan_modules(const std::vector<Call>& calls) {
  modules_.plan(
      calls, [this](const std::string& qualified) { return injects_keys(qualified); },
      [this](const std::string& qualified) { return imported_keys(qualified); });
}

void Converter::plan_subclasses() {
  subclasses_.emplace(tree_, resolver_,
                      [this](const std::string& api) { return names_layer_class(api); });
}

// The first pass of a run over several files: which callables of this file take keys. The
// classes keeping a layer's constructor are read first, as plan() reads them.
std::vector<std::string> Converter::keyed_callables() {
  plan_subclasses();
  plan_modules(rewrite::find_calls(tree_));
  return modules_.keyed_callables();
}

}  // namespace engine_detail

std::set<std::string> keyed_callables(const std::vector<RunFile>& files, const Framework& source,
                                      const Framework& target, const Options& options) {
  std::vector<std::optional<python::SyntaxTree>> trees;
  for (const RunFile& file : files) {
    try {
      trees.push_back(parse_input(file.file, file.text));
    } catch (const Error&) {
      trees.emplace_back();  // its conversion reports it
    }
  }
  std::set<std::string> known;
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (!trees[i]) continue;
      Options file_options = options;
      file_options.module = files[i].module;
      file_options.package = files[i].package;
      file_options.keyed_callables = known;
      engine_detail::Converter converter(files[i].file, *trees[i], source, target, file_options);
      const std::string prefix = files[i].module.empty() ? "" : files[i].module + ".";
      for (const std::string& name : converter.keyed_callables()) {
        grew = known.insert(prefix + name).second || grew;
      }
    }
  }
  return known;
}

}  // namespace switcheroo::convert
