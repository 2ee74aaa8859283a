package io.gatehouse.control.domain.model.connection;

import java.util.regex.Pattern;

/** Shapes of names the outside of the house holds on to. */
public final class Names {

  /** Connection and policy names: they appear in dbname, SSH user names and URLs. */
  public static final Pattern RESOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public static final String RESOURCE_NAME_SHAPE =
      "1-63 characters of a-z 0-9 . _ -, starting with a-z or 0-9";

  private Names() {}

  public static String requireResourceName(String name, String what) {
    if (name == null || !RESOURCE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " must be " + RESOURCE_NAME_SHAPE);
    }
    return name;
  }
}
