using KerasSharp.Metrics;
using TorchSharp;
using Xunit;
using static KerasSharp.Tests.KerasAssert;
using static TorchSharp.torch;

namespace KerasSharp.Tests;

/// <summary>
/// Keras 3.15.1's keras/src/metrics/accuracy_metrics_test.py, ported with Keras's numbers and
/// tolerances; test names are <c>{Keras test class}_{Keras test}</c>.
/// </summary>
public class AccuracyMetricTests
{
    static void ConfigRoundTrip<T>(T m, Func<Dictionary<string, object?>, T> fromConfig, string name) where T : Metric
    {
        Assert.Equal(name, m.name);
        Assert.Equal(2, m.variables.Count);
        Assert.Equal("float32", m.dtype);
        var config = m.get_config();
        Assert.Equal(name, config["name"]);
        Assert.Equal("float32", config["dtype"]);
        var m2 = fromConfig(config);
        Assert.Equal(name, m2.name);
        Assert.Equal(2, m2.variables.Count);
        Assert.Equal("float32", m2.dtype);
    }

    static Tensor Col(params long[] v) => I(v).reshape(-1, 1);
    static Tensor ColF(params double[] v) => F(v).reshape(-1, 1);

    [Fact] public void AccuracyTest_test_config() => ConfigRoundTrip(new Accuracy(name: "accuracy", dtype: "float32"), c => Accuracy.from_config(c), "accuracy");

    [Fact]
    public void AccuracyTest_test_unweighted()
    {
        var m = new Accuracy(name: "accuracy", dtype: "float32");
        m.update_state(Col(1, 2, 3, 4), Col(0, 2, 3, 4));
        AllClose(0.75, m.result(), atol: 1e-3);
    }

