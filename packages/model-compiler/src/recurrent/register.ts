// What model-compiler puts in tfjs's class registry in place of tfjs's own, under the same class names (saved models
// stay stock): the fused recurrent layers and the fast orthogonal initializer. Before a model is built or loaded.
import { registerFusedRecurrentLayers } from './fused-layers.ts';
import { registerFastOrthogonal } from './orthogonal.ts';

export function registerLayerClasses(): void {
  registerFusedRecurrentLayers();
  registerFastOrthogonal();
}
