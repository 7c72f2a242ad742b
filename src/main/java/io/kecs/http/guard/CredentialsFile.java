package io.kecs.http.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access keys {@code --verify-signatures} accepts, read from a file in the AWS shared
 * credentials format (so {@code ~/.aws/credentials} or a copy of it works): every profile's {@code
 * aws_access_key_id} with its {@code aws_secret_access_key}.
 */
public final class CredentialsFile {
  /** The keys AWS emulators' examples use (LocalStack, moto): what clients sign with by default. */
  public static final Map<String, String> TEST_KEYS = Map.of("test", "test");

  private CredentialsFile() {}

  public static Map<String, String> load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the credentials file " + file + ": " + e);
    }
    return parse(lines, file.toString());
  }

  static Map<String, String> parse(List<String> lines, String source) {
    Map<String, String> keys = new LinkedHashMap<>();
    String profile = null;
    String id = null;
    String secret = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        add(keys, profile, id, secret, source);
        profile = line.substring(1, line.length() - 1).strip();
        id = null;
        secret = null;
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (name.equals("aws_access_key_id")) {
        id = value;
      } else if (name.equals("aws_secret_access_key")) {
        secret = value;
      }
    }
    add(keys, profile, id, secret, source);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "The credentials file "
              + source
              + " has no profile with both aws_access_key_id and aws_secret_access_key");
    }
    return keys;
  }

  private static void add(
      Map<String, String> keys, String profile, String id, String secret, String source) {
    if (id == null && secret == null) {
      return;
    }
    if (id == null || secret == null) {
      throw new IllegalArgumentException(
          "The credentials file "
              + source
              + ": profile ["
              + profile
              + "] needs both aws_access_key_id and aws_secret_access_key");
    }
    keys.put(id, secret);
  }
}
