// The webs of a kernel's lifted lines: the writes of each name, the reads that reaching
// definitions (over line_graph.h) say they reach, and the webs they form, where the writes
// that reach one read are joined into one web. value_names.h names values by these webs.
#pragma once

#include "line_graph.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace switcheroo::lift {

class Webs {
 public:
  /// Solves reaching definitions over `lines` (kept by reference) and joins the webs.
  explicit Webs(const std::vector<LineNode>& lines);

  struct Def {
    size_t line;  // lines.size() for the value at the kernel's entry
    std::string name;
  };

  /// The web of the write of `name` at `line`.
  size_t web_of_def(size_t line, const std::string& name) const {
    return find(def_at_[line].at(name));
  }
  /// The web a read of `name` at `line` belongs to; npos when no write reaches it.
  size_t web_of_read(size_t line, const std::string& name) const;
  const std::vector<Def>& defs() const { return defs_; }
  /// The web (its first write's number) that write `def` belongs to.
  size_t find(size_t def) const {
    while (parent_[def] != def) def = parent_[def];
    return def;
  }

 private:
  using Bits = std::vector<uint64_t>;
  size_t add_def(size_t line, const std::string& name);
  void entry_def(const std::string& name);
  void reach();
  void join_reads(size_t line);

  const std::vector<LineNode>& lines_;
  std::vector<Def> defs_;
  std::map<std::string, std::vector<size_t>> defs_of_name_;
  std::map<std::string, size_t> entry_;
  std::vector<std::map<std::string, size_t>> def_at_;
  std::vector<Bits> in_;
  std::vector<size_t> parent_;
};

}  // namespace switcheroo::lift
