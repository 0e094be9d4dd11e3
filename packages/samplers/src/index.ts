export type { AdasynOptions } from './adasyn';
export { Adasyn, FittedAdasyn } from './adasyn';
export type { FitResampleOptions, FitResampleResult } from './fitResample';
export { fitResample } from './fitResample';
export type { BruteForceKnnOptions, KnnBackend, KnnStage } from './knn/bruteForceKnn';
export { BruteForceKnn } from './knn/bruteForceKnn';
export type { KnnEngine, KnnMatrix, KnnQueryOptions } from './knn/knnEngine';
export type { RandomOverSamplerOptions } from './randomOverSampler';
export { FittedRandomOverSampler, RandomOverSampler } from './randomOverSampler';
export type {
  RegisterOptions,
  SamplerFactory,
  SamplerInfo,
  SamplerMeta,
  SamplerOptionsByName,
} from './registry';
export {
  createSampler,
  hasSampler,
  listSamplers,
  registerSampler,
  unregisterSampler,
} from './registry';
export type {
  FitOptions,
  FittedSampler,
  Progress,
  SampleOptions,
  Sampler,
  SamplingStrategy,
} from './sampler';
export type { SmoteOptions } from './smote';
export { FittedSmote, Smote } from './smote';
export { syntheticCount } from './syntheticCount';
export type { TrainingSetSummary, ValidateTrainingSetOptions } from './validateTrainingSet';
export { validateTrainingSet } from './validateTrainingSet';
