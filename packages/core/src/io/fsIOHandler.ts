import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AdaarInputError } from '@adaar/data';
import { tf } from '../tf';

/** File names used by {@link fsIOHandler}. */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * A TensorFlow.js `IOHandler` that saves to and loads from a directory with Node's `fs`:
 * `model.json` (topology, format, weights manifest, tfjs layout) plus one `weights.bin`.
 * Unlike tfjs-node's `file://` handler it works on every backend (wasm, cpu, tensorflow).
 *
 * @param dir - directory (created on save).
 */
export function fsIOHandler(dir: string): Required<Pick<tf.io.IOHandler, 'save' | 'load'>> {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await mkdir(dir, { recursive: true });
      const data = artifacts.weightData
        ? tf.io.CompositeArrayBuffer.join(artifacts.weightData)
        : new ArrayBuffer(0);
      const json = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        ...(artifacts.userDefinedMetadata
          ? { userDefinedMetadata: artifacts.userDefinedMetadata }
          : {}),
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(join(dir, WEIGHTS_BIN), new Uint8Array(data));
      await writeFile(join(dir, MODEL_JSON), `${JSON.stringify(json, null, 1)}\n`);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: data.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      let json: {
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        modelTopology?: object;
        userDefinedMetadata?: tf.io.ModelArtifacts['userDefinedMetadata'];
        weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      };
      try {
        json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8'));
      } catch (e) {
        throw new AdaarInputError(
          'dir',
          `cannot read ${join(dir, MODEL_JSON)}: ${(e as Error).message}`,
        );
      }
      const groups = json.weightsManifest ?? [];
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const g of groups) {
        specs.push(...g.weights);
        for (const p of g.paths) {
          const b = await readFile(join(dir, p));
          buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
        }
      }
      return {
        ...(json.format ? { format: json.format } : {}),
        ...(json.generatedBy ? { generatedBy: json.generatedBy } : {}),
        ...(json.convertedBy ? { convertedBy: json.convertedBy } : {}),
        ...(json.modelTopology ? { modelTopology: json.modelTopology } : {}),
        ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
        weightSpecs: specs,
        weightData: tf.io.CompositeArrayBuffer.join(buffers),
      };
    },
  };
}
