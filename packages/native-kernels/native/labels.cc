// The ops a loss or metric applies to labels and predictions: ArgMax (accuracy) and OneHot (sparse crossentropy).
// Both reproduce the stock cpu kernels: ArgMax keeps the first maximum and skips NaN after the first element (JS's
// `value > max`), OneHot drops indices outside [0, depth).
#include <omp.h>

#include "kernels.h"

namespace tfy {
namespace {

constexpr int64_t kParallelWork = 1 << 15;

template <typename T>
void oneHot(const int32_t* indices, T* out, int64_t count, int64_t depth, T on, T off) {
#pragma omp parallel for if (count * depth > kParallelWork)
  for (int64_t e = 0; e < count; e++) {
    T* row = out + e * depth;
    for (int64_t d = 0; d < depth; d++) row[d] = off;
    if (indices[e] >= 0 && indices[e] < depth) row[indices[e]] = on;
  }
}

}  // namespace

// argMax(x, out, [outer, reduce, inner]): out[o, i] = the first r with the largest x[o, r, i], as an Int32Array.
Napi::Value ArgMaxKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "argMax", [&] {
    auto p = ints(info, 2, "shape", 3);
    const int64_t outer = p[0], reduce = p[1], inner = p[2];
    if (reduce < 1) rangeError("argMax needs at least one element to reduce");
    const float* x = floats(info, 0, "x", elements({outer, reduce, inner}));
    int32_t* y = int32s(info, 1, "out", elements({outer, inner}));
#pragma omp parallel for if (outer * reduce * inner > kParallelWork)
    for (int64_t o = 0; o < outer; o++) {
      for (int64_t i = 0; i < inner; i++) {
        const float* column = x + o * reduce * inner + i;
        float max = column[0];
        int32_t at = 0;
        for (int64_t r = 1; r < reduce; r++) {
          if (column[r * inner] > max) {
            max = column[r * inner];
            at = static_cast<int32_t>(r);
          }
        }
        y[o * inner + i] = at;
      }
    }
  });
}

// oneHot(indices, out, depth, onValue, offValue): out is [indices.length, depth], a Float32Array or an Int32Array.
Napi::Value OneHotKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "oneHot", [&] {
    if (!info[0].IsTypedArray()) typeError("argument 0 (indices) must be an Int32Array");
    const int64_t count = static_cast<int64_t>(info[0].As<Napi::TypedArray>().ElementLength());
    const int32_t* indices = int32s(info, 0, "indices", count);
    const int64_t depth = integer(info, 2, "depth", 0, kMaxElements);
    const double on = number(info, 3, "onValue"), off = number(info, 4, "offValue");
    const int64_t total = elements({count, depth});
    if (info[1].IsTypedArray() && info[1].As<Napi::TypedArray>().TypedArrayType() == napi_int32_array) {
      oneHot(indices, int32s(info, 1, "out", total), count, depth, static_cast<int32_t>(on), static_cast<int32_t>(off));
    } else {
      oneHot(indices, floats(info, 1, "out", total), count, depth, static_cast<float>(on), static_cast<float>(off));
    }
  });
}

}  // namespace tfy
