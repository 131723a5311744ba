// A whole LSTM, GRU or SimpleRNN sequence forward in one kernel call, where tfjs-layers runs ~15 small kernels per
// time step. One XNNPACK matmul projects every step's input ([B·T, I]·[I, G·U]); per step one matmul runs the
// recurrence (h·R; GRU two, as its reset gate multiplies h before the second), and the gate arithmetic is a JS
// loop over heap views. The arithmetic is tfjs-layers 4.22's cells (recurrent.js: rnn(), LSTMCell, GRUCell,
// SimpleRNNCell), zero initial states; a masked step keeps a sample's states and outputs its carried h.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { activate } from './recurrent-activations.ts';
import { counts, expectShape, input, KINDS, outputShape, readLayer, savedShapes, timeOf } from './recurrent-layer.ts';
import type { Kind, Layer } from './recurrent-layer.ts';
import { reshaped, Scratch } from './recurrent-scratch.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

/** The forward kernel of `kind`: [output, ...saved] (saved time-major, in processing order, as KINDS lists). */
export function recurrentForward(kind: Kind): (args: KernelArgs) => TensorInfo[] {
  const name = KINDS[kind].name;
  return (args) => {
    const l = readLayer(name, kind, args);
    const bias = input(name, args, 'bias');
    expectShape(name, 'bias', bias, [l.GU]);
    const s = new Scratch(args.backend as BackendWasm);
    let outputs: TensorInfo[] = [];
    try {
      // Every step writes all of them: the output, and the states, cells and gates of every sample.
      const outs = [outputShape(l), ...savedShapes(l)].map((shape) => s.empty(shape));
      const x = input(name, args, 'x');
      new Forward(s, l, x, input(name, args, 'kernel'), input(name, args, 'recurrentKernel'), bias, outs).run();
      outputs = outs;
      return outs;
    } finally {
      s.release(outputs);
    }
  };
}

class Forward {
  /** x·W [B·T, G·U], at row b·T + t. */
  private readonly xw: TensorInfo;
  /** The carried h [B, U]: a wasm tensor, as each step's matmul reads it. */
  private readonly h: TensorInfo;
  /** lstm: the carried c [B, U]. */
  private readonly c: Float32Array;
  private readonly bias: Float32Array;
  /** The recurrent kernel as the steps multiply by it (gru: its z|r columns). */
  private readonly R: TensorInfo;
  /** gru: the h columns of R, and r·h [B, U], the second matmul's input. */
  private readonly Rh: TensorInfo | null = null;
  private readonly rh: TensorInfo | null = null;

  constructor(
    private readonly s: Scratch,
    private readonly l: Layer,
    x: TensorInfo,
    W: TensorInfo,
    R: TensorInfo,
    bias: TensorInfo,
    /** [output, states, (cells), (gates)] */
    private readonly outs: TensorInfo[],
  ) {
    this.xw = s.matMul(reshaped(x, [l.B * l.T, l.I]), W);
    this.h = s.zeros([l.B, l.U]);
    this.c = new Float32Array(l.kind === 'lstm' ? l.B * l.U : 0);
    this.bias = Float32Array.from(s.view(bias));
    this.R = R;
    if (l.kind === 'gru') {
      this.R = s.columns(R, 0, 2 * l.U);
      this.Rh = s.columns(R, 2 * l.U, l.U);
      this.rh = s.zeros([l.B, l.U]);
    }
  }

  run(): void {
    for (let k = 0; k < this.l.T; k++) {
      if (this.l.kind === 'lstm') this.lstm(k);
      else if (this.l.kind === 'gru') this.gru(k);
      else this.simple(k);
      this.save(k);
    }
  }

  /** The gates' memory: the last output (lstm and gru save them). */
  private gates(): Float32Array {
    return this.s.view(this.outs[this.outs.length - 1]!);
  }

