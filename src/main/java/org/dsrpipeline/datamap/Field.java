package org.dsrpipeline.datamap;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One field. {@code identity} is the subject identity the field holds, declared or taken from the
 * field it {@code references}; null when it identifies no one. {@code keepReason} is set for
 * {@code keep}.
 */
public record Field(String name, Set<Category> categories, IdentityType identity, FieldRef references,
    ErasureAction erasure, String keepReason) {

  public Field {
    categories = Collections.unmodifiableSet(new LinkedHashSet<>(categories));
  }

  public boolean isIdentity() {
    return identity != null;
  }

  public boolean isPersonal() {
    return !categories.isEmpty() || identity != null;
  }
}
