// Fused recurrent layers (LSTM, GRU, SimpleRNN): one call runs a whole sequence forward, one runs backpropagation
// through time, where tfjs-layers runs ~15 small kernels per time step (each with ~0.2 ms of fixed cost). The
// arithmetic is tfjs-layers 4.22's cells (recurrent.js: rnn(), LSTMCell/GRUCell/SimpleRNNCell.call). The input
// projection of every step is one big GEMM; only the recurrence (h·R forward, dG·Rᵀ backward) is a small GEMM per
// step; the weight gradients are big GEMMs after the backward loop.
#include <dnnl.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

enum Kind { kLSTM, kGRU, kSimpleRNN };
constexpr int64_t kGates[] = {4, 3, 1};  // lstm: i, f, c, o; gru: z, r, h; simpleRNN: one
enum Activation { kTanh, kSigmoid, kHardSigmoid, kRelu, kLinear };

// The step loop takes a thread per this much of a step's work (samples × G·U) at least.
constexpr int64_t kParallelWork = 1 << 12;

// exp, tanh and sigmoid without libm calls, so that the loops over a row vectorize (libm's tanhf/expf are scalar
// calls, ~70% of a step's time). Cephes' expf and tanhf: relative error ~1e-7, as libm's.
// NaN propagates (comparisons, not fmin/fmax), as in tfjs, so that a diverging run still shows NaN.
inline float expApprox(float x) {
  x = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
  const float n = (x * 1.44269504088896341f + 12582912.f) - 12582912.f;  // round to nearest (floor does not vectorize)
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * (r * r) + r + 1.f;
  const int32_t bits = ((n == n ? static_cast<int32_t>(n) : 0) + 127) << 23;
  return y * __builtin_bit_cast(float, bits);  // 2^n (std::memcpy does not vectorize)
}

inline float tanhApprox(float x) {
  const float ax = std::fabs(x);
  const float z = x * x;
  const float small = ((((-5.70498872745e-3f * z + 2.06390887954e-2f) * z - 5.37397155531e-2f) * z +
                        1.33314422036e-1f) * z - 3.33332819422e-1f) * z * x + x;
  const float large = std::copysign(1.f - 2.f / (expApprox(2.f * ax) + 1.f), x);
  return ax < 0.625f ? small : large;
}

/** a(in) into out, n values; out may be in. One loop per activation, each vectorized. */
void activate(int a, const float* in, float* out, int64_t n) {
  switch (a) {
    case kTanh:
      for (int64_t j = 0; j < n; j++) out[j] = tanhApprox(in[j]);
      break;
    case kSigmoid:
      for (int64_t j = 0; j < n; j++) out[j] = 1.f / (1.f + expApprox(-in[j]));
      break;
    case kHardSigmoid:
      for (int64_t j = 0; j < n; j++) {
        const float y = 0.2f * in[j] + 0.5f;
        out[j] = y < 0.f ? 0.f : (y > 1.f ? 1.f : y);
      }
      break;
    case kRelu:
      for (int64_t j = 0; j < n; j++) out[j] = in[j] < 0.f ? 0.f : in[j];
      break;
    default:
      if (out != in) std::copy(in, in + n, out);
  }
}

/**
 * An activation's derivative from its output y: c0 + c1·y + c2·y² where lo < y < hi, else 0. One branch-free form
 * for all five, so that the backward loops vectorize; a NaN y gives NaN.
 */
struct Slope {
  float c0, c1, c2, lo, hi;
  float operator()(float y) const {
    const float d = c0 + y * (c1 + c2 * y);
    return (y <= lo) | (y >= hi) ? 0.f : d;  // | not ||: both compares run, so the loops if-convert
  }
};

Slope slopeOf(int a) {
  constexpr float inf = std::numeric_limits<float>::infinity();
  switch (a) {
    case kTanh: return {1.f, 0.f, -1.f, -inf, inf};     // 1 − y²
    case kSigmoid: return {0.f, 1.f, -1.f, -inf, inf};  // y(1 − y)
    case kHardSigmoid: return {0.2f, 0.f, 0.f, 0.f, 1.f};
    case kRelu: return {1.f, 0.f, 0.f, 0.f, inf};
    default: return {1.f, 0.f, 0.f, -inf, inf};
  }
}

