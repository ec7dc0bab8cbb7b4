// `swhost ci`: runs every hub operation mapped in two or more frameworks in each framework that
// imports here (a Python worker process, host/ci/worker.py), compares the results, and records
// per op and pair of spellings verified / mismatch / error / skipped. `swhost matrix` reads the
// record. Exit 1 on any mismatch or error.
#include "common.h"
#include "progress.h"

#include "../ci/ci_job.h"
#include "../ci/ci_record.h"
#include "../ci/worker_process.h"
#include "../core/hub.h"
#include "../core/output_file.h"
#include "../core/text_util.h"
#include "config.h"

#include <boost/dll/runtime_symbol_info.hpp>

#include <fnmatch.h>

#include <ostream>

namespace switcheroo::cli {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

std::vector<ci::Framework> chosen_frameworks(const PluginSet& plugins,
                                             const std::vector<std::string>& wanted) {
  std::vector<ci::Framework> all;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ADAPTER)) {
    if (plugin->adapter_data() != nullptr) {
      all.push_back({plugin->adapter()->framework, plugin->adapter_data(), ""});
    }
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  if (wanted.empty()) return all;
  std::vector<std::string> known;
  for (const auto& framework : all) known.push_back(framework.name);
  std::vector<ci::Framework> chosen;
  for (const auto& name : wanted) {
    auto found = std::find(known.begin(), known.end(), name);
    if (found == known.end()) {
      std::string message = "no loaded adapter is for framework '" + name + "'";
      if (auto suggestion = closest_match(name, known)) {
        message += "; did you mean '" + *suggestion + "'?";
      }
      throw Error(message + " (see 'swhost plugins')", "usage", exit_usage);
    }
    chosen.push_back(all[found - known.begin()]);
  }
  return chosen;
}

std::vector<const HubOp*> chosen_ops(const Hub& hub, const std::string& patterns) {
  std::vector<const HubOp*> ops;
  const auto wanted = comma_list(patterns.empty() ? "*" : patterns);
  for (const auto& [name, op] : hub.ops()) {
    for (const auto& pattern : wanted) {
      if (fnmatch(pattern.c_str(), name.c_str(), 0) == 0) {
        ops.push_back(&op);
        break;
      }
    }
  }
  if (ops.empty()) {
    throw Error("no hub op matches '" + patterns + "' (see 'swhost matrix')", "usage", exit_usage);
  }
  return ops;
}

// `--stand-in FRAMEWORK=DIR` (each replaces the manifest's `[knowledge] stand-ins` entry for its
// framework) on the frameworks chosen; a stand-in for a framework not run is left unused.
void apply_stand_ins(std::vector<ci::Framework>& frameworks, const Manifest& manifest,
                     const std::vector<std::string>& flags) {
  std::map<std::string, fs::path> folders;
  for (const auto& [name, where] : manifest.stand_ins) folders[name] = where.path;
  for (const auto& flag : flags) {
    const size_t equals = flag.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == flag.size()) {
      throw Error("--stand-in takes FRAMEWORK=DIR, not '" + flag + "'", "usage", exit_usage);
    }
    const std::string name = flag.substr(0, equals);
    if (std::none_of(frameworks.begin(), frameworks.end(),
                     [&](const ci::Framework& framework) { return framework.name == name; })) {
      throw Error("--stand-in names framework '" + name + "', which this run does not include",
                  "usage", exit_usage);
    }
    folders[name] = flag.substr(equals + 1);
  }
  for (auto& framework : frameworks) {
    auto found = folders.find(framework.name);
    if (found == folders.end()) continue;
    std::error_code error;
    const fs::path folder = fs::absolute(found->second, error).lexically_normal();
    if (!fs::is_directory(folder, error)) {
      throw Error("the stand-in of '" + framework.name + "', '" + found->second.string() +
                      "', is not a folder",
                  "ci");
    }
    framework.stand_in = folder.string();
  }
}

}  // namespace

fs::path worker_script() {
  std::error_code error;
  const fs::path exe = boost::dll::program_location(error);
  return (exe.parent_path() / SWITCHEROO_DATA_DIR_FROM_BINDIR / "ci_worker.py").lexically_normal();
}

