// The N-API module: kernel functions plus info() and setThreads(). All of them run on the calling (JS) thread and
// use OpenMP threads inside; oneDNN is built with the OpenMP runtime, so one thread count governs both.
#include <omp.h>

#include "kernels.h"
#include "onednn.h"

namespace tfy {

dnnl::engine& cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& cpuStream() {
  static dnnl::stream stream(cpuEngine());
  return stream;
}

namespace {

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const dnnl_version_t* v = dnnl_version();
  Napi::Object out = Napi::Object::New(env);
  out.Set("onednn", std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch));
  out.Set("threads", omp_get_max_threads());
  out.Set("processors", omp_get_num_procs());
  return out;
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  return guarded(info, "setThreads", [&] { omp_set_num_threads(static_cast<int>(integer(info, 0, "threads", 1, 1024))); });
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto add = [&](const char* name, Napi::Value (*fn)(const Napi::CallbackInfo&)) {
    exports.Set(name, Napi::Function::New(env, fn, name));
  };
  add("info", Info);
  add("setThreads", SetThreads);
  add("conv2d", Conv2D);
  add("conv2dBackpropInput", Conv2DBackpropInput);
  add("conv2dBackpropFilter", Conv2DBackpropFilter);
  add("matmul", MatMulKernel);
  add("maxPool", MaxPool);
  add("maxPoolGrad", MaxPoolGrad);
  add("avgPool", AvgPool);
  add("avgPoolGrad", AvgPoolGrad);
  add("unary", UnaryKernel);
  add("binary", BinaryKernel);
  add("sum", SumKernel);
  add("softmax", SoftmaxKernel);
  add("gather", GatherKernel);
  add("depthwiseConv2d", DepthwiseConv2D);
  add("depthwiseConv2dBackpropInput", DepthwiseConv2DBackpropInput);
  add("depthwiseConv2dBackpropFilter", DepthwiseConv2DBackpropFilter);
  add("copy", CopyKernel);
  add("rows", RowsKernel);
  add("max", MaxKernel);
  add("segmentSum", SegmentSumKernel);
  add("batchNorm", BatchNormKernel);
  add("compare", CompareKernel);
  add("select", SelectKernel);
  add("resizeNearest", ResizeNearestKernel);
  add("resizeNearestGrad", ResizeNearestGradKernel);
  add("argMax", ArgMaxKernel);
  add("oneHot", OneHotKernel);
  add("optimizerUpdate", OptimizerUpdateKernel);
  add("recurrentForward", RecurrentForwardKernel);
  add("recurrentBackward", RecurrentBackwardKernel);
  add("reluBiasGrad", ReluBiasGradKernel);
  return exports;
}

}  // namespace
}  // namespace tfy

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return tfy::Init(env, exports); }

NODE_API_MODULE(tfyaml_native, InitModule)
