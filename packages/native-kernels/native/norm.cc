// tfjs' batchNorm kernel (FusedBatchNorm): y = offset + (x - mean) · scale / sqrt(variance + ε), evaluated in
// double like the JS kernel, with each of mean, variance, scale and offset either one value or one per channel
// (the last dimension of x).
#include <omp.h>

#include <cmath>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

/** Argument i as C doubles: its one value repeated or its C values; `fallback` when optional and null. */
void channelValues(const Napi::CallbackInfo& info, size_t i, const char* name, int64_t C, double fallback,
                   std::vector<double>& out, bool optional) {
  if (i >= info.Length() || info[i].IsNull() || info[i].IsUndefined()) {
    if (!optional) typeError(argName(i, name) + " is missing");
    std::fill(out.begin(), out.end(), fallback);
    return;
  }
  if (!info[i].IsTypedArray()) typeError(argName(i, name) + " must be a Float32Array");
  const int64_t length = static_cast<int64_t>(info[i].As<Napi::TypedArray>().ElementLength());
  if (length != 1 && length != C) rangeError(argName(i, name) + " must have 1 or `channels` elements");
  const float* v = floats(info, i, name, length);
  for (int64_t c = 0; c < C; c++) out[c] = v[length == 1 ? 0 : c];
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
    // Per channel in double: mean, scale, offset and sqrt(variance + ε), the very values the JS kernel computes per
    // element, so that the loop below is the same arithmetic, vectorised.
    if (n == 0) return;
    std::vector<double> m(C), sd(C), sc(C), of(C);
    channelValues(info, 1, "mean", C, 0.0, m, false);
    channelValues(info, 2, "variance", C, 1.0, sd, false);
    channelValues(info, 3, "scale", C, 1.0, sc, true);
    channelValues(info, 4, "offset", C, 0.0, of, true);
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
  });
}

}  // namespace tfy
