/** What training measured in one epoch, by metrics.csv column name (`epoch`, `loss`, `val_accuracy`, …); a value
 * not measured that epoch (validation without a validation split) is undefined. */
export type EpochRow = Record<string, number | undefined>;
