/** Types for `bundle-size.mjs` (plain ESM so `npm run bench` loads it without a TS loader). */
export interface BundleSpec {
  readonly name: string;
  /** The bundled ES module's source. */
  readonly source: string;
  /** The size it must stay under, in KB (1024 bytes) gzipped: the test's limit and the benchmark's target; timeblocks' own bundles only. */
  readonly maxKb?: number;
}

export const bundles: readonly BundleSpec[];
export function gzippedBundleBytes(source: string): Promise<number>;
export function measureBundles(): Promise<Array<BundleSpec & { bytes: number }>>;
