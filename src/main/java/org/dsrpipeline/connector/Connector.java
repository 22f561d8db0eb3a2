package org.dsrpipeline.connector;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsrpipeline.datamap.IdentitySource;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.SubjectIdentities;

/**
 * What the rights do to one store, whatever its kind. {@code subject} is the subject's identities as the
 * {@link org.dsrpipeline.datamap.IdentityGraph} resolved them ({@link ConnectorRegistry#resolve}): a
 * connector matches records by exact, normalised values of those identities only.
 *
 * <p>Every operation is idempotent per request and store (the second run changes nothing more), streams
 * (memory does not grow with the number of records), sends identity values only as parameters or
 * percent-encoded, and never throws for a store that cannot be reached: it answers
 * {@link StoreOutcome.Status#FAILED} with an error naming the store.
 */
public interface Connector extends IdentitySource {

  Store store();

  @Override
  default String name() {
    return store().name();
  }

  /** How many records of the subject each collection holds, and for a processor store, under which controllers. */
  StoreOutcome find(RequestRef request, SubjectIdentities subject);

  /**
   * Hands every record of the subject to {@code sink}, as the data map declares its fields. A failure of
   * the sink is thrown; a failure of the store answers FAILED, and what the sink got so far is incomplete.
   */
  StoreOutcome export(RequestRef request, SubjectIdentities subject, RecordSink sink);

  StoreOutcome rectify(RequestRef request, SubjectIdentities subject, List<Correction> corrections);

  /** Applies each field's erasure action; records still inside their retention period are kept, with the reason. */
  StoreOutcome erase(RequestRef request, SubjectIdentities subject);

  StoreOutcome restrict(RequestRef request, SubjectIdentities subject);

  /**
   * This connector limited to a part of its store: every operation of the returned connector acts only on the
   * scope's collections and controllers' records, and leaves the rest as it is. A manual store's action covers
   * the store (the person doing it is told nothing of a scope).
   */
  Connector within(Scope scope);

  /**
   * The named fields of the records of {@code collection} whose key is one of {@code keys}, by key (a controller
   * customer's contact, read where the data map's {@code controllers} says). Only jdbc stores answer: the map is
   * validated so that no other kind is asked. Not a subject's data: no identity is involved.
   */
  Map<String, Map<String, Object>> readByKey(String collection, Set<String> keys, List<String> fields);

  StoreOutcome unrestrict(RequestRef request, SubjectIdentities subject);

  /**
   * Throws when the store cannot be reached now (for the health endpoint): a connection and nothing read, no
   * subject involved. A manual store is a person and always "reachable".
   */
  default void checkReachable() throws Exception {
  }

  StoreOutcome suppressMarketing(RequestRef request, SubjectIdentities subject);
}
