// The spec types this folder reads. They live in spec-schema's training-schema.ts; once the package index
// re-exports them, replace this path with '@tfyaml/spec-schema' (the only line that reaches across packages).
export type {
  ClipSpec, ScheduleSpec, ReduceOnPlateauSchedule,
} from '../../../spec-schema/src/training-schema.ts';
