// 2-D max and average pooling, forward and gradient, NHWC, as plain loops vectorised over channels. They follow
// the tfjs cpu kernels' semantics exactly: max ignores NaN and keeps the first maximum of a window (row-major),
// average divides by the in-bounds count, and AvgPoolGrad scales by 1 / (filter area) like tfjs does.
#include <omp.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

// [N, H, W, C, KH, KW, OH, OW, SH, SW, PT, PL]
struct PoolShape {
  int64_t N, H, W, C, KH, KW, OH, OW, SH, SW, PT, PL;
  int64_t xSize() const { return elements({N, H, W, C}); }
  int64_t ySize() const { return elements({N, OH, OW, C}); }
  // The window of output (oh, ow), clamped to the input: rows [r0, r1), columns [c0, c1).
  int64_t r0(int64_t oh) const { return std::max<int64_t>(0, oh * SH - PT); }
  int64_t r1(int64_t oh) const { return std::min<int64_t>(H, oh * SH - PT + KH); }
  int64_t c0(int64_t ow) const { return std::max<int64_t>(0, ow * SW - PL); }
  int64_t c1(int64_t ow) const { return std::min<int64_t>(W, ow * SW - PL + KW); }
};

PoolShape poolShape(const Napi::CallbackInfo& info, size_t i) {
  auto p = ints(info, i, "shape", 12);
  for (int k = 0; k < 10; k++) {
    if (p[k] < 1) rangeError("shape[" + std::to_string(k) + "] must be at least 1");
  }
  PoolShape s{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]};
  if (s.PT >= s.KH || s.PL >= s.KW) rangeError("padding must be smaller than the filter");
  if ((s.OH - 1) * s.SH - s.PT >= s.H || (s.OW - 1) * s.SW - s.PL >= s.W) {
    rangeError("output size does not follow from input, filter, strides and padding");
  }
  s.xSize(), s.ySize();
  return s;
}

constexpr int64_t kParallelWork = 1 << 15;

}  // namespace

// maxPool(x, out, shape) and avgPool(x, out, shape)
template <bool Max>
static void poolForward(const PoolShape& s, const float* x, float* y) {
  const int64_t C = s.C;
#pragma omp parallel if (s.ySize() > kParallelWork)
  {
    std::vector<double> sum(Max ? 0 : C);
#pragma omp for
    for (int64_t row = 0; row < s.N * s.OH; row++) {
      const int64_t n = row / s.OH, oh = row % s.OH;
      for (int64_t ow = 0; ow < s.OW; ow++) {
        float* out = y + ((n * s.OH + oh) * s.OW + ow) * C;
        if (Max) {
          for (int64_t c = 0; c < C; c++) out[c] = -std::numeric_limits<float>::infinity();
        } else {
          std::fill(sum.begin(), sum.end(), 0.0);
        }
        int64_t count = 0;
        for (int64_t r = s.r0(oh); r < s.r1(oh); r++) {
          for (int64_t q = s.c0(ow); q < s.c1(ow); q++) {
            const float* in = x + ((n * s.H + r) * s.W + q) * C;
            if (Max) {
              for (int64_t c = 0; c < C; c++) out[c] = in[c] > out[c] ? in[c] : out[c];
            } else {
              for (int64_t c = 0; c < C; c++) sum[c] += in[c];
            }
            count++;
          }
        }
        if (!Max) {
          for (int64_t c = 0; c < C; c++) out[c] = static_cast<float>(sum[c] / static_cast<double>(count));
        }
      }
    }
  }
}

Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  return guarded(info, "maxPool", [&] {
    PoolShape s = poolShape(info, 2);
    poolForward<true>(s, floats(info, 0, "x", s.xSize()), floats(info, 1, "out", s.ySize()));
  });
}

Napi::Value AvgPool(const Napi::CallbackInfo& info) {
  return guarded(info, "avgPool", [&] {
    PoolShape s = poolShape(info, 2);
    poolForward<false>(s, floats(info, 0, "x", s.xSize()), floats(info, 1, "out", s.ySize()));
  });
}

// maxPoolGrad(dy, x, out(dx), shape): dy goes to the first maximum of each window. The argmax is found branch-free
// per channel (vectorised), then scattered; dx starts at zero.
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  return guarded(info, "maxPoolGrad", [&] {
    PoolShape s = poolShape(info, 3);
    const float* dy = floats(info, 0, "dy", s.ySize());
    const float* x = floats(info, 1, "x", s.xSize());
    float* dx = floats(info, 2, "out", s.xSize());
    const int64_t C = s.C, plane = s.H * s.W * C;
#pragma omp parallel if (s.xSize() > kParallelWork)
    {
      std::vector<float> bestBuffer(C);
      std::vector<int32_t> atBuffer(C);  // plane < 2^31 (checked), so int32 offsets vectorise with the floats
      float* __restrict best = bestBuffer.data();
      int32_t* __restrict at = atBuffer.data();
#pragma omp for
      for (int64_t n = 0; n < s.N; n++) {
        const float* xn = x + n * plane;
        float* dxn = dx + n * plane;
        std::fill(dxn, dxn + plane, 0.f);
        for (int64_t oh = 0; oh < s.OH; oh++) {
          for (int64_t ow = 0; ow < s.OW; ow++) {
            std::fill(best, best + C, -std::numeric_limits<float>::infinity());
            std::fill(at, at + C, -1);
            for (int64_t r = s.r0(oh); r < s.r1(oh); r++) {
              for (int64_t q = s.c0(ow); q < s.c1(ow); q++) {
                const int32_t offset = static_cast<int32_t>((r * s.W + q) * C);
                const float* __restrict in = xn + offset;
#pragma omp simd
                for (int64_t c = 0; c < C; c++) {
                  const bool greater = in[c] > best[c];
                  best[c] = greater ? in[c] : best[c];
                  at[c] = greater ? offset + static_cast<int32_t>(c) : at[c];
                }
              }
            }
            const float* g = dy + ((n * s.OH + oh) * s.OW + ow) * C;
            for (int64_t c = 0; c < C; c++) {
              if (at[c] >= 0) dxn[at[c]] += g[c];
            }
          }
        }
      }
    }
  });
}

// avgPoolGrad(dy, out(dx), shape): sums in double in the order tfjs does, then scales by 1 / (KH * KW).
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info) {
  return guarded(info, "avgPoolGrad", [&] {
    PoolShape s = poolShape(info, 2);
    const float* dy = floats(info, 0, "dy", s.ySize());
    float* dx = floats(info, 1, "out", s.xSize());
    const int64_t C = s.C, plane = s.H * s.W * C;
    const double scale = 1.0 / static_cast<double>(s.KH * s.KW);
#pragma omp parallel if (s.xSize() > kParallelWork)
    {
      std::vector<double> acc(plane);
#pragma omp for
      for (int64_t n = 0; n < s.N; n++) {
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int64_t oh = 0; oh < s.OH; oh++) {
          for (int64_t ow = 0; ow < s.OW; ow++) {
            const float* g = dy + ((n * s.OH + oh) * s.OW + ow) * C;
            for (int64_t r = s.r0(oh); r < s.r1(oh); r++) {
              for (int64_t q = s.c0(ow); q < s.c1(ow); q++) {
                double* a = acc.data() + (r * s.W + q) * C;
                for (int64_t c = 0; c < C; c++) a[c] += g[c];
              }
            }
          }
        }
        float* dxn = dx + n * plane;
        for (int64_t k = 0; k < plane; k++) dxn[k] = static_cast<float>(acc[k] * scale);
      }
    }
  });
}

}  // namespace tfy
