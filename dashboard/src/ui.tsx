import type { ComponentChildren } from "preact";
import { ApiError } from "./api";

/** An error as the API reported it: its message and stable code. */
export function ErrorNote({ error }: { error: Error | null }) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : null;
  return (
    <p class="error" role="alert">
      {code ? <strong>{code}: </strong> : null}
      {error.message}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Card({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section class="card" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** A horizontal bar for a weight in [0, 1] (width set through the CSSOM, allowed by the page's CSP). */
export function Bar({ value }: { value: number }) {
  return (
    <span class="bar" aria-hidden="true">
      <span style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }} />
    </span>
  );
}

/** An asset's symbol, linking to its page in the Assets view. */
export function AssetLink({ symbol }: { symbol: string }) {
  return <a href={`#/assets/${encodeURIComponent(symbol)}`}>{symbol}</a>;
}
