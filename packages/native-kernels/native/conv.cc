// Conv2D forward (optionally + bias + relu), backward-data and backward-weights over oneDNN, in tfjs' own layouts:
// activations NHWC, filters HWIO. Filters are small, so they are reordered per call to whatever blocked layout the
// chosen primitive prefers; activations stay NHWC (oneDNN's brgconv kernels take it directly).
// Depthwise convolutions are the same primitives grouped (one group per input channel); tfjs' depthwise filter
// [KH, KW, C, M] is described to oneDNN by strides, and output channel c * M + m is oneDNN's group c, output m.
#include "kernels.h"
#include "onednn.h"

namespace tfy {
namespace {

using namespace dnnl;

// [N, H, W, C, OC, KH, KW, OH, OW, SH, SW, DH, DW, PT, PL, PB, PR]; G groups (1, or C for depthwise)
struct ConvShape {
  int64_t N, H, W, C, OC, KH, KW, OH, OW, SH, SW, DH, DW, PT, PL, PB, PR;
  std::vector<int64_t> raw;
  int64_t G = 1;

  memory::desc src() const { return {{N, C, H, W}, dt::f32, tag::nhwc}; }
  memory::desc dst() const { return {{N, OC, OH, OW}, dt::f32, tag::nhwc}; }
  memory::desc weightsUser() const {
    if (G == 1) return {{OC, C, KH, KW}, dt::f32, tag::hwio};
    const int64_t M = OC / G;  // tfjs [KH, KW, C, M] as oneDNN's [G = C, M, 1, KH, KW]
    return {{G, M, 1, KH, KW}, dt::f32, memory::dims{M, 1, 1, KW * OC, OC}};
  }
  memory::desc weightsAny() const {
    if (G == 1) return {{OC, C, KH, KW}, dt::f32, tag::any};
    return {{G, OC / G, C / G, KH, KW}, dt::f32, tag::any};
  }
  memory::dims strides() const { return {SH, SW}; }
  memory::dims dilates() const { return {DH - 1, DW - 1}; }  // oneDNN counts dilation from 0
  memory::dims padL() const { return {PT, PL}; }
  memory::dims padR() const { return {PB, PR}; }
  int64_t xSize() const { return elements({N, H, W, C}); }
  int64_t wSize() const { return elements({KH, KW, C, OC / G}); }
  int64_t ySize() const { return elements({N, OH, OW, OC}); }
};

int64_t outDim(int64_t in, int64_t k, int64_t stride, int64_t dilation, int64_t padBefore, int64_t padAfter) {
  int64_t span = in + padBefore + padAfter - ((k - 1) * dilation + 1);
  return span < 0 ? -1 : span / stride + 1;
}

ConvShape convShape(const Napi::CallbackInfo& info, size_t i, bool depthwise) {
  auto p = ints(info, i, "shape", 17);
  for (int k = 0; k < 13; k++) {
    if (p[k] < 1) rangeError("shape[" + std::to_string(k) + "] must be at least 1");
  }
  ConvShape s{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16], p};
  if (depthwise) {
    if (s.OC % s.C != 0) rangeError("depthwise output channels must be a multiple of the input channels");
    s.G = s.C;
    s.raw.push_back(s.G);  // the cache key tells grouped from plain
  }
  if (s.PT >= (s.KH - 1) * s.DH + 1 || s.PB >= (s.KH - 1) * s.DH + 1 || s.PL >= (s.KW - 1) * s.DW + 1 ||
      s.PR >= (s.KW - 1) * s.DW + 1) {
    rangeError("padding must be smaller than the dilated filter");
  }
  if (outDim(s.H, s.KH, s.SH, s.DH, s.PT, s.PB) != s.OH || outDim(s.W, s.KW, s.SW, s.DW, s.PL, s.PR) != s.OW) {
    rangeError("output size does not follow from input, filter, strides, dilations and padding");
  }
  s.xSize(), s.wSize(), s.ySize();  // throws on overflow
  return s;
}

convolution_forward::primitive_desc forwardDesc(const ConvShape& s, prop_kind kind, bool bias, bool relu) {
  primitive_attr attr;
  if (relu) {
    post_ops ops;
    ops.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
    attr.set_post_ops(ops);
  }
  auto d = bias ? convolution_forward::desc(kind, algorithm::convolution_direct, s.src(), s.weightsAny(),
                                             memory::desc({s.OC}, dt::f32, tag::x), s.dst(), s.strides(),
                                             s.dilates(), s.padL(), s.padR())
                : convolution_forward::desc(kind, algorithm::convolution_direct, s.src(), s.weightsAny(), s.dst(),
                                            s.strides(), s.dilates(), s.padL(), s.padR());
  return {d, attr, cpuEngine()};
}

/** Runs `from` → `to` when the layouts differ; returns the memory to use. */
memory reordered(memory from, const memory::desc& want, memory& scratch) {
  if (from.get_desc() == want) return from;
  if (!scratch || scratch.get_desc() != want) scratch = memory(want, cpuEngine());
  reorder(from, scratch).execute(cpuStream(), from, scratch);
  return scratch;
}

struct Forward {
  convolution_forward::primitive_desc pd;
  convolution_forward prim;
  memory weights;
};

struct BackwardData {
  convolution_backward_data::primitive_desc pd;
  convolution_backward_data prim;
  memory weights;
};

struct BackwardWeights {
  convolution_backward_weights::primitive_desc pd;
  convolution_backward_weights prim;
  memory diffWeights;
};

// conv2d(x, filter, bias | null, out, shape, relu); depthwiseConv2d likewise.
template <bool Depthwise>
Napi::Value forward(const Napi::CallbackInfo& info) {
  return guarded(info, Depthwise ? "depthwiseConv2d" : "conv2d", [&] {
    ConvShape s = convShape(info, 4, Depthwise);
    bool relu = integer(info, 5, "relu", 0, 1) == 1;
    float* x = floats(info, 0, "x", s.xSize());
    float* w = floats(info, 1, "filter", s.wSize());
    float* bias = optionalFloats(info, 2, "bias", s.OC);
    float* y = floats(info, 3, "out", s.ySize());
    static PrimitiveCache<Forward> cache;
    std::string key = joinKey(bias ? "b" : "-", s.raw) + (relu ? ",r" : ",-");
    Forward& f = cache.get(key, [&] {
      auto pd = forwardDesc(s, prop_kind::forward_inference, bias != nullptr, relu);
      return Forward{pd, convolution_forward(pd), memory()};
    });
    memory wUser(s.weightsUser(), cpuEngine(), w);
    memory weights = reordered(wUser, f.pd.weights_desc(), f.weights);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, memory(s.src(), cpuEngine(), x)},
                                         {DNNL_ARG_WEIGHTS, weights},
                                         {DNNL_ARG_DST, memory(s.dst(), cpuEngine(), y)}};
    if (bias) args.emplace(DNNL_ARG_BIAS, memory(f.pd.bias_desc(), cpuEngine(), bias));
    f.prim.execute(cpuStream(), args);
    cpuStream().wait();
  });
}

