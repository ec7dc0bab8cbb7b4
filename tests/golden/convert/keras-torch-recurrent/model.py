"""keras.layers.LSTM and GRU read back to PyTorch: with return_sequences=True and input_shape
they are nn.LSTM / nn.GRU(batch_first=True), whose call is narrowed to its output ([0]). A
layer without return_sequences=True returns the last step alone and is reported, as is one
without input_shape (PyTorch needs the input size). A keras.Sequential of such layers, each
taking the previous one's outputs, and keras.layers.Bidirectional(layer) read back whole as one
nn.LSTM / nn.GRU with num_layers and bidirectional."""
import keras


class Recurrent(keras.Model):
    def __init__(self, features, hidden):
        super().__init__()
        self.lstm = keras.layers.LSTM(hidden, return_sequences=True, input_shape=(None, features))
        self.gru = keras.layers.GRU(units=hidden, return_sequences=True, use_bias=False,
                                    input_shape=(None, hidden))
        self.last = keras.layers.LSTM(hidden, input_shape=(None, features))
        self.inferred = keras.layers.LSTM(hidden, return_sequences=True)
        self.stacked = keras.Sequential([
            keras.layers.LSTM(hidden, return_sequences=True, input_shape=(None, features)),
            keras.layers.LSTM(hidden, return_sequences=True, input_shape=(None, hidden))])
        self.both_ways = keras.layers.Bidirectional(
            keras.layers.GRU(hidden, return_sequences=True, input_shape=(None, features)))
        self.deep_both = keras.Sequential([
            keras.layers.Bidirectional(
                keras.layers.LSTM(hidden, return_sequences=True, input_shape=(None, features))),
            keras.layers.Bidirectional(
                keras.layers.LSTM(hidden, return_sequences=True, input_shape=(None, 2 * hidden)))])

    def call(self, x):
        out = self.lstm(x)
        gated = self.gru(out)
        deep = self.stacked(x)
        wide = self.both_ways(x)
        both = self.deep_both(x)
        return (gated + self.last(x)[:, None] + self.inferred(x) + deep + wide[:, :, :1]
                + both[:, :, :1])
