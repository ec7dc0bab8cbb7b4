// What `swhost ci` hands its Python worker: per hub op, the tensors to generate and each case
// written through every framework's spellings exactly as a conversion writes them
// (convert::write_call: renames, positional arguments, injected arguments, value remaps,
// transforms, explicit defaults; the `expression` idiom through the spoke's template), plus per
// framework how an array is made from Python data and turned back into Python lists (the
// spoke's `asarray` and `tolist`). The worker knows no framework: everything it runs is text
// from here.
#pragma once

#include "core/adapter_data.h"
#include "core/hub.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace switcheroo::ci {

/// A framework taking part in a run.
struct Framework {
  std::string name;
  const AdapterData* data = nullptr;
  /// A folder the worker imports this framework's modules from instead of the installed ones
  /// (`--stand-in`); empty for the framework itself.
  std::string stand_in;
};

/// An op the worker is not asked to run, and why.
struct SkippedOp {
  std::string op;
  std::string reason;
};

/// The dtypes the worker draws tensors in; each needs the framework's `asarray` spelling.
const std::vector<std::string>& drawn_dtypes();

/// The job for `ops` over `frameworks` (JSON, see host/ci/worker.py for its use). Ops that
/// cannot be run in two frameworks are left out and listed in `skipped`.
nlohmann::json build_job(const Hub& hub, const std::vector<const HubOp*>& ops,
                         const std::vector<Framework>& frameworks, unsigned seed,
                         std::vector<SkippedOp>& skipped);

}  // namespace switcheroo::ci
