#include "core/traits.h"
#include "core/diagnostics.h"

#include <catch2/catch.hpp>

namespace {

using switcheroo::AdapterTraits;
using switcheroo::Error;

AdapterTraits traits_of(const std::string& text) {
  const switcheroo::TomlReader reader("mine:traits.toml", "adapter");
  return switcheroo::read_traits(reader, reader.parse(text));
}

std::string traits_error(const std::string& text) {
  try {
    traits_of(text);
  } catch (const Error& failure) {
    return failure.diagnostic().format();
  }
  return "no error";
}

const char* const kChannelsLast = R"toml(traits-version = 2
framework = "mine"
[arrays]
type = "mine.Array"
dtype-module = "mine.types"
dtype-names = { bool = "boolean" }
dtype-aliases = { single = "float32" }
mutable = false
[module]
base-class = "mine.nn.Module"
forward-method = "call"
constructor = "setup"
init-calls-super = false
training = { reads = "argument", name = "training" }
[rng]
model = "explicit-keys"
parameter = "keys"
type = "mine.Keys"
fresh = "mine.Keys(seed={})"
[layouts]
images = "channels-last"
sequences = "time-first"
)toml";

}  // namespace

TEST_CASE("version 2 traits say how a framework writes models") {
  const AdapterTraits traits = traits_of(kChannelsLast);
  CHECK(traits.version == 2);
  CHECK(traits.framework == "mine");
  CHECK(traits.array_type == "mine.Array");
  CHECK_FALSE(traits.mutable_arrays);
  CHECK(traits.constructor == "setup");
  CHECK(traits.forward_method == "call");
  CHECK(traits.training.reads == "argument");
  CHECK(traits.training.name == "training");
  CHECK_FALSE(traits.training.inverted);
  CHECK(traits.rng.explicit_keys());
  CHECK(traits.rng.parameter == "keys");
  CHECK(traits.images == "channels-last");
  CHECK(traits.sequences == "time-first");
}

TEST_CASE("dtypes are read through the traits' names and aliases") {
  const AdapterTraits traits = traits_of(kChannelsLast);
  CHECK(traits.hub_dtype("float32") == "float32");
  CHECK(traits.hub_dtype("single") == "float32");
  CHECK(traits.hub_dtype("boolean") == "bool");
  CHECK(traits.hub_dtype("bool").empty());  // spelled `boolean` here
  CHECK(traits.hub_dtype("float").empty());
  CHECK(traits.dtype_attribute("bool") == "boolean");
  CHECK(traits.dtype_attribute("int64") == "int64");
}

TEST_CASE("defaults of version 2 traits") {
  const AdapterTraits traits = traits_of("traits-version = 2\nframework = \"mine\"\n");
  CHECK_FALSE(traits.has_modules());
  CHECK(traits.constructor == "__init__");
  CHECK(traits.rng.model == "global-seed");
  CHECK(traits.training.reads == "none");
  CHECK(traits.images == "channels-first");
  CHECK(traits.mutable_arrays);
}

TEST_CASE("bad traits are refused with line and column") {
  CHECK(traits_error("traits-version = 3\n") ==
        "mine:traits.toml:1:18: error: 'traits-version' must be 1 or 2 [adapter]");
  CHECK(traits_error("traits-version = 2\n[tensor]\nlayout = \"NHWC\"\n") ==
        "mine:traits.toml:2:2: error: unknown key 'tensor' in the traits (expected 'arrays', "
        "'display-name', 'framework', 'imports', 'layouts', 'module', 'recurrent', 'rng', "
        "'traits-version', 'weights') [adapter]");
  CHECK(traits_error("traits-version = 2\n[layouts]\nimages = \"NHWC\"\n") ==
        "mine:traits.toml:3:10: error: 'images' must be one of 'channels-first', 'channels-last', "
        "not 'NHWC' [adapter]");
  CHECK(traits_error("traits-version = 2\n[arrays]\ndtype-names = { boolean = \"bool_\" }\n") ==
        "mine:traits.toml:3:17: error: 'boolean' is not a hub dtype (one of 'float16', "
        "'bfloat16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'bool', "
        "'complex64', 'complex128', 'uint16') [adapter]");
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\n[rng]\nmodel = \"explicit-keys\"\nparameter = \"k\"\n") ==
        "mine:traits.toml:5:1: error: [rng] with explicit keys needs 'type' [adapter]");
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\ntraining = { reads = \"attribute\" }\n") ==
        "mine:traits.toml:5:12: error: [module.training] needs 'name' [adapter]");
}

