#include "ci_record.h"

#include "core/diagnostics.h"
#include "core/output_file.h"

namespace switcheroo::ci {

using nlohmann::json;

VerifiedRecord::VerifiedRecord(const std::filesystem::path& file) {
  json document;
  try {
    document = json::parse(read_file(file));
  } catch (const json::exception& failure) {
    throw Error("'" + file.string() + "' is not a record of 'swhost ci': " + failure.what(), "ci");
  }
  if (!document.is_object() || !document.contains("ops") || !document["ops"].is_object()) {
    throw Error("'" + file.string() + "' is not a record of 'swhost ci': it has no 'ops' table",
                "ci");
  }
  const json frameworks = document.value("frameworks", json::object());
  for (const auto& [framework, entry] : frameworks.items()) {
    if (entry.is_object() && entry.contains("stand_in") && entry["stand_in"].is_string()) {
      stand_ins_[framework] = entry["stand_in"].get<std::string>();
    }
  }
  for (const auto& [op, entry] : document["ops"].items()) {
    if (!entry.is_object() || !entry.contains("pairs")) continue;
    for (const auto& pair : entry["pairs"]) {
      if (pair.value("status", "") != "verified") continue;
      verified_.insert({op, pair.value("left", "")});
      verified_.insert({op, pair.value("right", "")});
    }
  }
}

bool VerifiedRecord::verified(const std::string& op, const std::string& label) const {
  return verified_.count({op, label}) > 0;
}

std::string VerifiedRecord::stand_in(const std::string& framework) const {
  auto found = stand_ins_.find(framework);
  return found == stand_ins_.end() ? std::string() : found->second;
}

std::string op_status(const json& line) {
  if (line.contains("failed")) return "error";
  if (!line.contains("pairs")) return "skipped";
  std::string worst = "skipped";
  const std::string order[] = {"skipped", "verified", "error", "mismatch"};
  auto rank = [&](const std::string& status) {
    return std::find(std::begin(order), std::end(order), status) - std::begin(order);
  };
  for (const auto& pair : line["pairs"]) {
    const std::string status = pair.value("status", "error");
    if (rank(status) > rank(worst)) worst = status;
  }
  return worst;
}

void count(const json& line, Summary& summary) {
  ++summary.ops[op_status(line)];
  if (!line.contains("pairs")) return;
  for (const auto& pair : line["pairs"]) {
    ++summary.pairs[pair.value("status", "error")];
    summary.cases += pair.value("cases", 0);
    summary.draws += pair.value("draws", 0);
  }
}

}  // namespace switcheroo::ci
