// The knowledge base compiled once: the hub and each adapter's data (traits and spoke), read
// from TOML and checked at build time by `swkbc`, stored as a compact binary image, and read
// back at start-up instead of parsing the TOML again. An image names the text it was made from
// by a hash (its key); an image whose key does not match the current text (the TOML changed,
// or the hub the spoke was checked against did), or that does not read cleanly, is ignored and
// the TOML is parsed as before, with the same diagnostics. Source locations (`where`) survive,
// so diagnostics that point into the TOML read the same from either form.
#pragma once

#include "adapter_data.h"
#include "hub.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace switcheroo {

/// A 64-bit hash that names the text an image was made from (a multiply-and-fold over 64-bit
/// words in the machine's byte order; for staleness only, not against tampering).
class ImageKey {
 public:
  ImageKey();
  ImageKey& add(std::string_view text);
  ImageKey& add(uint64_t number);
  uint64_t value() const { return value_; }

 private:
  uint64_t value_;
};

/// A hash of the image layout (format version, sizes of the stored structs); part of every key.
uint64_t image_layout_fingerprint();
/// The key of the built-in hub: every kb/hub file's category and text, and the image layout.
/// Defined in hub.cpp, beside the embedded files; computed once.
uint64_t builtin_hub_key();
/// The key of an adapter's data: its id, traits and spoke text, the built-in hub's key.
uint64_t adapter_data_key(std::string_view plugin_id, std::string_view traits_toml,
                          std::string_view spoke_toml);

std::string write_hub_image(const Hub& hub, uint64_t key);
/// The hub in `image`, or nullopt when it was made from other text or does not read cleanly.
std::optional<Hub> read_hub_image(std::string_view image, uint64_t key);

/// An adapter image: its summary (summarize()), then its data.
std::string write_adapter_image(const AdapterData& data, uint64_t key);
/// The summary alone, the data not decoded; nullopt as read_adapter_image's.
std::optional<AdapterSummary> read_adapter_summary(std::string_view image, uint64_t key);
std::optional<AdapterData> read_adapter_image(std::string_view image, uint64_t key);

/// Where an adapter plugin's image lies: beside the plugin file, `<file>.swkb`.
std::filesystem::path adapter_image_path(const std::filesystem::path& plugin_file);
/// Where swhost's hub image lies: `hub.swkb` in its data folder.
std::filesystem::path hub_image_path();

/// A file's bytes, or nullopt when it cannot be read (a missing image is not an error).
std::optional<std::string> read_image_file(const std::filesystem::path& file);

}  // namespace switcheroo
