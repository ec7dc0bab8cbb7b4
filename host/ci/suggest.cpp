#include "suggest.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace switcheroo::ci {
namespace {

using nlohmann::json;

// Parameter names that mean a hub argument under another name, in the vocabulary array
// libraries share.
const std::map<std::string, std::string>& synonyms() {
  static const std::map<std::string, std::string> table{
      {"a", "input"},      {"arr", "input"}, {"array", "input"},      {"b", "other"},
      {"dim", "axis"},     {"dims", "axes"}, {"keepdim", "keepdims"}, {"self", "input"},
      {"tensor", "input"}, {"x", "input"},   {"x1", "input"},         {"x2", "other"},
      {"y", "other"}};
  return table;
}

// Parameters that only say where a result goes.
bool is_output_buffer(const ApiParameter& parameter) {
  return parameter.name == "out";
}

std::string hub_name_of(const std::string& parameter) {
  auto found = synonyms().find(parameter);
  return found == synonyms().end() ? parameter : found->second;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

double name_similarity(const std::string& a, const std::string& b) {
  const size_t longest = std::max(a.size(), b.size());
  return longest == 0 ? 1.0 : 1.0 - static_cast<double>(edit_distance(a, b)) / longest;
}

std::set<std::string> words_of(const std::string& text) {
  std::set<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 3) words.insert(word);
      word.clear();
    }
  }
  return words;
}

double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (const auto& word : a) shared += b.count(word);
  return static_cast<double>(shared) / static_cast<double>(std::min(a.size(), b.size()));
}

std::string short_name(const std::string& qualified) {
  return qualified.substr(qualified.rfind('.') + 1);
}

double argument_fit(const HubOp& op, const ApiEntry& entry) {
  if (!entry.parameters) return 0;
  size_t considered = 0, matched = 0;
  for (const auto& parameter : *entry.parameters) {
    if (is_output_buffer(parameter)) continue;
    ++considered;
    matched += op.argument(hub_name_of(parameter.name)) != nullptr;
  }
  const size_t hub_count = op.arguments.size() + op.inputs.size();
  if (considered == 0 || hub_count == 0) return considered == hub_count ? 1.0 : 0.0;
  return static_cast<double>(matched) / static_cast<double>(std::max(considered, hub_count));
}

std::string toml_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

// The hub argument a parameter would be in a new op: its kind guessed from its default.
std::string argument_spec(const ApiParameter& parameter, bool first) {
  const std::string name = hub_name_of(parameter.name);
  std::string kind = "any";
  const std::string value = parameter.default_value.value_or("");
  if (name == "axis" || name == "axes") {
    kind = name;
  } else if (first && parameter.required) {
    kind = "tensor";
  } else if (value == "True" || value == "False") {
    kind = "bool";
  } else if (!value.empty() && value.find_first_not_of("-0123456789") == std::string::npos) {
    kind = "int";
  } else if (!value.empty() && value.find_first_not_of("-0123456789.e") == std::string::npos) {
    kind = "float";
  } else if (!value.empty() && (value.front() == '\'' || value.front() == '"')) {
    kind = "str";
  }
  std::string spec = (parameter.kind == "var_positional" ? "*" : "") + name + ": " + kind;
  if (parameter.default_value && parameter.kind != "var_positional") {
    spec += " = " + *parameter.default_value;
  }
  return spec;
}

std::string signature_of(const ApiEntry& entry) {
  std::string text = entry.name + "(";
  if (!entry.parameters) return text + "...)";
  bool keyword_only = false;
  for (size_t i = 0; i < entry.parameters->size(); ++i) {
    const auto& parameter = (*entry.parameters)[i];
    if (i > 0) text += ", ";
    if (parameter.kind == "keyword_only" && !keyword_only) {
      text += "*, ";
      keyword_only = true;
    }
    if (parameter.kind == "var_positional") text += "*";
    if (parameter.kind == "var_keyword") text += "**";
    text += parameter.name;
    if (parameter.default_value) text += "=" + *parameter.default_value;
  }
  return text + ")";
}

