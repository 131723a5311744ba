// Imported first by a command that loads TensorFlow.js, to skip the source maps of its bundles and keep ours.
// tsx turns source maps on for TypeScript; Node 20 then reads and parses the map of every CommonJS file it compiles,
// and tfjs's bundles have 12 MB of them: a sixth of `tfyaml check`. Node compiles every TypeScript module of an
// import graph (caching its map) before running any of it, but a CommonJS bundle only when the module requiring it
// runs: turned off here, while the imports after this one run, maps are lost for the bundles only.
const enabled = process.sourceMapsEnabled;
process.setSourceMapsEnabled(false);

/** Called by the importing module's body, once the imports after this one have run. */
export function restoreSourceMaps(): void {
  process.setSourceMapsEnabled(enabled);
}
