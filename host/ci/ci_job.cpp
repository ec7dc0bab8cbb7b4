#include "ci_job.h"

#include "ci_cases.h"
#include "convert/call_mapping.h"

#include <optional>
#include <set>

namespace switcheroo::ci {
namespace {

using nlohmann::json;

// Qualified names written in full (`numpy.sum`): the worker imports what each one needs. The
// APIs written are collected so the worker knows which modules to import.
convert::Spelling full_spelling(const AdapterTraits& traits, std::set<std::string>& apis) {
  convert::Spelling spelling;
  spelling.api = [&apis](const std::string& qualified) {
    apis.insert(qualified);
    return qualified;
  };
  spelling.dtype = [&traits, &apis](const std::string& name) {
    if (traits.dtype_module.empty()) return name;
    std::string qualified = traits.dtype_module + "." + traits.dtype_attribute(name);
    apis.insert(qualified);
    return qualified;
  };
  spelling.read_dtype = [](const std::string&) { return std::string(); };
  return spelling;
}

// One case written through one spelling, or nullopt with why it cannot be.
std::optional<std::string> write_spelling(const OpMapping& mapping, const convert::HubCall& call,
                                          const convert::Spelling& spelling, std::string& why) {
  if (!mapping.gap.empty()) {
    why = "a gap: " + mapping.gap;
    return std::nullopt;
  }
  // Arrays in another layout than the hub's (NHWC), for an expression as for a call.
  for (const auto& [argument, layout] : mapping.layouts) {
    if (call.op->layouts.count(argument) && call.op->layouts.at(argument) != layout) {
      why = "'" + argument + "' in " + layout + " order, the hub's in " +
            call.op->layouts.at(argument) + ": the worker does not permute arrays";
      return std::nullopt;
    }
  }
  // The expression exactly as a conversion renders it (variadic values as tuples, `{arg?...}`
  // by the conversion's notion of given).
  if (mapping.hook == "expression") return convert::write_expression(call, mapping, spelling, why);
  if (!mapping.hook.empty()) {
    why = "written by the '" + mapping.hook + "' rewrite, which works on whole statements";
    return std::nullopt;
  }
  if (mapping.kind == "layer" || mapping.kind == "context") {
    why = "a " + mapping.kind + " spelling: constructed objects are not run yet";
    return std::nullopt;
  }
  auto written = convert::write_call(call, mapping, convert::Phase::construct, spelling, "", why);
  if (!written) return std::nullopt;
  return written->text;
}

// The hub result at each position the spelling returns; null for a single result.
json result_positions(const HubOp& op, const OpMapping& mapping) {
  if (!mapping.results.empty()) return mapping.results;
  if (op.results.size() <= 1) return nullptr;
  json names = json::array();
  for (const auto& result : op.results) names.push_back(result.name);
  return names;
}

json spelling_entry(const std::string& framework, const HubOp& op, const OpMapping& mapping,
                    const std::vector<HubCase>& cases, const convert::Spelling& spelling) {
  json entry = {{"framework", framework}, {"primary", mapping.form.empty()}};
  entry["results"] = result_positions(op, mapping);
  entry["calls"] = json::array();
  for (const auto& hub_case : cases) {
    std::string why;
    if (auto text = write_spelling(mapping, hub_case.call, spelling, why)) {
      entry["calls"].push_back({{"text", *text}});
    } else {
      entry["calls"].push_back({{"skipped", why}});
    }
  }
  return entry;
}

json slot_json(const TensorSlot& slot) {
  json entry = {{"argument", slot.argument}, {"form", slot.form}, {"variables", slot.variables()}};
  if (!slot.domain.empty()) entry["domain"] = slot.domain;
  if (!slot.example.empty()) entry["example"] = slot.example;
  return entry;
}

// How a framework makes arrays from Python data and gives them back; null when its spoke
// lacks `asarray` or `tolist`.
json array_conversions(const HubOp* asarray, const HubOp* tolist, const Framework& framework,
                       const convert::Spelling& spelling) {
  auto make = framework.data->ops.find("asarray");
  auto back = framework.data->ops.find("tolist");
  if (asarray == nullptr || tolist == nullptr || make == framework.data->ops.end() ||
      back == framework.data->ops.end()) {
    return nullptr;
  }
  json entry;
  std::string why;
  for (const auto& dtype : drawn_dtypes()) {
    convert::HubCall call;
    call.op = asarray;
    call.values["data"] = convert::value_of("_data");
    call.values["data"].positional = true;
    call.values["dtype"] = convert::value_of(dtype);
    auto text = write_spelling(make->second, call, spelling, why);
    if (!text) return nullptr;
    entry["asarray"][dtype] = *text;
  }
  convert::HubCall call;
  call.op = tolist;
  call.values["input"] = convert::value_of("_value");
  call.values["input"].positional = true;
  auto text = write_spelling(back->second, call, spelling, why);
  if (!text) return nullptr;
  entry["tolist"] = *text;
  return entry;
}

// The op's entry, or why it cannot be run.
std::optional<json> op_entry(const HubOp& op, const std::vector<Framework>& frameworks,
                             const std::vector<convert::Spelling>& spellings,
                             const json& conversions, std::string& why) {
  if (!op.unchecked.empty()) {
    why = op.unchecked;
    return std::nullopt;
  }
  if (op.kind != "function") {
    why = std::string(op.kind == "optimizer" ? "an " : "a ") + op.kind +
          ": constructed objects are not run yet";
    return std::nullopt;
  }
  for (const auto& argument : op.arguments) {
    if ((argument.kind == "module" || argument.kind == "callable") && argument.required()) {
      why = "takes a " + argument.kind + " ('" + argument.name +
            "'): the worker makes only tensors and plain values";
      return std::nullopt;
    }
  }
  const auto cases = hub_cases(op);
  json entry = {{"op", op.name}, {"tensors", json::array()}, {"cases", json::array()}};
  for (const auto& slot : tensor_slots(op)) entry["tensors"].push_back(slot_json(slot));
  for (const auto& hub_case : cases) entry["cases"].push_back(hub_case.label);
  if (!op.broadcast) entry["broadcast"] = false;
  int mapped = 0;
  for (size_t index = 0; index < frameworks.size(); ++index) {
    const Framework& framework = frameworks[index];
    auto primary = framework.data->ops.find(op.name);
    if (primary == framework.data->ops.end() || conversions[framework.name].is_null()) continue;
    ++mapped;
    entry["spellings"][framework.name] =
        spelling_entry(framework.name, op, primary->second, cases, spellings[index]);
    const std::string prefix = op.name + "/";
    const auto& alternatives = framework.data->alternatives;
    for (auto it = alternatives.lower_bound(prefix);
         it != alternatives.end() && it->first.rfind(prefix, 0) == 0; ++it) {
      entry["spellings"][framework.name + "/" + it->second.form] =
          spelling_entry(framework.name, op, it->second, cases, spellings[index]);
    }
  }
  if (mapped < 2) {
    why = mapped == 0 ? "mapped in none of the frameworks run"
                      : "mapped in only one of the frameworks run";
    return std::nullopt;
  }
  return entry;
}

}  // namespace

const std::vector<std::string>& drawn_dtypes() {
  static const std::vector<std::string> dtypes{"float64", "float32", "int64", "bool", "complex128"};
  return dtypes;
}

json build_job(const Hub& hub, const std::vector<const HubOp*>& ops,
               const std::vector<Framework>& frameworks, unsigned seed,
               std::vector<SkippedOp>& skipped) {
  std::vector<std::set<std::string>> apis(frameworks.size());
  std::vector<convert::Spelling> spellings;
  for (size_t index = 0; index < frameworks.size(); ++index) {
    spellings.push_back(full_spelling(frameworks[index].data->traits, apis[index]));
  }
  json job = {{"seed", seed}, {"frameworks", json::object()}, {"ops", json::array()}};
  json conversions = json::object();
  for (size_t index = 0; index < frameworks.size(); ++index) {
    conversions[frameworks[index].name] = array_conversions(hub.find("asarray"), hub.find("tolist"),
                                                            frameworks[index], spellings[index]);
  }
  for (const HubOp* op : ops) {
    std::string why;
    if (auto entry = op_entry(*op, frameworks, spellings, conversions, why)) {
      job["ops"].push_back(*entry);
    } else {
      skipped.push_back({op->name, why});
    }
  }
  for (size_t index = 0; index < frameworks.size(); ++index) {
    json entry = conversions[frameworks[index].name];
    if (entry.is_null()) {
      entry = {{"unusable",
                "its spoke maps no callable 'asarray' and 'tolist' to make and read arrays"}};
    }
    entry["apis"] = apis[index];
    if (!frameworks[index].stand_in.empty()) entry["stand_in"] = frameworks[index].stand_in;
    job["frameworks"][frameworks[index].name] = entry;
  }
  return job;
}

}  // namespace switcheroo::ci
