#include "convert/recurrent_carries.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace switcheroo::convert::engine_detail {

TEST_CASE("a recurrent layer's layers and directions are read where written out") {
  HubCall call;
  std::string why;
  auto shape = recurrent_shape(call, why);
  REQUIRE(shape);
  CHECK(shape->layers == 1);
  CHECK_FALSE(shape->bidirectional);
  call.values["num_layers"] = value_of("3");
  call.values["bidirectional"] = value_of("True");
  shape = recurrent_shape(call, why);
  REQUIRE(shape);
  CHECK(shape->layers == 3);
  CHECK(shape->bidirectional);
  call.values["num_layers"] = value_of("depth");
  CHECK_FALSE(recurrent_shape(call, why));
  CHECK(why == "num_layers must be a number written out, not 'depth'");
  call.values["num_layers"] = value_of("0");
  CHECK_FALSE(recurrent_shape(call, why));
  call.values["num_layers"] = value_of("2");
  call.values["bidirectional"] = value_of("both");
  CHECK_FALSE(recurrent_shape(call, why));
  CHECK(why == "bidirectional must be True or False written out");
}

TEST_CASE("each layer's carry is named after PyTorch's weights, h_n in PyTorch's order") {
  RecurrentTraits traits;
  traits.lstm_state = {"c", "h"};  // Flax's LSTMCell carry
  std::vector<std::string> hs, cs;
  CHECK(layer_carry(traits, true, false, 0, hs, cs) == "(c_l0, h_l0)");
  CHECK(layer_carry(traits, true, false, 1, hs, cs) == "(c_l1, h_l1)");
  CHECK(hs == std::vector<std::string>{"h_l0", "h_l1"});
  CHECK(cs == std::vector<std::string>{"c_l0", "c_l1"});
  hs.clear();
  cs.clear();
  CHECK(layer_carry(traits, true, true, 1, hs, cs) ==
        "((c_l1, h_l1), (c_l1_reverse, h_l1_reverse))");
  CHECK(hs == std::vector<std::string>{"h_l1", "h_l1_reverse"});
  hs.clear();
  CHECK(layer_carry(traits, false, true, 0, hs, cs) == "(h_l0, h_l0_reverse)");
  CHECK(hs == std::vector<std::string>{"h_l0", "h_l0_reverse"});
}

TEST_CASE("an LSTM's carry is spelled in the order its traits give") {
  RecurrentTraits traits;
  traits.lstm_state = {"h", "c"};
  std::vector<std::string> hs, cs;
  CHECK(layer_carry(traits, true, true, 0, hs, cs) ==
        "((h_l0, c_l0), (h_l0_reverse, c_l0_reverse))");
  CHECK(hs == std::vector<std::string>{"h_l0", "h_l0_reverse"});
  CHECK(cs == std::vector<std::string>{"c_l0", "c_l0_reverse"});
}

TEST_CASE("the targets of a final state's unpacking") {
  CHECK(unpacked_targets("out, (h, c) = ") == std::vector<std::string>{"out", "h", "c"});
  CHECK(unpacked_targets("self.out, (_, c) = ") == std::vector<std::string>{"self.out", "_", "c"});
  CHECK(unpacked_targets("out, state = ") == std::vector<std::string>{"out", "state"});
  CHECK(unpacked_targets("out, _ = ") == std::vector<std::string>{"out", "_"});
  CHECK(unpacked_targets("out = ").empty());
  CHECK(unpacked_targets("return ").empty());
  CHECK(unpacked_targets("out, (h, c), x = ").empty());
  CHECK(unpacked_targets("out, h[0] = ").empty());
}

TEST_CASE("a layer's run returns its carry with the outputs, or after them when built to") {
  AdapterTraits flax;
  flax.sequential_layers = "layers";
  flax.recurrent.lstm_state = {"c", "h"};
  flax.recurrent.return_state = "return_carry";
  std::vector<std::string> hs, cs;
  CHECK(stacked_layer(flax, "self.rnn", 1, 2) == "self.rnn.layers[1]");
  CHECK(stacked_layer(flax, "self.rnn", 0, 1) == "self.rnn");
  CHECK(layer_run(flax.recurrent, true, false, 0, "self.rnn.layers[0]", "out", "x", hs, cs) ==
        "(c_l0, h_l0), out = self.rnn.layers[0](x, return_carry=True)");
  AdapterTraits keras;
  keras.recurrent.lstm_state = {"h", "c"};
  keras.recurrent.return_state_built = "return_state";
  CHECK(stacked_layer(keras, "self.rnn", 1, 2) == "self.rnn[1]");
  CHECK(layer_run(keras.recurrent, true, false, 1, "self.rnn[1]", "out", "out", hs, cs) ==
        "out, h_l1, c_l1 = self.rnn[1](out)");
  CHECK(layer_run(keras.recurrent, false, false, 0, "self.gru", "y", "x", hs, cs) ==
        "y, h_l0 = self.gru(x)");
  CHECK(hs == std::vector<std::string>{"h_l0", "h_l1", "h_l0"});
  CHECK(cs == std::vector<std::string>{"c_l0", "c_l1", "c_l0"});
}

}  // namespace switcheroo::convert::engine_detail
