// resume/: what `tfyaml run --resume <run folder>` needs to continue a run as if it had never stopped, written as
// each epoch ends (the last one aside: the run then completes, and the folder is removed).
//   resume/epoch-<n>.bin   the model's weights, the optimizer's slots and early stopping's best weights (tfjs's
//                          weight encoding), written first
//   resume/state.json      everything else, naming that file with its sha256, written second: a crash between
//                          the two leaves the previous state.json, which still names the previous .bin
// The folder is input on --resume (hand-edited, cut off, linked elsewhere): every read stays inside it, the .bin
// must be a regular file of exactly the bytes state.json describes and hash to what it says, and every field is
// checked before anything is restored.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerState, ScheduleState } from '@tfyaml/model-compiler';
import { RunError } from '../errors.ts';
import type { CallbackState } from '../train/callbacks.ts';
import type { EpochRow } from '../train/epoch-row.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { diskErrorOf } from './disk-error.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import { checkResumeFacts, RESUME_DIR, RESUME_FORMAT, RESUME_STATE_FILE as STATE_FILE } from './resume-state-check.ts';
import { checkedWeightFiles } from './weight-files.ts';

export { hasResumeState, RESUME_DIR } from './resume-state-check.ts';
const WEIGHTS_FILE = /^epoch-\d{4,}\.bin$/;

/** state.json: the facts of the last finished epoch; tensors live in the .bin it names. */
export interface ResumeFacts {
  format: typeof RESUME_FORMAT;
  /** Epochs wholly done; training resumes with the next. */
  epoch: number;
  /** Optimizer steps taken so far. */
  step: number;
  /** sha256 of the run's spec.yaml: a spec edited since is refused, since the run would no longer be the one resumed. */
  specSha256: string;
  /** The backend that trained (`auto` resolved), so the resumed epochs run where the first ones did. */
  backend: string;
  /** The run as it was started, for its summary.json. */
  run: { file: string; overrides: string[]; startedAt: string };
  /** Every finished epoch's metrics.csv row at full precision (NaN as null). */
  rows: EpochRow[];
  /** reduceOnPlateau's state; null for the schedules that are functions of (epoch, step). */
  schedule: ScheduleState | null;
  callbacks: Record<string, CallbackState['facts']>;
  optimizer: {
    className: string;
    iterations: number;
    scalars: Record<string, number>;
    slots: Record<string, string[]>;
  };
  weights: { file: string; sha256: string; specs: tf.io.WeightsManifestEntry[] };
}

/** The tensors of a resume state. Read back, the caller owns (and disposes) them. */
export interface ResumeTensors {
  model: tf.Tensor[];
  optimizer: OptimizerState;
  callbacks: Record<string, CallbackState>;
}

export type ResumeFactsInput = Omit<ResumeFacts, 'format' | 'callbacks' | 'optimizer' | 'weights'>;

export async function writeResumeState(runDir: string, facts: ResumeFactsInput, tensors: ResumeTensors): Promise<void> {
  const dir = join(runDir, RESUME_DIR);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw diskErrorOf(error, dir);
  }
  const named = namedTensors(tensors);
  const { data, specs } = await tf.io.encodeWeights(named);
  const bytes = new Uint8Array(data);
  const file = `epoch-${String(facts.epoch).padStart(4, '0')}.bin`;
  writeFileAtomic(join(dir, file), bytes);
  const optimizer = {
    className: tensors.optimizer.className,
    iterations: tensors.optimizer.iterations,
    scalars: tensors.optimizer.scalars,
    slots: Object.fromEntries(
      Object.entries(tensors.optimizer.slots).map(([field, slots]) => [field, slots.map((s) => s.name)]),
    ),
  };
  const callbacks = Object.fromEntries(Object.entries(tensors.callbacks).map(([key, state]) => [key, state.facts]));
  writeJsonFile(join(dir, STATE_FILE), {
    format: RESUME_FORMAT,
    ...facts,
    callbacks,
    optimizer,
    weights: { file, sha256: sha256(bytes), specs },
  });
  for (const old of readdirSync(dir))
    if (WEIGHTS_FILE.test(old) && old !== file) rmSync(join(dir, old), { force: true });
}