    [Fact]
    public void AccuracyTest_test_weighted()
    {
        var m = new Accuracy(name: "accuracy", dtype: "float32");
        m.update_state(Col(1, 2, 3, 4), Col(0, 2, 3, 4), sample_weight: I(1, 1, 0, 0));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void AccuracyTest_test_weighted_rank_1()
    {
        var m = new Accuracy(name: "accuracy", dtype: "float32");
        m.update_state(I(1, 2, 3, 4), I(0, 2, 3, 4), sample_weight: I(1, 1, 0, 0));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void AccuracyTest_test_weighted_nd_weights()
    {
        var m = new Accuracy(name: "accuracy", dtype: "float32");
        m.update_state(I(new long[,] { { 1, 2 }, { 3, 4 } }), I(new long[,] { { 0, 2 }, { 3, 4 } }), sample_weight: I(new long[,] { { 1, 0 }, { 0, 1 } }));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void AccuracyTest_test_weighted_nd_broadcast_weights()
    {
        var m = new Accuracy(name: "accuracy", dtype: "float32");
        m.update_state(I(new long[,] { { 1, 2 }, { 3, 4 } }), I(new long[,] { { 0, 2 }, { 3, 4 } }), sample_weight: I(new long[,] { { 1, 0 } }));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void BinaryAccuracyTest_test_config() =>
        ConfigRoundTrip(new BinaryAccuracy(name: "binary_accuracy", dtype: "float32"), c => BinaryAccuracy.from_config(c), "binary_accuracy");

    [Fact]
    public void BinaryAccuracyTest_test_unweighted()
    {
        var m = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32");
        m.update_state(Col(1, 1, 0, 0), ColF(0.98, 1, 0, 0.6));
        AllClose(0.75, m.result(), atol: 1e-3);
        m = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32");
        m.update_state(I(1, 1, 0, 0), ColF(0.98, 1, 0, 0.6));
        AllClose(0.75, m.result(), atol: 1e-3);
    }

    [Fact]
    public void BinaryAccuracyTest_test_weighted()
    {
        var m = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32");
        m.update_state(Col(1, 1, 0, 0), ColF(0.98, 1, 0, 0.6), sample_weight: I(1, 0, 0, 1));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void BinaryAccuracyTest_test_weighted_rank_1()
    {
        var m = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32");
        m.update_state(I(1, 1, 0, 0), F(0.98, 1, 0, 0.6), sample_weight: I(1, 0, 0, 1));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void BinaryAccuracyTest_test_weighted_nd_weights()
    {
        var m = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32");
        m.update_state(I(new long[,] { { 1, 1 }, { 0, 0 } }), F(new double[,] { { 0.98, 1 }, { 0, 0.6 } }), sample_weight: I(new long[,] { { 1, 0 }, { 0, 1 } }));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void BinaryAccuracyTest_test_weighted_nd_broadcast_weights()
    {
        var m = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32");
        m.update_state(I(new long[,] { { 1, 1 }, { 0, 0 } }), F(new double[,] { { 0.98, 1 }, { 0, 0.6 } }), sample_weight: I(new long[,] { { 1, 0 } }));
        AllClose(1.0, m.result(), atol: 1e-3);
    }

    [Fact]
    public void BinaryAccuracyTest_test_threshold()
    {
        var m1 = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32", threshold: 0.3);
        var m2 = new BinaryAccuracy(name: "binary_accuracy", dtype: "float32", threshold: 0.9);
        m1.update_state(Col(1, 1, 0, 0), ColF(0.98, 0.5, 0.1, 0.2));
        m2.update_state(Col(1, 1, 0, 0), ColF(0.98, 0.5, 0.1, 0.2));
        AllClose(1.0, m1.result());
        AllClose(0.75, m2.result());
    }

    [Fact]
    public void CategoricalAccuracyTest_test_config() =>
        ConfigRoundTrip(new CategoricalAccuracy(name: "categorical_accuracy", dtype: "float32"), c => CategoricalAccuracy.from_config(c), "categorical_accuracy");

    static Tensor CatTrue => I(new long[,] { { 0, 0, 1 }, { 0, 1, 0 } });
    static Tensor CatPred => F(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } });

    [Fact]
    public void CategoricalAccuracyTest_test_unweighted()
    {
        var m = new CategoricalAccuracy(name: "categorical_accuracy", dtype: "float32");
        m.update_state(CatTrue, CatPred);
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void CategoricalAccuracyTest_test_weighted()
    {
        var m = new CategoricalAccuracy(name: "categorical_accuracy", dtype: "float32");
        m.update_state(CatTrue, CatPred, sample_weight: F(0.7, 0.3));
        AllClose(0.3, m.result(), atol: 1e-3);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_config() =>
        ConfigRoundTrip(new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32"), c => SparseCategoricalAccuracy.from_config(c),
            "sparse_categorical_accuracy");

    static Tensor SpPred => F(new double[,] { { 0.1, 0.6, 0.3 }, { 0.05, 0.95, 0 } });

    [Fact]
    public void SparseCategoricalAccuracyTest_test_unweighted()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(Col(2, 1), SpPred);
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_weighted()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(Col(2, 1), SpPred, sample_weight: F(0.7, 0.3));
        AllClose(0.3, m.result(), atol: 1e-3);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_squeeze_y_true()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(Col(0, 1, 2), F(new double[,] { { 0.9, 0.05, 0.05 }, { 0.05, 0.9, 0.05 }, { 0.05, 0.05, 0.9 } }));
        AllClose(1.0, m.result(), atol: 1e-4);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_cast_y_pred_dtype()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(I(0, 1), F(new double[,] { { 0.9, 0.1 }, { 0.1, 0.9 } }));
        AllClose(1.0, m.result(), atol: 1e-4);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_reshape_matches()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(Col(0, 0), F(new double[,,] { { { 0.9, 0.1, 0.0 }, { 0.8, 0.15, 0.05 } } }));
        AllClose(new[] { 1.0, 1.0 }, m.result().expand(2));
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_squeeze_y_true_shape()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(Col(0, 1, 2), F(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }));
        AllClose(1.0, m.result(), atol: 1e-4);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_cast_y_pred_to_match_y_true_dtype()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(torch.tensor(new[] { 0, 1, 2 }), torch.tensor(new[,] { { 0.9, 0.1, 0.0 }, { 0.0, 0.9, 0.1 }, { 0.1, 0.0, 0.9 } }));
        AllClose(1.0, m.result(), atol: 1e-4);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_reshape_matches_to_original_y_true_shape()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(Col(0, 1), F(new double[,] { { 0.9, 0.1 }, { 0.1, 0.9 } }));
        AllClose(1.0, m.result(), atol: 1e-4);
    }

    [Fact]
    public void SparseCategoricalAccuracyTest_test_matching_shapes_without_squeeze()
    {
        var m = new SparseCategoricalAccuracy(name: "sparse_categorical_accuracy", dtype: "float32");
        m.update_state(torch.tensor(new[] { 2, 1, 0 }), F(new double[,] { { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 } }));
        AllClose(1.0, m.result(), atol: 1e-4);
    }

    static Tensor TopPred => F(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } });

    [Fact]
    public void TopKCategoricalAccuracyTest_test_config()
    {
        var m = new TopKCategoricalAccuracy(k: 1, name: "top_k_categorical_accuracy", dtype: "float32");
        ConfigRoundTrip(m, c => TopKCategoricalAccuracy.from_config(c), "top_k_categorical_accuracy");
        Assert.Equal(1, m.get_config()["k"]);
        Assert.Equal(1, TopKCategoricalAccuracy.from_config(m.get_config()).k);
    }

    [Fact]
    public void TopKCategoricalAccuracyTest_test_unweighted()
    {
        var m = new TopKCategoricalAccuracy(k: 1, name: "top_k_categorical_accuracy", dtype: "float32");
        m.update_state(CatTrue, TopPred);
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void TopKCategoricalAccuracyTest_test_weighted()
    {
        var m = new TopKCategoricalAccuracy(k: 1, name: "top_k_categorical_accuracy", dtype: "float32");
        m.update_state(CatTrue, TopPred, sample_weight: F(0.7, 0.3));
        AllClose(0.3, m.result(), atol: 1e-3);
    }

    [Fact]
    public void SparseTopKCategoricalAccuracyTest_test_config()
    {
        var m = new SparseTopKCategoricalAccuracy(k: 1, name: "sparse_top_k_categorical_accuracy", dtype: "float32");
        ConfigRoundTrip(m, c => SparseTopKCategoricalAccuracy.from_config(c), "sparse_top_k_categorical_accuracy");
        Assert.Equal(1, m.get_config()["k"]);
        var m2 = SparseTopKCategoricalAccuracy.from_config(m.get_config());
        Assert.Equal(1, m2.k);
        Assert.False(m2.from_sorted_ids);
    }

    [Fact]
    public void SparseTopKCategoricalAccuracyTest_test_config_from_sorted_ids()
    {
        var m = new SparseTopKCategoricalAccuracy(k: 1, name: "sparse_top_k_categorical_accuracy", dtype: "float32", from_sorted_ids: true);
        Assert.Equal(true, m.get_config()["from_sorted_ids"]);
        Assert.True(SparseTopKCategoricalAccuracy.from_config(m.get_config()).from_sorted_ids);
    }

    [Fact]
    public void SparseTopKCategoricalAccuracyTest_test_unweighted()
    {
        var m = new SparseTopKCategoricalAccuracy(k: 1, name: "sparse_top_k_categorical_accuracy", dtype: "float32");
        m.update_state(I(2, 1), TopPred);
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void SparseTopKCategoricalAccuracyTest_test_weighted()
    {
        var m = new SparseTopKCategoricalAccuracy(k: 1, name: "sparse_top_k_categorical_accuracy", dtype: "float32");
        m.update_state(I(2, 1), TopPred, sample_weight: F(0.7, 0.3));
        AllClose(0.3, m.result(), atol: 1e-3);
    }

    [Fact]
    public void SparseTopKCategoricalAccuracyTest_test_from_sorted_ids_unweighted()
    {
        var m = new SparseTopKCategoricalAccuracy(k: 1, name: "sparse_top_k_categorical_accuracy", dtype: "float32", from_sorted_ids: true);
        m.update_state(I(2, 1), I(new long[,] { { 1, 0, 3 }, { 1, 2, 3 } }));
        AllClose(0.5, m.result(), atol: 1e-3);
    }

    [Fact]
    public void SparseTopKCategoricalAccuracyTest_test_from_sorted_ids_weighted()
    {
        var m = new SparseTopKCategoricalAccuracy(k: 1, name: "sparse_top_k_categorical_accuracy", dtype: "float32", from_sorted_ids: true);
        m.update_state(I(2, 1), I(new long[,] { { 1, 0, 3 }, { 1, 2, 3 } }), sample_weight: F(0.7, 0.3));
        AllClose(0.3, m.result(), atol: 1e-3);
    }
}
