// One source, many deliberately good or broken plugins: tests/abi/CMakeLists.txt compiles it
// with different TEST_* definitions, and the golden cases under tests/golden/plugins/ prove
// that the host accepts or refuses each one with its own message.
#include <switcheroo/sdk.hpp>

#include <cstdio>
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
  explicit TestPlugin(const switcheroo::sdk::InitContext& context) {
#ifdef TEST_INIT_FAILS
    throw switcheroo::sdk::PluginError("cannot open model cache '/nonexistent/cache'");
#endif
    const std::string options(context.options_json);
    if (options != "{}" && options != R"({"mode":"fast"})" && options != R"({"mode":"exact"})") {
      throw switcheroo::sdk::PluginError("unsupported options " + options +
                                         "; this plugin takes only mode = 'fast' or 'exact'");
    }
    context.host.report(switcheroo::sdk::Severity::note, "", 0, 0,
                        std::string("initialized with options ") + options, TEST_ID);
  }
};

const char* const kAliases[] = {TEST_FRAMEWORK "-lang", nullptr};

#ifdef TEST_BAD_SPOKE
// An op without its 'api', and a kind that does not exist: the host must refuse the plugin.
const char kSpoke[] =
    "[ops.linear]\napi = \"alpha.Dense\"\nkind = \"layer\"\n\n[ops.relu]\nkind = \"functional\"\n";
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
const sw_hook_interface kHook = {sizeof(sw_hook_interface), "f(x) -> g(x)", kHookOptions};

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
