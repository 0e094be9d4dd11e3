/** Leaky ReLU with negative slope `alpha`: `x > 0 ? x : alpha * x`. */
export interface LeakyReluActivation {
  readonly kind: 'leakyRelu';
  /** Slope for negative inputs (Keras default 0.3; many GANs use 0.2). */
  readonly alpha: number;
}

/**
 * Activation of a dense layer: `'relu'`, `'tanh'`, `'sigmoid'`, `'linear'` (identity) or
 * leaky ReLU built with {@link leakyRelu}. Plain JSON, so it can be saved in a model config.
 */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear' | LeakyReluActivation;

/**
 * Leaky ReLU activation spec.
 * @param alpha - negative slope, default 0.3 (Keras); must be finite and >= 0.
 * @throws RangeError for a negative or non-finite alpha.
 */
export function leakyRelu(alpha = 0.3): LeakyReluActivation {
  if (!Number.isFinite(alpha) || alpha < 0) {
    throw new RangeError(`alpha: expected a finite number >= 0, got ${alpha}`);
  }
  return { kind: 'leakyRelu', alpha };
}

/** Checks an activation spec (from code or a loaded config) and returns it. */
export function checkActivation(a: unknown, argument: string): Activation {
  if (a === 'relu' || a === 'tanh' || a === 'sigmoid' || a === 'linear') return a;
  if (typeof a === 'object' && a !== null && (a as LeakyReluActivation).kind === 'leakyRelu') {
    return leakyRelu((a as LeakyReluActivation).alpha);
  }
  throw new TypeError(
    `${argument}: expected 'relu' | 'tanh' | 'sigmoid' | 'linear' | leakyRelu(alpha), got ${JSON.stringify(a)}`,
  );
}
