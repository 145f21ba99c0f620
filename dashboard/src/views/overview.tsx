import { useMemo } from "preact/hooks";
import type { ChartSeries } from "../chart";
import { TimeChart } from "../chart";
import { decimal, drawdowns, level, percent, ratio } from "../format";
import type { OverviewQuery } from "../generated/graphql";
import { useQuery } from "../use-query";
import { AssetLink, Bar, Card, ErrorNote, Loading } from "../ui";

type WindowKey = "oneMonth" | "threeMonths" | "ytd" | "oneYear" | "threeYears" | "all";
const WINDOWS: [WindowKey, string][] = [
  ["oneMonth", "1M"],
  ["threeMonths", "3M"],
  ["ytd", "YTD"],
  ["oneYear", "1Y"],
  ["threeYears", "3Y"],
  ["all", "ALL"],
];
type Metrics = NonNullable<OverviewQuery["oneMonth"]>;
/** Rows of the metrics table: decimals shown as percent, ratios as plain numbers. */
const METRICS: [keyof Metrics, string, (v: number | null) => string][] = [
  ["totalReturn", "Total return", percent],
  ["annualizedReturn", "Annualised return", percent],
  ["volatility", "Volatility (annualised)", percent],
  ["sharpeRatio", "Sharpe ratio", ratio],
  ["sortinoRatio", "Sortino ratio", ratio],
  ["calmarRatio", "Calmar ratio", ratio],
  ["maxDrawdown", "Max drawdown", percent],
  ["currentDrawdown", "Current drawdown", percent],
  ["var95", "VaR 95% (daily)", percent],
  ["var99", "VaR 99% (daily)", percent],
  ["trackingError", "Tracking error", percent],
  ["informationRatio", "Information ratio", ratio],
  ["betaSp500", "Beta to benchmark", ratio],
];

