export type { BuiltinInfo, BuiltinName } from './builtinDatasets';
export { BUILTIN_DATASETS } from './builtinDatasets';
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
export { fromArrowBytes, loadArrow } from './loadArrow';
export type { LoadBuiltinOptions } from './loadBuiltin';
export { builtinDir, loadBuiltin } from './loadBuiltin';
export type { CsvOptions } from './loadCsv';
export { fromCsvText, loadCsv } from './loadCsv';
export type { LoadHmeqOptions } from './loadHmeq';
export { HMEQ_SHA256, loadHmeq } from './loadHmeq';
export type { LoadLendingClubOptions } from './loadLendingClub';
export {
  LENDING_CLUB_BAD,
  LENDING_CLUB_DROPPED,
  LENDING_CLUB_GOOD,
  loadLendingClub,
} from './loadLendingClub';
export type { ParquetOptions } from './loadParquet';
export { fromParquetBytes, loadParquet } from './loadParquet';
export { monthIndex, monthLabel } from './monthIndex';
export type { OutOfTimeSplitOptions } from './outOfTimeSplit';
export { outOfTimeSplit } from './outOfTimeSplit';
export type {
  CategoricalSpec,
  DecodedRow,
  NumericSpec,
  PreprocessorJSON,
  PreprocessorOptions,
} from './preprocessor';
export { fitPreprocessor, MISSING_LEVEL, Preprocessor, quantileSorted } from './preprocessor';
export { readFileBytes } from './readFileBytes';
export type { SeedLike } from './rng';
export { Rng, toRng } from './rng';
export { readVerified, sha256Hex } from './sha256';
export type { LabelledRows, TrainTestIndices } from './splitHelpers';
export type { StratifiedKFoldOptions } from './stratifiedKFold';
export { stratifiedKFold } from './stratifiedKFold';
export type { StratifiedSplitOptions } from './stratifiedSplit';
export { stratifiedSplit } from './stratifiedSplit';
export type { SubsamplePositivesOptions } from './subsamplePositives';
export { subsamplePositives } from './subsamplePositives';
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
export type { ValidationSplitOptions } from './validationSplit';
export { validationSplit } from './validationSplit';
