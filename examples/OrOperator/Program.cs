// The article's first program, ported line for line from TFLearn: a single sigmoid unit learns OR.
//
//   dotnet run --project examples/OrOperator
//
// The article ends with experiments for the reader; each is an option, so no code needs editing:
//   --epochs N                 more (or fewer) epochs                       (default 2000)
//   --no-bias                  the output unit without a bias (bias=False)
//   --activation NAME          another activation: sigmoid, tanh, relu, ... (default sigmoid)
//   --optimizer NAME           another optimizer: sgd, adam, rmsprop, momentum, adagrad, ftrl, adadelta, nesterov
//   --loss NAME                another loss: mean_square, binary_crossentropy, hinge_loss, ...
//   --operator or|and|not|xor  another truth table (XOR cannot be learned by a single unit)
//   --hidden N                 add a hidden layer of N tanh units (what XOR needs)
//   --learning-rate R          make it learn faster (or slower)              (default 2.0)
//   --seed S                   the random seed                               (default 1)
using KerasSharp;
using KerasSharp.TFLearn;

var o = new Options(args);
keras.utils.set_random_seed(o.Int("--seed", 1));
string op = o.Text("--operator", "or");
var (X, Y_truth) = TruthTable(op);

// Graph definition
var g = tflearn.input_data(shape: [null, X[0].Length]);
if (o.Int("--hidden", 0) > 0) g = tflearn.fully_connected(g, o.Int("--hidden", 0), activation: "tanh", weights_init: "xavier");
g = tflearn.fully_connected(g, 1, activation: o.Text("--activation", "sigmoid"), bias: !o.Flag("--no-bias"));
g = tflearn.regression(g, optimizer: o.Text("--optimizer", "sgd"), learning_rate: o.Double("--learning-rate", 2.0), loss: o.Text("--loss", "mean_square"));

// Model training
var m = tflearn.DNN(g, tensorboard_dir: Path.Combine(KerasSharp.TensorBoard.LogRoot.Find(), "or-operator"));
m.fit(X, Y_truth, n_epoch: o.Int("--epochs", 2000), snapshot_epoch: false);

// Test model
Console.WriteLine($"Testing {op.ToUpperInvariant()} operator");
foreach (var x in X)
    Console.WriteLine((x.Length == 1 ? $"{op} {x[0]}" : $"{x[0]} {op} {x[1]}") + ": " + m.predict([x]));

Console.WriteLine($"TensorBoard run: {m.LastSummaries?.RunDirectory}");
Console.WriteLine($"  tensorboard --logdir {m.tensorboard_dir}");

static (float[][] X, float[][] Y) TruthTable(string op) => op switch
{
    "or" => ([[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]], [[0f], [1f], [1f], [1f]]),
    "and" => ([[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]], [[0f], [0f], [0f], [1f]]),
    "xor" => ([[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]], [[0f], [1f], [1f], [0f]]),
    "not" => ([[0f], [1f]], [[1f], [0f]]),
    _ => throw new ArgumentException($"Unknown --operator '{op}'. Known operators: or, and, not, xor."),
};

sealed class Options(string[] args)
{
    static readonly string[] Known = { "--epochs", "--no-bias", "--activation", "--optimizer", "--loss", "--operator", "--hidden", "--learning-rate", "--seed" };
    readonly string[] a = Validate(args);
    static string[] Validate(string[] args)
    {
        foreach (var s in args.Where(s => s.StartsWith("--")))
            if (!Known.Contains(s)) throw new ArgumentException($"Unknown option '{s}'. Known options: {string.Join(", ", Known)}.");
        return args;
    }
    string? Value(string name) { int i = Array.IndexOf(a, name); return i >= 0 && i + 1 < a.Length ? a[i + 1] : null; }
    public bool Flag(string name) => a.Contains(name);
    public string Text(string name, string fallback) => Value(name) ?? fallback;
    public int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v) : fallback;
    public double Double(string name, double fallback) => Value(name) is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
