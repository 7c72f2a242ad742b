package io.kecs.store;

/** The store failed (disk full, corrupt file, ...): answered as a ServerException. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