std::string worker_python(const po::variables_map& values, const Manifest& manifest) {
  if (values.count("python")) return values["python"].as<std::string>();
  return manifest.python.empty() ? std::string("python3") : manifest.python;
}

namespace {

std::string compact(const json& value) {
  std::string text = value.dump();
  return text.size() > 200 ? text.substr(0, 197) + "..." : text;
}

void print_problem(std::ostream& out, const std::string& op, const json& pair) {
  const std::string status = pair["status"];
  out << status << ": " << op << ": " << pair["left"].get<std::string>() << " vs "
      << pair["right"].get<std::string>();
  if (status == "error") {
    out << ": " << pair["detail"].get<std::string>() << '\n';
    return;
  }
  const json& example = pair["example"];
  out << ", " << example["case"].get<std::string>() << ", result '"
      << example["result"].get<std::string>() << "'\n";
  for (const auto& [name, input] : example["inputs"].items()) {
    out << "  " << name << " = " << compact(input["data"]) << "  # "
        << input["dtype"].get<std::string>() << '\n';
  }
  for (const auto& [label, call] : example["calls"].items()) {
    out << "  " << label << ": " << call.get<std::string>() << " -> "
        << compact(example["results"][label]) << '\n';
  }
}

void print_summary(std::ostream& out, const ci::Summary& summary, const json& frameworks,
                   size_t total) {
  auto get = [](const std::map<std::string, int>& counts, const char* key) {
    auto found = counts.find(key);
    return found == counts.end() ? 0 : found->second;
  };
  out << "ci: " << total << " hub ops: " << get(summary.ops, "verified") << " verified, "
      << get(summary.ops, "mismatch") << " mismatch, " << get(summary.ops, "error") << " error, "
      << get(summary.ops, "skipped") << " skipped; " << get(summary.pairs, "verified")
      << " pairs of spellings verified in " << summary.cases << " cases (" << summary.draws
      << " draws)\n";
  for (const auto& [name, entry] : frameworks.items()) {
    out << "  " << name << ": ";
    if (!entry.value("available", false)) {
      out << "not run: " << entry.value("why", std::string()) << '\n';
    } else if (entry.contains("stand_in")) {
      out << "ran under the stand-in in " << entry["stand_in"].get<std::string>() << '\n';
    } else {
      out << "ran\n";
    }
  }
}

po::options_description ci_options() {
  po::options_description options("options");
  add_manifest_options(options, "the current folder");
  options.add_options()("frameworks", po::value<std::string>()->value_name("A,B"),
                        "run only these frameworks (default: every loaded adapter)")(
      "ops", po::value<std::string>()->value_name("PATTERN"),
      "run only the hub ops matching these comma-separated glob patterns")(
      "seed", po::value<unsigned>()->default_value(0)->value_name("N"),
      "seed of the generated inputs")("out", po::value<std::string>()->value_name("FILE"),
                                      "write the record here (default: [knowledge] verified)")(
      "python", po::value<std::string>()->value_name("PATH"),
      "the interpreter of the worker (default: [knowledge] python, else python3 on PATH)")(
      "stand-in", po::value<std::vector<std::string>>()->value_name("FRAMEWORK=DIR")->composing(),
      "import FRAMEWORK's modules from DIR, a stand-in of it (repeatable; default: [knowledge] "
      "stand-ins)")("help,h", "show this help");
  return options;
}

// The worker's job, in a temporary file that goes with this object.
class JobFile {
 public:
  explicit JobFile(const json& job) {
    const int fd = mkstemp(name_);
    if (fd < 0) throw Error("cannot write the worker's job: " + system_error_text(errno), "ci");
    const std::string text = job.dump();
    const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    close(fd);
    if (!written) {
      unlink(name_);
      throw Error("cannot write the worker's job to " + std::string(name_), "ci");
    }
  }
  JobFile(const JobFile&) = delete;
  JobFile& operator=(const JobFile&) = delete;
  ~JobFile() { unlink(name_); }
  std::string name() const { return name_; }

