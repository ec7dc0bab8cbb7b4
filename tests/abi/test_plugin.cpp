// One source, many deliberately good or broken plugins: tests/abi/CMakeLists.txt compiles it
// with different TEST_* definitions, and the golden cases under tests/golden/plugins/ prove
// that the host accepts or refuses each one with its own message.
#include <switcheroo/hook.hpp>
#include <switcheroo/tree.h>
#include <switcheroo/sdk.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

#ifndef TEST_ID
#define TEST_ID "alpha"
#endif
#ifndef TEST_KIND
#define TEST_KIND SW_PLUGIN_KIND_ADAPTER
#endif
#ifndef TEST_FRAMEWORK
#define TEST_FRAMEWORK TEST_ID
#endif
#ifndef TEST_FLAGS
#define TEST_FLAGS 0
#endif
#ifndef TEST_DESCRIPTOR_SIZE
#define TEST_DESCRIPTOR_SIZE sizeof(sw_plugin_descriptor)
#endif
#ifndef TEST_DESCRIPTOR_MAJOR
#define TEST_DESCRIPTOR_MAJOR SW_SDK_ABI_MAJOR
#endif
#ifndef TEST_DESCRIPTOR_MINOR
#define TEST_DESCRIPTOR_MINOR SW_SDK_ABI_MINOR
#endif

#ifdef TEST_ANNOUNCE
// Proves whether the host ran any code of this library: refusals before loading must not.
__attribute__((constructor)) static void announce_load() {
  std::fputs("test plugin: library code ran\n", stderr);
}
#endif

namespace {

// Accepts one option, `mode` = "fast" | "exact", and rejects everything else by name.
class TestPlugin {
 public:
  explicit TestPlugin(const switcheroo::sdk::InitContext& context) : host(context.host) {
#ifdef TEST_INIT_FAILS
    throw switcheroo::sdk::PluginError("cannot open model cache '/nonexistent/cache'");
#endif
    const std::string options(context.options_json);
    if (options != "{}" && options != R"({"mode":"fast"})" && options != R"({"mode":"exact"})") {
      throw switcheroo::sdk::PluginError("unsupported options " + options +
                                         "; this plugin takes only mode = 'fast' or 'exact'");
    }
    exact = options == R"({"mode":"exact"})";
    context.host.report(switcheroo::sdk::Severity::note, "", 0, 0,
                        std::string("initialized with options ") + options, TEST_ID);
  }

