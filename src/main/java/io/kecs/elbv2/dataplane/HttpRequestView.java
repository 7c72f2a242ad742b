package io.kecs.elbv2.dataplane;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What listener rules look at in a request.
 *
 * @param host the Host header without its port
 * @param path the path, still percent-encoded as sent
 * @param headers by lower-case name, every value
 * @param query the query string's pairs, decoded, in order (a key without {@code =} has value "")
 * @param source the client's address (not X-Forwarded-For: ELBv2 matches the connection's)
 */
record HttpRequestView(
    String host,
    String path,
    String method,
    Map<String, List<String>> headers,
    List<Map.Entry<String, String>> query,
    InetAddress source) {}
