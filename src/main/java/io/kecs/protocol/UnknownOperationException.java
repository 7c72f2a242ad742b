package io.kecs.protocol;

/** The X-Amz-Target names no operation this endpoint serves. */
public final class UnknownOperationException extends AwsException {
  public UnknownOperationException(String message) {
    super(message);
  }
}