/** Row-major C = op(A)·op(B) + beta·C over oneDNN's sgemm. */
void gemm(bool ta, bool tb, int64_t M, int64_t N, int64_t K, const float* A, int64_t lda, const float* B,
          int64_t ldb, float beta, float* C, int64_t ldc) {
  dnnl_status_t s = dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', M, N, K, 1.f, A, lda, B, ldb, beta, C, ldc);
  if (s != dnnl_success) throw std::runtime_error("dnnl_sgemm failed with status " + std::to_string(s));
}

struct Layer {
  int kind;
  int64_t B, T, I, U, G;
  int act, ract;
  Slope dAct, dRact;  // their derivatives
  bool backwards, sequences;
  const float* x;  // [B, T, I]
  const float* W;  // [I, G·U]
  const float* R;  // [U, G·U]
  const float* mask;  // [B, T] or null

  int64_t GU() const { return G * U; }
  /** The input's time index of the k-th processed step. */
  int64_t time(int64_t k) const { return backwards ? T - 1 - k : k; }
  bool counts(int64_t b, int64_t t) const { return mask == nullptr || mask[b * T + t] != 0.f; }
};

/** An array of Float32Arrays with the given lengths. */
std::vector<float*> arrays(const Napi::CallbackInfo& info, size_t i, const char* name,
                           const std::vector<int64_t>& lengths) {
  if (i >= info.Length() || !info[i].IsArray()) typeError(argName(i, name) + " must be an array of Float32Arrays");
  auto list = info[i].As<Napi::Array>();
  if (list.Length() != lengths.size()) {
    rangeError(argName(i, name) + " must have " + std::to_string(lengths.size()) + " entries, got " +
               std::to_string(list.Length()));
  }
  std::vector<float*> out;
  for (uint32_t k = 0; k < lengths.size(); k++) {
    Napi::Value item = list[k];
    if (!item.IsTypedArray() || item.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
      typeError(argName(i, name) + "[" + std::to_string(k) + "] must be a Float32Array");
    }
    auto array = item.As<Napi::Float32Array>();
    if (static_cast<int64_t>(array.ElementLength()) != lengths[k]) {
      rangeError(argName(i, name) + "[" + std::to_string(k) + "] has " + std::to_string(array.ElementLength()) +
                 " elements, expected " + std::to_string(lengths[k]));
    }
    out.push_back(array.Data());
  }
  return out;
}

/** Kind, shape [B, T, I, U] and flags [activation, recurrentActivation, goBackwards, returnSequences]. */
Layer parseLayer(const Napi::CallbackInfo& info, size_t shapeArg, size_t flagsArg) {
  Layer l{};
  l.kind = static_cast<int>(integer(info, 0, "kind", kLSTM, kSimpleRNN));
  auto shape = ints(info, shapeArg, "shape", 4, 1);
  l.B = shape[0], l.T = shape[1], l.I = shape[2], l.U = shape[3], l.G = kGates[l.kind];
  elements({l.B, l.T, l.I});
  elements({l.B, l.T, l.G, l.U});
  elements({l.U, l.G, l.U});
  elements({l.I, l.G, l.U});
  auto flags = ints(info, flagsArg, "flags", 4);
  for (int k = 0; k < 2; k++) {
    if (flags[k] > kLinear) rangeError("flags[" + std::to_string(k) + "] (an activation) must be in [0, 4]");
  }
  for (int k = 2; k < 4; k++) {
    if (flags[k] > 1) rangeError("flags[" + std::to_string(k) + "] must be 0 or 1");
  }
  l.act = static_cast<int>(flags[0]), l.ract = static_cast<int>(flags[1]);
  l.dAct = slopeOf(l.act), l.dRact = slopeOf(l.ract);
  l.backwards = flags[2] != 0, l.sequences = flags[3] != 0;
  return l;
}

/** Lengths of the saved tensors: lstm states, cells, gates; gru states, gates; simpleRNN states. */
std::vector<int64_t> savedLengths(const Layer& l) {
  const int64_t steps = l.T * l.B * l.U;
  if (l.kind == kLSTM) return {steps, steps, steps * 4};
  if (l.kind == kGRU) return {steps, steps * 3};
  return {steps};
}

struct Saved {
  float* states;  // [T, B, U] carried h after each processed step
  float* cells;   // lstm: [T, B, U] carried c
  float* gates;   // lstm [T, B, 4U], gru [T, B, 3U]: post-activation
};

Saved savedOf(const Layer& l, const std::vector<float*>& s) {
  if (l.kind == kLSTM) return {s[0], s[1], s[2]};
  if (l.kind == kGRU) return {s[0], nullptr, s[1]};
  return {s[0], nullptr, nullptr};
}

