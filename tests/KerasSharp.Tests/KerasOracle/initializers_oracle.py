"""Writes KerasInitializersOracle.cs: what the real Keras 3.15.1 gives for its initializers.

- Statistics (mean, standard deviation, min, max) of one large sample of each random initializer,
  built from the serialized config listed here. KerasSharp draws its own sample (the generators
  differ) and compares the statistics, within 2% (KerasInitializersTests).
- keras.initializers.serialize(...) of one instance of each class, as JSON.
- The names keras.initializers.get accepts.

Run from the repository root:
    ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/initializers_oracle.py
"""
import json
import os
import sys

sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import numpy as np
import keras
from keras import initializers as I
from keras.src import initializers as I_src

assert keras.__version__ == "3.15.1", keras.__version__

WIDE = (200, 500)          # fan_in 200 != fan_out 500: every mode gives another spread
CONV = (3, 3, 64, 128)     # receptive field 9: fan_in 576, fan_out 1152
AXES = (32, 40, 16)        # with input_axes [0], output_axes [1, 2]: fan_in 32, fan_out 640

stat_cases = []  # (label, config json, shape, mean, std, min, max, bounded)


def stats(label, init, shape, bounded):
    v = np.asarray(keras.ops.convert_to_numpy(init(shape)), dtype=np.float64)
    assert v.shape == shape
    cfg = json.dumps(I.serialize(init))
    stat_cases.append((label, cfg, shape, v.mean(), v.std(), v.min(), v.max(), bounded))


stats("RandomNormal()", I.RandomNormal(seed=1), WIDE, False)
stats("RandomNormal(mean=1.0, stddev=2.0)", I.RandomNormal(mean=1.0, stddev=2.0, seed=1), WIDE, False)
stats("RandomUniform()", I.RandomUniform(seed=1), WIDE, True)
stats("RandomUniform(minval=-1.0, maxval=3.0)", I.RandomUniform(minval=-1.0, maxval=3.0, seed=1), WIDE, True)
stats("TruncatedNormal()", I.TruncatedNormal(seed=1), WIDE, True)
stats("TruncatedNormal(mean=0.5, stddev=0.02)", I.TruncatedNormal(mean=0.5, stddev=0.02, seed=1), WIDE, True)
stats("TruncatedNormal(stddev=0.02) (TFLearn's default)", I.TruncatedNormal(stddev=0.02, seed=1), CONV, True)
for mode in ("fan_in", "fan_out", "fan_avg"):
    for dist in ("truncated_normal", "untruncated_normal", "uniform"):
        init = I.VarianceScaling(scale=1.5, mode=mode, distribution=dist, seed=1)
        stats(f"VarianceScaling(scale=1.5, mode={mode}, distribution={dist})", init, WIDE, dist != "untruncated_normal")
stats("VarianceScaling(distribution=normal) is truncated_normal", I.VarianceScaling(distribution="normal", seed=1), WIDE, True)
stats("VarianceScaling(mode=fan_out) on a conv kernel", I.VarianceScaling(mode="fan_out", seed=1), CONV, True)
stats("VarianceScaling(scale=2.0, input_axes=[0], output_axes=[1, 2])",
      I.VarianceScaling(scale=2.0, seed=1, input_axes=[0], output_axes=[1, 2]), AXES, True)
stats("VarianceScaling(scale=2.0, mode=fan_out, input_axes=[0], output_axes=[1, 2])",
      I.VarianceScaling(scale=2.0, mode="fan_out", seed=1, input_axes=[0], output_axes=[1, 2]), AXES, True)
for cls in (I.GlorotUniform, I.GlorotNormal, I.HeUniform, I.HeNormal, I.LecunUniform, I.LecunNormal):
    stats(f"{cls.__name__}()", cls(seed=1), WIDE, True)
    stats(f"{cls.__name__}() on a conv kernel", cls(seed=1), CONV, True)
stats("HeNormal() on a 784x256 Dense kernel", I.HeNormal(seed=1), (784, 256), True)
stats("Orthogonal(gain=2.0)", I.Orthogonal(gain=2.0, seed=1), (300, 200), False)
stats("Orthogonal() on a conv kernel", I.Orthogonal(seed=1), (3, 3, 16, 32), False)

serialized = []  # (label, json)


def ser(label, init):
    serialized.append((label, json.dumps(I.serialize(init))))


