import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How long and how much a refused upload is read and discarded after its answer. */
export interface LingerLimits {
  /** The connection is closed this long after the answer at the latest. */
  totalMs: number;
  /** … or once the client has sent nothing for this long. */
  idleMs: number;
  /** … or once this many bytes of the refused body have been discarded. */
  maxBytes: number;
}

/** Apache's lingering close reads for up to 30 s, nginx's (lingering_time) likewise; a refused upload needs less. */
export const LINGER: LingerLimits = { totalMs: 10_000, idleMs: 2_000, maxBytes: 64 * 1024 * 1024 };

/**
 * Answer a request whose body is refused while it is still arriving (413), then close the
 * connection the way Apache and nginx do ("lingering close"): send the answer, half-close
 * (FIN), and keep reading and discarding what the client is still sending until it stops,
 * for a bounded time and byte count; only then release the socket.
 *
 * Why: closing a socket whose receive buffer holds unread bytes makes the kernel answer with
 * a reset (RST), and a reset makes the client's kernel drop the answer it has received but
 * not yet read. A client still uploading a 7 MB body saw ECONNRESET instead of the 413 that
 * had been sent to it; with the linger it reads the 413 and its code.
 *
 * Call before writing the answer. The answer carries `Connection: close`. node:http ends an
 * answered `Connection: close` exchange with `socket.destroySoon()` (FIN, then destroy as
 * soon as the FIN is written, which is what resets); for this one socket that step becomes a
 * plain half-close, and the limits below decide when the socket is destroyed.
 */
export function lingerAfterRefusal(req: IncomingMessage, res: ServerResponse, limits: LingerLimits = LINGER): void {
  const socket: Socket = req.socket;
  res.setHeader("connection", "close");
  // The http server half-closes through this own property instead of the prototype's destroy-after-FIN.
  (socket as Socket & { destroySoon?: () => void }).destroySoon = () => {
    if (!socket.destroyed) socket.end();
  };
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) socket.destroy();
  });
  req.resume();
  res.once("finish", () => {
    if (socket.destroyed) return;
    const total = setTimeout(() => socket.destroy(), limits.totalMs);
    socket.setTimeout(limits.idleMs, () => socket.destroy());
    // A client that has read the answer closes its side, and the socket closes with it
    // (allowHalfOpen); the timers bound one that does not.
    socket.once("close", () => clearTimeout(total));
  });
}
