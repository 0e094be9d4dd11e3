import * as tf from '@tensorflow/tfjs-core';

/**
 * The TensorFlow.js core namespace (`@tensorflow/tfjs-core` 4.22) used by every adaar
 * package. Sibling packages import `tf` from `@adaar/core` instead of depending on tfjs
 * themselves, so all tensors live in one engine instance and on the backend chosen by
 * {@link initBackend}.
 */
export { tf };
