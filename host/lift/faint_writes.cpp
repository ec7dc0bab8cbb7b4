#include "faint_writes.h"

#include "line_graph.h"
#include "unread_writes.h"

namespace switcheroo::lift {

size_t remove_faint_writes(std::vector<std::string>& body) {
  auto lines = build_line_graph(body);
  if (!lines || lines->empty() || !fits_flow_budget(lines->size(), count_names(*lines))) return 0;
  const LiveNames live(*lines, true);
  std::vector<std::string> kept;
  kept.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i)
    if (!(*lines)[i].removable || live.writes_live_after(i)) kept.push_back(std::move(body[i]));
  const size_t removed = body.size() - kept.size();
  if (removed > 0) close_empty_blocks(kept);
  body.swap(kept);
  return removed;
}

}  // namespace switcheroo::lift
