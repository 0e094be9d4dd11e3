import type { RunRecord } from './runRecord';
import { runKey } from './runRecord';

/**
 * A run record with the given coordinates and metrics and neutral everything else
 * (for tests of aggregation, resume and the report).
 */
export function fakeRecord(
  o: {
    split: string;
    method: string;
    seed: number;
    k?: number | 'balance';
    metrics: Record<string, number>;
    dataset?: string;
    configHash?: string;
  },
  extra: Partial<RunRecord> = {},
): RunRecord {
  const dataset = o.dataset ?? 'synthetic';
  const k = o.k ?? (o.method === 'ns' ? 0 : 1);
  return {
    v: 1,
    key: runKey({ dataset, split: o.split, method: o.method, seed: o.seed, k }),
    configHash: o.configHash ?? 'h',
    dataset,
    split: o.split,
    method: o.method,
    seed: o.seed,
    k,
    classifier: 'mlp',
    metrics: o.metrics,
    nTrain: 100,
    nTrainPositive: 10,
    nValidation: 20,
    nTest: 100,
    testPositiveRate: 0.1,
    nSynthetic: 0,
    fitSeconds: 0,
    sampleSeconds: 0,
    classifierSeconds: 1,
    totalSeconds: 1,
    backend: { name: 'cpu', native: false },
    versions: {},
    finishedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}
