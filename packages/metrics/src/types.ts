/**
 * How binary labels are coded. Every label must equal `positive` or `negative`; anything
 * else is an input error.
 */
export interface LabelOptions {
  /** The label value meaning "positive" (high-risk). Default `1`. */
  positive?: number;
  /** The label value meaning "negative" (low-risk). Default `0`. */
  negative?: number;
}

/** Alternative hypothesis of a paired test, stated for the differences `a - b`. */
export type Alternative = 'two-sided' | 'greater' | 'less';
