#include "buffer_facts.h"

namespace switcheroo::lift::buffers {

std::string index_mark(size_t entry, size_t writes, size_t calls) {
  return "\x01" + std::to_string(entry) + ":" + std::to_string(writes) + ":" +
         std::to_string(calls) + "\x02";
}

void Facts::merge(const Facts& other) {
  for (const auto& [key, value] : other.constants) constants[key] = value;
  for (const auto& [key, value] : other.addresses) addresses[key] = value;
  for (const auto& [key, value] : other.pointer_copies) pointer_copies[key] = value;
  for (const auto& [key, value] : other.offsets) offsets[key] = value;
  for (const auto& [key, value] : other.halves) halves[key] = value;
  for (const auto& [key, value] : other.signs) signs[key] = value;
  for (const auto& [key, value] : other.partials) partials[key] = value;
  for (const auto& [key, value] : other.copied_words) copied_words[key] = value;
}

void Facts::forget(const std::string& name) {
  if (name == "*") {
    *this = Facts();
    return;
  }
  constants.erase(name);
  halves.erase(name);
  for (auto* pairs : {&addresses, &pointer_copies, &offsets}) {
    for (auto it = pairs->begin(); it != pairs->end();)
      it = pair_has(it->first, name) ? pairs->erase(it) : std::next(it);
  }
  for (auto it = copied_words.begin(); it != copied_words.end();)
    it = it->first == name || pair_has(it->second.first, name) ? copied_words.erase(it)
                                                               : std::next(it);
  for (auto it = signs.begin(); it != signs.end();)
    it = it->first == name || it->second.first == name ? signs.erase(it) : std::next(it);
  for (auto it = partials.begin(); it != partials.end();)
    it = it->first == name || it->second.low == name || it->second.high_word == name
             ? partials.erase(it)
             : std::next(it);
}

}  // namespace switcheroo::lift::buffers