  private lstm(k: number): void {
    const { l, s, c, bias } = this;
    const { B, T, U, GU } = l;
    const t = timeOf(l, k);
    const hr = s.matMul(this.h, this.R);
    const [xw, hrv, h, gates] = [s.view(this.xw), s.view(hr), s.view(this.h), this.gates()];
    for (let b = 0; b < B; b++) {
      const xo = (b * T + t) * GU,
        ro = b * GU,
        go = (k * B + b) * GU;
      for (let j = 0; j < GU; j++) gates[go + j] = xw[xo + j]! + hrv[ro + j]! + bias[j]!; // tfjs: (x·W + h·R) + b
      activate(l.ract, gates, go, 2 * U); // i, f
      activate(l.act, gates, go + 2 * U, U);
      activate(l.ract, gates, go + 3 * U, U); // o
      if (!counts(l, b, t)) continue;
      const o = b * U;
      for (let j = 0; j < U; j++) {
        c[o + j] = gates[go + U + j]! * c[o + j]! + gates[go + j]! * gates[go + 2 * U + j]!;
        h[o + j] = c[o + j]!;
      }
      activate(l.act, h, o, U);
      for (let j = 0; j < U; j++) h[o + j] = h[o + j]! * gates[go + 3 * U + j]!;
    }
    s.free(hr);
  }

  private gru(k: number): void {
    const { l, s, bias } = this;
    const { B, T, U, GU } = l;
    const t = timeOf(l, k);
    const hr = s.matMul(this.h, this.R); // h·R[:, :2U]
    let [xw, hrv, h, gates, rh] = [s.view(this.xw), s.view(hr), s.view(this.h), this.gates(), s.view(this.rh!)];
    for (let b = 0; b < B; b++) {
      const xo = (b * T + t) * GU,
        go = (k * B + b) * GU;
      for (let j = 0; j < 2 * U; j++) gates[go + j] = xw[xo + j]! + bias[j]! + hrv[b * 2 * U + j]!; // (x·W + b) + h·R
      activate(l.ract, gates, go, 2 * U); // z, r
      for (let j = 0; j < U; j++) rh[b * U + j] = gates[go + U + j]! * h[b * U + j]!;
    }
    s.free(hr);
    const hh = s.matMul(this.rh!, this.Rh!); // (r·h)·R[:, 2U:]
    const hhv = s.view(hh);
    [xw, h, gates] = [s.view(this.xw), s.view(this.h), this.gates()];
    for (let b = 0; b < B; b++) {
      const xo = (b * T + t) * GU + 2 * U,
        go = (k * B + b) * GU;
      for (let j = 0; j < U; j++) gates[go + 2 * U + j] = xw[xo + j]! + bias[2 * U + j]! + hhv[b * U + j]!;
      activate(l.act, gates, go + 2 * U, U);
      if (!counts(l, b, t)) continue;
      for (let j = 0; j < U; j++) {
        const z = gates[go + j]!;
        h[b * U + j] = z * h[b * U + j]! + (1 - z) * gates[go + 2 * U + j]!;
      }
    }
    s.free(hh);
  }

  private simple(k: number): void {
    const { l, s, bias } = this;
    const { B, T, U } = l;
    const t = timeOf(l, k);
    const hr = s.matMul(this.h, this.R);
    const [xw, hrv, h] = [s.view(this.xw), s.view(hr), s.view(this.h)];
    for (let b = 0; b < B; b++) {
      if (!counts(l, b, t)) continue;
      const xo = (b * T + t) * U;
      for (let j = 0; j < U; j++) h[b * U + j] = xw[xo + j]! + bias[j]! + hrv[b * U + j]!; // (x·W + b) + h·R
      activate(l.act, h, b * U, U);
    }
    s.free(hr);
  }

  /** The carried h (and c) into the saved states and the output. */
  private save(k: number): void {
    const { l, s } = this;
    const { B, T, U } = l;
    const h = s.view(this.h);
    s.view(this.outs[1]!).set(h, k * B * U);
    if (l.kind === 'lstm') s.view(this.outs[2]!).set(this.c, k * B * U);
    const output = s.view(this.outs[0]!);
    if (l.sequences) {
      for (let b = 0; b < B; b++) output.set(h.subarray(b * U, (b + 1) * U), (b * T + k) * U);
    } else if (k === T - 1) output.set(h);
  }
}
