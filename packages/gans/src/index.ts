export { Bagan } from './bagan/bagan';
export type { BaganOptions, ResolvedBaganOptions } from './bagan/baganOptions';
export { BAGAN_DEFAULTS, resolveBaganOptions } from './bagan/baganOptions';
export { baganFakeCount, baganGeneratorDraws, discriminatorTargets } from './bagan/batchLayout';
export { checkLatentCapacity, drawClassLatents, fitClassNormals } from './bagan/classNormals';
export type { BaganSavedState } from './bagan/fittedBagan';
export { BAGAN_MODEL_KIND, FittedBagan } from './bagan/fittedBagan';
export type { LabelMode } from './bagan/labelSampling';
export { labelDistribution, sampleLabels } from './bagan/labelSampling';
export { loadBagan } from './bagan/loadBagan';
export type { GlGanSavedState } from './glgan/fittedGlGan';
export { FittedGlGan, GLGAN_MODEL_KIND } from './glgan/fittedGlGan';
export { GlGan } from './glgan/glgan';
export type {
  BaseSelection,
  GlGanDiscriminator,
  GlGanOptions,
  ResolvedGlGanOptions,
} from './glgan/glganOptions';
export { defaultGlGanLatentDim, resolveGlGanOptions } from './glgan/glganOptions';
export { loadGlGan } from './glgan/loadGlGan';
export type { LatentSmoteOptions, LatentSmoteTrace } from './latent/latentSmote';
export { latentSmote } from './latent/latentSmote';
export type { NeighbourTable } from './latent/minorityNeighbours';
export { minorityNeighbours } from './latent/minorityNeighbours';
export { cholesky, choleskyWithJitter } from './linalg/cholesky';
export type { MeanCovariance } from './linalg/meanCovariance';
export { meanCovariance } from './linalg/meanCovariance';
export type { MultivariateNormalJSON, MvnFactorization } from './linalg/multivariateNormal';
export { MultivariateNormal } from './linalg/multivariateNormal';
export type { SymmetricEigen } from './linalg/symmetricEigen';
export { symmetricEigen } from './linalg/symmetricEigen';
export {
  BAGAN_META,
  createBagan,
  createGlGan,
  GLGAN_META,
  registerGanSamplers,
} from './registry';
export type { EpochRecord } from './shared/trainingHistory';
