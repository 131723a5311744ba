// The addon's functions, one per kernel family; addon.cc exports them.
#pragma once
#include <napi.h>

#include "args.h"

namespace tfy {

Napi::Value Conv2D(const Napi::CallbackInfo& info);
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info);
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info);
Napi::Value MatMulKernel(const Napi::CallbackInfo& info);
Napi::Value MaxPool(const Napi::CallbackInfo& info);
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info);
Napi::Value AvgPool(const Napi::CallbackInfo& info);
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info);
Napi::Value UnaryKernel(const Napi::CallbackInfo& info);
Napi::Value BinaryKernel(const Napi::CallbackInfo& info);
Napi::Value SumKernel(const Napi::CallbackInfo& info);
Napi::Value SoftmaxKernel(const Napi::CallbackInfo& info);
Napi::Value GatherKernel(const Napi::CallbackInfo& info);
Napi::Value DepthwiseConv2D(const Napi::CallbackInfo& info);
Napi::Value DepthwiseConv2DBackpropInput(const Napi::CallbackInfo& info);
Napi::Value DepthwiseConv2DBackpropFilter(const Napi::CallbackInfo& info);
Napi::Value CopyKernel(const Napi::CallbackInfo& info);
Napi::Value RowsKernel(const Napi::CallbackInfo& info);
Napi::Value MaxKernel(const Napi::CallbackInfo& info);
Napi::Value SegmentSumKernel(const Napi::CallbackInfo& info);
Napi::Value BatchNormKernel(const Napi::CallbackInfo& info);
Napi::Value CompareKernel(const Napi::CallbackInfo& info);
Napi::Value SelectKernel(const Napi::CallbackInfo& info);
Napi::Value ResizeNearestKernel(const Napi::CallbackInfo& info);
Napi::Value ResizeNearestGradKernel(const Napi::CallbackInfo& info);
Napi::Value ArgMaxKernel(const Napi::CallbackInfo& info);
Napi::Value OneHotKernel(const Napi::CallbackInfo& info);
Napi::Value OptimizerUpdateKernel(const Napi::CallbackInfo& info);
Napi::Value RecurrentForwardKernel(const Napi::CallbackInfo& info);
Napi::Value RecurrentBackwardKernel(const Napi::CallbackInfo& info);
Napi::Value ReluBiasGradKernel(const Napi::CallbackInfo& info);

}  // namespace tfy
