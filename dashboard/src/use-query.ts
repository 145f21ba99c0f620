import { useEffect, useState } from "preact/hooks";
import { type ApiError, request, type OperationName, type Result, type Variables } from "./api";

export interface QueryState<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
}

/**
 * Runs `name` with `variables` whenever their JSON changes (or `reload` does); skipped while
 * `variables` is null. A slower earlier answer never replaces a newer one.
 */
export function useQuery<N extends OperationName>(
  name: N,
  variables: Variables<N> | null,
  token?: string,
  reload = 0,
): QueryState<Result<N>> {
  const [state, setState] = useState<QueryState<Result<N>>>({ data: null, error: null, loading: variables !== null });
  const key = variables === null ? null : JSON.stringify(variables);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    request(name, JSON.parse(key) as Variables<N>, token).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [name, key, token, reload]);
  return state;
}
