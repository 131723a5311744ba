import { createRng } from '@tfyaml/data';

/**
 * Seeds everything tfjs draws at random. tfjs seeds weight initializers and dropout masks from Math.random when
 * no seed is given, so a seeded Math.random makes a run repeatable, like Keras' set_random_seed. A CLI run owns
 * its process, so replacing the global is safe here.
 */
export function seedGlobalRandom(seed: number): void {
  Math.random = createRng(seed);
}
