package io.geomill.batch;

/**
 * The inputs of a batch are unusable as given (a missing folder, a glob that matches nothing, an unreadable
 * list file). Raised before any Spark work starts; jobs exit with code 2 on it.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
