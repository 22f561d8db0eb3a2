package org.dsrpipeline.rights;

/** Texts cut to the column they are stored in, so that a long error or reason never fails the insert. */
public final class ColumnText {

  private ColumnText() {
  }

  /** {@code text} unchanged when it fits {@code max} characters, else cut to {@code max} with "..." at the end. */
  public static String fit(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
