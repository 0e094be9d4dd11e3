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
