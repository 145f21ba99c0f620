import { useEffect, useMemo, useState } from "preact/hooks";
import { ApiError } from "../api";
import type { ChartSeries } from "../chart";
import { TimeChart } from "../chart";
import { integer, level, percent, ratio } from "../format";
import type {
  PreviewStrategyQuery,
  StrategyConfigInput,
  StrategyFieldsFragment,
  StrategyHistoryQuery,
} from "../generated/graphql";
import { authed, signIn, signOut, useSession, type Session } from "../session";
import { useQuery } from "../use-query";
import { Card, ErrorNote, Loading } from "../ui";

type Config = StrategyFieldsFragment;
type Kind = "decimal" | "int" | "frequency" | "symbol";
interface FieldSpec {
  key: keyof StrategyConfigInput & keyof Config;
  label: string;
  kind: Kind;
  help: string;
  /** Empty clears the value through this input flag. */
  clear?: "clearMaxAssetWeight" | "clearBenchmarkSymbol";
}

const FIELDS: FieldSpec[] = [
  { key: "rebalanceFrequency", label: "Rebalance frequency", kind: "frequency", help: "when the index rebalances" },
  { key: "momentumWeight", label: "Momentum weight", kind: "decimal", help: "sleeve blend, decimal (0.4 = 40%)" },
  { key: "marketCapWeight", label: "Market-cap weight", kind: "decimal", help: "sleeve blend, decimal" },
  {
    key: "riskParityWeight",
    label: "Risk-parity weight",
    kind: "decimal",
    help: "sleeve blend, decimal; the three sum to 1",
  },
  { key: "momentumLookbackDays", label: "Momentum lookback", kind: "int", help: "trading days" },
  { key: "volatilityLookbackDays", label: "Volatility lookback", kind: "int", help: "trading days" },
  {
    key: "maxAssetWeight",
    label: "Max asset weight",
    kind: "decimal",
    help: "cap per asset, decimal; empty: no cap",
    clear: "clearMaxAssetWeight",
  },
  { key: "transactionCostBps", label: "Transaction cost", kind: "decimal", help: "basis points of turnover" },
  {
    key: "dailyDropThreshold",
    label: "Drop alert threshold",
    kind: "decimal",
    help: "daily return, decimal in [−1, 0]",
  },
  { key: "minDailyReturn", label: "Min daily return", kind: "decimal", help: "clipping bound, decimal" },
  { key: "maxDailyReturn", label: "Max daily return", kind: "decimal", help: "clipping bound, decimal" },
  { key: "outlierStdThreshold", label: "Outlier threshold", kind: "decimal", help: "k standard deviations" },
  { key: "maxForwardFillDays", label: "Max forward fill", kind: "int", help: "trading days a close is carried" },
  { key: "minPriceThreshold", label: "Min price", kind: "decimal", help: "closes below are treated as missing" },
  { key: "riskFreeRate", label: "Risk-free rate", kind: "decimal", help: "annual, decimal" },
  {
    key: "benchmarkSymbol",
    label: "Benchmark",
    kind: "symbol",
    help: "symbol; empty: no benchmark",
    clear: "clearBenchmarkSymbol",
  },
];
const FREQUENCIES = ["daily", "weekly", "monthly", "quarterly"];

const shown = (v: unknown): string => (v == null ? "" : String(v));

/** The values as the API takes them: the frequency in the case the API uses (a String today, an enum later). */
function frequencyOptions(current: string): string[] {
  const upper = current === current.toUpperCase();
  return FREQUENCIES.map((f) => (upper ? f.toUpperCase() : f));
}

type Form = Record<string, string>;
const formOf = (c: Config): Form => Object.fromEntries(FIELDS.map((f) => [f.key, shown(c[f.key])]));

/** The changed fields as a StrategyConfigInput, or the first field that is not a number. */
function changes(form: Form, c: Config): { input: StrategyConfigInput; invalid: string | null } {
  const input: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const text = (form[f.key] ?? "").trim();
    if (text === shown(c[f.key])) continue;
    if (text === "" && f.clear) {
      input[f.clear] = true;
      continue;
    }
    if (f.kind === "decimal" || f.kind === "int") {
      const n = Number(text);
      if (text === "" || !Number.isFinite(n) || (f.kind === "int" && !Number.isInteger(n)))
        return {
          input: {},
          invalid: `${f.label}: "${text}" is not ${f.kind === "int" ? "a whole number" : "a number"}`,
        };
      if (n === c[f.key]) continue;
      input[f.key] = n;
    } else input[f.key] = f.kind === "symbol" ? text.toUpperCase() : text;
  }
  return { input: input as StrategyConfigInput, invalid: null };
}

