import { escapeHtml } from './html.js';

/** A named series of values, one per label (null where there is none). */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

export interface ChartOptions {
  readonly title: string;
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Fixed bounds of the value axis; from the data when absent. */
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  readonly width?: number;
  readonly height?: number;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
const PAD = { left: 48, right: 12, top: 28, bottom: 36 };

const round = (value: number) => Math.round(value * 100) / 100;

function frame(options: ChartOptions, body: string, scale: { min: number; max: number }): string {
  const width = options.width ?? 560;
  const height = options.height ?? 240;
  const plotHeight = height - PAD.top - PAD.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const value = scale.min + (scale.max - scale.min) * share;
    const y = round(PAD.top + plotHeight * (1 - share));
    return (
      `<line x1="${PAD.left}" y1="${y}" x2="${width - PAD.right}" y2="${y}" stroke="#ddd"/>` +
      `<text x="${PAD.left - 4}" y="${y + 4}" text-anchor="end" font-size="10">${escapeHtml(round(value))}</text>`
    );
  });
  const legend = options.series
    .map(
      (series, i) =>
        `<rect x="${PAD.left + i * 130}" y="${height - 12}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>` +
        `<text x="${PAD.left + i * 130 + 14}" y="${height - 3}" font-size="10">${escapeHtml(series.name.slice(0, 22))}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}">` +
    `<title>${escapeHtml(options.title)}</title>` +
    `<text x="${PAD.left}" y="16" font-size="12" font-weight="bold">${escapeHtml(options.title)}${options.unit ? ` (${escapeHtml(options.unit)})` : ''}</text>` +
    ticks.join('') +
    body +
    legend +
    `</svg>`
  );
}

function scaleOf(options: ChartOptions, includeZero: boolean): { min: number; max: number } {
  const values = options.series.flatMap((series) => series.values).filter((v): v is number => v !== null);
  let min = options.min ?? Math.min(...values, ...(includeZero ? [0] : []));
  let max = options.max ?? Math.max(...values, ...(includeZero ? [0] : []));
  if (!Number.isFinite(min) || !Number.isFinite(max)) [min, max] = [0, 1];
  if (max === min) [min, max] = [min - 1, max + 1];
  return { min, max };
}

function xLabels(options: ChartOptions, xOf: (index: number) => number, height: number): string {
  const every = Math.max(1, Math.ceil(options.labels.length / 10));
  return options.labels
    .map((label, i) =>
      i % every === 0
        ? `<text x="${round(xOf(i))}" y="${height - PAD.bottom + 14}" text-anchor="middle" font-size="10">${escapeHtml(label)}</text>`
        : '',
    )
    .join('');
}

/** A line chart: one polyline per series, a dot per value; gaps where a value is null. */
export function lineChart(options: ChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 240;
  const scale = scaleOf(options, false);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const count = Math.max(1, options.labels.length - 1);
  const xOf = (i: number) => PAD.left + (options.labels.length === 1 ? plotWidth / 2 : (plotWidth * i) / count);
  const yOf = (value: number) => PAD.top + plotHeight * (1 - (value - scale.min) / (scale.max - scale.min));
  const lines = options.series
    .map((series, s) => {
      const colour = COLOURS[s % COLOURS.length];
      const segments: string[][] = [[]];
      const dots: string[] = [];
      series.values.forEach((value, i) => {
        if (value === null) {
          segments.push([]);
          return;
        }
        const point = `${round(xOf(i))},${round(yOf(value))}`;
        segments[segments.length - 1]!.push(point);
        dots.push(
          `<circle cx="${round(xOf(i))}" cy="${round(yOf(value))}" r="3" fill="${colour}"><title>${escapeHtml(`${series.name} ${options.labels[i]}: ${value}`)}</title></circle>`,
        );
      });
      const polylines = segments
        .filter((points) => points.length > 1)
        .map((points) => `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`);
      return polylines.join('') + dots.join('');
    })
    .join('');
  return frame(options, lines + xLabels(options, xOf, height), scale);
}

/** A bar chart: for each label, one bar per series side by side, from zero. */
export function barChart(options: ChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 240;
  const scale = scaleOf(options, true);
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, options.labels.length);
  const barWidth = Math.max(2, (slot * 0.8) / Math.max(1, options.series.length));
  const yOf = (value: number) => PAD.top + plotHeight * (1 - (value - scale.min) / (scale.max - scale.min));
  const bars = options.series
    .map((series, s) =>
      series.values
        .map((value, i) => {
          if (value === null) return '';
          const x = PAD.left + slot * i + slot * 0.1 + barWidth * s;
          const top = Math.min(yOf(value), yOf(0));
          const bottom = Math.max(yOf(value), yOf(0));
          return `<rect x="${round(x)}" y="${round(top)}" width="${round(barWidth)}" height="${round(Math.max(1, bottom - top))}" fill="${COLOURS[s % COLOURS.length]}"><title>${escapeHtml(`${series.name} ${options.labels[i]}: ${value}`)}</title></rect>`;
        })
        .join(''),
    )
    .join('');
  return frame(options, bars + xLabels(options, (i) => PAD.left + slot * i + slot / 2, height), scale);
}
