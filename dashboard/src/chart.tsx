import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { dateToSeconds, secondsToDate } from "./format";

export interface ChartSeries {
  label: string;
  /** One value per date (null: no value, a gap). */
  values: readonly (number | null)[];
  color: string;
  /** Markers only, no line (flags on a price chart). */
  markers?: boolean;
  /** A step line (weights held between rebalances). */
  step?: boolean;
  fill?: string;
  dash?: number[];
}

export interface ChartProps {
  /** Names the chart in the page (data-chart) and labels it. */
  id: string;
  title: string;
  dates: readonly string[];
  series: readonly ChartSeries[];
  /** Formats a value for the tooltip, the legend and the y axis. */
  format: (v: number | null) => string;
  height?: number;
}

/** Values of the series that fall inside the x scale's visible range: what uPlot drew. */
function plottedPoints(u: uPlot): number {
  const xs = u.data[0];
  const min = u.scales.x.min ?? Number.NEGATIVE_INFINITY;
  const max = u.scales.x.max ?? Number.POSITIVE_INFINITY;
  let n = 0;
  for (let s = 1; s < u.data.length; s++) {
    if (!u.series[s].show) continue;
    const ys = u.data[s];
    for (let i = 0; i < xs.length; i++) if (ys[i] != null && xs[i] >= min && xs[i] <= max) n++;
  }
  return n;
}

/**
 * A time series chart (uPlot: canvas, ~50 KB, made for thousands of points per series). The
 * dates are UTC calendar dates. Hovering (or the arrow keys once focused) shows a tooltip with
 * the date and every series' value. After each draw the host carries data-points (the values
 * plotted) and data-drawn, which the browser tests and the bench read.
 */
export function TimeChart({ id, title, dates, series, format, height = 280 }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = dates.map(dateToSeconds);
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values as (number | null)[])];
    const tip = document.createElement("div");
    tip.className = "chart-tip";
    tip.hidden = true;
    const showTip = (u: uPlot) => {
      const idx = u.cursor.idx;
      if (idx == null || u.cursor.left == null || u.cursor.left < 0) {
        tip.hidden = true;
        return;
      }
      const lines = [secondsToDate(xs[idx])];
      series.forEach((s, i) => {
        const v = u.data[i + 1][idx];
        if (v != null || !s.markers) lines.push(`${s.label}: ${format(v ?? null)}`);
      });
      tip.textContent = lines.join("\n");
      tip.hidden = false;
      const left = u.cursor.left;
      const flip = left > u.over.clientWidth / 2;
      tip.style.left = flip ? "" : `${left + 12}px`;
      tip.style.right = flip ? `${u.over.clientWidth - left + 12}px` : "";
      tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 10)}px`;
    };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      scales: { x: { time: true } },
      axes: [
        { stroke: "#475569", grid: { stroke: "#e2e8f0" } },
        {
          stroke: "#475569",
          grid: { stroke: "#e2e8f0" },
          size: 70,
          values: (_u, ticks) => ticks.map((t) => format(t)),
        },
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      series: [
        { label: "Date", value: (_u, v) => (v == null ? "" : secondsToDate(v)) },
        ...series.map(
          (s): uPlot.Series => ({
            label: s.label,
            stroke: s.color,
            width: s.markers ? 0 : 1.5,
            fill: s.fill,
            dash: s.dash,
            spanGaps: !s.markers,
            value: (_u, v) => (v == null ? "—" : format(v)),
            paths: s.markers ? () => null : s.step ? uPlot.paths.stepped!({ align: 1 }) : undefined,
            points: s.markers ? { show: true, size: 8, space: 0, fill: s.color, stroke: s.color } : { show: false },
          }),
        ),
      ],
      hooks: {
        draw: [
          (u) => {
            el.dataset.points = String(plottedPoints(u));
            el.dataset.drawn = "true";
            el.dispatchEvent(new CustomEvent("chart-drawn", { bubbles: true }));
          },
        ],
        setCursor: [showTip],
      },
    };
    const plot = new uPlot(opts, data, el);
    plot.over.appendChild(tip);
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height });
    });
    resize.observe(el);
    // Keyboard: arrows move the cursor (and its tooltip) across the dates.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight" && e.key !== "Home" && e.key !== "End") return;
      e.preventDefault();
      const last = xs.length - 1;
      const now = plot.cursor.idx ?? last;
      const idx =
        e.key === "Home"
          ? 0
          : e.key === "End"
            ? last
            : Math.min(last, Math.max(0, now + (e.key === "ArrowLeft" ? -1 : 1)));
      const firstValue = series.map((_, i) => plot.data[i + 1][idx]).find((v) => v != null);
      plot.setCursor({
        left: plot.valToPos(xs[idx], "x"),
        top: firstValue == null ? plot.over.clientHeight / 2 : plot.valToPos(firstValue, "y"),
      });
    };
    const onBlur = () => plot.setCursor({ left: -10, top: -10 });
    el.addEventListener("keydown", onKey);
    el.addEventListener("blur", onBlur);
    return () => {
      resize.disconnect();
      el.removeEventListener("keydown", onKey);
      el.removeEventListener("blur", onBlur);
      plot.destroy();
      delete el.dataset.drawn;
    };
  }, [dates, series, format, height]);
  const first = dates[0];
  const last = dates[dates.length - 1];
  return (
    <figure class="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div
        ref={host}
        class="chart-host"
        data-chart={id}
        role="img"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so that the arrow keys move the tooltip
        tabIndex={0}
        aria-labelledby={`${id}-title`}
        aria-description={
          dates.length ? `${dates.length} dates from ${first} to ${last}; arrow keys move the cursor` : "no data"
        }
      />
    </figure>
  );
}
