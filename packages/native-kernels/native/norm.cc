// tfjs' batchNorm kernel (FusedBatchNorm): y = offset + (x - mean) · scale / sqrt(variance + ε), evaluated in
// double like the JS kernel, with each of mean, variance, scale and offset either one value or one per channel
// (the last dimension of x).
#include <omp.h>

#include <cmath>

#include "kernels.h"

namespace tfy {

// batchNorm(x, mean, variance, scale | null, offset | null, out, channels, epsilon)
Napi::Value BatchNormKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "batchNorm", [&] {
    const int64_t C = integer(info, 6, "channels", 1, kMaxElements);
    const double epsilon = number(info, 7, "epsilon");
    if (!info[0].IsTypedArray()) typeError("argument 0 (x) must be a Float32Array");
    const int64_t n = static_cast<int64_t>(info[0].As<Napi::TypedArray>().ElementLength());
    if (n % C != 0) rangeError("x's length must be a multiple of channels");
    const float* x = floats(info, 0, "x", n);
    float* y = floats(info, 5, "out", n);
    // Each parameter: its values and 1 when it has one per channel, 0 when one for all.
    auto param = [&](size_t i, const char* name, float fallback, float& own) -> std::pair<const float*, int64_t> {
      if (i < info.Length() && (info[i].IsNull() || info[i].IsUndefined())) {
        own = fallback;
        return {&own, 0};
      }
      if (!info[i].IsTypedArray()) typeError(argName(i, name) + " must be a Float32Array");
      const int64_t length = static_cast<int64_t>(info[i].As<Napi::TypedArray>().ElementLength());
      if (length != 1 && length != C) rangeError(argName(i, name) + " must have 1 or `channels` elements");
      return {floats(info, i, name, length), length == 1 ? 0 : 1};
    };
    float one = 1.f, zero = 0.f, unusedM = 0.f, unusedV = 0.f;
    auto [mean, sm] = param(1, "mean", 0.f, unusedM);
    auto [variance, sv] = param(2, "variance", 1.f, unusedV);
    auto [scale, ss] = param(3, "scale", 1.f, one);
    auto [offset, so] = param(4, "offset", 0.f, zero);
    if (info[1].IsNull() || info[2].IsNull()) typeError("mean and variance are required");
    const int64_t rows = n / C;
#pragma omp parallel for if (n > (1 << 15))
    for (int64_t r = 0; r < rows; r++) {
      const float* in = x + r * C;
      float* out = y + r * C;
      for (int64_t c = 0; c < C; c++) {
        const double v = static_cast<double>(in[c]) - mean[c * sm];
        out[c] = static_cast<float>(offset[c * so] + v * scale[c * ss] / std::sqrt(variance[c * sv] + epsilon));
      }
    }
  });
}

}  // namespace tfy
