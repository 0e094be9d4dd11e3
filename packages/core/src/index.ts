// ADAAR
export type { AdaarConstructorOptions } from './adaar/adaar';
export { ADAAR_MIN_POSITIVES, Adaar, adaarName } from './adaar/adaar';
export { loadAdaar } from './adaar/adaarIo';
export type { AdaarNetworkName } from './adaar/adaarNetworks';
export type {
  AdaarOptions,
  AdaarSpace,
  AdaarVariant,
  ResolvedAdaarOptions,
} from './adaar/adaarOptions';
export { ADAAR_VARIANTS, defaultLatentDim, resolveAdaarOptions } from './adaar/adaarOptions';
export type { AdaarSamplerName } from './adaar/adaarSamplers';
export {
  ADAAR_SAMPLER_NAMES,
  adaarSamplerFactories,
  registerAdaarSamplers,
} from './adaar/adaarSamplers';
export type {
  DiagnoseSamplesOptions,
  RiskLogitScorer,
  SampleDiagnostics,
} from './adaar/diagnostics';
export {
  diagnoseSamples,
  medianHeuristicBandwidth,
  mmdRbf,
  nearestNeighbourRatio,
  nearestNeighbours,
  nearestPositiveShare,
  riskinessGap,
  spreadRatio,
} from './adaar/diagnostics';
export type { AdaarDiagnostics, AdaarScaling } from './adaar/fittedAdaar';
export { ADAAR_MODEL_KIND, FittedAdaar } from './adaar/fittedAdaar';
export type {
  AdaarTrainingCurve,
  CurveDiagnostics,
  CurveSeries,
  TrainingCurveRow,
} from './adaar/trainingCurve';
export { trainingCurveRows } from './adaar/trainingCurve';
export type {
  BackendAttempt,
  BackendInfo,
  BackendLoaders,
  BackendName,
  InitBackendOptions,
} from './backend';
export { backendInfo, ensureBackend, initBackend } from './backend';
export type { Classifier, ClassifierFitOptions } from './classifiers/classifier';
export type { LogisticRegressionOptions } from './classifiers/logisticRegression';
export { LogisticRegression } from './classifiers/logisticRegression';
export type { MLPClassifierOptions, MLPEpoch } from './classifiers/mlpClassifier';
export { MLPClassifier } from './classifiers/mlpClassifier';
export type { MaxFeatures, RandomForestOptions } from './classifiers/randomForest';
export { RandomForestClassifier } from './classifiers/randomForest';
export { fsIOHandler } from './io/fsIOHandler';
export type { ModelManifest, SaveModelOptions } from './io/modelDir';
export { loadModelDir, readManifest, saveModelDir } from './io/modelDir';
export type { Activation, LeakyReluActivation } from './nn/activation';
export { leakyRelu } from './nn/activation';
export type { AdamOptions, Trainable } from './nn/adam';
export { Adam } from './nn/adam';
export type { AdversarialStepOptions, FrozenPath } from './nn/adversarial';
export { adversarialStep } from './nn/adversarial';
export type { AutoencoderFitOptions, AutoencoderOptions } from './nn/autoencoder';
export { Autoencoder } from './nn/autoencoder';
export type { BatchOptions } from './nn/batches';
export { balancedBatchIndices, batchIndices, gatherRows } from './nn/batches';
export { glorotUniform } from './nn/glorot';
export { bceWithLogits, mse, softmaxCrossEntropy } from './nn/losses';
export type {
  ApplyOptions,
  DenseLayerConfig,
  DenseLayerSpec,
  MlpConfig,
  MlpOptions,
} from './nn/mlp';
export { Mlp } from './nn/mlp';
export { fillNormal32, randomNormal } from './nn/random';
export { tf } from './tf';
export { VERSION } from './version';
