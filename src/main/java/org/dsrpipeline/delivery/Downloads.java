package org.dsrpipeline.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.security.FormNonces;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The requester's download link of a released package: {@code /download/<reference>.<package id>.<HMAC>}, signed
 * with the deployment's link secret (nothing stored, cannot be guessed). The link alone is not enough: the
 * requester must give the email address the request was filed with. Wrong addresses are counted on the package
 * row (so every node sees them): after {@code dsr.packages.free-wrong-tries} each further try waits, doubling from
 * {@code dsr.packages.wrong-try-delay} (at most a day). Each download and each refusal is in the evidence trail.
 */
@Service
public class Downloads {

  private static final String PURPOSE = "download-link";
  private static final Pattern TOKEN = Pattern.compile("(DSR-\\d{4}-\\d{6,})\\.(\\d{1,18})\\.([A-Za-z0-9_-]{43})");
  private static final Duration MAX_WAIT = Duration.ofDays(1);

  /** GONE: no such link, or the package expired. */
  public enum Outcome { OK, WRONG_ADDRESS, SLOWED, GONE }

  public record Attempt(Outcome outcome, PackageStore.Stored stored, String reference, Instant retryAt) {
  }

  /** A genuine link's request and package (the package may have expired since). */
  public record Link(String reference, long packageId, String language) {
  }

  private final FormNonces nonces;
  private final PackageStore packages;
  private final DataSubjectRequestRepository requests;
  private final OrganisationProperties organisation;
  private final PackageProperties properties;
  private final AuditTrail audit;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  Downloads(FormNonces nonces, PackageStore packages, DataSubjectRequestRepository requests,
      OrganisationProperties organisation, PackageProperties properties, AuditTrail audit, JdbcTemplate jdbc,
      Clock clock) {
    this.nonces = nonces;
    this.packages = packages;
    this.requests = requests;
    this.organisation = organisation;
    this.properties = properties;
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The download link of the request's released package, while it lives. */
  @Transactional(readOnly = true)
  public Optional<String> linkFor(String reference) {
    return requests.findByReference(reference).flatMap(r -> packages.of(r.id(), PackageStore.Kind.RELEASED).stream()
        .findFirst()).filter(p -> p.expiresAt() == null || p.expiresAt().isAfter(clock.instant()))
        .map(p -> organisation.url("/download/" + token(reference, p.id())));
  }

  /** When the request's released package expires (for the email). */
  @Transactional(readOnly = true)
  public Optional<Instant> expiryFor(String reference) {
    return requests.findByReference(reference).flatMap(r -> packages.of(r.id(), PackageStore.Kind.RELEASED).stream()
        .findFirst()).map(PackageStore.Stored::expiresAt);
  }

  public Optional<Link> link(String token) {
    var matcher = TOKEN.matcher(token == null ? "" : token);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    var reference = matcher.group(1);
    var packageId = Long.parseLong(matcher.group(2));
    var expected = nonces.nonceFor(PURPOSE, reference + ":" + packageId).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, matcher.group(3).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return requests.findByReference(reference).map(r -> new Link(reference, packageId, r.language()));
  }

  /** Whether the link's package is still there (released, not expired): else the page says the link is gone. */
  @Transactional(readOnly = true)
  public boolean alive(Link link) {
    return requests.findByReference(link.reference()).flatMap(r -> packages.find(link.packageId())
        .filter(p -> p.requestId() == r.id() && p.kind() == PackageStore.Kind.RELEASED))
        .filter(p -> p.expiresAt() == null || p.expiresAt().isAfter(clock.instant())).isPresent();
  }

  /** Checks the address given for the link; the row is locked, so tries on several nodes count one after another. */
  @Transactional
  public Attempt attempt(String token, String email) {
    var link = link(token).orElse(null);
    if (link == null) {
      return new Attempt(Outcome.GONE, null, null, null);
    }
    var request = requests.findByReference(link.reference()).orElseThrow();
    var locked = jdbc.queryForList("select id from dsr_package where id = ? and request_id = ? and kind = 'RELEASED' "
        + "for update", Long.class, link.packageId(), request.id());
    var stored = locked.isEmpty() ? null : packages.find(link.packageId()).orElse(null);
    var now = clock.instant();
    if (stored == null || (stored.expiresAt() != null && !stored.expiresAt().isAfter(now))) {
      return new Attempt(Outcome.GONE, null, link.reference(), null);
    }
    if (stored.blockedUntil() != null && stored.blockedUntil().isAfter(now)) {
      return new Attempt(Outcome.SLOWED, null, link.reference(), stored.blockedUntil());
    }
    if (!sameAddress(request, email)) {
      var tries = stored.wrongTries() + 1;
      var over = tries - properties.freeWrongTries();
      Instant blockedUntil = null;
      if (over >= 0) {
        var wait = properties.wrongTryDelay().multipliedBy(1L << Math.min(over, 20));
        blockedUntil = now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
      }
      packages.recordWrongTry(stored.id(), blockedUntil);
      audit.record(request.id(), AuditTrail.REQUESTER, AuditAction.PACKAGE_DOWNLOAD_REFUSED, "Download refused: "
          + "the email address given is not the request's (wrong try " + tries + ")"
          + (blockedUntil == null ? "" : "; next try allowed from " + blockedUntil), null);
      return new Attempt(Outcome.WRONG_ADDRESS, null, link.reference(), blockedUntil);
    }
    packages.recordDownload(stored.id());
    audit.record(request.id(), AuditTrail.REQUESTER, AuditAction.PACKAGE_DOWNLOADED, "Package downloaded through "
        + "the emailed link (download " + (stored.downloads() + 1) + ")", null);
    return new Attempt(Outcome.OK, stored, link.reference(), null);
  }

  String token(String reference, long packageId) {
    return reference + "." + packageId + "." + nonces.nonceFor(PURPOSE, reference + ":" + packageId);
  }

  private static boolean sameAddress(DataSubjectRequest request, String email) {
    if (email == null || request.email() == null) {
      return false;
    }
    var given = email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    var filed = request.email().strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, filed);
  }

  /** Deletes one expired package (locked first: on several nodes only one deletes it and records it). */
  @Transactional
  public boolean deleteExpired(long packageId) {
    var rows = jdbc.queryForList("select request_id from dsr_package where id = ? and expires_at < ? for update",
        Long.class, packageId, Timestamp.from(clock.instant()));
    if (rows.isEmpty()) {
      return false;
    }
    packages.delete(packageId);
    audit.record(rows.get(0), AuditTrail.SYSTEM, AuditAction.PACKAGE_EXPIRED, "Package deleted: its download link "
        + "expired", null);
    return true;
  }

  public java.util.List<Long> expired() {
    return packages.expired(clock.instant());
  }
}
