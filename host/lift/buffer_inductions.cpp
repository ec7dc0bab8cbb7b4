#include "buffer_rewriter.h"

namespace switcheroo::lift::buffers {

std::optional<std::vector<Rewriter::Advance>> Rewriter::find_advances(
    size_t loop, const std::string& pair, int factor, const Facts& facts,
    const std::set<std::string>& inside) const {
  const auto comma = pair.find(", ");
  const StepSearch search{pair,  pair.substr(0, comma), pair.substr(comma + 2), factor, facts,
                          inside};
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
    if (!has(written, search.low) && !has(written, search.high)) continue;
    if (consumed.count(l)) continue;
    if (!inner_loops.empty()) return std::nullopt;
    const auto line = read_assignment(statement);
    if (!line) return std::nullopt;
    const std::optional<Advance> advance = is_wide_step(search, *line)
                                               ? wide_step(search, *line, l)
                                               : carried_step(search, *line, l, first, end);
    if (!advance) return std::nullopt;
    if (advance->line != l) consumed.insert(advance->line);
    advances.push_back(*advance);
  }
  if (advances.empty()) return std::nullopt;
  return advances;
}

bool Rewriter::is_wide_step(const StepSearch& search, const Assignment& line) {
  return line.targets.size() == 1 && line.targets[0] == search.pair &&
         starts_with(line.values[0], "split64(u64(") &&
         ends_with(line.values[0], " + pair(" + search.pair + ")))");
}

std::optional<Rewriter::Advance> Rewriter::wide_step(const StepSearch& search,
                                                     const Assignment& line, size_t l) const {
  const std::string& value = line.values[0];
  const std::string product = value.substr(12, value.size() - 12 - search.pair.size() - 11);
  const auto times = product.find(" * ");
  if (times == std::string::npos) return std::nullopt;
  const std::string left = product.substr(0, times), right = product.substr(times + 3);
  std::optional<int> size;
  if (is_integer(left) && left.size() < 6) {
    size = std::stoi(left);
  } else if (const auto name = wrapped_name(left);
             name && !search.inside.count(*name) && search.facts.constants.count(*name)) {
    size = search.facts.constants.at(*name);
  }
  const auto step = wrapped_name(right);
  if (!size || *size != search.factor || !step || search.inside.count(*step)) return std::nullopt;
  return Advance{l, right, kNoLine};
}

std::optional<Rewriter::Advance> Rewriter::carried_step(const StepSearch& search,
                                                        const Assignment& line, size_t l,
                                                        size_t first, size_t end) const {
  const std::string& low = search.low;
  if (line.targets.size() != 2 || line.targets[0] != low || !is_name(line.targets[1]))
    return std::nullopt;
  const std::string carry = line.targets[1];
  const std::string& value = line.values[0];
  const std::string prefix = "u32(" + low + " + ";
  if (!starts_with(value, prefix) || !ends_with(value, ")")) return std::nullopt;
  const std::string amount = value.substr(prefix.size(), value.size() - prefix.size() - 1);
  Advance advance;
  std::string high_term;  // what the high add adds besides the carry
  if (!read_step_amount(search, line, amount, advance, high_term)) return std::nullopt;
  const size_t h = find_high_add(search, carry, l, first, end);
  if (h == kNoLine) return std::nullopt;
  const std::string& high = search.high;
  const auto completion = read_assignment(body_[h].substr(first));
  const std::string expected = high_term.empty()
                                   ? "u32(" + high + " + " + carry + ")"
                                   : "u32(" + high_term + " + " + high + " + " + carry + ")";
  if (!completion || completion->targets[0] != high || completion->values[0] != expected)
    return std::nullopt;
  advance.line = h;
  return advance;
}

bool Rewriter::read_step_amount(const StepSearch& search, const Assignment& line,
                                const std::string& amount, Advance& advance,
                                std::string& high_term) const {
  const std::string& low = search.low;
  if (is_integer(amount) && amount.size() < 9) {
    if (line.values[1] != "int(u32(" + low + ") + " + amount + " > 0xFFFFFFFF)" &&
        line.values[1] != "carry3(" + low + ", " + amount + ", 0)")
      return false;
    const long long bytes = std::stoll(amount);
    if (bytes <= 0 || bytes % search.factor != 0) return false;
    advance.step = std::to_string(bytes / search.factor);
    return true;
  }
  if (!is_name(amount) ||
      line.values[1] != "int(u32(" + low + ") + u32(" + amount + ") > 0xFFFFFFFF)")
    return false;
  for (const auto& [key, id] : search.facts.offsets) {
    const auto at = key.find(", ");
    if (key.substr(0, at) != amount) continue;
    const Entry& stride = entries_[id];
    if (stride.factor != search.factor || search.inside.count(key.substr(at + 2)) ||
        search.inside.count(amount) ||
        search.inside.count(entries_[stride.source].address.index_name))
      return false;
    advance.stride = id;
    high_term = key.substr(at + 2);
  }
  return advance.stride != kNoLine;
}

size_t Rewriter::find_high_add(const StepSearch& search, const std::string& carry, size_t l,
                               size_t first, size_t end) const {
  for (size_t h = l + 1; h < end; ++h) {
    const auto at = body_[h].find_first_not_of(' ');
    if (at == std::string::npos) continue;
    if (at < first) return kNoLine;
    const auto written = written_names(body_[h].substr(at));
    if (at == first && has(written, search.high)) return h;
    if (has(written, search.low) || has(written, search.high) || has(written, carry) ||
        has(written, "exec") || has(written, "*"))
      return kNoLine;
  }
  return kNoLine;
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
