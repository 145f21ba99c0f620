import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import "./styles.css";
import { Assets } from "./views/assets";
import { Data } from "./views/data";
import { Overview } from "./views/overview";
import { Strategy } from "./views/strategy";

/** Hash routes (#/overview, #/assets[/SYMBOL], #/strategy, #/data): the server serves one page. */
interface Route {
  view: "overview" | "assets" | "strategy" | "data";
  symbol: string | null;
}
function parse(hash: string): Route {
  const [view, symbol] = hash.replace(/^#\/?/, "").split("/");
  if (view === "assets") return { view, symbol: symbol ? decodeURIComponent(symbol).toUpperCase() : null };
  if (view === "strategy" || view === "data") return { view, symbol: null };
  return { view: "overview", symbol: null };
}

const NAV: [Route["view"], string][] = [
  ["overview", "Overview"],
  ["assets", "Assets"],
  ["strategy", "Strategy"],
  ["data", "Data"],
];

function App() {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const on = () => setRoute(parse(location.hash));
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  const first = useRef(true);
  useEffect(() => {
    document.title = `${NAV.find(([v]) => v === route.view)![1]} · AutoIndex dashboard`;
    // After a change of view the keyboard continues in the new content (not on a first load).
    if (!first.current) document.getElementById("main")?.focus({ preventScroll: true });
    first.current = false;
  }, [route.view]);
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link (the hash router owns the hash) */}
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <header>
        <h1>AutoIndex</h1>
        <nav aria-label="Views">
          {NAV.map(([view, label]) => (
            <a key={view} href={`#/${view}`} aria-current={route.view === view ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <a class="playground" href="/playground">
          GraphQL playground
        </a>
      </header>
      <main id="main" tabIndex={-1}>
        {route.view === "overview" ? <Overview /> : null}
        {route.view === "assets" ? <Assets symbol={route.symbol} /> : null}
        {route.view === "strategy" ? <Strategy /> : null}
        {route.view === "data" ? <Data /> : null}
      </main>
    </>
  );
}

const root = document.getElementById("app")!;
root.textContent = ""; // the "Loading" placeholder of index.html
render(<App />, root);
