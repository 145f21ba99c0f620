import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { PUBLIC_CODES } from "../errors.js";
import { metrics, OPERATION, operationLabel } from "../metrics.js";
import { currentRequest } from "./request-scope.js";

/** Tells the request's scope (access log, duration histogram) which operation ran: "invalid" until one resolves. */
export function observeOperationPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = currentRequest();
      if (started) started.operation = OPERATION.invalid;
      return {
        async didResolveOperation({ operationName }) {
          const scope = currentRequest();
          if (!scope) return;
          scope.operationName = operationName?.slice(0, 100) ?? undefined;
          scope.operation = operationLabel(operationName);
        },
      };
    },
  };
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Wraps formatError (which sees every error sent, context errors included): counts them by code. */
export function countingErrors(format: FormatError): FormatError {
  return (formatted, error) => {
    const out = format(formatted, error);
    const code = out.extensions?.code;
    metrics.graphqlErrors.inc({ code: typeof code === "string" && PUBLIC_CODES.has(code) ? code : "OTHER" });
    const scope = currentRequest();
    if (scope) scope.graphqlErrors = true;
    return out;
  };
}
