// Batched matmul over oneDNN: transposes are expressed as strides (no copies), a batch of 1 on either side
// broadcasts, and an optional bias [N] and relu run as part of the same primitive (tfjs' _FusedMatMul).
#include "kernels.h"
#include "onednn.h"

namespace tfy {
namespace {

using namespace dnnl;

struct MatMul {
  matmul::primitive_desc pd;
  matmul prim;
};

}  // namespace

// matmul(a, b, bias | null, out, [batchA, batchB, M, K, N, transposeA, transposeB, relu])
Napi::Value MatMulKernel(const Napi::CallbackInfo& info) {
  return guarded(info, "matmul", [&] {
    auto p = ints(info, 4, "shape", 8);
    int64_t BA = p[0], BB = p[1], M = p[2], K = p[3], N = p[4];
    bool transA = p[5] != 0, transB = p[6] != 0, relu = p[7] != 0;
    for (int k = 0; k < 5; k++) {
      if (p[k] < 1) rangeError("shape[" + std::to_string(k) + "] must be at least 1");
    }
    for (int k = 5; k < 8; k++) {
      if (p[k] > 1) rangeError("shape[" + std::to_string(k) + "] must be 0 or 1");
    }
    if (BA != BB && BA != 1 && BB != 1) rangeError("batch sizes must match or one must be 1");
    int64_t B = BA > BB ? BA : BB;
    float* a = floats(info, 0, "a", elements({BA, M, K}));
    float* b = floats(info, 1, "b", elements({BB, K, N}));
    float* bias = optionalFloats(info, 2, "bias", N);
    float* out = floats(info, 3, "out", elements({B, M, N}));

    memory::desc aMd({BA, M, K}, dt::f32, transA ? memory::dims{M * K, 1, M} : memory::dims{M * K, K, 1});
    memory::desc bMd({BB, K, N}, dt::f32, transB ? memory::dims{K * N, 1, K} : memory::dims{K * N, N, 1});
    memory::desc cMd({B, M, N}, dt::f32, memory::dims{M * N, N, 1});
    memory::desc biasMd({1, 1, N}, dt::f32, memory::dims{N, N, 1});
    static PrimitiveCache<MatMul> cache;
    MatMul& mm = cache.get(joinKey(bias ? "b" : "-", p), [&] {
      primitive_attr attr;
      if (relu) {
        post_ops ops;
        ops.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
        attr.set_post_ops(ops);
      }
      auto d = bias ? matmul::desc(aMd, bMd, biasMd, cMd) : matmul::desc(aMd, bMd, cMd);
      matmul::primitive_desc pd(d, attr, cpuEngine());
      return MatMul{pd, matmul(pd)};
    });
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, memory(aMd, cpuEngine(), a)},
                                         {DNNL_ARG_WEIGHTS, memory(bMd, cpuEngine(), b)},
                                         {DNNL_ARG_DST, memory(cMd, cpuEngine(), out)}};
    if (bias) args.emplace(DNNL_ARG_BIAS, memory(biasMd, cpuEngine(), bias));
    mm.prim.execute(cpuStream(), args);
    cpuStream().wait();
  });
}

}  // namespace tfy