TEST_CASE("hyper-parameter fields and child templates") {
  const AdapterTraits traits = traits_of(
      "traits-version = 2\n[module]\nbase-class = \"m.Layer\"\nforward-method = \"f\"\n"
      "hyper-parameters = \"fields\"\nchildren = { method = \"add\", template = \"m.T\", "
      "instantiate = \"m.build\" }\n");
  CHECK(traits.field_hyper_parameters());
  CHECK(traits.children.method == "add");
  CHECK(traits.children.template_api == "m.T");
  CHECK(traits.children.instantiate == "m.build");
  CHECK_FALSE(traits_of("traits-version = 2\n").field_hyper_parameters());
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\nchildren = { method = \"add\", template = \"m.T\" }\n") ==
        "mine:traits.toml:5:23: error: child templates need hyper-parameters = \"fields\" "
        "[adapter]");
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\nhyper-parameters = \"slots\"\n") ==
        "mine:traits.toml:5:20: error: 'hyper-parameters' must be one of 'constructor', "
        "'fields', not 'slots' [adapter]");
}

TEST_CASE("in-place updates and indexed updates in the traits") {
  const auto traits = traits_of(
      "traits-version = 2\n[arrays]\nmutable = false\nin-place-suffix = \"_\"\n"
      "in-place-stores = { zero_ = \"0\" }\n"
      "indexed-update = { set = \"{array}.at[{index}].set({value})\" }\n");
  CHECK(traits.in_place_suffix == "_");
  CHECK(traits.in_place_stores.at("zero_") == "0");
  CHECK(traits.indexed_updates.at("set") == "{array}.at[{index}].set({value})");
  CHECK(traits_error("traits-version = 2\n[arrays]\n"
                     "indexed-update = { put = \"{array}[{index}]={value}\" }\n") ==
        "mine:traits.toml:3:20: error: 'put' is not an indexed update (one of 'add', 'divide', "
        "'get', 'max', 'min', 'multiply', 'set', 'set-axis') [adapter]");
  // `set-axis` names the axis and the index in it besides; the others need neither
  CHECK(traits_of("traits-version = 2\n[arrays]\nindexed-update = { set = \"{array}[{index}]{value}\", "
                  "set-axis = \"w({array}, {index}, {axis}, {at}, {value})\" }\n")
            .indexed_updates.count("set-axis"));
  CHECK(traits_error("traits-version = 2\n[arrays]\nindexed-update = { set = \"{array}[{index}]{value}\", "
                     "set-axis = \"w({array}, {index}, {at}, {value})\" }\n") ==
        "mine:traits.toml:3:64: error: indexed update 'set-axis' must contain '{axis}' [adapter]");
  CHECK(traits_error("traits-version = 2\n[arrays]\n"
                     "indexed-update = { set = \"{array}.at[{index}].set()\" }\n") ==
        "mine:traits.toml:3:26: error: indexed update 'set' must contain '{value}' [adapter]");
  CHECK(traits_error("traits-version = 2\n[arrays]\n"
                     "indexed-update = { add = \"{array}.at[{index}].add({value})\" }\n") ==
        "mine:traits.toml:3:18: error: 'indexed-update' must spell 'set' [adapter]");
}

TEST_CASE("module state: registration methods, the state class and pure functions") {
  const AdapterTraits traits = traits_of(
      "traits-version = 2\n[module]\nbase-class = \"m.Layer\"\nforward-method = \"f\"\n"
      "register-state = { buffer = \"keep\" }\nstate-class = \"m.Var\"\nstate-value = \"v\"\n"
      "pure-functions = true\n");
  CHECK(traits.register_state == std::map<std::string, std::string>{{"buffer", "keep"}});
  CHECK(traits.state_class == "m.Var");
  CHECK(traits.state_value == "v");
  CHECK(traits.pure_functions);
  CHECK_FALSE(traits_of("traits-version = 2\n").pure_functions);
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\nstate-class = \"m.Var\"\n") ==
        "mine:traits.toml:5:15: error: 'state-class' goes with 'state-value' or 'state-writes' "
        "[adapter]");
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\nstate-value = \"v\"\n") ==
        "mine:traits.toml:5:15: error: 'state-class' goes with 'state-value' or 'state-writes' "
        "[adapter]");
}

TEST_CASE("module state: writes of the state class, array attributes and freezing") {
  const AdapterTraits traits = traits_of(
      "traits-version = 2\n[module]\nbase-class = \"m.Layer\"\nforward-method = \"f\"\n"
      "state-class = \"m.Var\"\nstate-writes = { \"=\" = \"put\", \"+=\" = \"put_add\" }\n"
      "array-attributes = \"parameters\"\nfreeze = \"self.hold(names=[{names}])\"\n");
  CHECK(traits.state_writes ==
        std::map<std::string, std::string>{{"=", "put"}, {"+=", "put_add"}});
  CHECK(traits.state_value.empty());
  CHECK(traits.array_attributes == "parameters");
  CHECK(traits.freeze == "self.hold(names=[{names}])");
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\narray-attributes = \"all\"\n") ==
        "mine:traits.toml:5:20: error: 'array-attributes' is \"parameters\" or absent [adapter]");
  CHECK(traits_error("traits-version = 2\n[module]\nbase-class = \"m.M\"\nforward-method = "
                     "\"f\"\nfreeze = \"self.hold()\"\n") ==
        "mine:traits.toml:5:10: error: 'freeze' names the attributes as {names} [adapter]");
}

