import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AdaarInputError } from '@adaar/data';
import { backendInfo, ensureBackend } from '../backend';
import { Mlp, type MlpConfig } from '../nn/mlp';
import { tf } from '../tf';
import { VERSION } from '../version';
import { fsIOHandler, MODEL_JSON } from './fsIOHandler';

/** File name of the manifest in a model directory. */
export const MANIFEST_JSON = 'manifest.json';
const FORMAT = 'adaar-model';
const FORMAT_VERSION = 1;

/** What a model directory's `manifest.json` holds. */
export interface ModelManifest {
  readonly format: 'adaar-model';
  readonly formatVersion: number;
  /** Model kind, e.g. `'mlp-classifier'`, `'adaar'`, `'bagan'`. */
  readonly kind: string;
  readonly packageName: '@adaar/core';
  /** `@adaar/core` version that wrote it. */
  readonly packageVersion: string;
  readonly tfjsVersion: string;
  /** Backend active when saving (informational: loading works on any backend). */
  readonly backend: string | null;
  readonly savedAt: string;
  /** The seed the model was trained with (as given), or null. */
  readonly seed: number | null;
  /** Model configuration (hyper-parameters), plain JSON. */
  readonly config: unknown;
  /** Preprocessing state (e.g. `Preprocessor.toJSON()`), stored as given; null when absent. */
  readonly preprocessing: unknown;
  /** Network name -> relative path of its model.json. */
  readonly networks: Record<string, string>;
  /** Any further model state (e.g. class-conditional latent statistics), plain JSON. */
  readonly state?: unknown;
}

/** Options of {@link saveModelDir}. */
export interface SaveModelOptions {
  readonly kind: string;
  readonly config?: unknown;
  readonly seed?: number | null;
  readonly preprocessing?: unknown;
  readonly state?: unknown;
  /** Trained networks, saved as `<dir>/<name>/model.json` + `weights.bin` each. */
  readonly networks?: Record<string, Mlp>;
}

const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Saves trained networks and a manifest (kind, config, seed, preprocessing, package version) to
 * a directory, with adaar's fs IOHandler so the result loads on every backend.
 *
 * @throws AdaarInputError for a network name that is not `[A-Za-z0-9_-]+`.
 */
export async function saveModelDir(dir: string, opts: SaveModelOptions): Promise<ModelManifest> {
  if (opts.networks && Object.keys(opts.networks).length > 0) await ensureBackend();
  const networks: Record<string, string> = {};
  await mkdir(dir, { recursive: true });
  for (const [name, net] of Object.entries(opts.networks ?? {})) {
    if (!NAME.test(name)) throw new AdaarInputError('networks', `invalid network name '${name}'`);
    const cfg = net.config();
    const named: tf.NamedTensorMap = {};
    let k = 0;
    cfg.layers.forEach((l, i) => {
      named[`layers.${i}.kernel`] = net.variables[k++];
      if (l.bias) named[`layers.${i}.bias`] = net.variables[k++];
    });
    const { data, specs } = await tf.io.encodeWeights(named);
    await fsIOHandler(join(dir, name)).save({
      format: 'adaar-mlp',
      generatedBy: `@adaar/core ${VERSION}`,
      modelTopology: { class_name: 'AdaarMlp', config: cfg },
      weightSpecs: specs,
      weightData: data,
    });
    networks[name] = `${name}/${MODEL_JSON}`;
  }
  const manifest: ModelManifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    kind: opts.kind,
    packageName: '@adaar/core',
    packageVersion: VERSION,
    tfjsVersion: tf.version_core,
    backend: backendInfo()?.name ?? null,
    savedAt: new Date().toISOString(),
    seed: opts.seed ?? null,
    config: opts.config ?? null,
    preprocessing: opts.preprocessing ?? null,
    networks,
    ...(opts.state !== undefined ? { state: opts.state } : {}),
  };
  await writeFile(join(dir, MANIFEST_JSON), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads only the manifest of a model directory. */
export async function readManifest(dir: string): Promise<ModelManifest> {
  let m: ModelManifest;
  try {
    m = JSON.parse(await readFile(join(dir, MANIFEST_JSON), 'utf8'));
  } catch (e) {
    throw new AdaarInputError(
      'dir',
      `cannot read ${join(dir, MANIFEST_JSON)}: ${(e as Error).message}`,
    );
  }
  if (m.format !== FORMAT || typeof m.formatVersion !== 'number') {
    throw new AdaarInputError('dir', `${join(dir, MANIFEST_JSON)} is not an adaar model manifest`);
  }
  if (m.formatVersion > FORMAT_VERSION) {
    throw new AdaarInputError(
      'dir',
      `manifest format ${m.formatVersion} is newer than this @adaar/core (${FORMAT_VERSION})`,
    );
  }
  return m;
}

/**
 * Loads a directory written by {@link saveModelDir} on the active backend: the manifest and
 * every network (as new {@link Mlp}s owned by the caller).
 *
 * @param expectedKind - when given, the manifest's `kind` must equal it.
 * @throws AdaarInputError for a missing or foreign directory, a kind mismatch or corrupt weights.
 */
export async function loadModelDir(
  dir: string,
  expectedKind?: string,
): Promise<{ manifest: ModelManifest; networks: Record<string, Mlp> }> {
  const manifest = await readManifest(dir);
  if (Object.keys(manifest.networks).length > 0) await ensureBackend();
  if (expectedKind !== undefined && manifest.kind !== expectedKind) {
    throw new AdaarInputError(
      'dir',
      `holds a '${manifest.kind}' model, expected '${expectedKind}'`,
    );
  }
  const networks: Record<string, Mlp> = {};
  try {
    for (const [name, rel] of Object.entries(manifest.networks)) {
      const netDir = join(dir, rel.replace(/\/?model\.json$/, ''));
      networks[name] = await loadMlp(netDir);
    }
  } catch (e) {
    for (const n of Object.values(networks)) n.dispose();
    throw e;
  }
  return { manifest, networks };
}

async function loadMlp(dir: string): Promise<Mlp> {
  const art = await fsIOHandler(dir).load();
  const topo = art.modelTopology as { class_name?: string; config?: MlpConfig } | undefined;
  if (art.format !== 'adaar-mlp' || topo?.class_name !== 'AdaarMlp' || !topo.config) {
    throw new AdaarInputError('dir', `${join(dir, MODEL_JSON)} is not an adaar Mlp`);
  }
  const net = Mlp.fromConfig(topo.config);
  const tensors = tf.io.decodeWeights(art.weightData ?? new ArrayBuffer(0), art.weightSpecs ?? []);
  try {
    const arrays: Float32Array[] = [];
    topo.config.layers.forEach((l, i) => {
      for (const key of l.bias ? ['kernel', 'bias'] : ['kernel']) {
        const t = tensors[`layers.${i}.${key}`];
        if (!t)
          throw new AdaarInputError(
            'dir',
            `${join(dir, MODEL_JSON)} lacks weights layers.${i}.${key}`,
          );
        arrays.push(t.dataSync() as Float32Array);
      }
    });
    net.setWeights(arrays);
  } catch (e) {
    net.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return net;
}
