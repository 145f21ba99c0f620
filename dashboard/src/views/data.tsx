import { useState } from "preact/hooks";
import { FLAG_LABEL, type FlagKind, flagNames, integer, percent } from "../format";
import type { DataQualityFlagKind } from "../generated/graphql";
import { useQuery } from "../use-query";
import { AssetLink, Card, ErrorNote, Loading } from "../ui";

const SHOWN = 200;
const KINDS: [DataQualityFlagKind, FlagKind, string][] = [
  ["STALE", "stale", "no usable close: the last one carried forward"],
  ["CLIPPED", "clipped", "return outside the daily bounds"],
  ["OUTLIER", "outlier", "return beyond k standard deviations"],
  ["BELOW_MIN_PRICE", "belowMinPrice", "close below the minimum price, treated as missing"],
];
export function Data() {
  const [kinds, setKinds] = useState<DataQualityFlagKind[]>([]);
  const [symbol, setSymbol] = useState("");
  const [applied, setApplied] = useState<string | null>(null);
  const { data, error, loading } = useQuery("DataQuality", {
    first: SHOWN,
    flags: kinds.length ? kinds : null,
    symbols: applied ? [applied] : null,
  });
  const toggle = (k: DataQualityFlagKind) => setKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k]);
  const rows = data?.dataQuality.rows ?? [];
  const s = data?.dataQuality.summary;
  return (
    <div class="view" data-view="data">
      <Card title="Data quality of the last computation" id="dq-summary">
        <ErrorNote error={error} />
        {!s ? (
          <Loading what="the data-quality summary" />
        ) : (
          <div class="kpis" aria-busy={loading}>
            <p>
              <span>Flagged prices</span>
              <strong>{integer(s.rows)}</strong>
              <small>{integer(s.assetsAffected)} assets affected</small>
            </p>
            {KINDS.map(([kind, field, help]) => (
              <p key={kind} title={help}>
                <span>{FLAG_LABEL[field]}</span>
                <strong>{integer(s[field])}</strong>
                <small>{help}</small>
              </p>
            ))}
          </div>
        )}
      </Card>
      <Card title="Flagged prices" id="dq-rows">
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setApplied(symbol.trim().toUpperCase() || null);
          }}
        >
          <fieldset>
            <legend>Flags</legend>
            {KINDS.map(([kind, field]) => (
              <label key={kind} class="check">
                <input type="checkbox" checked={kinds.includes(kind)} onChange={() => toggle(kind)} />{" "}
                {FLAG_LABEL[field]}
              </label>
            ))}
          </fieldset>
          <label>
            Symbol
            <input name="symbol" value={symbol} placeholder="all" onInput={(e) => setSymbol(e.currentTarget.value)} />
          </label>
          <button type="submit">Filter</button>
        </form>
        {data ? (
          <>
            <p class="note">
              {data.dataQuality.truncated
                ? `The first ${SHOWN} matching rows (of ${integer(s?.rows)}) in the API's order; ` +
                  "narrow by flag or symbol."
                : `${rows.length} rows in the API's order.`}
            </p>
            <div class="scroll tall">
              <table data-testid="dq-table">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Asset</th>
                    <th scope="col" class="num">
                      Return
                    </th>
                    <th scope="col">Flags</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={`${r.date}-${r.asset.symbol}-${i}`}>
                      <td>{r.date}</td>
                      <td>
                        <AssetLink symbol={r.asset.symbol} />
                      </td>
                      <td class={`num${(r.return ?? 0) < 0 ? " neg" : ""}`}>{percent(r.return)}</td>
                      <td>{flagNames(r)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </Card>
    </div>
  );
}