// The batch is split into one slice of rows per thread for the whole sequence: samples do not interact, so the
// threads never wait for each other, where a parallel loop (or a threaded GEMM) per step would wake them 2-3 times
// per step, costing more than a step's work at these sizes ([64×64]·[64×256]: 10 µs on one thread, ~30 µs on two).
struct Rows {
  int64_t b0, b1;
  int64_t n() const { return b1 - b0; }
};

/** Threads for the step loop: one per kParallelWork of a step's work, at most the OpenMP thread count and B. */
int stepThreads(const Layer& l) {
  const int64_t byWork = l.B * l.GU() / kParallelWork;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>({omp_get_max_threads(), byWork, l.B})));
}

/**
 * The calling thread's rows of B within a parallel region; the thread's sgemm calls then stay on it (a team of one is
 * no parallel region to oneDNN, which would start a nested team per call: 99 µs instead of 10 µs per step GEMM).
 */
Rows myRows(int64_t B) {
  const int64_t n = omp_get_num_threads(), i = omp_get_thread_num();
  omp_set_num_threads(1);  // this implicit task's setting only
  return {B * i / n, B * (i + 1) / n};
}

// One forward step of each cell over rows r: reads the step's input projection xw (x·W, bias not yet added) and the
// carried h (and c), writes the gates and the new carried state of the samples whose mask counts.

void lstmStep(const Layer& l, Rows r, int64_t k, const float* xw, const float* bias, float* h, float* c, float* hr,
              const Saved& s) {
  const int64_t U = l.U, GU = l.GU(), t = l.time(k);
  gemm(false, false, r.n(), GU, U, h + r.b0 * U, U, l.R, GU, 0.f, hr + r.b0 * GU, GU);
  for (int64_t b = r.b0; b < r.b1; b++) {
    const float* xr = xw + (b * l.T + t) * GU;
    const float* hrr = hr + b * GU;
    float* gate = s.gates + (k * l.B + b) * GU;
    for (int64_t j = 0; j < GU; j++) gate[j] = (xr[j] + hrr[j]) + bias[j];  // tfjs: (x·W + h·R) + b
    activate(l.ract, gate, gate, 2 * U);                                      // i, f
    activate(l.act, gate + 2 * U, gate + 2 * U, U);
    activate(l.ract, gate + 3 * U, gate + 3 * U, U);  // o
    if (!l.counts(b, t)) continue;
    float *hb = h + b * U, *cb = c + b * U;
    for (int64_t j = 0; j < U; j++) cb[j] = gate[U + j] * cb[j] + gate[j] * gate[2 * U + j];
    activate(l.act, cb, hb, U);
    for (int64_t j = 0; j < U; j++) hb[j] *= gate[3 * U + j];
  }
}

void gruStep(const Layer& l, Rows r, int64_t k, const float* xw, const float* bias, float* h, float* hr, float* rh,
             const Saved& s) {
  const int64_t U = l.U, GU = l.GU(), t = l.time(k);
  gemm(false, false, r.n(), 2 * U, U, h + r.b0 * U, U, l.R, GU, 0.f, hr + r.b0 * GU, GU);  // h·R[:, :2U]
  for (int64_t b = r.b0; b < r.b1; b++) {
    const float* xr = xw + (b * l.T + t) * GU;
    const float* hrr = hr + b * GU;
    float* gate = s.gates + (k * l.B + b) * GU;
    for (int64_t j = 0; j < 2 * U; j++) gate[j] = (xr[j] + bias[j]) + hrr[j];  // tfjs: (x·W + b) + h·R
    activate(l.ract, gate, gate, 2 * U);                                        // z, r
    for (int64_t j = 0; j < U; j++) rh[b * U + j] = gate[U + j] * h[b * U + j];
  }
  // (r·h)·R[:, 2U:]
  gemm(false, false, r.n(), U, U, rh + r.b0 * U, U, l.R + 2 * U, GU, 0.f, hr + r.b0 * GU + 2 * U, GU);
  for (int64_t b = r.b0; b < r.b1; b++) {
    const float* xr = xw + (b * l.T + t) * GU + 2 * U;
    const float* hrr = hr + b * GU + 2 * U;
    float* gate = s.gates + (k * l.B + b) * GU;
    float* hh = gate + 2 * U;
    for (int64_t j = 0; j < U; j++) hh[j] = (xr[j] + bias[2 * U + j]) + hrr[j];
    activate(l.act, hh, hh, U);
    if (!l.counts(b, t)) continue;
    float* hb = h + b * U;
    for (int64_t j = 0; j < U; j++) hb[j] = gate[j] * hb[j] + (1.f - gate[j]) * hh[j];
  }
}

