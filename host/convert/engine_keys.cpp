// The facts shared between the files of a run: a first pass plans each file's key parameters
// only, and what one file's callables take is known where another file imports them; the same
// pass finds each file's permute layers (engine_permute_layers.cpp).
#include "converter.h"

#include "core/hook_runner.h"

namespace switcheroo::convert {
namespace engine_detail {

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

// Is `qualified` (as the file imports it) one of `names`, absolute names of the run's other
// files? During the first pass the name is noted as asked.
bool Converter::imported_one_of(const std::set<std::string>& names,
                                const std::string& qualified) const {
  if (asked_ == nullptr && names.empty()) return false;
  std::string name = absolute_name(qualified, options_.package);
  const bool found = names.count(name) > 0;
  if (asked_ != nullptr) asked_->insert(std::move(name));
  return found;
}

bool Converter::imported_keys(const std::string& qualified) const {
  return imported_one_of(options_.keyed_callables, qualified);
}

bool Converter::imported_module(const std::string& qualified) const {
  return imported_one_of(options_.module_classes, qualified);
}

void Converter::plan_modules(const std::vector<Call>& calls) {
  modules_.plan(
      calls, [this](const std::string& qualified) { return injects_keys(qualified); },
      [this](const std::string& qualified) { return imported_keys(qualified); },
      [this](const std::string& qualified) { return imported_module(qualified); });
}

void Converter::plan_subclasses() {
  subclasses_.emplace(tree_, resolver_,
                      [this](const std::string& api) { return names_layer_class(api); });
}

// The first pass of a run over several files: which callables of this file take keys. The
// classes keeping a layer's constructor are read first, as plan() reads them. `asked` gets the
// absolute names the plan asked Options::keyed_callables about: the plan reads the other files
// only through those answers.
std::vector<std::string> Converter::keyed_callables(std::set<std::string>& asked,
                                                    std::vector<std::string>& modules) {
  asked_ = &asked;
  plan_subclasses();
  plan_modules(rewrite::find_calls(tree_));
  asked_ = nullptr;
  modules = modules_.module_class_names();
  return modules_.keyed_callables();
}

}  // namespace engine_detail

namespace {

// The callables of one file whose keys the conversion adds or removes, as absolute names, given
// what is known of the other files so far; `asked` as Converter::keyed_callables, and
// `classes` gets the file's module classes, as absolute names.
std::vector<std::string> planned_keys(const RunFile& file, const Framework& source,
                                      const Framework& target, const Options& options,
                                      const std::set<std::string>& known,
                                      std::set<std::string>& modules,
                                      std::set<std::string>& asked,
                                      std::vector<std::string>& classes,
                                      std::map<std::string, PermuteLayer>* permute_layers) {
  Options file_options = options;
  file_options.module = file.module;
  file_options.package = file.package;
  file_options.keyed_callables = known;
  file_options.module_classes = modules;
  engine_detail::Converter converter(file.file, *file.tree, source, target, file_options);
  const std::string prefix = file.module.empty() ? "" : file.module + ".";
  std::vector<std::string> names = converter.keyed_callables(asked, classes);
  for (std::string& name : names) name.insert(0, prefix);
  for (std::string& name : classes) name.insert(0, prefix);
  if (permute_layers != nullptr) {
    for (const auto& [name, layer] : converter.permute_layers()) {
      (*permute_layers)[prefix + name] = layer;
    }
  }
  return names;
}

// The tree of `file` for a plan, parsed where the pass did not keep it; false where the file
// does not parse (its conversion reports it).
bool with_tree(RunFile& file, char& parses) {
  if (file.tree) return true;
  if (!parses) return false;
  try {
    file.tree = parse_input(file.file, file.text);
  } catch (const Error&) {
    parses = 0;
  }
  return parses != 0;
}

}  // namespace

std::set<std::string> keyed_callables(std::vector<RunFile>& files, const Framework& source,
                                      const Framework& target, const Options& options,
                                      std::size_t kept_text,
                                      std::map<std::string, PermuteLayer>* permute_layers,
                                      std::set<std::string>* module_classes) {
  std::vector<bool> kept(files.size(), false);
  std::size_t kept_size = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    files[i].tree.reset();
    if (kept_size + files[i].text.size() > kept_text) continue;
    kept_size += files[i].text.size();
    kept[i] = true;
  }
  std::vector<char> parses(files.size(), 1);  // char: with_tree takes one by reference
  // Planned again until nothing new is found, but only the files that asked about a name
  // found since their last plan: the answers they read are all that could change.
  std::set<std::string> known;
  std::set<std::string> modules;
  std::vector<std::set<std::string>> asked(files.size());
  std::vector<bool> stale(files.size(), true);
  for (bool again = true; again;) {
    again = false;
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (!stale[i]) continue;
      if (!with_tree(files[i], parses[i])) continue;
      stale[i] = false;
      asked[i].clear();
      std::vector<std::string> classes;
      std::vector<std::string> names = planned_keys(files[i], source, target, options, known,
                                                    modules, asked[i], classes, permute_layers);
      if (!kept[i]) files[i].tree.reset();
      // The names new since the last plans, keyed callables or module classes.
      std::vector<std::string> found;
      for (std::string& name : names) {
        if (known.insert(name).second) found.push_back(std::move(name));
      }
      for (std::string& name : classes) {
        if (modules.insert(name).second) found.push_back(std::move(name));
      }
      for (const std::string& name : found) {
        for (std::size_t j = 0; j < files.size(); ++j) {
          if (asked[j].count(name) == 0) continue;
          stale[j] = true;
          again = true;
        }
      }
    }
  }
  if (module_classes != nullptr) *module_classes = std::move(modules);
  return known;
}

}  // namespace switcheroo::convert
