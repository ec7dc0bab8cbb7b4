// The word algebra of SymbolicMachine (symbolic_values.h): low and high words, signed words
// and sign words, carries, and 64-bit pairs.
#include "symbolic_values.h"

#include <algorithm>
#include <cstdint>

namespace switcheroo::lift {

namespace {

// Kinds of atom whose value is always a 32-bit pattern (its own low word).
bool is_word_kind(const std::string& kind) {
  return kind == "LO" || kind == "HI" || kind == "CARRY" || kind == "LOAD" || kind == "BITS";
}

}  // namespace

struct SymbolicMachine::Carry {
  std::string key;
  std::vector<SymbolicValue> args;
};

SymbolicValue SymbolicMachine::low_word(const SymbolicValue& value) {
  if (value.is_tuple || value.is_float) return fail();
  // Low words inside reduce to what they are the low word of; coefficients modulo 2^32 (the
  // products wrap in 64 bits, which keeps them right modulo 2^32).
  Polynomial reduced;
  for (const auto& [monomial, coefficient] : value.poly) {
    Polynomial term = {{{}, coefficient}};
    for (const auto& key : monomial) {
      const Atom& factor = atoms_.at(key);
      const Polynomial by = factor.kind == "LO" ? factor.args[0].poly : Polynomial{{{key}, 1}};
      Polynomial next;
      for (const auto& [left, x] : term)
        for (const auto& [right, y] : by) {
          Monomial product = left;
          product.insert(product.end(), right.begin(), right.end());
          std::sort(product.begin(), product.end());
          next[product] =
              static_cast<long long>(static_cast<uint64_t>(next[product]) +
                                     static_cast<uint64_t>(x) * static_cast<uint64_t>(y));
        }
      term.swap(next);
      if (term.size() > kMostTerms) return fail();
    }
    for (const auto& [product, x] : term)
      reduced[product] = static_cast<long long>(static_cast<uint64_t>(reduced[product]) +
                                                static_cast<uint64_t>(x));
  }
  // Coefficients from -2^31 to 2^31 - 1 (`x - 1` rather than `x + 0xFFFFFFFF`); a constant
  // is the word's value.
  for (auto it = reduced.begin(); it != reduced.end();) {
    long long c = static_cast<long long>(static_cast<uint64_t>(it->second) & 0xFFFFFFFFULL);
    if (c >= kWord / 2) c -= kWord;
    it->second = c;
    it = c == 0 ? reduced.erase(it) : std::next(it);
  }
  if (is_constant(reduced)) return constant(constant_of(reduced) & 0xFFFFFFFFLL);
  SymbolicValue inner;
  inner.poly = reduced;
  // The high word of a chain of additions: that of their 64-bit sum.
  const bool carries = std::any_of(reduced.begin(), reduced.end(), [&](const auto& term) {
    return term.first.size() == 1 && atoms_.at(term.first[0]).kind == "CARRY";
  });
  if (const auto chain = carries ? carry_chain(reduced, nullptr) : std::vector<Carry>{};
      chain.size() > 1) {
    SymbolicValue rest = inner;
    for (size_t k = 0; k + 1 < chain.size(); ++k) rest.poly.erase({chain[k].key});
    SymbolicValue whole = add(chain.back().args[0], multiply(rest, constant(kWord)));
    whole.poly = join_words(whole.poly);
    return high_word(whole);
  }
  // u32(x >> 32) is the high word of x.
  if (const Atom* shifted = single_atom(inner);
      shifted && shifted->kind == ">>" && text_of(shifted->args[1]) == text_of(constant(32)))
    return high_word(shifted->args[0]);
  if (const Atom* word = single_atom(inner); word && is_word_kind(word->kind)) return inner;
  return atom("LO", {inner});
}

SymbolicValue SymbolicMachine::high_word(const SymbolicValue& value) {
  if (value.is_tuple || value.is_float) return fail();
  if (is_constant(value.poly))
    return constant(static_cast<long long>(static_cast<uint64_t>(constant_of(value.poly)) >> 32));
  return atom("HI", {value});
}

SymbolicValue SymbolicMachine::unwrap_low(const SymbolicValue& value) const {
  const Atom* word = single_atom(value);
  return word && word->kind == "LO" ? word->args[0] : value;
}

// `s32(LO(x))`: x, read as the source's `int` arithmetic that does not overflow, so each
// 32-bit word in it (a high word, a load) at its signed value: `s32(u32(t * hi32(p) + c))` is
// `t * s32(hi32(p)) + c`, as the step `s32(hi32(p)) * 4` of a pointer over that index is.
SymbolicValue SymbolicMachine::signed_word(const SymbolicValue& value) {
  const Atom* word = single_atom(value);
  if (word && word->kind == "LO") {
    SymbolicValue sum;
    for (const auto& [monomial, coefficient] : word->args[0].poly) {
      SymbolicValue term = constant(coefficient);
      for (const auto& key : monomial) {
        const Atom& factor = atoms_.at(key);
        SymbolicValue single;
        single.poly = {{{key}, 1}};
        const bool unsigned_word = is_word_kind(factor.kind) && factor.kind != "CARRY";
        term = multiply(term, unsigned_word ? atom("S32", {single}) : single);
      }
      sum = add(sum, term);
    }
    return sum;
  }
  if (word && is_word_kind(word->kind)) return atom("S32", {value});
  return value;
}

// The value x of a sign word `LO(SIGN(x))`; nullptr for another word.
const SymbolicValue* SymbolicMachine::sign_of(const SymbolicValue& word) const {
  const Atom* low = single_atom(word);
  const Atom* sign = low && low->kind == "LO" ? single_atom(low->args[0]) : nullptr;
  return sign && sign->kind == "SIGN" ? &sign->args[0] : nullptr;
}

// `LO(x) * c + HI(x) * c * 2^32` is `x * c` (the low word matched by what reduces to it), and
// so is `LO(x) * c + SIGN(x) * c * 2^32` or `... + LO(SIGN(x)) * c * 2^32` (x a signed word).
Polynomial SymbolicMachine::join_words(Polynomial poly) {
  std::vector<std::pair<Monomial, long long>> highs;
  for (const auto& [monomial, coefficient] : poly) {
    if (monomial.size() != 1 || coefficient % kWord != 0) continue;
    const std::string& kind = atoms_.at(monomial[0]).kind;
    if (kind == "HI" || kind == "SIGN" || sign_of(SymbolicValue{{{monomial, 1}}, false, {}, false}))
      highs.emplace_back(monomial, coefficient / kWord);
  }
  for (const auto& [monomial, coefficient] : highs) {
    const Atom& high = atoms_.at(monomial[0]);
    const SymbolicValue* of = high.kind == "LO"
                                  ? sign_of(SymbolicValue{{{monomial, 1}}, false, {}, false})
                                  : &high.args[0];
    const SymbolicValue whole = *of;
    const SymbolicValue low = low_word(whole);
    if (low.poly.size() != 1 || low.poly.begin()->second != 1) continue;
    const auto found = poly.find(low.poly.begin()->first);
    if (found == poly.end() || found->second != coefficient) continue;
    poly.erase(found);
    poly.erase(monomial);
    SymbolicValue rest;
    rest.poly = poly;
    poly = add(rest, multiply(whole, constant(coefficient))).poly;
  }
  return poly;
}

// The carries of `high` (terms `CARRY(...)` with coefficient 1) when they are those of a chain
// of additions of words whose last low word is `low`: each carry but the first adds the low
// word of the one before. Empty when `high` has no carry; std::nullopt-like failure is a
// single entry with an empty key.
std::vector<SymbolicMachine::Carry> SymbolicMachine::carry_chain(const Polynomial& high,
                                                                 const SymbolicValue* low) {
  std::vector<Carry> carries;
  for (const auto& [monomial, coefficient] : high) {
    if (monomial.size() != 1 || atoms_.at(monomial[0]).kind != "CARRY") continue;
    if (coefficient != 1) return {Carry{}};
    carries.push_back({monomial[0], atoms_.at(monomial[0]).args});
  }
  if (carries.empty()) return carries;
  std::vector<std::string> sums;  // each carry's low word of the sum it carries out of
  for (const auto& carry : carries) {
    SymbolicValue sum;
    for (const auto& arg : carry.args) sum = add(sum, arg);
    sums.push_back(text_of(low_word(sum)));
  }
  std::vector<int> links(carries.size(), 0), used(carries.size(), 0);
  SymbolicValue leaves;
  for (size_t k = 0; k < carries.size(); ++k)
    for (const auto& arg : carries[k].args) {
      const auto at = std::find(sums.begin(), sums.end(), text_of(arg));
      const size_t j = static_cast<size_t>(at - sums.begin());
      if (at != sums.end() && j != k && !used[j]) {
        ++links[k];
        used[j] = 1;
      } else {
        leaves = add(leaves, arg);
      }
    }
  // A chain: one carry starts it, every other adds the one before, one ends it (`low`).
  const auto starts = std::count(links.begin(), links.end(), 0);
  const auto ends = std::count(used.begin(), used.end(), 0);
  if (starts != 1 || ends != 1 || *std::max_element(links.begin(), links.end()) > 1 ||
      (low && text_of(low_word(leaves)) != text_of(*low)))
    return {Carry{}};
  carries.push_back({"", {leaves}});  // the words added, last
  return carries;
}

SymbolicValue SymbolicMachine::pair(const SymbolicValue& low, const SymbolicValue& high) {
  const SymbolicValue l = low_word(low), h = low_word(high);
  const Atom* high_atom = single_atom(h);
  const SymbolicValue high_inner = high_atom && high_atom->kind == "LO" ? high_atom->args[0] : h;
  if (const SymbolicValue* value = sign_of(h); value && text_of(low_word(*value)) == text_of(l))
    return *value;
  const auto chain = carry_chain(high_inner.poly, &l);
  if (chain.size() == 1) return atom("PAIR", {l, h});
  // pair(LO(w1 + w2 + ...), carries + R) is w1 + w2 + ... + 2^32 * R.
  SymbolicValue rest = high_inner, words = l;
  if (!chain.empty()) {
    words = chain.back().args[0];
    for (size_t k = 0; k + 1 < chain.size(); ++k) rest.poly.erase({chain[k].key});
  }
  SymbolicValue whole = add(words, multiply(rest, constant(kWord)));
  whole.poly = join_words(whole.poly);
  return whole;
}

}  // namespace switcheroo::lift
