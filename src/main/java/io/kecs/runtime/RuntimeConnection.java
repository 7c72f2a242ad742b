package io.kecs.runtime;

/**
 * Whether a runtime's control plane answers now (for {@code /_kecs/status} and the dashboard), as
 * opposed to merely being configured.
 *
 * @param endpoint where the runtime talks to (the API server's URL)
 * @param reachable whether it answered the last check
 * @param detail what it answered (a version) or why it did not
 */
public record RuntimeConnection(String endpoint, boolean reachable, String detail) {}
