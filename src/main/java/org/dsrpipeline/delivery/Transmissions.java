package org.dsrpipeline.delivery;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.ColumnText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portability's direct transmission (GDPR Art. 20(2)): the destination the requester gave at intake
 * ({@code dsr_transmission}, REQUESTED), the DPO's decision in the review (APPROVED or DECLINED), and the released
 * package POSTed there as {@code application/zip} (SENT, with the HTTP status; a failure is recorded and thrown, so
 * the step retries and then raises an incident). Sent once: a SENT transmission is not sent again.
 */
@Service
public class Transmissions {

  /** The destination and where it stands. */
  public record Transmission(String destination, String status, String decidedBy, Integer httpStatus, String error) {
  }

  private final JdbcTemplate jdbc;
  private final DataSubjectRequestRepository requests;
  private final PackageStore packages;
  private final Destinations destinations;
  private final TransmissionProperties properties;
  private final AuditTrail audit;
  private final Clock clock;

  Transmissions(JdbcTemplate jdbc, DataSubjectRequestRepository requests, PackageStore packages,
      Destinations destinations, TransmissionProperties properties, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.requests = requests;
    this.packages = packages;
    this.destinations = destinations;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  /** At intake, in its transaction: the destination the requester asked for. */
  public void requested(long requestId, String destination) {
    jdbc.update("insert into dsr_transmission (request_id, destination, status, attempts) values (?, ?, 'REQUESTED', 0)",
        requestId, destination.strip());
  }

  @Transactional(readOnly = true)
  public Optional<Transmission> of(String reference) {
    var id = requestId(reference);
    return jdbc.query("select * from dsr_transmission where request_id = ?", (rs, n) -> new Transmission(
        rs.getString("destination"), rs.getString("status"), rs.getString("decided_by"),
        (Integer) rs.getObject("http_status"), rs.getString("error")), id).stream().findFirst();
  }

  /** The DPO's decision on the destination, in the evidence trail; false when the request asked for none. */
  @Transactional
  public boolean decide(String reference, boolean approved, String dpo) {
    var id = requestId(reference);
    var changed = jdbc.update("update dsr_transmission set status = ?, decided_by = ?, decided_at = ? "
        + "where request_id = ? and status in ('REQUESTED', 'APPROVED', 'DECLINED')", approved ? "APPROVED" : "DECLINED",
        ColumnText.fit(dpo, 64), Timestamp.from(clock.instant()), id);
    if (changed == 0) {
      return false;
    }
    audit.record(id, dpo, AuditAction.PACKAGE_TRANSMISSION_DECIDED, approved
        ? "Direct transmission to the controller the requester named approved" : "Direct transmission declined: the "
        + "package is delivered to the requester only", "GDPR Art. 20(2)");
    return true;
  }

  /** Sends the released package to the approved destination; throws (retry, then incident) when it fails. */
  public void send(String reference) {
    var id = requestId(reference);
    var row = jdbc.queryForList("select destination, status from dsr_transmission where request_id = ?", id);
    if (row.isEmpty() || !"APPROVED".equals(row.get(0).get("status"))) {
      return;
    }
    var destination = (String) row.get(0).get("destination");
    var stored = packages.of(id, PackageStore.Kind.RELEASED).stream().findFirst().orElseThrow(() ->
        new IllegalStateException("Request " + reference + ": no released package to send"));
    jdbc.update("update dsr_transmission set attempts = attempts + 1 where request_id = ?", id);
    int status;
    try {
      var request = HttpRequest.newBuilder(destinations.checked(destination)).timeout(properties.timeout())
          .header("Content-Type", "application/zip")
          .header("Idempotency-Key", reference + "-" + stored.id())
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> packages.reader(stored))).build();
      status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | RuntimeException e) {
      failed(id, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      throw new IllegalStateException("Request " + reference + ": the package could not be sent to the other "
          + "controller: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending the package of " + reference, e);
    }
    if (status < 200 || status > 299) {
      failed(id, status, "answered HTTP " + status);
      throw new IllegalStateException("Request " + reference + ": the other controller answered HTTP " + status);
    }
    jdbc.update("update dsr_transmission set status = 'SENT', http_status = ?, error = null, sent_at = ? "
        + "where request_id = ?", status, Timestamp.from(clock.instant()), id);
    audit.record(id, AuditTrail.SYSTEM, AuditAction.PACKAGE_TRANSMITTED, "Package sent to the controller the "
        + "requester named (HTTP " + status + ")", "GDPR Art. 20(2)");
  }

  private void failed(long requestId, Integer status, String error) {
    jdbc.update("update dsr_transmission set http_status = ?, error = ? where request_id = ?", status,
        ColumnText.fit(error, 1000), requestId);
    audit.record(requestId, AuditTrail.SYSTEM, AuditAction.PACKAGE_TRANSMISSION_FAILED, ColumnText.fit(
        "Sending the package to the other controller failed: " + error, 500), "GDPR Art. 20(2)");
  }

  private HttpClient client() {
    var builder = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER);
    if (!properties.trustStore().isBlank()) {
      try (var in = new FileInputStream(properties.trustStore())) {
        var store = KeyStore.getInstance("PKCS12");
        store.load(in, properties.trustStorePassword().toCharArray());
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        var tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        builder.sslContext(tls);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("dsr.packages.transmission.trust-store cannot be read: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  private long requestId(String reference) {
    return requests.findByReference(reference).orElseThrow(() -> new java.util.NoSuchElementException(
        "No request " + reference)).id();
  }
}
