// TFLearn's examples/images/convnet_cifar10.py, ported line for line.
//
//   dotnet run -c Release --project examples/Cifar10Convnet [-- --epochs N --limit N --dataset cifar10|fashion-mnist]
//
// --dataset fashion-mnist runs the same network shape on 28×28×1 images, so the example runs on
// real data on a machine without CIFAR-10 (apt-get install dataset-fashion-mnist).
// --augmentation full|flip|none: the original's flips and 25° rotations (default), flips only, or none.
// Prints epochs per minute and images per second at the end.
using KerasSharp;
using KerasSharp.TFLearn;
using static KerasSharp.TFLearn.tflearn;
using TorchSharp;

int epochs = Arg("--epochs", 50);
int limit = Arg("--limit", 0);
string dataset = Text("--dataset", "cifar10");
string augmentation = Text("--augmentation", "full"); // full (the original: flips and rotations), flip, none
keras.utils.set_random_seed(Arg("--seed", 1));

// Data loading and preprocessing
((torch.Tensor, torch.Tensor), (torch.Tensor, torch.Tensor)) data;
try
{
    data = dataset switch
    {
        "cifar10" => datasets.cifar10.load_data(),
        "fashion-mnist" => FashionAsImages(),
        _ => throw new ArgumentException($"Unknown --dataset '{dataset}'. Known datasets: cifar10, fashion-mnist."),
    };
}
catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
{
    // A missing or corrupt dataset is a message, not a stack trace.
    Console.Error.WriteLine(e.Message);
    if (dataset == "cifar10") Console.Error.WriteLine("Without CIFAR-10, the same network runs on Fashion-MNIST: --dataset fashion-mnist (apt-get install dataset-fashion-mnist).");
    return 1;
}
var ((X, Y), (X_test, Y_test)) = data;
if (limit > 0) { X = X[..limit]; Y = Y[..limit]; }
(X, Y) = data_utils.shuffle(X, Y);
Y = data_utils.to_categorical(Y, 10);
Y_test = data_utils.to_categorical(Y_test, 10);

// Real-time data preprocessing
var img_prep = new ImagePreprocessing();
img_prep.add_featurewise_zero_center();
img_prep.add_featurewise_stdnorm();

// Real-time data augmentation
var img_aug = new ImageAugmentation();
if (augmentation != "none") img_aug.add_random_flip_leftright();
if (augmentation == "full") img_aug.add_random_rotation(max_angle: 25.0);

// Convolutional network building
int side = (int)X.shape[1], channels = (int)X.shape[3];
var network = input_data(shape: [null, side, side, channels], data_preprocessing: img_prep, data_augmentation: img_aug);
network = conv_2d(network, 32, 3, activation: "relu");
network = max_pool_2d(network, 2);
network = conv_2d(network, 64, 3, activation: "relu");
network = conv_2d(network, 64, 3, activation: "relu");
network = max_pool_2d(network, 2);
network = fully_connected(network, 512, activation: "relu");
network = dropout(network, 0.5);
network = fully_connected(network, 10, activation: "softmax");
network = regression(network, optimizer: "adam", loss: "categorical_crossentropy", learning_rate: 0.001);

// Train using classifier
var model = tflearn.DNN(network, tensorboard_verbose: 0, tensorboard_dir: Path.Combine(KerasSharp.TensorBoard.LogRoot.Find(), "tflearn"));
var clock = System.Diagnostics.Stopwatch.StartNew();
model.fit(X, Y, n_epoch: epochs, shuffle: true, validation_set: (X_test, Y_test), show_metric: true, batch_size: 96, run_id: "cifar10_cnn");
clock.Stop();
Console.WriteLine($"Training: {epochs} epochs in {clock.Elapsed.TotalMinutes:0.0} min = {epochs / clock.Elapsed.TotalMinutes:0.00} epochs/min, {X.shape[0] * (double)epochs / clock.Elapsed.TotalSeconds:0} images/s (including validation on {X_test.shape[0]} images each epoch)");

Console.WriteLine($"Test accuracy: {model.evaluate(X_test, Y_test)[0]:0.0000}");
Console.WriteLine($"TensorBoard run: {model.LastSummaries?.RunDirectory}");
Console.WriteLine($"  tensorboard --logdir {KerasSharp.TensorBoard.LogRoot.Find()}");
return 0;

static ((torch.Tensor, torch.Tensor), (torch.Tensor, torch.Tensor)) FashionAsImages()
{
    var (x, y, tx, ty) = datasets.fashion_mnist.load_data();
    return ((x.view(-1, 28, 28, 1), y), (tx.view(-1, 28, 28, 1), ty));
}

int Arg(string name, int fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback; }
string Text(string name, string fallback) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback; }
