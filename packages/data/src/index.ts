export type { CategoricalGroup, ColumnInfo, CreateDatasetOptions, Dataset } from './dataset';
export { createDataset } from './dataset';
export type { ClassCounts } from './datasetOps';
export {
  concatDatasets,
  countClasses,
  getRow,
  indicesOfClass,
  takeRows,
  withRows,
} from './datasetOps';
export { AdaarInputError, NotFittedError } from './errors';
export type { CategoricalColumn, Frame, FrameColumn, NumericColumn } from './frame';
export { frameColumn, takeFrameRows } from './frame';
export type { FrameOptions, LabelValue } from './frameFromColumns';
export { frameFromColumns } from './frameFromColumns';
export { monthIndex, monthLabel } from './monthIndex';
export type {
  CategoricalSpec,
  DecodedRow,
  NumericSpec,
  PreprocessorJSON,
  PreprocessorOptions,
} from './preprocessor';
export { fitPreprocessor, MISSING_LEVEL, Preprocessor, quantileSorted } from './preprocessor';
export type { SeedLike } from './rng';
export { Rng, toRng } from './rng';
export type {
  NamedSplit,
  SyntheticCreditFrame,
  SyntheticCreditOptions,
  SyntheticProfile,
  SyntheticSplitName,
} from './syntheticCredit';
export {
  SYNTHETIC_FEATURES,
  SYNTHETIC_PROFILES,
  SYNTHETIC_SPLITS,
  syntheticCredit,
} from './syntheticCredit';
