package io.geomill.inventory;

/** A dataset could not be described; the message starts with the dataset's path and then says why. */
public class DescribeException extends Exception {
  public DescribeException(String message, Throwable cause) {
    super(message, cause);
  }
}
