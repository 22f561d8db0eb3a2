package org.dsrpipeline.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.ColumnText;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.RightStores;
import org.dsrpipeline.rights.StoreWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A request's package, from the stores' exports to the download: built for the DPO's review once every store's
 * export succeeded (never with a store missing), the DPO's exclusions recorded with their reasons, released without
 * them (expiring after {@code dsr.packages.expiry}), the exports and the review package deleted at release.
 */
@Service
public class RequestPackages {

  /** A refusal the DPO can act on (the page and the API answer it with 400). */
  public static class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  /** A store's export not (yet) done: the build waits (its job fails and retries, then has an incident). */
  public static class NotReady extends RuntimeException {
    NotReady(String message) {
      super(message);
    }
  }

  /** One store of the package: its export's status, records per collection. */
  public record StoreView(String store, String status, long records, Map<String, Long> collections) {
  }

  /** What the DPO's page shows; {@code status}: EXPORTING, REVIEW (built, not released) or RELEASED. */
  public record View(String reference, String status, List<StoreView> stores, List<Exclusion> exclusions,
      Long releasedRecords, Instant expiresAt, int downloads, Transmissions.Transmission transmission) {
  }

  private final DataSubjectRequestRepository requests;
  private final PackageStore packages;
  private final StoreExports exports;
  private final StoreWork work;
  private final RightStores rightStores;
  private final DataMap map;
  private final OrganisationProperties organisation;
  private final PackageProperties properties;
  private final AuditTrail audit;
  private final JdbcTemplate jdbc;
  private final Transmissions transmissions;
  private final org.dsrpipeline.request.PersonalDataReads reads;
  private final ObjectMapper json;
  private final Clock clock;

