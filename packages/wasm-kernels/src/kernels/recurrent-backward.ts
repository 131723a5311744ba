// Backpropagation through time for the fused recurrent forward (recurrent-forward.ts), in one kernel call: per step
// a JS loop turns dh (and dc) into the gradient of the step's pre-activations dG, and one matmul (dG·Rᵀ, Rᵀ
// transposed once per call; GRU two) carries dh to the step before. dG is kept at the row of the step's input
// (b·T + t), so dx is then one matmul and dKernel, dRecurrentKernel and dBias one more (GRU two). A sample's step
// that does not count passes dh (and dc) straight through and leaves its dG row zero.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { activate, slope } from './recurrent-activations.ts';
import { counts, expectShape, input, KINDS, outputShape, readLayer, savedShapes, timeOf } from './recurrent-layer.ts';
import type { Kind, Layer } from './recurrent-layer.ts';
import { reshaped, Scratch } from './recurrent-scratch.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

/** The gradient kernel of `kind`: [dx, dKernel, dRecurrentKernel, dBias]. */
export function recurrentBackward(kind: Kind): (args: KernelArgs) => TensorInfo[] {
  const name = `${KINDS[kind].name}Grad`;
  return (args) => {
    const l = readLayer(name, kind, args);
    const dy = input(name, args, 'dy');
    expectShape(name, 'dy', dy, outputShape(l));
    const shapes = savedShapes(l);
    const saved = KINDS[kind].saved.map((key, i) => {
      const t = input(name, args, key);
      expectShape(name, key, t, shapes[i]!);
      return t;
    });
    const s = new Scratch(args.backend as BackendWasm);
    let outputs: TensorInfo[] = [];
    try {
      const [x, W, R] = ['x', 'kernel', 'recurrentKernel'].map((key) => input(name, args, key)) as TensorInfo[];
      outputs = new Backward(s, l, R!, dy, saved).run(x!, W!);
      return outputs;
    } finally {
      s.release(outputs);
    }
  };
}

class Backward {
  /** dG [B·T, G·U] at row b·T + t, and the h each step read [B·T, U] at the same rows. */
  private readonly dG: TensorInfo;
  private readonly hPrev: TensorInfo;
  /** One step's dG [B, G·U], the input of its matmul; gru: its z|r [B, 2U] and h [B, U] columns apart. */
  private readonly step: TensorInfo;
  private readonly stepH: TensorInfo | null = null;
  /** Rᵀ [G·U, U]; gru: R[:, :2U]ᵀ and R[:, 2U:]ᵀ. */
  private readonly RT: TensorInfo;
  private readonly RhT: TensorInfo | null = null;
  /** gru: dG's h columns, and r·h [B·T, U] (dRecurrentKernel's h columns are (r·h)ᵀ·dG_h). */
  private readonly dGh: TensorInfo | null = null;
  private readonly rh: TensorInfo | null = null;
  private readonly dh: Float64Array;
  private readonly dc: Float64Array;
  /** gru: the part of dh that reaches h directly, not through R. */
  private readonly direct: Float64Array;
  /** lstm: a(c) of one sample's step. */
  private readonly ac: Float32Array;

  constructor(
    private readonly s: Scratch,
    private readonly l: Layer,
    R: TensorInfo,
    private readonly dy: TensorInfo,
    /** As the forward saved them: states, (cells), (gates). */
    private readonly saved: TensorInfo[],
  ) {
    const { B, T, U, GU } = l;
    this.dG = s.zeros([B * T, GU]);
    this.hPrev = s.zeros([B * T, U]);
    this.dh = new Float64Array(B * U);
    this.dc = new Float64Array(B * U);
    this.direct = new Float64Array(B * U);
    this.ac = new Float32Array(U);
    if (l.kind === 'gru') {
      this.step = s.zeros([B, 2 * U]);
      this.stepH = s.zeros([B, U]);
      this.RT = s.transpose(s.columns(R, 0, 2 * U));
      this.RhT = s.transpose(s.columns(R, 2 * U, U));
      this.dGh = s.zeros([B * T, U]);
      this.rh = s.zeros([B * T, U]);
    } else {
      this.step = s.zeros([B, GU]);
      this.RT = s.transpose(R);
    }
  }

