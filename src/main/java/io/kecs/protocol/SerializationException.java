package io.kecs.protocol;

/** The request body is not valid JSON or a member has the wrong JSON type. */
public final class SerializationException extends AwsException {
  public SerializationException(String message) {
    super(message);
  }
}
