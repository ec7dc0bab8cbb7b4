// Module classes of the file whose constructor hands its `**kwargs` on to one call, and the
// constructions that fill them:
//
//   class BasicConv2d(nn.Module):
//       def __init__(self, in_channels, out_channels, **kwargs):
//           self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
//   ...
//   self.conv1 = conv_block(3, 64, kernel_size=7, stride=2)     conv_block holds BasicConv2d
//
// The keywords a construction passes beyond the constructor's named parameters are that call's
// arguments, so the call converts once it is read with each construction's keywords, and each
// construction writes its own in the target's terms (forwarding in engine_forwarding.cpp).
// Only constructions in the file are seen; one that may also construct another class, or that
// unpacks arguments itself, leaves the forwarding unknown (`why`).
#pragma once

#include "rewrite/tree_query.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert {

/// A construction of a forwarding class: the call and the positions of its arguments that go
/// to `**kwargs`.
struct ForwardingSite {
  const rewrite::Call* call = nullptr;
  std::vector<size_t> keywords;
};

struct KeywordForwarding {
  std::string owner;                       ///< the class
  const rewrite::Call* call = nullptr;     ///< the call given `**<name>`
  size_t unpacked = 0;                     ///< that argument's position in it
  std::vector<ForwardingSite> sites;       ///< the constructions, in file order
  std::string why;                         ///< why the constructions are not all known
};

class ForwardedKeywords {
 public:
  /// `constructors`: the module classes of the file and their `__init__`; `constructs(call)`:
  /// the classes of the file a call may construct (by name or through a name holding them).
  ForwardedKeywords(const python::SyntaxTree& tree, const std::vector<rewrite::Call>& calls,
                    const std::map<std::string, rewrite::FunctionDef>& constructors,
                    const std::function<std::set<std::string>(const rewrite::Call&)>& constructs);

  const std::vector<KeywordForwarding>& all() const { return forwardings_; }

 private:
  void find_call(const std::string& owner, const rewrite::FunctionDef& init,
                 const std::vector<rewrite::Call>& calls);
  void find_sites(KeywordForwarding& forwarding, const rewrite::FunctionDef& init,
                  const std::vector<rewrite::Call>& calls,
                  const std::function<std::set<std::string>(const rewrite::Call&)>& constructs);

  const python::SyntaxTree& tree_;
  std::vector<KeywordForwarding> forwardings_;
};

}  // namespace switcheroo::convert
