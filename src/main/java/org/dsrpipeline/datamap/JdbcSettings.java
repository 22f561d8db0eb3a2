package org.dsrpipeline.datamap;

/** Connection of a jdbc store; {@code schema} (may be null) qualifies its tables. */
public record JdbcSettings(String url, String username, String password, String schema, int fetchSize) {

  /** The URL without parameters, which may carry credentials: safe for messages. */
  public String safeUrl() {
    var end = url.length();
    for (var separator : new char[] {'?', ';'}) {
      var at = url.indexOf(separator);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return url.substring(0, end);
  }

  @Override
  public String toString() {
    return "JdbcSettings[url=" + safeUrl() + ", username=" + username + ", schema=" + schema + "]";
  }
}
