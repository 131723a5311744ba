// ResizeNearestNeighbor (upSampling2d) and its gradient, NHWC, with the tfjs cpu kernels' index arithmetic in
// double. The gradient adds each dy element into the input pixel it was copied from, in dy's row-major order and
// in double, which is the order and precision of the stock kernel's per-pixel window sums.
#include <omp.h>

#include <cmath>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

// [N, H, W, C, OH, OW]
struct ResizeShape {
  int64_t N, H, W, C, OH, OW;
  bool alignCorners, halfPixel;
  int64_t xSize() const { return elements({N, H, W, C}); }
  int64_t ySize() const { return elements({N, OH, OW, C}); }
};

ResizeShape resizeShape(const Napi::CallbackInfo& info, size_t i) {
  auto p = ints(info, i, "shape", 6);
  for (int k = 0; k < 6; k++) {
    if (p[k] < 1) rangeError("shape[" + std::to_string(k) + "] must be at least 1");
  }
  ResizeShape s{p[0], p[1], p[2], p[3], p[4], p[5], integer(info, i + 1, "alignCorners", 0, 1) == 1,
                integer(info, i + 2, "halfPixelCenters", 0, 1) == 1};
  s.xSize(), s.ySize();
  return s;
}

/** The input row (or column) output index `o` copies, as ResizeNearestNeighbor computes it. */
int64_t source(int64_t o, double ratio, int64_t inSize, bool alignCorners, bool halfPixel) {
  const double frac = halfPixel ? ratio * (static_cast<double>(o) + 0.5) : ratio * static_cast<double>(o);
  const double rounded = alignCorners ? std::round(frac) : std::floor(frac);
  const int64_t nearest = std::min<int64_t>(inSize - 1, static_cast<int64_t>(rounded));
  return halfPixel ? std::max<int64_t>(0, nearest) : nearest;
}

double ratio(int64_t in, int64_t out, bool alignCorners) {
  const bool aligned = alignCorners && out > 1;
  return static_cast<double>(aligned ? in - 1 : in) / static_cast<double>(aligned ? out - 1 : out);
}

}  // namespace

// resizeNearest(x, out, [N, H, W, C, OH, OW], alignCorners, halfPixelCenters)
Napi::Value ResizeNearestKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "resizeNearest", [&] {
    ResizeShape s = resizeShape(info, 2);
    const float* x = floats(info, 0, "x", s.xSize());
    float* y = floats(info, 1, "out", s.ySize());
    const double rr = ratio(s.H, s.OH, s.alignCorners), rc = ratio(s.W, s.OW, s.alignCorners);
    std::vector<int64_t> cols(s.OW);
    for (int64_t c = 0; c < s.OW; c++) cols[c] = source(c, rc, s.W, s.alignCorners, s.halfPixel);
#pragma omp parallel for if (s.ySize() > (1 << 15))
    for (int64_t row = 0; row < s.N * s.OH; row++) {
      const int64_t n = row / s.OH, r = row % s.OH;
      const float* in = x + (n * s.H + source(r, rr, s.H, s.alignCorners, s.halfPixel)) * s.W * s.C;
      float* out = y + row * s.OW * s.C;
      for (int64_t c = 0; c < s.OW; c++) std::copy(in + cols[c] * s.C, in + (cols[c] + 1) * s.C, out + c * s.C);
    }
  });
}

// resizeNearestGrad(dy, out(dx), [N, H, W, C, OH, OW], alignCorners): H, W are the image's, OH, OW dy's. Like the
// stock gradient it maps positions without half-pixel centers.
Napi::Value ResizeNearestGradKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "resizeNearestGrad", [&] {
    auto p = ints(info, 2, "shape", 6);
    for (int k = 0; k < 6; k++) {
      if (p[k] < 1) rangeError("shape[" + std::to_string(k) + "] must be at least 1");
    }
    ResizeShape s{p[0], p[1], p[2], p[3], p[4], p[5], integer(info, 3, "alignCorners", 0, 1) == 1, false};
    const float* dy = floats(info, 0, "dy", s.ySize());
    float* dx = floats(info, 1, "out", s.xSize());
    const double rr = ratio(s.H, s.OH, s.alignCorners), rc = ratio(s.W, s.OW, s.alignCorners);
    const int64_t plane = s.H * s.W * s.C;
#pragma omp parallel if (s.xSize() > (1 << 15))
    {
      std::vector<double> acc(plane);
#pragma omp for
      for (int64_t n = 0; n < s.N; n++) {
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int64_t r = 0; r < s.OH; r++) {
          const int64_t sr = source(r, rr, s.H, s.alignCorners, false);
          for (int64_t c = 0; c < s.OW; c++) {
            double* a = acc.data() + (sr * s.W + source(c, rc, s.W, s.alignCorners, false)) * s.C;
            const float* g = dy + ((n * s.OH + r) * s.OW + c) * s.C;
            for (int64_t d = 0; d < s.C; d++) a[d] += g[d];
          }
        }
        for (int64_t k = 0; k < plane; k++) dx[n * plane + k] = static_cast<float>(acc[k]);
      }
    }
  });
}

}  // namespace tfy
