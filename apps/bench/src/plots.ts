import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One point of a line chart. */
export interface LinePoint {
  readonly x: number | string;
  readonly y: number;
  readonly series: string;
  /** Error bar ends (drawn as a vertical rule) when given. */
  readonly lo?: number;
  readonly hi?: number;
}

/** What {@link lineChartSpec} draws. */
export interface LineChartOptions {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** `ordinal` keeps the order of `xOrder` (e.g. 1, 2, 4, balance); `quantitative` is a number axis. */
  readonly xType: 'ordinal' | 'quantitative';
  readonly xOrder?: readonly string[];
  readonly seriesOrder?: readonly string[];
  readonly seriesTitle?: string;
  readonly width?: number;
  readonly height?: number;
  /** Log-scale y axis (for losses spanning decades). */
  readonly logY?: boolean;
}

function seriesCount(points: readonly LinePoint[]): number {
  return new Set(points.map((p) => p.series)).size;
}

/** A vega-lite spec of a multi-series line chart with optional error bars. */
export function lineChartSpec(points: readonly LinePoint[], o: LineChartOptions): TopLevelSpec {
  const x = {
    field: 'x',
    type: o.xType,
    title: o.xTitle,
    ...(o.xOrder ? { sort: [...o.xOrder] } : {}),
    ...(o.xType === 'ordinal' ? { axis: { labelAngle: 0 } } : {}),
  } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    title: o.seriesTitle ?? '',
    ...(o.seriesOrder ? { sort: [...o.seriesOrder] } : {}),
  } as const;
  const y = {
    field: 'y',
    type: 'quantitative',
    title: o.yTitle,
    scale: o.logY ? { type: 'log' } : { zero: false },
  } as const;
  const values = points.map((p) => ({ ...p, x: o.xType === 'ordinal' ? String(p.x) : p.x }));
  const hasBars = points.some((p) => p.lo !== undefined && p.hi !== undefined);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    width: o.width ?? 420,
    height: o.height ?? 260,
    data: { values },
    layer: [
      {
        mark: { type: 'line', point: points.length <= 40 * seriesCount(points) },
        encoding: { x, y, color },
      },
      ...(hasBars
        ? [
            {
              mark: { type: 'rule' as const },
              encoding: {
                x,
                y: { field: 'lo', type: 'quantitative' as const },
                y2: { field: 'hi' },
                color,
              },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}

/** Renders a vega-lite spec to a standalone SVG string in Node (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
