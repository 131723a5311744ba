// The benchmarked models, as experiment specs, and the same models in PyTorch (bench_torch.py must match).
export const BENCH_MODELS = {
  cnn: `
    - { type: conv2d, filters: 32, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: conv2d, filters: 64, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: flatten }
    - { type: dense, units: 64, activation: relu }
    - { type: dense, units: 10, activation: softmax }`,
  mlp: `
    - { type: flatten }
    - { type: dense, units: 512, activation: relu }
    - { type: dense, units: 256, activation: relu }
    - { type: dense, units: 10, activation: softmax }`,
} as const;

export type BenchModel = keyof typeof BENCH_MODELS;

export function benchSpec(model: BenchModel, workers: number): string {
  return `name: bench
data: { dataset: cifar10 }
model:
  layers:${BENCH_MODELS[model]}
training: { optimizer: adam, workers: ${workers} }
`;
}
