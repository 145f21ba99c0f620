import type { PubSub } from "type-graphql";
import { LiveStream } from "./hub.js";
import type { LiveTopic } from "./topics.js";

/**
 * type-graphql wants a PubSub to build a schema with subscriptions. The API's subscription
 * fields do not use it: they subscribe through the connection's live session
 * (`subscribe` option, src/live/live.resolver.ts), because the schema is built once per
 * process while events come from each app's Postgres listener. This in-process PubSub serves
 * `topics`-style subscriptions should a resolver declare one (bounded queues, like the hub).
 */
export function inProcessPubSub(maxQueued = 100): PubSub {
  const topics = new Map<string, Set<LiveStream<unknown>>>();
  return {
    publish(routingKey, ...args) {
      const payload = args[0];
      for (const stream of [...(topics.get(routingKey) ?? [])])
        stream.push({ id: 0, topic: routingKey as LiveTopic, payload: payload as never });
    },
    subscribe(routingKey) {
      let set = topics.get(routingKey);
      if (!set) {
        set = new Set();
        topics.set(routingKey, set);
      }
      const stream = new LiveStream<unknown>(
        routingKey as LiveTopic,
        () => true,
        maxQueued,
        () => undefined,
        (s) => set.delete(s),
      );
      set.add(stream);
      return stream;
    },
  };
}
