// Host start-up costs: finding, loading, validating and initializing every plugin, in process
// and as whole `swhost` processes. See docs/benchmarks.md for the figures and how to run this.
#include "bench_process.h"
#include "cli/common.h"
#include "core/host_services.h"
#include "core/plugin_set.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace switcheroo;

// Every plugin the build has: the installed ones plus the template and the loadable test
// plugins, so the figure grows with the real plugin count.
Manifest every_plugin() {
  Manifest manifest;
  manifest.path = "bench.toml";
  manifest.plugin_files.push_back({TEMPLATE_PLUGIN, {}});
  for (const char* name : {"libsw-adapter-alpha.so", "libsw-hook-demo.so", "libsw-hook-auto.so"}) {
    manifest.plugin_files.push_back({fs::path(ABI_PLUGIN_DIR) / name, {}});
  }
  return manifest;
}

void LoadAllPlugins(benchmark::State& state) {
  const Manifest manifest = every_plugin();
  const PluginSearch search = cli::default_plugin_search();  // this binary sits beside swhost
  HostServices services([](const Diagnostic&) {});
  size_t loaded = 0;
  for (auto _ : state) {
    PluginSet plugins(manifest, search, services);
    loaded = plugins.records().size();
    benchmark::DoNotOptimize(loaded);
  }
  state.counters["plugins"] = static_cast<double>(loaded);
}
BENCHMARK(LoadAllPlugins)->Unit(benchmark::kMillisecond);

using bench::run_process;

void ProcessVersion(benchmark::State& state) {
  run_process(state, {SWHOST_PATH, "--version"});
}
BENCHMARK(ProcessVersion)->Unit(benchmark::kMillisecond);

void ProcessPluginsEveryPlugin(benchmark::State& state) {
  const fs::path manifest = fs::temp_directory_path() / "switcheroo-bench.toml";
  {
    std::string text = "[plugins]\nfiles = [\"" TEMPLATE_PLUGIN "\"";
    for (const char* name :
         {"libsw-adapter-alpha.so", "libsw-hook-demo.so", "libsw-hook-auto.so"}) {
      text += ", \"" + (fs::path(ABI_PLUGIN_DIR) / name).string() + "\"";
    }
    text += "]\n";
    FILE* file = std::fopen(manifest.c_str(), "w");
    std::fputs(text.c_str(), file);
    std::fclose(file);
  }
  run_process(state, {SWHOST_PATH, "plugins", "--plugins", manifest.string()});
  fs::remove(manifest);
}
BENCHMARK(ProcessPluginsEveryPlugin)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
