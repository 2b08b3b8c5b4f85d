using KerasSharp.Layers;

#pragma warning disable CS8981 // lower-case names, as TFLearn's modules
namespace KerasSharp.TFLearn;

public static partial class tflearn
{
    // Every layer the facade made, by its (process-unique) name: TFLearn's LAYER_VARIABLES collections.
    static readonly Dictionary<string, WeakReference<Layer>> layersByName = new(StringComparer.Ordinal);

    static Layer Register(Layer layer)
    {
        lock (layersByName) layersByName[layer.name] = new WeakReference<Layer>(layer);
        return layer;
    }

    /// <summary>
    /// <c>tflearn.variables</c>: a layer's variables by the layer's name, and a variable's value.
    /// The variables are KerasSharp <see cref="Weight"/>s; their values live in the network, so no
    /// session is needed (TFLearn's <c>with model.session.as_default():</c> has no counterpart).
    /// </summary>
    public static class variables
    {
        /// <summary>
        /// TFLearn's get_layer_variables_by_name: the variables of the layer named
        /// <paramref name="name"/> (its <c>name:</c>, made unique in the process as TFLearn's scopes
        /// are: a second "dense1" is "dense1_1"), in TFLearn's order (W, then b). A name no layer
        /// has gives an empty list, as TFLearn's empty collection.
        /// </summary>
        public static IReadOnlyList<Weight> get_layer_variables_by_name(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            lock (layersByName)
                return layersByName.TryGetValue(name, out var r) && r.TryGetTarget(out var layer) ? layer.variables.ToList() : new List<Weight>();
        }

        /// <summary>TFLearn's shortcut <c>get_layer_variables = get_layer_variables_by_name</c>.</summary>
        public static IReadOnlyList<Weight> get_layer_variables(string name) => get_layer_variables_by_name(name);

        /// <summary>TFLearn's get_value: the variable's current value (a copy), printed as numpy prints it.</summary>
        public static TFLearnArray get_value(Weight var)
        {
            ArgumentNullException.ThrowIfNull(var);
            return TFLearnArray.From(var.ToKeras());
        }

        /// <summary>TFLearn's set_value: assigns a value of the variable's shape (an array, NDArray, tensor or TFLearnArray).</summary>
        public static void set_value(Weight var, object value)
        {
            ArgumentNullException.ThrowIfNull(var);
            ArgumentNullException.ThrowIfNull(value);
            var t = value is TFLearnArray a ? a.ToTensor() : Utils.Arrays.ToTensor(value, "value");
            if (!t.shape.SequenceEqual(var.shape))
                throw new ArgumentException($"set_value: variable '{var.path}' has shape {Utils.Shapes.Format(var.shape)}, received a value of shape {Utils.Shapes.Format(t.shape)}.");
            var.Assign(t.to(TorchSharp.torch.float32));
        }
    }

    /// <summary>TFLearn's top-level <c>tflearn.get_layer_variables_by_name</c>.</summary>
    public static IReadOnlyList<Weight> get_layer_variables_by_name(string name) => variables.get_layer_variables_by_name(name);
}
