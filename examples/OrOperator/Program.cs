// The article's first program, ported line for line from TFLearn: a single sigmoid unit learns OR.
// Usage: dotnet run --project examples/OrOperator [-- --epochs N --seed S]
using KerasSharp;
using KerasSharp.TFLearn;

int epochs = Option("--epochs", 2000);
keras.utils.set_random_seed(Option("--seed", 1));

// Logical OR operator
float[][] X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
float[][] Y_truth = [[0f], [1f], [1f], [1f]];

// Graph definition
var g = tflearn.input_data(shape: [null, 2]);
g = tflearn.fully_connected(g, 1, activation: "sigmoid");
g = tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square");

// Model training
var m = tflearn.DNN(g);
m.fit(X, Y_truth, n_epoch: epochs, snapshot_epoch: false);

// Test model
Console.WriteLine("Testing OR operator");
Console.WriteLine("0 or 0: " + m.predict([[0f, 0f]]));
Console.WriteLine("0 or 1: " + m.predict([[0f, 1f]]));
Console.WriteLine("1 or 0: " + m.predict([[1f, 0f]]));
Console.WriteLine("1 or 1: " + m.predict([[1f, 1f]]));

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
