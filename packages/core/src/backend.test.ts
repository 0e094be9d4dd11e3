import { afterAll, describe, expect, it } from 'vitest';
import {
  type BackendLoaders,
  backendInfo,
  defaultLoaders,
  initBackend,
  initBackendWith,
  isBackendLoadFailure,
} from './backend';
import { tf } from './tf';

const bindingMissing = () =>
  Promise.reject(
    new Error(
      'The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/lib/napi-v8/tfjs_binding.node. \nPlease run command ...',
    ),
  );
const notInstalled = () =>
  Promise.reject(
    Object.assign(new Error("Cannot find package '@tensorflow/tfjs-node'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    }),
  );
const wasmBroken = () =>
  Promise.reject(new Error('WebAssembly.instantiate(): Compiling function failed'));

describe('initBackend', () => {
  afterAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('falls back tensorflow -> wasm and reports why', async () => {
    const loaders: BackendLoaders = { ...defaultLoaders, tensorflow: bindingMissing };
    const info = await initBackendWith(loaders);
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.native).toBe(false);
    expect(info.selection).toBe('auto');
    expect(info.attempts.map((a) => a.backend)).toEqual(['tensorflow']);
    expect(info.fallbackReason).toMatch(/^tensorflow: .*\(tfjs_binding\.node\) can not be found/);
    expect(backendInfo()?.name).toBe('wasm');
  });

  it('falls back tensorflow -> wasm -> cpu when wasm fails too', async () => {
    const loaders: BackendLoaders = {
      ...defaultLoaders,
      tensorflow: notInstalled,
      wasm: wasmBroken,
    };
    const info = await initBackendWith(loaders);
    expect(info.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info.attempts.map((a) => a.backend)).toEqual(['tensorflow', 'wasm']);
    expect(info.fallbackReason).toContain(
      "tensorflow: Cannot find package '@tensorflow/tfjs-node'",
    );
    expect(info.fallbackReason).toContain('wasm: WebAssembly.instantiate()');
  });

  it('rethrows an unexpected error instead of hiding it behind a fallback', async () => {
    const loaders: BackendLoaders = {
      ...defaultLoaders,
      tensorflow: () => Promise.reject(new TypeError('x is not a function')),
    };
    await expect(initBackendWith(loaders)).rejects.toThrow('x is not a function');
  });

  it('throws when every backend fails', async () => {
    const loaders: BackendLoaders = {
      tensorflow: notInstalled,
      wasm: wasmBroken,
      cpu: notInstalled,
    };
    await expect(initBackendWith(loaders)).rejects.toThrow(
      /no TensorFlow.js backend could be loaded/,
    );
  });

  it('honours a forced backend and does not fall back from it', async () => {
    const info = await initBackendWith(defaultLoaders, { backend: 'cpu' });
    expect(info).toMatchObject({ name: 'cpu', selection: 'forced', attempts: [] });
    await expect(
      initBackendWith({ ...defaultLoaders, wasm: wasmBroken }, { backend: 'wasm' }),
    ).rejects.toThrow(/backend 'wasm' was requested but failed to load: WebAssembly/);
  });

  it('reads ADAAR_BACKEND and rejects unknown names', async () => {
    const old = process.env.ADAAR_BACKEND;
    try {
      process.env.ADAAR_BACKEND = 'cpu';
      expect((await initBackendWith(defaultLoaders)).name).toBe('cpu');
      process.env.ADAAR_BACKEND = 'webgpu';
      await expect(initBackendWith(defaultLoaders)).rejects.toThrow(/ADAAR_BACKEND: expected/);
    } finally {
      if (old === undefined) delete process.env.ADAAR_BACKEND;
      else process.env.ADAAR_BACKEND = old;
    }
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid input
    await expect(initBackend({ backend: 'gpu' as any })).rejects.toThrow(/backend: expected/);
  });

  it('uses the real loaders: native when tfjs-node is built, else wasm with the reason', async () => {
    const info = await initBackendWith(defaultLoaders);
    if (info.name === 'tensorflow') {
      expect(info.native).toBe(true);
    } else {
      expect(info.name).toBe('wasm');
      expect(info.wasmSimd).toBe(true);
      expect(info.fallbackReason).toMatch(/^tensorflow: .*(tfjs_binding\.node|Cannot find)/);
    }
  });

  it('classifies load failures', () => {
    expect(isBackendLoadFailure({ code: 'MODULE_NOT_FOUND', message: 'x' })).toBe(true);
    expect(isBackendLoadFailure({ code: 'ERR_DLOPEN_FAILED', message: 'libtensorflow.so.2' })).toBe(
      true,
    );
    expect(isBackendLoadFailure(new RangeError('index out of range'))).toBe(false);
  });
});
