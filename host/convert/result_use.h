// How the calls of a layer use its results, decided once for the converter (which writes a
// recurrent layer whose final state is read as layers built to return it, recurrent_stack.cpp)
// and for the model graph (graph::Module::state_read, whose weight paths follow that form).
#pragma once

#include <string>
#include <vector>

namespace switcheroo::convert {

/// One call of a layer: `first` where its first result alone is read (`self.lstm(x)[0]`);
/// otherwise the names the statement it is the whole value of unpacks its results into
/// (`out, (h, c) = self.lstm(x)`: out, h, c), empty for any other use.
struct CallResults {
  bool first = false;
  std::vector<std::string> targets;
};

/// `outputs` where no call reads more than the first result; `state` where every call is an
/// unpacking statement of its own and one reads more than the first (`out, (h, c) = ...`, not
/// `out, _ = ...`); `mixed` otherwise.
enum class ResultUse { outputs, state, mixed };

ResultUse result_use(const std::vector<CallResults>& calls);

}  // namespace switcheroo::convert
