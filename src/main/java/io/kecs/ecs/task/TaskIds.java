package io.kecs.ecs.task;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Identifier formats ECS and EC2 use: 32-hex task ids, ENI and EBS volume ids, MAC addresses. */
final class TaskIds {
  private static final java.util.regex.Pattern TASK_ID =
      java.util.regex.Pattern.compile("[0-9a-f]{32}");

  private TaskIds() {}

  static String taskId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Whether a task reference (id or ARN) carries a well-formed task id. */
  static boolean wellFormed(String reference) {
    String id = reference.substring(reference.lastIndexOf('/') + 1);
    return TASK_ID.matcher(id).matches();
  }

  static String hex(int chars) {
    byte[] bytes = new byte[(chars + 1) / 2];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, chars);
  }

  static String eniId() {
    return "eni-" + hex(17);
  }

  static String volumeId() {
    return "vol-" + hex(17);
  }

  static String macAddress() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] = (byte) ((b[0] & 0xfc) | 0x02); // locally administered, unicast
    return HexFormat.ofDelimiter(":").formatHex(b);
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }
}