// The spoke entry for an API mapped to `op`, with its renames.
std::string spoke_entry(const std::string& key, const HubOp* op, const ApiEntry& entry) {
  std::string text = toml_quoted(key) + " = { api = " + toml_quoted(entry.name);
  std::vector<std::pair<std::string, std::string>> renames;
  if (op != nullptr) {
    renames = proposed_renames(*op, entry);
  } else if (entry.parameters) {
    for (const auto& parameter : *entry.parameters) {  // the new op's arguments are hub names
      if (hub_name_of(parameter.name) != parameter.name && !is_output_buffer(parameter)) {
        renames.emplace_back(hub_name_of(parameter.name), parameter.name);
      }
    }
  }
  {
    if (!renames.empty()) {
      text += ", args = {";
      for (size_t i = 0; i < renames.size(); ++i) {
        text += (i ? ", " : " ") + renames[i].first + " = " + toml_quoted(renames[i].second);
      }
      text += " }";
    }
  }
  return text + " }";
}

std::string candidates_line(const std::vector<Candidate>& candidates) {
  std::ostringstream line;
  line << "# likely hub ops:";
  for (const auto& candidate : candidates) {
    line << ' ' << candidate.op->name << " (" << static_cast<int>(candidate.score * 100 + 0.5)
         << "%)";
  }
  return line.str();
}

// The spoke key of `entry` read as `name`: the primary's, or where the framework has that
// already, another spelling's named after the API's module.
std::string spoke_key(const std::string& name, const ApiEntry& entry,
                      const std::set<std::string>& spelled) {
  if (!spelled.count(name)) return name;
  const std::string module = entry.name.substr(0, entry.name.rfind('.'));
  std::string key = name + "/" + short_name(module);
  for (int number = 2; spelled.count(key); ++number) {
    key = name + "/" + short_name(module) + std::to_string(number);
  }
  return key;
}

}  // namespace

std::vector<ApiEntry> select_entries(const json& snapshot, const std::string& pattern) {
  std::vector<ApiEntry> entries;
  if (!snapshot.contains("apis") || !snapshot["apis"].is_object()) return entries;
  const bool whole_module = pattern.size() > 2 && pattern.substr(pattern.size() - 2) == ".*";
  const std::string prefix = whole_module ? pattern.substr(0, pattern.size() - 1) : "";
  for (const auto& [name, value] : snapshot["apis"].items()) {
    const bool wanted = whole_module ? name.rfind(prefix, 0) == 0 &&
                                           name.find('.', prefix.size()) == std::string::npos
                                     : name == pattern;
    const std::string kind = value.value("kind", "");
    if (!wanted || (whole_module && kind != "function" && kind != "class")) continue;
    ApiEntry entry{name, kind, std::nullopt, value.value("doc", "")};
    if (value.contains("params") && value["params"].is_array()) {
      entry.parameters.emplace();
      for (const auto& parameter : value["params"]) {
        ApiParameter read{parameter.value("name", ""), parameter.value("kind", ""), std::nullopt,
                          parameter.value("required", false)};
        if (parameter.contains("default") && parameter["default"].is_string()) {
          read.default_value = parameter["default"].get<std::string>();
        }
        entry.parameters->push_back(read);
      }
    }
    entries.push_back(entry);
  }
  std::sort(entries.begin(), entries.end(),
            [](const ApiEntry& a, const ApiEntry& b) { return a.name < b.name; });
  return entries;
}

