"""The Python peer of benchmarks/KerasSharp.Benchmarks: the same two raw loops, in PyTorch.

Usage: /usr/bin/python3 benchmarks/python/peer.py [--only or|mlp] [--repeats N]
(Debian's python3-torch, PyTorch 1.13. Its BLAS is the generic reference one, so the MLP, whose
time is matrix products, compares BLAS libraries more than languages; the OR network, whose time
is per-operation dispatch, compares the two stacks.) Same math as the C# raw loops: each epoch shuffle
(randperm + index_select), forward, Keras's loss, backward, plain SGD update, an on-device
running sum of the loss read once per epoch. Medians of N runs after a warm-up.
"""
import argparse
import gzip
import math
import os
import statistics
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--only", default="all")
p.add_argument("--repeats", type=int, default=None)
args = p.parse_args()
blas = next((part.split("=")[1] for part in torch.__config__.show().replace(",", " ").split() if part.startswith("BLAS_INFO=")), "?")
print(f"PyTorch {torch.__version__}, BLAS: {blas}")


def or_loop(steps=2000):
    torch.manual_seed(1)
    x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    y = torch.tensor([[0.], [1.], [1.], [1.]])
    w = (torch.rand(2, 1) * 2 - 1).requires_grad_()
    b = torch.zeros(1, requires_grad=True)
    t0 = time.perf_counter()
    for _ in range(steps):
        total = torch.zeros(())
        perm = torch.randperm(4)
        idx = perm[0:4]
        xb, yb = x.index_select(0, idx), y.index_select(0, idx)
        pred = torch.sigmoid(torch.addmm(b, xb, w))
        loss = torch.nn.functional.mse_loss(pred, yb)
        w.grad = None
        b.grad = None
        loss.backward()
        with torch.no_grad():
            w.add_(w.grad, alpha=-2.0)
            b.add_(b.grad, alpha=-2.0)
            total.add_(loss.detach(), alpha=4)
        total.item()
    return (time.perf_counter() - t0) / steps


def load_fashion_mnist():
    d = "/usr/share/datasets/fashion-mnist"
    with gzip.open(os.path.join(d, "train-images-idx3-ubyte.gz")) as f:
        images = f.read()[16:]
    with gzip.open(os.path.join(d, "train-labels-idx1-ubyte.gz")) as f:
        labels = f.read()[8:]
    x = torch.frombuffer(bytearray(images), dtype=torch.uint8).reshape(60000, 784).float() / 255
    y = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()
    return x, y


def mlp_loop(x, y):
    torch.manual_seed(1)

    def glorot(i, o):
        limit = math.sqrt(6.0 / (i + o))
        return (torch.rand(i, o) * (2 * limit) - limit).requires_grad_()

    ws = [glorot(784, 512), glorot(512, 512), glorot(512, 10)]
    bs = [torch.zeros(512, requires_grad=True), torch.zeros(512, requires_grad=True), torch.zeros(10, requires_grad=True)]
    params = ws + bs
    n = x.shape[0]
    t0 = time.perf_counter()
    total = torch.zeros(())
    perm = torch.randperm(n)
    for start in range(0, n, 128):
        idx = perm[start:start + 128]
        xb, yb = x.index_select(0, idx), y.index_select(0, idx)
        h = torch.relu(torch.addmm(bs[0], xb, ws[0]))
        h = torch.relu(torch.addmm(bs[1], h, ws[1]))
        prob = torch.softmax(torch.addmm(bs[2], h, ws[2]), -1)
        q = torch.log((prob / prob.sum(-1, keepdim=True)).clamp(1e-7, 1 - 1e-7))
        loss = (-q.gather(-1, yb.unsqueeze(-1)).squeeze(-1)).mean()
        for v in params:
            v.grad = None
        loss.backward()
        with torch.no_grad():
            for v in params:
                v.add_(v.grad, alpha=-0.01)
            total.add_(loss.detach(), alpha=len(idx))
    total.item()
    return n / (time.perf_counter() - t0)


if args.only in ("all", "or"):
    torch.set_num_threads(1)
    reps = args.repeats or 21
    or_loop(200)
    runs = [or_loop() for _ in range(reps)]
    print(f"OR network, 2000 steps, 1 intra-op thread, {reps} runs: median {statistics.median(runs) * 1e6:.1f} us/step, "
          f"best {min(runs) * 1e6:.1f} us/step")

if args.only in ("all", "mlp"):
    torch.set_num_threads(os.cpu_count())
    reps = args.repeats or 3
    x, y = load_fashion_mnist()
    mlp_loop(x[:1280], y[:1280])
    runs = [mlp_loop(x, y) for _ in range(reps)]
    print(f"784-512-512-10 MLP, 60,000 inputs, batch 128, {torch.get_num_threads()} threads, {reps} runs: "
          f"median {statistics.median(runs):.0f} samples/s, best {max(runs):.0f} samples/s")
