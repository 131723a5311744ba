// Elementwise kernels on float32: unary ops, binary ops and comparisons with numpy/tfjs broadcasting, logical
// and/or on bool (Uint8Array) tensors, and select. Each computes what the tfjs cpu kernel computes (JS evaluates
// in double and rounds once to float32, which for + - * / and sqrt equals the float32 operation; transcendental
// functions go through double here too).
#include <omp.h>

#include <cmath>
#include <limits>

#include "kernels.h"

namespace tfy {
namespace {

constexpr int64_t kParallelWork = 1 << 15;
constexpr size_t kMaxRank = 8;

enum Unary {
  kRelu, kStep, kSqrt, kSquare, kNeg, kExp, kLog, kAbs, kSigmoid, kTanh, kRsqrt, kReciprocal, kRelu6, kClip,
  kElu, kLeakyRelu, kFloor
};
enum Binary { kAdd, kSub, kMul, kDiv, kMaximum, kMinimum, kPrelu, kEluGrad };
enum Compare { kEqual, kNotEqual, kGreater, kGreaterEqual, kLess, kLessEqual, kLogicalAnd, kLogicalOr };

// Branch-free loops over restrict pointers, so that the compiler vectorises them (training feeds random signs,
// where a branch per element mispredicts half the time).
template <typename F>
void forEach(int64_t n, const float* __restrict x, float* __restrict y, F f) {
#pragma omp parallel for simd if (n > kParallelWork) firstprivate(f)  // shared, a capturing f is not inlined
  for (int64_t i = 0; i < n; i++) y[i] = f(x[i]);
}

void unary(int op, const float* x, float* y, int64_t n, double alpha, double beta) {
  // NaN in, NaN out: `v != v ? v : …` keeps the input NaN where the tfjs kernels return one.
  switch (op) {
    case kRelu: return forEach(n, x, y, [](float v) { return v != v ? v : (v > 0.f ? v : 0.f); });
    case kRelu6: return forEach(n, x, y, [](float v) { return v != v ? v : std::min(std::max(v, 0.f), 6.f); });
    case kStep: {
      const float a = static_cast<float>(alpha);
      return forEach(n, x, y, [a](float v) { return v != v ? v : (v > 0.f ? 1.f : a); });
    }
    case kClip:  // tfjs compares against the double bounds and stores the result as float32
      return forEach(n, x, y, [alpha, beta](float v) {
        const double d = v;
        return static_cast<float>(d > beta ? beta : (d < alpha ? alpha : d));
      });
    case kSqrt: return forEach(n, x, y, [](float v) { return std::sqrt(v); });
    case kSquare: return forEach(n, x, y, [](float v) { return v * v; });
    case kNeg: return forEach(n, x, y, [](float v) { return -v; });
    case kAbs: return forEach(n, x, y, [](float v) { return std::fabs(v); });
    case kExp: return forEach(n, x, y, [](float v) { return static_cast<float>(std::exp(static_cast<double>(v))); });
    case kLog: return forEach(n, x, y, [](float v) { return static_cast<float>(std::log(static_cast<double>(v))); });
    case kTanh: return forEach(n, x, y, [](float v) { return static_cast<float>(std::tanh(static_cast<double>(v))); });
    case kRsqrt: return forEach(n, x, y, [](float v) { return static_cast<float>(1.0 / std::sqrt(static_cast<double>(v))); });
    case kReciprocal: return forEach(n, x, y, [](float v) { return static_cast<float>(1.0 / static_cast<double>(v)); });
    case kSigmoid:
      return forEach(n, x, y, [](float v) { return static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(v)))); });
    case kElu:  // exp(x) - 1 in double, as JS computes it
      return forEach(n, x, y, [](float v) {
        return v >= 0.f ? v : static_cast<float>(std::exp(static_cast<double>(v)) - 1.0);
      });
    case kLeakyRelu:  // alpha stays a double, as in the stock kernel
      return forEach(n, x, y, [alpha](float v) { return v < 0.f ? static_cast<float>(alpha * v) : v; });
    case kFloor: return forEach(n, x, y, [](float v) { return std::floor(v); });
    default: rangeError("unknown unary op " + std::to_string(op));
  }
}

// A broadcast loop nest after merging dimensions: sizes and the element strides of a and b (0 = broadcast).
struct Nest {
  int64_t size[kMaxRank], sa[kMaxRank], sb[kMaxRank];
  size_t rank = 0;
};

std::vector<int64_t> shapeArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  auto s = ints(info, i, name, SIZE_MAX, 0, kMaxElements);
  if (s.size() > kMaxRank) rangeError(std::string(name) + " has rank above " + std::to_string(kMaxRank));
  return s;
}

int64_t product(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n = elements({n, d});
  return n;
}

