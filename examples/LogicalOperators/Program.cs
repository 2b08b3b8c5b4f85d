// TFLearn's examples/basics/logical.py, ported line for line: NOT, OR, AND with 128-128 hidden
// layers, and XOR as a NAND branch times an OR branch (two regressions, merged with elemwise_mul).
//   dotnet run --project examples/LogicalOperators
using KerasSharp;
using KerasSharp.TFLearn;

keras.utils.set_random_seed(args.Length == 2 && args[0] == "--seed" ? int.Parse(args[1]) : 1);
string logs = Path.Combine(KerasSharp.TensorBoard.LogRoot.Find(), "logical-operators"); // the repository's tensorboard-logs/

// Logical NOT operator
float[][] X = [[0f], [1f]];
float[][] Y = [[1f], [0f]];

// Graph definition
{
    var g = tflearn.input_data(shape: [null, 1]);
    g = tflearn.fully_connected(g, 128, activation: "linear");
    g = tflearn.fully_connected(g, 128, activation: "linear");
    g = tflearn.fully_connected(g, 1, activation: "sigmoid");
    g = tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square");

    // Model training
    var m = tflearn.DNN(g, tensorboard_dir: logs);
    m.fit(X, Y, n_epoch: 100, snapshot_epoch: false);

    // Test model
    Console.WriteLine("Testing NOT operator");
    Console.WriteLine("NOT 0:" + m.predict([[0f]]));
    Console.WriteLine("NOT 1:" + m.predict([[1f]]));
}

// Logical OR operator
X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
Y = [[0f], [1f], [1f], [1f]];

// Graph definition
{
    var g = tflearn.input_data(shape: [null, 2]);
    g = tflearn.fully_connected(g, 128, activation: "linear");
    g = tflearn.fully_connected(g, 128, activation: "linear");
    g = tflearn.fully_connected(g, 1, activation: "sigmoid");
    g = tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square");

    // Model training
    var m = tflearn.DNN(g, tensorboard_dir: logs);
    m.fit(X, Y, n_epoch: 100, snapshot_epoch: false);

    // Test model
    Console.WriteLine("Testing OR operator");
    Console.WriteLine("0 or 0:" + m.predict([[0f, 0f]]));
    Console.WriteLine("0 or 1:" + m.predict([[0f, 1f]]));
    Console.WriteLine("1 or 0:" + m.predict([[1f, 0f]]));
    Console.WriteLine("1 or 1:" + m.predict([[1f, 1f]]));
}

// Logical AND operator
X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
Y = [[0f], [0f], [0f], [1f]];

// Graph definition
{
    var g = tflearn.input_data(shape: [null, 2]);
    g = tflearn.fully_connected(g, 128, activation: "linear");
    g = tflearn.fully_connected(g, 128, activation: "linear");
    g = tflearn.fully_connected(g, 1, activation: "sigmoid");
    g = tflearn.regression(g, optimizer: "sgd", learning_rate: 2.0, loss: "mean_square");

    // Model training
    var m = tflearn.DNN(g, tensorboard_dir: logs);
    m.fit(X, Y, n_epoch: 100, snapshot_epoch: false);

    // Test model
    Console.WriteLine("Testing AND operator");
    Console.WriteLine("0 and 0:" + m.predict([[0f, 0f]]));
    Console.WriteLine("0 and 1:" + m.predict([[0f, 1f]]));
    Console.WriteLine("1 and 0:" + m.predict([[1f, 0f]]));
    Console.WriteLine("1 and 1:" + m.predict([[1f, 1f]]));
}

// Logical XOR operator (NAND x OR): two optimizers, one per branch
X = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
float[][] Y_nand = [[1f], [1f], [1f], [0f]];
float[][] Y_or = [[0f], [1f], [1f], [1f]];

// Graph definition
{
    // Input data
    var g = tflearn.input_data(shape: [null, 2]);

    // Nand operator definition
    var g_nand = tflearn.fully_connected(g, 32, activation: "linear");
    g_nand = tflearn.fully_connected(g_nand, 32, activation: "linear");
    g_nand = tflearn.fully_connected(g_nand, 1, activation: "sigmoid");
    g_nand = tflearn.regression(g_nand, optimizer: "sgd", learning_rate: 2.0, loss: "binary_crossentropy");

    // Or operator definition
    var g_or = tflearn.fully_connected(g, 32, activation: "linear");
    g_or = tflearn.fully_connected(g_or, 32, activation: "linear");
    g_or = tflearn.fully_connected(g_or, 1, activation: "sigmoid");
    g_or = tflearn.regression(g_or, optimizer: "sgd", learning_rate: 2.0, loss: "binary_crossentropy");

    // XOR merging Nand and Or operators
    var g_xor = tflearn.merge([g_nand, g_or], mode: "elemwise_mul");

    // Training
    var m = tflearn.DNN(g_xor, tensorboard_dir: logs);
    m.fit(X, new object[] { Y_nand, Y_or }, n_epoch: 400, snapshot_epoch: false);

    // Testing
    Console.WriteLine("Testing XOR operator");
    Console.WriteLine("0 xor 0:" + m.predict([[0f, 0f]]));
    Console.WriteLine("0 xor 1:" + m.predict([[0f, 1f]]));
    Console.WriteLine("1 xor 0:" + m.predict([[1f, 0f]]));
    Console.WriteLine("1 xor 1:" + m.predict([[1f, 1f]]));
    Console.WriteLine($"TensorBoard runs in {m.tensorboard_dir}\n  tensorboard --logdir {m.tensorboard_dir}");
}