function SignIn() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="signin"
      aria-label="Sign in"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await signIn(email.trim(), password);
        } catch (err) {
          setError(err as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <p>Sign in to see the audit history; admins can also change the strategy.</p>
      <label>
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

function ConfigTable({ config }: { config: Config }) {
  return (
    <table data-testid="strategy-config">
      <caption class="sr-only">The strategy in force</caption>
      <tbody>
        {FIELDS.map((f) => (
          <tr key={f.key}>
            <th scope="row">{f.label}</th>
            <td>{shown(config[f.key]) || "none"}</td>
            <td class="note">{f.help}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PREVIEW_METRICS: [
  keyof NonNullable<PreviewStrategyQuery["previewStrategy"]["metrics"]>,
  string,
  (v: number | null) => string,
][] = [
  ["totalReturn", "Total return", percent],
  ["annualizedReturn", "Annualised return", percent],
  ["volatility", "Volatility", percent],
  ["sharpeRatio", "Sharpe ratio", ratio],
  ["sortinoRatio", "Sortino ratio", ratio],
  ["maxDrawdown", "Max drawdown", percent],
  ["currentDrawdown", "Current drawdown", percent],
  ["var95", "VaR 95%", percent],
  ["trackingError", "Tracking error", percent],
];

function PreviewResult({ preview }: { preview: PreviewStrategyQuery }) {
  const chart = useMemo(() => {
    const now = new Map(preview.indexSeries.dates.map((d, i) => [d, preview.indexSeries.values[i]]));
    const next = new Map(preview.previewStrategy.indexValues.map((p) => [p.date, p.value]));
    const dates = [...new Set([...now.keys(), ...next.keys()])].sort();
    const series: ChartSeries[] = [
      { label: "Current index", values: dates.map((d) => now.get(d) ?? null), color: "#64748b" },
      { label: "Proposed", values: dates.map((d) => next.get(d) ?? null), color: "#1d4ed8" },
    ];
    return { dates, series };
  }, [preview]);
  const cur = preview.riskMetricsHistory[0] ?? null;
  const next = preview.previewStrategy.metrics;
  return (
    <div data-testid="preview">
      <TimeChart
        id="preview-levels"
        title="Index level: current vs proposed"
        dates={chart.dates}
        series={chart.series}
        format={level}
      />
      <div class="scroll">
        <table class="compare">
          <caption>Metrics from inception to the latest date</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" class="num">
                Current
              </th>
              <th scope="col" class="num">
                Proposed
              </th>
              <th scope="col" class="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Final level</th>
              <td class="num">{level(preview.indexSeries.values.at(-1))}</td>
              <td class="num">{level(preview.previewStrategy.indexValues.at(-1)?.value)}</td>
              <td class="num">
                {level(
                  preview.indexSeries.values.length && preview.previewStrategy.indexValues.length
                    ? preview.previewStrategy.indexValues.at(-1)!.value - preview.indexSeries.values.at(-1)!
                    : null,
                )}
              </td>
            </tr>
            {PREVIEW_METRICS.map(([key, label, format]) => {
              const a = (cur?.[key] as number | null | undefined) ?? null;
              const b = (next?.[key] as number | null | undefined) ?? null;
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td class="num">{format(a)}</td>
                  <td class="num">{format(b)}</td>
                  <td class={`num${a != null && b != null && b - a < 0 ? " neg" : ""}`}>
                    {a == null || b == null ? "n/a" : format(b - a)}
                  </td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">Rebalances</th>
              <td class="num">{integer(preview.rebalanceDates.length)}</td>
              <td class="num">{integer(preview.previewStrategy.rebalances.length)}</td>
              <td class="num">{integer(preview.previewStrategy.rebalances.length - preview.rebalanceDates.length)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="note">
        Engine run in {integer(preview.previewStrategy.engineMs)} ms; {integer(preview.previewStrategy.alerts)} drop
        alerts; inception {preview.previewStrategy.inceptionDate ?? "n/a"}. Nothing has been written.
      </p>
    </div>
  );
}

function Editor({ config, onApplied }: { config: Config; onApplied: (version: number) => void }) {
  const [form, setForm] = useState<Form>(() => formOf(config));
  const [base, setBase] = useState(config);
  const [preview, setPreview] = useState<{ key: string; data: PreviewStrategyQuery } | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState<"preview" | "apply" | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  // A newer stored version (after a conflict or another tab's change) becomes the base; the edits stay.
  useEffect(() => setBase(config), [config]);
  const { input, invalid } = changes(form, base);
  const key = JSON.stringify(input);
  const changed = Object.keys(input).length > 0;
  const previewed = preview?.key === key;
  const run = async (what: "preview" | "apply") => {
    setBusy(what);
    setError(null);
    try {
      if (what === "preview") setPreview({ key, data: await authed("PreviewStrategy", { config: input }) });
      else {
        const { updateStrategyConfig: r } = await authed("ApplyStrategy", {
          input,
          reason: reason.trim(),
          expectedVersion: base.version,
        });
        setConflict(null);
        setPreview(null);
        setReason("");
        setForm(formOf(r.config));
        onApplied(r.config.version);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === "CONFLICT")
        setConflict(
          `Someone changed the strategy after you loaded version ${base.version}: it was not applied. ` +
            "Reload the current version to see their change; your edits are kept and apply on top of it " +
            "after a new preview.",
        );
      setError(err as Error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <form class="editor" aria-label="Edit the strategy" onSubmit={(e) => e.preventDefault()}>
      <p class="note">
        Editing version {base.version}. Decimals are fractions (0.05 = 5%). Preview runs the engine with your changes
        and writes nothing; Apply saves them with a reason and recomputes the index.
      </p>
      <div class="fields">
        {FIELDS.map((f) => {
          const id = `field-${f.key}`;
          const value = form[f.key] ?? "";
          const update = (v: string) => setForm({ ...form, [f.key]: v });
          return (
            <div class="field" key={f.key}>
              <label for={id}>{f.label}</label>
              {f.kind === "frequency" ? (
                <select id={id} name={f.key} value={value} onChange={(e) => update(e.currentTarget.value)}>
                  {frequencyOptions(base.rebalanceFrequency).map((o) => (
                    <option key={o} value={o}>
                      {o.toLowerCase()}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  name={f.key}
                  inputMode={f.kind === "symbol" ? "text" : "decimal"}
                  value={value}
                  aria-describedby={`${id}-help`}
                  onInput={(e) => update(e.currentTarget.value)}
                />
              )}
              <small id={`${id}-help`}>
                {f.help}
                {f.kind === "decimal" &&
                value !== "" &&
                Number.isFinite(Number(value)) &&
                f.key !== "transactionCostBps" &&
                f.key !== "outlierStdThreshold" &&
                f.key !== "minPriceThreshold"
                  ? ` (${percent(Number(value))})`
                  : ""}
              </small>
            </div>
          );
        })}
      </div>
      {invalid ? (
        <p class="error" role="alert">
          {invalid}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" disabled={!changed || !!invalid || busy !== null} onClick={() => run("preview")}>
          {busy === "preview" ? "Previewing…" : "Preview"}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy !== null}
          onClick={() => {
            setForm(formOf(base));
            setPreview(null);
          }}
        >
          Reset
        </button>
      </div>
      <ErrorNote error={error} />
      {conflict ? (
        <div class="error" role="alert" data-testid="conflict">
          <p>{conflict}</p>
          <button type="button" onClick={() => onApplied(-1)}>
            Reload the current version
          </button>
        </div>
      ) : null}
      {preview ? (
        <>
          {previewed ? null : <p class="note">The form changed since this preview: preview again before applying.</p>}
          <PreviewResult preview={preview.data} />
          <label class="grow">
            Reason for the change (kept in the audit history)
            <textarea name="reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="button" disabled={!previewed || !reason.trim() || busy !== null} onClick={() => run("apply")}>
            {busy === "apply" ? "Applying and recomputing…" : `Apply as version ${base.version + 1}`}
          </button>
        </>
      ) : null}
    </form>
  );
}

function History({ session, reload }: { session: Session; reload: number }) {
  const [pages, setPages] = useState<StrategyHistoryQuery["strategyHistory"][]>([]);
  const [error, setError] = useState<Error | null>(null);
  const load = async (after: string | null, keep: boolean) => {
    try {
      const { strategyHistory } = await authed("StrategyHistory", { first: 10, after });
      setPages((p) => (keep ? [...p, strategyHistory] : [strategyHistory]));
      setError(null);
    } catch (err) {
      setError(err as Error);
    }
  };
  useEffect(() => void load(null, false), [session.user.id, reload]);
  const last = pages[pages.length - 1];
  const entries = pages.flatMap((p) => p.edges.map((e) => e.node));
  return (
    <Card title={`Audit history${last ? ` (${last.totalCount} changes)` : ""}`} id="history">
      <ErrorNote error={error} />
      {!last ? (
        <Loading what="the history" />
      ) : entries.length === 0 ? (
        <p data-testid="history">No change has been recorded yet.</p>
      ) : (
        <>
          <div class="scroll">
            <table data-testid="history">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((h, i) => (
                  <tr key={`${h.version}-${i}`}>
                    <td>{h.version ?? "—"}</td>
                    <td>{h.timestamp.replace("T", " ").slice(0, 19)}</td>
                    <td>
                      {h.actor ?? "—"}
                      {h.kind ? <small> ({h.kind})</small> : null}
                    </td>
                    <td>{h.reason}</td>
                    <td>
                      {h.changes.map((c) => (
                        <div key={c.field}>
                          <code>{c.field}</code>: {JSON.stringify(c.from)} → {JSON.stringify(c.to)}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {last.pageInfo.hasNextPage ? (
            <button type="button" onClick={() => load(last.pageInfo.endCursor ?? null, true)}>
              Older changes
            </button>
          ) : null}
        </>
      )}
    </Card>
  );
}

export function Strategy() {
  const session = useSession();
  const [reload, setReload] = useState(0);
  const [applied, setApplied] = useState<number | null>(null);
  const { data, error } = useQuery("Strategy", {}, undefined, reload);
  // The role can change while a session lasts: ask who we are once per session.
  useEffect(() => {
    if (session)
      authed("Me", {}).then(
        (r) => {
          if (!r.me) void signOut();
        },
        () => undefined,
      );
  }, [session?.user.id]);
  const isAdmin = session?.user.role.toLowerCase() === "admin";
  return (
    <div class="view" data-view="strategy">
      <Card title="Strategy" id="strategy">
        <div class="session">
          {session ? (
            <p>
              Signed in as <strong>{session.user.email}</strong> ({session.user.role.toLowerCase()}).{" "}
              <button type="button" class="secondary" onClick={() => signOut()}>
                Sign out
              </button>
            </p>
          ) : (
            <SignIn />
          )}
        </div>
        <ErrorNote error={error} />
        {applied !== null ? (
          <p class="ok" role="status">
            Applied as version {applied}; the index was recomputed.
          </p>
        ) : null}
        {!data ? (
          <Loading what="the strategy" />
        ) : (
          <>
            <p>
              Version <strong data-testid="strategy-version">{data.strategyConfig.version}</strong>, updated{" "}
              {data.strategyConfig.updatedAt.replace("T", " ").slice(0, 19)} UTC; last rebalance{" "}
              {data.strategyConfig.lastRebalance ?? "n/a"}
              {data.strategyConfig.aiAdjusted ? "; AI-adjusted" : ""}
              {data.strategyConfig.forceRebalance ? "; a forced rebalance is pending" : ""}.
            </p>
            {session && !isAdmin ? (
              <p class="note" role="note" data-testid="read-only">
                Read-only: your account has the role “{session.user.role.toLowerCase()}”, and only admins may change the
                strategy (the API refuses the change with FORBIDDEN). Ask an admin, or sign in with an admin account.
              </p>
            ) : null}
            {isAdmin ? (
              <Editor
                config={data.strategyConfig}
                onApplied={(v) => {
                  setApplied(v >= 0 ? v : null);
                  setReload((r) => r + 1);
                }}
              />
            ) : (
              <ConfigTable config={data.strategyConfig} />
            )}
          </>
        )}
      </Card>
      {session ? (
        <History session={session} reload={reload} />
      ) : (
        <p class="note">The audit history is shown to signed-in users.</p>
      )}
    </div>
  );
}
