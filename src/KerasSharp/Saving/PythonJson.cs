using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KerasSharp.Saving;

/// <summary>
/// JSON as Python's json.dumps writes Keras configs: a float stays a float ("0.0", not "0"), since
/// Keras checks types when it rebuilds objects (SGD refuses a momentum of int 0: "`momentum` must
/// be a float between [0, 1]"). Non-finite numbers are written as Python writes them (NaN, Infinity).
/// </summary>
public static class PythonJson
{
    sealed class DoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();
        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsNaN(value)) writer.WriteRawValue("NaN", skipInputValidation: true);
            else if (double.IsInfinity(value)) writer.WriteRawValue(value > 0 ? "Infinity" : "-Infinity", skipInputValidation: true);
            else if (value == Math.Floor(value) && Math.Abs(value) < 1e16) writer.WriteRawValue(value.ToString("0", CultureInfo.InvariantCulture) + ".0");
            else writer.WriteNumberValue(value);
        }
    }

    sealed class SingleConverter : JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetSingle();
        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) => new DoubleConverter().Write(writer, value, options);
    }

    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new() { Converters = { new DoubleConverter(), new SingleConverter() } };

    /// <summary>The value as Python's json.dumps writes it.</summary>
    public static string Serialize(object? value) => JsonSerializer.Serialize(value, Options);
}
