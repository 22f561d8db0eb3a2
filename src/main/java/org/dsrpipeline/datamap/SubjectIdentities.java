package org.dsrpipeline.datamap;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What identifies one data subject: per identity type, a set of normalised values
 * ({@code email -> {ann@example.gr}, phone -> {+306912345678}}). Blank values are dropped.
 */
public record SubjectIdentities(Map<IdentityType, Set<String>> values) {

  public SubjectIdentities {
    var normalised = new EnumMap<IdentityType, Set<String>>(IdentityType.class);
    values.forEach((type, raw) -> {
      var set = raw.stream().map(type::normalise).filter(v -> !v.isEmpty())
          .collect(Collectors.toCollection(LinkedHashSet::new));
      if (!set.isEmpty()) {
        normalised.put(type, Collections.unmodifiableSet(set));
      }
    });
    values = Collections.unmodifiableMap(normalised);
  }

  public static SubjectIdentities none() {
    return new SubjectIdentities(Map.of());
  }

  public static SubjectIdentities of(IdentityType type, String... values) {
    return new SubjectIdentities(Map.of(type, Set.of(values)));
  }

  public SubjectIdentities and(IdentityType type, String... more) {
    return plus(of(type, more));
  }

  public Set<String> of(IdentityType type) {
    return values.getOrDefault(type, Set.of());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public boolean has(IdentityType type, String value) {
    return of(type).contains(type.normalise(value));
  }

  public SubjectIdentities plus(SubjectIdentities other) {
    var merged = new EnumMap<IdentityType, Set<String>>(IdentityType.class);
    values.forEach((type, set) -> merged.put(type, new LinkedHashSet<>(set)));
    other.values.forEach((type, set) -> merged.computeIfAbsent(type, t -> new LinkedHashSet<>()).addAll(set));
    return new SubjectIdentities(merged);
  }

  /** The values of this one that {@code other} does not have. */
  public SubjectIdentities minus(SubjectIdentities other) {
    var rest = new EnumMap<IdentityType, Set<String>>(IdentityType.class);
    values.forEach((type, set) -> rest.put(type, set.stream().filter(v -> !other.of(type).contains(v))
        .collect(Collectors.toCollection(LinkedHashSet::new))));
    return new SubjectIdentities(rest);
  }

  /** How many values there are of each type: what may be logged, unlike the values. */
  public String counts() {
    return values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size())
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "SubjectIdentities[" + counts() + "]";
  }
}
