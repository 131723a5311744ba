// What model-compiler puts in tfjs's class registry in place of tfjs's own, under the same class names (saved models
// stay stock): the fused recurrent, conv1d and conv2d layers and the fast orthogonal initializer. Before a model is built
// or loaded.
import { registerFusedConvLayers } from './conv/fused-layer.ts';
import { registerFusedRecurrentLayers } from './recurrent/fused-layers.ts';
import { registerFastOrthogonal } from './recurrent/orthogonal.ts';

export function registerLayerClasses(): void {
  registerFusedRecurrentLayers();
  registerFusedConvLayers();
  registerFastOrthogonal();
}
