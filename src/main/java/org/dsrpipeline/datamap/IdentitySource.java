package org.dsrpipeline.datamap;

/** A store as the identity graph sees it. */
public interface IdentitySource {

  String name();

  /**
   * The identity values held by this store's records that match any of {@code known}: one step of the
   * graph. Pseudonyms and blanks are not identities. Throws when the store cannot be reached.
   */
  SubjectIdentities identitiesLinkedTo(SubjectIdentities known) throws Exception;
}
