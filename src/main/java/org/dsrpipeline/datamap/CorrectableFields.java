package org.dsrpipeline.datamap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which fields of the data map a rectification (Art. 16) may change. A requested field is named as
 * {@code store.collection.field}, {@code collection.field} or a plain field name (every field of that name in every
 * store), as {@code connector.Correction} matches it. Only fields that hold personal data can be corrected, and
 * never a record's key, a key of the identity graph (a customer id, a cookie id, a field that references another),
 * the controller field of a processor store, or the fields that carry the restriction or the marketing
 * suppression: those are the pipeline's own bookkeeping, not facts about the subject. An email or phone field
 * (an identity: the way to an account) can be corrected, but only with the DPO's explicit approval of that field
 * and proof of the new value ({@link Verdict#identity()}). Plain Java, no Spring.
 */
public final class CorrectableFields {

  /** What a correction of a field can do. */
  public enum Kind {
    /** At least one store holds the field and it can be corrected. */
    CORRECTABLE,
    /** Some store holds a field of that name, but none that may be corrected (see {@link Verdict#reason()}). */
    NOT_CORRECTABLE,
    /** No store holds a field of that name. */
    NOT_HELD
  }

  /** One field of one collection of one store that a correction would change. */
  public record Target(String store, Role role, StoreKind storeKind, String collection, String field,
      IdentityType identity) {

    /** The qualified name {@code store.collection.field}. */
    public String qualified() {
      return store + "." + collection + "." + field;
    }
  }

  /**
   * The answer for one requested field: its {@code targets} (the fields to change, in the data map's order), the
   * {@code refused} fields of that name that may not be changed and {@code reason} why (for NOT_CORRECTABLE);
   * {@code identity}: a target is an email or phone, so the DPO must approve that field and record the proof.
   */
  public record Verdict(Kind kind, List<Target> targets, List<String> refused, String reason) {

    public Verdict {
      targets = List.copyOf(targets);
      refused = List.copyOf(refused);
    }

    public boolean identity() {
      return targets.stream().anyMatch(t -> t.identity() != null);
    }

    /** The names of the stores that hold a target, in the data map's order. */
    public List<String> stores() {
      return targets.stream().map(Target::store).distinct().toList();
    }
  }

  private final DataMap map;

  public CorrectableFields(DataMap map) {
    this.map = Objects.requireNonNull(map);
  }

  public Verdict of(String requestedField) {
    var targets = new ArrayList<Target>();
    var refused = new ArrayList<String>();
    var reasons = new LinkedHashSet<String>();
    var referenced = referencedFields();
    for (var store : map.stores()) {
      for (var collection : store.collections()) {
        for (var field : collection.fields()) {
          if (!named(requestedField, store.name(), collection.name(), field.name())) {
            continue;
          }
          var why = whyNot(collection, field, referenced.contains(store.name() + "." + collection.name() + "."
              + field.name()));
          if (why == null) {
            var identity = field.identity() == IdentityType.EMAIL || field.identity() == IdentityType.PHONE
                ? field.identity() : null;
            targets.add(new Target(store.name(), store.role(), store.kind(), collection.name(), field.name(),
                identity));
          } else {
            refused.add(store.name() + "." + collection.name() + "." + field.name());
            reasons.add(why);
          }
        }
      }
    }
    if (!targets.isEmpty()) {
      return new Verdict(Kind.CORRECTABLE, targets, refused, null);
    }
    if (!refused.isEmpty()) {
      return new Verdict(Kind.NOT_CORRECTABLE, List.of(), refused, String.join("; ", reasons));
    }
    return new Verdict(Kind.NOT_HELD, List.of(), List.of(), null);
  }

  /** Why the field may not be corrected, in the words of the data map; null when it may. */
  private static String whyNot(DataCollection collection, Field field, boolean referencedByAnother) {
    var name = field.name();
    if (name.equals(collection.key())) {
      return "the record's key";
    }
    if (field.references() != null || referencedByAnother || field.identity() == IdentityType.CUSTOMER_ID
        || field.identity() == IdentityType.COOKIE_ID) {
      return "a key that links the subject's records across stores";
    }
    if (name.equals(collection.controllerField())) {
      return "names the controller of the record";
    }
    var restriction = collection.restriction();
    if (restriction != null && (name.equals(restriction.column()) || name.equals(restriction.field()))) {
      return "marks the restriction of processing";
    }
    var marketing = collection.marketing();
    if (marketing != null && (name.equals(marketing.column()) || name.equals(marketing.field()))) {
      return "records the marketing choice (use an objection or a withdrawal of consent)";
    }
    if (!field.isPersonal()) {
      return "holds no personal data";
    }
    return null;
  }

  /** {@code store.collection.field} of every field another field references. */
  private Set<String> referencedFields() {
    var referenced = new LinkedHashSet<String>();
    map.stores().forEach(s -> s.collections().forEach(c -> c.fields().stream().map(Field::references)
        .filter(Objects::nonNull).forEach(r -> referenced.add(r.toString()))));
    return referenced;
  }

  /** As {@code connector.Correction.targets}: 1, 2 or 3 dot-separated parts. */
  static boolean named(String requested, String store, String collection, String field) {
    if (requested == null) {
      return false;
    }
    var parts = requested.strip().split("\\.", -1);
    return switch (parts.length) {
      case 1 -> parts[0].equals(field);
      case 2 -> parts[0].equals(collection) && parts[1].equals(field);
      case 3 -> parts[0].equals(store) && parts[1].equals(collection) && parts[2].equals(field);
      default -> false;
    };
  }
}
