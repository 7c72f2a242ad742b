package io.kecs.server;

import io.kecs.http.guard.ConnectionDeadlines;
import io.kecs.http.guard.CredentialsFile;
import io.kecs.http.guard.GuardHandler;
import io.kecs.http.guard.HostPolicy;
import io.kecs.http.guard.OriginPolicy;
import io.kecs.http.guard.SignatureVerifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.ServerConnector;

/** The guards of {@link io.kecs.http.guard} configured from the server's settings. */
final class Guards {
  private Guards() {}

  /** {@code api} behind the guards; the connection deadlines are installed on {@code connector}. */
  static Handler around(Handler api, ServerConfig config, ServerConnector connector) {
    ConnectionDeadlines deadlines = null;
    if (config.requestDeadline() != null && !config.requestDeadline().isZero()) {
      deadlines = new ConnectionDeadlines(config.requestDeadline());
      connector.addBean(deadlines);
    }
    SignatureVerifier signatures =
        config.verifySignatures()
            ? new SignatureVerifier(
                config.credentialsFile() == null
                    ? CredentialsFile.TEST_KEYS
                    : CredentialsFile.load(config.credentialsFile()))
            : null;
    return new GuardHandler(
        api,
        new HostPolicy(isLoopback(config.bindAddress()), config.allowedHosts()),
        new OriginPolicy(config.corsOrigins()),
        signatures,
        deadlines,
        config.maxBodyBytes(),
        Clock.systemUTC());
  }

  private static boolean isLoopback(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
