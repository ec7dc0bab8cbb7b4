#include "kb_image.h"

#include "config.h"
#include "output_file.h"

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstring>
#include <stdexcept>
#include <tuple>

namespace switcheroo {

// Every struct of the image is described once, by the list of its fields, and that one list
// both writes and reads it. A field left out of a list is caught by kb_image_test: what the
// image gives back must equal (operator==) what the TOML gives.
class HubImage {
 public:
  template <class Visitor, class Self>
  static void fields(Visitor& visit, Self& hub) {
    visit(hub.ops_, hub.categories_);
  }
};

namespace {

constexpr std::string_view kMagic = "SWKB";
// Raise when the layout changes in a way the sizes below do not show (a field reordered).
constexpr uint64_t kFormat = 2;

template <class T, class S>
concept Is = std::is_same_v<std::remove_const_t<S>, T>;

template <class V, class S>
requires Is<SourceLocation, S>
void fields(V& visit, S& s) {
  visit(s.file, s.line, s.column);
}

template <class V, class S>
requires Is<HubArgument, S>
void fields(V& visit, S& s) {
  visit(s.name, s.kind, s.domain, s.default_value, s.variadic);
}

template <class V, class S>
requires Is<HubOp, S>
void fields(V& visit, S& s) {
  visit(s.name, s.category, s.kind, s.doc, s.arguments, s.inputs, s.results, s.layouts, s.examples,
        s.unchecked, s.broadcast, s.draws, s.where);
}

template <class V, class S>
requires Is<Hub, S>
void fields(V& visit, S& s) {
  HubImage::fields(visit, s);
}

template <class V, class S>
requires Is<OpMapping::Transform, S>
void fields(V& visit, S& s) {
  visit(s.write, s.read);
}

template <class V, class S>
requires Is<OpMapping, S>
void fields(V& visit, S& s) {
  visit(s.op, s.form, s.api, s.kind, s.receiver, s.arguments, s.also, s.positional, s.keywords_only,
        s.varargs, s.varargs_mapping, s.varargs_sequence, s.packed, s.repeated, s.dropped);
  visit(s.ignored, s.array_arguments, s.lists, s.required, s.needs, s.injected, s.call_injected,
        s.fixed, s.axes_swapped, s.defaults, s.values, s.transforms, s.layouts, s.results);
  visit(s.named_results, s.strided_same, s.hoist, s.hook, s.gap, s.verify, s.note, s.expression, s.where);
}

template <class V, class S>
requires Is<TrainingMode, S>
void fields(V& visit, S& s) {
  visit(s.reads, s.name, s.inverted);
}

template <class V, class S>
requires Is<RngModel, S>
void fields(V& visit, S& s) {
  visit(s.model, s.seed, s.parameter, s.type, s.fresh);
}

template <class V, class S>
requires Is<ChildTemplates, S>
void fields(V& visit, S& s) {
  visit(s.method, s.template_api, s.instantiate, s.list_method);
}

template <class V, class S>
requires Is<WeightParameter, S>
void fields(V& visit, S& s) {
  visit(s.hub, s.name, s.flip, s.permute, s.with, s.dtype, s.fill, s.plus, s.plus_blocks, s.plus_of, s.part, s.parts, s.split_axis, s.split_by);
  visit(s.blocks, s.stack, s.layer, s.direction, s.kept_axis);
}

template <class V, class S>
requires Is<WeightWrapper, S>
void fields(V& visit, S& s) {
  visit(s.layer, s.direction, s.magnitude, s.kept_axis);
}

template <class V, class S>
requires Is<WeightCells, S>
void fields(V& visit, S& s) {
  visit(s.hub_layers, s.reverse, s.stack, s.stack_bidirectional, s.stack_listed, s.stack_listed_bidirectional,
        s.directions);
}

template <class V, class S>
requires Is<WeightTiedLayer, S>
void fields(V& visit, S& s) {
  visit(s.op, s.parameter, s.owner, s.owner_parameter, s.when, s.from_owner, s.call);
}

template <class V, class S>
requires Is<WeightFormat, S>
void fields(V& visit, S& s) {
  visit(s.id, s.extensions, s.library, s.code, s.defined_by);
}

template <class V, class S>
requires Is<WeightTraits, S>
void fields(V& visit, S& s) {
  visit(s.separator, s.sequential_child, s.list_child, s.held_parameter, s.held_buffer, s.formats,
        s.layers, s.tied_layers, s.cells, s.format_definitions, s.script_imports, s.script_code,
        s.model_load, s.model_save, s.wrappers);
}

template <class V, class S>
requires Is<DeclaredVariables, S>
void fields(V& visit, S& s) {
  visit(s.declare, s.spec, s.shape, s.init, s.dtype, s.constant, s.trainable, s.parameters,
        s.read, s.write);
}

template <class V, class S>
requires Is<RecurrentTraits, S>
void fields(V& visit, S& s) {
  visit(s.cell, s.time_major, s.backward, s.bidirectional, s.directions, s.return_state,
        s.lstm_state, s.stack, s.return_state_built);
}

template <class V, class S>
requires Is<AdapterTraits, S>
void fields(V& visit, S& s) {
  visit(s.version, s.framework, s.display_name, s.array_type, s.dtype_module, s.dtype_names,
        s.dtype_aliases, s.default_float, s.mutable_arrays, s.in_place_suffix, s.in_place_stores, s.indexed_updates,
        s.indexed_update_index);
  visit(s.module_base_class, s.forward_method, s.constructor, s.init_calls_super,
        s.hyper_parameters, s.renamed_field, s.children, s.training, s.add_child,
        s.sequential_layers, s.container_classes, s.queries, s.register_state, s.state_class,
        s.state_value, s.state_writes, s.array_attributes, s.freeze, s.variables,
        s.pure_functions);
  visit(s.rng, s.recurrent, s.images, s.sequences, s.imports, s.weights);
}

template <class V, class S>
requires Is<HookUse, S>
void fields(V& visit, S& s) {
  visit(s.hook, s.where);
}

template <class V, class S>
requires Is<AdapterSummary, S>
void fields(V& visit, S& s) {
  visit(s.ops, s.hooks);
}

template <class V, class S>
requires Is<AdapterData, S>
void fields(V& visit, S& s) {
  visit(s.traits, s.ops, s.alternatives);
}

}  // namespace

// The sizes of the stored structs: a field added to one changes its size and so every key,
// which makes images written by an older swkbc stale rather than misread.
uint64_t image_layout_fingerprint() {
  return ImageKey()
      .add(kFormat)
      .add(sizeof(SourceLocation))
      .add(sizeof(HubArgument))
      .add(sizeof(HubOp))
      .add(sizeof(OpMapping))
      .add(sizeof(AdapterTraits))
      .add(sizeof(WeightTraits))
      .add(sizeof(WeightParameter))
      .add(sizeof(WeightCells))
      .add(sizeof(WeightTiedLayer))
      .add(sizeof(WeightWrapper))
      .add(sizeof(WeightFormat))
      .add(sizeof(HookUse))
      .value();
}

namespace {

class Writer {
 public:
  explicit Writer(char kind, uint64_t key) {
    bytes_.append(kMagic);
    bytes_.push_back(kind);
    for (int shift = 0; shift < 64; shift += 8) bytes_.push_back(static_cast<char>(key >> shift));
  }
  template <class... T>
  void operator()(const T&... values) {
    (put(values), ...);
  }
  std::string take() { return std::move(bytes_); }

