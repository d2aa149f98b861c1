/**
 * The folders whose tests never open Countersign's database (test/architecture/postgres-run.test.ts
 * holds them to it): the sandboxes, the provider adapters, the outbound guard, the domain, the
 * architecture and bench checks. They pass or fail alike on both backends, so the PostgreSQL run
 * leaves them to npm test.
 */
export const BACKEND_INDEPENDENT_FOLDERS = ['src/sandbox', 'src/providers', 'src/net', 'src/domain', 'test/architecture', 'test/bench'];
