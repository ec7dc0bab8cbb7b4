#include "unified_diff.h"

#include <algorithm>
#include <vector>

namespace switcheroo::convert {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

struct Step {
  char kind;  // ' ', '-' or '+'
  size_t before;
  size_t after;
};

// Longest common subsequence by dynamic programming over the lines between the common prefix
// and suffix: converted files differ in a few places, so what remains is small.
std::vector<Step> edit_script(const std::vector<std::string>& a,
                              const std::vector<std::string>& b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t n = a.size() - prefix - suffix;
  const size_t m = b.size() - prefix - suffix;
  std::vector<std::vector<uint32_t>> common(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      common[i][j] = a[prefix + i] == b[prefix + j] ? common[i + 1][j + 1] + 1
                                                    : std::max(common[i + 1][j], common[i][j + 1]);
    }
  }
  std::vector<Step> steps;
  for (size_t k = 0; k < prefix; ++k) steps.push_back({' ', k, k});
  size_t i = 0;
  size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
      steps.push_back({' ', prefix + i++, prefix + j++});
    } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
      steps.push_back({'-', prefix + i++, prefix + j});
    } else {
      steps.push_back({'+', prefix + i, prefix + j++});
    }
  }
  for (size_t k = 0; k < suffix; ++k) {
    steps.push_back({' ', a.size() - suffix + k, b.size() - suffix + k});
  }
  return steps;
}

std::string range(size_t start, size_t count) {
  return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after,
                         const std::string& before_name, const std::string& after_name) {
  if (before == after) return {};
  const auto a = lines_of(before);
  const auto b = lines_of(after);
  const auto steps = edit_script(a, b);
  constexpr size_t kContext = 3;
  std::string out = "--- " + before_name + "\n+++ " + after_name + "\n";
  size_t index = 0;
  while (index < steps.size()) {
    while (index < steps.size() && steps[index].kind == ' ') ++index;
    if (index == steps.size()) break;
    size_t begin = index >= kContext ? index - kContext : 0;
    size_t end = index;
    // Extend the hunk while changes are closer than twice the context.
    for (size_t quiet = 0; end < steps.size(); ++end) {
      quiet = steps[end].kind == ' ' ? quiet + 1 : 0;
      if (quiet > 2 * kContext) {
        end -= quiet - kContext - 1;
        break;
      }
    }
    if (end == steps.size()) {
      size_t trailing = 0;
      while (trailing < end - index && steps[end - 1 - trailing].kind == ' ') ++trailing;
      if (trailing > kContext) end -= trailing - kContext;
    }
    size_t before_count = 0;
    size_t after_count = 0;
    std::string body;
    for (size_t k = begin; k < end; ++k) {
      const Step& step = steps[k];
      const std::string& line = step.kind == '+' ? b[step.after] : a[step.before];
      if (step.kind != '+') ++before_count;
      if (step.kind != '-') ++after_count;
      body += step.kind + line;
      if (body.back() != '\n') body += "\n\\ No newline at end of file\n";
    }
    out += "@@ -" + range(steps[begin].before, before_count) + " +" +
           range(steps[begin].after, after_count) + " @@\n" + body;
    index = end;
  }
  return out;
}

}  // namespace switcheroo::convert
