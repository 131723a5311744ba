// Sum (and Mean: each element divided first, as tfjs' Mean does) and Max over a contiguous block of axes, softmax
// over the last axis, row gather (axis 0) and its gradient, UnsortedSegmentSum. Sums accumulate in double like the
// tfjs cpu kernels, in the same order where a single thread does the work.
#include <omp.h>

#include <cmath>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

constexpr int64_t kParallelWork = 1 << 15;

// out[o, i] = sum_r x[o, r, i] / divisor (float32 division, skipped for a divisor of 1)
void sumOuterInner(const float* x, float* y, int64_t outer, int64_t reduce, int64_t inner, float divisor) {
  const bool divide = divisor != 1.f;
  if (inner == 1) {
#pragma omp parallel for if (outer * reduce > kParallelWork)
    for (int64_t o = 0; o < outer; o++) {
      const float* row = x + o * reduce;
      double s = 0;
      if (divide) {
        for (int64_t r = 0; r < reduce; r++) s += row[r] / divisor;
      } else {
        for (int64_t r = 0; r < reduce; r++) s += row[r];
      }
      y[o] = static_cast<float>(s);
    }
    return;
  }
  const int threads = outer == 1 && reduce * inner > kParallelWork ? omp_get_max_threads() : 1;
  for (int64_t o = 0; o < outer; o++) {
    // One block of `reduce` rows per thread, partial sums added in thread order: deterministic for a thread count.
    std::vector<double> partial(static_cast<size_t>(threads * inner), 0.0);
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
      const int t = omp_get_thread_num(), nt = omp_get_num_threads();
      const int64_t begin = reduce * t / nt, end = reduce * (t + 1) / nt;
      double* acc = partial.data() + t * inner;
      for (int64_t r = begin; r < end; r++) {
        const float* row = x + (o * reduce + r) * inner;
        if (divide) {
          for (int64_t i = 0; i < inner; i++) acc[i] += row[i] / divisor;
        } else {
          for (int64_t i = 0; i < inner; i++) acc[i] += row[i];
        }
      }
    }
    for (int64_t i = 0; i < inner; i++) {
      double s = 0;
      for (int t = 0; t < threads; t++) s += partial[t * inner + i];
      y[o * inner + i] = static_cast<float>(s);
    }
  }
}

// out[o, i] = max_r x[o, r, i]; a NaN anywhere in the block gives NaN, as in tfjs' maxImpl.
void maxOuterInner(const float* x, float* y, int64_t outer, int64_t reduce, int64_t inner) {
#pragma omp parallel for if (outer * reduce * inner > kParallelWork)
  for (int64_t o = 0; o < outer; o++) {
    float* out = y + o * inner;
    std::copy(x + o * reduce * inner, x + (o * reduce + 1) * inner, out);
    for (int64_t r = 1; r < reduce; r++) {
      const float* row = x + (o * reduce + r) * inner;
      for (int64_t i = 0; i < inner; i++) out[i] = row[i] != row[i] || row[i] > out[i] ? row[i] : out[i];
    }
  }
}

}  // namespace

// sum(x, out, [outer, reduce, inner], divisor = 1)
Napi::Value SumKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "sum", [&] {
    auto p = ints(info, 2, "shape", 3);
    const float* x = floats(info, 0, "x", elements({p[0], p[1], p[2]}));
    float* y = floats(info, 1, "out", elements({p[0], p[2]}));
    const float divisor = info.Length() > 3 ? static_cast<float>(number(info, 3, "divisor")) : 1.f;
    sumOuterInner(x, y, p[0], p[1], p[2], divisor);
  });
}

// max(x, out, [outer, reduce, inner])
Napi::Value MaxKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "max", [&] {
    auto p = ints(info, 2, "shape", 3);
    if (p[1] < 1) rangeError("max needs at least one element to reduce");
    const float* x = floats(info, 0, "x", elements({p[0], p[1], p[2]}));
    float* y = floats(info, 1, "out", elements({p[0], p[2]}));
    maxOuterInner(x, y, p[0], p[1], p[2]);
  });
}

// segmentSum(x, segmentIds, out, [rows, rowSize, segments]): out[s] = Σ x[r] over rows r (in order) whose id is
// s; ids outside [0, segments) are dropped, as the stock kernel's masks drop them.
Napi::Value SegmentSumKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "segmentSum", [&] {
    auto p = ints(info, 3, "shape", 3);
    const int64_t rows = p[0], rowSize = p[1], segments = p[2];
    const float* x = floats(info, 0, "x", elements({rows, rowSize}));
    const int32_t* ids = int32s(info, 1, "segmentIds", rows);
    float* y = floats(info, 2, "out", elements({segments, rowSize}));
    std::vector<double> acc(static_cast<size_t>(segments * rowSize), 0.0);
    for (int64_t r = 0; r < rows; r++) {
      if (ids[r] < 0 || ids[r] >= segments) continue;
      const float* in = x + r * rowSize;
      double* a = acc.data() + ids[r] * rowSize;
      for (int64_t i = 0; i < rowSize; i++) a[i] += in[i];
    }
    for (int64_t k = 0; k < segments * rowSize; k++) y[k] = static_cast<float>(acc[k]);
  });
}

// softmax(x, out, [rows, cols]): max, exp(x - max), sum in double, divide, as tfjs composes it.
Napi::Value SoftmaxKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "softmax", [&] {
    auto p = ints(info, 2, "shape", 2);
    const int64_t rows = p[0], cols = p[1];
    if (cols < 1) rangeError("softmax needs at least one column");
    const float* x = floats(info, 0, "x", elements({rows, cols}));
    float* y = floats(info, 1, "out", elements({rows, cols}));
#pragma omp parallel for if (rows * cols > kParallelWork)
    for (int64_t r = 0; r < rows; r++) {
      const float* in = x + r * cols;
      float* out = y + r * cols;
      float max = in[0];
      for (int64_t c = 1; c < cols; c++) {
        if (in[c] != in[c] || in[c] > max) max = in[c];
      }
      double sum = 0;
      for (int64_t c = 0; c < cols; c++) {
        out[c] = static_cast<float>(std::exp(static_cast<double>(in[c] - max)));
        sum += out[c];
      }
      const float total = static_cast<float>(sum);
      for (int64_t c = 0; c < cols; c++) out[c] = out[c] / total;
    }
  });
}

// gather(x, indices, out, [rows, rowSize]): out[k] = x[indices[k]]
Napi::Value GatherKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "gather", [&] {
    auto p = ints(info, 3, "shape", 2);
    const int64_t rows = p[0], rowSize = p[1];
    const float* x = floats(info, 0, "x", elements({rows, rowSize}));
    if (!info[1].IsTypedArray()) typeError("argument 1 (indices) must be an Int32Array");
    const int64_t count = static_cast<int64_t>(info[1].As<Napi::TypedArray>().ElementLength());
    const int32_t* indices = int32s(info, 1, "indices", count);
    float* y = floats(info, 2, "out", elements({count, rowSize}));
    for (int64_t k = 0; k < count; k++) {
      if (indices[k] < 0 || indices[k] >= rows) {
        rangeError("index " + std::to_string(indices[k]) + " at " + std::to_string(k) + " is not in [0, " +
                   std::to_string(rows) + ")");
      }
    }
#pragma omp parallel for if (count * rowSize > kParallelWork)
    for (int64_t k = 0; k < count; k++) {
      std::copy(x + indices[k] * rowSize, x + (indices[k] + 1) * rowSize, y + k * rowSize);
    }
  });
}

}  // namespace tfy