void simpleStep(const Layer& l, Rows r, int64_t k, const float* xw, const float* bias, float* h, float* hr) {
  const int64_t U = l.U, t = l.time(k);
  gemm(false, false, r.n(), U, U, h + r.b0 * U, U, l.R, U, 0.f, hr + r.b0 * U, U);
  for (int64_t b = r.b0; b < r.b1; b++) {
    if (!l.counts(b, t)) continue;
    const float* xr = xw + (b * l.T + t) * U;
    float* hb = h + b * U;
    for (int64_t j = 0; j < U; j++) hb[j] = (xr[j] + bias[j]) + hr[b * U + j];
    activate(l.act, hb, hb, U);
  }
}

void forward(const Layer& l, const float* bias, float* output, const Saved& s) {
  const int64_t B = l.B, T = l.T, U = l.U, GU = l.GU();
  std::vector<float> xw(B * T * GU), h(B * U, 0.f), c(B * U, 0.f), hr(B * GU), rh(B * U);
  gemm(false, false, B * T, GU, l.I, l.x, l.I, l.W, GU, 0.f, xw.data(), GU);
#pragma omp parallel num_threads(stepThreads(l))
  {
    const Rows r = myRows(B);
    for (int64_t k = 0; k < T; k++) {
      if (l.kind == kLSTM) lstmStep(l, r, k, xw.data(), bias, h.data(), c.data(), hr.data(), s);
      if (l.kind == kGRU) gruStep(l, r, k, xw.data(), bias, h.data(), hr.data(), rh.data(), s);
      if (l.kind == kSimpleRNN) simpleStep(l, r, k, xw.data(), bias, h.data(), hr.data());
      std::copy(&h[r.b0 * U], &h[r.b1 * U], s.states + (k * B + r.b0) * U);
      if (s.cells) std::copy(&c[r.b0 * U], &c[r.b1 * U], s.cells + (k * B + r.b0) * U);
      for (int64_t b = r.b0; l.sequences && b < r.b1; b++) {
        std::copy(&h[b * U], &h[b * U] + U, output + (b * T + k) * U);
      }
    }
    if (!l.sequences) std::copy(&h[r.b0 * U], &h[r.b1 * U], output + r.b0 * U);
  }
}

// Backpropagation through time. dG [B·T, G·U] holds the gradient of each step's pre-activations, at the row of the
// step's input (b·T + t), so dx, dKernel and dBias come from it with one pass each; hPrev holds the h each step read,
// at the same rows, for dRecurrentKernel. A sample's step that does not count passes dh (and dc) straight through
// and leaves its dG row zero. The step loop runs on rows as the forward's does.
struct Backward {
  const Layer& l;
  const Saved& s;
  std::vector<float> dG, hPrev, rh, dh, dc, tmp, direct, zeros;

  Backward(const Layer& layer, const Saved& saved)
      : l(layer), s(saved), dG(l.B * l.T * l.GU(), 0.f), hPrev(l.B * l.T * l.U, 0.f),
        rh(l.kind == kGRU ? l.B * l.T * l.U : 0, 0.f), dh(l.B * l.U, 0.f), dc(l.B * l.U, 0.f), tmp(l.B * l.U),
        direct(l.B * l.U), zeros(l.B * l.U, 0.f) {}

  const float* prev(const float* seq, int64_t k) const { return k > 0 ? seq + (k - 1) * l.B * l.U : zeros.data(); }
  float* dGRow(int64_t b, int64_t t) { return dG.data() + (b * l.T + t) * l.GU(); }

  /** dh of the rows' samples whose step counted: dG_t[:, :K] · R[:, :K]ᵀ (plus `direct`, when given). */
  void recurrence(Rows r, int64_t t, int64_t K, const float* direct) {
    const int64_t U = l.U, GU = l.GU();
    gemm(false, true, r.n(), U, K, dGRow(r.b0, t), l.T * GU, l.R, GU, 0.f, tmp.data() + r.b0 * U, U);
    for (int64_t b = r.b0; b < r.b1; b++) {
      if (!l.counts(b, t)) continue;
      for (int64_t j = 0; j < U; j++) dh[b * U + j] = tmp[b * U + j] + (direct ? direct[b * U + j] : 0.f);
    }
  }

