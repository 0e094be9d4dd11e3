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
export type { SeedLike } from './rng';
export { Rng, toRng } from './rng';