  run(x: TensorInfo, W: TensorInfo): TensorInfo[] {
    const { l, s } = this;
    const { B, T, I } = l;
    for (let k = T - 1; k >= 0; k--) {
      this.addDy(k);
      if (l.kind === 'lstm') this.lstm(k);
      else if (l.kind === 'gru') this.gru(k);
      else this.simple(k);
      this.keepPrevious(k, timeOf(l, k));
    }
    const dx = reshaped(s.matMul(this.dG, s.transpose(W)), [B, T, I]);
    return [dx, ...this.weightGradients(x)];
  }

  /**
   * dKernel, dRecurrentKernel and dBias from one matmul, [1 | x | hPrev]ᵀ·dG: its rows are dG's column sums, xᵀ·dG
   * and hPrevᵀ·dG (gru: R's z|r columns; its h columns are (r·h)ᵀ·dG_h).
   */
  private weightGradients(x: TensorInfo): TensorInfo[] {
    const { l, s } = this;
    const { B, T, I, U, GU } = l;
    const product = s.matMul(s.transposeJoined([null, reshaped(x, [B * T, I]), this.hPrev]), this.dG);
    const [dKernel, dRecurrent, dBias] = [s.empty([I, GU]), s.empty([U, GU]), s.empty([GU])];
    const p = s.view(product);
    s.view(dBias).set(p.subarray(0, GU));
    s.view(dKernel).set(p.subarray(GU, (1 + I) * GU));
    s.view(dRecurrent).set(p.subarray((1 + I) * GU));
    if (l.kind === 'gru') {
      const hh = s.matMul(s.transpose(this.rh!), this.dGh!);
      const [d, h] = [s.view(dRecurrent), s.view(hh)];
      for (let r = 0; r < U; r++) d.set(h.subarray(r * U, (r + 1) * U), r * GU + 2 * U);
    }
    return [dKernel, dRecurrent, dBias];
  }

  /** dy's part of the k-th processed step into dh. */
  private addDy(k: number): void {
    const { l, dh } = this;
    const { B, T, U } = l;
    if (!l.sequences && k !== T - 1) return;
    const dy = this.s.view(this.dy);
    for (let b = 0; b < B; b++) {
      const from = l.sequences ? (b * T + k) * U : b * U;
      for (let j = 0; j < U; j++) dh[b * U + j]! += dy[from + j]!;
    }
  }

  /** dh of the counting samples = the step's dG·Rᵀ (plus `direct`). */
  private recurrence(t: number, RT: TensorInfo, direct: Float64Array | null): void {
    const { l, s, dh } = this;
    const { B, U } = l;
    const product = s.matMul(this.step, RT);
    const p = s.view(product);
    for (let b = 0; b < B; b++) {
      if (!counts(l, b, t)) continue;
      for (let j = 0; j < U; j++) dh[b * U + j] = p[b * U + j]! + (direct ? direct[b * U + j]! : 0);
    }
    s.free(product);
  }

  /** The h each counting sample read at step k (zeros before the first) into hPrev's rows b·T + t. */
  private keepPrevious(k: number, t: number): void {
    const { l, s } = this;
    const { B, T, U } = l;
    if (k === 0) return;
    const [states, hPrev] = [s.view(this.saved[0]!), s.view(this.hPrev)];
    for (let b = 0; b < B; b++) {
      const from = ((k - 1) * B + b) * U;
      if (counts(l, b, t)) hPrev.set(states.subarray(from, from + U), (b * T + t) * U);
    }
  }

  private lstm(k: number): void {
    const { l, s, dh, dc, ac } = this;
    const { B, T, U, GU, dAct: da, dRact: dra } = l;
    const t = timeOf(l, k);
    const [cells, gates, step, dG] = [
      s.view(this.saved[1]!),
      s.view(this.saved[2]!),
      s.view(this.step),
      s.view(this.dG),
    ];
    for (let b = 0; b < B; b++) {
      const so = b * GU;
      if (!counts(l, b, t)) {
        step.fill(0, so, so + GU);
        continue;
      }
      const row = b * T + t;
      const prev = k === 0 ? -1 : ((k - 1) * B + b) * U;
      const go = (k * B + b) * GU,
        co = (k * B + b) * U;
      ac.set(cells.subarray(co, co + U));
      activate(l.act, ac, 0, U); // a(c), recomputed from the saved c
      for (let j = 0; j < U; j++) {
        // Separate consts, not a destructured array: an array per element measurably fed the garbage collector.
        const i = gates[go + j]!,
          f = gates[go + U + j]!,
          g = gates[go + 2 * U + j]!,
          o = gates[go + 3 * U + j]!;
        const a = ac[j]!,
          dhj = dh[b * U + j]!;
        const dct = dc[b * U + j]! + dhj * o * slope(da, a);
        dc[b * U + j] = dct * f;
        step[so + j] = dct * g * slope(dra, i);
        step[so + U + j] = dct * (prev < 0 ? 0 : cells[prev + j]!) * slope(dra, f);
        step[so + 2 * U + j] = dct * i * slope(da, g);
        step[so + 3 * U + j] = dhj * a * slope(dra, o);
      }
      dG.set(step.subarray(so, so + GU), row * GU);
    }
    this.recurrence(t, this.RT, null);
  }

