// A framework layer built with a constructor's `**kwargs` (forwarded_keywords.h): read with the
// keywords of each construction of the class, written once with `**kwargs` kept, and each
// construction's keywords written in the target's terms:
//
//   self.conv = nn.Conv2d(i, o, bias=False, **kwargs)  ->  nnx.Conv(i, o, use_bias=False, **kwargs, rngs=rngs)
//   conv_block(3, 64, kernel_size=7, stride=2)         ->  conv_block(3, 64, kernel_size=(7, 7), strides=2, padding=0, rngs=rngs)
//
// The target's differing defaults (`padding=0`) go with each construction that does not give
// the argument, since another may.
#include "converter.h"

#include "forwarded_keywords.h"
#include "layer_idioms.h"

namespace switcheroo::convert {
namespace engine_detail {
namespace {

// `name=value` -> `name`; empty for a positional item or an unpacked one.
std::string item_keyword(const std::string& item) {
  size_t at = 0;
  while (at < item.size() && (std::isalnum(static_cast<unsigned char>(item[at])) || item[at] == '_')) {
    ++at;
  }
  if (at == 0 || at >= item.size() || item[at] != '=' ||
      (at + 1 < item.size() && item[at + 1] == '=')) {
    return {};
  }
  return item.substr(0, at);
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

// The layer call read with `arguments` and written in the target's spelling: its text, and the
// target keywords of what `fixed` (the call's own arguments) gives. Nullopt, with `why`, when
// it cannot be.
std::optional<std::string> Converter::forwarded_layer(const std::string& api,
                                                      const FrameworkCall& fixed,
                                                      const FrameworkCall& arguments,
                                                      std::set<std::string>& inner,
                                                      std::string& why) {
  const auto* entries = index_.api(api);
  if (entries == nullptr) return std::nullopt;
  const Spelling spelling = hub_spelling();
  const SourceEntry* best = nullptr;
  std::optional<HubCall> best_call;
  int best_score = 0;
  std::string first_why;
  for (const SourceEntry& entry : *entries) {
    if (entry.mapping->kind != "layer") continue;
    std::string entry_why;
    auto read = read_call(*entry.op, *entry.mapping, Phase::construct, arguments, spelling,
                          entry_why);
    if (!read) {
      if (first_why.empty()) first_why = entry_why;
      continue;
    }
    const int score = candidate_fit(*entry.op, *read);
    if (best == nullptr || score > best_score) {
      best = &entry;
      best_call = std::move(read);
      best_score = score;
    }
  }
  if (best == nullptr) {
    why = first_why;
    return std::nullopt;
  }
  const OpMapping* target = target_mapping(*target_.data, best->op->name, "layer");
  if (target == nullptr || target->kind != "layer" || !target->hook.empty()) {
    why = "its target is not a layer built by a call";
    return std::nullopt;
  }
  std::string read_why;
  const auto own = read_call(*best->op, *best->mapping, Phase::construct, fixed, spelling,
                             read_why, true);
  if (!own) {
    why = read_why;
    return std::nullopt;
  }
  for (const auto& [name, value] : own->values) {
    if (!value.implicit) inner.insert(target->framework_name(name));
  }
  inner.insert(target_.data->traits.rng.parameter);
  auto written = write_call(*best_call, *target, Phase::construct, spelling, "", why);
  if (!written) return std::nullopt;
  return written->text;
}

// The texts of a forwarding's call and of each construction's keywords (forwarded_texts_);
// false, with `why`, when the constructions do not agree on the call's own arguments.
bool Converter::plan_forwarding(const KeywordForwarding& forwarding, const std::string& api,
                                std::string& why) {
  const Call& inner = *forwarding.call;
  FrameworkCall fixed = framework_call(inner);
  fixed.arguments.erase(fixed.arguments.begin() + static_cast<long>(forwarding.unpacked));
  const std::string unpacked = node_text(inner.arguments.items[forwarding.unpacked].node);
  std::optional<std::string> inner_text;
  std::map<NodeId, std::vector<SiteEdit>> edits;
  FrameworkCall arguments;
  for (const ForwardingSite& site : forwarding.sites) {
    arguments = fixed;
    const FrameworkCall given = framework_call(*site.call);
    for (size_t index : site.keywords) arguments.arguments.push_back(given.arguments[index]);
    std::set<std::string> own;
    auto text = forwarded_layer(api, fixed, arguments, own, why);
    if (!text) return false;
    const size_t open = text->find('(');
    if (open == std::string::npos || text->back() != ')') {
      why = "it is written as '" + *text + "'";
      return false;
    }
    std::vector<std::string> kept, passed;
    for (std::string item : split_arguments(text->substr(open + 1, text->size() - open - 2))) {
      const std::string keyword = item_keyword(item);
      (keyword.empty() || own.count(keyword) ? kept : passed).push_back(item);
    }
    // `**kwargs` after the call's own arguments, before the keys.
    const std::string& keys = target_.data->traits.rng.parameter;
    auto at = kept.end();
    if (!kept.empty() && !keys.empty() && item_keyword(kept.back()) == keys) --at;
    kept.insert(at, unpacked);
    const std::string written =
        with_keys_in_scope(text->substr(0, open + 1) + joined(kept) + ")", inner.primary);
    if (inner_text && *inner_text != written) {
      why = "its constructions make it '" + *inner_text + "' and '" + written + "'";
      return false;
    }
    inner_text = written;
    edits[site.call->trailer] = site_keywords(site, passed, why);
    if (!why.empty()) return false;
  }
  if (!inner_text) return false;
  forwarded_texts_[inner.trailer] = *inner_text;
  forwarded_readings_[inner.trailer] = arguments;  // as one construction makes it (any agrees)
  site_edits_.merge(edits);
  return true;
}

// A construction's keywords replaced by `passed`: each keyword by its own where there are as
// many (an edit per argument, which removing keys from the call keeps), else the range from
// its first forwarded keyword to its last, or its last argument followed by `passed` when it
// forwards none. Empty when nothing changes; with `why` when it cannot be written.
std::vector<Converter::SiteEdit> Converter::site_keywords(const ForwardingSite& site,
                                               const std::vector<std::string>& passed,
                                               std::string& why) {
  const auto& items = site.call->arguments.items;
  auto span = [&](size_t first, size_t last) {
    return std::pair(tree_.node(items[first].node).begin, tree_.node(items[last].node).end);
  };
  if (site.keywords.size() == passed.size()) {
    std::vector<SiteEdit> edits;
    for (size_t i = 0; i < passed.size(); ++i) {
      const auto [begin, end] = span(site.keywords[i], site.keywords[i]);
      edits.push_back({begin, end, passed[i]});
    }
    return edits;
  }
  if (!target_.data->traits.rng.explicit_keys() && source_.data->traits.rng.explicit_keys()) {
    why = "a construction's keywords become another number of keywords";
    return {};
  }
  if (site.keywords.empty()) {
    if (items.empty()) {
      why = "a construction passes no arguments";
      return {};
    }
    const auto [begin, end] = span(items.size() - 1, items.size() - 1);
    return {{begin, end, node_text(items.back().node) + ", " + joined(passed)}};
  }
  for (size_t i = 1; i < site.keywords.size(); ++i) {
    if (site.keywords[i] != site.keywords[i - 1] + 1) {
      why = "a construction's forwarded keywords are not written together";
      return {};
    }
  }
  if (passed.empty()) {
    why = "a construction's forwarded keywords have no equivalent";
    return {};
  }
  const auto [begin, end] = span(site.keywords.front(), site.keywords.back());
  return {{begin, end, joined(passed)}};
}

void Converter::plan_forwardings(const std::vector<Call>& calls) {
  forwarded_.emplace(tree_, calls, modules_.constructors(),
                     [this](const Call& call) { return modules_.constructed_classes(call); });
  for (const KeywordForwarding& forwarding : forwarded_->all()) {
    const ResolvedCall resolved = resolver_.resolve(*forwarding.call);
    if (resolved.kind != ResolvedCall::Kind::function || !index_.api(resolved.name)) continue;
    std::string why = forwarding.why;
    if (why.empty() && !plan_forwarding(forwarding, resolved.name, why) && why.empty()) {
      why = "'" + forwarding.owner + "' is never constructed in this file";
    }
    if (!why.empty()) forwarding_why_[forwarding.call->trailer] = {resolved.name, why};
  }
}

// The call given `**kwargs` written as planned, or reported; a construction's keywords
// rewritten, the call itself then converted as any other. True when the call is done.
bool Converter::convert_forwarded(const Call& call) {
  if (!forwarded_) return false;
  if (auto failed = forwarding_why_.find(call.trailer); failed != forwarding_why_.end()) {
    unconverted(call, failed->second.first,
                "its '**' keywords come from the constructions of its class, but " +
                    failed->second.second);
    return true;
  }
  if (auto text = forwarded_texts_.find(call.trailer); text != forwarded_texts_.end()) {
    if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, text->second)) {
      ++result_.converted;
    }
    return true;
  }
  if (auto site = site_edits_.find(call.trailer); site != site_edits_.end()) {
    for (const SiteEdit& edit : site->second) edits_.replace(edit.begin, edit.end, edit.text);
  }
  return false;
}

}  // namespace engine_detail
}  // namespace switcheroo::convert
