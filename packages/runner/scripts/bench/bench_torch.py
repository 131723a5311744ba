"""The bench models in PyTorch (CPU), for the ratio column of `pnpm run bench`. Must match models.ts.

  python3 bench_torch.py MODEL THREADS BATCH STEPS   ->  one JSON line: train/infer samples/s, peak RSS
"""
import json, os, resource, sys, time
model_name, threads, batch, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.environ.setdefault("OMP_NUM_THREADS", str(threads))
import torch, torch.nn as nn
torch.set_num_threads(threads); torch.manual_seed(0)

def build(name):
    if name == "cnn":
        return nn.Sequential(nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Flatten(), nn.Linear(2304, 64), nn.ReLU(), nn.Linear(64, 10))
    return nn.Sequential(nn.Flatten(), nn.Linear(3072, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))

m = build(model_name)
opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)  # Keras/tfjs epsilon
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(batch * (steps + 3), 3, 32, 32); y = torch.randint(0, 10, (batch * (steps + 3),))

def step(i):
    opt.zero_grad(); loss_fn(m(x[i * batch:(i + 1) * batch]), y[i * batch:(i + 1) * batch]).backward(); opt.step()

for i in range(3): step(i)
t0 = time.time()
for i in range(3, steps + 3): step(i)
train = steps * batch / (time.time() - t0)
m.eval(); xi = torch.rand(256, 3, 32, 32)
with torch.no_grad():
    m(xi); t0 = time.time()
    for _ in range(8): m(xi)
    infer = 8 * 256 / (time.time() - t0)
print(json.dumps({"trainSamplesPerSecond": train, "inferSamplesPerSecond": infer,
                  "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "version": torch.__version__}))