ser("RandomNormal(mean=1.0, stddev=2.0, seed=1234)", I.RandomNormal(mean=1.0, stddev=2.0, seed=1234))
ser("RandomNormal()", I.RandomNormal())
ser("RandomUniform(minval=-1.0, maxval=1.0, seed=1234)", I.RandomUniform(minval=-1.0, maxval=1.0, seed=1234))
ser("TruncatedNormal(mean=0.0, stddev=0.02)", I.TruncatedNormal(mean=0.0, stddev=0.02))
ser("VarianceScaling()", I.VarianceScaling())
ser("VarianceScaling(scale=2.0, mode=fan_out, distribution=uniform, seed=7, input_axes=[0], output_axes=[1, 2])",
    I.VarianceScaling(scale=2.0, mode="fan_out", distribution="uniform", seed=7, input_axes=[0], output_axes=[1, 2]))
ser("VarianceScaling(distribution=Normal)", I.VarianceScaling(distribution="Normal"))
for cls in (I.GlorotUniform, I.GlorotNormal, I.HeUniform, I.HeNormal, I.LecunUniform, I.LecunNormal):
    ser(f"{cls.__name__}(seed=1234)", cls(seed=1234))
ser("Orthogonal(gain=2.0, seed=1234)", I.Orthogonal(gain=2.0, seed=1234))
ser("Zeros()", I.Zeros())
ser("Ones()", I.Ones())
ser("Constant(value=6.0)", I.Constant(value=6.0))
ser("Constant(value=np.array([[1.5, 2.0, -3.0]]))", I.Constant(value=np.array([[1.5, 2.0, -3.0]])))
ser("Constant(value=np.array([1.0, 2.0], dtype=float32))", I.Constant(value=np.array([1.0, 2.0], dtype="float32")))
ser("Identity(gain=2.0)", I.Identity(gain=2.0))
# Keras 3.15.1 writes {} for Identity, and reads {"gain": 2.0} back with that gain:
identity_gain_read = I.deserialize({"class_name": "Identity", "config": {"gain": 2.0}}).gain

names = sorted(n for n in I_src.ALL_OBJECTS_DICT if n not in ("Initializer", "initializer", "STFT", "stft", "STFTInitializer"))


def class_of(n):
    try:
        return type(I.get(n)).__name__
    except Exception:  # Keras 3.15.1: get("constant") raises KeyError('value')
        return None


classes = [class_of(n) for n in names]


def d(v):
    return repr(float(v))


def s(v):
    return json.dumps(v)


out = [
    "// <auto-generated> by tests/KerasSharp.Tests/KerasOracle/initializers_oracle.py with Keras 3.15.1:",
    "//   ../shared/tools/keras3/kpython tests/KerasSharp.Tests/KerasOracle/initializers_oracle.py",
    "// Do not edit by hand. </auto-generated>",
    "#nullable enable",
    "namespace KerasSharp.Tests.KerasOracle;",
    "",
    "/// <summary>What Keras 3.15.1 gives for its initializers: sample statistics, serialized configs, names.</summary>",
    "internal static class KerasInitializersOracle",
    "{",
    "    /// <summary>Statistics of one sample of each initializer (built from Config) on Shape.</summary>",
    "    public static readonly InitializerStats[] Stats =",
    "    {",
]
for label, cfg, shape, mean, std, lo, hi, bounded in stat_cases:
    out.append("        new(%s, %s, new long[] { %s }, %s, %s, %s, %s, %s)," % (
        s(label), s(cfg), ", ".join(map(str, shape)), d(mean), d(std), d(lo), d(hi), "true" if bounded else "false"))
out += ["    };", "",
        "    /// <summary>keras.initializers.serialize(...) of one instance of each class, as JSON.</summary>",
        "    public static readonly (string Label, string Json)[] Serialized =",
        "    {"]
for label, js in serialized:
    out.append("        (%s, %s)," % (s(label), s(js)))
out += ["    };", "",
        "    /// <summary>The gain Keras 3.15.1 reads back from {\"class_name\": \"Identity\", \"config\": {\"gain\": 2.0}}.</summary>",
        "    public const double IdentityGainRead = %s;" % d(identity_gain_read), "",
        "    /// <summary>The names keras.initializers.get accepts (ALL_OBJECTS_DICT, without the abstract Initializer and STFT).</summary>",
        "    public static readonly string[] Names = { %s };" % ", ".join(s(n) for n in names), "",
        "    /// <summary>The class of keras.initializers.get(name) for each of Names (null: Keras raises).</summary>",
        "    public static readonly string?[] Classes = { %s };" % ", ".join("null" if c is None else s(c) for c in classes),
        "}", "",
        "/// <summary>Keras's sample statistics for one initializer config and shape; Bounded when min and max are the distribution's bounds.</summary>",
        "internal sealed record InitializerStats(string Label, string Config, long[] Shape, double Mean, double Std, double Min, double Max, bool Bounded);",
        ""]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "KerasInitializersOracle.cs")
with open(path, "w") as f:
    f.write("\n".join(out))
print(f"{len(stat_cases)} stats, {len(serialized)} serialized, {len(names)} names -> {path}")
