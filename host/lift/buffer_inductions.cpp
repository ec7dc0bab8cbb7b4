#include "buffer_rewriter.h"

namespace switcheroo::lift::buffers {

std::optional<std::vector<Rewriter::Advance>> Rewriter::find_advances(
    size_t loop, const std::string& pair, int factor, const Facts& facts,
    const std::set<std::string>& inside) const {
  const auto comma = pair.find(", ");
  const std::string low = pair.substr(0, comma), high = pair.substr(comma + 2);
  const auto invariant_constant = [&](const std::string& text) -> std::optional<int> {
    if (is_integer(text) && text.size() < 6) return std::stoi(text);
    const auto name = wrapped_name(text);
    if (name && !inside.count(*name) && facts.constants.count(*name))
      return facts.constants.at(*name);
    return std::nullopt;
  };
  std::vector<Advance> advances;
  std::set<size_t> consumed;
  std::vector<size_t> inner_loops;  // indentation of the loops nested in this one
  const size_t end = block_end_.at(loop);
  for (size_t l = loop + 1; l < end; ++l) {
    const auto first = body_[l].find_first_not_of(' ');
    if (first == std::string::npos) continue;
    while (!inner_loops.empty() && first <= inner_loops.back()) inner_loops.pop_back();
    const std::string statement = body_[l].substr(first);
    if (starts_with(statement, "while ")) inner_loops.push_back(first);
    const auto written = written_names(statement);
    if (!has(written, low) && !has(written, high)) continue;
    if (consumed.count(l)) continue;
    if (!inner_loops.empty()) return std::nullopt;
    const auto line = read_assignment(statement);
    if (!line) return std::nullopt;
    // SASS's wide add of a stride.
    if (line->targets.size() == 1 && line->targets[0] == pair &&
        starts_with(line->values[0], "split64(u64(") &&
        ends_with(line->values[0], " + pair(" + pair + ")))")) {
      const std::string& value = line->values[0];
      const std::string product = value.substr(12, value.size() - 12 - pair.size() - 11);
      const auto times = product.find(" * ");
      if (times == std::string::npos) return std::nullopt;
      const std::string left = product.substr(0, times), right = product.substr(times + 3);
      const auto size = invariant_constant(left);
      const auto step = wrapped_name(right);
      if (!size || *size != factor || !step || inside.count(*step)) return std::nullopt;
      advances.push_back({l, right, kNoLine});
      continue;
    }
    // The low word's add, then its high word's add with the carry, in the same block.
    if (line->targets.size() != 2 || line->targets[0] != low || !is_name(line->targets[1]))
      return std::nullopt;
    const std::string carry = line->targets[1];
    const std::string& value = line->values[0];
    const std::string prefix = "u32(" + low + " + ";
    if (!starts_with(value, prefix) || !ends_with(value, ")")) return std::nullopt;
    const std::string amount = value.substr(prefix.size(), value.size() - prefix.size() - 1);
    Advance advance;
    std::string high_term;  // what the high add adds besides the carry
    if (is_integer(amount) && amount.size() < 9) {
      if (line->values[1] != "int(u32(" + low + ") + " + amount + " > 0xFFFFFFFF)" &&
          line->values[1] != "carry3(" + low + ", " + amount + ", 0)")
        return std::nullopt;
      const long long bytes = std::stoll(amount);
      if (bytes <= 0 || bytes % factor != 0) return std::nullopt;
      advance.step = std::to_string(bytes / factor);
    } else {
      if (!is_name(amount) ||
          line->values[1] != "int(u32(" + low + ") + u32(" + amount + ") > 0xFFFFFFFF)")
        return std::nullopt;
      for (const auto& [key, id] : facts.offsets) {
        const auto at = key.find(", ");
        if (key.substr(0, at) != amount) continue;
        const Entry& stride = entries_[id];
        if (stride.factor != factor || inside.count(key.substr(at + 2)) || inside.count(amount) ||
            inside.count(entries_[stride.source].address.index_name))
          return std::nullopt;
        advance.stride = id;
        high_term = key.substr(at + 2);
      }
      if (advance.stride == kNoLine) return std::nullopt;
    }
    size_t h = l + 1;
    for (; h < end; ++h) {
      const auto at = body_[h].find_first_not_of(' ');
      if (at == std::string::npos) continue;
      if (at < first) return std::nullopt;
      const std::string next = body_[h].substr(at);
      const auto next_written = written_names(next);
      if (at == first && has(next_written, high)) break;
      if (has(next_written, low) || has(next_written, high) || has(next_written, carry) ||
          has(next_written, "exec") || has(next_written, "*"))
        return std::nullopt;
    }
    if (h == end) return std::nullopt;
    const auto completion = read_assignment(body_[h].substr(first));
    const std::string expected = high_term.empty()
                                     ? "u32(" + high + " + " + carry + ")"
                                     : "u32(" + high_term + " + " + high + " + " + carry + ")";
    if (!completion || completion->targets[0] != high || completion->values[0] != expected)
      return std::nullopt;
    consumed.insert(h);
    advance.line = h;
    advances.push_back(advance);
  }
  if (advances.empty()) return std::nullopt;
  return advances;
}

void Rewriter::start_inductions(size_t loop, const Level& outer, Level& inner) {
  const auto& inside = loop_writes_.at(loop);
  if (inside.count("*") || !is_kernel_body_) return;
  const std::string indent = body_[loop].substr(0, indent_of(body_[loop]));
  std::set<std::string> done;
  for (const bool from_exec : {false, true}) {
    if (from_exec && (!outer.after_exec || inside.count("exec") || !inner.after_exec)) continue;
    const Facts& known = from_exec ? *outer.after_exec : outer.facts;
    for (const bool is_offset : {false, true}) {
      for (const auto& [pair, id] : is_offset ? known.offsets : known.addresses) {
        const auto comma = pair.find(", ");
        if (done.count(pair) ||
            (!inside.count(pair.substr(0, comma)) && !inside.count(pair.substr(comma + 2))))
          continue;
        const Entry entry = entries_[id];  // a copy: add_entry below may move the entries
        const auto advances = find_advances(loop, pair, entry.factor, known, inside);
        if (!advances) continue;
        done.insert(pair);
        Entry induction;
        induction.kind = EntryKind::kInduction;
        induction.line = loop;
        induction.address = entry.address;
        induction.address.low = pair.substr(0, comma);
        induction.address.high = pair.substr(comma + 2);
        induction.address.index = "k" + std::to_string(inductions_++);
        induction.address.index_name = induction.address.index;
        induction.factor = entry.factor;
        induction.calls_before = calls_;
        const size_t made = add_entry(induction);
        entries_[made].source = made;
        const std::string& name = induction.address.index;
        writes_[name];  // nothing writes it but the steps added here
        const Entry source = entries_[entry.source];
        const std::string start =
            name + " = " +
            index_mark(entry.source, writes_[source.address.index_name].size(), calls_);
        auto& before = insert_before_[loop];
        if (from_exec) {
          before.push_back(indent + "if exec:");
          before.push_back(indent + "    " + start);
        } else {
          before.push_back(indent + start);
        }
        Facts& facts = from_exec ? *inner.after_exec : inner.facts;
        (is_offset ? facts.offsets : facts.addresses)[pair] = made;
        for (const auto& advance : *advances)
          steps_[advance.line].push_back({made, advance, from_exec});
      }
    }
  }
}

void Rewriter::step_inductions(Level& level, size_t line, const std::string& indent) {
  const auto found = steps_.find(line);
  if (found == steps_.end()) return;
  for (const auto& step : found->second) {
    const Entry& induction = entries_[step.induction];
    const std::string pair = induction.address.low + ", " + induction.address.high;
    std::string amount = step.advance.step;
    if (step.advance.stride != kNoLine) {
      const Entry& stride = entries_[entries_[step.advance.stride].source];
      amount = index_mark(stride.source, writes_[stride.address.index_name].size(), calls_);
    }
    const std::string& name = induction.address.index;
    insert_after_[line].push_back(indent + name + " = " + name + " + " + amount);
    const bool is_offset = induction.address.pointer.empty();
    Facts* facts = &level.facts;
    if (step.from_exec && !level.exec_block) {
      if (!level.after_exec) continue;
      facts = &*level.after_exec;
    }
    (is_offset ? facts->offsets : facts->addresses)[pair] = step.induction;
  }
}

}  // namespace switcheroo::lift::buffers
