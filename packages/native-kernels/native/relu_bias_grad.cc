// The gradient of relu(conv + bias) up to the convolution, in one pass over memory: dy masked where the layer's
// output y is not positive, and the bias gradient (the masked dy summed over every row, per channel). Replaces
// tfjs' Step, Multiply and Sum passes behind model-compiler's fused Conv2D layer.
#include <omp.h>

#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

constexpr int64_t kParallelWork = 1 << 15;

// Sums in double, one block of rows per thread, partials added in thread order (as native Sum does).
void reluBiasGrad(const float* dy, const float* y, float* dx, float* dBias, int64_t rows, int64_t channels) {
  const int threads = rows * channels > kParallelWork ? omp_get_max_threads() : 1;
  std::vector<double> partial(static_cast<size_t>(threads * channels), 0.0);
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
    const int t = omp_get_thread_num(), nt = omp_get_num_threads();
    const int64_t begin = rows * t / nt, end = rows * (t + 1) / nt;
    double* acc = partial.data() + t * channels;
    for (int64_t r = begin; r < end; r++) {
      // Two loops over one row, so that each vectorizes: the row just written is still in L1 for the sums.
      const float* __restrict d = dy + r * channels;
      const float* __restrict v = y + r * channels;
      float* __restrict g = dx + r * channels;
      // dy · step(y) as tfjs computes it: step is 1, 0 or NaN (for a NaN y), so a NaN or infinite dy stays NaN.
      for (int64_t c = 0; c < channels; c++) {
        const float step = v[c] > 0.f ? 1.f : 0.f;
        g[c] = d[c] * (v[c] != v[c] ? v[c] : step);
      }
      for (int64_t c = 0; c < channels; c++) acc[c] += g[c];
    }
  }
  for (int64_t c = 0; c < channels; c++) {
    double s = 0;
    for (int t = 0; t < threads; t++) s += partial[t * channels + c];
    dBias[c] = static_cast<float>(s);
  }
}

}  // namespace

// reluBiasGrad(dy, y, dyMasked, dBias, [rows, channels])
Napi::Value ReluBiasGradKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "reluBiasGrad", [&] {
    auto p = ints(info, 4, "shape", 2);
    const int64_t n = elements({p[0], p[1]});
    const float* dy = floats(info, 0, "dy", n);
    const float* y = floats(info, 1, "y", n);
    float* dx = floats(info, 2, "dyMasked", n);
    float* dBias = floats(info, 3, "dBias", p[1]);
    reluBiasGrad(dy, y, dx, dBias, p[0], p[1]);
  });
}

}  // namespace tfy