 private:
  void number(uint64_t value) {
    while (value >= 0x80) {
      bytes_.push_back(static_cast<char>(value | 0x80));
      value >>= 7;
    }
    bytes_.push_back(static_cast<char>(value));
  }
  void put(const std::string& text) {
    number(text.size());
    bytes_.append(text);
  }
  void put(bool value) { bytes_.push_back(value ? 1 : 0); }
  void put(uint32_t value) { number(value); }
  void put(int64_t value) { number((static_cast<uint64_t>(value) << 1) ^ (value < 0 ? ~0ULL : 0)); }
  void put(int value) { put(static_cast<int64_t>(value)); }
  template <class T>
  void put(const std::optional<T>& value) {
    put(value.has_value());
    if (value) put(*value);
  }
  template <class T>
  void put(const std::vector<T>& values) {
    number(values.size());
    for (const auto& value : values) put(value);
  }
  template <class K, class T, class C>
  void put(const std::map<K, T, C>& values) {
    number(values.size());
    for (const auto& [key, value] : values) put(key, value);
  }
  template <class K, class T>
  void put(const K& key, const T& value) {
    put(key);
    put(value);
  }
  template <class T>
  void put(const T& record) {
    fields(*this, record);
  }

  std::string bytes_;
};

struct Malformed : std::runtime_error {
  Malformed() : std::runtime_error("malformed knowledge-base image") {}
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  template <class... T>
  void operator()(T&... values) {
    (get(values), ...);
  }
  // The header: true when it is an image of `kind` made from the text `key` names.
  bool header(char kind, uint64_t key) {
    if (rest_.size() < kMagic.size() + 9 || rest_.substr(0, kMagic.size()) != kMagic) return false;
    if (rest_[kMagic.size()] != kind) return false;
    uint64_t stored = 0;
    for (int index = 0; index < 8; ++index) {
      stored |= uint64_t(static_cast<unsigned char>(rest_[kMagic.size() + 1 + index]))
                << (8 * index);
    }
    rest_.remove_prefix(kMagic.size() + 9);
    return stored == key;
  }
  bool finished() const { return rest_.empty(); }