/** Checks that `out` is the broadcast of `a` and `b`, and builds the merged loop nest. */
Nest broadcastNest(const std::vector<int64_t>& a, const std::vector<int64_t>& b, const std::vector<int64_t>& out) {
  const size_t R = out.size();
  if (a.size() > R || b.size() > R) rangeError("input rank exceeds output rank");
  int64_t strideA = 1, strideB = 1;
  int64_t size[kMaxRank], sa[kMaxRank], sb[kMaxRank];
  for (size_t k = R; k-- > 0;) {
    const int64_t da = k + a.size() >= R ? a[k + a.size() - R] : 1;
    const int64_t db = k + b.size() >= R ? b[k + b.size() - R] : 1;
    const int64_t want = da == 1 ? db : da;
    if ((da != 1 && db != 1 && da != db) || out[k] != want) rangeError("shapes do not broadcast to the output shape");
    size[k] = out[k];
    sa[k] = da == 1 ? 0 : strideA;
    sb[k] = db == 1 ? 0 : strideB;
    strideA *= da;
    strideB *= db;
  }
  Nest nest;
  for (size_t k = 0; k < R; k++) {
    if (size[k] == 1) continue;
    size_t last = nest.rank - 1;
    bool mergeable = nest.rank > 0 && nest.sa[last] == sa[k] * size[k] && nest.sb[last] == sb[k] * size[k];
    if (mergeable) {
      nest.size[last] *= size[k];
      nest.sa[last] = sa[k];
      nest.sb[last] = sb[k];
    } else {
      nest.size[nest.rank] = size[k];
      nest.sa[nest.rank] = sa[k];
      nest.sb[nest.rank] = sb[k];
      nest.rank++;
    }
  }
  if (nest.rank == 0) nest = Nest{{1}, {0}, {0}, 1};
  return nest;
}

template <typename A, typename B, typename Y, typename Op>
void broadcast(const Nest& nest, const A* a, const B* b, Y* y, int64_t total, Op op) {
  // Only captureless lambdas come here: shared across OpenMP threads, they still inline.
  const size_t inner = nest.rank - 1;
  const int64_t n = nest.size[inner], ia = nest.sa[inner], ib = nest.sb[inner];
  const int64_t rows = total / n;
#pragma omp parallel for if (total > kParallelWork)
  for (int64_t row = 0; row < rows; row++) {
    int64_t rest = row, oa = 0, ob = 0;
    for (size_t k = inner; k-- > 0;) {
      const int64_t idx = rest % nest.size[k];
      rest /= nest.size[k];
      oa += idx * nest.sa[k];
      ob += idx * nest.sb[k];
    }
    const A* __restrict pa = a + oa;
    const B* __restrict pb = b + ob;
    Y* __restrict py = y + row * n;
    if (ia == 1 && ib == 1) {
      for (int64_t i = 0; i < n; i++) py[i] = op(pa[i], pb[i]);
    } else if (ia == 1) {
      const B vb = pb[0];
      if (ib == 0) {
        for (int64_t i = 0; i < n; i++) py[i] = op(pa[i], vb);
      } else {
        for (int64_t i = 0; i < n; i++) py[i] = op(pa[i], pb[i * ib]);
      }
    } else if (ib == 1) {
      const A va = pa[0];
      if (ia == 0) {
        for (int64_t i = 0; i < n; i++) py[i] = op(va, pb[i]);
      } else {
        for (int64_t i = 0; i < n; i++) py[i] = op(pa[i * ia], pb[i]);
      }
    } else {
      for (int64_t i = 0; i < n; i++) py[i] = op(pa[i * ia], pb[i * ib]);
    }
  }
}

// Math.max/Math.min: NaN if either is NaN.
const auto jsMax = [](float a, float b) { return a != a ? a : (b != b ? b : (a > b ? a : b)); };
const auto jsMin = [](float a, float b) { return a != a ? a : (b != b ? b : (a < b ? a : b)); };

struct Shapes {
  std::vector<int64_t> a, b, out;
  int64_t total;
};

/** aShape, bShape, outShape at 2, 4, 6, checked to broadcast. */
Shapes binaryShapes(const Napi::CallbackInfo& info) {
  Shapes s{shapeArg(info, 2, "aShape"), shapeArg(info, 4, "bShape"), shapeArg(info, 6, "outShape"), 0};
  s.total = product(s.out);
  return s;
}

}  // namespace

// unary(op, x, out, alpha, beta): alpha is Step's value for x <= 0, LeakyRelu's slope and ClipByValue's minimum,
// beta ClipByValue's maximum.
Napi::Value UnaryKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "unary", [&] {
    int op = static_cast<int>(integer(info, 0, "op", 0, kFloor));
    if (!info[1].IsTypedArray()) typeError("argument 1 (x) must be a Float32Array");
    int64_t n = static_cast<int64_t>(info[1].As<Napi::TypedArray>().ElementLength());
    const float* x = floats(info, 1, "x", n);
    float* y = floats(info, 2, "out", n);
    unary(op, x, y, n, number(info, 3, "alpha"), number(info, 4, "beta"));
  });
}