  RequestPackages(DataSubjectRequestRepository requests, PackageStore packages, StoreExports exports, StoreWork work,
      RightStores rightStores, DataMap map, OrganisationProperties organisation, PackageProperties properties,
      AuditTrail audit, JdbcTemplate jdbc, Transmissions transmissions, org.dsrpipeline.request.PersonalDataReads reads,
      ObjectMapper json, Clock clock) {
    this.reads = reads;
    this.transmissions = transmissions;
    this.requests = requests;
    this.packages = packages;
    this.exports = exports;
    this.work = work;
    this.rightStores = rightStores;
    this.map = map;
    this.organisation = organisation;
    this.properties = properties;
    this.audit = audit;
    this.jdbc = jdbc;
    this.json = json.copy().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        false);
    this.clock = clock;
  }

  /**
   * Builds the package the DPO reviews from the exports of {@code stores}; refuses (NotReady) while any of them has
   * no successful export. Safe to run twice: an earlier review package is replaced.
   */
  @Transactional
  public PackageBuilder.Built buildForReview(String reference, List<String> stores, PackageBuilder.Format format) {
    var request = request(reference);
    checkExported(reference, stores);
    packages.deleteOf(request.id(), PackageStore.Kind.REVIEW);
    var built = builder(request.language()).build(request.id(), reference, PackageStore.Kind.REVIEW, format, stores,
        processorStores(reference), List.of(), only(format, stores), null);
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.PACKAGE_BUILT, "Package built for the DPO's review: "
        + built.records() + " records from " + stores.size() + " stores (" + String.join(", ", stores) + ")",
        format == PackageBuilder.Format.ACCESS ? "GDPR Art. 15(3)" : "GDPR Art. 20(1)");
    return built;
  }

  /** Whether the review package is built (the DPO's review task cannot be completed before). */
  @Transactional(readOnly = true)
  public boolean readyForReview(String reference) {
    var request = request(reference);
    return packages.of(request.id(), PackageStore.Kind.REVIEW).stream().anyMatch(PackageStore.Stored::complete)
        || packages.of(request.id(), PackageStore.Kind.RELEASED).stream().anyMatch(PackageStore.Stored::complete);
  }

  /** Leaves out a collection or one record of it (GDPR Art. 15(4)), with the reason, in the evidence trail. */
  @Transactional
  public Exclusion exclude(String reference, String store, String collection, Long recordNumber, String reason,
      String dpo) {
    var request = request(reference);
    if (!packages.of(request.id(), PackageStore.Kind.RELEASED).isEmpty()) {
      throw new Refused("The package of " + reference + " is already released: nothing can be excluded any more.");
    }
    if (packages.of(request.id(), PackageStore.Kind.REVIEW).isEmpty()) {
      throw new Refused("The package of " + reference + " is not built yet.");
    }
    var described = map.store(String.valueOf(store)).flatMap(s -> s.collection(String.valueOf(collection)));
    if (described.isEmpty()) {
      throw new Refused("Store '" + store + "' has no collection '" + collection + "' in the data map.");
    }
    if (recordNumber != null && recordNumber < 1) {
      throw new Refused("The record number is the one report.html shows: 1 or more.");
    }
    if (reason == null || reason.isBlank()) {
      throw new Refused("A reason is required: it is recorded in the evidence trail.");
    }
    if (reason.strip().length() > 1000) {
      throw new Refused("The reason may have at most 1,000 characters.");
    }
    var now = clock.instant();
    jdbc.update("insert into dsr_package_exclusion (request_id, store_name, collection_name, record_number, reason, "
        + "excluded_by, excluded_at) values (?, ?, ?, ?, ?, ?, ?)", request.id(), store, collection, recordNumber,
        reason.strip(), ColumnText.fit(dpo, 64), Timestamp.from(now));
    audit.record(request.id(), dpo, AuditAction.PACKAGE_EXCLUSION, ColumnText.fit("Left out of the package: "
        + store + "." + collection + (recordNumber == null ? " (the whole collection)" : " record " + recordNumber)
        + ". Reason: " + reason.strip(), 500), "GDPR Art. 15(4)");
    return exclusions(request.id()).get(exclusions(request.id()).size() - 1);
  }

  /** The DPO completed the review: recorded in the evidence trail with the user. */
  @Transactional
  public void reviewed(String reference, String dpo) {
    var request = request(reference);
    audit.record(request.id(), dpo, AuditAction.RIGHT_CARRIED_OUT, "Package reviewed and approved for release ("
        + exclusions(request.id()).size() + " exclusions)", "GDPR Art. 15(4)");
  }

  /**
   * The package the requester downloads: built again from the exports without the DPO's exclusions, with its
   * expiry; the exports and the review package are deleted. Once released, a second call changes nothing.
   */
  @Transactional
  public PackageStore.Stored release(String reference, List<String> stores, PackageBuilder.Format format) {
    var request = request(reference);
    var released = packages.of(request.id(), PackageStore.Kind.RELEASED);
    if (!released.isEmpty()) {
      return released.get(0);
    }
    checkExported(reference, stores);
    var expires = clock.instant().atOffset(ZoneOffset.UTC).plus(properties.expiry()).toInstant();
    var exclusions = exclusions(request.id());
    var built = builder(request.language()).build(request.id(), reference, PackageStore.Kind.RELEASED, format, stores,
        processorStores(reference), exclusions, only(format, stores), expires);
    packages.deleteOf(request.id(), PackageStore.Kind.REVIEW);
    packages.deleteOf(request.id(), PackageStore.Kind.EXPORT);
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.PACKAGE_RELEASED, "Package released: " + built.records()
        + " records" + (built.withheld() > 0 ? ", " + built.withheld() + " withheld by the DPO" : "")
        + "; download link valid until " + expires, format == PackageBuilder.Format.ACCESS ? "GDPR Art. 15(3)"
        : "GDPR Art. 20(1)");
    return packages.find(built.packageId()).orElseThrow();
  }

  @Transactional(readOnly = true)
  public View view(String reference) {
    var request = request(reference);
    var released = packages.of(request.id(), PackageStore.Kind.RELEASED).stream().findFirst();
    var review = packages.of(request.id(), PackageStore.Kind.REVIEW).stream().findFirst();
    var stores = new ArrayList<StoreView>();
    for (var outcome : work.outcomes(reference)) {
      if (!Operation.EXPORT.name().equals(outcome.operation())) {
        continue;
      }
      var collections = new java.util.LinkedHashMap<String, Long>();
      readCollections(outcome).forEach(c -> collections.put(c.collection(), c.found()));
      stores.add(new StoreView(outcome.store(), outcome.status(), outcome.found(), collections));
    }
    var status = released.isPresent() ? "RELEASED" : review.filter(PackageStore.Stored::complete).isPresent()
        ? "REVIEW" : "EXPORTING";
    return new View(reference, status, stores, exclusions(request.id()), released.map(PackageStore.Stored::records)
        .orElse(null), released.map(PackageStore.Stored::expiresAt).orElse(null),
        released.map(PackageStore.Stored::downloads).orElse(0), transmissions.of(reference).orElse(null));
  }

  /** The package the DPO reviews (before release) or the released one; empty when none is built. */
  @Transactional(readOnly = true)
  public Optional<PackageStore.Stored> forDpo(String reference) {
    var request = request(reference);
    return packages.of(request.id(), PackageStore.Kind.RELEASED).stream().findFirst()
        .or(() -> packages.of(request.id(), PackageStore.Kind.REVIEW).stream().findFirst())
        .filter(PackageStore.Stored::complete);
  }

  /** The DPO downloads the package: the subject's data, so a read in the evidence trail (PERSONAL_DATA_READ). */
  @Transactional
  public void readByDpo(String reference, String user, PackageStore.Stored stored) {
    reads.read(request(reference), user, "the " + stored.kind().name().toLowerCase(java.util.Locale.ROOT)
        + " package (" + stored.records() + " records)");
  }

  public InputStream content(PackageStore.Stored stored) {
    return packages.reader(stored);
  }

  public List<Exclusion> exclusions(String reference) {
    return exclusions(request(reference).id());
  }

  private List<Exclusion> exclusions(long requestId) {
    return jdbc.query("select * from dsr_package_exclusion where request_id = ? order by id", (rs, n) -> new Exclusion(
        rs.getLong("id"), rs.getString("store_name"), rs.getString("collection_name"),
        rs.getObject("record_number") == null ? null : rs.getLong("record_number"), rs.getString("reason"),
        rs.getString("excluded_by"), rs.getTimestamp("excluded_at").toInstant()), requestId);
  }

  private void checkExported(String reference, List<String> stores) {
    var outcomes = work.outcomes(reference).stream().filter(o -> Operation.EXPORT.name().equals(o.operation())).toList();
    var missing = stores.stream().filter(store -> outcomes.stream().noneMatch(o -> o.store().equals(store)
        && o.ok())).toList();
    if (!missing.isEmpty()) {
      throw new NotReady("Request " + reference + ": the export of " + String.join(", ", missing) + " has not "
          + "succeeded; the package is not built without every store");
    }
  }

  private List<String> processorStores(String reference) {
    return work.outcomes(reference).stream().filter(o -> Operation.EXPORT.name().equals(o.operation()))
        .filter(o -> StoreOutcome.Status.HANDLED_WITH_CONTROLLER.name().equals(o.status()))
        .map(RecordedOutcome::store).toList();
  }

  /** Portability: the collections on consent or contract that do not opt out (data map {@code portable: false}). */
  private Map<String, List<String>> only(PackageBuilder.Format format, List<String> stores) {
    if (format == PackageBuilder.Format.ACCESS) {
      return null;
    }
    var only = new java.util.HashMap<String, List<String>>();
    stores.forEach(store -> only.put(store, rightStores.portableCollections(store)));
    return only;
  }

  private List<org.dsrpipeline.connector.CollectionOutcome> readCollections(RecordedOutcome outcome) {
    if (outcome.collections() == null || outcome.collections().isBlank()) {
      return List.of();
    }
    try {
      return List.of(json.readValue(outcome.collections(), org.dsrpipeline.connector.CollectionOutcome[].class));
    } catch (Exception unreadable) {
      return List.of();
    }
  }

  private PackageBuilder builder(String language) {
    return new PackageBuilder(map, exports.files(), packages, new PackageBuilder.Facts(organisation.name(),
        organisation.dpoEmail(), organisation.supervisoryAuthority(), language));
  }

  private DataSubjectRequest request(String reference) {
    return requests.findByReference(reference).orElseThrow(() -> new NoSuchElementException("No request "
        + reference));
  }
}
