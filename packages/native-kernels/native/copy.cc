// One strided box copy that Slice, Tile, Transpose, PadV2 and Reverse are written in:
// out[outOffset + Σ i_k·outStrides_k] = x[xOffset + Σ i_k·xStrides_k] for every index i of `shape`. A zero
// stride repeats (Tile), permuted strides transpose, a negative x stride (from the far end) reverses. And a
// row-wise joining and splitting for Concat, Pack, SplitV and Unpack: every row of the whole is the parts' rows
// side by side, so the whole is written (or read) in order.
#include <omp.h>

#include <cstring>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

constexpr int64_t kParallelWork = 1 << 15;
constexpr size_t kMaxRank = 16;  // Tile doubles the rank

struct Box {
  int64_t size[kMaxRank], sx[kMaxRank], so[kMaxRank];
  size_t rank = 0;
};

/** Drops size-1 dims and merges dims contiguous in both arrays, so the inner loop runs as long as possible. */
Box merged(const std::vector<int64_t>& shape, const std::vector<int64_t>& sx, const std::vector<int64_t>& so) {
  Box box;
  for (size_t k = 0; k < shape.size(); k++) {
    if (shape[k] == 1) continue;
    size_t last = box.rank - 1;
    if (box.rank > 0 && box.sx[last] == sx[k] * shape[k] && box.so[last] == so[k] * shape[k]) {
      box.size[last] *= shape[k];
      box.sx[last] = sx[k];
      box.so[last] = so[k];
    } else {
      box.size[box.rank] = shape[k];
      box.sx[box.rank] = sx[k];
      box.so[box.rank] = so[k];
      box.rank++;
    }
  }
  if (box.rank == 0) box = Box{{1}, {1}, {1}, 1};
  return box;
}

/** A RangeError when the box, from `offset` with these strides, reaches below 0 or to `length` and beyond. */
void checkReach(const char* name, int64_t offset, const std::vector<int64_t>& shape,
                const std::vector<int64_t>& strides, int64_t length) {
  int64_t lowest = offset, highest = offset;
  for (size_t k = 0; k < shape.size(); k++) (strides[k] < 0 ? lowest : highest) += (shape[k] - 1) * strides[k];
  if (lowest < 0 || highest >= length) rangeError(std::string(name) + " is too short for the box it is given");
}

}  // namespace

// copy(x, xOffset, xStrides, out, outOffset, outStrides, shape)
Napi::Value CopyKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "copy", [&] {
    auto shape = ints(info, 6, "shape", SIZE_MAX, 0, kMaxElements);
    const size_t R = shape.size();
    if (R < 1 || R > kMaxRank) rangeError("shape must have rank 1 to " + std::to_string(kMaxRank));
    auto sx = ints(info, 2, "xStrides", R, -kMaxElements, kMaxElements);
    auto so = ints(info, 5, "outStrides", R, 0, kMaxElements);
    const int64_t xOffset = integer(info, 1, "xOffset", 0, kMaxElements);
    const int64_t outOffset = integer(info, 4, "outOffset", 0, kMaxElements);
    int64_t total = 1;
    for (int64_t d : shape) total = elements({total, d});
    if (!info[0].IsTypedArray() || !info[3].IsTypedArray()) typeError("x and out must be Float32Arrays");
    const int64_t xLength = static_cast<int64_t>(info[0].As<Napi::TypedArray>().ElementLength());
    const int64_t outLength = static_cast<int64_t>(info[3].As<Napi::TypedArray>().ElementLength());
    const float* x = floats(info, 0, "x", xLength);
    float* out = floats(info, 3, "out", outLength);
    if (total == 0) return;
    checkReach("x", xOffset, shape, sx, xLength);
    checkReach("out", outOffset, shape, so, outLength);
    const Box box = merged(shape, sx, so);
    const size_t inner = box.rank - 1;
    const int64_t n = box.size[inner], ix = box.sx[inner], io = box.so[inner];
    const int64_t rows = total / n;
#pragma omp parallel for if (total > kParallelWork)
    for (int64_t row = 0; row < rows; row++) {
      int64_t rest = row, ox = xOffset, oo = outOffset;
      for (size_t k = inner; k-- > 0;) {
        const int64_t idx = rest % box.size[k];
        rest /= box.size[k];
        ox += idx * box.sx[k];
        oo += idx * box.so[k];
      }
      if (ix == 1 && io == 1) {
        std::memcpy(out + oo, x + ox, static_cast<size_t>(n) * sizeof(float));
      } else {
        for (int64_t i = 0; i < n; i++) out[oo + i * io] = x[ox + i * ix];
      }
    }
  });
}

// rows(direction, whole, parts, widths, rows): direction 0 joins (whole row r = part_0 row r, part_1 row r, …),
// 1 splits the whole into the parts. Part k is rows × widths[k], the whole rows × Σ widths.
Napi::Value RowsKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "rows", [&] {
    const bool join = integer(info, 0, "direction", 0, 1) == 0;
    if (info.Length() < 3 || !info[2].IsArray()) typeError("argument 2 (parts) must be an array of Float32Arrays");
    auto partsArray = info[2].As<Napi::Array>();
    auto widths = ints(info, 3, "widths", partsArray.Length(), 0, kMaxElements);
    const int64_t rows = integer(info, 4, "rows", 0, kMaxElements);
    if (widths.empty()) rangeError("no parts");
    int64_t width = 0;
    std::vector<float*> parts(widths.size());
    for (size_t k = 0; k < widths.size(); k++) {
      Napi::Value v = partsArray[static_cast<uint32_t>(k)];
      if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
        typeError("parts[" + std::to_string(k) + "] must be a Float32Array");
      }
      auto part = v.As<Napi::Float32Array>();
      if (static_cast<int64_t>(part.ElementLength()) != elements({rows, widths[k]})) {
        rangeError("parts[" + std::to_string(k) + "] must have rows × widths[k] elements");
      }
      parts[k] = part.Data();
      width = elements({width + widths[k]});
    }
    float* whole = floats(info, 1, "whole", elements({rows, width}));
#pragma omp parallel for if (rows * width > kParallelWork)
    for (int64_t r = 0; r < rows; r++) {
      float* row = whole + r * width;
      for (size_t k = 0; k < parts.size(); k++) {
        float* part = parts[k] + r * widths[k];
        const size_t bytes = static_cast<size_t>(widths[k]) * sizeof(float);
        if (join) {
          std::memcpy(row, part, bytes);
        } else {
          std::memcpy(part, row, bytes);
        }
        row += widths[k];
      }
    }
  });
}

}  // namespace tfy