/** The run's resume state, checked whole; a RunError names what is wrong with it. */
export function readResumeState(runDir: string): { facts: ResumeFacts; tensors: ResumeTensors } {
  const dir = join(runDir, RESUME_DIR);
  const stats = lstatSync(dir, { throwIfNoEntry: false });
  if (!stats) {
    throw new RunError(
      `${runDir} has no resume state (${RESUME_DIR}/)`,
      'only a run that was interrupted or failed after its first epoch can be resumed; a completed run has nothing left to do',
    );
  }
  if (!stats.isDirectory()) throw new RunError(`${dir} is not a folder`, DAMAGED);
  const facts = checkResumeFacts(readJsonFile<unknown>(join(dir, STATE_FILE)), join(dir, STATE_FILE));
  if (!WEIGHTS_FILE.test(facts.weights.file))
    throw new RunError(
      `${join(dir, STATE_FILE)} names the weights file ${JSON.stringify(facts.weights.file)}`,
      DAMAGED,
    );
  const [path] = checkedWeightFiles(dir, [{ paths: [facts.weights.file], weights: facts.weights.specs }]);
  const bytes = readFileSync(path!);
  if (sha256(bytes) !== facts.weights.sha256)
    throw new RunError(
      `${join(dir, facts.weights.file)} is not the file ${STATE_FILE} describes (its sha256 differs)`,
      DAMAGED,
    );
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { facts, tensors: regroup(tf.io.decodeWeights(buffer, facts.weights.specs), facts) };
}

/** A finished run needs no resume state: it would only take disk space (weights, twice more with Adam). */
export function removeResumeState(runDir: string): void {
  rmSync(join(runDir, RESUME_DIR), { recursive: true, force: true });
}

const DAMAGED = `the run's ${RESUME_DIR}/ folder was damaged or edited, so it cannot be continued exactly; train the experiment again`;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One flat list with names that say where each tensor goes back (optimizer slot names repeat across fields). */
function namedTensors({ model, optimizer, callbacks }: ResumeTensors): { name: string; tensor: tf.Tensor }[] {
  return [
    ...model.map((tensor, i) => ({ name: `model/${i}`, tensor })),
    ...Object.entries(optimizer.slots).flatMap(([field, slots]) =>
      slots.map(({ tensor }, i) => ({ name: `optimizer/${field}/${i}`, tensor })),
    ),
    ...Object.entries(callbacks).flatMap(([key, state]) =>
      state.tensors.map((tensor, i) => ({ name: `callback/${key}/${i}`, tensor })),
    ),
  ];
}

function regroup(map: tf.NamedTensorMap, facts: ResumeFacts): ResumeTensors {
  const take = (prefix: string) =>
    facts.weights.specs.filter((s) => s.name.startsWith(prefix)).map((s) => map[s.name]!);
  const slots = Object.fromEntries(
    Object.entries(facts.optimizer.slots).map(([field, names]) => {
      const tensors = take(`optimizer/${field}/`);
      if (tensors.length !== names.length)
        throw new RunError(
          `state.json lists ${names.length} ${field} slots, the weights file holds ${tensors.length}`,
          DAMAGED,
        );
      return [field, names.map((name, i) => ({ name, tensor: tensors[i]! }))];
    }),
  );
  const callbacks = Object.fromEntries(
    Object.entries(facts.callbacks).map(([key, state]) => [key, { facts: state, tensors: take(`callback/${key}/`) }]),
  );
  const { className, iterations, scalars } = facts.optimizer;
  return { model: take('model/'), optimizer: { className, iterations, scalars, slots }, callbacks };
}
