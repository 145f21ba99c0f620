import WebSocket from "ws";

export interface LiveMessage {
  id?: string;
  type: string;
  payload?: any;
}

/** A minimal graphql-transport-ws client over `ws`, close codes and flow control in the test's hands. */
export class LiveClient {
  readonly ws: WebSocket;
  readonly messages: LiveMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];
  private nextId = 0;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", { headers });
    this.ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as LiveMessage;
      if (message.type === "ping") this.ws.send(JSON.stringify({ type: "pong" }));
      this.messages.push(message);
      for (const w of this.waiters.splice(0)) w();
    });
    this.ws.on("error", () => undefined);
    this.closed = new Promise((resolve) => {
      this.ws.on("close", (code, reason) => {
        resolve({ code, reason: String(reason) });
        for (const w of this.waiters.splice(0)) w();
      });
    });
  }

  static async connect(url: string, params?: Record<string, unknown>): Promise<LiveClient> {
    const client = new LiveClient(url);
    await client.init(params);
    return client;
  }

  async init(params?: Record<string, unknown>): Promise<LiveMessage> {
    await new Promise<void>((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      this.ws.once("close", () => reject(new Error("closed before open")));
    });
    this.ws.send(JSON.stringify({ type: "connection_init", ...(params ? { payload: params } : {}) }));
    return this.waitFor((m) => m.type === "connection_ack");
  }

  /** Sends a subscribe message; resolves with its id once the server acknowledged nothing else (use waitFor). */
  subscribe(query: string, variables?: Record<string, unknown>): string {
    const id = String(++this.nextId);
    this.ws.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables } }));
    return id;
  }

  /** The first message (not yet taken) matching `match`, within `ms`. */
  async waitFor(match: (m: LiveMessage) => boolean, ms = 3000): Promise<LiveMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = this.messages.findIndex(match);
      if (i >= 0) return this.messages.splice(i, 1)[0];
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error("socket closed while waiting");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${ms} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  next(id: string, ms?: number): Promise<LiveMessage> {
    return this.waitFor((m) => m.id === id && (m.type === "next" || m.type === "error"), ms);
  }

  /** Waits `ms` and returns the messages of subscription `id` that arrived (none expected). */
  async quietFor(id: string, ms: number): Promise<LiveMessage[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.messages.filter((m) => m.id === id);
  }

  close(): void {
    this.ws.close();
  }
}
