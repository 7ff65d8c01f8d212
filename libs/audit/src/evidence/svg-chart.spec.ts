import { describe, expect, it } from '@jest/globals';
import { barChart, lineChart } from './svg-chart.js';

describe('the SVG charts', () => {
  it('draws a line per series with a dot per value, and gaps for missing values', () => {
    const svg = lineChart({
      title: 'Availability <99.5>',
      labels: ['2026-01', '2026-02', '2026-03'],
      series: [
        { name: 'judged', values: [99.7, null, 99.1] },
        { name: 'target', values: [99.5, 99.5, 99.5] },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Availability &lt;99.5&gt;');
    expect(svg.match(/<circle /g)).toHaveLength(5);
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg).not.toMatch(/NaN|Infinity|<script/);
  });

  it('draws bars from zero, also for all-zero or empty data', () => {
    const svg = barChart({ title: 'Ageing', labels: ['0-7', '8-30'], series: [{ name: 'open', values: [3, 0] }] });
    expect(svg.match(/<rect x=/g)!.length).toBeGreaterThanOrEqual(3);
    expect(barChart({ title: 'none', labels: [], series: [] })).not.toMatch(/NaN|Infinity/);
    expect(barChart({ title: 'zeros', labels: ['a'], series: [{ name: 's', values: [0] }] })).not.toMatch(/NaN/);
  });
});
