/** Built by vite.config.ts from dashboard/operations: each operation's printed body and its SHA-256. */
declare module "virtual:operations" {
  const operations: Record<string, { id: string; body: string }>;
  export default operations;
}
