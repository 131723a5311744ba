// tfjs' batchNorm kernel (FusedBatchNorm): y = offset + (x - mean) · scale / sqrt(variance + ε), evaluated in
// double like the JS kernel. Like it, element i reads parameter element i mod (its length): one value, one per
// channel (x's last dimension: batchNormalization) or one per element (layerNormalization tiles its statistics).
#include <omp.h>

#include <cmath>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

struct Param {
  const float* values;
  int64_t length;
};

/** Argument i: its values and length (at least 1), or `fallback` (length 1) when optional and null. */
Param param(const Napi::CallbackInfo& info, size_t i, const char* name, const float* fallback, bool optional) {
  if (i >= info.Length() || info[i].IsNull() || info[i].IsUndefined()) {
    if (!optional) typeError(argName(i, name) + " is missing");
    return {fallback, 1};
  }
  if (!info[i].IsTypedArray()) typeError(argName(i, name) + " must be a Float32Array");
  const int64_t length = static_cast<int64_t>(info[i].As<Napi::TypedArray>().ElementLength());
  if (length < 1) rangeError(argName(i, name) + " is empty");
  return {floats(info, i, name, length), length};
}

/** The parameter per channel in double, when it has one value or one per channel. */
bool perChannel(const Param& p, int64_t C, std::vector<double>& out) {
  if (p.length != 1 && p.length != C) return false;
  for (int64_t c = 0; c < C; c++) out[c] = p.values[p.length == 1 ? 0 : c];
  return true;
}

}  // namespace

// batchNorm(x, mean, variance, scale | null, offset | null, out, channels, epsilon)
Napi::Value BatchNormKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "batchNorm", [&] {
    const int64_t C = integer(info, 6, "channels", 1, kMaxElements);
    const double epsilon = number(info, 7, "epsilon");
    if (!info[0].IsTypedArray()) typeError("argument 0 (x) must be a Float32Array");
    const int64_t n = static_cast<int64_t>(info[0].As<Napi::TypedArray>().ElementLength());
    if (n % C != 0 || (n > 0 && C > n)) rangeError("x's length must be a multiple of channels");
    const float* x = floats(info, 0, "x", n);
    float* y = floats(info, 5, "out", n);
    static const float one = 1.f, zero = 0.f;
    const Param mean = param(info, 1, "mean", nullptr, false), variance = param(info, 2, "variance", nullptr, false);
    const Param scale = param(info, 3, "scale", &one, true), offset = param(info, 4, "offset", &zero, true);
    // Per channel in double: mean, scale, offset and sqrt(variance + ε), the very values the JS kernel computes per
    // element, so that the loop is the same arithmetic, vectorised.
    if (n == 0) return;
    std::vector<double> m(C), sd(C), sc(C), of(C);
    const bool channelwise = perChannel(mean, C, m) && perChannel(variance, C, sd) && perChannel(scale, C, sc) &&
                             perChannel(offset, C, of);
    if (channelwise) {
      for (int64_t c = 0; c < C; c++) sd[c] = std::sqrt(sd[c] + epsilon);
      const int64_t rows = n / C;
      const double* __restrict pm = m.data();
      const double* __restrict ps = sd.data();
      const double* __restrict pc = sc.data();
      const double* __restrict po = of.data();
#pragma omp parallel for if (n > (1 << 15))
      for (int64_t r = 0; r < rows; r++) {
        const float* __restrict in = x + r * C;
        float* __restrict out = y + r * C;
#pragma omp simd
        for (int64_t c = 0; c < C; c++) {
          out[c] = static_cast<float>(po[c] + (static_cast<double>(in[c]) - pm[c]) * pc[c] / ps[c]);
        }
      }
      return;
    }
#pragma omp parallel for if (n > (1 << 15))
    for (int64_t i = 0; i < n; i++) {
      const double v = static_cast<double>(x[i]) - mean.values[i % mean.length];
      y[i] = static_cast<float>(offset.values[i % offset.length] + v * scale.values[i % scale.length] /
                                std::sqrt(variance.values[i % variance.length] + epsilon));
    }
  });
}

}  // namespace tfy