  void lstm(Rows r, int64_t k) {
    const Slope da = l.dAct, dra = l.dRact;
    const int64_t U = l.U, GU = l.GU(), t = l.time(k);
    const float *hp = prev(s.states, k), *cp = prev(s.cells, k);
    for (int64_t b = r.b0; b < r.b1; b++) {
      if (!l.counts(b, t)) continue;
      const float* gate = s.gates + (k * l.B + b) * GU;
      const float* cn = s.cells + (k * l.B + b) * U;
      float* dg = dGRow(b, t);
      std::copy(hp + b * U, hp + (b + 1) * U, hPrev.data() + (b * l.T + t) * U);
      float* acs = tmp.data() + b * U;  // a(c), recomputed from the saved c
      activate(l.act, cn, acs, U);
#pragma omp simd  // GCC does not vectorize it unasked
      for (int64_t j = 0; j < U; j++) {
        const float i = gate[j], f = gate[U + j], g = gate[2 * U + j], o = gate[3 * U + j];
        const float ac = acs[j], dhj = dh[b * U + j];
        const float dct = dc[b * U + j] + dhj * o * da(ac);
        dc[b * U + j] = dct * f;
        dg[j] = dct * g * dra(i);
        dg[U + j] = dct * cp[b * U + j] * dra(f);
        dg[2 * U + j] = dct * i * da(g);
        dg[3 * U + j] = dhj * ac * dra(o);
      }
    }
    recurrence(r, t, GU, nullptr);
  }

  void gru(Rows r, int64_t k) {
    const Slope da = l.dAct, dra = l.dRact;
    const int64_t U = l.U, GU = l.GU(), t = l.time(k);
    const float* hp = prev(s.states, k);
    for (int64_t b = r.b0; b < r.b1; b++) {
      if (!l.counts(b, t)) continue;
      const float* gate = s.gates + (k * l.B + b) * GU;
      float* dg = dGRow(b, t);
      const int64_t row = (b * l.T + t) * U;
      std::copy(hp + b * U, hp + (b + 1) * U, hPrev.data() + row);
#pragma omp simd
      for (int64_t j = 0; j < U; j++) {
        const float z = gate[j], r = gate[U + j], hh = gate[2 * U + j], h0 = hp[b * U + j], dhj = dh[b * U + j];
        dg[j] = dhj * (h0 - hh) * dra(z);
        dg[2 * U + j] = dhj * (1.f - z) * da(hh);
        direct[b * U + j] = dhj * z;
        rh[row + j] = r * h0;
      }
    }
    // d(r·h) = dG_hh · R[:, 2U:]ᵀ
    gemm(false, true, r.n(), U, U, dGRow(r.b0, t) + 2 * U, l.T * GU, l.R + 2 * U, GU, 0.f, tmp.data() + r.b0 * U, U);
    for (int64_t b = r.b0; b < r.b1; b++) {
      if (!l.counts(b, t)) continue;
      const float* gate = s.gates + (k * l.B + b) * GU;
      float* dg = dGRow(b, t);
      for (int64_t j = 0; j < U; j++) {
        const float drh = tmp[b * U + j], rj = gate[U + j];
        dg[U + j] = drh * hp[b * U + j] * dra(rj);
        direct[b * U + j] += drh * rj;
      }
    }
    recurrence(r, t, 2 * U, direct.data());  // dG_zr · R[:, :2U]ᵀ
  }

  void simple(Rows r, int64_t k) {
    const Slope da = l.dAct;
    const int64_t U = l.U, t = l.time(k);
    const float* hp = prev(s.states, k);
    for (int64_t b = r.b0; b < r.b1; b++) {
      if (!l.counts(b, t)) continue;
      const float* hn = s.states + (k * l.B + b) * U;
      float* dg = dGRow(b, t);
      std::copy(hp + b * U, hp + (b + 1) * U, hPrev.data() + (b * l.T + t) * U);
      for (int64_t j = 0; j < U; j++) dg[j] = dh[b * U + j] * da(hn[j]);
    }
    recurrence(r, t, U, nullptr);
  }

