// The truth tables of OR, AND, NOT and XOR, each learned by a small Keras network.
// Usage: dotnet run --project examples/KerasLogic [-- --seed N]
using KerasSharp;

int seed = args.Length == 2 && args[0] == "--seed" ? int.Parse(args[1]) : 1;
keras.utils.set_random_seed(seed);

float[,] X2 = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
Learn("or", X2, new float[,] { { 0 }, { 1 }, { 1 }, { 1 } }, hidden: 0);
Learn("and", X2, new float[,] { { 0 }, { 0 }, { 0 }, { 1 } }, hidden: 0);
Learn("xor", X2, new float[,] { { 0 }, { 1 }, { 1 }, { 0 } }, hidden: 8);
Learn("not", new float[,] { { 0 }, { 1 } }, new float[,] { { 1 }, { 0 } }, hidden: 0);

static void Learn(string op, float[,] x, float[,] y, int hidden)
{
    int inputs = x.GetLength(1);
    var model = keras.Sequential(keras.Input(shape: new[] { inputs }));
    if (hidden > 0) model.add(keras.layers.Dense(hidden, activation: "tanh"));
    model.add(keras.layers.Dense(1, activation: "sigmoid"));
    model.compile(optimizer: keras.optimizers.SGD(learning_rate: hidden > 0 ? 0.5 : 2.0), loss: "mean_squared_error");
    var tb = keras.callbacks.TensorBoard(log_dir: Path.Combine(KerasSharp.TensorBoard.LogRoot.Find(), "keras-logic", $"{op}-{DateTime.Now:yyyyMMdd-HHmmss}"));
    model.fit(x, y, epochs: hidden > 0 ? 3000 : 2000, batch_size: 64, verbose: 0, callbacks: new[] { tb });

    Console.WriteLine($"Testing {op.ToUpperInvariant()} operator" + (hidden > 0 ? $" (one hidden layer of {hidden})" : ""));
    for (int i = 0; i < x.GetLength(0); i++)
    {
        var row = new float[1, inputs];
        for (int j = 0; j < inputs; j++) row[0, j] = x[i, j];
        var p = model.predict(row).GetValue<float>(0, 0);
        string label = inputs == 1 ? $"{op} {x[i, 0]}" : $"{x[i, 0]} {op} {x[i, 1]}";
        Console.WriteLine($"{label}: [[{p:0.########}]]");
    }
    Console.WriteLine($"TensorBoard run: {tb.RunDirectory}   (tensorboard --logdir {KerasSharp.TensorBoard.LogRoot.Find()})");
}