TEST_CASE("module state: variables declared by name") {
  const std::string module =
      "traits-version = 2\n[module]\nbase-class = \"m.Layer\"\nforward-method = \"f\"\n";
  const AdapterTraits traits = traits_of(
      module + "variables = { declare = \"make\", spec = \"m.Spec\", shape = \"dims\", init = "
               "\"start\", dtype = \"kind\", constant = \"m.Fill\", trainable = \"learn\", "
               "parameters = \"weights\", read = \"get\", write = \"put\" }\n");
  CHECK(traits.variables.declare == "make");
  CHECK(traits.variables.spec == "m.Spec");
  CHECK(traits.variables.shape == "dims");
  CHECK(traits.variables.init == "start");
  CHECK(traits.variables.dtype == "kind");
  CHECK(traits.variables.constant == "m.Fill");
  CHECK(traits.variables.trainable == "learn");
  CHECK(traits.variables.parameters == "weights");
  CHECK(traits.variables.read == "get");
  CHECK(traits.variables.write == "put");
  CHECK(traits_of(module).variables.empty());
  const std::string missing = traits_error(module + "variables = { declare = \"make\" }\n");
  CHECK(missing.find("mine:traits.toml:5:13: error:") == 0);
  CHECK(missing.find("spec") != std::string::npos);
}

TEST_CASE("recurrent layers: the keywords of a layer that runs a cell") {
  const std::string table =
      "traits-version = 2\n[recurrent]\ncell = \"step\"\ntime-major = \"seq_first\"\n"
      "backward = [\"flip\"]\nbidirectional = \"m.BiRNN\"\ndirections = [\"fw\", \"bw\"]\n"
      "return-state = \"with_state\"\n";
  const AdapterTraits traits = traits_of(table + "lstm-state = [\"h\", \"c\"]\n");
  CHECK(traits.recurrent.cell == "step");
  CHECK(traits.recurrent.time_major == "seq_first");
  CHECK(traits.recurrent.backward == std::vector<std::string>{"flip"});
  CHECK(traits.recurrent.bidirectional == "m.BiRNN");
  CHECK(traits.recurrent.directions == std::vector<std::string>{"fw", "bw"});
  CHECK(traits.recurrent.return_state == "with_state");
  CHECK(traits.recurrent.lstm_state == std::vector<std::string>{"h", "c"});
  CHECK(traits_of("traits-version = 2\n").recurrent.empty());
  CHECK(traits_error(table + "lstm-state = [\"h\", \"h\"]\n") ==
        "mine:traits.toml:2:1: error: [recurrent] 'lstm-state' is \"c\" and \"h\" in either "
        "order [adapter]");
  std::string one_direction = table;
  one_direction.replace(one_direction.find("[\"fw\", \"bw\"]"), 12, "[\"fw\"]");
  CHECK(traits_error(one_direction + "lstm-state = [\"c\", \"h\"]\n") ==
        "mine:traits.toml:2:1: error: [recurrent] 'directions' names two keywords, forward "
        "first [adapter]");
}

TEST_CASE("recurrent layers: a layer of one direction that the framework stacks") {
  const std::string table = "traits-version = 2\n[recurrent]\nbidirectional = \"m.Both\"\n";
  const AdapterTraits traits = traits_of(table + "directions = [\"layer\"]\n");
  CHECK(traits.recurrent.bidirectional == "m.Both");
  CHECK(traits.recurrent.directions == std::vector<std::string>{"layer"});
  CHECK(traits.recurrent.cell.empty());
  CHECK(traits.recurrent.return_state.empty());
  CHECK(traits_error(table + "directions = [\"fw\", \"bw\"]\n") ==
        "mine:traits.toml:2:1: error: [recurrent] without a cell names one direction [adapter]");
  CHECK(traits_error(table + "directions = [\"layer\"]\ntime-major = \"seq_first\"\n")
            .find("error: unknown key 'time-major' in [recurrent] without a cell") !=
        std::string::npos);
}

TEST_CASE("module: a field renamed where an attribute takes its name") {
  const std::string module =
      "traits-version = 2\n[module]\nbase-class = \"m.Layer\"\nforward-method = \"f\"\n";
  CHECK(traits_of(module + "hyper-parameters = \"fields\"\nrenamed-field = \"{name}_hp\"\n")
            .renamed_field == "{name}_hp");
  CHECK(traits_of(module).renamed_field.empty());
  CHECK(traits_error(module + "renamed-field = \"{name}_hp\"\n") ==
        "mine:traits.toml:5:17: error: 'renamed-field' needs hyper-parameters = \"fields\" and "
        "names '{name}' [adapter]");
  CHECK(traits_error(module + "hyper-parameters = \"fields\"\nrenamed-field = \"hp\"\n")
            .find("mine:traits.toml:6:17: error: 'renamed-field' needs") == 0);
}