  void run(const float* dy, float* dx, float* dKernel, float* dRecurrent, float* dBias) {
    const int64_t B = l.B, T = l.T, U = l.U, GU = l.GU();
#pragma omp parallel num_threads(stepThreads(l))
    {
      const Rows r = myRows(B);
      for (int64_t k = T - 1; k >= 0; k--) {
        for (int64_t b = r.b0; b < r.b1; b++) {
          const float* d = l.sequences ? dy + (b * T + k) * U : (k == T - 1 ? dy + b * U : nullptr);
          for (int64_t j = 0; d && j < U; j++) dh[b * U + j] += d[j];
        }
        if (l.kind == kLSTM) lstm(r, k);
        if (l.kind == kGRU) gru(r, k);
        if (l.kind == kSimpleRNN) simple(r, k);
      }
    }
    gemm(false, true, B * T, l.I, GU, dG.data(), GU, l.W, GU, 0.f, dx, l.I);
    gemm(true, false, l.I, GU, B * T, l.x, l.I, dG.data(), GU, 0.f, dKernel, GU);
    if (l.kind == kGRU) {
      gemm(true, false, U, 2 * U, B * T, hPrev.data(), U, dG.data(), GU, 0.f, dRecurrent, GU);
      gemm(true, false, U, U, B * T, rh.data(), U, dG.data() + 2 * U, GU, 0.f, dRecurrent + 2 * U, GU);
    } else {
      gemm(true, false, U, GU, B * T, hPrev.data(), U, dG.data(), GU, 0.f, dRecurrent, GU);
    }
    std::vector<double> sums(GU, 0.0);
    for (int64_t row = 0; row < B * T; row++) {
      for (int64_t j = 0; j < GU; j++) sums[j] += dG[row * GU + j];
    }
    for (int64_t j = 0; j < GU; j++) dBias[j] = static_cast<float>(sums[j]);
  }
};

/** x, kernel, recurrentKernel and mask at arguments first…first+2 and maskArg. */
void readInputs(const Napi::CallbackInfo& info, Layer& l, size_t first, size_t maskArg) {
  l.x = floats(info, first, "x", elements({l.B, l.T, l.I}));
  l.W = floats(info, first + 1, "kernel", elements({l.I, l.G, l.U}));
  l.R = floats(info, first + 2, "recurrentKernel", elements({l.U, l.G, l.U}));
  l.mask = optionalFloats(info, maskArg, "mask", elements({l.B, l.T}));
}

}  // namespace

// recurrentForward(kind, x, kernel, recurrentKernel, bias, mask | null, outs, [B, T, I, U], flags): kind 0 lstm,
// 1 gru, 2 simpleRNN; outs = [output, ...saved] (saved: lstm states, cells, gates; gru states, gates; simpleRNN
// states); flags = [activation, recurrentActivation, goBackwards, returnSequences], activations 0 tanh, 1 sigmoid,
// 2 hardSigmoid, 3 relu, 4 linear.
Napi::Value RecurrentForwardKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "recurrentForward", [&] {
    Layer l = parseLayer(info, 7, 8);
    readInputs(info, l, 1, 5);
    const float* bias = floats(info, 4, "bias", elements({l.G, l.U}));
    std::vector<int64_t> lengths{l.sequences ? elements({l.B, l.T, l.U}) : elements({l.B, l.U})};
    for (int64_t n : savedLengths(l)) lengths.push_back(n);
    auto outs = arrays(info, 6, "outs", lengths);
    forward(l, bias, outs[0], savedOf(l, {outs.begin() + 1, outs.end()}));
  });
}

// recurrentBackward(kind, dy, x, kernel, recurrentKernel, mask | null, saved, outs, [B, T, I, U], flags): saved as
// recurrentForward wrote it; outs = [dx, dKernel, dRecurrentKernel, dBias].
Napi::Value RecurrentBackwardKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "recurrentBackward", [&] {
    Layer l = parseLayer(info, 8, 9);
    readInputs(info, l, 2, 5);
    const float* dy = floats(info, 1, "dy", l.sequences ? elements({l.B, l.T, l.U}) : elements({l.B, l.U}));
    Saved s = savedOf(l, arrays(info, 6, "saved", savedLengths(l)));
    auto outs = arrays(info, 7, "outs",
                       {elements({l.B, l.T, l.I}), elements({l.I, l.G, l.U}), elements({l.U, l.G, l.U}),
                        elements({l.G, l.U})});
    Backward(l, s).run(dy, outs[0], outs[1], outs[2], outs[3]);
  });
}

}  // namespace tfy
