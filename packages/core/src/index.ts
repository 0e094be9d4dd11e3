export type {
  BackendAttempt,
  BackendInfo,
  BackendLoaders,
  BackendName,
  InitBackendOptions,
} from './backend';
export { backendInfo, ensureBackend, initBackend } from './backend';
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
export { tf } from './tf';
