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
 * Answers to requests whose body is refused while it is still arriving (413), closed the way
 * Apache and nginx close them ("lingering close"): the answer is sent, the connection
 * half-closed (FIN), and what the client is still sending is read and discarded until it
 * stops, for a bounded time and byte count; only then is the socket released.
 *
 * Why: closing a socket whose receive buffer holds unread bytes makes the kernel answer with
 * a reset (RST), and a reset makes the client's kernel drop the answer it has received but
 * not yet read. A client still uploading a 7 MB body saw ECONNRESET instead of the 413 that
 * had been sent to it; with the linger it reads the 413 and its code.
 *
 * One per server: a request that arrives behind the refused one on the same connection
 * (pipelined) is not served (its answer could not be delivered), and the server's shutdown
 * ends the lingering at once (`closeAll`) instead of waiting out the bounds.
 */
export class LingeringSockets {
  readonly #sockets = new Set<Socket>();
  #closing = false;

  constructor(private readonly limits: LingerLimits = LINGER) {}

  /**
   * Call before writing the refusal. The answer carries `Connection: close`. node:http ends an
   * answered `Connection: close` exchange with `socket.destroySoon()` (FIN, then destroy as soon
   * as the FIN is written, which is what resets); for this one socket that step becomes a plain
   * half-close, and the limits decide when the socket is destroyed.
   */
  refuse(req: IncomingMessage, res: ServerResponse): void {
    const socket: Socket = req.socket;
    res.setHeader("connection", "close");
    if (this.#closing) {
      res.once("finish", () => socket.destroy());
      return;
    }
    this.#sockets.add(socket);
    socket.once("close", () => this.#sockets.delete(socket));
    // The http server half-closes through this own property instead of the prototype's destroy-after-FIN.
    (socket as Socket & { destroySoon?: () => void }).destroySoon = () => {
      if (!socket.destroyed) socket.end();
    };
    let discarded = 0;
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > this.limits.maxBytes) socket.destroy();
    });
    req.resume();
    res.once("finish", () => {
      if (socket.destroyed) return;
      const total = setTimeout(() => socket.destroy(), this.limits.totalMs);
      socket.setTimeout(this.limits.idleMs, () => socket.destroy());
      // A client that has read the answer closes its side, and the socket closes with it
      // (allowHalfOpen); the timers bound one that does not.
      socket.once("close", () => clearTimeout(total));
    });
  }

  /** True for a connection whose refused body is being discarded: nothing more is served on it. */
  has(socket: Socket): boolean {
    return this.#sockets.has(socket);
  }

  /** Shutdown: every refusal has been answered; close those connections now, and later ones at once. */
  closeAll(): void {
    this.#closing = true;
    for (const socket of this.#sockets) socket.destroy();
  }
}
