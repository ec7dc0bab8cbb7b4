// A project's knowledge overlay: hub operations and spoke entries a project adds to the
// installed knowledge base without editing it, in TOML files named by the manifest's
// `[knowledge] files` and written by `swhost define`:
//
//   [hub.project]                                   # the category of the new ops
//   swish_beta = { args = ["input: tensor", "beta: float = 1.0"], doc = "x * sigmoid(beta x)" }
//
//   [spokes.<framework>]                            # entries as in adapters/<name>/spoke.toml
//   swish_beta = { hook = "expression", expression = "{input} * {@<module>.sigmoid}({beta} * {input})"
//   }
//
// Every entry is checked as a plugin's spoke is, with errors located in the overlay file. An
// overlay adds: it cannot redefine a hub op or replace a spelling an adapter already has.
#pragma once

#include "adapter_data.h"
#include "hub.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace switcheroo {

/// The spoke entries of one overlay, by framework.
struct KnowledgeOverlay {
  std::filesystem::path file;
  std::vector<std::string> ops;               ///< the hub ops it defines, in file order
  std::map<std::string, AdapterData> spokes;  ///< framework -> its entries (ops, alternatives)
};

/// Reads an overlay from `text` (named `file` in messages), adding its hub ops to `hub` and
/// checking its spoke entries against that hub. Throws Error [kb] at the offending line.
KnowledgeOverlay read_knowledge_overlay(const std::filesystem::path& file, std::string_view text,
                                        Hub& hub);

/// Adds an overlay's entries for one framework to that adapter's data. Throws Error [kb] at the
/// overlay entry that names a spelling the adapter already has.
void merge_overlay_spoke(const AdapterData& overlay, AdapterData& adapter,
                         const std::string& framework);

}  // namespace switcheroo