// conv2dBackpropInput(dy, filter, out(dx), shape); depthwiseConv2dBackpropInput likewise.
template <bool Depthwise>
Napi::Value backwardData(const Napi::CallbackInfo& info) {
  return guarded(info, Depthwise ? "depthwiseConv2dBackpropInput" : "conv2dBackpropInput", [&] {
    ConvShape s = convShape(info, 3, Depthwise);
    float* dy = floats(info, 0, "dy", s.ySize());
    float* w = floats(info, 1, "filter", s.wSize());
    float* dx = floats(info, 2, "out", s.xSize());
    static PrimitiveCache<BackwardData> cache;
    BackwardData& b = cache.get(joinKey("bd", s.raw), [&] {
      auto hint = forwardDesc(s, prop_kind::forward_training, false, false);
      convolution_backward_data::desc d(algorithm::convolution_direct, s.src(), s.weightsAny(), s.dst(), s.strides(),
                                        s.dilates(), s.padL(), s.padR());
      convolution_backward_data::primitive_desc pd(d, cpuEngine(), hint);
      return BackwardData{pd, convolution_backward_data(pd), memory()};
    });
    memory wUser(s.weightsUser(), cpuEngine(), w);
    memory weights = reordered(wUser, b.pd.weights_desc(), b.weights);
    b.prim.execute(cpuStream(), {{DNNL_ARG_DIFF_DST, memory(s.dst(), cpuEngine(), dy)},
                                 {DNNL_ARG_WEIGHTS, weights},
                                 {DNNL_ARG_DIFF_SRC, memory(s.src(), cpuEngine(), dx)}});
    cpuStream().wait();
  });
}

// conv2dBackpropFilter(x, dy, out(dw), shape); depthwiseConv2dBackpropFilter likewise.
template <bool Depthwise>
Napi::Value backwardWeights(const Napi::CallbackInfo& info) {
  return guarded(info, Depthwise ? "depthwiseConv2dBackpropFilter" : "conv2dBackpropFilter", [&] {
    ConvShape s = convShape(info, 3, Depthwise);
    float* x = floats(info, 0, "x", s.xSize());
    float* dy = floats(info, 1, "dy", s.ySize());
    float* dw = floats(info, 2, "out", s.wSize());
    static PrimitiveCache<BackwardWeights> cache;
    BackwardWeights& b = cache.get(joinKey("bw", s.raw), [&] {
      auto hint = forwardDesc(s, prop_kind::forward_training, false, false);
      convolution_backward_weights::desc d(algorithm::convolution_direct, s.src(), s.weightsAny(), s.dst(),
                                           s.strides(), s.dilates(), s.padL(), s.padR());
      convolution_backward_weights::primitive_desc pd(d, cpuEngine(), hint);
      return BackwardWeights{pd, convolution_backward_weights(pd), memory()};
    });
    memory wUser(s.weightsUser(), cpuEngine(), dw);
    bool direct = b.pd.diff_weights_desc() == s.weightsUser();
    if (!direct && (!b.diffWeights || b.diffWeights.get_desc() != b.pd.diff_weights_desc())) {
      b.diffWeights = memory(b.pd.diff_weights_desc(), cpuEngine());
    }
    memory target = direct ? wUser : b.diffWeights;
    b.prim.execute(cpuStream(), {{DNNL_ARG_SRC, memory(s.src(), cpuEngine(), x)},
                                 {DNNL_ARG_DIFF_DST, memory(s.dst(), cpuEngine(), dy)},
                                 {DNNL_ARG_DIFF_WEIGHTS, target}});
    if (!direct) reorder(target, wUser).execute(cpuStream(), target, wUser);
    cpuStream().wait();
  });
}

}  // namespace

Napi::Value Conv2D(const Napi::CallbackInfo& info) { return forward<false>(info); }
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info) { return backwardData<false>(info); }
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info) { return backwardWeights<false>(info); }
Napi::Value DepthwiseConv2D(const Napi::CallbackInfo& info) { return forward<true>(info); }
Napi::Value DepthwiseConv2DBackpropInput(const Napi::CallbackInfo& info) { return backwardData<true>(info); }
Napi::Value DepthwiseConv2DBackpropFilter(const Napi::CallbackInfo& info) { return backwardWeights<true>(info); }

}  // namespace tfy
