export type { ConformanceOptions, MakeSampler } from './conformance';
export { conformanceDataset, runSamplerConformance } from './conformance';
