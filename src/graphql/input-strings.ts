import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, Kind, visit, type ASTNode, type DocumentNode } from "graphql";
import { badInput, type AppError } from "../errors.js";
import { stringProblem } from "../shared/strings.js";

/** Where a refused string sits, and why it is refused. */
export interface StringFinding {
  /** "$var.field[2].name" for variables, "argument.field" for literals of the document. */
  path: string;
  problem: string;
}

/**
 * The first unacceptable string (value or key) anywhere in a request's variables. Iterative,
 * so a deeply nested JSON value cannot overflow the stack; linear in the size of the value.
 */
export function findInVariables(variables: Record<string, unknown> | undefined): StringFinding | null {
  if (!variables) return null;
  const stack: [unknown, string][] = Object.entries(variables).map(([k, v]) => [v, `$${k}`]);
  for (const key of Object.keys(variables)) {
    const problem = stringProblem(key);
    if (problem) return { path: "variables", problem: `a variable name ${problem}` };
  }
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      const problem = stringProblem(value);
      if (problem) return { path, problem };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const problem = stringProblem(k);
        if (problem) return { path, problem: `a field name ${problem}` };
        stack.push([v, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/**
 * The first unacceptable string literal of a document (e.g. "\u0000" escapes), named by its argument and input fields.
 */
export function findInDocument(document: DocumentNode): StringFinding | null {
  let found: StringFinding | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = stringProblem(node.value);
      if (!problem) return undefined;
      // `ancestors` stops before the parent (the argument or input field naming this literal).
      found = { path: literalPath([...ancestors, ...(parent ? [parent] : [])]), problem };
      return BREAK;
    },
  });
  return found;
}

function literalPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const names: string[] = [];
  for (const a of ancestors) {
    if (Array.isArray(a)) continue;
    const node = a as ASTNode;
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
    else if (node.kind === Kind.VARIABLE_DEFINITION) names.push(`$${node.variable.name.value} (default)`);
  }
  return names.join(".") || "query";
}

export function stringRefusal(finding: StringFinding): AppError {
  const error = badInput(`invalid string in ${finding.path}: ${finding.problem}`, [
    { field: finding.path, message: finding.problem },
  ]);
  error.extensions.http = { status: 400 };
  return error;
}

/**
 * Refuses, before execution, any request whose variables or string literals hold a NUL or a
 * lone surrogate: one check for every argument, input field and variable of every operation,
 * instead of a patch per field. A request error (BAD_USER_INPUT, 400 or 200 per spec-status.ts).
 */
export function inputStringsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const finding = findInVariables(request.variables) ?? findInDocument(document);
          if (finding) throw stringRefusal(finding);
        },
      };
    },
  };
}
