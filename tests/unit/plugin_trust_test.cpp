#include "core/plugin_trust.h"
#include "core/manifest.h"
#include "core/path_safety.h"
#include "core/sha256.h"
#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

using namespace switcheroo;
using switcheroo::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// A project folder with a manifest naming one plugin file (any bytes do: nothing is loaded).
struct Project {
  TempDir root;
  fs::path manifest_file = root.path / "switcheroo.toml";
  fs::path plugin = root.path / "libsw-adapter-x.so";

  Project() {
    root.write("switcheroo.toml", "[plugins]\nfiles = [\"libsw-adapter-x.so\"]\n");
    root.write("libsw-adapter-x.so", "plugin bytes");
  }
  Manifest manifest() const {
    Manifest manifest = load_manifest(manifest_file);
    manifest.found = true;
    return manifest;
  }
  TrustStore trusted() const {
    TrustStore store;
    store.trust({{trust_key(manifest_file), sha256_of_file(manifest_file)},
                 {{trust_key(plugin), sha256_of_file(plugin)}}});
    return store;
  }
  std::string refusal(const PluginTrust& trust) const {
    return trust.refusal(manifest(), plugin).value_or("trusted");
  }
  std::string expected(const std::string& why) const {
    return "plugin '" + plugin.string() + "' was not loaded: " + why +
           " (review the project's plugins, then run 'swhost trust " + manifest_file.string() +
           "')";
  }
};

}  // namespace

TEST_CASE("a project plugin loads only when its manifest and file are trusted as they are") {
  Project project;
  const std::string name = "'" + project.manifest_file.string() + "'";
  CHECK(project.refusal(PluginTrust()) ==
        project.expected("project manifest " + name + " is not trusted"));
  CHECK(project.refusal(PluginTrust(project.trusted())) == "trusted");
  CHECK(project.refusal(PluginTrust::for_this_run()) == "trusted");

  const TrustStore before = project.trusted();
  project.root.write("libsw-adapter-x.so", "other plugin bytes");
  CHECK(project.refusal(PluginTrust(before)) ==
        project.expected("it changed since it was trusted"));
  project.root.write("switcheroo.toml", "[plugins]\nfiles = ['libsw-adapter-x.so']\n");
  CHECK(project.refusal(PluginTrust(before)) ==
        project.expected("project manifest " + name + " changed since it was trusted"));
}

TEST_CASE("a plugin file that was not there when the manifest was trusted is not") {
  Project project;
  TrustStore store;
  store.trust({{trust_key(project.manifest_file), sha256_of_file(project.manifest_file)}, {}});
  CHECK(project.refusal(PluginTrust(store)) ==
        project.expected("it was not there when '" + project.manifest_file.string() +
                         "' was trusted"));
}

TEST_CASE("a plugin file that another user could replace is never trusted") {
  Project project;
  const PluginTrust trust(project.trusted());
  REQUIRE(::chmod(project.plugin.c_str(), 0666) == 0);
  CHECK(project.refusal(trust) ==
        "plugin '" + project.plugin.string() +
            "' was not loaded: it is writable by every user, so another user could replace it "
            "(keep project plugins where only you can write)");
  REQUIRE(::chmod(project.plugin.c_str(), 0644) == 0);
  REQUIRE(::chmod(project.root.path.c_str(), 01777) == 0);
  CHECK(plugin_file_exposure(project.plugin) ==
        "its folder '" + fs::canonical(project.root.path).string() +
            "' is writable by every user");
  CHECK(project.refusal(PluginTrust::for_this_run()) == "trusted");
}

TEST_CASE("a missing plugin file is left to the loader to report") {
  Project project;
  fs::remove(project.plugin);
  CHECK(project.refusal(PluginTrust()) == "trusted");
}

TEST_CASE("the manifest search stops at the repository root") {
  TempDir root;
  root.write("switcheroo.toml", "");
  root.write("repo/src/model.py", "x = 1\n");
  CHECK(find_manifest(root.path / "repo/src/model.py") == root.path / "switcheroo.toml");
  fs::create_directory(root.path / "repo/.git");
  CHECK(find_manifest(root.path / "repo/src/model.py") == std::nullopt);
  root.write("repo/switcheroo.toml", "");
  CHECK(find_manifest(root.path / "repo/src/model.py") == root.path / "repo/switcheroo.toml");
}

TEST_CASE("no manifest is read from a folder or file that every user may write") {
  TempDir root;
  root.write("switcheroo.toml", "");
  root.write("shared/model.py", "x = 1\n");
  REQUIRE(::chmod((root.path / "shared").c_str(), 01777) == 0);
  ManifestSearch search = search_manifest(root.path / "shared/model.py");
  CHECK(search.manifest == std::nullopt);
  CHECK_FALSE(search.ignored.has_value());  // nothing there to warn about, nothing read above

  root.write("shared/switcheroo.toml", "");
  search = search_manifest(root.path / "shared/model.py");
  CHECK(search.manifest == std::nullopt);
  REQUIRE(search.ignored.has_value());
  CHECK(search.ignored->format() == "warning: ignoring manifest '" +
                                        (root.path / "shared/switcheroo.toml").string() +
                                        "': its folder is writable by every user [manifest]");

  REQUIRE(::chmod((root.path / "shared").c_str(), 0755) == 0);
  REQUIRE(::chmod((root.path / "shared/switcheroo.toml").c_str(), 0666) == 0);
  search = search_manifest(root.path / "shared/model.py");
  CHECK(search.manifest == std::nullopt);
  REQUIRE(search.ignored.has_value());
  CHECK(search.ignored->message == "ignoring manifest '" +
                                       (root.path / "shared/switcheroo.toml").string() +
                                       "': it is writable by every user");
}

TEST_CASE("a folder another user owns is foreign") {
  TempDir root;
  CHECK(foreign_write_access(root.path) == std::nullopt);
  CHECK(foreign_write_access(root.path / "missing") == "cannot be examined");
  if (::geteuid() != 0) return;  // only root can give a folder away
  fs::create_directory(root.path / "theirs");
  REQUIRE(::chown((root.path / "theirs").c_str(), 65534, 65534) == 0);
  CHECK(foreign_write_access(root.path / "theirs") == "is owned by another user (uid 65534)");
}
