package io.kecs.runtime;

/** How far a runtime has got with a task, in runtime-neutral words. */
public enum TaskPhase {
  /** Resources (network interface, pod) exist; nothing pulled yet. */
  PROVISIONED,
  /** Images are being pulled. */
  PULLING,
  /** Images are present; containers are being created. */
  PULLED,
  /** Containers are running. */
  RUNNING,
  /** Every container has exited (or never started); resources still held. */
  EXITED,
  /** Resources are released; nothing of the task remains in the runtime. */
  RELEASED
}
