// TFLearn examples/basics/linear_regression.py, ported line for line (see README.md).
using KerasSharp.TFLearn;

namespace Ported;

public static class linear_regression
{
    public static Result Run(Options run)
    {
        // Regression data
        float[] X = [3.3f, 4.4f, 5.5f, 6.71f, 6.93f, 4.168f, 9.779f, 6.182f, 7.59f, 2.167f, 7.042f, 10.791f, 5.313f, 7.997f, 5.654f, 9.27f, 3.1f];
        float[] Y = [1.7f, 2.76f, 2.09f, 3.19f, 1.694f, 1.573f, 3.366f, 2.596f, 2.53f, 1.221f, 2.827f, 3.465f, 1.65f, 2.904f, 2.42f, 2.94f, 1.3f];

        // Linear Regression graph
        var input_ = tflearn.input_data(shape: [null]);
        var linear = tflearn.single_unit(input_);
        var regression = tflearn.regression(linear, optimizer: "sgd", loss: "mean_square", metric: "R2", learning_rate: 0.01);
        using var m = tflearn.DNN(regression);
        m.fit(X, Y, n_epoch: 1000, show_metric: true, snapshot_epoch: false);

        Console.WriteLine("\nRegression result:");
        Console.WriteLine("Y = " + m.get_weights(linear.W!) + "*X + " + m.get_weights(linear.b!));

        Console.WriteLine("\nTest prediction for x = 3.2, 3.3, 3.4:");
        var p = m.predict([3.2f, 3.3f, 3.4f]);
        Console.WriteLine(p);
        // should output (close, not exact) y = [1.5315033197402954, 1.5585315227508545, 1.5855598449707031]

        // The port's check: R² of the fitted line on the data (TFLearn's R2 metric, over all 17 points).
        return new Result("R2", m.evaluate(X, Y, batch_size: X.Length)[0], Floor: 0.60);
    }
}
