// model-compiler replaces a few of tfjs's registered classes (layers, an initializer) with subclasses under the same
// class names: saved models still name the stock class and load in any tfjs, and tfjs's own lookups by name (a
// layer's 'orthogonal' default, tf.loadLayersModel, bidirectional's backward copy) build ours.
import * as tf from '@tensorflow/tfjs-core';

/** The class tfjs registers under `className`, to subclass. */
export function stockClass<C>(className: string): C {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`tfjs registers no ${className} class`);
  return entry[0] as unknown as C;
}

/** Registers `subclass` (whose static className is the stock one's) in place of tfjs's class; `name` shows in stacks. */
export function replaceStockClass<C>(subclass: C, name: string): C {
  Object.defineProperty(subclass, 'name', { value: name });
  tf.serialization.registerClass(
    subclass as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
  );
  return subclass;
}
