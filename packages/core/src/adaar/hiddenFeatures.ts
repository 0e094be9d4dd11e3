import type { Activation } from '../nn/activation';
import type { Mlp } from '../nn/mlp';
import { tf } from '../tf';

function activate(z: tf.Tensor2D, act: Activation): tf.Tensor2D {
  if (act === 'linear') return z;
  if (act === 'relu') return tf.relu(z);
  if (act === 'tanh') return tf.tanh(z);
  if (act === 'sigmoid') return tf.sigmoid(z);
  return tf.leakyRelu(z, act.alpha);
}

/**
 * Output of a network's last hidden layer (its penultimate layer, input of the output
 * layer) for `x` `[n, inputDim]`, in evaluation mode (no dropout): `[n, units]`. Built from
 * the network's variables with plain differentiable ops, so gradients reach `x` (and the
 * network's variables, for whoever asks). Used by ADAAR's feature matching term.
 * Call inside `tf.tidy` or a tape.
 *
 * @throws RangeError when the network has a single layer (no hidden layer).
 */
export function hiddenFeatures(net: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  const { layers } = net.config();
  if (layers.length < 2) throw new RangeError('hiddenFeatures: the network has no hidden layer');
  const vars = net.variables;
  let h = x;
  let v = 0;
  for (let i = 0; i < layers.length - 1; i++) {
    const l = layers[i];
    let z = tf.matMul(h, vars[v++] as tf.Variable<tf.Rank.R2>) as tf.Tensor2D;
    if (l.bias) z = tf.add(z, vars[v++]) as tf.Tensor2D;
    h = activate(z, l.activation);
  }
  return h;
}