function MetricsTable({ data }: { data: OverviewQuery }) {
  const conventions = data.all?.conventions;
  return (
    <>
      <div class="scroll">
        <table class="metrics">
          <caption class="sr-only">Risk and performance metrics by window</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {WINDOWS.map(([key, label]) => (
                <th scope="col" key={key} title={data[key] ? `${data[key]!.startDate} to ${data[key]!.endDate}` : ""}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Window</th>
              {WINDOWS.map(([key]) => (
                <td key={key} class="dates">
                  {data[key] ? `${data[key]!.startDate} → ${data[key]!.endDate}` : "n/a"}
                </td>
              ))}
            </tr>
            {METRICS.map(([field, label, format]) => (
              <tr key={field}>
                <th scope="row">{label}</th>
                {WINDOWS.map(([key]) => {
                  const v = data[key]?.[field] as number | null | undefined;
                  return (
                    <td key={key} class={v != null && v < 0 ? "neg" : undefined}>
                      {format(v ?? null)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conventions ? (
        <p class="note" data-testid="conventions">
          Conventions: values in {conventions.units.toLowerCase()}s shown as percent; annualised over{" "}
          {conventions.periodsPerYear} periods a year; sample deviations (ddof {conventions.ddof}); risk-free rate{" "}
          {percent(conventions.riskFreeRate)} a year; drawdowns{" "}
          {conventions.drawdownSign.toLowerCase().replace("_", "-")}; VaR{" "}
          {conventions.varMethod.toLowerCase().replace(/_/g, " ")},{" "}
          {conventions.varSign.toLowerCase().replace(/_/g, " ")}; benchmark {conventions.benchmarkSymbol ?? "none"}.
        </p>
      ) : null}
    </>
  );
}

function Allocations({ data }: { data: OverviewQuery }) {
  const rows = [...data.allocations].sort((a, b) => b.weight - a.weight);
  const sectors = new Map<string, number>();
  for (const a of rows)
    sectors.set(a.asset.sector ?? "Unclassified", (sectors.get(a.asset.sector ?? "Unclassified") ?? 0) + a.weight);
  const bySector = [...sectors].sort((a, b) => b[1] - a[1]);
  const date = rows[0]?.date;
  return (
    <div class="two">
      <Card title={`Allocations by asset${date ? ` (rebalance of ${date})` : ""}`} id="alloc-assets">
        {rows.length === 0 ? (
          <p>No allocations yet.</p>
        ) : (
          <div class="scroll tall">
            <table>
              <thead>
                <tr>
                  <th scope="col">Asset</th>
                  <th scope="col">Sector</th>
                  <th scope="col" class="num">
                    Weight
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.asset.id}>
                    <td>
                      <AssetLink symbol={a.asset.symbol} />
                    </td>
                    <td>{a.asset.sector ?? "—"}</td>
                    <td class="num">
                      {percent(a.weight)} <Bar value={a.weight / rows[0].weight} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Allocations by sector" id="alloc-sectors">
        <table>
          <thead>
            <tr>
              <th scope="col">Sector</th>
              <th scope="col" class="num">
                Weight
              </th>
            </tr>
          </thead>
          <tbody>
            {bySector.map(([sector, weight]) => (
              <tr key={sector}>
                <td>{sector}</td>
                <td class="num">
                  {percent(weight)} <Bar value={weight} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

function Recent({ data }: { data: OverviewQuery }) {
  const alerts = [...data.alerts].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 10);
  // Drop alerts are listed beside: the other events (fallbacks, skips, forced rebalances and sales, dropped dates).
  const others = data.indexEvents.filter((e) => e.type !== "DROP_ALERT");
  const events = [...others].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 12);
  return (
    <div class="two">
      <Card title={`Recent alerts (${data.alerts.length} in all)`} id="alerts">
        {alerts.length === 0 ? (
          <p>No daily return at or below the drop threshold.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" class="num">
                  Daily return
                </th>
                <th scope="col" class="num">
                  Threshold
                </th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.date}>
                  <td>{a.date}</td>
                  <td class="num neg">{percent(a.dailyReturn)}</td>
                  <td class="num">{percent(a.threshold)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={`Recent index events other than alerts (${others.length} in all)`} id="events">
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Event</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={`${e.date}-${e.type}-${i}`}>
                <td>{e.date}</td>
                <td>
                  <code>{e.type}</code>
                </td>
                <td>
                  {[e.asset?.symbol, e.detail, e.value == null ? null : decimal(e.value)]
                    .filter((x) => x != null && x !== "")
                    .join(" · ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

export function Overview() {
  const { data, error, loading } = useQuery("Overview", {});
  const charts = useMemo(() => {
    if (!data) return null;
    const { dates, values } = data.indexSeries;
    const bench = new Map<string, number | null>();
    for (const p of data.benchmarkComparison?.series ?? []) bench.set(p.date, p.benchmark);
    const levelSeries: ChartSeries[] = [{ label: "Index", values, color: "#1d4ed8" }];
    if (data.benchmarkComparison?.available)
      levelSeries.push({
        label: `${data.benchmarkComparison.benchmarkSymbol ?? "Benchmark"} (rebased)`,
        values: dates.map((d) => bench.get(d) ?? null),
        color: "#64748b",
      });
    const dd: ChartSeries[] = [
      { label: "Drawdown", values: drawdowns(values), color: "#b91c1c", fill: "rgba(185,28,28,0.12)" },
    ];
    return { dates, levelSeries, dd };
  }, [data]);
  if (!data) return error ? <ErrorNote error={error} /> : <Loading what="the overview" />;
  const bc = data.benchmarkComparison;
  const last = data.indexSeries.values[data.indexSeries.values.length - 1];
  return (
    <div class="view" data-view="overview" aria-busy={loading}>
      <ErrorNote error={error} />
      <div class="kpis">
        <p>
          <span>Level</span>
          <strong>{level(last)}</strong>
          <small>{data.indexSeries.dates[data.indexSeries.dates.length - 1] ?? "no index yet"}</small>
        </p>
        <p>
          <span>Since inception</span>
          <strong class={(data.all?.totalReturn ?? 0) < 0 ? "neg" : undefined}>{percent(data.all?.totalReturn)}</strong>
          <small>from {data.indexSeries.dates[0] ?? "n/a"}</small>
        </p>
        <p>
          <span>Max drawdown</span>
          <strong class="neg">{percent(data.all?.maxDrawdown)}</strong>
          <small>since inception</small>
        </p>
        <p>
          <span>Strategy</span>
          <strong>v{data.strategyConfig.version}</strong>
          <small>
            {data.strategyConfig.rebalanceFrequency.toLowerCase()}, last rebalance{" "}
            {data.strategyConfig.lastRebalance ?? "n/a"}
          </small>
        </p>
      </div>
      {charts && charts.dates.length > 0 ? (
        <Card title="Index level" id="level">
          <TimeChart
            id="overview-level"
            title={
              bc?.available
                ? `Index (base 100 at inception) and ${bc.benchmarkSymbol} rebased to 100 on ${bc.startDate}`
                : `Index (base 100 at inception)${bc?.reason ? `; no benchmark: ${bc.reason}` : ""}`
            }
            dates={charts.dates}
            series={charts.levelSeries}
            format={level}
          />
          <TimeChart
            id="overview-drawdown"
            title="Drawdown: level / running peak − 1"
            dates={charts.dates}
            series={charts.dd}
            format={percent}
            height={160}
          />
        </Card>
      ) : (
        <p>The index has not been computed yet.</p>
      )}
      <Card title="Risk and performance by window" id="metrics">
        <MetricsTable data={data} />
      </Card>
      <Allocations data={data} />
      <Recent data={data} />
    </div>
  );
}
