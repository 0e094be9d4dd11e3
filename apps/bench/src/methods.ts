/** Row groups of Table 2, in the paper's order (plus one for samplers of your own). */
export type MethodGroup = 'Baselines' | 'Ours' | 'Ablation Test' | 'Added';

/** How a method appears in tables and plots. */
export interface MethodInfo {
  readonly id: string;
  readonly label: string;
  readonly group: MethodGroup;
  /** Trains a neural generator (gets training curves and sampler diagnostics in the report). */
  readonly generative: boolean;
}

const BUILTIN: readonly MethodInfo[] = [
  { id: 'ns', label: 'NS', group: 'Baselines', generative: false },
  { id: 'ros', label: 'ROS', group: 'Baselines', generative: false },
  { id: 'smote', label: 'SMOTE', group: 'Baselines', generative: false },
  { id: 'adasyn', label: 'ADASYN', group: 'Baselines', generative: false },
  { id: 'bagan', label: 'BAGAN', group: 'Baselines', generative: true },
  { id: 'glgan', label: 'GLGAN', group: 'Baselines', generative: true },
  { id: 'adaar', label: 'ADAAR', group: 'Ours', generative: true },
  { id: 'adaar-no-ae', label: 'ADAAR w/o AE', group: 'Ablation Test', generative: true },
  { id: 'adaar-no-d1', label: 'ADAAR w/o D1', group: 'Ablation Test', generative: true },
  { id: 'adaar-no-d2', label: 'ADAAR w/o D2', group: 'Ablation Test', generative: true },
];

const GROUP_ORDER: readonly MethodGroup[] = ['Baselines', 'Added', 'Ours', 'Ablation Test'];

/** Display info of a method; unknown ids (user samplers) go to the `Added` group under their own name. */
export function methodInfo(
  id: string,
  userLabels: Readonly<Record<string, string>> = {},
): MethodInfo {
  return (
    BUILTIN.find((m) => m.id === id) ?? {
      id,
      label: userLabels[id] ?? id,
      group: 'Added',
      generative: false,
    }
  );
}

/** The built-in method ids, in table order. */
export const BUILTIN_METHOD_IDS: readonly string[] = BUILTIN.map((m) => m.id);

/** Sorts methods into table order: by group, then built-in order, then as given. */
export function tableOrder(ids: readonly string[]): string[] {
  const rank = (id: string) => {
    const info = methodInfo(id);
    const b = BUILTIN_METHOD_IDS.indexOf(id);
    return GROUP_ORDER.indexOf(info.group) * 1000 + (b >= 0 ? b : 500 + ids.indexOf(id));
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}
