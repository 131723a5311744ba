// The tfjs types this package uses, in one place; the cpu backend's TensorData is not exported, so it is restated
// here (internals.test.ts checks that the backend still stores what this says).
import type { backend_util, DataType, KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

export type BackendValues = backend_util.BackendValues;

export interface TensorData {
  values?: BackendValues;
  dtype: DataType;
  complexTensorInfos?: { real: TensorInfo; imag: TensorInfo };
  refCount: number;
}

export interface KernelArgs<B extends KernelBackend = KernelBackend> {
  inputs: Record<string, TensorInfo | undefined>;
  backend: B;
  attrs?: NamedAttrMap;
}
