package io.kecs.runtime.kubernetes;

import io.kecs.runtime.secrets.EnvFileReference;
import io.kecs.runtime.secrets.SecretException;
import io.kecs.runtime.secrets.SecretReference;
import io.kecs.runtime.secrets.SecretSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Secret values and environment files from maps, recording what was asked for (unit tests). */
final class FakeSource implements SecretSource {
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> files = new HashMap<>();
  final List<String> asked = new ArrayList<>();

  FakeSource value(String id, String value) {
    values.put(id, value);
    return this;
  }

  FakeSource file(String arn, String text) {
    files.put(arn, text);
    return this;
  }

  @Override
  public String value(SecretReference ref) throws SecretException {
    asked.add(ref.id() + "@" + ref.region());
    String v = values.get(ref.id());
    if (v == null) {
      throw new SecretException("unable to retrieve secret from asm: no " + ref.id());
    }
    return v;
  }

  @Override
  public String envFile(EnvFileReference file, String region) throws SecretException {
    asked.add(file.arn() + "@" + region);
    String text = files.get(file.arn());
    if (text == null) {
      throw file.failure("NoSuchKey");
    }
    return text;
  }
}
