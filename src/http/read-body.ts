import type { IncomingMessage } from "node:http";

/** A request refused before Apollo sees it (oversized, stalled): answered with `status` and a BAD_REQUEST body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The client went away (reset, aborted upload): nothing to answer, and not a server error. */
export class ClientGone extends Error {
  constructor(cause?: unknown) {
    super("client closed the connection", { cause });
  }
}

const GONE_CODES = new Set(["ECONNRESET", "ECONNABORTED", "EPIPE", "ERR_STREAM_PREMATURE_CLOSE"]);

/** True for the errors of a client that disconnected: they are logged at debug, not as errors. */
export function isClientGone(err: unknown): boolean {
  if (err instanceof ClientGone) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  return (typeof e?.code === "string" && GONE_CODES.has(e.code)) || e?.message === "aborted";
}

export interface BodyLimits {
  maxBodyBytes: number;
  /** Longest pause between two chunks before the request is dropped. */
  bodyIdleTimeoutMs: number;
}

/**
 * Reads a request body as UTF-8. Refuses an announced Content-Length above the limit before
 * reading a byte (413), stops at the limit when the length is not announced (413), and
 * drops a body that makes no progress for bodyIdleTimeoutMs (408): a stalled upload holds
 * neither the socket nor its buffered bytes for long. (The server's requestTimeout bounds
 * the whole upload, so a trickle of bytes cannot hold it either.)
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<string> {
  const announced = Number(req.headers["content-length"]);
  if (Number.isFinite(announced) && announced > limits.maxBodyBytes)
    return Promise.reject(new HttpError(413, `request body larger than ${limits.maxBodyBytes} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | null, body?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(body!);
    };
    const timer = setTimeout(
      () => finish(new HttpError(408, `request body stalled for ${limits.bodyIdleTimeoutMs} ms`)),
      limits.bodyIdleTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBodyBytes)
        return finish(new HttpError(413, `request body larger than ${limits.maxBodyBytes} bytes`));
      chunks.push(chunk);
      timer.refresh();
    };
    const onEnd = () => finish(null, Buffer.concat(chunks).toString("utf8"));
    const onError = (err: Error) => finish(isClientGone(err) ? new ClientGone(err) : err);
    const onClose = () => finish(new ClientGone());
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
