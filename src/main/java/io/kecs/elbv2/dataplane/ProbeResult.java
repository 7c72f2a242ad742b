package io.kecs.elbv2.dataplane;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;

/** One health check's outcome, with the ELBv2 reason a failure is reported under. */
record ProbeResult(boolean passed, TargetHealthReasonEnum reason, String description) {
  static final ProbeResult PASSED = new ProbeResult(true, null, null);

  static ProbeResult codeMismatch(int status) {
    return new ProbeResult(
        false,
        TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH,
        "Health checks failed with these codes: [" + status + "]");
  }

  static ProbeResult timeout() {
    return new ProbeResult(false, TargetHealthReasonEnum.TARGET_TIMEOUT, "Request timed out");
  }

  static ProbeResult failed() {
    return new ProbeResult(
        false, TargetHealthReasonEnum.TARGET_FAILED_HEALTH_CHECKS, "Health checks failed");
  }
}
