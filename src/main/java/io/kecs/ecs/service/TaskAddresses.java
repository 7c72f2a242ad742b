package io.kecs.ecs.service;

import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/** The address a task is reached at, as far as the task record tells it. */
final class TaskAddresses {
  private TaskAddresses() {}

  /**
   * The private IPv4 address of an {@code awsvpc} task's network interface, or null. ({@code
   * bridge} and {@code host} tasks are reached at their container instance's address, which KECS
   * does not record.)
   */
  static String ipv4(Task t) {
    for (Attachment a : t.attachments()) {
      if (!"ElasticNetworkInterface".equals(a.type())) {
        continue;
      }
      for (KeyValuePair d : a.details()) {
        if ("privateIPv4Address".equals(d.name()) && d.value() != null) {
          return d.value();
        }
      }
    }
    return null;
  }
}
