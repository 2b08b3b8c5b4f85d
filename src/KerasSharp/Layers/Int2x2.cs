namespace KerasSharp.Layers;

/// <summary>
/// The amounts ZeroPadding2D and Cropping2D take, in the three forms Keras accepts: one number for
/// every side (<c>padding: 1</c>), one number per dimension used on both of its sides
/// (<c>padding: (1, 2)</c>: 1 row above and below, 2 columns left and right), or
/// <c>((top, bottom), (left, right))</c>.
/// </summary>
public readonly record struct Int2x2((int, int) Item1, (int, int) Item2)
{
    /// <summary>The same amount on all four sides.</summary>
    public static implicit operator Int2x2(int v) => new((v, v), (v, v));
    /// <summary>(rows, columns): each used on both sides of its dimension.</summary>
    public static implicit operator Int2x2((int, int) t) => new((t.Item1, t.Item1), (t.Item2, t.Item2));
    /// <summary>((top, bottom), (left, right)).</summary>
    public static implicit operator Int2x2(((int, int), (int, int)) t) => new(t.Item1, t.Item2);

    /// <summary>Keras's tuple form, "((1, 1), (2, 2))".</summary>
    public override string ToString() => $"(({Item1.Item1}, {Item1.Item2}), ({Item2.Item1}, {Item2.Item2}))";

    /// <summary>Every amount must be non-negative.</summary>
    internal Int2x2 Check(string argument)
    {
        if (Item1.Item1 < 0 || Item1.Item2 < 0 || Item2.Item1 < 0 || Item2.Item2 < 0)
            throw new ArgumentException($"`{argument}` should have two elements, each a tuple of 2 non-negative integers. Received: {argument}={this}.");
        return this;
    }

    /// <summary>[[top, bottom], [left, right]], as Keras's get_config writes it.</summary>
    internal int[][] ToConfig() => new[] { new[] { Item1.Item1, Item1.Item2 }, new[] { Item2.Item1, Item2.Item2 } };
}
