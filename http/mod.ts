/**
 * Sluice's HTTP endpoint (work in progress: the Hono app lands with its own issue).
 *
 * ```ts
 * import { SLUICE_HTTP_API_VERSION } from "./mod.ts";
 * console.log(SLUICE_HTTP_API_VERSION);
 * ```
 *
 * @module
 */

/** Version of the HTTP API the app will serve. */
export const SLUICE_HTTP_API_VERSION: string = "v1";
