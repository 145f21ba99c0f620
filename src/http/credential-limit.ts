import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import { AppError, ErrorCode } from "../errors.js";

/** The root mutations that run argon2 (a hash or a verify) and count against the throttles. */
const CREDENTIAL_MUTATIONS = new Set(["register", "login"]);

/** At most this many of them per request: one client signs in once; 40 aliased `register`s is an attack. */
export const MAX_CREDENTIAL_MUTATIONS = 2;

/** Root fields named `register` or `login` in an operation, through aliases, fragments and inline fragments. */
export function countCredentialMutations(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): number {
  if (operation.operation !== "mutation") return 0;
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += CREDENTIAL_MUTATIONS.has(s.name.value) ? 1 : 0;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else if (!seen.has(s.name.value) && fragments[s.name.value]) {
        seen.add(s.name.value); // spreads of one fragment merge into the same fields: count it once
        n += count(fragments[s.name.value].selectionSet);
      }
    }
    return n;
  };
  return count(operation.selectionSet);
}

/**
 * Refuses, before anything runs, a request with more than MAX_CREDENTIAL_MUTATIONS
 * register/login mutations (QUERY_TOO_COMPLEX, a request error like the cost limit): the
 * throttles count attempts one by one, and this keeps one request from queueing dozens of
 * argon2 hashes behind them.
 */
export function credentialLimitPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const n = countCredentialMutations(operation, fragments);
          if (n > MAX_CREDENTIAL_MUTATIONS)
            throw new AppError(
              ErrorCode.QUERY_TOO_COMPLEX,
              `at most ${MAX_CREDENTIAL_MUTATIONS} register/login mutations per request (got ${n})`,
              {
                http: { status: 400 },
              },
            );
        },
      };
    },
  };
}
