import type { FrameOptions } from './frameFromColumns';

/** Name of a data set shipped inside this package. */
export type BuiltinName = 'polish-1year' | 'polish-5year' | 'taiwan-default' | 'german-credit';

/** Facts about a shipped data set (all CC BY 4.0; see the package's NOTICE file). */
export interface BuiltinInfo {
  /** File name inside the package's `datasets/` folder. */
  readonly file: string;
  /** sha256 (hex) of that file, checked on every load. */
  readonly sha256: string;
  /** Number of rows. */
  readonly rows: number;
  /** Number of high-risk rows. */
  readonly positives: number;
  /** How the label is coded and which columns are dropped or categorical. */
  readonly frame: FrameOptions;
  /** Source and license, for attribution. */
  readonly source: string;
}

const UCI_LICENSE = 'CC BY 4.0, UCI Machine Learning Repository';

/** The data sets shipped inside the package, by name. */
export const BUILTIN_DATASETS: Readonly<Record<BuiltinName, BuiltinInfo>> = {
  'polish-1year': {
    file: 'polish-1year.csv.gz',
    sha256: '2c5841131c6d981133b7ac173ee0e81b69829aff6fbb63adac896b3f4c4e3ee7',
    rows: 7027,
    positives: 271,
    frame: { label: 'class', positive: 1, negative: 0 },
    source: `Polish Companies Bankruptcy, year 1 (Tomczak 2016, UCI id 365, DOI 10.24432/C5F600); ${UCI_LICENSE}`,
  },
  'polish-5year': {
    file: 'polish-5year.csv.gz',
    sha256: '042ce3d0bbf6669a47134997309001ca429e1c9a2db6fad24cb46b0326427ea6',
    rows: 5910,
    positives: 410,
    frame: { label: 'class', positive: 1, negative: 0 },
    source: `Polish Companies Bankruptcy, year 5 (Tomczak 2016, UCI id 365, DOI 10.24432/C5F600); ${UCI_LICENSE}`,
  },
  'taiwan-default': {
    file: 'taiwan-default.csv.gz',
    sha256: '5635200c549315f433b6fb35825b3e50c75eb868832f5dc27588b9d304592dd1',
    rows: 30000,
    positives: 6636,
    frame: {
      label: 'default.payment.next.month',
      positive: 1,
      negative: 0,
      drop: ['ID'],
      categorical: ['SEX', 'EDUCATION', 'MARRIAGE'],
    },
    source: `Default of Credit Card Clients (Yeh 2009, UCI id 350, DOI 10.24432/C55S3H); ${UCI_LICENSE}`,
  },
  'german-credit': {
    file: 'german-credit.csv',
    sha256: '6a960a467a41e87aebee544ea8bac5c1da58c98e1e80c1a9de5d39a42a98a5f9',
    rows: 1000,
    positives: 300,
    frame: { label: 'class', positive: 2, negative: 1 },
    source: `Statlog (German Credit Data) (Hofmann 1994, UCI id 144, DOI 10.24432/C5NC77); ${UCI_LICENSE}`,
  },
};
