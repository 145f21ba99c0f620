import { useEffect, useState } from "preact/hooks";
import { ApiError, request, type OperationName, type Result, type Variables } from "./api";

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: string };
}

/** The signed-in session, kept for this tab only (sessionStorage), never in a cookie. */
const KEY = "autoindex.session";
let current: Session | null = read();
const listeners = new Set<(s: Session | null) => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function set(s: Session | null) {
  current = s;
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l(s);
}

export function useSession(): Session | null {
  const [s, setS] = useState(current);
  useEffect(() => {
    listeners.add(setS);
    return () => void listeners.delete(setS);
  }, []);
  return s;
}

export async function signIn(email: string, password: string): Promise<Session> {
  const { login } = await request("Login", { input: { email, password } });
  const s = { accessToken: login.accessToken, refreshToken: login.refreshToken, user: login.user };
  set(s);
  return s;
}

export async function signOut(): Promise<void> {
  const s = current;
  set(null);
  if (s) await request("Logout", { refreshToken: s.refreshToken }).catch(() => undefined);
}

/**
 * Runs an operation as the signed-in user. An expired access token (UNAUTHENTICATED) is
 * renewed once with the refresh token (which rotates) and the operation retried; a refused
 * refresh ends the session.
 */
export async function authed<N extends OperationName>(name: N, variables: Variables<N>): Promise<Result<N>> {
  const s = current;
  if (!s) throw new ApiError([{ message: "sign in first", extensions: { code: "UNAUTHENTICATED" } }]);
  try {
    return await request(name, variables, s.accessToken);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== "UNAUTHENTICATED") throw err;
    let renewed: Session;
    try {
      const { refreshToken } = await request("RefreshSession", { refreshToken: s.refreshToken });
      renewed = {
        accessToken: refreshToken.accessToken,
        refreshToken: refreshToken.refreshToken,
        user: refreshToken.user,
      };
    } catch (refreshErr) {
      set(null);
      throw refreshErr;
    }
    set(renewed);
    return request(name, variables, renewed.accessToken);
  }
}
