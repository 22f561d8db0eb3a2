package org.dsrpipeline.datamap;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call such as {@code GET /tickets?email={email}&page={page}}. Every value put into a placeholder is
 * percent-encoded as a whole, so a value can never add a path segment, a parameter or a fragment.
 */
public record UrlTemplate(String method, String path) {

  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final Pattern SHAPE = Pattern.compile("([A-Z]+) (/\\S*)");

  /** Parses {@code "METHOD /path"}; the message of the exception says what is wrong. */
  static UrlTemplate parse(String text) {
    var matcher = SHAPE.matcher(text.strip());
    if (!matcher.matches() || !METHODS.contains(matcher.group(1))) {
      throw new IllegalArgumentException("'" + text + "' is not a call like 'GET /contacts?email={email}' "
          + "(method one of GET, POST, PUT, PATCH, DELETE, then a path starting with /)");
    }
    var template = new UrlTemplate(matcher.group(1), matcher.group(2));
    var dummies = new java.util.HashMap<String, String>();
    template.placeholders().forEach(p -> dummies.put(p, "x"));
    try {
      template.expand("http://localhost", dummies);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid URL path: " + e.getMessage());
    }
    return template;
  }

  public Set<String> placeholders() {
    var names = new LinkedHashSet<String>();
    var matcher = PLACEHOLDER.matcher(path);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  public URI expand(String baseUrl, Map<String, String> values) {
    var matcher = PLACEHOLDER.matcher(path);
    var expanded = new StringBuilder();
    while (matcher.find()) {
      var value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + matcher.group(1) + "} in " + this);
      }
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(encode(value)));
    }
    matcher.appendTail(expanded);
    var base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + expanded);
  }

  /** URLEncoder writes a space as '+', which a path would keep as a plus sign; %20 means space everywhere. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
