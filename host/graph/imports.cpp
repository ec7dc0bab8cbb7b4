// Following relative imports: `from ..ops.misc import Conv2dNormActivation` in a model file
// names a class of another file of its package. The name is bound to a relative api value
// remembering which file imported it; when the value is first called (or used as a base
// class) the file it names is read, its top level run once in a scope of its own, and the name
// looked up there. Nothing is read for names that are never used. Absolute imports of the
// package the file is in are followed the same way; other absolute imports stay framework
// names for the knowledge base.
#include "interpreter.h"

#include "python/parse.h"
#include "python/syntax_error.h"
#include "rewrite/tree_query.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace switcheroo::graph {

namespace fs = std::filesystem;

struct Interpreter::ImportedFile {
  std::string path;
  python::SyntaxTree tree;
  std::vector<Stmt> statements;
  Scope globals;
};

namespace {

// Relative names may re-export relative names of other files: a chain this long is a cycle.
constexpr int kMaxHops = 16;

std::vector<std::string> split_dots(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, '.');) parts.push_back(part);
  return parts;
}

// The file `base/a/b.py` or `base/a/b/__init__.py` for parts a, b (`base/__init__.py` for none).
std::string module_file(const fs::path& base, const std::vector<std::string>& parts, size_t count) {
  fs::path folder = base;
  for (size_t i = 0; i < count; ++i) folder /= parts[i];
  std::error_code error;
  if (count > 0) {
    fs::path file = folder;
    file += ".py";
    if (fs::is_regular_file(file, error)) return file.string();
  }
  if (fs::is_regular_file(folder / "__init__.py", error)) return (folder / "__init__.py").string();
  return {};
}

// An absolute name of the package the file is in (`torchvision.ops.StochasticDepth` imported
// by `torchvision/models/efficientnet.py`) as the relative name it is (`..ops.StochasticDepth`):
// when its first part is a folder above the file with every folder between them a package, and
// the rest names a file there. Anything else (a framework) is returned unchanged.
std::string package_relative(const fs::path& folder, const std::string& target) {
  const std::vector<std::string> parts = split_dots(target);
  if (parts.size() < 2) return target;
  std::error_code error;
  fs::path package = folder;
  std::string dots = ".";
  while (fs::is_regular_file(package / "__init__.py", error)) {
    if (package.filename() == parts[0]) {
      const std::vector<std::string> rest(parts.begin() + 1, parts.end());
      for (size_t count = rest.size(); count >= 1; --count) {
        if (!module_file(package, rest, count).empty())
          return dots + target.substr(parts[0].size() + 1);
      }
      return target;
    }
    if (!package.has_parent_path() || package.parent_path() == package) break;
    package = package.parent_path();
    dots += ".";
  }
  return target;
}

}  // namespace

void Interpreter::bind_imports(const python::SyntaxTree& tree, Scope& scope, int file) {
  const fs::path folder = fs::absolute(fs::path(path_of(file))).parent_path();
  for (const auto& binding : rewrite::find_imports(tree)) {
    ValuePtr value = make_api(binding.target.empty() || binding.target[0] == '.'
                                  ? binding.target
                                  : package_relative(folder, binding.target));
    value->file = file;
    scope.names[binding.local] = value;
  }
}

SourceLocation Interpreter::location_in_file(int file, uint32_t offset) const {
  const ImportedFile& imported = *imported_[static_cast<size_t>(file - 1)];
  const auto where = imported.tree.source().line_column(offset);
  return {imported.path, where.line, where.column};
}

Scope& Interpreter::globals_of(int file) {
  return file == 0 ? globals_ : imported_[static_cast<size_t>(file - 1)]->globals;
}

const std::string& Interpreter::path_of(int file) const {
  return file == 0 ? file_ : imported_[static_cast<size_t>(file - 1)]->path;
}

int Interpreter::load_file(const std::string& path, std::string& failure) {
  // Files are told apart by their real path; messages and locations keep the path as reached
  // from the model's file.
  std::error_code unresolved;
  const std::string key = fs::weakly_canonical(path, unresolved).string();
  if (auto known = file_index_.find(key); known != file_index_.end()) {
    failure = file_failures_[key];
    return known->second;
  }
  file_index_[key] = -1;  // while it loads: an import cycle reads as a failure
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << stream.rdbuf();
  try {
    auto file = std::make_shared<ImportedFile>(ImportedFile{path, python::parse(bytes.str()), {}, {}});
    file->statements = build_ast(file->tree);
    imported_.push_back(file);
    const int index = static_cast<int>(imported_.size());
    bind_imports(file->tree, file->globals, index);
    const int caller = current_file_, depth = depth_;
    current_file_ = index;
    try {
      ValuePtr ignored;
      execute(file->statements, file->globals, ignored);
    } catch (const Error& error) {
      failure = "its top level stops: " + error.diagnostic().message;
    }
    current_file_ = caller;
    depth_ = depth;
    if (!failure.empty()) {
      file_failures_[key] = failure;
      return -1;
    }
    file_index_[key] = index;
    return index;
  } catch (const python::SyntaxError& error) {
    failure = "it does not parse: " + error.message();
  }
  file_failures_[key] = failure;
  return -1;
}

ValuePtr Interpreter::resolve_relative(const ValuePtr& api) {
  if (api->kind != Value::Kind::api || api->text.empty() || api->text[0] != '.') return nullptr;
  ValuePtr value = api;
  for (int hop = 0; hop < kMaxHops; ++hop) {
    const std::string& text = value->text;
    const size_t dots = text.find_first_not_of('.') == std::string::npos ? text.size()
                                                                          : text.find_first_not_of('.');
    fs::path base = fs::path(path_of(value->file)).parent_path();
    for (size_t i = 1; i < dots; ++i) base = base.parent_path();
    const std::vector<std::string> parts = split_dots(text.substr(dots));
    // The longest leading parts that name a file; the rest are names inside it.
    std::string file;
    size_t count = parts.size();
    for (int tried = static_cast<int>(parts.size()); tried >= 0 && file.empty(); --tried) {
      count = static_cast<size_t>(tried);
      file = module_file(base, parts, count);
    }
    if (file.empty() || count == parts.size()) {
      return make_unknown("'" + text + "' names no class or function of a file of the package");
    }
    std::string failure;
    const int index = load_file(fs::path(file).lexically_normal().string(), failure);
    if (index < 0) return make_unknown("'" + file + "' could not be read for '" + text + "': " + failure);
    const Scope& names = globals_of(index);
    auto found = names.names.find(parts[count]);
    if (found == names.names.end()) {
      return make_unknown("'" + file + "' defines no '" + parts[count] + "'");
    }
    value = found->second;
    for (size_t i = count + 1; i < parts.size(); ++i) value = attribute(value, parts[i], 0);
    if (value->kind != Value::Kind::api || value->text.empty() || value->text[0] != '.') return value;
  }
  return make_unknown("'" + api->text + "' is re-exported in a cycle");
}

}  // namespace switcheroo::graph
