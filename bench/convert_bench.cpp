// End-to-end conversion speed: a typical 200-line PyTorch model file converted to Flax NNX by a
// whole `swhost convert` process, and every model file of torchvision converted in one process
// (plugins loaded once). See docs/benchmarks.md for the figures and how to run this.
#include "bench_process.h"
#include "cli/common.h"
#include "convert/engine.h"
#include "core/host_services.h"
#include "core/plugin_set.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace switcheroo;

constexpr const char* kTorchvisionModels = "/usr/lib/python3/dist-packages/torchvision/models";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The PyTorch test models, concatenated until the file has 200 lines: layers, modules,
// functional code and imports in the mix real model files have.
fs::path typical_model_file() {
  std::vector<fs::path> models;
  for (const auto& entry : fs::directory_iterator(fs::path(MODELS_DIR) / "torch")) {
    models.push_back(entry.path());
  }
  std::sort(models.begin(), models.end());
  std::string text;
  size_t lines = 0;
  for (size_t i = 0; lines < 200; i = (i + 1) % models.size()) {
    const std::string model = read_text(models[i]);
    text += model + "\n";
    lines += static_cast<size_t>(std::count(model.begin(), model.end(), '\n')) + 1;
  }
  const fs::path path = fs::temp_directory_path() / "switcheroo-bench-model.py";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

void ConvertProcess200Lines(benchmark::State& state) {
  const fs::path model = typical_model_file();
  bench::run_process(
      state, {SWHOST_PATH, "convert", model.string(), "--source", "torch", "--target", "flax"});
  fs::remove(model);
}
BENCHMARK(ConvertProcess200Lines)->Unit(benchmark::kMillisecond);

void ConvertTorchvisionInProcess(benchmark::State& state) {
  std::vector<std::pair<std::string, std::string>> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(kTorchvisionModels, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->path().extension() == ".py") files.emplace_back(it->path(), read_text(it->path()));
  }
  if (files.empty()) {
    state.SkipWithError("python3-torchvision is not installed");
    return;
  }
  HostServices services([](const Diagnostic&) {});
  const PluginSet plugins(cli::select_manifest(std::nullopt, fs::current_path()),
                          cli::default_plugin_search(), services);
  const convert::Framework torch{"torch", plugins.adapter_for("torch")->adapter_data()};
  const convert::Framework flax{"flax", plugins.adapter_for("flax")->adapter_data()};
  size_t converted = 0;
  for (auto _ : state) {
    converted = 0;
    for (const auto& [name, text] : files) {
      converted += convert::convert_file(name, text, torch, flax, {}).converted;
    }
  }
  state.counters["files"] = static_cast<double>(files.size());
  state.counters["calls"] = static_cast<double>(converted);
}
BENCHMARK(ConvertTorchvisionInProcess)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
