import { registerGradients } from './gradients';
import { registerKernels } from './nn/kernels';
import { tf } from './tf';

/** Name of a TensorFlow.js backend adaar can run on. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Force one backend instead of the automatic choice (`tensorflow`, then `wasm`, then `cpu`).
   * Default: the environment variable `ADAAR_BACKEND` when set, else automatic. A forced backend
   * that fails to load throws instead of falling back.
   */
  backend?: BackendName;
}

/** One backend that was tried and failed during {@link initBackend}. */
export interface BackendAttempt {
  readonly backend: BackendName;
  readonly error: string;
}

/** What {@link backendInfo} reports: the active backend and why it was chosen. */
export interface BackendInfo {
  /** The active backend. */
  readonly name: BackendName;
  /** True for the native libtensorflow backend (`@tensorflow/tfjs-node`). */
  readonly native: boolean;
  /** How the backend was chosen: `'forced'` (option or `ADAAR_BACKEND`) or `'auto'`. */
  readonly selection: 'forced' | 'auto';
  /** Why a preferred backend was not used (absent when the first choice loaded). */
  readonly fallbackReason?: string;
  /** Every backend tried before the active one, with its error. */
  readonly attempts: readonly BackendAttempt[];
  /** TensorFlow.js version. */
  readonly tfjsVersion: string;
  /** wasm only: whether the SIMD build is active. */
  readonly wasmSimd?: boolean;
}

/** How each backend is loaded; replaceable in tests to simulate failures. */
export interface BackendLoaders {
  tensorflow: () => Promise<unknown>;
  wasm: () => Promise<unknown>;
  cpu: () => Promise<unknown>;
}

const AUTO_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];
const NAMES = new Set<string>(AUTO_ORDER);

/** The real loaders: dynamic imports only (tfjs-node is an optional dependency). */
export const defaultLoaders: BackendLoaders = {
  // The specifier goes through a variable so bundlers do not try to resolve the optional addon.
  tensorflow: () => {
    const id = '@tensorflow/tfjs-node';
    return import(/* @vite-ignore */ id);
  },
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

let current: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;

/**
 * True when `err` is the expected way an optional backend fails to load: the package is not
 * installed, or its native addon (`tfjs_binding.node`, libtensorflow) is missing or cannot be
 * opened. Anything else is a real bug and is rethrown by {@link initBackend}.
 */
export function isBackendLoadFailure(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const msg = typeof e?.message === 'string' ? e.message : String(err);
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  if (code === 'ERR_DLOPEN_FAILED') return true;
  return /tfjs_binding\.node|libtensorflow|can not be found|Cannot find module|Cannot find package|WebAssembly/i.test(
    msg,
  );
}

function message(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].trim();
}

async function activate(name: BackendName, loaders: BackendLoaders): Promise<void> {
  registerGradients();
  await loaders[name]();
  registerKernels();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed (backend did not initialise)`);
  await tf.ready();
}

/**
 * Same as {@link initBackend} with explicit loaders (used by tests to simulate a missing
 * native addon or a broken wasm runtime).
 */
export async function initBackendWith(
  loaders: BackendLoaders,
  opts: InitBackendOptions = {},
): Promise<BackendInfo> {
  const envChoice = typeof process !== 'undefined' ? process.env?.ADAAR_BACKEND : undefined;
  const forced = opts.backend ?? (envChoice ? envChoice.trim() : undefined);
  if (forced !== undefined && !NAMES.has(forced)) {
    const arg = opts.backend !== undefined ? 'backend' : 'ADAAR_BACKEND';
    throw new TypeError(`${arg}: expected 'tensorflow', 'wasm' or 'cpu', got '${forced}'`);
  }
  const attempts: BackendAttempt[] = [];
  const order = forced ? [forced as BackendName] : AUTO_ORDER;
  for (const name of order) {
    try {
      await activate(name, loaders);
    } catch (err) {
      if (forced) {
        throw new Error(`backend '${name}' was requested but failed to load: ${message(err)}`);
      }
      if (!isBackendLoadFailure(err) && !/setBackend/.test(message(err))) throw err;
      attempts.push({ backend: name, error: message(err) });
      continue;
    }
    const info: BackendInfo = {
      name,
      native: name === 'tensorflow',
      selection: forced ? 'forced' : 'auto',
      ...(attempts.length > 0
        ? { fallbackReason: attempts.map((a) => `${a.backend}: ${a.error}`).join('; ') }
        : {}),
      attempts,
      tfjsVersion: tf.version_core,
      ...(name === 'wasm'
        ? { wasmSimd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) }
        : {}),
    };
    current = info;
    return info;
  }
  throw new Error(
    `no TensorFlow.js backend could be loaded: ${attempts.map((a) => `${a.backend}: ${a.error}`).join('; ')}`,
  );
}

/**
 * Loads and activates a TensorFlow.js backend: `@tensorflow/tfjs-node` (native, `'tensorflow'`)
 * when it loads, else `'wasm'`, else `'cpu'`. Calling it again returns the active backend
 * unless a different one is forced.
 *
 * @param opts - `backend` forces one backend (also settable through the `ADAAR_BACKEND`
 *   environment variable).
 * @returns what {@link backendInfo} reports afterwards.
 * @throws TypeError for an unknown backend name; Error when a forced backend fails to load or
 *   when no backend loads at all.
 */
export async function initBackend(opts: InitBackendOptions = {}): Promise<BackendInfo> {
  if (current && (opts.backend === undefined || opts.backend === current.name)) {
    if (tf.getBackend() === current.name) return current;
  }
  if (pending) await pending.catch(() => undefined);
  pending = initBackendWith(defaultLoaders, opts);
  try {
    return await pending;
  } finally {
    pending = null;
  }
}

/**
 * The active backend and why it was chosen, or `null` before {@link initBackend} resolved.
 * Every result the bench writes includes this.
 */
export function backendInfo(): BackendInfo | null {
  if (current && tf.getBackend() !== current.name) {
    return { ...current, name: tf.getBackend() as BackendName, selection: 'forced' };
  }
  return current;
}

/** Resolves once some backend is active: the current one, else {@link initBackend}'s choice. */
export async function ensureBackend(): Promise<BackendInfo> {
  return current ?? initBackend();
}
