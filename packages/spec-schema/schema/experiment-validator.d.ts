// The type of experiment-validator.js, which `pnpm --filter @tfyaml/spec-schema write-schema` generates.
import type { ValidateFunction } from 'ajv';

export declare const validate: ValidateFunction;
export default validate;
