import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { LOCALES } from '../../../../web/formatDate.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export interface ChartSeries {
  label: string;
  values: readonly number[];
  color: string;
}

const HEIGHT = 220;

/**
 * A line chart of numbers per UTC day, drawn by uPlot (canvas; small and fast). Rebuilt when its data changes,
 * resized with its box; days on the axis and in the legend in the app's language. `data-tributary="chart"` with
 * `data-points` (the days drawn) for tests.
 */
export function TimeChart({ title, days, series }: { title: string; days: readonly string[]; series: ChartSeries[] }) {
  const { t, lang } = useI18n();
  const dayLabel = t('dashDay');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const locale = LOCALES[lang];
    const short = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: HEIGHT,
        // Days are UTC days: label them as such, whatever the viewer's time zone.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { values: (_u, splits) => splits.map((ts) => short.format(ts * 1000)) },
          { size: 44, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
        ],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
        series: [
          // The x value is a UTC day: the legend names the day, not a time of it.
          { label: dayLabel, value: (_u, ts) => (ts == null ? '--' : long.format(ts * 1000)) },
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: days.length <= 45 } })),
        ],
      },
      [xs, ...series.map((s) => [...s.values])],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, series, lang, dayLabel]);
  return (
    <figure className="time-chart" data-tributary="chart" data-points={days.length}>
      <figcaption>{title}</figcaption>
      <div ref={box} className="time-chart__plot" />
    </figure>
  );
}
