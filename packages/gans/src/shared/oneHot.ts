/**
 * One-hot rows for class indices, row-major `labels.length * nClasses` float32.
 *
 * Built in JavaScript rather than with `tf.oneHot(..., 'float32')`, which on the wasm backend
 * of TensorFlow.js 4.22 writes int32 bit patterns into the float32 output (1 reads as 1.4e-45).
 */
export function oneHot(labels: ArrayLike<number>, nClasses: number): Float32Array {
  const out = new Float32Array(labels.length * nClasses);
  for (let i = 0; i < labels.length; i++) out[i * nClasses + labels[i]] = 1;
  return out;
}