  private gru(k: number): void {
    const { l, s, dh, direct } = this;
    const { B, T, U, GU, dAct: da, dRact: dra } = l;
    const t = timeOf(l, k);
    const [states, gates, stepH, rh] = [
      s.view(this.saved[0]!),
      s.view(this.saved[1]!),
      s.view(this.stepH!),
      s.view(this.rh!),
    ];
    for (let b = 0; b < B; b++) {
      if (!counts(l, b, t)) {
        stepH.fill(0, b * U, (b + 1) * U);
        continue;
      }
      const row = b * T + t;
      const prev = k === 0 ? -1 : ((k - 1) * B + b) * U;
      const go = (k * B + b) * GU;
      for (let j = 0; j < U; j++) {
        const z = gates[go + j]!,
          r = gates[go + U + j]!,
          hh = gates[go + 2 * U + j]!;
        const h0 = prev < 0 ? 0 : states[prev + j]!,
          dhj = dh[b * U + j]!;
        stepH[b * U + j] = dhj * (1 - z) * slope(da, hh);
        direct[b * U + j] = dhj * z;
        rh[row * U + j] = r * h0;
      }
    }
    // d(r·h) = dG_h·R[:, 2U:]ᵀ
    const drh = s.matMul(this.stepH!, this.RhT!);
    const d = s.view(drh);
    const [step, dG, dGh] = [s.view(this.step), s.view(this.dG), s.view(this.dGh!)];
    const st = s.view(this.saved[0]!);
    const g = s.view(this.saved[1]!);
    const dhh = s.view(this.stepH!);
    for (let b = 0; b < B; b++) {
      const so = b * 2 * U;
      if (!counts(l, b, t)) {
        step.fill(0, so, so + 2 * U);
        continue;
      }
      const row = b * T + t;
      const go = (k * B + b) * GU,
        prev = k === 0 ? -1 : ((k - 1) * B + b) * U;
      for (let j = 0; j < U; j++) {
        const z = g[go + j]!,
          r = g[go + U + j]!,
          hh = g[go + 2 * U + j]!;
        const h0 = prev < 0 ? 0 : st[prev + j]!,
          dhj = dh[b * U + j]!,
          drj = d[b * U + j]!;
        step[so + j] = dhj * (h0 - hh) * slope(dra, z);
        step[so + U + j] = drj * h0 * slope(dra, r);
        direct[b * U + j]! += drj * r;
      }
      dGh.set(dhh.subarray(b * U, (b + 1) * U), row * U);
      dG.set(step.subarray(so, so + 2 * U), row * GU);
      dG.set(dhh.subarray(b * U, (b + 1) * U), row * GU + 2 * U);
    }
    s.free(drh);
    this.recurrence(t, this.RT, direct); // dG_zr·R[:, :2U]ᵀ
  }

  private simple(k: number): void {
    const { l, s, dh } = this;
    const { B, T, U, dAct: da } = l;
    const t = timeOf(l, k);
    const [states, step, dG] = [s.view(this.saved[0]!), s.view(this.step), s.view(this.dG)];
    for (let b = 0; b < B; b++) {
      if (!counts(l, b, t)) {
        step.fill(0, b * U, (b + 1) * U);
        continue;
      }
      const row = b * T + t;
      const ho = (k * B + b) * U;
      for (let j = 0; j < U; j++) step[b * U + j] = dh[b * U + j]! * slope(da, states[ho + j]!);
      dG.set(step.subarray(b * U, (b + 1) * U), row * U);
    }
    this.recurrence(t, this.RT, null);
  }
}