  switcheroo::sdk::Host host;
  bool exact = false;
};

// The hooks' rewrite, through the tree service only: every call of `alpha.relu` (however the
// file imported it) becomes `alpha.nn.relu`, with `approximate=False` in exact mode.
int32_t apply_hook(void* instance, sw_tree* tree, const sw_hook_context* context) noexcept {
#if defined(TEST_HOOK_UNCHANGED)
  (void)instance;
  (void)tree;
  (void)context;
  return SW_HOOK_UNCHANGED;
#elif defined(TEST_HOOK_THROWS)
  // A hook whose rewrite throws: the SDK's wrapper must report the message and fail.
  const auto& plugin = *static_cast<TestPlugin*>(instance);
  return switcheroo::hooks::apply_hook(
      plugin.host, TEST_ID, tree, context,
      [](const switcheroo::hooks::HookRun& run) -> int32_t {
        throw std::runtime_error("no rewrite for '" + run.target + "', whose rng.model is '" +
                                 run.target_trait("rng.model") + "'");
      });
#else
  (void)context;
  auto& plugin = *static_cast<TestPlugin*>(instance);
  auto service = plugin.host.find<sw_tree_service>(SW_SERVICE_TREE, 1);
  if (service == nullptr) return SW_FAILED;
  int32_t result = SW_HOOK_UNCHANGED;
  for (uint32_t index = 0; index < service->call_count(tree); ++index) {
    sw_call_info call{};
    call.struct_size = sizeof(call);
    if (service->call(tree, index, &call) != SW_OK) return SW_FAILED;
    if (call.kind != SW_CALL_FUNCTION || std::string(call.name) != "alpha.relu") continue;
#ifdef TEST_HOOK_BAD_EDIT
    if (service->replace_call(tree, index, "alpha.nn.relu(") != SW_OK) return SW_FAILED;
#else
    if (service->rename_callee(tree, index, "alpha.nn.relu") != SW_OK) return SW_FAILED;
    if (plugin.exact &&
        service->insert_argument(tree, index, call.argument_count, "approximate=False") != SW_OK) {
      return SW_FAILED;
    }
#endif
    result = SW_HOOK_CHANGED;
  }
  if (result == SW_HOOK_CHANGED && service->add_import(tree, "import alpha.nn") != SW_OK) {
    return SW_FAILED;
  }
  return result;
#endif
}

const char* const kAliases[] = {TEST_FRAMEWORK "-lang", nullptr};

#ifdef TEST_BAD_SPOKE
// An op without its 'api', and a kind that does not exist: the host must refuse the plugin.
const char kSpoke[] =
    "[ops.linear]\napi = \"alpha.Dense\"\nkind = \"layer\"\n\n[ops.relu]\nkind = \"functional\"\n";
#elif defined(TEST_UNKNOWN_OP)
// A spoke op the hub does not define: the host must refuse the plugin.
const char kSpoke[] = "[ops]\nrelu = { api = \"alpha.relu\" }\nrelu_layer = { api = \"alpha.ReLU\" }\n";
#elif defined(TEST_UNKNOWN_ARGUMENT)
// An argument the hub op does not take: the host must refuse the plugin.
const char kSpoke[] =
    "[ops]\nsum = { api = \"alpha.sum\", args = { axis = \"dim\", keepdim = \"keep\" } }\n";
#elif defined(TEST_UNKNOWN_HOOK)
// A hook name nothing provides (neither an idiom of the engine nor a hook plugin).
const char kSpoke[] =
    "[ops]\nrelu = { api = \"alpha.relu\" }\nsoftmax = { api = \"alpha.softmax\", hook = "
    "\"softmax_fixup\" }\n";
#else
const char kSpoke[] = "[ops.relu]\napi = \"alpha.relu\"\n";
#endif

const sw_adapter_interface kAdapter = {sizeof(sw_adapter_interface),
                                       TEST_FRAMEWORK,
                                       kAliases,
                                       "Test framework " TEST_FRAMEWORK,
                                       "",
                                       kSpoke};
const char* const kHookOptions[] = {"mode", nullptr};
const sw_hook_interface kHook = {sizeof(sw_hook_interface), "alpha.relu(x) -> alpha.nn.relu(x)",
                                 kHookOptions, &apply_hook};

sw_plugin_descriptor make() {
  const void* interface = nullptr;
  if (TEST_KIND == SW_PLUGIN_KIND_ADAPTER) interface = &kAdapter;
  if (TEST_KIND == SW_PLUGIN_KIND_HOOK) interface = &kHook;
  sw_plugin_descriptor descriptor = switcheroo::sdk::make_descriptor<TestPlugin>(
      TEST_KIND, TEST_ID, "0.1.0", "test plugin " TEST_ID, interface, TEST_FLAGS);
  descriptor.struct_size = TEST_DESCRIPTOR_SIZE;
  descriptor.abi_major = TEST_DESCRIPTOR_MAJOR;
  descriptor.abi_minor = TEST_DESCRIPTOR_MINOR;
  return descriptor;
}

const sw_plugin_descriptor kDescriptor = make();

}  // namespace

extern "C" const sw_plugin_descriptor* test_plugin_entry() {
  return &kDescriptor;
}

#if defined(TEST_ENTRY_SYMBOL)
BOOST_DLL_ALIAS_SECTIONED(test_plugin_entry, TEST_ENTRY_SYMBOL, swplugin)
#elif !defined(TEST_NO_ENTRY)
SWITCHEROO_PLUGIN_ENTRY(test_plugin_entry)
#endif
