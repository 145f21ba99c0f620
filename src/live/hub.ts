import { AppError, ErrorCode } from "../errors.js";
import type { LiveEventRow } from "./live-events.repo.js";
import type { LiveTopic } from "./topics.js";

/** A delivered event: its version (the live_events id) and its payload. */
export interface LiveEvent<P = Record<string, unknown>> {
  id: number;
  topic: LiveTopic;
  payload: P;
}

export const subscriptionLimit = (scope: "connection" | "process", limit: number) =>
  new AppError(
    ErrorCode.SUBSCRIPTION_LIMIT,
    scope === "connection"
      ? `a connection holds at most ${limit} subscriptions; complete one first (LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION)`
      : `this server holds its maximum of ${limit} subscriptions; retry later or on another instance`,
    { scope, limit },
  );

/**
 * One subscriber's stream: an async iterator fed by the hub, with a bounded queue. A consumer
 * that falls `maxQueued` events behind is dropped: `onOverflow` runs (the socket closes with
 * the slow-consumer code) and the stream ends. `return()` ends it at once, even while a
 * `next()` is waiting, and frees its place in the hub.
 */
/** A stream of any payload type: the hub and a connection hold streams of every topic together. */
// biome-ignore lint/suspicious/noExplicitAny: payload types differ per topic; P is invariant (queue and resolver)
export type AnyLiveStream = LiveStream<any>;

export class LiveStream<P = Record<string, unknown>> implements AsyncGenerator<LiveEvent<P>, undefined, unknown> {
  private readonly queue: LiveEvent<P>[] = [];
  private waiting: ((r: IteratorResult<LiveEvent<P>, undefined>) => void) | null = null;
  private done = false;

  constructor(
    readonly topic: LiveTopic,
    private readonly accepts: (payload: P) => boolean,
    private readonly maxQueued: number,
    private readonly onOverflow: () => void,
    private readonly onEnd: (stream: LiveStream<P>) => void,
  ) {}

  /** Called by the hub for every event of the topic. */
  push(event: LiveEvent<P>): void {
    if (this.done || !this.accepts(event.payload)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.maxQueued) {
      this.end();
      this.onOverflow();
      return;
    }
    this.queue.push(event);
  }

  next(): Promise<IteratorResult<LiveEvent<P>, undefined>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<LiveEvent<P>, undefined>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(err: unknown): Promise<IteratorResult<LiveEvent<P>, undefined>> {
    this.end();
    return Promise.reject(err);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.end();
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    this.onEnd(this);
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.({ value: undefined, done: true });
  }
}

/**
 * The process's subscribers by topic. The listener (src/live/listener.ts) hands it every
 * committed event once, in id order; the hub gives each matching subscriber its copy.
 */
export class LiveHub {
  private readonly byTopic = new Map<LiveTopic, Set<AnyLiveStream>>();
  private count = 0;

  constructor(
    private readonly maxSubscriptions: number,
    private readonly maxQueued: number,
  ) {}

  get subscriptions(): number {
    return this.count;
  }

  /** A new stream; SUBSCRIPTION_LIMIT when the process is full. */
  subscribe<P>(topic: LiveTopic, accepts: (payload: P) => boolean, onOverflow: () => void): LiveStream<P> {
    if (this.count >= this.maxSubscriptions) throw subscriptionLimit("process", this.maxSubscriptions);
    const stream = new LiveStream<P>(topic, accepts, this.maxQueued, onOverflow, (s) => this.remove(s));
    let set = this.byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
    }
    set.add(stream);
    this.count++;
    return stream;
  }

  dispatch(row: LiveEventRow): void {
    const set = this.byTopic.get(row.topic);
    if (!set) return;
    const event: LiveEvent = { id: row.id, topic: row.topic, payload: row.payload };
    // A copy: a stream that ends while we deliver removes itself from the set.
    for (const stream of [...set]) stream.push(event);
  }

  /** Ends every stream (shutdown). */
  closeAll(): void {
    for (const set of this.byTopic.values()) for (const stream of [...set]) void stream.return();
  }

  private remove(stream: AnyLiveStream): void {
    const set = this.byTopic.get(stream.topic);
    if (set?.delete(stream)) this.count--;
  }
}
