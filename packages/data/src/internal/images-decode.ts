// Decoding and resizing with sharp (libvips, prebuilt for each platform on npm): several images at once on
// libuv's thread pool, each straight to raw uint8 pixels of the target size and channels.
import type Sharp from 'sharp';

export interface ImageTarget {
  height: number;
  width: number;
  channels: 1 | 3;
  fit: 'fill' | 'cover';
}

export interface DecodedImages {
  /** count × height × width × channels bytes, NHWC; a failed image's bytes stay 0. */
  pixels: Uint8Array;
  /** Why each image that failed could not be decoded, by index. */
  failures: Map<number, string>;
}

/** libuv's default thread pool has 4 threads; more in flight only queues. */
const IN_FLIGHT = 4;

export async function decodeImages(paths: readonly string[], target: ImageTarget): Promise<DecodedImages> {
  // Imported here, not at the top: loading libvips costs every command that imports @tfyaml/data (check) ~0.1 s.
  const { default: sharp } = await import('sharp');
  const size = target.height * target.width * target.channels;
  const pixels = new Uint8Array(paths.length * size);
  const failures = new Map<number, string>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      try {
        const raw = await decodeOne(sharp, paths[i]!, target);
        if (raw.length !== size) throw new Error(`decoded to ${raw.length} bytes, expected ${size}`);
        pixels.set(raw, i * size);
      } catch (error) {
        failures.set(i, (error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, paths.length) }, worker));
  return { pixels, failures };
}

function decodeOne(sharp: typeof Sharp, path: string, { height, width, channels, fit }: ImageTarget): Promise<Buffer> {
  // Alpha is dropped (as PIL's convert('RGB') does for Keras); grayscale uses libvips' luminance.
  const image = sharp(path).resize(width, height, { fit }).removeAlpha();
  return (channels === 1 ? image.grayscale() : image.toColourspace('srgb')).raw().toBuffer();
}
