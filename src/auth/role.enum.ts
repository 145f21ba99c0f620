import { registerEnumType } from "type-graphql";

/** An account's role: keys are the GraphQL names, values what users.role stores. */
export const Role = { USER: "user", ADMIN: "admin" } as const;
export type Role = (typeof Role)[keyof typeof Role];

registerEnumType(Role, {
  name: "Role",
  description: "What an account may do (docs/security.md, Accounts, tokens and admin access).",
  valuesConfig: {
    USER: {
      description:
        "Reads everything public plus strategyHistory; the admin mutations and previewStrategy answer FORBIDDEN.",
    },
    ADMIN: {
      description:
        "Everything USER may, plus the admin mutations and previewStrategy (created with " +
        "`autoindex users create --admin`).",
    },
  },
});
