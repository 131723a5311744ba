"""The bench models in PyTorch (CPU), for the ratio columns of `pnpm run bench`: the twin of each family in models.ts
(same layer shapes, same batch, Adam with Keras' epsilon). The two files must change together.

  python3 bench_torch.py MODEL THREADS BATCH STEPS [SECONDS]  ->  one JSON line: train/infer samples/s, peak RSS
SECONDS (as the bench's --seconds) ends the timed steps and inference batches early, from 3 and 2 of them.
"""
import json, os, resource, sys, time
model_name, threads, batch, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else float("inf")
os.environ.setdefault("OMP_NUM_THREADS", str(threads))
import torch, torch.nn as nn
torch.set_num_threads(threads); torch.manual_seed(0)


def conv_bn(cin, cout):
    # Keras' batch norm: epsilon 1e-3, moving-average momentum 0.99 (PyTorch counts the other way).
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)]


def separable(cin, cout, stride=1):
    # tfjs separableConv2d: a depthwise kernel without bias, then a 1x1 pointwise one with it.
    return [nn.Conv2d(cin, cin, 3, stride=stride, padding=1, groups=cin, bias=False), nn.Conv2d(cin, cout, 1)]


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(*conv_bn(3, 32), nn.ReLU())
        self.branch = nn.Sequential(*conv_bn(32, 32), nn.ReLU(), *conv_bn(32, 32))
        self.head = nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
                                  nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))

    def forward(self, x):
        stem = self.stem(x)
        return self.head(torch.relu(stem + self.branch(stem)))


class Inception(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.one = nn.Sequential(nn.Conv2d(32, 16, 1), nn.ReLU())
        self.three = nn.Sequential(nn.Conv2d(32, 16, 1), nn.ReLU(), nn.Conv2d(16, 24, 3, padding=1), nn.ReLU())
        # tfjs' 'same' average pooling divides by the window's cells inside the image, like count_include_pad=False.
        self.pooled = nn.Sequential(nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False), nn.Conv2d(32, 16, 1), nn.ReLU())
        self.head = nn.Sequential(nn.MaxPool2d(2), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(56, 10))

    def forward(self, x):
        s = self.stem(x)
        return self.head(torch.cat([self.one(s), self.three(s), self.pooled(s)], 1))


class Text(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(1000, 32)
        self.convs = nn.Sequential(nn.Conv1d(32, 64, 5), nn.ReLU(), nn.MaxPool1d(2), nn.Conv1d(64, 64, 5), nn.ReLU())
        self.out = nn.Linear(64, 10)

    def forward(self, x):
        return self.out(self.convs(self.embed(x).transpose(1, 2)).amax(2))


class Recurrent(nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.rnn, self.out = cell(32, 64, batch_first=True), nn.Linear(64, 10)

    def forward(self, x):
        return self.out(self.rnn(x)[0][:, -1])


def build(name):
    if name == "cnn":
        return nn.Sequential(nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Flatten(), nn.Linear(2304, 64), nn.ReLU(), nn.Linear(64, 10))
    if name == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(3072, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    if name == "resnet":
        return Residual()
    if name == "mobilenet":
        return nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
                             nn.Conv2d(32, 32, 3, padding=1, groups=32), nn.ReLU(), nn.Conv2d(32, 64, 1), nn.ReLU(),
                             *separable(64, 128, stride=2), nn.ReLU(), *separable(128, 128), nn.ReLU(),
                             nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10))
    if name == "inception":
        return Inception()
    if name == "text":
        return Text()
    if name in ("lstm", "gru"):
        return Recurrent(nn.LSTM if name == "lstm" else nn.GRU)
    if name == "autoencoder":
        return nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
                             nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                             nn.Upsample(scale_factor=2), nn.Conv2d(32, 3, 3, padding=1), nn.Sigmoid(),
                             nn.Flatten(), nn.Linear(3072, 10))
    raise SystemExit(f"unknown model {name}")


def inputs(name, count):
    """Random samples shaped as models.ts declares them (channels first for images)."""
    if name == "text":
        return torch.randint(0, 1000, (count, 64))
    if name in ("lstm", "gru"):
        return torch.rand(count, 32, 32)
    return torch.rand(count, 3, 32, 32)


m = build(model_name)
opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)  # Keras/tfjs epsilon
loss_fn = nn.CrossEntropyLoss()
x = inputs(model_name, batch * (steps + 3)); y = torch.randint(0, 10, (batch * (steps + 3),))

def step(i):
    opt.zero_grad(); loss_fn(m(x[i * batch:(i + 1) * batch]), y[i * batch:(i + 1) * batch]).backward(); opt.step()

# Warm-up: 3 steps and at least 1 s, as measure.ts warms tfjs up (its JavaScript needs more runs than 3 to compile).
t0 = time.time(); i = 0
while i < 3 or (time.time() - t0 < 1 and time.time() - t0 < seconds):
    step(i % (steps + 3)); i += 1
t0 = time.time(); done = 0
for i in range(3, steps + 3):
    step(i); done += 1
    if done >= 3 and time.time() - t0 > seconds: break
train = done * batch / (time.time() - t0)
m.eval(); xi = inputs(model_name, 256)
with torch.no_grad():
    m(xi); t0 = time.time(); done = 0
    for _ in range(8):
        m(xi); done += 1
        if done >= 2 and time.time() - t0 > seconds: break
    infer = done * 256 / (time.time() - t0)
print(json.dumps({"trainSamplesPerSecond": train, "inferSamplesPerSecond": infer,
                  "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "version": torch.__version__}))
