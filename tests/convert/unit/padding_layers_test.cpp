// A convolution's padding that the target cannot write as a padding layer beside it
// (convert/padding_layers.cpp), and back (padding_folds.cpp), between two made-up frameworks:
// `numbered` pads convolutions by any number, `named` only 'valid' or 'same'. Nothing here
// names a real framework: the host does what the spokes say.
#include "convert/engine.h"
#include "core/adapter_data.h"

#include <catch2/catch.hpp>

namespace switcheroo::convert {
namespace {

const char* const kNumberedTraits = R"toml(traits-version = 2
framework = "numbered"
[module]
base-class = "numbered.nn.Module"
forward-method = "forward"
[imports]
"numbered.nn" = "nn"
)toml";

const char* const kNamedTraits = R"toml(traits-version = 2
framework = "named"
[module]
base-class = "named.Model"
forward-method = "call"
[imports]
"named" = ""
)toml";

const char* const kNumberedSpoke = R"toml([ops]
conv2d = { api = "numbered.nn.Conv2d", kind = "layer" }
zero_pad2d = { api = "numbered.nn.ZeroPad2d", kind = "layer" }
relu = { api = "numbered.nn.relu" }
pad = { api = "numbered.pad" }
)toml";

const char* const kNamedSpoke = R"toml([ops]
conv2d = { api = "named.Conv", kind = "layer", values = { padding = { "0" = "'valid'", "'same'" = "'same'", "'valid'" = "'valid'" } }, positional = ["out_channels", "kernel_size"], layout = { input = "NHWC" } }
zero_pad2d = { api = "named.Pad", kind = "layer", positional = [] }
relu = { api = "named.relu" }
pad = { api = "named.pad" }
)toml";

struct Frameworks {
  AdapterData numbered = parse_adapter_data("numbered", kNumberedTraits, kNumberedSpoke);
  AdapterData named = parse_adapter_data("named", kNamedTraits, kNamedSpoke);
};

FileResult converted(const std::string& text, bool to_named) {
  static const Frameworks frameworks;
  const Framework numbered{"numbered", &frameworks.numbered};
  const Framework named{"named", &frameworks.named};
  return convert_file("model.py", text, to_named ? numbered : named, to_named ? named : numbered,
                      Options{});
}

const char* const kNumbered = R"py(import numbered.nn as nn


class Net(nn.Module):
    def __init__(self, c, pad):
        super().__init__()
        self.stem = nn.Conv2d(c, c, 3, stride=2, padding=1)
        self.held = nn.Conv2d(c, c, 3, padding=pad)

    def forward(self, x):
        return self.held(nn.relu(self.stem(x)))
)py";

const char* const kNamed = R"py(import named


class Net(named.Model):
    def __init__(self, c, pad):
        super().__init__()
        self.stem_pad = named.Pad(padding=1)
        self.stem = named.Conv(c, 3, in_channels=c, stride=2, padding='valid')
        self.held_pad = named.Pad(padding=pad)
        self.held = named.Conv(c, 3, in_channels=c, padding='valid')

    def call(self, x):
        return self.held(self.held_pad(named.relu(self.stem(self.stem_pad(x)))))
)py";

}  // namespace

TEST_CASE("a padding the target cannot write is a padding layer called before the layer") {
  const auto result = converted(kNumbered, true);
  CHECK(result.text == kNamed);
  CHECK(result.unconverted == 0);
}

TEST_CASE("a padding layer called only before its convolution folds into its padding") {
  const auto result = converted(kNamed, false);
  CHECK(result.text.find("Pad") == std::string::npos);
  CHECK(result.text.find("nn.Conv2d(in_channels=c, out_channels=c, kernel_size=3, stride=2, "
                         "padding=1)") != std::string::npos);
  CHECK(result.text.find("padding=pad)") != std::string::npos);
  CHECK(result.text.find("return self.held(nn.relu(self.stem(x)))") != std::string::npos);
}

TEST_CASE("a padding layer used elsewhere, or before a padded layer, stays a layer") {
  const std::string twice = R"py(import named


class Net(named.Model):
    def __init__(self, c):
        super().__init__()
        self.pad = named.Pad(padding=1)
        self.conv = named.Conv(c, 3, in_channels=c, padding='valid')
        self.same = named.Conv(c, 3, in_channels=c, padding='same')

    def call(self, x):
        return self.same(self.pad(x)) + self.conv(self.pad(x))
)py";
  const auto result = converted(twice, false);
  CHECK(result.text.find("self.pad = nn.ZeroPad2d(padding=1)") != std::string::npos);
  CHECK(result.text.find("self.same(self.pad(x)) + self.conv(self.pad(x))") != std::string::npos);
}

TEST_CASE("a tuple padding, or a padding layer's name in use, pads at each call") {
  const std::string taken = R"py(import numbered.nn as nn


class Net(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, stride=2, padding=1)
        self.conv_pad = 0
        self.pair = nn.Conv2d(c, c, 3, stride=2, padding=(1, 2))
        self.chain = [nn.Conv2d(c, c, 3, stride=2, padding=1)]

    def forward(self, x):
        return self.pair(self.conv(x))
)py";
  const auto result = converted(taken, true);
  CHECK(result.unconverted == 1);  // the convolution in a list: its calls are not known
  CHECK(result.text.find("_pad = named.Pad") == std::string::npos);
  CHECK(result.text.find("return self.pair(named.pad(self.conv(named.pad(x, pad_width=((0, 0), "
                         "(1, 1), (1, 1), (0, 0)))), pad_width=((0, 0), (1, 1), (2, 2), (0, 0))))") !=
        std::string::npos);
  // ... and back, the pad calls fold into the convolutions' padding
  const auto back = converted(result.text, false);
  CHECK(back.text.find("pad(") == std::string::npos);
  CHECK(back.text.find("padding=(1, 2))") != std::string::npos);
  CHECK(back.text.find("return self.pair(self.conv(x))") != std::string::npos);
}

}  // namespace switcheroo::convert