 private:
  char name_[22] = "/tmp/swhost-ci-XXXXXX";
};

// Runs the worker on the job and adds its result lines to `record`, printing each mismatch or
// error as it comes (with a progress bar on a terminal).
void run_worker(const Invocation& invocation, const std::string& python, const JobFile& job,
                size_t total, json& record, ci::Summary& summary) {
  ProgressBar progress(invocation.err, total, is_terminal(invocation.err));
  ci::WorkerProcess worker(python, worker_script().string(), {job.name()});
  std::string text;
  while (worker.next_line(text)) {
    json line = json::parse(text, nullptr, false);
    if (line.is_discarded()) {
      invocation.err << text << '\n';  // something the worker's code printed
      continue;
    }
    if (line.value("type", "") == "frameworks") {
      record["frameworks"] = line["frameworks"];
      continue;
    }
    const std::string op = line.value("op", "");
    ci::count(line, summary);
    for (const auto& pair : line.value("pairs", json::array())) {
      const std::string status = pair.value("status", "");
      if (status == "mismatch" || status == "error") {
        progress.clear();
        print_problem(invocation.out, op, pair);
      }
    }
    if (line.contains("failed")) {
      invocation.out << "error: " << op << ": the worker failed: " << line["failed"] << '\n';
    }
    line.erase("type");
    line.erase("op");
    record["ops"][op] = line;
    progress.advance(op);
  }
  progress.clear();
  const int status = worker.wait();
  if (status != 0 || !record.contains("frameworks")) {
    throw Error("the worker '" + worker_script().string() + "' run by '" + python +
                    "' failed with exit status " + std::to_string(status),
                "ci");
  }
}

}  // namespace

int run_ci(const Invocation& invocation) {
  const po::options_description options = ci_options();
  const auto values = parse_arguments("ci", invocation, options);
  if (values.count("help")) {
    print_help(invocation.out,
               "swhost ci [--frameworks A,B] [--ops PATTERN] [--seed N] [--out FILE]\n"
               "                [--python PATH] [--stand-in FRAMEWORK=DIR]... [--plugins FILE]\n"
               "                [--trust-project-plugins]",
               "Runs every hub operation mapped in two or more frameworks in each of them (in a "
               "Python worker)\non generated inputs, compares the results, and records which "
               "mappings agree.",
               options);
    return exit_success;
  }
  const PluginChoice choice =
      choose_plugins(values, std::filesystem::current_path(), invocation.err);
  const CommandPlugins loaded(choice, invocation.err);
  const PluginSet& plugins = loaded.set;
  if (report_problems(plugins, invocation.err)) return exit_failure;
  apply_knowledge_overlay(choice.manifest, plugins);
  auto frameworks = chosen_frameworks(
      plugins,
      comma_list(values.count("frameworks") ? values["frameworks"].as<std::string>() : ""));
  apply_stand_ins(frameworks, choice.manifest,
                  values.count("stand-in") ? values["stand-in"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{});
  const Hub& hub = builtin_hub();
  const auto ops = chosen_ops(hub, values.count("ops") ? values["ops"].as<std::string>() : "");
  std::optional<fs::path> out;
  if (values.count("out")) {
    out = values["out"].as<std::string>();
  } else if (choice.manifest.verified) {
    out = choice.manifest.verified->path;
  }
  if (out) check_output_target(*out);

  std::vector<ci::SkippedOp> skipped;
  const unsigned seed = values["seed"].as<unsigned>();
  const json job = ci::build_job(hub, ops, frameworks, seed, skipped);
  const JobFile job_file(job);
  json record = {{"tool", "swhost ci"}, {"seed", seed}, {"ops", json::object()}};
  ci::Summary summary;
  for (const auto& skip : skipped) {
    json line = {{"op", skip.op}, {"skipped", skip.reason}};
    ci::count(line, summary);
    line.erase("op");
    record["ops"][skip.op] = line;
  }
  run_worker(invocation, worker_python(values, choice.manifest), job_file, job["ops"].size(),
             record, summary);
  record["summary"] = {{"ops", summary.ops},
                       {"pairs", summary.pairs},
                       {"cases", summary.cases},
                       {"draws", summary.draws}};
  if (out) write_file_atomically(*out, record.dump(1) + "\n");
  print_summary(invocation.out, summary, record["frameworks"], ops.size());
  check_written(invocation.out);
  return summary.ops["mismatch"] + summary.ops["error"] > 0 ? exit_failure : exit_success;
}

}  // namespace switcheroo::cli
