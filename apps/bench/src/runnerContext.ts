import { initBackend } from '@adaar/core';
import { type DataSource, openDataSource } from './dataSource';
import { BUILTIN_METHOD_IDS } from './methods';
import { registerBenchSamplers } from './registerSamplers';
import { JobRunner } from './runner';
import type { BackendRecord } from './runRecord';
import type { ResolvedSetup } from './setup';
import { loadSamplerModules } from './userSamplers';

/**
 * Sets up one executor (the main thread, or a worker thread): its TensorFlow.js backend, the
 * samplers (built-in and --sampler-module ones) and the data, then a {@link JobRunner}.
 * @param source - an already opened data source to reuse (main thread), else opened here.
 */
export async function createRunnerContext(
  setup: ResolvedSetup,
  source?: DataSource,
): Promise<{ backend: BackendRecord; runner: JobRunner }> {
  const b = setup.config.backend;
  const info = await initBackend(b === 'auto' ? {} : { backend: b });
  const backend: BackendRecord = {
    name: info.name,
    native: info.native,
    ...(info.fallbackReason ? { fallbackReason: info.fallbackReason } : {}),
  };
  registerBenchSamplers(await loadSamplerModules(setup.config.samplerModules, BUILTIN_METHOD_IDS));
  const data =
    source ??
    (await openDataSource(setup.config.dataset, {
      targetPositiveRate: setup.config.targetPositiveRate,
    }));
  return { backend, runner: new JobRunner(setup, data, backend) };
}
