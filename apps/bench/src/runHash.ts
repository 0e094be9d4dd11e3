import { configHash } from './configHash';
import type { KValue } from './options';
import { classifierOptions, samplerOptions } from './profiles';
import type { ResolvedSetup } from './setup';

/** Bump when a change of the bench itself changes results, so old records are not reused. */
export const RECORD_FORMAT = 1;

/**
 * Hash of everything that determines one run's result besides its key: the data (file hash),
 * the preprocessing and split settings, the classifier and its options, the sampler options of
 * the profile, the precisions, and the record format. Runs in runs.jsonl with another hash are
 * not reused on resume.
 */
export function runHash(setup: ResolvedSetup, method: string, k: KValue): string {
  const c = setup.config;
  return configHash({
    format: RECORD_FORMAT,
    dataset: setup.datasetId,
    data: setup.dataHash,
    spec: c.dataset,
    targetPositiveRate: setup.targetPositiveRate ?? null,
    classifier: c.classifier,
    classifierOptions: classifierOptions(c.profile, c.classifier),
    method,
    samplerOptions: method === 'ns' ? null : samplerOptions(c.profile, method),
    k,
    precisions: setup.precisions,
  });
}
