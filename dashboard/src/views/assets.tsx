import { useEffect, useMemo, useState } from "preact/hooks";
import type { ChartSeries } from "../chart";
import { TimeChart } from "../chart";
import { flagNames, level, percent, shiftDate } from "../format";
import type { AssetDetailQuery, CompareAssetsQuery } from "../generated/graphql";
import { useQuery } from "../use-query";
import { AssetLink, Card, ErrorNote, Loading } from "../ui";

const PAGE = 20;
const RANGES: [string, number | "YTD" | null][] = [
  ["1M", 1],
  ["3M", 3],
  ["6M", 6],
  ["YTD", "YTD"],
  ["1Y", 12],
  ["3Y", 36],
  ["ALL", null],
];
const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf"];

/** The first date of a range ending at `latest` (null: everything). */
function rangeFrom(range: string, latest: string | null): string | null {
  const spec = RANGES.find(([r]) => r === range)?.[1];
  if (spec == null || !latest) return null;
  if (spec === "YTD") return `${latest.slice(0, 4)}-01-01`;
  return shiftDate(latest, spec);
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function AssetList({ selected }: { selected: string | null }) {
  const [search, setSearch] = useState("");
  const [sector, setSector] = useState("");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const term = useDebounced(search.trim(), 250);
  useEffect(() => setCursors([null]), [term, sector]);
  const after = cursors[cursors.length - 1];
  const { data, error, loading } = useQuery("AssetList", {
    first: PAGE,
    after,
    search: term || null,
    sector: sector || null,
  });
  const page = cursors.length;
  return (
    <Card title="Assets" id="asset-list">
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            name="search"
            value={search}
            placeholder="Symbol or name"
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </label>
        <label>
          Sector
          <select name="sector" value={sector} onChange={(e) => setSector(e.currentTarget.value)}>
            <option value="">All sectors</option>
            {(data?.sectors ?? []).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNote error={error} />
      {!data ? (
        <Loading what="assets" />
      ) : (
        <>
          <div class="scroll" aria-busy={loading}>
            <table data-testid="asset-table">
              <caption class="sr-only">Assets in symbol order, page {page}</caption>
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col" class="wide">
                    Name
                  </th>
                  <th scope="col">Sector</th>
                  <th scope="col" class="num">
                    Latest close
                  </th>
                  <th scope="col">On</th>
                </tr>
              </thead>
              <tbody>
                {data.assets.edges.map(({ node }) => (
                  <tr key={node.id} aria-current={node.symbol === selected ? "true" : undefined}>
                    <td>
                      <AssetLink symbol={node.symbol} />
                      {node.investable ? null : <small title="not investable"> (excluded)</small>}
                    </td>
                    <td class="wide">{node.name ?? "—"}</td>
                    <td>{node.sector ?? "—"}</td>
                    <td class="num">{level(node.latestPrice?.close)}</td>
                    <td>{node.latestPrice?.date ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label="Asset pages">
            <button type="button" disabled={page === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </button>
            <span>
              Page {page} of {Math.max(1, Math.ceil(data.assets.totalCount / PAGE))} · {data.assets.totalCount} assets
            </span>
            <button
              type="button"
              disabled={!data.assets.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, data.assets.pageInfo.endCursor])}
            >
              Next
            </button>
          </nav>
        </>
      )}
    </Card>
  );
}

function detailCharts(data: AssetDetailQuery) {
  const asset = data.asset!;
  const { dates, closes } = asset.priceSeries;
  const flagged = new Map(data.dataQuality.rows.map((r) => [r.date, r]));
  const price: ChartSeries[] = [
    { label: "Close", values: closes, color: "#1d4ed8" },
    {
      label: "Flagged",
      values: dates.map((d, i) => (flagged.has(d) ? closes[i] : null)),
      color: "#dc2626",
      markers: true,
    },
  ];
  // Every rebalance in the shown range; one that left the asset out set its weight to 0.
  const first = dates[0] ?? "";
  const last = dates[dates.length - 1] ?? "";
  const held = new Map(asset.weights.map((w) => [w.date, w.weight]));
  const weightDates = data.rebalanceDates.filter((d) => d >= first && d <= last);
  const weights = weightDates.map((d) => held.get(d) ?? 0);
  const weight: ChartSeries[] = [{ label: "Target weight", values: weights, color: "#047857", step: true }];
  return { dates, price, weightDates, weight };
}

function AssetDetail({ symbol }: { symbol: string }) {
  const [range, setRange] = useState("ALL");
  const [latest, setLatest] = useState<string | null>(null);
  useEffect(() => {
    setRange("ALL");
    setLatest(null);
  }, [symbol]);
  const from = rangeFrom(range, latest);
  // A closed range (to = the latest close) keeps the API's cost estimate to the rows that exist.
  const { data, error, loading } = useQuery("AssetDetail", { symbol, from, to: from ? latest : null });
  useEffect(() => {
    if (data?.asset?.latestPrice) setLatest(data.asset.latestPrice.date);
  }, [data]);
  const charts = useMemo(() => (data?.asset ? detailCharts(data) : null), [data]);
  if (!data) return error ? <ErrorNote error={error} /> : <Loading what={symbol} />;
  if (!data.asset) return <p role="alert">No asset {symbol}.</p>;
  const a = data.asset;
  const flags = [...data.dataQuality.rows].sort((x, y) => y.date.localeCompare(x.date));
  return (
    <Card title={`${a.symbol}${a.name ? ` · ${a.name}` : ""}`} id="asset-detail">
      <p class="note">
        {a.sector ?? "No sector"} · latest close {level(a.latestPrice?.close)} on {a.latestPrice?.date ?? "n/a"}
        {a.investable ? "" : " · not investable"}
      </p>
      <div class="ranges" role="group" aria-label="Date range">
        {RANGES.map(([r]) => (
          <button
            type="button"
            key={r}
            aria-pressed={r === range}
            disabled={!latest && r !== "ALL"}
            onClick={() => setRange(r)}
          >
            {r}
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
      {charts && charts.dates.length > 0 ? (
        <div aria-busy={loading}>
          <TimeChart
            id="asset-price"
            title={
              `${a.symbol} daily close, ${charts.dates[0]} to ${charts.dates[charts.dates.length - 1]}; ` +
              `red markers: data-quality flags (${flags.length})`
            }
            dates={charts.dates}
            series={charts.price}
            format={level}
          />
          {charts.weightDates.length > 0 ? (
            <TimeChart
              id="asset-weight"
              title={`${a.symbol} target weight at each rebalance`}
              dates={charts.weightDates}
              series={charts.weight}
              format={percent}
              height={160}
            />
          ) : (
            <p>No rebalance in this range.</p>
          )}
        </div>
      ) : (
        <p>No prices in this range.</p>
      )}
      <details>
        <summary>
          Data-quality flags in this range: {flags.length}
          {data.dataQuality.truncated ? " (the first 500)" : ""}
        </summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col" class="num">
                Return
              </th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {flags.map((f) => (
              <tr key={f.date}>
                <td>{f.date}</td>
                <td class={`num${(f.return ?? 0) < 0 ? " neg" : ""}`}>{percent(f.return)}</td>
                <td>{flagNames(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}

/** Each asset rebased to 100 at its first close in the range, on the union of their dates. */
function rebased(data: CompareAssetsQuery) {
  const nodes = data.assets.edges.map((e) => e.node);
  const all = new Set<string>();
  for (const n of nodes) for (const d of n.priceSeries.dates) all.add(d);
  const dates = [...all].sort();
  const series: ChartSeries[] = nodes.map((n, i) => {
    const byDate = new Map(n.priceSeries.dates.map((d, j) => [d, n.priceSeries.closes[j]]));
    const base = n.priceSeries.closes[0];
    return {
      label: n.symbol,
      values: dates.map((d) => {
        const c = byDate.get(d);
        return c == null || !base ? null : (100 * c) / base;
      }),
      color: PALETTE[i % PALETTE.length],
    };
  });
  return { dates, series };
}

function Compare() {
  const [text, setText] = useState("");
  const [symbols, setSymbols] = useState<string[]>([]);
  const [range, setRange] = useState("1Y");
  const [latest, setLatest] = useState<string | null>(null);
  const seed = useQuery("AssetList", symbols.length ? null : { first: 4, after: null, search: null, sector: null });
  useEffect(() => {
    if (symbols.length === 0 && seed.data) {
      const first = seed.data.assets.edges.map((e) => e.node.symbol);
      setSymbols(first);
      setText(first.join(", "));
      setLatest(seed.data.assets.edges[0]?.node.latestPrice?.date ?? null);
    }
  }, [seed.data]);
  const from = rangeFrom(range, latest);
  const { data, error, loading } = useQuery("CompareAssets", symbols.length ? { symbols, from, to: latest } : null);
  const chart = useMemo(() => (data ? rebased(data) : null), [data]);
  const missing = data ? symbols.filter((s) => !data.assets.edges.some((e) => e.node.symbol === s)) : [];
  return (
    <Card title="Compare assets, rebased to 100" id="compare">
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const list = [
            ...new Set(
              text
                .split(/[\s,]+/)
                .map((s) => s.trim().toUpperCase())
                .filter(Boolean),
            ),
          ].slice(0, 12);
          if (list.length) setSymbols(list);
        }}
      >
        <label class="grow">
          Symbols (up to 12, comma-separated)
          <input name="symbols" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">Compare</button>
      </form>
      <div class="ranges" role="group" aria-label="Comparison range">
        {RANGES.map(([r]) => (
          <button type="button" key={r} aria-pressed={r === range} onClick={() => setRange(r)}>
            {r}
          </button>
        ))}
      </div>
      <ErrorNote error={error ?? seed.error} />
      {missing.length ? <p role="alert">Unknown symbols: {missing.join(", ")}</p> : null}
      {chart?.dates.length ? (
        <div aria-busy={loading}>
          <TimeChart
            id="compare"
            title={`${chart.series.map((s) => s.label).join(", ")}: close / first close in range × 100`}
            dates={chart.dates}
            series={chart.series}
            format={level}
          />
        </div>
      ) : (
        <Loading what="the comparison" />
      )}
    </Card>
  );
}

export function Assets({ symbol }: { symbol: string | null }) {
  return (
    <div class="view" data-view="assets">
      <AssetList selected={symbol} />
      {symbol ? <AssetDetail symbol={symbol} /> : <p class="note">Choose an asset to see its prices and weights.</p>}
      <Compare />
    </div>
  );
}