 private:
  uint64_t number() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) throw Malformed();
      const auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      value |= uint64_t(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    throw Malformed();
  }
  // A count of items, each at least one byte: more than the bytes left is a broken image.
  size_t count() {
    const uint64_t value = number();
    if (value > rest_.size()) throw Malformed();
    return static_cast<size_t>(value);
  }
  void get(std::string& text) {
    const size_t size = count();
    text.assign(rest_.data(), size);
    rest_.remove_prefix(size);
  }
  void get(bool& value) {
    const uint64_t stored = number();
    if (stored > 1) throw Malformed();
    value = stored == 1;
  }
  void get(uint32_t& value) {
    const uint64_t stored = number();
    if (stored > UINT32_MAX) throw Malformed();
    value = static_cast<uint32_t>(stored);
  }
  void get(int64_t& value) {
    const uint64_t stored = number();
    value = static_cast<int64_t>(stored >> 1) ^ -static_cast<int64_t>(stored & 1);
  }
  void get(int& value) {
    int64_t wide = 0;
    get(wide);
    if (wide < INT32_MIN || wide > INT32_MAX) throw Malformed();
    value = static_cast<int>(wide);
  }
  template <class T>
  void get(std::optional<T>& value) {
    bool present = false;
    get(present);
    value.reset();
    if (present) get(value.emplace());
  }
  template <class T>
  void get(std::vector<T>& values) {
    values.clear();
    values.resize(count());
    for (auto& value : values) get(value);
  }
  template <class K, class T, class C>
  void get(std::map<K, T, C>& values) {
    values.clear();
    for (size_t index = count(); index > 0; --index) {
      K key;
      T value;
      get(key);
      get(value);
      values.emplace_hint(values.end(), std::move(key), std::move(value));
    }
  }
  template <class T>
  void get(T& record) {
    fields(*this, record);
  }

  std::string_view rest_;
};

template <class... T>
std::string write_image(char kind, uint64_t key, const T&... values) {
  Writer writer(kind, key);
  writer(values...);
  return writer.take();
}

// The records an image holds, in order: `Read` of them when it reads `Read` alone, all of them
// (and nothing after) when it reads the last.
template <class Read, class... Before>
std::optional<Read> read_image(std::string_view image, char kind, uint64_t key, bool whole) {
  Reader reader(image);
  if (!reader.header(kind, key)) return std::nullopt;
  try {
    std::tuple<Before...> skipped;
    std::apply([&](auto&... before) { reader(before...); }, skipped);
    Read value;
    reader(value);
    if (whole && !reader.finished()) return std::nullopt;
    return value;
  } catch (const Malformed&) {
    return std::nullopt;
  }
}

}  // namespace

ImageKey::ImageKey() : value_(0xcbf29ce484222325ULL) {}

// Eight bytes at a time (byte at a time cost 3 M instructions for seven adapters' TOML at
// every start): each word is mixed in by a multiply, and the high bits folded back down.
ImageKey& ImageKey::add(std::string_view text) {
  add(static_cast<uint64_t>(text.size()));
  size_t at = 0;
  for (; at + sizeof(uint64_t) <= text.size(); at += sizeof(uint64_t)) {
    uint64_t word = 0;
    std::memcpy(&word, text.data() + at, sizeof word);
    add(word);
  }
  uint64_t tail = 0;
  if (at < text.size()) std::memcpy(&tail, text.data() + at, text.size() - at);
  return add(tail);
}

ImageKey& ImageKey::add(uint64_t number) {
  value_ = (value_ ^ number) * 0x9e3779b97f4a7c15ULL;
  value_ ^= value_ >> 29;
  return *this;
}

uint64_t adapter_data_key(std::string_view plugin_id, std::string_view traits_toml,
                          std::string_view spoke_toml) {
  return ImageKey()
      .add(image_layout_fingerprint())
      .add(builtin_hub_key())
      .add(plugin_id)
      .add(traits_toml)
      .add(spoke_toml)
      .value();
}

std::string write_hub_image(const Hub& hub, uint64_t key) {
  return write_image('H', key, hub);
}

std::optional<Hub> read_hub_image(std::string_view image, uint64_t key) {
  return read_image<Hub>(image, 'H', key, true);
}

std::string write_adapter_image(const AdapterData& data, uint64_t key) {
  return write_image('A', key, summarize(data), data);
}

std::optional<AdapterSummary> read_adapter_summary(std::string_view image, uint64_t key) {
  return read_image<AdapterSummary>(image, 'A', key, false);
}

std::optional<AdapterData> read_adapter_image(std::string_view image, uint64_t key) {
  return read_image<AdapterData, AdapterSummary>(image, 'A', key, true);
}

std::filesystem::path adapter_image_path(const std::filesystem::path& plugin_file) {
  return std::filesystem::path(plugin_file.string() + ".swkb");
}

std::filesystem::path hub_image_path() {
  std::error_code error;
  const std::filesystem::path exe = boost::dll::program_location(error);
  if (error) return {};
  return (exe.parent_path() / SWITCHEROO_DATA_DIR_FROM_BINDIR / "hub.swkb").lexically_normal();
}

std::optional<std::string> read_image_file(const std::filesystem::path& file) {
  std::error_code error;
  if (file.empty() || !std::filesystem::is_regular_file(file, error)) return std::nullopt;
  try {
    return read_file(file);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace switcheroo
