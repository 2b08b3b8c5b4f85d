// TFLearn examples/images/alexnet.py, ported line for line (see README.md).
//
// Oxford's 17 Category Flower Dataset cannot be downloaded on these machines: oxflower17 below makes a
// synthetic stand-in of the same form (17 classes, 80 pictures each, one-hot labels, resized pictures),
// where each class is a colour and a stripe direction under noise. --quick resizes pictures to 32×32 and keeps 8 per class.
using KerasSharp.TFLearn;
using static KerasSharp.TFLearn.tflearn;
using TorchSharp;

namespace Ported;

public static class alexnet
{
    public static Result Run(Options run)
    {
        string dir = Gallery.WorkDir("alexnet");
        int side = run.Quick ? 32 : 227;
        var (X, Y) = oxflower17.load_data(one_hot: true, resize_pics: (side, side), per_class: run.Quick ? 8 : 80);

        // Building 'AlexNet'
        var network = input_data(shape: [null, side, side, 3]);
        network = conv_2d(network, 96, 11, strides: 4, activation: "relu");
        network = max_pool_2d(network, 3, strides: 2);
        network = local_response_normalization(network);
        network = conv_2d(network, 256, 5, activation: "relu");
        network = max_pool_2d(network, 3, strides: 2);
        network = local_response_normalization(network);
        network = conv_2d(network, 384, 3, activation: "relu");
        network = conv_2d(network, 384, 3, activation: "relu");
        network = conv_2d(network, 256, 3, activation: "relu");
        network = max_pool_2d(network, 3, strides: 2);
        network = local_response_normalization(network);
        network = fully_connected(network, 4096, activation: "tanh");
        network = dropout(network, 0.5);
        network = fully_connected(network, 4096, activation: "tanh");
        network = dropout(network, 0.5);
        network = fully_connected(network, 17, activation: "softmax");
        network = regression(network, optimizer: "momentum", loss: "categorical_crossentropy", learning_rate: 0.001);

        // Training
        using var model = tflearn.DNN(network, checkpoint_path: Path.Combine(dir, "model_alexnet"), max_checkpoints: 1, tensorboard_verbose: 2);
        var before = Gallery.CrossEntropy(model, X, Y);
        model.fit(X, Y, n_epoch: run.Int("--epochs", run.Quick ? 4 : 1000), validation_set: 0.1, shuffle: true,
                  show_metric: true, batch_size: 64, snapshot_step: 200,
                  snapshot_epoch: false, run_id: "alexnet_oxflowers17");

        // The port's check: the cross-entropy on the pictures fell during training (before minus after).
        var after = Gallery.CrossEntropy(model, X, Y);
        Console.WriteLine($"Cross-entropy on the pictures: {before:0.0000} before training, {after:0.0000} after");
        return new Result("cross-entropy drop", before - after, Floor: 0.0001);
    }
}

/// <summary>A synthetic stand-in for tflearn.datasets.oxflower17 (not downloadable here).</summary>
public static class oxflower17
{
    public static (torch.Tensor X, torch.Tensor Y) load_data(bool one_hot, (int h, int w) resize_pics, int per_class = 80)
    {
        const int classes = 17;
        var gen = new torch.Generator(17);
        int n = classes * per_class, h = resize_pics.h, w = resize_pics.w;
        var label = torch.arange(classes, dtype: torch.int64).repeat_interleave(per_class);
        var k = label.to(torch.float32).view(n, 1, 1);
        var yy = torch.linspace(0, 1, h).view(1, h, 1);
        var xx = torch.linspace(0, 1, w).view(1, 1, w);
        var angle = k * (MathF.PI / classes);
        var stripes = torch.sin(12f * (xx * torch.cos(angle) + yy * torch.sin(angle)));                 // [n, h, w]
        var hue = torch.stack([torch.cos(k * 0.37f), torch.cos(k * 0.37f + 2.1f), torch.cos(k * 0.37f + 4.2f)], dim: -1); // [n, 1, 1, 3]
        var X = 0.5f + 0.25f * hue * stripes.unsqueeze(-1) + 0.2f * torch.randn(new long[] { n, h, w, 3 }, generator: gen);
        X = X.clamp(0, 1);
        Console.WriteLine($"oxflower17: {n} synthetic pictures of {h}×{w} in {classes} classes (Oxford's 17 flowers cannot be downloaded here)");
        return (X, one_hot ? torch.nn.functional.one_hot(label, classes).to(torch.float32) : label);
    }
}
