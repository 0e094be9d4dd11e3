/**
 * Thrown at an API boundary when an argument is invalid. The message always starts with
 * the argument's name, e.g. `y: expected labels 0/1, found 2 at index 7`.
 */
export class AdaarInputError extends Error {
  /** The name of the offending argument (e.g. `"X"`, `"y"`, `"k"`). */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'AdaarInputError';
    this.argument = argument;
  }
}

/** Thrown when a method is used out of order, e.g. `sample()` before `fit()`. */
export class NotFittedError extends Error {
  constructor(what: string) {
    super(`${what} is not fitted: call fit() first`);
    this.name = 'NotFittedError';
  }
}
