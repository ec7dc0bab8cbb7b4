#include "result_use.h"

namespace switcheroo::convert {

ResultUse result_use(const std::vector<CallResults>& calls) {
  bool state = false, first = false;
  for (const CallResults& call : calls) {
    if (call.first) {
      first = true;
      continue;
    }
    if (call.targets.size() < 2) return ResultUse::mixed;
    state = state || call.targets.size() > 2 || call.targets[1] != "_";
  }
  if (!state) return ResultUse::outputs;
  return first ? ResultUse::mixed : ResultUse::state;
}

}  // namespace switcheroo::convert
