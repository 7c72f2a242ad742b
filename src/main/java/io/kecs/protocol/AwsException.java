package io.kecs.protocol;

/**
 * An error answered to the client in the AWS wire format. Subclasses are named exactly after the
 * AWS error code they carry, so {@link #errorCode()} defaults to the simple class name.
 */
public class AwsException extends RuntimeException {
  private final String errorCode;
  private final int httpStatus;
  private final java.util.Map<String, String> details;

  protected AwsException(String message) {
    this(null, 400, message);
  }

  /** With extra members of the error shape (e.g. Cloud Map's {@code NamespaceId}). */
  protected AwsException(String message, java.util.Map<String, String> details) {
    this(null, 400, message, details);
  }

  protected AwsException(int httpStatus, String message) {
    this(null, httpStatus, message);
  }

  public AwsException(String errorCode, int httpStatus, String message) {
    this(errorCode, httpStatus, message, java.util.Map.of());
  }

  private AwsException(
      String errorCode, int httpStatus, String message, java.util.Map<String, String> details) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.details = java.util.Map.copyOf(details);
  }

  /** Members of the error shape besides the message, written beside it. */
  public java.util.Map<String, String> details() {
    return details;
  }

  public String errorCode() {
    return errorCode != null ? errorCode : getClass().getSimpleName();
  }

  public int httpStatus() {
    return httpStatus;
  }
}
