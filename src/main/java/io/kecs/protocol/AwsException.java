package io.kecs.protocol;

/**
 * An error answered to the client in the AWS wire format. Subclasses are named exactly after the
 * AWS error code they carry, so {@link #errorCode()} defaults to the simple class name.
 */
public class AwsException extends RuntimeException {
  private final String errorCode;
  private final int httpStatus;

  protected AwsException(String message) {
    this(null, 400, message);
  }

  protected AwsException(int httpStatus, String message) {
    this(null, httpStatus, message);
  }

  public AwsException(String errorCode, int httpStatus, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
  }

  public String errorCode() {
    return errorCode != null ? errorCode : getClass().getSimpleName();
  }

  public int httpStatus() {
    return httpStatus;
  }
}
