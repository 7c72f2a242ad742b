/**
 * What stands in front of the API for every request before any service sees it: the Host allow-list
 * (DNS rebinding), the cross-site and CORS rules (browser pages), the optional SigV4 signature
 * check, and the per-connection deadline (slow clients). Decisions are pure classes; {@link
 * io.kecs.http.guard.GuardHandler} applies them and answers refusals in the caller's protocol.
 */
package io.kecs.http.guard;
