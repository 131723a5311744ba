// Fused optimizer updates: one pass over a weight, its gradient and its slots writes the new weight and slots,
// where tfjs runs ~10 elementwise kernels (each a full pass and an allocation) per weight per step. Each update
// repeats tfjs 4.22's float32 arithmetic operation for operation (sgd_, momentum_, adam_, rmsprop_, adagrad_,
// adadelta_, adamax_optimizer.js),
// with its constants rounded to float32 as tfjs's scalar tensors are, and no fused multiply-add (built with
// -ffp-contract=off), so a fused step equals tfjs's step bit for bit.
#include <omp.h>

#include <cmath>
#include <vector>

#include "kernels.h"

namespace tfy {
namespace {

constexpr int64_t kParallelWork = 1 << 14;

enum Kind { kSgd, kMomentum, kAdam, kRMSProp, kAdagrad, kAdadelta, kAdamax };
constexpr size_t kParams[] = {1, 3, 9, 6, 2, 4, 5};

struct Update {
  int64_t n;
  const float* g;
  const float* w;  // the weight
  float* wOut;     // the new weight
  const float* slot[3];
  float* out[3];  // the new slots
  float p[9];
};

/** Slots per kind; RMSProp's third (the mean gradient) only when centered (its last parameter). */
size_t slotCount(int kind, const float* p) {
  switch (kind) {
    case kMomentum:
    case kAdagrad: return 1;
    case kAdam:
    case kAdadelta:
    case kAdamax: return 2;
    case kRMSProp: return p[5] != 0.f ? 3 : 2;
    default: return 0;
  }
}

void sgd(const Update& u) {
  const float c = u.p[0];
  const float *__restrict w = u.w, *__restrict g = u.g;
  float* __restrict wOut = u.wOut;
#pragma omp parallel for simd if (u.n > kParallelWork)
  for (int64_t i = 0; i < u.n; i++) wOut[i] = c * g[i] + w[i];
}

void momentum(const Update& u) {
  const float c = u.p[0], m = u.p[1];
  const bool nesterov = u.p[2] != 0.f;
  const float *__restrict w = u.w, *__restrict g = u.g;
  float* __restrict wOut = u.wOut;
  const float* __restrict acc = u.slot[0];
  float* __restrict accOut = u.out[0];
#pragma omp parallel for simd if (u.n > kParallelWork)
  for (int64_t i = 0; i < u.n; i++) {
    const float a = m * acc[i] + g[i];
    accOut[i] = a;
    wOut[i] = (nesterov ? c * (g[i] + a * m) : c * a) + w[i];
  }
}

// p: beta1, 1 - beta1, beta2, 1 - beta2, 1 - beta1^t, 1 - beta2^t, epsilon, -learningRate, AdamW's weight factor
void adam(const Update& u) {
  const float b1 = u.p[0], c1 = u.p[1], b2 = u.p[2], c2 = u.p[3], bc1 = u.p[4], bc2 = u.p[5], eps = u.p[6];
  const float negLr = u.p[7], keep = u.p[8];
  const bool decay = keep != 1.f;
  const float *__restrict w = u.w, *__restrict g = u.g;
  float* __restrict wOut = u.wOut;
  const float *__restrict m = u.slot[0], *__restrict v = u.slot[1];
  float *__restrict mOut = u.out[0], *__restrict vOut = u.out[1];
#pragma omp parallel for simd if (u.n > kParallelWork)
  for (int64_t i = 0; i < u.n; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * c1;
    const float vi = v[i] * b2 + (gi * gi) * c2;
    mOut[i] = mi;
    vOut[i] = vi;
    const float wi = decay ? w[i] * keep : w[i];
    wOut[i] = (mi / bc1) / (std::sqrt(vi / bc2) + eps) * negLr + wi;
  }
}

// p: decay, 1 - decay, momentum, learningRate, epsilon, centered
void rmsprop(const Update& u) {
  const float d = u.p[0], c = u.p[1], mom = u.p[2], lr = u.p[3], eps = u.p[4];
  const bool centered = u.p[5] != 0.f;
  const float *__restrict w = u.w, *__restrict g = u.g;
  float* __restrict wOut = u.wOut;
  const float *__restrict ms = u.slot[0], *__restrict mo = u.slot[1], *__restrict mg = u.slot[2];
  float *__restrict msOut = u.out[0], *__restrict moOut = u.out[1], *__restrict mgOut = u.out[2];
#pragma omp parallel for simd if (u.n > kParallelWork)
  for (int64_t i = 0; i < u.n; i++) {
    const float gi = g[i];
    const float s = ms[i] * d + (gi * gi) * c;
    msOut[i] = s;
    float denominator;
    if (centered) {
      const float a = mg[i] * d + gi * c;
      mgOut[i] = a;
      denominator = std::sqrt(s - (a * a + eps));  // tfjs's centered form: √(s − (a² + ε))
    } else {
      denominator = std::sqrt(s + eps);
    }
    const float o = mo[i] * mom + (gi * lr) / denominator;
    moOut[i] = o;
    wOut[i] = w[i] - o;
  }
}

// p: -learningRate, epsilon
void adagrad(const Update& u) {
  const float negLr = u.p[0], eps = u.p[1];
  const float *__restrict w = u.w, *__restrict g = u.g, *__restrict acc = u.slot[0];
  float *__restrict wOut = u.wOut, *__restrict accOut = u.out[0];
#pragma omp parallel for simd if (u.n > kParallelWork)
  for (int64_t i = 0; i < u.n; i++) {
    const float a = acc[i] + g[i] * g[i];
    accOut[i] = a;
    wOut[i] = g[i] / std::sqrt(a + eps) * negLr + w[i];
  }
}

// p: rho, 1 - rho, epsilon, -learningRate. As tfjs, the step reads the accumulated gradient before this update.
void adadelta(const Update& u) {
  const float rho = u.p[0], c = u.p[1], eps = u.p[2], negLr = u.p[3];
  const float *__restrict w = u.w, *__restrict g = u.g, *__restrict ag = u.slot[0], *__restrict au = u.slot[1];
  float *__restrict wOut = u.wOut, *__restrict agOut = u.out[0], *__restrict auOut = u.out[1];
#pragma omp parallel for simd if (u.n > kParallelWork)
  for (int64_t i = 0; i < u.n; i++) {
    const float gi = g[i];
    agOut[i] = ag[i] * rho + (gi * gi) * c;
    const float step = std::sqrt(au[i] + eps) / std::sqrt(ag[i] + eps) * gi;
    auOut[i] = au[i] * rho + (step * step) * c;
    wOut[i] = step * negLr + w[i];
  }
}

// p: beta1, 1 - beta1, beta2, epsilon, the step's factor lr / (1 - beta1^t) (negative; computed by the caller)
void adamax(const Update& u) {
  const float b1 = u.p[0], c1 = u.p[1], b2 = u.p[2], eps = u.p[3], factor = u.p[4];
  const float *__restrict w = u.w, *__restrict g = u.g, *__restrict m = u.slot[0], *__restrict v = u.slot[1];
  float *__restrict wOut = u.wOut, *__restrict mOut = u.out[0], *__restrict vOut = u.out[1];
#pragma omp parallel for simd if (u.n > kParallelWork)
  for (int64_t i = 0; i < u.n; i++) {
    const float gi = g[i];
    const float mi = m[i] * b1 + gi * c1;
    const float decayed = v[i] * b2, magnitude = std::fabs(gi);
    // Math.max: NaN when either is NaN
    const float vi = decayed != decayed ? decayed : (magnitude != magnitude ? magnitude : std::max(decayed, magnitude));
    mOut[i] = mi;
    vOut[i] = vi;
    wOut[i] = factor * (mi / (vi + eps)) + w[i];
  }
}

/** An array of Float32Arrays of length n each. */
std::vector<float*> arrays(const Napi::CallbackInfo& info, size_t i, const char* name, size_t count, int64_t n) {
  if (!info[i].IsArray()) typeError(argName(i, name) + " must be an array of Float32Arrays");
  auto list = info[i].As<Napi::Array>();
  if (list.Length() != count) {
    rangeError(argName(i, name) + " must have " + std::to_string(count) + " entries, got " +
               std::to_string(list.Length()));
  }
  std::vector<float*> out;
  for (uint32_t k = 0; k < count; k++) {
    Napi::Value item = list[k];
    if (!item.IsTypedArray() || item.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
      typeError(argName(i, name) + "[" + std::to_string(k) + "] must be a Float32Array");
    }
    auto array = item.As<Napi::Float32Array>();
    if (static_cast<int64_t>(array.ElementLength()) != n) {
      rangeError(argName(i, name) + "[" + std::to_string(k) + "] has " + std::to_string(array.ElementLength()) +
                 " elements, expected " + std::to_string(n));
    }
    out.push_back(array.Data());
  }
  return out;
}

}  // namespace

// optimizerUpdate(kind, gradient, value, slots, out, params): out[0] is the new weight, out[1…] the new slots, in
// the order of `slots`; every array has the gradient's length. Slots: Momentum and Adagrad 1, Adam, Adadelta and
// Adamax 2, RMSProp 2 (centered 3).
Napi::Value OptimizerUpdateKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "optimizerUpdate", [&] {
    const int kind = static_cast<int>(integer(info, 0, "kind", kSgd, kAdamax));
    if (!info[5].IsArray() || info[5].As<Napi::Array>().Length() != kParams[kind]) {
      typeError(argName(5, "params") + " must be an array of " + std::to_string(kParams[kind]) + " numbers");
    }
    Update u{};
    auto params = info[5].As<Napi::Array>();
    for (uint32_t k = 0; k < kParams[kind]; k++) {
      Napi::Value v = params[k];
      if (!v.IsNumber()) typeError(argName(5, "params") + "[" + std::to_string(k) + "] must be a number");
      u.p[k] = static_cast<float>(v.As<Napi::Number>().DoubleValue());  // tfjs's scalars are float32
    }
    if (!info[1].IsTypedArray()) typeError("argument 1 (gradient) must be a Float32Array");
    u.n = static_cast<int64_t>(info[1].As<Napi::TypedArray>().ElementLength());
    u.g = floats(info, 1, "gradient", u.n);
    u.w = floats(info, 2, "value", u.n);
    const size_t slots = slotCount(kind, u.p);
    auto in = arrays(info, 3, "slots", slots, u.n);
    auto out = arrays(info, 4, "out", slots + 1, u.n);
    u.wOut = out[0];
    for (size_t k = 0; k < slots; k++) {
      u.slot[k] = in[k];
      u.out[k] = out[k + 1];
    }
    switch (kind) {
      case kSgd: return sgd(u);
      case kMomentum: return momentum(u);
      case kAdam: return adam(u);
      case kRMSProp: return rmsprop(u);
      case kAdagrad: return adagrad(u);
      case kAdadelta: return adadelta(u);
      case kAdamax: return adamax(u);
    }
  });
}

}  // namespace tfy
