#include "core/manifest.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace switcheroo;
using switcheroo::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string error_of(std::string_view text, bool pyproject = false) {
  try {
    parse_manifest(text, pyproject ? "proj/pyproject.toml" : "proj/switcheroo.toml", pyproject);
  } catch (const Error& failure) {
    return failure.diagnostic().format();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a full manifest is read with paths resolved against its folder") {
  const Manifest manifest = parse_manifest(R"(
[plugins]
files = ["build/libsw-adapter-mine.so", "/abs/libsw-hook-x.so"]
dirs = ["plugins"]
installed = false
enable = ["torch", "flax"]

[convert]
source = "torch"
target = "flax"

[hooks.rng_threading]
enabled = true
key-name = "key"
streams = ["params", "dropout"]

[hooks.flatten_range]
enabled = false

[options.torch]
layout = "nchw"
)",
                                           "proj/switcheroo.toml", false);
  REQUIRE(manifest.plugin_files.size() == 2);
  CHECK(manifest.plugin_files[0].path == fs::path("proj/build/libsw-adapter-mine.so"));
  CHECK(manifest.plugin_files[0].where.line == 3);
  CHECK(manifest.plugin_files[1].path == fs::path("/abs/libsw-hook-x.so"));
  CHECK(manifest.plugin_dirs.at(0).path == fs::path("proj/plugins"));
  CHECK_FALSE(manifest.use_installed);
  REQUIRE(manifest.enable.has_value());
  CHECK(manifest.enable->size() == 2);
  CHECK(manifest.source == "torch");
  CHECK(manifest.target == "flax");
  const HookSetting& rng = manifest.hooks.at("rng_threading");
  CHECK(rng.enabled == true);
  CHECK(rng.options.dump() == R"({"key-name":"key","streams":["params","dropout"]})");
  CHECK(manifest.hooks.at("flatten_range").enabled == false);
  CHECK(manifest.plugin_options.at("torch").values.dump() == R"({"layout":"nchw"})");
}

TEST_CASE("an empty manifest means the defaults") {
  const Manifest manifest = parse_manifest("", "switcheroo.toml", false);
  CHECK(manifest.use_installed);
  CHECK_FALSE(manifest.enable.has_value());
  CHECK(manifest.hooks.empty());
  CHECK(builtin_manifest().is_builtin());
  CHECK(builtin_manifest().display_name() == "<built-in default>");
}

TEST_CASE("manifest errors name file, line and column") {
  CHECK(error_of("[plugins]\ndir = [\"x\"]\n") ==
        "proj/switcheroo.toml:2:1: error: unknown key 'dir' in [plugins]; did you mean 'dirs'? "
        "[manifest]");
  CHECK(error_of("[plugins]\ncolour = 1\n") ==
        "proj/switcheroo.toml:2:1: error: unknown key 'colour' in [plugins] (expected 'dirs', "
        "'enable', 'files', 'installed') [manifest]");
  CHECK(error_of("[plugin]\n") ==
        "proj/switcheroo.toml:1:2: error: unknown key 'plugin' in the manifest; did you mean "
        "'plugins'? [manifest]");
  CHECK(error_of("[plugins]\ninstalled = \"yes\"\n") ==
        "proj/switcheroo.toml:2:13: error: 'installed' must be a boolean, not a string "
        "[manifest]");
  CHECK(error_of("[plugins]\nfiles = [\"a.so\", 3]\n") ==
        "proj/switcheroo.toml:2:18: error: 'files' must be an array of strings; this element "
        "is an integer [manifest]");
  CHECK(error_of("[hooks.Bad]\n") ==
        "proj/switcheroo.toml:1:8: error: 'Bad' in [hooks] is not a plugin id (lowercase "
        "letters, digits, '_' and '-') [manifest]");
  CHECK(error_of("hooks = 3\n") ==
        "proj/switcheroo.toml:1:9: error: 'hooks' must be a table, not an integer [manifest]");
  CHECK(error_of("[hooks.x]\nenabled = 1\n") ==
        "proj/switcheroo.toml:2:11: error: 'enabled' must be a boolean, not an integer "
        "[manifest]");
}

TEST_CASE("TOML syntax errors keep toml++'s position") {
  const std::string message = error_of("[plugins\nfiles = 1\n");
  CHECK(message.rfind("proj/switcheroo.toml:1:9: error: ", 0) == 0);
  CHECK(message.find("[manifest]") != std::string::npos);
}

TEST_CASE("pyproject.toml is read from [tool.switcheroo]") {
  const Manifest manifest =
      parse_manifest("[project]\nname = 'x'\n[tool.switcheroo.convert]\nsource = 'torch'\n",
                     "proj/pyproject.toml", true);
  CHECK(manifest.source == "torch");
  CHECK(error_of("[tool.black]\n", true) ==
        "proj/pyproject.toml: error: 'proj/pyproject.toml' has no [tool.switcheroo] table "
        "[manifest]");
  CHECK(error_of("[tool.switcheroo]\nplugin = 1\n", true) ==
        "proj/pyproject.toml:2:1: error: unknown key 'plugin' in [tool.switcheroo]; did you "
        "mean 'plugins'? [manifest]");
}

TEST_CASE("the nearest manifest is found upward, skipping foreign pyproject files") {
  TempDir root;
  root.write("switcheroo.toml", "");
  root.write("pkg/pyproject.toml", "[tool.black]\nline-length = 99\n");
  root.write("pkg/sub/model.py", "x = 1\n");
  CHECK(find_manifest(root.path / "pkg/sub/model.py") == root.path / "switcheroo.toml");
  root.write("pkg/pyproject.toml", "[tool.switcheroo.convert]\nsource = 'torch'\n");
  CHECK(find_manifest(root.path / "pkg/sub/model.py") == root.path / "pkg/pyproject.toml");
  CHECK(find_manifest(root.path / "pkg/sub") == root.path / "pkg/pyproject.toml");
}

TEST_CASE("load_manifest reports unreadable files") {
  TempDir root;
  try {
    load_manifest(root.path / "missing.toml");
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().message ==
          "cannot read manifest '" + (root.path / "missing.toml").string() + "': no such file");
  }
  try {
    load_manifest(root.path);
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().message ==
          "cannot read manifest '" + root.path.string() + "': it is a directory");
  }
}
