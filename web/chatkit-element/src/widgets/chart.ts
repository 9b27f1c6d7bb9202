// Chart: a small inline SVG of bar (grouped or stacked), line and area series.
import type { Chart } from './types';
import type { Scope } from './context';
import { el } from './dom';
import { aspect, color, sizeProps } from './style';

export const renderChartNode = (n: Chart, s: Scope) => renderChart(n, s.scheme);

const CHART_COLORS: Record<string, string> = {
  blue: '#3b82f6', purple: '#a855f7', orange: '#f97316', green: '#22c55e', red: '#ef4444', yellow: '#eab308', pink: '#ec4899',
};
const SEQ = ['blue', 'purple', 'orange', 'green', 'red', 'yellow', 'pink'];
const SVGNS = 'http://www.w3.org/2000/svg';

/** Simple inline SVG chart: bar (grouped/stacked), line and area series. */
export function renderChart(n: Chart | any, scheme: 'light' | 'dark'): HTMLElement {
  const wrap = el('figure', 'ck-w-chart');
  const data: any[] = Array.isArray(n.data) ? n.data : [];
  const series: any[] = Array.isArray(n.series) ? n.series.filter((s: any) => s && typeof s.dataKey === 'string') : [];
  const xKey = typeof n.xAxis === 'string' ? n.xAxis : n.xAxis?.dataKey;
  const xLabels: Record<string, string> = (typeof n.xAxis === 'object' && n.xAxis?.labels) || {};
  const hideX = typeof n.xAxis === 'object' && n.xAxis?.hide;
  const W = 400, H = 200, padL = n.showYAxis === false ? 8 : 36, padB = hideX ? 8 : 24, padT = 8, padR = 8;
  const num = (v: any) => (typeof v === 'number' ? v : Number(v) || 0);
  let max = 0;
  data.forEach((row) => {
    const stackSum: Record<string, number> = {};
    for (const s of series) {
      const v = num(row?.[s.dataKey]);
      if (s.stack) { stackSum[s.stack] = (stackSum[s.stack] ?? 0) + v; max = Math.max(max, stackSum[s.stack]); }
      else max = Math.max(max, v);
    }
  });
  if (max <= 0) max = 1;
  const svg = document.createElementNS(SVGNS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', series.map((s) => s.label ?? s.dataKey).join(', '));
  svg.classList.add('ck-chart-svg');
  const plotW = W - padL - padR, plotH = H - padT - padB;
  const y = (v: number) => padT + plotH - (v / max) * plotH;
  const add = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text != null) e.textContent = text;
    svg.append(e);
    return e;
  };
  add('line', { x1: padL, y1: padT + plotH, x2: W - padR, y2: padT + plotH, stroke: 'currentColor', 'stroke-opacity': 0.2 });
  if (n.showYAxis !== false) {
    for (const f of [0, 0.5, 1]) {
      add('text', { x: padL - 4, y: y(max * f) + 4, 'text-anchor': 'end', 'font-size': 10, fill: 'currentColor', 'fill-opacity': 0.6 }, fmtNum(max * f));
      if (f > 0) add('line', { x1: padL, y1: y(max * f), x2: W - padR, y2: y(max * f), stroke: 'currentColor', 'stroke-opacity': 0.08 });
    }
  }
  const colorOf = (s: any, i: number) => {
    const c = s.color ?? SEQ[i % SEQ.length];
    return CHART_COLORS[c] ?? color(c, scheme) ?? CHART_COLORS.blue;
  };
  const bandW = data.length ? plotW / data.length : plotW;
  const bars = series.filter((s) => s.type === 'bar');
  const groups: string[] = [];
  for (const s of bars) { const g = s.stack ?? `__${s.dataKey}`; if (!groups.includes(g)) groups.push(g); }
  const gap = typeof n.barCategoryGap === 'number' ? n.barCategoryGap : Math.min(16, bandW * 0.2);
  const barW = groups.length ? Math.max(1, Math.min(40, (bandW - gap) / groups.length)) : 0;
  const groupOffset = (bandW - barW * groups.length) / 2;
  data.forEach((row, i) => {
    const base: Record<string, number> = {};
    bars.forEach((s) => {
      const si = series.indexOf(s);
      const g = s.stack ?? `__${s.dataKey}`;
      const gi = groups.indexOf(g);
      const v = num(row?.[s.dataKey]);
      const b0 = base[g] ?? 0;
      base[g] = b0 + v;
      const rect = add('rect', { x: padL + i * bandW + groupOffset + gi * barW, y: y(b0 + v), width: Math.max(1, barW - 1), height: Math.max(0, y(b0) - y(b0 + v)), fill: colorOf(s, si), rx: 2 });
      const t = document.createElementNS(SVGNS, 'title');
      t.textContent = `${s.label ?? s.dataKey}: ${v}`;
      rect.append(t);
    });
    if (!hideX && xKey) {
      const raw = String(row?.[xKey] ?? '');
      add('text', { x: padL + i * bandW + bandW / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 10, fill: 'currentColor', 'fill-opacity': 0.6 }, xLabels[raw] ?? raw);
    }
  });
  series.forEach((s, si) => {
    if (s.type !== 'line' && s.type !== 'area') return;
    const pts = data.map((row, i) => [padL + i * bandW + bandW / 2, y(num(row?.[s.dataKey]))]);
    if (!pts.length) return;
    const d = pts.map((p, i) => `${i ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ');
    const c = colorOf(s, si);
    if (s.type === 'area') {
      add('path', { d: `${d} L${pts[pts.length - 1][0].toFixed(1)},${padT + plotH} L${pts[0][0].toFixed(1)},${padT + plotH} Z`, fill: c, 'fill-opacity': 0.2, stroke: 'none' });
    }
    add('path', { d, fill: 'none', stroke: c, 'stroke-width': 2, 'stroke-linejoin': 'round' });
  });
  wrap.append(svg);
  if (n.showLegend !== false && series.length > 1) {
    const legend = el('figcaption', 'ck-w-chart-legend');
    series.forEach((s, si) => {
      const item = el('span', 'ck-legend-item');
      const sw = el('span', 'ck-legend-swatch');
      sw.style.background = colorOf(s, si);
      item.append(sw, document.createTextNode(String(s.label ?? s.dataKey)));
      legend.append(item);
    });
    wrap.append(legend);
  }
  sizeProps(wrap.style, n);
  if (n.aspectRatio != null) wrap.style.aspectRatio = aspect(n.aspectRatio);
  return wrap;
}

function fmtNum(v: number): string {
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (Math.abs(v) >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return String(Math.round(v * 100) / 100);
}