std::vector<Candidate> likely_ops(const Hub& hub, const ApiEntry& entry, size_t count) {
  const std::string name = short_name(entry.name);
  const auto doc_words = words_of(entry.doc + " " + name);
  std::vector<Candidate> candidates;
  for (const auto& [op_name, op] : hub.ops()) {
    const double score = 0.4 * name_similarity(name, op_name) + 0.25 * argument_fit(op, entry) +
                         0.35 * overlap(doc_words, words_of(op.doc + " " + op_name));
    candidates.push_back({&op, score});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  if (candidates.size() > count) candidates.resize(count);
  return candidates;
}

std::vector<std::pair<std::string, std::string>> proposed_renames(const HubOp& op,
                                                                  const ApiEntry& entry) {
  std::vector<std::pair<std::string, std::string>> renames;
  if (!entry.parameters) return renames;
  for (const auto& parameter : *entry.parameters) {
    const std::string hub_name = hub_name_of(parameter.name);
    if (hub_name != parameter.name && op.argument(hub_name) != nullptr) {
      renames.emplace_back(hub_name, parameter.name);
    }
  }
  return renames;
}

std::string definition_stub(const Hub& hub, const std::string& framework,
                            const std::vector<ApiEntry>& entries,
                            const std::set<std::string>& spelled) {
  std::ostringstream hub_part, spoke_part;
  hub_part << "# Written by 'swhost suggest': edit, then add with 'swhost define FILE'. Each API\n"
              "# is stubbed as a new hub op; where it is one of the likely ops listed, delete the\n"
              "# new op and key its spoke entry by that op instead.\n\n[hub.project]\n";
  spoke_part << "\n[spokes." << framework << "]\n";
  for (const auto& entry : entries) {
    const std::string name = short_name(entry.name);
    const auto candidates = likely_ops(hub, entry, 3);
    hub_part << "# " << signature_of(entry) << '\n';
    if (!entry.doc.empty()) hub_part << "#   " << entry.doc << '\n';
    hub_part << candidates_line(candidates) << '\n';
    const HubOp* existing = hub.find(name);
    if (existing != nullptr) {
      hub_part << "# (hub op '" << name << "' exists: map it there)\n";
    } else {
      hub_part << name << " = { args = [";
      bool first = true;
      if (entry.parameters) {
        for (const auto& parameter : *entry.parameters) {
          if (is_output_buffer(parameter) || parameter.kind == "var_keyword") continue;
          hub_part << (first ? "" : ", ") << toml_quoted(argument_spec(parameter, first));
          first = false;
        }
      }
      hub_part << "], doc = "
               << toml_quoted(entry.doc.empty() ? "TODO: one line of semantics" : entry.doc)
               << " }\n";
    }
    hub_part << '\n';
    spoke_part << spoke_entry(spoke_key(name, entry, spelled), existing, entry) << '\n';
  }
  return hub_part.str() + spoke_part.str();
}

std::string definition_prompt(const Hub& hub, const std::string& framework,
                              const std::vector<ApiEntry>& entries, size_t batch,
                              const std::set<std::string>& spelled) {
  std::ostringstream out;
  const size_t batches = (entries.size() + batch - 1) / std::max<size_t>(batch, 1);
  for (size_t first = 0, number = 1; first < entries.size(); first += batch, ++number) {
    out << "=== batch " << number << " of " << batches << " ===\n"
        << "You extend the knowledge base of Switcheroo, a converter between deep-learning "
           "frameworks. Each\nAPI below, from '"
        << framework
        << "', is not mapped yet. For each one, decide whether it is one of the listed\nhub "
           "operations (then write only its spoke entry, keyed by that op, renaming parameters "
           "into the\nop's arguments) or a new operation (then also write the hub op: standard "
           "argument names, kinds,\ndefaults, and a one-line doc precise enough to decide "
           "whether an API matches). Answer with TOML\nin this format and nothing else:\n\n"
           "[hub.project]\nop_name = { args = [\"input: tensor\", \"axis: axis = None\"], doc = "
           "\"...\" }\n\n[spokes."
        << framework << "]\nop_name = { api = \"qualified.name\", args = { axis = \"dim\" } }\n\n";
    for (size_t index = first; index < std::min(entries.size(), first + batch); ++index) {
      const ApiEntry& entry = entries[index];
      out << "API " << signature_of(entry) << '\n';
      if (!entry.doc.empty()) out << "  doc: " << entry.doc << '\n';
      for (const auto& candidate : likely_ops(hub, entry, 3)) {
        out << "  candidate hub op " << candidate.op->name << "(";
        for (size_t i = 0; i < candidate.op->arguments.size(); ++i) {
          out << (i ? ", " : "") << candidate.op->arguments[i].name;
        }
        out << "): " << candidate.op->doc;
        if (spelled.count(candidate.op->name)) {
          out << " [mapped in '" << framework << "' already: key another spelling \""
              << candidate.op->name << "/FORM\"]";
        }
        out << '\n';
      }
      out << '\n';
    }
  }
  return out.str();
}

}  // namespace switcheroo::ci
