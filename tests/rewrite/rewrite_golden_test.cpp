// Runs every case under tests/rewrite/cases/: applies `edits` to `input.py` and compares the
// result with `expected.py` (or the error with `expected.error`), and the call resolution with
// `expected.names` when present. SWITCHEROO_UPDATE_GOLDEN=1 rewrites the expected files.
#include "edit_script.h"

#include "rewrite/import_fixer.h"

#include "python/parse.h"
#include "python/syntax_error.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace switcheroo;

std::string read(const fs::path& file) {
  std::ifstream stream(file, std::ios::binary);
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

void expect(const fs::path& file, const std::string& actual) {
  const char* update = std::getenv("SWITCHEROO_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(file, std::ios::binary) << actual;
    return;
  }
  INFO("expected file: " << file.string());
  REQUIRE(fs::exists(file));
  CHECK(read(file) == actual);
}

// `imports`: lines `removable MODULE`, `available <import statement>` and `written LOCAL
// ATTRIBUTE...` (what the converted code reads through LOCAL).
rewrite::ImportPlan read_plan(const std::string& text) {
  rewrite::ImportPlan plan;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string what, keyword, target, as, local;
    words >> what >> keyword;
    if (what == "removable") {
      plan.removable.insert(keyword);
    } else if (what == "written") {
      auto& attributes = plan.written[keyword];
      for (std::string attribute; words >> attribute;) attributes.insert(attribute);
    } else if (what == "available" && keyword == "import") {
      words >> target >> as >> local;
      plan.available.push_back({target, local.empty() ? target : local, false});
    } else if (what == "available" && keyword == "from") {
      std::string module, name;
      words >> module >> as >> name >> target >> local;  // from M import N [as L]
      plan.available.push_back({module + "." + name, local.empty() ? name : local, true});
    }
  }
  return plan;
}

}  // namespace

TEST_CASE("rewrite golden cases") {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(REWRITE_CASES_DIR)) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 10);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION(dir.filename().string()) {
      const python::SyntaxTree tree = python::parse(read(dir / "input.py"));
      if (fs::exists(dir / "expected.names") ||
          (!fs::exists(dir / "edits") && !fs::exists(dir / "imports"))) {
        expect(dir / "expected.names", rewrite::describe_calls(tree));
      }
      if (!fs::exists(dir / "edits") && !fs::exists(dir / "imports")) continue;
      rewrite::Rewriter rewriter(tree);
      std::string result, error;
      try {
        if (fs::exists(dir / "edits")) rewrite::apply_edit_script(rewriter, read(dir / "edits"));
        const python::SyntaxTree edited = rewriter.print_checked();
        result = rewriter.print();
        if (fs::exists(dir / "imports")) {  // then the import fixer, on the edited file
          rewrite::Rewriter fixer(edited);
          rewrite::fix_imports(fixer, read_plan(read(dir / "imports")));
          fixer.print_checked();
          result = fixer.print();
        }
      } catch (const std::exception& failure) {
        error = std::string(failure.what()) + "\n";
      }
      const bool error_case = dir.filename().string().ends_with("-error");
      if (error_case) {
        CHECK(result.empty());
        expect(dir / "expected.error", error);
      } else {
        INFO("unexpected error: " << error);
        CHECK(error.empty());
        expect(dir / "expected.py", result);
      }
    }
  }
}