// binary(op, a, aShape, b, bShape, out, outShape)
Napi::Value BinaryKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "binary", [&] {
    int op = static_cast<int>(integer(info, 0, "op", 0, kEluGrad));
    Shapes s = binaryShapes(info);
    const float* a = floats(info, 1, "a", product(s.a));
    const float* b = floats(info, 3, "b", product(s.b));
    const int64_t total = s.total;
    float* y = floats(info, 5, "out", total);
    if (total == 0) return;
    Nest nest = broadcastNest(s.a, s.b, s.out);
    switch (op) {
      case kAdd: return broadcast(nest, a, b, y, total, [](float p, float q) { return p + q; });
      case kSub: return broadcast(nest, a, b, y, total, [](float p, float q) { return p - q; });
      case kMul: return broadcast(nest, a, b, y, total, [](float p, float q) { return p * q; });
      case kDiv: return broadcast(nest, a, b, y, total, [](float p, float q) { return p / q; });
      case kMaximum: return broadcast(nest, a, b, y, total, jsMax);
      case kMinimum: return broadcast(nest, a, b, y, total, jsMin);
      case kPrelu: return broadcast(nest, a, b, y, total, [](float x, float alpha) { return x < 0.f ? alpha * x : x; });
      case kEluGrad:  // a = dy, b = elu's output y; dy·(y + 1) in double, as JS computes it
        return broadcast(nest, a, b, y, total, [](float dy, float v) {
          return v >= 0.f ? dy : static_cast<float>(dy * (static_cast<double>(v) + 1.0));
        });
    }
  });
}

// compare(op, a, aShape, b, bShape, out, outShape): float32 comparisons into a bool (Uint8Array) output, or
// logical and/or of two bool tensors. NaN compares false (and not-equal true), as in JS.
Napi::Value CompareKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "compare", [&] {
    int op = static_cast<int>(integer(info, 0, "op", 0, kLogicalOr));
    Shapes s = binaryShapes(info);
    uint8_t* y = bytes(info, 5, "out", s.total);
    const bool logical = op == kLogicalAnd || op == kLogicalOr;
    const float* a = logical ? nullptr : floats(info, 1, "a", product(s.a));
    const float* b = logical ? nullptr : floats(info, 3, "b", product(s.b));
    const uint8_t* p = logical ? bytes(info, 1, "a", product(s.a)) : nullptr;
    const uint8_t* q = logical ? bytes(info, 3, "b", product(s.b)) : nullptr;
    if (s.total == 0) return;
    Nest nest = broadcastNest(s.a, s.b, s.out);
    using u8 = uint8_t;
    switch (op) {
      case kEqual: return broadcast(nest, a, b, y, s.total, [](float u, float v) -> u8 { return u == v; });
      case kNotEqual: return broadcast(nest, a, b, y, s.total, [](float u, float v) -> u8 { return u != v; });
      case kGreater: return broadcast(nest, a, b, y, s.total, [](float u, float v) -> u8 { return u > v; });
      case kGreaterEqual: return broadcast(nest, a, b, y, s.total, [](float u, float v) -> u8 { return u >= v; });
      case kLess: return broadcast(nest, a, b, y, s.total, [](float u, float v) -> u8 { return u < v; });
      case kLessEqual: return broadcast(nest, a, b, y, s.total, [](float u, float v) -> u8 { return u <= v; });
      case kLogicalAnd: return broadcast(nest, p, q, y, s.total, [](u8 u, u8 v) -> u8 { return u && v; });
      case kLogicalOr: return broadcast(nest, p, q, y, s.total, [](u8 u, u8 v) -> u8 { return u || v; });
    }
  });
}

// select(condition, t, e, out): out[i] = condition[i] ? t[i] : e[i], all of one length.
Napi::Value SelectKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "select", [&] {
    if (!info[0].IsTypedArray()) typeError("argument 0 (condition) must be a Uint8Array");
    const int64_t n = static_cast<int64_t>(info[0].As<Napi::TypedArray>().ElementLength());
    const uint8_t* __restrict c = bytes(info, 0, "condition", n);
    const float* __restrict t = floats(info, 1, "t", n);
    const float* __restrict e = floats(info, 2, "e", n);
    float* __restrict y = floats(info, 3, "out", n);
#pragma omp parallel for simd if (n > kParallelWork)
    for (int64_t i = 0; i < n; i++) y[i] = c[i] == 1 ? t[i] : e[i];
  });
}

}  // namespace tfy
