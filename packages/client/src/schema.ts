/**
 * GENERATED from GET /api/v1/openapi.json by `npm run generate:api`: do not edit by hand.
 * Written twice, the same text: src/api-client/schema.ts and packages/client/src/schema.ts.
 * test/api-types.test.ts fails when either no longer matches the server's schemas.
 */

export type paths = {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health check */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness check
         * @description Whether this instance should get traffic: the database answers, its schema is as new as this build (no pending migration) and the job queue runs. 503 while starting, stopping or cut off from the database.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                            checks: {
                                /** @description `ok`, or what is wrong */
                                database: string;
                                /** @description `ok`, or what is wrong */
                                migrations: string;
                                /** @description `ok`, or what is wrong */
                                queue: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "unavailable";
                            checks: {
                                /** @description `ok`, or what is wrong */
                                database: string;
                                /** @description `ok`, or what is wrong */
                                migrations: string;
                                /** @description `ok`, or what is wrong */
                                queue: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/callbacks/{connectionId}/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Provider callbacks (called by the provider, not by you) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    connectionId: string;
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Too many attempts (or uploads at once); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in
         * @description Needs no authentication. `setupRequired` is true on a fresh install until the owner account is created.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authenticated: boolean;
                            /** @description True while no account exists: POST /api/v1/setup creates the owner. */
                            setupRequired: boolean;
                            /** @description True when creating the owner needs `setupCode`: the server is reachable beyond loopback and printed a one-time code at start. */
                            setupCodeRequired?: boolean;
                            account?: {
                                /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                email: string;
                                /**
                                 * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                                 * @enum {string}
                                 */
                                role: "owner" | "admin" | "member" | "viewer";
                                /** @description What this person may do; the web app hides what they may not. */
                                scopes: ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                            };
                            /** @description Send it as the header `X-CSRF-Token` with every POST, PUT, PATCH or DELETE authenticated by the session cookie. */
                            csrfToken?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign in
         * @description Sets the httpOnly session cookie `countersign_session` and returns the `csrfToken` that writes made with the cookie must send as `X-CSRF-Token`. After 5 wrong passwords in a row for an email, further attempts wait (429 with Retry-After).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authenticated: boolean;
                            /** @description True while no account exists: POST /api/v1/setup creates the owner. */
                            setupRequired: boolean;
                            /** @description True when creating the owner needs `setupCode`: the server is reachable beyond loopback and printed a one-time code at start. */
                            setupCodeRequired?: boolean;
                            account?: {
                                /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                email: string;
                                /**
                                 * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                                 * @enum {string}
                                 */
                                role: "owner" | "admin" | "member" | "viewer";
                                /** @description What this person may do; the web app hides what they may not. */
                                scopes: ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                            };
                            /** @description Send it as the header `X-CSRF-Token` with every POST, PUT, PATCH or DELETE authenticated by the session cookie. */
                            csrfToken?: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Too many attempts (or uploads at once); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        /**
         * Sign out
         * @description Ends the session and clears its cookie. With a live session, needs `X-CSRF-Token` like any other write.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Session write without a valid X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create the owner account on a fresh install, and sign in
         * @description Only while no account exists (see `setupRequired` in GET /api/v1/session); 409 afterwards. On a server reachable beyond loopback, also needs `setupCode`, printed at start (403 without it).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @example owner@example.com
                         */
                        email: string;
                        password: string;
                        /** @description The one-time code the server printed at start; needed when `setupCodeRequired` (GET /api/v1/session). */
                        setupCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authenticated: boolean;
                            /** @description True while no account exists: POST /api/v1/setup creates the owner. */
                            setupRequired: boolean;
                            /** @description True when creating the owner needs `setupCode`: the server is reachable beyond loopback and printed a one-time code at start. */
                            setupCodeRequired?: boolean;
                            account?: {
                                /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                email: string;
                                /**
                                 * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                                 * @enum {string}
                                 */
                                role: "owner" | "admin" | "member" | "viewer";
                                /** @description What this person may do; the web app hides what they may not. */
                                scopes: ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                            };
                            /** @description Send it as the header `X-CSRF-Token` with every POST, PUT, PATCH or DELETE authenticated by the session cookie. */
                            csrfToken?: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Session write without a valid X-CSRF-Token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitation/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What an invitation link is for
         * @description Needs no authentication: the token is the proof. 404 when the link was used, replaced or has expired.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The part after `#` in the invitation link */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            /**
                             * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                             * @enum {string}
                             */
                            role: "owner" | "admin" | "member" | "viewer";
                            /** Format: date-time */
                            expiresAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitation/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation: set a password, and sign in
         * @description Uses up the link. Sets the session cookie like POST /api/v1/session.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The part after `#` in the invitation link */
                        token: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authenticated: boolean;
                            /** @description True while no account exists: POST /api/v1/setup creates the owner. */
                            setupRequired: boolean;
                            /** @description True when creating the owner needs `setupCode`: the server is reachable beyond loopback and printed a one-time code at start. */
                            setupCodeRequired?: boolean;
                            account?: {
                                /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                email: string;
                                /**
                                 * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                                 * @enum {string}
                                 */
                                role: "owner" | "admin" | "member" | "viewer";
                                /** @description What this person may do; the web app hides what they may not. */
                                scopes: ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                            };
                            /** @description Send it as the header `X-CSRF-Token` with every POST, PUT, PATCH or DELETE authenticated by the session cookie. */
                            csrfToken?: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List documents, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                                /** @description Pages of a PDF, counted at upload; null for other types. */
                                pageCount: null | number;
                                /** @description Active content found at upload (JavaScript or launch actions in a PDF, macros in an office file). Flagged, not refused. */
                                warnings: {
                                    /**
                                     * @description Stable: `pdf-javascript`, `pdf-launch-action`, `macros` or `rtf-embedded-object`.
                                     * @example pdf-javascript
                                     */
                                    code: string;
                                    /** @description What was found, for people. */
                                    message: string;
                                }[];
                                /** @description The PDF version of an office document, made in the background after upload and sent to providers that sign only PDF. null for a PDF. */
                                rendition: null | {
                                    /**
                                     * @description `pending`: being made; `ready`: download it from `/documents/{id}/rendition`; `failed`: LibreOffice could not convert it (`error` says why); `unavailable`: LibreOffice is not installed on the server.
                                     * @enum {string}
                                     */
                                    status: "pending" | "ready" | "failed" | "unavailable";
                                    /** @description Pages of the PDF, once ready; field pages are checked against it. */
                                    pages: null | number;
                                    /** @description Bytes of the PDF, once ready */
                                    size: null | number;
                                    sha256: null | string;
                                    /** @description Why there is no PDF, for people. */
                                    error: null | string;
                                };
                            }[];
                            nextCursor: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `documents:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a document
         * @description multipart/form-data with one field `file`. The type is detected from the content: PDF, DOC, DOCX, ODT, ODS, XLS, XLSX or RTF. Honours `Idempotency-Key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /**
                         * Format: binary
                         * @description The file; its type is detected from the content.
                         */
                        file: Blob;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            filename: string;
                            /** @description Detected from the content. */
                            mediaType: string;
                            /** @description Bytes */
                            size: number;
                            sha256: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            /** @description Pages of a PDF, counted at upload; null for other types. */
                            pageCount: null | number;
                            /** @description Active content found at upload (JavaScript or launch actions in a PDF, macros in an office file). Flagged, not refused. */
                            warnings: {
                                /**
                                 * @description Stable: `pdf-javascript`, `pdf-launch-action`, `macros` or `rtf-embedded-object`.
                                 * @example pdf-javascript
                                 */
                                code: string;
                                /** @description What was found, for people. */
                                message: string;
                            }[];
                            /** @description The PDF version of an office document, made in the background after upload and sent to providers that sign only PDF. null for a PDF. */
                            rendition: null | {
                                /**
                                 * @description `pending`: being made; `ready`: download it from `/documents/{id}/rendition`; `failed`: LibreOffice could not convert it (`error` says why); `unavailable`: LibreOffice is not installed on the server.
                                 * @enum {string}
                                 */
                                status: "pending" | "ready" | "failed" | "unavailable";
                                /** @description Pages of the PDF, once ready; field pages are checked against it. */
                                pages: null | number;
                                /** @description Bytes of the PDF, once ready */
                                size: null | number;
                                sha256: null | string;
                                /** @description Why there is no PDF, for people. */
                                error: null | string;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `documents:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description The upload stalled and was cut */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description File too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Unsupported file type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Too many attempts (or uploads at once); see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example doc_… */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            filename: string;
                            /** @description Detected from the content. */
                            mediaType: string;
                            /** @description Bytes */
                            size: number;
                            sha256: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            /** @description Pages of a PDF, counted at upload; null for other types. */
                            pageCount: null | number;
                            /** @description Active content found at upload (JavaScript or launch actions in a PDF, macros in an office file). Flagged, not refused. */
                            warnings: {
                                /**
                                 * @description Stable: `pdf-javascript`, `pdf-launch-action`, `macros` or `rtf-embedded-object`.
                                 * @example pdf-javascript
                                 */
                                code: string;
                                /** @description What was found, for people. */
                                message: string;
                            }[];
                            /** @description The PDF version of an office document, made in the background after upload and sent to providers that sign only PDF. null for a PDF. */
                            rendition: null | {
                                /**
                                 * @description `pending`: being made; `ready`: download it from `/documents/{id}/rendition`; `failed`: LibreOffice could not convert it (`error` says why); `unavailable`: LibreOffice is not installed on the server.
                                 * @enum {string}
                                 */
                                status: "pending" | "ready" | "failed" | "unavailable";
                                /** @description Pages of the PDF, once ready; field pages are checked against it. */
                                pages: null | number;
                                /** @description Bytes of the PDF, once ready */
                                size: null | number;
                                sha256: null | string;
                                /** @description Why there is no PDF, for people. */
                                error: null | string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `documents:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a document
         * @description Refused (409) while an envelope that has been sent uses it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example doc_… */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `documents:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{documentId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a document’s content */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example doc_… */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file, streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Blob;
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `documents:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{documentId}/rendition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the PDF version of an office document
         * @description The PDF LibreOffice made of the document after upload (its `rendition`), as sent to providers that sign only PDF. 409 while it is being made; 404 for a PDF, or when it failed or cannot be made (`detail` says why).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example doc_… */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file, streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Blob;
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `documents:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List envelopes, newest first or in the order asked
         * @description Cursor pagination: pass `nextCursor` as `cursor` for the next page, with the same `sort` and `order` (a cursor of another order is refused, 400). Newest first (the default), pages stay correct while envelopes are added; sorted by last change, an envelope that changes while you page may move past the cursor.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description One status, or several as repeated parameters (`status=sending&status=sent`): envelopes in any of them */
                    status?: ("draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted") | ("draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted")[];
                    externalRef?: string;
                    /** @description Only envelopes changed at or after this moment (ISO 8601), e.g. completed this week with `status=completed` */
                    updatedSince?: string;
                    /** @description Only envelopes with an expiry before this moment (ISO 8601), e.g. expiring within 7 days with `status=sent` */
                    expiresBefore?: string;
                    /** @description Text in the title or a participant’s name or email */
                    q?: string;
                    /** @description `created` (the default), `updated` (last change), `title` (ignoring case) or `status` (by its name); ties by creation */
                    sort?: "created" | "updated" | "title" | "status";
                    /** @description `desc` (the default: newest, last or Z first) or `asc` */
                    order?: "asc" | "desc";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                title: string;
                                message: null | string;
                                language: null | string;
                                connectionId: null | string;
                                /** @enum {string} */
                                status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                                statusReason: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                expiresAt: null | string;
                                externalRef: null | string;
                                metadata: null | {
                                    [key: string]: string;
                                };
                                provider: null | string;
                                providerReference: null | string;
                                documents: {
                                    /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                    id: string;
                                    filename: string;
                                    /** @description Detected from the content. */
                                    mediaType: string;
                                    /** @description Bytes */
                                    size: number;
                                    sha256: string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    createdAt: string;
                                    /** @description The user who created it; null for an installation key */
                                    createdBy?: null | string;
                                    /** @enum {string} */
                                    visibility?: "private" | "shared";
                                }[];
                                participants: {
                                    /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                    id: string;
                                    firstName: string;
                                    lastName: string;
                                    email: string;
                                    phone: null | string;
                                    /** @enum {string} */
                                    role: "signer" | "approver" | "viewer" | "receiver";
                                    step: number;
                                    authentication: ({
                                        /** @enum {string} */
                                        method: "email-link" | "sms" | "call";
                                    } | {
                                        /** @enum {string} */
                                        method: "secret";
                                        question: string;
                                        /** @description The answer is stored (encrypted); it is never returned. */
                                        answerSet: boolean;
                                    } | {
                                        /** @enum {string} */
                                        method: "eid";
                                        scheme: string;
                                    })[];
                                    /** @enum {null|string} */
                                    signatureLevel: "basic" | "advanced" | "qualified" | null;
                                    language: null | string;
                                    delivery: {
                                        /** @enum {string} */
                                        mode: "email";
                                    } | {
                                        /** @enum {string} */
                                        mode: "embedded";
                                        returnUrl: string;
                                    };
                                    fields: ({
                                        /** @enum {string} */
                                        type: "signature" | "text" | "date" | "initials";
                                        /** @description A document of this envelope */
                                        documentId: string;
                                        /** @description 1-based; at most the document’s `pageCount` */
                                        page: number;
                                        /** @description PDF points (1/72 inch) from the left edge */
                                        left: number;
                                        /** @description PDF points from the top edge */
                                        top: number;
                                        width: number;
                                        height: number;
                                    } | {
                                        /** @enum {string} */
                                        type: "signature" | "text" | "date" | "initials";
                                        /** @description A document of this envelope */
                                        documentId: string;
                                        /**
                                         * @description Text in the document the box is placed at
                                         * @example [[sign-1]]
                                         */
                                        anchor: string;
                                        /** @description Only these pages are searched */
                                        pages?: number[];
                                        /** @description PDF points right of the text */
                                        offsetX?: number;
                                        /** @description PDF points below the text */
                                        offsetY?: number;
                                    })[];
                                    /** @enum {string} */
                                    status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                    rejectionReason: null | string;
                                    signingUrl: null | string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    notifiedAt: null | string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    viewedAt: null | string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    completedAt: null | string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    rejectedAt: null | string;
                                }[];
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                updatedAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            nextCursor: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an envelope
         * @description Status is `ready` when it has at least one document and one signer, `draft` otherwise. Honours `Idempotency-Key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        message?: null | string;
                        language?: null | string;
                        connectionId?: null | string;
                        documentIds: string[];
                        expiresAt?: null | string;
                        externalRef?: null | string;
                        metadata?: null | {
                            [key: string]: string;
                        };
                        participants: {
                            firstName: string;
                            lastName: string;
                            /**
                             * Format: email
                             * @example james.dawson@example.com
                             */
                            email: string;
                            phone?: null | string;
                            /** @enum {string} */
                            role: "signer" | "approver" | "viewer" | "receiver";
                            /** @description Default `[{"method":"email-link"}]`. Methods beyond it need the provider’s `capabilities.authenticationMethods`. */
                            authentication?: ({
                                /** @enum {string} */
                                method: "email-link" | "sms" | "call";
                            } | {
                                /** @enum {string} */
                                method: "secret";
                                /** @example Your customer number? */
                                question: string;
                                /** @description Stored encrypted; never returned. */
                                answer: string;
                            } | {
                                /** @enum {string} */
                                method: "eid";
                                /**
                                 * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                                 * @example itsme
                                 */
                                scheme: string;
                            })[];
                            signatureLevel?: null | ("basic" | "advanced" | "qualified");
                            language?: null | string;
                            /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                            delivery?: {
                                /** @enum {string} */
                                mode: "email";
                            } | {
                                /** @enum {string} */
                                mode: "embedded";
                                /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                                returnUrl: string;
                            };
                            fields?: ({
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /** @description 1-based; at most the document’s `pageCount` */
                                page: number;
                                /** @description PDF points (1/72 inch) from the left edge */
                                left: number;
                                /** @description PDF points from the top edge */
                                top: number;
                                width: number;
                                height: number;
                            } | {
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /**
                                 * @description Text in the document the box is placed at
                                 * @example [[sign-1]]
                                 */
                                anchor: string;
                                /** @description Only these pages are searched */
                                pages?: number[];
                                /** @description PDF points right of the text */
                                offsetX?: number;
                                /** @description PDF points below the text */
                                offsetY?: number;
                            })[];
                            /**
                             * @description Same step = in parallel; steps run in ascending order.
                             * @default 1
                             */
                            step?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count envelopes, in all and by status
         * @description The envelopes the caller sees, narrowed by the same parameters as the list: e.g. the list’s status tabs, `status=completed&updatedSince=…` for completed this week, or `q` for the tabs of a search. Without `q`, one grouped count over an index, never a read of every envelope; with `q`, it reads the rows that the same search of the list reads.
         */
        get: {
            parameters: {
                query?: {
                    /** @description One status, or several as repeated parameters (`status=sending&status=sent`): envelopes in any of them */
                    status?: ("draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted") | ("draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted")[];
                    externalRef?: string;
                    /** @description Only envelopes changed at or after this moment (ISO 8601), e.g. completed this week with `status=completed` */
                    updatedSince?: string;
                    /** @description Only envelopes with an expiry before this moment (ISO 8601), e.g. expiring within 7 days with `status=sent` */
                    expiresBefore?: string;
                    /** @description Text in the title or a participant’s name or email */
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Every envelope in the scope */
                            total: number;
                            /** @description How many are in each status, every status present (0 for none) */
                            byStatus: {
                                draft: number;
                                ready: number;
                                sending: number;
                                sent: number;
                                completed: number;
                                rejected: number;
                                withdrawn: number;
                                expired: number;
                                failed: number;
                                deleted: number;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an envelope with its documents, participants and history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete an envelope
         * @description Draft, ready or failed: deleted here with its participants (204); its documents stay. Sent or finished: deleted at its provider by a job (202 with the job; follow it at GET /api/v1/jobs/{jobId}) and kept here with status `deleted` as history — only with `confirm=true` (else 409), and only where the provider can delete (else 422 naming the capability `deletion`).
         */
        delete: {
            parameters: {
                query?: {
                    /** @description Required to delete an envelope its provider has: it is deleted there too. */
                    confirm?: boolean;
                };
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            state: "created" | "active" | "retry" | "completed" | "dead";
                            attempts: number;
                            progress: unknown;
                            result: unknown;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change an envelope while it is draft, ready or failed
         * @description `documentIds`, when given, replaces the list. `null` clears an optional field.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        message?: null | string;
                        language?: null | string;
                        connectionId?: null | string;
                        documentIds?: string[];
                        expiresAt?: null | string;
                        externalRef?: null | string;
                        metadata?: null | {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Copy an envelope into a new one, to change and send
         * @description A new envelope (201, `draft` or `ready` by its content) with the source’s title, message, language, documents and participants — their roles, steps, options, secret answers and fields — and its expiry when still ahead; not its statuses, history, `externalRef` or `metadata`. Any status may be copied: "Duplicate", or "Correct and resend" after a rejection, a withdrawal or a failed send. `connectionId` sends the copy through another connection (null: the default); the copy is checked against that provider as at creation (422 naming what it cannot do). Its history’s `envelope-created` line names the source (`clonedFrom`). Honours `Idempotency-Key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        connectionId?: null | string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a participant */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            /** @description One person in one role. The same person may take part again in another role (e.g. sign, and receive the signed copy); each keeps its own status. */
            requestBody: {
                content: {
                    "application/json": {
                        firstName: string;
                        lastName: string;
                        /**
                         * Format: email
                         * @example james.dawson@example.com
                         */
                        email: string;
                        phone?: null | string;
                        /** @enum {string} */
                        role: "signer" | "approver" | "viewer" | "receiver";
                        /** @description Default `[{"method":"email-link"}]`. Methods beyond it need the provider’s `capabilities.authenticationMethods`. */
                        authentication?: ({
                            /** @enum {string} */
                            method: "email-link" | "sms" | "call";
                        } | {
                            /** @enum {string} */
                            method: "secret";
                            /** @example Your customer number? */
                            question: string;
                            /** @description Stored encrypted; never returned. */
                            answer: string;
                        } | {
                            /** @enum {string} */
                            method: "eid";
                            /**
                             * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                             * @example itsme
                             */
                            scheme: string;
                        })[];
                        signatureLevel?: null | ("basic" | "advanced" | "qualified");
                        language?: null | string;
                        /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                        delivery?: {
                            /** @enum {string} */
                            mode: "email";
                        } | {
                            /** @enum {string} */
                            mode: "embedded";
                            /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                            returnUrl: string;
                        };
                        fields?: ({
                            /** @enum {string} */
                            type: "signature" | "text" | "date" | "initials";
                            /** @description A document of this envelope */
                            documentId: string;
                            /** @description 1-based; at most the document’s `pageCount` */
                            page: number;
                            /** @description PDF points (1/72 inch) from the left edge */
                            left: number;
                            /** @description PDF points from the top edge */
                            top: number;
                            width: number;
                            height: number;
                        } | {
                            /** @enum {string} */
                            type: "signature" | "text" | "date" | "initials";
                            /** @description A document of this envelope */
                            documentId: string;
                            /**
                             * @description Text in the document the box is placed at
                             * @example [[sign-1]]
                             */
                            anchor: string;
                            /** @description Only these pages are searched */
                            pages?: number[];
                            /** @description PDF points right of the text */
                            offsetX?: number;
                            /** @description PDF points below the text */
                            offsetY?: number;
                        })[];
                        /**
                         * @description Same step = in parallel; steps run in ascending order.
                         * @default 1
                         */
                        step?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            firstName: string;
                            lastName: string;
                            email: string;
                            phone: null | string;
                            /** @enum {string} */
                            role: "signer" | "approver" | "viewer" | "receiver";
                            step: number;
                            authentication: ({
                                /** @enum {string} */
                                method: "email-link" | "sms" | "call";
                            } | {
                                /** @enum {string} */
                                method: "secret";
                                question: string;
                                /** @description The answer is stored (encrypted); it is never returned. */
                                answerSet: boolean;
                            } | {
                                /** @enum {string} */
                                method: "eid";
                                scheme: string;
                            })[];
                            /** @enum {null|string} */
                            signatureLevel: "basic" | "advanced" | "qualified" | null;
                            language: null | string;
                            delivery: {
                                /** @enum {string} */
                                mode: "email";
                            } | {
                                /** @enum {string} */
                                mode: "embedded";
                                returnUrl: string;
                            };
                            fields: ({
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /** @description 1-based; at most the document’s `pageCount` */
                                page: number;
                                /** @description PDF points (1/72 inch) from the left edge */
                                left: number;
                                /** @description PDF points from the top edge */
                                top: number;
                                width: number;
                                height: number;
                            } | {
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /**
                                 * @description Text in the document the box is placed at
                                 * @example [[sign-1]]
                                 */
                                anchor: string;
                                /** @description Only these pages are searched */
                                pages?: number[];
                                /** @description PDF points right of the text */
                                offsetX?: number;
                                /** @description PDF points below the text */
                                offsetY?: number;
                            })[];
                            /** @enum {string} */
                            status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                            rejectionReason: null | string;
                            signingUrl: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            notifiedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            viewedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            completedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            rejectedAt: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/participants/{participantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a participant */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                    /** @example par_… */
                    participantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a participant */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                    /** @example par_… */
                    participantId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        firstName?: string;
                        lastName?: string;
                        /**
                         * Format: email
                         * @example james.dawson@example.com
                         */
                        email?: string;
                        phone?: null | string;
                        /** @enum {string} */
                        role?: "signer" | "approver" | "viewer" | "receiver";
                        /** @description Default `[{"method":"email-link"}]`. Methods beyond it need the provider’s `capabilities.authenticationMethods`. */
                        authentication?: ({
                            /** @enum {string} */
                            method: "email-link" | "sms" | "call";
                        } | {
                            /** @enum {string} */
                            method: "secret";
                            /** @example Your customer number? */
                            question: string;
                            /** @description Stored encrypted; never returned. */
                            answer: string;
                        } | {
                            /** @enum {string} */
                            method: "eid";
                            /**
                             * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                             * @example itsme
                             */
                            scheme: string;
                        })[];
                        signatureLevel?: null | ("basic" | "advanced" | "qualified");
                        language?: null | string;
                        /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                        delivery?: {
                            /** @enum {string} */
                            mode: "email";
                        } | {
                            /** @enum {string} */
                            mode: "embedded";
                            /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                            returnUrl: string;
                        };
                        fields?: ({
                            /** @enum {string} */
                            type: "signature" | "text" | "date" | "initials";
                            /** @description A document of this envelope */
                            documentId: string;
                            /** @description 1-based; at most the document’s `pageCount` */
                            page: number;
                            /** @description PDF points (1/72 inch) from the left edge */
                            left: number;
                            /** @description PDF points from the top edge */
                            top: number;
                            width: number;
                            height: number;
                        } | {
                            /** @enum {string} */
                            type: "signature" | "text" | "date" | "initials";
                            /** @description A document of this envelope */
                            documentId: string;
                            /**
                             * @description Text in the document the box is placed at
                             * @example [[sign-1]]
                             */
                            anchor: string;
                            /** @description Only these pages are searched */
                            pages?: number[];
                            /** @description PDF points right of the text */
                            offsetX?: number;
                            /** @description PDF points below the text */
                            offsetY?: number;
                        })[];
                        /** @description Same step = in parallel; steps run in ascending order. */
                        step?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            firstName: string;
                            lastName: string;
                            email: string;
                            phone: null | string;
                            /** @enum {string} */
                            role: "signer" | "approver" | "viewer" | "receiver";
                            step: number;
                            authentication: ({
                                /** @enum {string} */
                                method: "email-link" | "sms" | "call";
                            } | {
                                /** @enum {string} */
                                method: "secret";
                                question: string;
                                /** @description The answer is stored (encrypted); it is never returned. */
                                answerSet: boolean;
                            } | {
                                /** @enum {string} */
                                method: "eid";
                                scheme: string;
                            })[];
                            /** @enum {null|string} */
                            signatureLevel: "basic" | "advanced" | "qualified" | null;
                            language: null | string;
                            delivery: {
                                /** @enum {string} */
                                mode: "email";
                            } | {
                                /** @enum {string} */
                                mode: "embedded";
                                returnUrl: string;
                            };
                            fields: ({
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /** @description 1-based; at most the document’s `pageCount` */
                                page: number;
                                /** @description PDF points (1/72 inch) from the left edge */
                                left: number;
                                /** @description PDF points from the top edge */
                                top: number;
                                width: number;
                                height: number;
                            } | {
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /**
                                 * @description Text in the document the box is placed at
                                 * @example [[sign-1]]
                                 */
                                anchor: string;
                                /** @description Only these pages are searched */
                                pages?: number[];
                                /** @description PDF points right of the text */
                                offsetX?: number;
                                /** @description PDF points below the text */
                                offsetY?: number;
                            })[];
                            /** @enum {string} */
                            status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                            rejectionReason: null | string;
                            signingUrl: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            notifiedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            viewedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            completedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            rejectedAt: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/participants/{participantId}/signing-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a fresh signing URL for a participant with embedded delivery
         * @description For participants created with `delivery` `{"mode":"embedded","returnUrl":…}` once the envelope is sent: the provider’s signing page, to open or frame in your application. Ask again each time (providers’ URLs expire). 422 naming `embeddedSigning` when the envelope’s provider has no embedded signing.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                    /** @example par_… */
                    participantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The provider’s signing page for this participant; it carries a secret, hand it to that participant only. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List templates, by name */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example tpl_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                name: string;
                                /** @description The title of envelopes made from it, unless one is given. */
                                title: string;
                                message: null | string;
                                language: null | string;
                                expiryDays: null | number;
                                documentIds: string[];
                                roles: {
                                    /**
                                     * @description Names the role where it is filled: `people.<key>`, and the CSV columns `<key>.email`…
                                     * @example signer1
                                     */
                                    key: string;
                                    /**
                                     * @description For people
                                     * @example Tenant
                                     */
                                    label: string;
                                    /** @enum {string} */
                                    role: "signer" | "approver" | "viewer" | "receiver";
                                    step: number;
                                    authentication: ({
                                        /** @enum {string} */
                                        method: "email-link" | "sms" | "call";
                                    } | {
                                        /** @enum {string} */
                                        method: "secret";
                                        /** @example Your customer number? */
                                        question: string;
                                    } | {
                                        /** @enum {string} */
                                        method: "eid";
                                        /**
                                         * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                                         * @example itsme
                                         */
                                        scheme: string;
                                    })[];
                                    signatureLevel: null | ("basic" | "advanced" | "qualified");
                                    language: null | string;
                                    /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                                    delivery: {
                                        /** @enum {string} */
                                        mode: "email";
                                    } | {
                                        /** @enum {string} */
                                        mode: "embedded";
                                        /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                                        returnUrl: string;
                                    };
                                    /** @description Where this role signs; each on a document of the template. */
                                    fields: ({
                                        /** @enum {string} */
                                        type: "signature" | "text" | "date" | "initials";
                                        /** @description A document of this envelope */
                                        documentId: string;
                                        /** @description 1-based; at most the document’s `pageCount` */
                                        page: number;
                                        /** @description PDF points (1/72 inch) from the left edge */
                                        left: number;
                                        /** @description PDF points from the top edge */
                                        top: number;
                                        width: number;
                                        height: number;
                                    } | {
                                        /** @enum {string} */
                                        type: "signature" | "text" | "date" | "initials";
                                        /** @description A document of this envelope */
                                        documentId: string;
                                        /**
                                         * @description Text in the document the box is placed at
                                         * @example [[sign-1]]
                                         */
                                        anchor: string;
                                        /** @description Only these pages are searched */
                                        pages?: number[];
                                        /** @description PDF points right of the text */
                                        offsetX?: number;
                                        /** @description PDF points below the text */
                                        offsetY?: number;
                                    })[];
                                }[];
                                /** @description The envelope it was saved from. */
                                sourceEnvelopeId: null | string;
                                createdBy: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Save an envelope as a template
         * @description Any status. The template keeps the envelope’s title, message, language, documents, each participant as a role to fill (`signer1`, `signer2`, `receiver1`… with its step, options and fields; never the person, nor a secret’s answer) and its expiry as days from its creation. 422 when the envelope has no signer. Honours `Idempotency-Key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description The envelope (any status) whose documents, participants as roles, fields, message and expiry it keeps. */
                        envelopeId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example tpl_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            name: string;
                            /** @description The title of envelopes made from it, unless one is given. */
                            title: string;
                            message: null | string;
                            language: null | string;
                            expiryDays: null | number;
                            documentIds: string[];
                            roles: {
                                /**
                                 * @description Names the role where it is filled: `people.<key>`, and the CSV columns `<key>.email`…
                                 * @example signer1
                                 */
                                key: string;
                                /**
                                 * @description For people
                                 * @example Tenant
                                 */
                                label: string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    /** @example Your customer number? */
                                    question: string;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    /**
                                     * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                                     * @example itsme
                                     */
                                    scheme: string;
                                })[];
                                signatureLevel: null | ("basic" | "advanced" | "qualified");
                                language: null | string;
                                /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                                    returnUrl: string;
                                };
                                /** @description Where this role signs; each on a document of the template. */
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                            }[];
                            /** @description The envelope it was saved from. */
                            sourceEnvelopeId: null | string;
                            createdBy: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{templateId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a template */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example tpl_… */
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example tpl_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            name: string;
                            /** @description The title of envelopes made from it, unless one is given. */
                            title: string;
                            message: null | string;
                            language: null | string;
                            expiryDays: null | number;
                            documentIds: string[];
                            roles: {
                                /**
                                 * @description Names the role where it is filled: `people.<key>`, and the CSV columns `<key>.email`…
                                 * @example signer1
                                 */
                                key: string;
                                /**
                                 * @description For people
                                 * @example Tenant
                                 */
                                label: string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    /** @example Your customer number? */
                                    question: string;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    /**
                                     * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                                     * @example itsme
                                     */
                                    scheme: string;
                                })[];
                                signatureLevel: null | ("basic" | "advanced" | "qualified");
                                language: null | string;
                                /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                                    returnUrl: string;
                                };
                                /** @description Where this role signs; each on a document of the template. */
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                            }[];
                            /** @description The envelope it was saved from. */
                            sourceEnvelopeId: null | string;
                            createdBy: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a template
         * @description With its bulk sends’ records; the envelopes made from it stay.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example tpl_… */
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename or change a template
         * @description `roles`, when given, replaces them; role keys must differ, a signer is needed, and fields must be on the template’s documents (422 naming each).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example tpl_… */
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        title?: string;
                        message?: null | string;
                        language?: null | string;
                        expiryDays?: null | number;
                        documentIds?: string[];
                        /** @description Replaces the roles. */
                        roles?: {
                            /**
                             * @description Names the role where it is filled: `people.<key>`, and the CSV columns `<key>.email`…
                             * @example signer1
                             */
                            key: string;
                            /**
                             * @description For people
                             * @example Tenant
                             */
                            label: string;
                            /** @enum {string} */
                            role: "signer" | "approver" | "viewer" | "receiver";
                            step: number;
                            authentication: ({
                                /** @enum {string} */
                                method: "email-link" | "sms" | "call";
                            } | {
                                /** @enum {string} */
                                method: "secret";
                                /** @example Your customer number? */
                                question: string;
                            } | {
                                /** @enum {string} */
                                method: "eid";
                                /**
                                 * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                                 * @example itsme
                                 */
                                scheme: string;
                            })[];
                            signatureLevel: null | ("basic" | "advanced" | "qualified");
                            language: null | string;
                            /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                            delivery: {
                                /** @enum {string} */
                                mode: "email";
                            } | {
                                /** @enum {string} */
                                mode: "embedded";
                                /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                                returnUrl: string;
                            };
                            /** @description Where this role signs; each on a document of the template. */
                            fields: ({
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /** @description 1-based; at most the document’s `pageCount` */
                                page: number;
                                /** @description PDF points (1/72 inch) from the left edge */
                                left: number;
                                /** @description PDF points from the top edge */
                                top: number;
                                width: number;
                                height: number;
                            } | {
                                /** @enum {string} */
                                type: "signature" | "text" | "date" | "initials";
                                /** @description A document of this envelope */
                                documentId: string;
                                /**
                                 * @description Text in the document the box is placed at
                                 * @example [[sign-1]]
                                 */
                                anchor: string;
                                /** @description Only these pages are searched */
                                pages?: number[];
                                /** @description PDF points right of the text */
                                offsetX?: number;
                                /** @description PDF points below the text */
                                offsetY?: number;
                            })[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example tpl_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            name: string;
                            /** @description The title of envelopes made from it, unless one is given. */
                            title: string;
                            message: null | string;
                            language: null | string;
                            expiryDays: null | number;
                            documentIds: string[];
                            roles: {
                                /**
                                 * @description Names the role where it is filled: `people.<key>`, and the CSV columns `<key>.email`…
                                 * @example signer1
                                 */
                                key: string;
                                /**
                                 * @description For people
                                 * @example Tenant
                                 */
                                label: string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    /** @example Your customer number? */
                                    question: string;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    /**
                                     * @description The provider’s name for the identity scheme (see its `capabilities.eidSchemes`)
                                     * @example itsme
                                     */
                                    scheme: string;
                                })[];
                                signatureLevel: null | ("basic" | "advanced" | "qualified");
                                language: null | string;
                                /** @description How the participant is invited. Embedded needs the provider’s `capabilities.embeddedSigning`. */
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    /** @description Where the provider sends the participant after signing: a page of your application (http or https). Countersign never fetches it. */
                                    returnUrl: string;
                                };
                                /** @description Where this role signs; each on a document of the template. */
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                            }[];
                            /** @description The envelope it was saved from. */
                            sourceEnvelopeId: null | string;
                            createdBy: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/templates/{templateId}/envelopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an envelope from a template
         * @description Each role filled with a person (`people`, by role key). Created exactly as POST /api/v1/envelopes creates one — the same checks, against the connection’s provider — and its history names the template (`templateId`). A refusal names the value as given: `people.signer1.phone`. Honours `Idempotency-Key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @example tpl_… */
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The person of each role, by its key: every role needs one. */
                        people: {
                            [key: string]: {
                                firstName: string;
                                lastName: string;
                                /**
                                 * Format: email
                                 * @example james.dawson@example.com
                                 */
                                email: string;
                                phone?: null | string;
                                secretAnswer?: null | string;
                            };
                        };
                        title?: string;
                        connectionId?: null | string;
                        externalRef?: null | string;
                        metadata?: null | {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{templateId}/bulk-send.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An example CSV for a bulk send of the template
         * @description The template’s header (`<role key>.firstName`, `.lastName`, `.email`, and `.phone` or `.secretAnswer` where a role’s authentication needs them) and two example rows.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example tpl_… */
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{templateId}/bulk-sends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A template’s bulk sends, newest first, with their counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example tpl_… */
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example bks_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                templateId: string;
                                connectionId: null | string;
                                /** @enum {string} */
                                status: "running" | "completed";
                                rowCount: number;
                                counts: {
                                    pending: number;
                                    created: number;
                                    sent: number;
                                    failed: number;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                updatedAt: string;
                                rows?: {
                                    /** @description The row’s number among the CSV’s data rows, from 1. */
                                    row: number;
                                    /** @enum {string} */
                                    status: "pending" | "created" | "sent" | "failed";
                                    /** @description The row’s values, secret answers left out. */
                                    cells: {
                                        [key: string]: string;
                                    };
                                    envelopeId: null | string;
                                    /** @description Why the row failed: the refusal its envelope met. */
                                    detail: null | string;
                                    errors: {
                                        path: string;
                                        message: string;
                                    }[];
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Send the template to each row of a CSV
         * @description One envelope per row (at most 500), created and sent by a job: 202 with the bulk send; follow it at GET …/bulk-sends/{bulkSendId}. A CSV that cannot be read, lacks a role's column or has too many rows is refused whole (422 naming it); a row whose values are wrong, or whose envelope is refused, fails alone with the refusal's words while the others go. Honours `Idempotency-Key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @example tpl_… */
                    templateId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The CSV text (docs/templates.md): a header row, then one row per envelope, at most 500 rows. GET …/bulk-send.csv gives the template's header with example rows. */
                        csv: string;
                        connectionId?: null | string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example bks_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            templateId: string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "running" | "completed";
                            rowCount: number;
                            counts: {
                                pending: number;
                                created: number;
                                sent: number;
                                failed: number;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            rows?: {
                                /** @description The row’s number among the CSV’s data rows, from 1. */
                                row: number;
                                /** @enum {string} */
                                status: "pending" | "created" | "sent" | "failed";
                                /** @description The row’s values, secret answers left out. */
                                cells: {
                                    [key: string]: string;
                                };
                                envelopeId: null | string;
                                /** @description Why the row failed: the refusal its envelope met. */
                                detail: null | string;
                                errors: {
                                    path: string;
                                    message: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{templateId}/bulk-sends/{bulkSendId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A bulk send with each row’s result
         * @description Each row: `sent` with its envelope (whose own status says how the provider took it), or `failed` with the refusal’s `detail` and `errors`; `pending` and `created` while the job works.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example tpl_… */
                    templateId: string;
                    /** @example bks_… */
                    bulkSendId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example bks_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            templateId: string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "running" | "completed";
                            rowCount: number;
                            counts: {
                                pending: number;
                                created: number;
                                sent: number;
                                failed: number;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            rows?: {
                                /** @description The row’s number among the CSV’s data rows, from 1. */
                                row: number;
                                /** @enum {string} */
                                status: "pending" | "created" | "sent" | "failed";
                                /** @description The row’s values, secret answers left out. */
                                cells: {
                                    [key: string]: string;
                                };
                                envelopeId: null | string;
                                /** @description Why the row failed: the refusal its envelope met. */
                                detail: null | string;
                                errors: {
                                    path: string;
                                    message: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example key_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                name: string;
                                /** @description The first characters of the key, to tell keys apart */
                                prefix: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                lastUsedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                revokedAt: null | string;
                                /** @description The user the key acts for; null for an installation key (owner-level) */
                                userId: null | string;
                                /** @description What the key may do, further limited to what its user’s role grants at the time of each request. null: everything its role grants. */
                                scopes: null | ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `keys:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key
         * @description The key acts for the person creating it, with the `scopes` given (default: all of theirs, never more). It may use only what that person’s role grants at the time of each request. The response carries the key itself (`secret`) this one time only; only its hash is kept. Honours `Idempotency-Key`: a repeat gets the same answer, secret included (kept sealed for a day); a repeat after a server crash lost the first answer gets 409 naming the key made, to revoke.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description Defaults to every scope you have. Never more than you have. */
                        scopes?: ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example key_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            name: string;
                            /** @description The first characters of the key, to tell keys apart */
                            prefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            lastUsedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            revokedAt: null | string;
                            /** @description The user the key acts for; null for an installation key (owner-level) */
                            userId: null | string;
                            /** @description What the key may do, further limited to what its user’s role grants at the time of each request. null: everything its role grants. */
                            scopes: null | ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                            /** @description Shown once; store it now. */
                            secret: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `keys:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an API key
         * @description Requests with a revoked key get 401 from then on. Revoking twice is harmless.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example key_… */
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example key_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            name: string;
                            /** @description The first characters of the key, to tell keys apart */
                            prefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            lastUsedAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            revokedAt: null | string;
                            /** @description The user the key acts for; null for an installation key (owner-level) */
                            userId: null | string;
                            /** @description What the key may do, further limited to what its user’s role grants at the time of each request. null: everything its role grants. */
                            scopes: null | ("envelopes:read" | "envelopes:write" | "envelopes:all" | "documents:read" | "documents:write" | "connections:read" | "connections:admin" | "webhooks:admin" | "keys:admin" | "users:admin" | "owners:admin" | "audit:read" | "sandbox:control")[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `keys:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Providers that can be connected: their environments, credential fields and capabilities
         * @description One entry per provider this server can connect, read from its descriptor. `credentials` are the fields of a connection’s body for that provider; `capabilities` say what it can do — an action it cannot do is refused with 422 naming the capability.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example autenti */
                                id: string;
                                /** @example Autenti */
                                name: string;
                                /** @description API roots by name; `sandbox` is `builtin:sandbox`, the emulator built into this server (at `sandboxApiPath`) */
                                environments: {
                                    [key: string]: string;
                                };
                                /**
                                 * @description An API root as an administrator would type it (a custom URL’s example)
                                 * @example https://api.autenti.com/api/v2/
                                 */
                                urlExample: string;
                                /** @description The connection’s credential fields, from the provider’s credentials schema */
                                credentials: {
                                    /**
                                     * @description The property of the connection body
                                     * @example clientId
                                     */
                                    name: string;
                                    /**
                                     * @description In the provider’s own words
                                     * @example Client application ID
                                     */
                                    label: string;
                                    /** @description Sealed at rest and never returned */
                                    secret: boolean;
                                    /** @example email */
                                    format?: string;
                                    required: boolean;
                                }[];
                                /** @description Countersign generates an RSA key pair whose public key is registered at the provider */
                                keyPair: boolean;
                                capabilities: {
                                    /** @description Kinds of file the provider signs */
                                    fileKinds: ("pdf" | "doc" | "docx" | "odt" | "ods" | "xls" | "xlsx" | "rtf")[];
                                    maxDocuments: null | number;
                                    maxParticipants: null | number;
                                    maxFileBytes: null | number;
                                    languages: null | string[];
                                    roles: ("signer" | "approver" | "viewer" | "receiver")[];
                                    signatureLevels: ("basic" | "advanced" | "qualified")[];
                                    /** @description How a participant may prove who they are; `email-link` is the default */
                                    authenticationMethods: ("email-link" | "sms" | "call" | "secret" | "eid")[];
                                    /** @description Identity schemes for the `eid` method, e.g. itsme */
                                    eidSchemes: string[];
                                    /** @description A language per participant, not only per envelope */
                                    participantLanguage: boolean;
                                    /** @description Field placements taken; empty: the provider places signatures itself */
                                    signatureFields: ("box" | "anchor")[];
                                    /** @description Kinds of field a participant fills */
                                    fieldTypes: ("signature" | "text" | "date" | "initials")[];
                                    /** @description A text anchor may name the pages to look on and move the field by offsetX/offsetY */
                                    anchorAdjustments: boolean;
                                    /** @description One person may act twice in one envelope */
                                    repeatedParticipants: boolean;
                                    parallelSteps: boolean;
                                    /** @description An expiry date given at send time */
                                    expiry: boolean;
                                    /** @enum {string} */
                                    reminders: "none" | "all-pending" | "selected";
                                    withdraw: boolean;
                                    /** @description Withdrawing deletes the envelope at the provider (its only cancellation); ask before doing it */
                                    withdrawDeletes: boolean;
                                    /** @description Moving the expiry of a sent envelope */
                                    expiryChange: boolean;
                                    skipPending: boolean;
                                    /** @description Deleting a sent envelope at the provider (DELETE /envelopes/{id}?confirm=true) */
                                    deletion: boolean;
                                    embeddedSigning: boolean;
                                    /** @enum {string} */
                                    auditProof: "none" | "pdf" | "xml" | "json";
                                    callbacks: boolean;
                                    /** @description Sync lists only what changed */
                                    deltaListing: boolean;
                                    rateLimit: null | {
                                        calls: number;
                                        perMs: number;
                                    };
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @example /sandbox/autenti */
                                sandboxPath?: string;
                                /** @example /sandbox/autenti/api/v2/ */
                                sandboxApiPath?: string;
                                /**
                                 * @description The built-in sandbox’s pages worth a link, by name, as paths on this server
                                 * @example {
                                 *       "integrationSettings": "/sandbox/autenti/integration-settings",
                                 *       "mailbox": "/sandbox/autenti/_sandbox/mailbox?to=EMAIL"
                                 *     }
                                 */
                                sandboxPages?: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connections (callback URLs masked; an administrator GETs one connection for its full callback URL) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example con_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example autenti */
                                provider: string;
                                name: string;
                                /** @description production, test, sandbox, or custom */
                                environment: string;
                                baseUrl: string;
                                /** @description The non-secret credentials, e.g. clientId and accountEmail */
                                settings: {
                                    [key: string]: string;
                                };
                                /** @description Register this public key at the provider (Autenti: Integration settings → Public key) */
                                publicJwk: null | {
                                    [key: string]: unknown;
                                };
                                /** @description Where the provider calls back for immediate status updates; it carries a secret token. Autenti connections subscribe it themselves when the API client has the notification_management scope (see callbackSubscription); otherwise register it at the provider (Autenti: Integration settings → URL) */
                                callbackUrl: null | string;
                                /** @description Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks */
                                callbackSubscription: null | {
                                    /** @enum {string} */
                                    status: "subscribed" | "manual" | "pending" | "error";
                                    /** @description The provider’s subscription id, e.g. CALLBACK:… */
                                    id: null | string;
                                    /** @description What the status means for the admin */
                                    detail: string;
                                };
                                isDefault: boolean;
                                health: {
                                    /**
                                     * @example ok
                                     * @example error
                                     * @example unknown
                                     */
                                    status: string;
                                    detail: null | string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    checkedAt: null | string;
                                };
                                /** @description Provider calls counted in memory since `since` (the server’s start or the first call): they restart with the server */
                                usage: {
                                    /** @description HTTP requests made to the provider for this connection (each retry counts) */
                                    calls: number;
                                    /** @description Of those, the ones that got no answer, a 429 or a 5xx */
                                    failures: number;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    since: string;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Connect a provider account
         * @description The body is the provider’s: `provider` picks which, and its credential fields are those GET /api/v1/providers lists for it (`credentials`). Keeps the secret encrypted and, for Autenti, generates an RSA key pair: paste `publicJwk` into Autenti’s Integration settings, then verify. The secret and the private key are never returned. `baseUrl` must be https to a public address; private, loopback and link-local addresses, `localhost`, credentials in the URL and plain http are refused (422) unless the operator opened them with COUNTERSIGN_ALLOW_PRIVATE_URLS.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        provider: "autenti";
                        name: string;
                        /**
                         * @description production, test, sandbox, or the API root URL
                         * @example sandbox
                         */
                        baseUrl: string;
                        /** Client application ID */
                        clientId: string;
                        /** Client secret key */
                        clientSecret: string;
                        /**
                         * Autenti account email
                         * Format: email
                         */
                        accountEmail: string;
                        /** JWT audience (leave empty for autenti.com) */
                        assertionAudience?: string;
                        makeDefault?: boolean;
                    } | {
                        /** @enum {string} */
                        provider: "connective";
                        name: string;
                        /**
                         * @description production, test, sandbox, or the API root URL
                         * @example sandbox
                         */
                        baseUrl: string;
                        /** API username */
                        username: string;
                        /** API password */
                        password: string;
                        /**
                         * Package initiator
                         * Format: email
                         */
                        initiator?: string;
                        makeDefault?: boolean;
                    } | {
                        /** @enum {string} */
                        provider: "consigno";
                        name: string;
                        /**
                         * @description production, test, sandbox, or the API root URL
                         * @example sandbox
                         */
                        baseUrl: string;
                        /** Username (API key) */
                        username: string;
                        /** Password (API secret) */
                        password: string;
                        /** Login as: platform client id */
                        clientId?: string;
                        /** Login as: platform client secret */
                        clientSecret?: string;
                        makeDefault?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example con_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            /** @example autenti */
                            provider: string;
                            name: string;
                            /** @description production, test, sandbox, or custom */
                            environment: string;
                            baseUrl: string;
                            /** @description The non-secret credentials, e.g. clientId and accountEmail */
                            settings: {
                                [key: string]: string;
                            };
                            /** @description Register this public key at the provider (Autenti: Integration settings → Public key) */
                            publicJwk: null | {
                                [key: string]: unknown;
                            };
                            /** @description Where the provider calls back for immediate status updates; it carries a secret token. Autenti connections subscribe it themselves when the API client has the notification_management scope (see callbackSubscription); otherwise register it at the provider (Autenti: Integration settings → URL) */
                            callbackUrl: null | string;
                            /** @description Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks */
                            callbackSubscription: null | {
                                /** @enum {string} */
                                status: "subscribed" | "manual" | "pending" | "error";
                                /** @description The provider’s subscription id, e.g. CALLBACK:… */
                                id: null | string;
                                /** @description What the status means for the admin */
                                detail: string;
                            };
                            isDefault: boolean;
                            health: {
                                /**
                                 * @example ok
                                 * @example error
                                 * @example unknown
                                 */
                                status: string;
                                detail: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                checkedAt: null | string;
                            };
                            /** @description Provider calls counted in memory since `since` (the server’s start or the first call): they restart with the server */
                            usage: {
                                /** @description HTTP requests made to the provider for this connection (each retry counts) */
                                calls: number;
                                /** @description Of those, the ones that got no answer, a 429 or a 5xx */
                                failures: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a connection (with its public key, never its secrets; the full callback URL for administrators only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example con_… */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example con_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            /** @example autenti */
                            provider: string;
                            name: string;
                            /** @description production, test, sandbox, or custom */
                            environment: string;
                            baseUrl: string;
                            /** @description The non-secret credentials, e.g. clientId and accountEmail */
                            settings: {
                                [key: string]: string;
                            };
                            /** @description Register this public key at the provider (Autenti: Integration settings → Public key) */
                            publicJwk: null | {
                                [key: string]: unknown;
                            };
                            /** @description Where the provider calls back for immediate status updates; it carries a secret token. Autenti connections subscribe it themselves when the API client has the notification_management scope (see callbackSubscription); otherwise register it at the provider (Autenti: Integration settings → URL) */
                            callbackUrl: null | string;
                            /** @description Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks */
                            callbackSubscription: null | {
                                /** @enum {string} */
                                status: "subscribed" | "manual" | "pending" | "error";
                                /** @description The provider’s subscription id, e.g. CALLBACK:… */
                                id: null | string;
                                /** @description What the status means for the admin */
                                detail: string;
                            };
                            isDefault: boolean;
                            health: {
                                /**
                                 * @example ok
                                 * @example error
                                 * @example unknown
                                 */
                                status: string;
                                detail: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                checkedAt: null | string;
                            };
                            /** @description Provider calls counted in memory since `since` (the server’s start or the first call): they restart with the server */
                            usage: {
                                /** @description HTTP requests made to the provider for this connection (each retry counts) */
                                calls: number;
                                /** @description Of those, the ones that got no answer, a 429 or a 5xx */
                                failures: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a connection
         * @description Refused (409) while envelopes sent through it are still in flight.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example con_… */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a connection
         * @description Credentials given replace the stored ones; `makeDefault: true` makes it the default. A new `baseUrl` (or environment) follows the same rules as at creation and needs the secret (`clientSecret`) again in the same request (422 otherwise): the stored secret is never sent to a new destination.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example con_… */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /**
                         * @description production, test, sandbox, or the API root URL
                         * @example sandbox
                         */
                        baseUrl?: string;
                        makeDefault?: boolean;
                        /** @description Client application ID (autenti, consigno) */
                        clientId?: string;
                        /** @description Client secret key (autenti, consigno) */
                        clientSecret?: string;
                        /** @description Autenti account email (autenti) */
                        accountEmail?: string;
                        /** @description JWT audience (leave empty for autenti.com) (autenti) */
                        assertionAudience?: string;
                        /** @description API username (connective, consigno) */
                        username?: string;
                        /** @description API password (connective, consigno) */
                        password?: string;
                        /** @description Package initiator (connective) */
                        initiator?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example con_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            /** @example autenti */
                            provider: string;
                            name: string;
                            /** @description production, test, sandbox, or custom */
                            environment: string;
                            baseUrl: string;
                            /** @description The non-secret credentials, e.g. clientId and accountEmail */
                            settings: {
                                [key: string]: string;
                            };
                            /** @description Register this public key at the provider (Autenti: Integration settings → Public key) */
                            publicJwk: null | {
                                [key: string]: unknown;
                            };
                            /** @description Where the provider calls back for immediate status updates; it carries a secret token. Autenti connections subscribe it themselves when the API client has the notification_management scope (see callbackSubscription); otherwise register it at the provider (Autenti: Integration settings → URL) */
                            callbackUrl: null | string;
                            /** @description Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks */
                            callbackSubscription: null | {
                                /** @enum {string} */
                                status: "subscribed" | "manual" | "pending" | "error";
                                /** @description The provider’s subscription id, e.g. CALLBACK:… */
                                id: null | string;
                                /** @description What the status means for the admin */
                                detail: string;
                            };
                            isDefault: boolean;
                            health: {
                                /**
                                 * @example ok
                                 * @example error
                                 * @example unknown
                                 */
                                status: string;
                                detail: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                checkedAt: null | string;
                            };
                            /** @description Provider calls counted in memory since `since` (the server’s start or the first call): they restart with the server */
                            usage: {
                                /** @description HTTP requests made to the provider for this connection (each retry counts) */
                                calls: number;
                                /** @description Of those, the ones that got no answer, a 429 or a 5xx */
                                failures: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/connections/{connectionId}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check the connection against the provider
         * @description Gets a token and lists one page; `detail` says in plain words what is wrong (secret, key not registered, wrong environment, an address that resolves to a private network). A remote answer that is not the provider’s own error is never repeated, only its status and host.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example con_… */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            /** @description What works, or in plain words what is wrong */
                            detail: string;
                            account: null | string;
                            connection: {
                                /** @example con_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example autenti */
                                provider: string;
                                name: string;
                                /** @description production, test, sandbox, or custom */
                                environment: string;
                                baseUrl: string;
                                /** @description The non-secret credentials, e.g. clientId and accountEmail */
                                settings: {
                                    [key: string]: string;
                                };
                                /** @description Register this public key at the provider (Autenti: Integration settings → Public key) */
                                publicJwk: null | {
                                    [key: string]: unknown;
                                };
                                /** @description Where the provider calls back for immediate status updates; it carries a secret token. Autenti connections subscribe it themselves when the API client has the notification_management scope (see callbackSubscription); otherwise register it at the provider (Autenti: Integration settings → URL) */
                                callbackUrl: null | string;
                                /** @description Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks */
                                callbackSubscription: null | {
                                    /** @enum {string} */
                                    status: "subscribed" | "manual" | "pending" | "error";
                                    /** @description The provider’s subscription id, e.g. CALLBACK:… */
                                    id: null | string;
                                    /** @description What the status means for the admin */
                                    detail: string;
                                };
                                isDefault: boolean;
                                health: {
                                    /**
                                     * @example ok
                                     * @example error
                                     * @example unknown
                                     */
                                    status: string;
                                    detail: null | string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    checkedAt: null | string;
                                };
                                /** @description Provider calls counted in memory since `since` (the server’s start or the first call): they restart with the server */
                                usage: {
                                    /** @description HTTP requests made to the provider for this connection (each retry counts) */
                                    calls: number;
                                    /** @description Of those, the ones that got no answer, a 429 or a 5xx */
                                    failures: number;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    since: string;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{connectionId}/rotate-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the connection’s key pair
         * @description Register the new `publicJwk` at the provider; the old key stops working there once replaced.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example con_… */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example con_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            /** @example autenti */
                            provider: string;
                            name: string;
                            /** @description production, test, sandbox, or custom */
                            environment: string;
                            baseUrl: string;
                            /** @description The non-secret credentials, e.g. clientId and accountEmail */
                            settings: {
                                [key: string]: string;
                            };
                            /** @description Register this public key at the provider (Autenti: Integration settings → Public key) */
                            publicJwk: null | {
                                [key: string]: unknown;
                            };
                            /** @description Where the provider calls back for immediate status updates; it carries a secret token. Autenti connections subscribe it themselves when the API client has the notification_management scope (see callbackSubscription); otherwise register it at the provider (Autenti: Integration settings → URL) */
                            callbackUrl: null | string;
                            /** @description Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks */
                            callbackSubscription: null | {
                                /** @enum {string} */
                                status: "subscribed" | "manual" | "pending" | "error";
                                /** @description The provider’s subscription id, e.g. CALLBACK:… */
                                id: null | string;
                                /** @description What the status means for the admin */
                                detail: string;
                            };
                            isDefault: boolean;
                            health: {
                                /**
                                 * @example ok
                                 * @example error
                                 * @example unknown
                                 */
                                status: string;
                                detail: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                checkedAt: null | string;
                            };
                            /** @description Provider calls counted in memory since `since` (the server’s start or the first call): they restart with the server */
                            usage: {
                                /** @description HTTP requests made to the provider for this connection (each retry counts) */
                                calls: number;
                                /** @description Of those, the ones that got no answer, a 429 or a 5xx */
                                failures: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `connections:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an envelope for signature
         * @description Accepted (202) with status `sending`; a job creates it at the provider and sends it, then `sent`. A provider refusal makes it `failed` with the reason in `statusReason`; correct it and send again. Honours `Idempotency-Key`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key of your own (1 to 255 visible ASCII characters, e.g. a UUID), new for each new request: a repeat of the request with the same key, within a day, is answered as the first was (`Idempotent-Replayed: true`; after a server crash lost that answer, with what it made, as it is now) and does nothing again. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/send-decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide a send whose outcome is unknown: resend, or mark it sent
         * @description Only for a `failed` envelope whose `sendDecision.needed` is true: the send broke off where the provider may or may not have created the envelope (ConsignO Cloud has no listing to look it up). `{"decision":"resend"}` forgets the last attempt and sends again (202, status `sending`), so check at the provider first that it has no such envelope, or delete it there. `{"decision":"mark-sent","providerReference":"<id>"}` fetches that id from the provider to check it exists (422 if not), records the envelope as `sent` under it and applies its statuses (200). The same decision repeated answers the envelope as it left it; any other state is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "resend";
                    } | {
                        /** @enum {string} */
                        decision: "mark-sent";
                        /** @description The id of the envelope the provider did create (ConsignO Cloud: the workflow id) */
                        providerReference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fetch this envelope’s state from its provider now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync every envelope at a provider (a job)
         * @description Returns the job; follow its `progress` at GET /api/v1/jobs/{jobId}. A sync already under way is returned instead of starting another.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            state: "created" | "active" | "retry" | "completed" | "dead";
                            attempts: number;
                            progress: unknown;
                            result: unknown;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A background job’s state and progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    jobId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            state: "created" | "active" | "retry" | "completed" | "dead";
                            attempts: number;
                            progress: unknown;
                            result: unknown;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a sent envelope (a job)
         * @description Checked at once (409 for the wrong status, 422 naming the capability the provider lacks), then run as a job: the answer (202) is the job, followed at GET /api/v1/jobs/{jobId}; its `lastError` says why it failed. Asking again while it waits or runs returns the same job. Once done, the envelope is `withdrawn` with the reason as its `statusReason`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: null | string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            state: "created" | "active" | "retry" | "completed" | "dead";
                            attempts: number;
                            progress: unknown;
                            result: unknown;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/remind": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remind the participants whose turn it is (a job)
         * @description Checked at once (409 for the wrong status, 422 naming the capability the provider lacks), then run as a job: the answer (202) is the job, followed at GET /api/v1/jobs/{jobId}; its `lastError` says why it failed. Asking again while it waits or runs returns the same job. Once done, the history has an `envelope-reminded` event naming them.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            state: "created" | "active" | "retry" | "completed" | "dead";
                            attempts: number;
                            progress: unknown;
                            result: unknown;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/extend-expiry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the expiry of a sent envelope later (a job)
         * @description Checked at once (409 for the wrong status, 422 naming the capability the provider lacks), then run as a job: the answer (202) is the job, followed at GET /api/v1/jobs/{jobId}; its `lastError` says why it failed. Asking again while it waits or runs returns the same job. Needs the provider capability `expiryChange`; `expiresAt` must be in the future and after the current expiry.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @example 2026-11-23T10:00:00.000Z
                         */
                        expiresAt: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            state: "created" | "active" | "retry" | "completed" | "dead";
                            attempts: number;
                            progress: unknown;
                            result: unknown;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/skip-pending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a sent envelope without the participants who have not acted (a job)
         * @description Checked at once (409 for the wrong status, 422 naming the capability the provider lacks), then run as a job: the answer (202) is the job, followed at GET /api/v1/jobs/{jobId}; its `lastError` says why it failed. Asking again while it waits or runs returns the same job. Needs the provider capability `skipPending`; the provider marks them skipped, and a sync brings that here.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            state: "created" | "active" | "retry" | "completed" | "dead";
                            attempts: number;
                            progress: unknown;
                            result: unknown;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Try again now to archive a completed envelope’s signed files
         * @description For a completed envelope whose `archive.status` is `pending` or `failed`: an attempt is queued at once (202, the envelope with `archive.nextAttemptAt` now); follow `archive` on the envelope. If it fails again, `archive.lastError` says why and the schedule goes on (a `failed` archive stays failed). 409 when the envelope is not completed or its files are archived already.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            title: string;
                            message: null | string;
                            language: null | string;
                            connectionId: null | string;
                            /** @enum {string} */
                            status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                            statusReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            expiresAt: null | string;
                            externalRef: null | string;
                            metadata: null | {
                                [key: string]: string;
                            };
                            provider: null | string;
                            providerReference: null | string;
                            documents: {
                                /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                filename: string;
                                /** @description Detected from the content. */
                                mediaType: string;
                                /** @description Bytes */
                                size: number;
                                sha256: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /** @description The user who created it; null for an installation key */
                                createdBy?: null | string;
                                /** @enum {string} */
                                visibility?: "private" | "shared";
                            }[];
                            participants: {
                                /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                firstName: string;
                                lastName: string;
                                email: string;
                                phone: null | string;
                                /** @enum {string} */
                                role: "signer" | "approver" | "viewer" | "receiver";
                                step: number;
                                authentication: ({
                                    /** @enum {string} */
                                    method: "email-link" | "sms" | "call";
                                } | {
                                    /** @enum {string} */
                                    method: "secret";
                                    question: string;
                                    /** @description The answer is stored (encrypted); it is never returned. */
                                    answerSet: boolean;
                                } | {
                                    /** @enum {string} */
                                    method: "eid";
                                    scheme: string;
                                })[];
                                /** @enum {null|string} */
                                signatureLevel: "basic" | "advanced" | "qualified" | null;
                                language: null | string;
                                delivery: {
                                    /** @enum {string} */
                                    mode: "email";
                                } | {
                                    /** @enum {string} */
                                    mode: "embedded";
                                    returnUrl: string;
                                };
                                fields: ({
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /** @description 1-based; at most the document’s `pageCount` */
                                    page: number;
                                    /** @description PDF points (1/72 inch) from the left edge */
                                    left: number;
                                    /** @description PDF points from the top edge */
                                    top: number;
                                    width: number;
                                    height: number;
                                } | {
                                    /** @enum {string} */
                                    type: "signature" | "text" | "date" | "initials";
                                    /** @description A document of this envelope */
                                    documentId: string;
                                    /**
                                     * @description Text in the document the box is placed at
                                     * @example [[sign-1]]
                                     */
                                    anchor: string;
                                    /** @description Only these pages are searched */
                                    pages?: number[];
                                    /** @description PDF points right of the text */
                                    offsetX?: number;
                                    /** @description PDF points below the text */
                                    offsetY?: number;
                                })[];
                                /** @enum {string} */
                                status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                rejectionReason: null | string;
                                signingUrl: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                notifiedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                viewedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                completedAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                rejectedAt: null | string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The user who created it; null for an installation key */
                            createdBy?: null | string;
                            /** @enum {string} */
                            visibility?: "private" | "shared";
                            events: {
                                /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example envelope-created */
                                type: string;
                                source: string;
                                /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                actor: null | {
                                    /** @enum {string} */
                                    kind: "user" | "key" | "environment";
                                    /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                    name: string;
                                };
                                participantId: null | string;
                                detail: null | {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                            sendDecision: null | {
                                /** @enum {boolean} */
                                needed: true;
                                /** @description What is known: the provider adapter’s account of the lost outcome */
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                since: string;
                            };
                            /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                            archive: null | {
                                /** @enum {string} */
                                status: "pending" | "archived" | "failed";
                                /** @description Attempts made so far, a person’s “try again” included */
                                attemptCount: number;
                                /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due; null once archived or failed
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When every signed file (and the audit proof) was stored
                                 */
                                archivedAt: null | string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Signed documents and audit proofs fetched from the provider
         * @description Named for people: a signed document `<original name without extension>-signed.pdf` with `documentId` its original (when the provider’s answer ties them), an audit proof `<envelope title>-audit-proof.<format>` (XML from Connective, PDF from ConsignO). Names are unique within the envelope.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example art_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @enum {string} */
                                kind: "signed" | "audit";
                                filename: string;
                                mediaType: string;
                                size: number;
                                sha256: string;
                                documentId: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/artifacts/{artifactId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a signed document or audit proof
         * @description Saved under the listed `filename` (Content-Disposition with an RFC 5987 `filename*` for names beyond ASCII).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                    /** @example art_… */
                    artifactId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file, streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Blob;
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/artifacts.zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download every signed document, the audit proof and the completion certificate as one ZIP
         * @description Streamed as it is written. The entries are named as GET …/artifacts lists them, plus `<envelope title>-completion-certificate.html`; the ZIP is `<envelope title>-signed-files.zip`. 409 while the envelope is not completed or its signed files are not archived yet (`archive.status`).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ZIP, streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/zip": Blob;
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The completion certificate: who signed, when, how they were identified, and the documents’ SHA-256
         * @description A printable HTML page (print it to PDF from a browser) for every provider: the envelope and the provider’s reference; each participant’s role, outcome and its time, the identity checks the envelope asked for, the provider’s reference of them; each document’s original and signed SHA-256; the audit proof where the provider has one. 409 before the envelope is completed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An HTML page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                email: string;
                                /**
                                 * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                                 * @enum {string}
                                 */
                                role: "owner" | "admin" | "member" | "viewer";
                                /**
                                 * @description `invited` until the person sets a password through their link
                                 * @enum {string}
                                 */
                                status: "invited" | "active";
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                lastSignInAt: null | string;
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `users:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite a user
         * @description Adds the person with a role and returns a one-time invitation link (valid 7 days) to hand to them: no mail is sent. Opening it, they set a password and are signed in. Only owners may invite owners.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @example james.dawson@example.com
                         */
                        email: string;
                        /**
                         * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                         * @enum {string}
                         */
                        role: "owner" | "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                email: string;
                                /**
                                 * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                                 * @enum {string}
                                 */
                                role: "owner" | "admin" | "member" | "viewer";
                                /**
                                 * @description `invited` until the person sets a password through their link
                                 * @enum {string}
                                 */
                                status: "invited" | "active";
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                lastSignInAt: null | string;
                            };
                            invitation: {
                                /** @description The one-time link to hand to the invitee (no mail is sent). Shown this once; only its hash is kept. */
                                url: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                expiresAt: string;
                            };
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `users:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a user
         * @description Ends their sessions and revokes their API keys. Only owners may remove an owner; the last owner cannot be removed.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example acc_… */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            email: string;
                            /**
                             * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                             * @enum {string}
                             */
                            role: "owner" | "admin" | "member" | "viewer";
                            /**
                             * @description `invited` until the person sets a password through their link
                             * @enum {string}
                             */
                            status: "invited" | "active";
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            lastSignInAt: null | string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `users:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a user’s role
         * @description Their API keys follow at once. Only owners may change an owner or make someone owner; the last owner cannot be demoted.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example acc_… */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                         * @enum {string}
                         */
                        role: "owner" | "admin" | "member" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            email: string;
                            /**
                             * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                             * @enum {string}
                             */
                            role: "owner" | "admin" | "member" | "viewer";
                            /**
                             * @description `invited` until the person sets a password through their link
                             * @enum {string}
                             */
                            status: "invited" | "active";
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            lastSignInAt: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `users:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/users/{userId}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new invitation link
         * @description For someone who has not accepted yet; their earlier link stops working.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example acc_… */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** @example acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                email: string;
                                /**
                                 * @description owner: everything, including owners · admin: connections, keys, webhooks, users, every envelope · member: own and shared envelopes and documents, send · viewer: read own and shared
                                 * @enum {string}
                                 */
                                role: "owner" | "admin" | "member" | "viewer";
                                /**
                                 * @description `invited` until the person sets a password through their link
                                 * @enum {string}
                                 */
                                status: "invited" | "active";
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                lastSignInAt: null | string;
                            };
                            invitation: {
                                /** @description The one-time link to hand to the invitee (no mail is sent). Shown this once; only its hash is kept. */
                                url: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                expiresAt: string;
                            };
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `users:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first
         * @description Who created, changed, rotated or deleted connections, API keys and users, and who sent, withdrew or deleted which envelope. Append-only. Cursor pagination as elsewhere.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                occurredAt: string;
                                actor: {
                                    /** @enum {string} */
                                    type: "user" | "key" | "environment";
                                    /** @description A user id, a key id, or `env` (COUNTERSIGN_API_KEY) */
                                    id: string;
                                    /** @description The email or key name at the time */
                                    name: string;
                                    /** @description For a key: the user it acts for */
                                    accountId: null | string;
                                };
                                /**
                                 * @example connection.created
                                 * @example key.revoked
                                 * @example user.invited
                                 * @example envelope.sent
                                 */
                                action: string;
                                targetId: null | string;
                                targetName: null | string;
                                requestId: null | string;
                            }[];
                            nextCursor: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `audit:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The events feed, oldest first
         * @description Every change a host application hears about (envelope.*, participant.*, artifact.archived, connection.*), immutable, in the order the changes committed; an event is recorded in the transaction of its change, so none is ever lost or invented. Poll with `after` = the `nextCursor` of the previous answer; `hasMore` says whether to ask again at once. Kept for COUNTERSIGN_EVENT_RETENTION_DAYS (30). Members and viewers see the events of the envelopes they may see; admins and owners every event, connection events included. See docs/webhooks.md.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An event id (the nextCursor of the previous answer): only the events after it */
                    after?: string;
                    /** @description Comma-separated event types, e.g. envelope.completed,participant.signed. One of: envelope.sending, envelope.sent, envelope.completed, envelope.rejected, envelope.withdrawn, envelope.expired, envelope.failed, envelope.deleted, participant.waiting, participant.notified, participant.viewed, participant.signed, participant.approved, participant.completed, participant.rejected, participant.skipped, artifact.archived, connection.healthy, connection.unhealthy */
                    types?: string;
                    /** @description Only the events of this envelope */
                    envelopeId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example ev_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @enum {string} */
                                type: "envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy";
                                /**
                                 * Format: date-time
                                 * @description When Countersign recorded the change (it committed at this moment)
                                 */
                                occurredAt: string;
                                /** @description The envelope the event is about; null for connection.* events */
                                envelopeId: null | string;
                                /** @description The resource the event is about, as the API answers it, and for an envelope’s events its externalRef and metadata */
                                data: {
                                    /** @description The envelope’s externalRef (envelope.*, participant.*, artifact.*) */
                                    externalRef?: null | string;
                                    /** @description The envelope’s metadata (envelope.*, participant.*, artifact.*) */
                                    metadata?: null | {
                                        [key: string]: string;
                                    };
                                    /** @description envelope.*: the envelope as GET /api/v1/envelopes/{envelopeId} answers it once the change committed */
                                    envelope?: {
                                        /** @example env_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                        id: string;
                                        title: string;
                                        message: null | string;
                                        language: null | string;
                                        connectionId: null | string;
                                        /** @enum {string} */
                                        status: "draft" | "ready" | "sending" | "sent" | "completed" | "rejected" | "withdrawn" | "expired" | "failed" | "deleted";
                                        statusReason: null | string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        expiresAt: null | string;
                                        externalRef: null | string;
                                        metadata: null | {
                                            [key: string]: string;
                                        };
                                        provider: null | string;
                                        providerReference: null | string;
                                        documents: {
                                            /** @example doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                            id: string;
                                            filename: string;
                                            /** @description Detected from the content. */
                                            mediaType: string;
                                            /** @description Bytes */
                                            size: number;
                                            sha256: string;
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            createdAt: string;
                                            /** @description The user who created it; null for an installation key */
                                            createdBy?: null | string;
                                            /** @enum {string} */
                                            visibility?: "private" | "shared";
                                        }[];
                                        participants: {
                                            /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                            id: string;
                                            firstName: string;
                                            lastName: string;
                                            email: string;
                                            phone: null | string;
                                            /** @enum {string} */
                                            role: "signer" | "approver" | "viewer" | "receiver";
                                            step: number;
                                            authentication: ({
                                                /** @enum {string} */
                                                method: "email-link" | "sms" | "call";
                                            } | {
                                                /** @enum {string} */
                                                method: "secret";
                                                question: string;
                                                /** @description The answer is stored (encrypted); it is never returned. */
                                                answerSet: boolean;
                                            } | {
                                                /** @enum {string} */
                                                method: "eid";
                                                scheme: string;
                                            })[];
                                            /** @enum {null|string} */
                                            signatureLevel: "basic" | "advanced" | "qualified" | null;
                                            language: null | string;
                                            delivery: {
                                                /** @enum {string} */
                                                mode: "email";
                                            } | {
                                                /** @enum {string} */
                                                mode: "embedded";
                                                returnUrl: string;
                                            };
                                            fields: ({
                                                /** @enum {string} */
                                                type: "signature" | "text" | "date" | "initials";
                                                /** @description A document of this envelope */
                                                documentId: string;
                                                /** @description 1-based; at most the document’s `pageCount` */
                                                page: number;
                                                /** @description PDF points (1/72 inch) from the left edge */
                                                left: number;
                                                /** @description PDF points from the top edge */
                                                top: number;
                                                width: number;
                                                height: number;
                                            } | {
                                                /** @enum {string} */
                                                type: "signature" | "text" | "date" | "initials";
                                                /** @description A document of this envelope */
                                                documentId: string;
                                                /**
                                                 * @description Text in the document the box is placed at
                                                 * @example [[sign-1]]
                                                 */
                                                anchor: string;
                                                /** @description Only these pages are searched */
                                                pages?: number[];
                                                /** @description PDF points right of the text */
                                                offsetX?: number;
                                                /** @description PDF points below the text */
                                                offsetY?: number;
                                            })[];
                                            /** @enum {string} */
                                            status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                            rejectionReason: null | string;
                                            signingUrl: null | string;
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            notifiedAt: null | string;
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            viewedAt: null | string;
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            completedAt: null | string;
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            rejectedAt: null | string;
                                        }[];
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        createdAt: string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        updatedAt: string;
                                        /** @description The user who created it; null for an installation key */
                                        createdBy?: null | string;
                                        /** @enum {string} */
                                        visibility?: "private" | "shared";
                                        events: {
                                            /** @example evt_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                            id: string;
                                            /** @example envelope-created */
                                            type: string;
                                            source: string;
                                            /** @description Who asked for the change; null for a provider’s news, a sync or a step the server took itself */
                                            actor: null | {
                                                /** @enum {string} */
                                                kind: "user" | "key" | "environment";
                                                /** @description The person’s email, the API key’s name, or COUNTERSIGN_API_KEY */
                                                name: string;
                                            };
                                            participantId: null | string;
                                            detail: null | {
                                                [key: string]: unknown;
                                            };
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            occurredAt: string;
                                        }[];
                                        /** @description A person must choose: resend, or mark sent with the id the provider has (POST /api/v1/envelopes/{envelopeId}/send-decision) */
                                        sendDecision: null | {
                                            /** @enum {boolean} */
                                            needed: true;
                                            /** @description What is known: the provider adapter’s account of the lost outcome */
                                            reason: string;
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            since: string;
                                        };
                                        /** @description Whether the signed files are stored here (GET /api/v1/envelopes/{envelopeId}/artifacts). `pending`: not yet, retried on a schedule of about 4 days (`nextAttemptAt`); `archived`: stored; `failed`: the schedule ran out, `lastError` says why — fix it, then POST /api/v1/envelopes/{envelopeId}/archive */
                                        archive: null | {
                                            /** @enum {string} */
                                            status: "pending" | "archived" | "failed";
                                            /** @description Attempts made so far, a person’s “try again” included */
                                            attemptCount: number;
                                            /** @description Why the last attempt failed, and what to do; null before a failure and once archived */
                                            lastError: null | string;
                                            /**
                                             * Format: date-time
                                             * @description When the next attempt is due; null once archived or failed
                                             */
                                            nextAttemptAt: null | string;
                                            /**
                                             * Format: date-time
                                             * @description When every signed file (and the audit proof) was stored
                                             */
                                            archivedAt: null | string;
                                        };
                                    };
                                    /** @description participant.*: the participant as the envelope lists it once the change committed */
                                    participant?: {
                                        /** @example par_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                        id: string;
                                        firstName: string;
                                        lastName: string;
                                        email: string;
                                        phone: null | string;
                                        /** @enum {string} */
                                        role: "signer" | "approver" | "viewer" | "receiver";
                                        step: number;
                                        authentication: ({
                                            /** @enum {string} */
                                            method: "email-link" | "sms" | "call";
                                        } | {
                                            /** @enum {string} */
                                            method: "secret";
                                            question: string;
                                            /** @description The answer is stored (encrypted); it is never returned. */
                                            answerSet: boolean;
                                        } | {
                                            /** @enum {string} */
                                            method: "eid";
                                            scheme: string;
                                        })[];
                                        /** @enum {null|string} */
                                        signatureLevel: "basic" | "advanced" | "qualified" | null;
                                        language: null | string;
                                        delivery: {
                                            /** @enum {string} */
                                            mode: "email";
                                        } | {
                                            /** @enum {string} */
                                            mode: "embedded";
                                            returnUrl: string;
                                        };
                                        fields: ({
                                            /** @enum {string} */
                                            type: "signature" | "text" | "date" | "initials";
                                            /** @description A document of this envelope */
                                            documentId: string;
                                            /** @description 1-based; at most the document’s `pageCount` */
                                            page: number;
                                            /** @description PDF points (1/72 inch) from the left edge */
                                            left: number;
                                            /** @description PDF points from the top edge */
                                            top: number;
                                            width: number;
                                            height: number;
                                        } | {
                                            /** @enum {string} */
                                            type: "signature" | "text" | "date" | "initials";
                                            /** @description A document of this envelope */
                                            documentId: string;
                                            /**
                                             * @description Text in the document the box is placed at
                                             * @example [[sign-1]]
                                             */
                                            anchor: string;
                                            /** @description Only these pages are searched */
                                            pages?: number[];
                                            /** @description PDF points right of the text */
                                            offsetX?: number;
                                            /** @description PDF points below the text */
                                            offsetY?: number;
                                        })[];
                                        /** @enum {string} */
                                        status: "pending" | "waiting" | "notified" | "viewed" | "completed" | "rejected" | "skipped";
                                        rejectionReason: null | string;
                                        signingUrl: null | string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        notifiedAt: null | string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        viewedAt: null | string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        completedAt: null | string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        rejectedAt: null | string;
                                    };
                                    /** @description artifact.archived: the stored file, as GET /api/v1/envelopes/{envelopeId}/artifacts lists it */
                                    artifact?: {
                                        /** @example art_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                        id: string;
                                        /** @enum {string} */
                                        kind: "signed" | "audit";
                                        filename: string;
                                        mediaType: string;
                                        size: number;
                                        sha256: string;
                                        documentId: null | string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        createdAt: string;
                                    };
                                    /** @description connection.*: the connection as GET /api/v1/connections/{connectionId} answers it, without callbackUrl and usage */
                                    connection?: {
                                        /** @example con_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                        id: string;
                                        /** @example autenti */
                                        provider: string;
                                        name: string;
                                        /** @description production, test, sandbox, or custom */
                                        environment: string;
                                        baseUrl: string;
                                        /** @description The non-secret credentials, e.g. clientId and accountEmail */
                                        settings: {
                                            [key: string]: string;
                                        };
                                        /** @description Register this public key at the provider (Autenti: Integration settings → Public key) */
                                        publicJwk: null | {
                                            [key: string]: unknown;
                                        };
                                        /** @description Whether Countersign subscribed the provider account to its events (Autenti /applications/callbacks, on a healthy verify and again after a key rotation or settings change). subscribed: nothing to paste; manual: paste callbackUrl at the provider (the client lacks the scope); pending: subscribes at the next verify; error: the last attempt failed, retried at the next verify. null: the provider takes the callback URL per envelope or has no callbacks */
                                        callbackSubscription: null | {
                                            /** @enum {string} */
                                            status: "subscribed" | "manual" | "pending" | "error";
                                            /** @description The provider’s subscription id, e.g. CALLBACK:… */
                                            id: null | string;
                                            /** @description What the status means for the admin */
                                            detail: string;
                                        };
                                        isDefault: boolean;
                                        health: {
                                            /**
                                             * @example ok
                                             * @example error
                                             * @example unknown
                                             */
                                            status: string;
                                            detail: null | string;
                                            /**
                                             * Format: date-time
                                             * @example 2026-11-23T10:00:00.000Z
                                             */
                                            checkedAt: null | string;
                                        };
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        createdAt: string;
                                        /**
                                         * Format: date-time
                                         * @example 2026-11-23T10:00:00.000Z
                                         */
                                        updatedAt: string;
                                    };
                                };
                            }[];
                            /** @description Pass as `after` next time: the last event returned, or your `after` when nothing was new; null only before the first event */
                            nextCursor: null | string;
                            /** @description More events are waiting: ask again at once. false: you are at the end; poll again later */
                            hasMore: boolean;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                url: string;
                                description: null | string;
                                /** @description The event types sent; null: every type */
                                events: null | ("envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy")[];
                                enabled: boolean;
                                /** @description Why it is disabled, for its owner: a 410 Gone, every attempt failing for 5 days, or a request. null while enabled */
                                disabledReason: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                disabledAt: null | string;
                                /**
                                 * Format: date-time
                                 * @description When its current run of failed attempts began; null when the last attempt was delivered
                                 */
                                failingSince: null | string;
                                /**
                                 * Format: date-time
                                 * @description After a rotation: until when deliveries are signed with the replaced secret too; null outside that overlap
                                 */
                                previousSecretExpiresAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a webhook endpoint
         * @description Events of the types in `events` (all when absent) are POSTed to `url` as Standard Webhooks, signed with the endpoint’s secret. The answer carries the secret (`whsec_…`) this one time only; it is kept encrypted and never shown again (rotate it for a new one). See docs/webhooks.md for the headers, the retries and how to verify a signature.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Where deliveries are POSTed: https to a public address. Private, loopback and link-local addresses, `localhost`, credentials in the URL and plain http are refused (422) unless the operator opened them with COUNTERSIGN_ALLOW_PRIVATE_URLS; the address is checked again at every delivery.
                         * @example https://crm.example.com/hooks/countersign
                         */
                        url: string;
                        events?: null | ("envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy")[];
                        description?: null | string;
                        /** @default true */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            url: string;
                            description: null | string;
                            /** @description The event types sent; null: every type */
                            events: null | ("envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy")[];
                            enabled: boolean;
                            /** @description Why it is disabled, for its owner: a 410 Gone, every attempt failing for 5 days, or a request. null while enabled */
                            disabledReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            disabledAt: null | string;
                            /**
                             * Format: date-time
                             * @description When its current run of failed attempts began; null when the last attempt was delivered
                             */
                            failingSince: null | string;
                            /**
                             * Format: date-time
                             * @description After a rotation: until when deliveries are signed with the replaced secret too; null outside that overlap
                             */
                            previousSecretExpiresAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The signing secret (Standard Webhooks: whsec_ and base64 of 32 random bytes). Shown this once; store it now. Verify deliveries with it (docs/webhooks.md). */
                            secret: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint (never its secret)
         * @description A disabled endpoint says why in `disabledReason` (a 410 Gone answer, every attempt failing for 5 days, or a request) and since when (`disabledAt`).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example whe_… */
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            url: string;
                            description: null | string;
                            /** @description The event types sent; null: every type */
                            events: null | ("envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy")[];
                            enabled: boolean;
                            /** @description Why it is disabled, for its owner: a 410 Gone, every attempt failing for 5 days, or a request. null while enabled */
                            disabledReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            disabledAt: null | string;
                            /**
                             * Format: date-time
                             * @description When its current run of failed attempts began; null when the last attempt was delivered
                             */
                            failingSince: null | string;
                            /**
                             * Format: date-time
                             * @description After a rotation: until when deliveries are signed with the replaced secret too; null outside that overlap
                             */
                            previousSecretExpiresAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Nothing more is sent to it; its delivery log goes with it.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example whe_… */
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description A new `url` follows the rules of creation. `enabled: true` enables a disabled endpoint again (new events are delivered; redeliver what it missed); `enabled: false` disables it and gives up on its pending deliveries.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example whe_… */
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Where deliveries are POSTed: https to a public address. Private, loopback and link-local addresses, `localhost`, credentials in the URL and plain http are refused (422) unless the operator opened them with COUNTERSIGN_ALLOW_PRIVATE_URLS; the address is checked again at every delivery.
                         * @example https://crm.example.com/hooks/countersign
                         */
                        url?: string;
                        events?: null | ("envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy")[];
                        description?: null | string;
                        /** @description true enables a disabled endpoint again (clearing disabledReason); false disables it and gives up on its pending deliveries */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            url: string;
                            description: null | string;
                            /** @description The event types sent; null: every type */
                            events: null | ("envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy")[];
                            enabled: boolean;
                            /** @description Why it is disabled, for its owner: a 410 Gone, every attempt failing for 5 days, or a request. null while enabled */
                            disabledReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            disabledAt: null | string;
                            /**
                             * Format: date-time
                             * @description When its current run of failed attempts began; null when the last attempt was delivered
                             */
                            failingSince: null | string;
                            /**
                             * Format: date-time
                             * @description After a rotation: until when deliveries are signed with the replaced secret too; null outside that overlap
                             */
                            previousSecretExpiresAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Valid request that cannot be carried out as given */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the endpoint’s signing secret
         * @description Answers the new secret this one time. For 24 hours (`previousSecretExpiresAt`) every delivery carries two signatures in `webhook-signature`, one per secret, so the receiver keeps verifying while you deploy the new secret; after that, only the new one signs.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example whe_… */
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            url: string;
                            description: null | string;
                            /** @description The event types sent; null: every type */
                            events: null | ("envelope.sending" | "envelope.sent" | "envelope.completed" | "envelope.rejected" | "envelope.withdrawn" | "envelope.expired" | "envelope.failed" | "envelope.deleted" | "participant.waiting" | "participant.notified" | "participant.viewed" | "participant.signed" | "participant.approved" | "participant.completed" | "participant.rejected" | "participant.skipped" | "artifact.archived" | "connection.healthy" | "connection.unhealthy")[];
                            enabled: boolean;
                            /** @description Why it is disabled, for its owner: a 410 Gone, every attempt failing for 5 days, or a request. null while enabled */
                            disabledReason: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            disabledAt: null | string;
                            /**
                             * Format: date-time
                             * @description When its current run of failed attempts began; null when the last attempt was delivered
                             */
                            failingSince: null | string;
                            /**
                             * Format: date-time
                             * @description After a rotation: until when deliveries are signed with the replaced secret too; null outside that overlap
                             */
                            previousSecretExpiresAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            updatedAt: string;
                            /** @description The signing secret (Standard Webhooks: whsec_ and base64 of 32 random bytes). Shown this once; store it now. Verify deliveries with it (docs/webhooks.md). */
                            secret: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpointId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test `ping` event to this endpoint
         * @description A `ping` event (`{"id":"ev_…","type":"ping","occurredAt":"…","envelopeId":null,"data":{"endpointId":"whe_…","message":"…"}}`) is delivered to this endpoint alone, signed and retried like any delivery; follow it in the delivery log. 409 while the endpoint is disabled.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example whe_… */
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example whd_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            endpointId: string;
                            /** @description The event sent, and the `webhook-id` header of every attempt: the same on retries and redeliveries */
                            eventId: string;
                            /**
                             * @example envelope.completed
                             * @example ping
                             */
                            eventType: string;
                            envelopeId: null | string;
                            /**
                             * @description `pending`: not delivered yet, attempts left (`nextAttemptAt`); `delivered`: a 2xx came back; `failed`: given up on (`lastError` says why); redeliver it to try again
                             * @enum {string}
                             */
                            status: "pending" | "delivered" | "failed";
                            attemptCount: number;
                            /**
                             * Format: date-time
                             * @description When the next attempt is due (later if an earlier event of the same envelope is still pending); null once finished
                             */
                            nextAttemptAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            lastAttemptAt: null | string;
                            lastStatusCode: null | number;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            deliveredAt: null | string;
                            /** @description The delivery this one sends again, when made by a redeliver */
                            redeliveryOf: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            attempts: {
                                number: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                attemptedAt: string;
                                /** @description From the request to the end of the answer (or the failure) */
                                durationMs: number;
                                /** @description The answer’s HTTP status; null when there was no answer */
                                statusCode: null | number;
                                /** @description Why there was no answer: a timeout, a refused connection, the outbound guard */
                                error: null | string;
                                /** @description The first 2 KiB of the answer’s body */
                                responseSnippet: null | string;
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The endpoint’s delivery log, newest first
         * @description Each delivery with its status, next attempt and every attempt (time, duration, status code or error, the first 2 KiB of the answer). Cursor pagination as elsewhere.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    status?: "pending" | "delivered" | "failed";
                    /** @description Only the deliveries of this envelope’s events */
                    envelopeId?: string;
                };
                header?: never;
                path: {
                    /** @example whe_… */
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example whd_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                endpointId: string;
                                /** @description The event sent, and the `webhook-id` header of every attempt: the same on retries and redeliveries */
                                eventId: string;
                                /**
                                 * @example envelope.completed
                                 * @example ping
                                 */
                                eventType: string;
                                envelopeId: null | string;
                                /**
                                 * @description `pending`: not delivered yet, attempts left (`nextAttemptAt`); `delivered`: a 2xx came back; `failed`: given up on (`lastError` says why); redeliver it to try again
                                 * @enum {string}
                                 */
                                status: "pending" | "delivered" | "failed";
                                attemptCount: number;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due (later if an earlier event of the same envelope is still pending); null once finished
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                lastAttemptAt: null | string;
                                lastStatusCode: null | number;
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                deliveredAt: null | string;
                                /** @description The delivery this one sends again, when made by a redeliver */
                                redeliveryOf: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                attempts: {
                                    number: number;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    attemptedAt: string;
                                    /** @description From the request to the end of the answer (or the failure) */
                                    durationMs: number;
                                    /** @description The answer’s HTTP status; null when there was no answer */
                                    statusCode: null | number;
                                    /** @description Why there was no answer: a timeout, a refused connection, the outbound guard */
                                    error: null | string;
                                    /** @description The first 2 KiB of the answer’s body */
                                    responseSnippet: null | string;
                                }[];
                            }[];
                            nextCursor: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivered or failed delivery again
         * @description A new delivery of the same event, with the same `webhook-id` and a fresh retry schedule, after any event of the same envelope still waiting. 409 while the delivery is still pending, while the endpoint is disabled, or once the event is no longer kept (COUNTERSIGN_EVENT_RETENTION_DAYS).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example whe_… */
                    endpointId: string;
                    /** @example whd_… */
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example whd_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            id: string;
                            /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                            endpointId: string;
                            /** @description The event sent, and the `webhook-id` header of every attempt: the same on retries and redeliveries */
                            eventId: string;
                            /**
                             * @example envelope.completed
                             * @example ping
                             */
                            eventType: string;
                            envelopeId: null | string;
                            /**
                             * @description `pending`: not delivered yet, attempts left (`nextAttemptAt`); `delivered`: a 2xx came back; `failed`: given up on (`lastError` says why); redeliver it to try again
                             * @enum {string}
                             */
                            status: "pending" | "delivered" | "failed";
                            attemptCount: number;
                            /**
                             * Format: date-time
                             * @description When the next attempt is due (later if an earlier event of the same envelope is still pending); null once finished
                             */
                            nextAttemptAt: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            lastAttemptAt: null | string;
                            lastStatusCode: null | number;
                            lastError: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            deliveredAt: null | string;
                            /** @description The delivery this one sends again, when made by a redeliver */
                            redeliveryOf: null | string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T10:00:00.000Z
                             */
                            createdAt: string;
                            attempts: {
                                number: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                attemptedAt: string;
                                /** @description From the request to the end of the answer (or the failure) */
                                durationMs: number;
                                /** @description The answer’s HTTP status; null when there was no answer */
                                statusCode: null | number;
                                /** @description Why there was no answer: a timeout, a refused connection, the outbound guard */
                                error: null | string;
                                /** @description The first 2 KiB of the answer’s body */
                                responseSnippet: null | string;
                            }[];
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not allowed in the current status */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook deliveries of an envelope’s events, to every endpoint, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @example whd_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                id: string;
                                /** @example whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C */
                                endpointId: string;
                                /** @description The event sent, and the `webhook-id` header of every attempt: the same on retries and redeliveries */
                                eventId: string;
                                /**
                                 * @example envelope.completed
                                 * @example ping
                                 */
                                eventType: string;
                                envelopeId: null | string;
                                /**
                                 * @description `pending`: not delivered yet, attempts left (`nextAttemptAt`); `delivered`: a 2xx came back; `failed`: given up on (`lastError` says why); redeliver it to try again
                                 * @enum {string}
                                 */
                                status: "pending" | "delivered" | "failed";
                                attemptCount: number;
                                /**
                                 * Format: date-time
                                 * @description When the next attempt is due (later if an earlier event of the same envelope is still pending); null once finished
                                 */
                                nextAttemptAt: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                lastAttemptAt: null | string;
                                lastStatusCode: null | number;
                                lastError: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                deliveredAt: null | string;
                                /** @description The delivery this one sends again, when made by a redeliver */
                                redeliveryOf: null | string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T10:00:00.000Z
                                 */
                                createdAt: string;
                                attempts: {
                                    number: number;
                                    /**
                                     * Format: date-time
                                     * @example 2026-11-23T10:00:00.000Z
                                     */
                                    attemptedAt: string;
                                    /** @description From the request to the end of the answer (or the failure) */
                                    durationMs: number;
                                    /** @description The answer’s HTTP status; null when there was no answer */
                                    statusCode: null | number;
                                    /** @description Why there was no answer: a timeout, a refused connection, the outbound guard */
                                    error: null | string;
                                    /** @description The first 2 KiB of the answer’s body */
                                    responseSnippet: null | string;
                                }[];
                            }[];
                            nextCursor: null | string;
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `webhooks:admin` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/envelopes/{envelopeId}/visibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Share an envelope with everyone, or make it private
         * @description `private`: seen by its creator and by admins and owners. `shared`: seen (and worked on) by every member and viewer too. Only its creator or an admin may change it.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example env_… */
                    envelopeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description `private`: its creator and admins; `shared`: everyone who may read envelopes and documents
                         * @enum {string}
                         */
                        visibility: "private" | "shared";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            visibility: "private" | "shared";
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `envelopes:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{documentId}/visibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Share a document with everyone, or make it private
         * @description `private`: seen by its creator and by admins and owners. `shared`: seen (and worked on) by every member and viewer too. Only its creator or an admin may change it.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example doc_… */
                    documentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description `private`: its creator and admins; `shared`: everyone who may read envelopes and documents
                         * @enum {string}
                         */
                        visibility: "private" | "shared";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            visibility: "private" | "shared";
                        };
                    };
                };
                /** @description Malformed request */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Missing or invalid API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Lacks the scope `documents:write` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description A relative URI; GET it for a description of the problem type. */
                            type: string;
                            title: string;
                            status: number;
                            /** @description What went wrong and what to do about it, for people. */
                            detail: string;
                            instance: string;
                            requestId: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                            currentStatus?: string;
                            /** @description For a 403 `forbidden`: the scope the operation needs */
                            requiredScope?: string;
                            /** @description For a 422 `provider-refused` by capability: the capability the provider lacks, e.g. `withdraw` (see GET /api/v1/providers) */
                            capability?: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
