package org.dsrpipeline.delivery;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where a portability package may be sent (GDPR Art. 20(2)): an {@code https} URL of another controller, without
 * user info, whose host is not a loopback, private, link-local or otherwise internal address (unless
 * {@code dsr.packages.transmission.allow-private-addresses}). Checked at intake (literal addresses and names such as
 * localhost) and again before sending, on every address the name resolves to then.
 */
@Component
public class Destinations {

  private final TransmissionProperties properties;

  Destinations(TransmissionProperties properties) {
    this.properties = properties;
  }

  /** What is wrong with the destination as given, without resolving its name; empty when it may be used. */
  public Optional<String> problem(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.of("must be an https URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.of("must be an https URL (the package is personal data: never sent unencrypted)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not carry a user name or password");
    }
    if (properties.allowPrivateAddresses()) {
      return Optional.empty();
    }
    var host = IDN.toASCII(uri.getHost().replaceAll("^\\[|\\]$", "")).toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
        || host.endsWith(".internal") || !host.contains(".") && !host.contains(":")) {
      return Optional.of("must be another controller's public address, not a local one");
    }
    if (isLiteral(host)) {
      try {
        if (internal(InetAddress.getByName(host))) {
          return Optional.of("must be a public address, not a loopback or private one");
        }
      } catch (UnknownHostException e) {
        return Optional.of("must name a host");
      }
    }
    return Optional.empty();
  }

  /** Before sending: the URI, once every address its host resolves to now is allowed. */
  URI checked(String url) {
    problem(url).ifPresent(p -> {
      throw new IllegalStateException("The destination " + p);
    });
    var uri = URI.create(url.strip());
    if (!properties.allowPrivateAddresses()) {
      try {
        for (var address : InetAddress.getAllByName(uri.getHost())) {
          if (internal(address)) {
            throw new IllegalStateException("The destination's host resolves to a loopback or private address");
          }
        }
      } catch (UnknownHostException e) {
        throw new IllegalStateException("The destination's host is unknown: " + uri.getHost());
      }
    }
    return uri;
  }

  private static boolean isLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  static boolean internal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    var bytes = address.getAddress();
    if (bytes.length == 4) {
      var first = bytes[0] & 0xff;
      var second = bytes[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 192 && second == 0)
          || (first == 198 && (second == 18 || second == 19)) || first >= 240;
    }
    return (bytes[0] & 0xfe) == 0xfc;
  }
}
