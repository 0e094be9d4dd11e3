export { auc } from './auc';
export { averagePrecision } from './averagePrecision';
export type { BootstrapMetric, BootstrapOptions, BootstrapResult } from './bootstrapCI';
export { bootstrapCI } from './bootstrapCI';
export { brier } from './brier';
export type { Confusion } from './confusionAt';
export { confusionAt } from './confusionAt';
export type {
  EvaluateOptions,
  RecallAtPrecisionValue,
  ScoreMetrics,
} from './evaluateScores';
export { defaultSecondPrecision, evaluateScores } from './evaluateScores';
export { gini } from './gini';
export type { KsResult } from './ks';
export { ks } from './ks';
export type { KsDecileRow, KsDecileTableOptions } from './ksDecileTable';
export { ksDecileTable } from './ksDecileTable';
export type { MeanStd } from './meanStd';
export { meanStd } from './meanStd';
export type { PairedTTestOptions, PairedTTestResult } from './pairedTTest';
export { pairedTTest } from './pairedTTest';
export { precisionAtRecall } from './precisionAtRecall';
export { recallAtPrecision } from './recallAtPrecision';
export type { ScoreCurve } from './scoreCurve';
export { scoreCurve } from './scoreCurve';
export type { Alternative, LabelOptions } from './types';
export type { WilcoxonOptions, WilcoxonResult } from './wilcoxonSignedRank';
export { wilcoxonSignedRank } from './wilcoxonSignedRank';
