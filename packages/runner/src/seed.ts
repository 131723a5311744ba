import { createRng, deriveSeed } from '@tfyaml/data';

/**
 * Seeds everything tfjs draws at random. tfjs seeds weight initializers and dropout masks from Math.random when
 * no seed is given, so a seeded Math.random makes a run repeatable, like Keras' set_random_seed. A CLI run owns
 * its process, so replacing the global is safe here.
 */
export function seedGlobalRandom(seed: number): void {
  Math.random = createRng(seed);
}

/** Keeps the epochs' draws (dropout, gaussian noise) apart from the shuffle's, which derive from the same seed. */
const EPOCH_RANDOM_SALT = 0x0d0e;

/**
 * Reseeds Math.random at the start of each epoch from (seed, epoch) alone, as the shuffle and augmentation already
 * are: epoch k draws the same dropout masks whether the run got there without stopping or was resumed before it.
 */
export function seedEpochRandom(seed: number, epoch: number): void {
  seedGlobalRandom(deriveSeed(deriveSeed(seed, EPOCH_RANDOM_SALT), epoch));
}
